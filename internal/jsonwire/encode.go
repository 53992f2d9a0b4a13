package jsonwire

import (
	"encoding/json"
	"errors"
	"math"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// digits2 holds the two-digit decimal forms of 00 to 99, back to back.
const digits2 = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// plain[c] is true for the bytes encoding/json (with HTML escaping, as json.Marshal does)
// writes as they are: ASCII but control characters, '"', '\\', '<', '>' and '&'.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// AppendString appends s as a JSON string, escaped byte for byte as json.Marshal escapes it:
// '"', '\\' and control characters; '<', '>' and '&' as \u003c, \u003e, \u0026; U+2028 and
// U+2029; invalid UTF-8 as \ufffd.
func AppendString(dst []byte, s string) []byte {
	// Fast path: check 16, then 8 bytes at a time; a string with nothing to escape is copied
	// at once.
	i := 0
	if len(s) < 8 {
		for i < len(s) && plain[s[i]] {
			i++
		}
	} else {
		t := s
		for len(t) > 16 && (specialBits(load8(t))|specialBits(load8(t[8:])))&msb == 0 {
			t = t[16:]
		}
		for len(t) > 8 && !special8(load8(t)) {
			t = t[8:]
		}
		i = len(s) - len(t)
		if len(t) <= 8 && !special8(load8(s[len(s)-8:])) {
			i = len(s) // the last 8 bytes (overlapping checked ones) are clean too
		}
	}
	if i == len(s) {
		n := len(dst)
		if cap(dst)-n < len(s)+2 {
			dst = grow(dst, len(s)+2)
		}
		dst = dst[:n+len(s)+2]
		dst[n] = '"'
		copy(dst[n+1:], s)
		dst[len(dst)-1] = '"'
		return dst
	}
	return appendStringSlow(dst, s, i)
}

// grow returns dst with room for n more bytes.
func grow(dst []byte, n int) []byte {
	return append(dst, make([]byte, n)...)[:len(dst)]
}

// appendStringSlow is AppendString for a string with something to escape at or after i.
func appendStringSlow(dst []byte, s string, i int) []byte {
	dst = append(dst, '"')
	start := 0
	for i < len(s) {
		b := s[i]
		if b < utf8.RuneSelf {
			if plain[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// load8 reads the 8 bytes of s as a little-endian word (the compiler turns this into one
// load without bounds checks).
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// special8 reports whether any byte of x is one AppendString must look at: a control
// character, '"', '\\', '<', '>', '&', or a byte of a multi-byte sequence. '"'/'&' and '<'/'>'
// differ in one bit each, so setting that bit first makes one test of two characters.
//
// Each term is the "has a byte below n" trick (v - n per byte wraps, setting the high bit, only
// for a byte below n, or where a borrow comes from a lower byte that wrapped). It is exact here
// without the usual "& ^v": a byte with the high bit set is special anyway (x is or-ed in), and
// otherwise every byte of v is below 0x80, so only a wrap sets a high bit; the lowest wrap of
// each term is at a special byte, so a set bit means a special byte.
func special8(x uint64) bool {
	return specialBits(x)&msb != 0
}

// specialBits is special8 before the test: the high bit of a byte is set in the result if the
// byte, or one below it, is special. The results of several words can be or-ed, then tested.
func specialBits(x uint64) uint64 {
	q := (x | lsb*0x04) ^ (lsb * '&') // zero where '"' or '&'
	a := (x | lsb*0x02) ^ (lsb * '>') // zero where '<' or '>'
	b := x ^ (lsb * '\\')             // zero where '\\'
	return x | (x - lsb*0x20) | (q - lsb) | (a - lsb) | (b - lsb)
}

// AppendFloat appends f as encoding/json writes a float64; NaN and infinities are an error.
func AppendFloat(dst []byte, f float64) ([]byte, error) {
	return appendFloat(dst, f, 64)
}

// AppendFloat32 appends f as encoding/json writes a float32 (the shortest text that reads back
// as the same float32); NaN and infinities are an error.
func AppendFloat32(dst []byte, f float32) ([]byte, error) {
	return appendFloat(dst, float64(f), 32)
}

func appendFloat(dst []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, &json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, bits)}
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, nil
}

// The local seconds (Unix time plus zone offset) of 0000-01-01T00:00:00 and
// 9999-12-31T23:59:59: the instants RFC 3339 can write, in any zone.
const (
	minLocalSecs = -62167219200
	maxLocalSecs = 253402300799
)

// AppendTime appends t byte for byte as time.Time.MarshalJSON (and so encoding/json) writes
// it: RFC 3339 with the nanoseconds when present, trailing zeros dropped (time.RFC3339Nano),
// "Z" for a zero offset, and the offset in whole minutes truncated towards zero otherwise, so
// that an offset between -60 s and 0 (a zone's local mean time before 1900, say) is written
// "+00:00". Its errors are those of time.Time.MarshalJSON too: for a year outside [0,9999]
// or a zone offset of 24 hours or more, which RFC 3339 cannot express.
func AppendTime(dst []byte, t time.Time) ([]byte, error) {
	offset := 0
	if t.Location() != time.UTC {
		_, offset = t.Zone()
	}
	if offset <= -86400 || offset >= 86400 {
		return appendTimeSlow(dst, t)
	}
	secs := t.Unix()
	if secs < minLocalSecs-86400 || secs > maxLocalSecs+86400 {
		return appendTimeSlow(dst, t) // also keeps secs+offset from overflowing
	}
	secs += int64(offset)
	if secs < minLocalSecs || secs > maxLocalSecs {
		return appendTimeSlow(dst, t)
	}
	days := secs / 86400
	rem := secs % 86400
	if rem < 0 {
		rem += 86400
		days--
	}
	year, month, day := civilFromDays(days)
	hour, minute, second := int(rem/3600), int(rem/60%60), int(rem%60)
	y1, y2 := year/100*2, year%100*2
	mo, d, h, mi, se := month*2, day*2, hour*2, minute*2, second*2
	dst = append(dst, '"', digits2[y1], digits2[y1+1], digits2[y2], digits2[y2+1], '-',
		digits2[mo], digits2[mo+1], '-', digits2[d], digits2[d+1], 'T',
		digits2[h], digits2[h+1], ':', digits2[mi], digits2[mi+1], ':', digits2[se], digits2[se+1])
	if ns := t.Nanosecond(); ns != 0 {
		// Nine digits, trailing zeros dropped, as time.RFC3339Nano does.
		a, b, c, e := ns/10000000*2, ns/100000%100*2, ns/1000%100*2, ns/10%100*2
		frac := [10]byte{'.', digits2[a], digits2[a+1], digits2[b], digits2[b+1], digits2[c], digits2[c+1],
			digits2[e], digits2[e+1], byte('0' + ns%10)}
		n := 10
		for frac[n-1] == '0' {
			n--
		}
		dst = append(dst, frac[:n]...)
	}
	if offset == 0 {
		return append(dst, 'Z', '"'), nil
	}
	// The time package writes the offset in minutes, truncated towards zero, and takes the
	// sign from the minutes: -30 s is "+00:00", not "-00:00".
	zone := offset / 60
	sign := byte('+')
	if zone < 0 {
		sign = '-'
		zone = -zone
	}
	h, m := zone/60*2, zone%60*2
	return append(dst, sign, digits2[h], digits2[h+1], ':', digits2[m], digits2[m+1], '"'), nil
}

// appendTimeSlow is AppendTime for a year or an offset the fast path does not handle (in
// practice, the times time.Time.MarshalJSON refuses): the time package writes it, or words
// the error.
func appendTimeSlow(dst []byte, t time.Time) ([]byte, error) {
	b, err := t.MarshalJSON()
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// civilFromDays converts days since 1970-01-01 to a proleptic Gregorian date (Howard
// Hinnant's algorithm). AppendTime calls it for years 0 to 9999 only.
func civilFromDays(days int64) (year, month, day int) {
	z := days + 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}

// cycleCheckDepth is the nesting below which AppendValue hands a value to json.Marshal, which
// detects cycles (a map that contains itself) instead of recursing forever.
const cycleCheckDepth = 1000

// AppendValue appends v as json.Marshal would write it. The types ReadValue produces
// (nil, bool, json.Number, string, []interface{}, map[string]interface{}) and float64 are
// written directly, a json.Number verbatim once checked to be a number literal; anything
// else goes through json.Marshal.
func AppendValue(dst []byte, v interface{}) ([]byte, error) {
	return appendValue(dst, v, 0)
}

func appendValue(dst []byte, v interface{}, depth int) ([]byte, error) {
	if depth > cycleCheckDepth {
		return appendMarshal(dst, v)
	}
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case bool:
		if v {
			return append(dst, "true"...), nil
		}
		return append(dst, "false"...), nil
	case json.Number:
		return AppendNumber(dst, v)
	case float64:
		return AppendFloat(dst, v)
	case string:
		return AppendString(dst, v), nil
	case []interface{}:
		if v == nil {
			return append(dst, "null"...), nil
		}
		dst = append(dst, '[')
		for i, e := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendValue(dst, e, depth+1); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	case map[string]interface{}:
		if v == nil {
			return append(dst, "null"...), nil
		}
		dst = append(dst, '{')
		var err error
		for i, k := range SortedKeys(v) {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, k)
			dst = append(dst, ':')
			if dst, err = appendValue(dst, v[k], depth+1); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	default:
		return appendMarshal(dst, v)
	}
}

// AppendNumber appends n verbatim, as encoding/json writes a json.Number: the empty Number
// as 0, and anything that is not a JSON number literal is an error.
func AppendNumber(dst []byte, n json.Number) ([]byte, error) {
	if n == "" {
		return append(dst, '0'), nil
	}
	if !IsNumber(string(n)) {
		return dst, errors.New("json: invalid number literal " + strconv.Quote(string(n)))
	}
	return append(dst, n...), nil
}

// IsNumber reports whether s is a JSON number literal (RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?
// ([eE][+-]?[0-9]+)?), the check encoding/json makes before writing a json.Number.
func IsNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i >= len(s):
		return false
	case s[i] == '0':
		i++
	case '1' <= s[i] && s[i] <= '9':
		i++
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return false
		}
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return false
		}
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	}
	return i == len(s)
}

func appendMarshal(dst []byte, v interface{}) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// SortedKeys returns the keys of m in the order encoding/json writes them (byte order).
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// CheckTime reports whether AppendTime can write t, for a decoder that must refuse what it
// could not encode again. Go's RFC 3339 parser accepts zone offsets RFC 3339 does not
// (+24:00 to +24:60, +23:60, and their negatives) that time.Time.MarshalJSON then refuses.
// The error names the time and what is out of range, in terms of the input rather than of
// MarshalJSON: `time "2026-11-26T19:56:10+24:00": zone offset outside of range [-23:59,+23:59]`.
func CheckTime(t time.Time) error {
	offset := 0
	if t.Location() != time.UTC {
		_, offset = t.Zone()
	}
	if offset <= -86400 || offset >= 86400 {
		return timeError(t, "zone offset outside of range [-23:59,+23:59]")
	}
	if secs := t.Unix(); secs >= minLocalSecs-86400 && secs <= maxLocalSecs+86400 {
		if secs += int64(offset); secs >= minLocalSecs && secs <= maxLocalSecs {
			return nil
		}
	}
	return timeError(t, "year outside of range [0,9999]")
}

// timeError is the error of CheckTime: the time as the time package formats it, then why it
// cannot be written.
func timeError(t time.Time, why string) error {
	return errors.New("time " + strconv.Quote(t.Format(time.RFC3339Nano)) + ": " + why)
}
