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

// strPlain[c] is true for the ASCII bytes encoding/json (with HTML escaping, as json.Marshal
// does) writes as they are.
var strPlain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// AppendString appends s as a JSON string, escaped byte for byte as json.Marshal escapes it:
// '"', '\\' and control characters; '<', '>' and '&' as \u003c, \u003e, \u0026; U+2028 and
// U+2029; invalid UTF-8 as \ufffd.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if strPlain[b] {
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

// AppendFloat appends f as encoding/json writes a float64; NaN and infinities are an error.
func AppendFloat(dst []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, &json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
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

// AppendTime appends t as encoding/json writes a time.Time: RFC 3339 with nanoseconds when
// present. Like time.Time.MarshalJSON it refuses a year outside [0,9999] or a zone offset
// that RFC 3339 cannot express.
func AppendTime(dst []byte, t time.Time) ([]byte, error) {
	n0 := len(dst)
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339Nano)
	b := dst[n0+1:]
	bad := false
	switch {
	case len(b) < 5 || b[4] != '-': // year must be exactly 4 digits wide
		bad = true
	case b[len(b)-1] != 'Z':
		c := b[len(b)-len("Z07:00")]
		tail := b[len(b)-len("07:00"):]
		bad = ('0' <= c && c <= '9') || 10*(tail[0]-'0')+(tail[1]-'0') >= 24
	}
	if bad {
		// Rare: let the time package word the error.
		_, err := t.MarshalJSON()
		if err == nil {
			err = errors.New("Time.MarshalJSON: time not representable in RFC 3339")
		}
		return dst[:n0], err
	}
	return append(dst, '"'), nil
}

// cycleCheckDepth is the nesting below which AppendValue hands a value to json.Marshal, which
// detects cycles (a map that contains itself) instead of recursing forever.
const cycleCheckDepth = 1000

// AppendValue appends v as json.Marshal would write it. The types ReadValue produces
// (nil, bool, float64, string, []interface{}, map[string]interface{}) are written directly;
// anything else goes through json.Marshal.
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

func appendMarshal(dst []byte, v interface{}) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// SortedKeys returns the keys of m in the order encoding/json writes them (byte order).
func SortedKeys(m map[string]interface{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// CheckTime reports whether AppendTime can write t. Go's RFC 3339 parser accepts a few zone
// offsets RFC 3339 does not (+24:00, +23:60) that time.Time.MarshalJSON then refuses; the
// models reject those on decode so that whatever they decode they can encode again.
func CheckTime(t time.Time) error {
	var buf [64]byte
	_, err := AppendTime(buf[:0], t)
	return err
}
