// Package jsonwire is the small, reflection-free JSON reader and writer behind the SDK's
// models. The models drive it directly: a Decoder walks one input once, left to right, and
// hands out keys and values; the Append functions write JSON into a caller's []byte.
//
// Its grammar, limits and string handling are those of encoding/json, so that a document
// encoding/json accepts is accepted here with the same values, and one it rejects is rejected:
// RFC 8259 syntax, nesting up to MaxDepth, invalid UTF-8 and unpaired surrogate escapes
// replaced by U+FFFD. Numbers of unknown values are json.Number, the literal text, as
// encoding/json's Decoder.UseNumber gives them, so that they are written back byte for byte.
package jsonwire

import (
	"encoding/json"
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of objects and arrays a document may have, counted from the
// root, as in encoding/json.
const MaxDepth = 10000

// arenaMax is the largest input whose strings are sliced out of one shared copy of the input
// (one allocation for all of them). Larger inputs get one allocation per string, so that a
// small string kept by the caller never pins a large body.
const arenaMax = 64 << 10

// SyntaxError reports input that is not valid JSON, or nested deeper than MaxDepth.
type SyntaxError struct {
	Msg    string // what is wrong, in encoding/json's words
	Offset int64  // byte offset of the problem in the input
}

// Error implements error with encoding/json's wording.
func (e *SyntaxError) Error() string { return e.Msg }

// TypeError reports a valid JSON value of a kind the model does not accept at that place,
// or a number that does not fit its Go type.
type TypeError struct {
	Value  string // the JSON value found: "string", "number", "number 1.5", "bool", "array", "object", "null"
	Offset int64  // byte offset of the value in the input
}

// Error implements error: "unexpected" and the kind of value found.
func (e *TypeError) Error() string { return "unexpected " + e.Value }

// Kind is the kind of the next JSON value, as told by its first byte.
type Kind uint8

// The kinds of JSON values. Invalid means the next byte cannot start a value (or the input ended).
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

var kindOf = [256]Kind{
	'n': Null, 't': Bool, 'f': Bool, '"': String, '[': Array, '{': Object,
	'-': Number, '0': Number, '1': Number, '2': Number, '3': Number, '4': Number,
	'5': Number, '6': Number, '7': Number, '8': Number, '9': Number,
}

// strSafe[c] is true for the bytes that can appear in a string as they are: not '"', not
// '\\', not a control character, not the start of a multi-byte sequence.
var strSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Decoder reads one JSON document from a byte slice in a single pass. The zero value is
// ready after Reset. A Decoder must not be used by several goroutines at once.
type Decoder struct {
	buf     []byte
	pos     int
	depth   int
	arena   string // copy of buf, sliced for strings without escapes (when len(buf) <= arenaMax)
	arenaOK bool
	scratch []byte // unescaping buffer
}

// Reset makes the decoder read buf from its start.
func (d *Decoder) Reset(buf []byte) {
	d.buf = buf
	d.pos = 0
	d.depth = 0
	d.arena = ""
	d.arenaOK = false
}

// Input returns the input being read.
func (d *Decoder) Input() []byte { return d.buf }

// Offset returns the current read offset in the input.
func (d *Decoder) Offset() int64 { return int64(d.pos) }

// Peek skips white space and returns the kind of the next value, without consuming it.
func (d *Decoder) Peek() Kind {
	return kindOf[d.ws()]
}

// ws skips white space and returns the next byte, or 0 at the end of the input. The common
// case, no white space, is inlined.
func (d *Decoder) ws() byte {
	if d.pos < len(d.buf) {
		if c := d.buf[d.pos]; c > ' ' {
			return c
		}
	}
	return d.wsSlow()
}

func (d *Decoder) wsSlow() byte {
	for d.pos < len(d.buf) {
		c := d.buf[d.pos]
		if c > ' ' {
			return c
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c
		}
		d.pos++
	}
	return 0
}

// unexpected builds the error for byte c at the current position, found where context says.
func (d *Decoder) unexpected(context string) error {
	if d.pos >= len(d.buf) {
		return &SyntaxError{Msg: "unexpected end of JSON input", Offset: int64(d.pos)}
	}
	return &SyntaxError{Msg: "invalid character " + quoteChar(d.buf[d.pos]) + " " + context, Offset: int64(d.pos)}
}

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// Finish checks that only white space follows the document.
func (d *Decoder) Finish() error {
	if d.ws(); d.pos < len(d.buf) {
		return d.unexpected("after top-level value")
	}
	return nil
}

// Mismatch is called when the next value is not of the kind the caller wants. If the value is
// not valid JSON it returns the syntax error; otherwise it consumes the value and returns a
// *TypeError naming what was found.
func (d *Decoder) Mismatch() error {
	k := d.Peek()
	if k == Invalid {
		return d.unexpected("looking for beginning of value")
	}
	start := d.pos
	if err := d.Skip(); err != nil {
		return err
	}
	v := ""
	switch k {
	case Null:
		v = "null"
	case Bool:
		v = "bool"
	case Number:
		v = "number"
	case String:
		v = "string"
	case Array:
		v = "array"
	case Object:
		v = "object"
	}
	return &TypeError{Value: v, Offset: int64(start)}
}

// AtNull reports whether the value at the current position starts like null. It is meant
// for the position ObjectNext and ArrayNext leave (on the value, white space skipped) and is
// small enough to be inlined; ReadNull then consumes the literal (or reports it malformed).
func (d *Decoder) AtNull() bool {
	return d.pos < len(d.buf) && d.buf[d.pos] == 'n'
}

// ReadNull consumes a null if one is next and reports whether it did.
func (d *Decoder) ReadNull() (bool, error) {
	if d.ws() != 'n' {
		return false, nil
	}
	return true, d.literal("null")
}

func (d *Decoder) literal(lit string) error {
	b := d.buf[d.pos:]
	for i := 0; i < len(lit); i++ {
		if i >= len(b) {
			d.pos += i
			return d.unexpected("")
		}
		if b[i] != lit[i] {
			d.pos += i
			switch lit {
			case "null":
				return d.unexpected("in literal null (expecting " + quoteChar(lit[i]) + ")")
			case "true":
				return d.unexpected("in literal true (expecting " + quoteChar(lit[i]) + ")")
			default:
				return d.unexpected("in literal false (expecting " + quoteChar(lit[i]) + ")")
			}
		}
	}
	d.pos += len(lit)
	return nil
}

// ObjectStart consumes the '{' that opens an object. Any other value gives a *TypeError.
func (d *Decoder) ObjectStart() error {
	if d.ws() != '{' {
		return d.Mismatch()
	}
	d.pos++
	return d.push()
}

func (d *Decoder) push() error {
	d.depth++
	if d.depth > MaxDepth {
		d.pos--
		return d.unexpected("exceeded max depth")
	}
	return nil
}

// ObjectNext advances to the next member of the object being read. first says whether no
// member has been read yet. It returns the raw key (the bytes between the quotes) and whether
// the key needs unescaping (Key does that), or more == false when the object ended.
// After a key, the caller must read or skip exactly one value.
func (d *Decoder) ObjectNext(first bool) (key []byte, esc bool, more bool, err error) {
	c := d.ws()
	if c == '}' {
		d.pos++
		d.depth--
		return nil, false, false, nil
	}
	if !first {
		if c != ',' {
			return nil, false, false, d.unexpected("after object key:value pair")
		}
		d.pos++
		c = d.ws()
	}
	if c != '"' {
		return nil, false, false, d.unexpected("looking for beginning of object key string")
	}
	key, esc, err = d.readStringRaw()
	if err != nil {
		return nil, false, false, err
	}
	if d.ws() != ':' {
		return nil, false, false, d.unexpected("after object key")
	}
	d.pos++
	d.ws() // position on the value, so that the value readers find it at once
	return key, esc, true, nil
}

// Key returns the text of a raw key from ObjectNext, unescaped into a scratch buffer that is
// valid until the next call on d. Use it to compare keys without allocating.
func (d *Decoder) Key(raw []byte, esc bool) []byte {
	if !esc {
		return raw
	}
	d.scratch = unquote(d.scratch[:0], raw)
	return d.scratch
}

// ReadStringRaw reads a string value and returns its raw bytes (between the quotes, valid
// until the decoder is reset) and whether they need unescaping. Any other value gives a
// *TypeError.
func (d *Decoder) ReadStringRaw() (raw []byte, esc bool, err error) {
	if d.ws() != '"' {
		return nil, false, d.Mismatch()
	}
	return d.readStringRaw()
}

// ReadString reads a string value. Any other value gives a *TypeError.
func (d *Decoder) ReadString() (string, error) {
	if d.ws() != '"' {
		return "", d.Mismatch()
	}
	raw, esc, err := d.readStringRaw()
	if err != nil {
		return "", err
	}
	return d.String(raw, esc), nil
}

// ReadStringToken reads a string value and returns it as it appears in the input, quotes and
// escapes included (as encoding/json hands it to an UnmarshalJSON method).
func (d *Decoder) ReadStringToken() ([]byte, error) {
	if d.ws() != '"' {
		return nil, d.Mismatch()
	}
	start := d.pos
	if _, _, err := d.readStringRaw(); err != nil {
		return nil, err
	}
	return d.buf[start:d.pos], nil
}

// String turns a raw string from ReadStringRaw or ObjectNext into a Go string: one
// allocation at most, none for the strings of a small input after the first.
func (d *Decoder) String(raw []byte, esc bool) string {
	if esc {
		d.scratch = unquote(d.scratch[:0], raw)
		return string(d.scratch)
	}
	return d.text(raw)
}

// text returns raw, a sub-slice of the input, as a string: sliced from the shared copy of a
// small input, copied on its own from a large one.
func (d *Decoder) text(raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	if !d.arenaOK {
		if len(d.buf) > arenaMax {
			return string(raw)
		}
		d.arena = string(d.buf)
		d.arenaOK = true
	}
	// raw is a sub-slice of d.buf: find where it starts.
	off := cap(d.buf) - cap(raw)
	return d.arena[off : off+len(raw)]
}

// readStringRaw reads the string starting at d.pos (a '"'). esc reports escapes or bytes that
// are not valid UTF-8, which String replaces as encoding/json does.
func (d *Decoder) readStringRaw() (raw []byte, esc bool, err error) {
	b := d.buf
	start := d.pos + 1
	i := start
	for {
		// Skip 8 bytes at a time to the next byte that needs a look.
		for i+8 <= len(b) {
			if m := stringSpecial8(le64(b[i : i+8])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		for i < len(b) && strSafe[b[i]] {
			i++
		}
		if i >= len(b) {
			d.pos = i
			return nil, false, d.unexpected("")
		}
		c := b[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return b[start:i], esc, nil
		case c == '\\':
			esc = true
			if i+1 >= len(b) {
				d.pos = len(b)
				return nil, false, d.unexpected("")
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for j := i + 2; j < i+6; j++ {
					if j >= len(b) {
						d.pos = len(b)
						return nil, false, d.unexpected("")
					}
					if !isHex(b[j]) {
						d.pos = j
						return nil, false, d.unexpected("in \\u hexadecimal character escape")
					}
				}
				i += 6
			default:
				d.pos = i + 1
				return nil, false, d.unexpected("in string escape code")
			}
		case c < ' ':
			d.pos = i
			return nil, false, d.unexpected("in string literal")
		default: // c >= utf8.RuneSelf
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				esc = true
			}
			i += size
		}
	}
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// le64 reads the 8 bytes of b as a little-endian word.
func le64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// stringSpecial8 returns a mask with the high bit set in the bytes of x that end or interrupt
// a plain run of string bytes: '"', '\\', a control character, a byte >= 0x80. Bits above the
// lowest set one may be false positives (borrows); the lowest one is exact.
func stringSpecial8(x uint64) uint64 {
	m := x | (x-lsb*0x20) & ^x
	q := x ^ (lsb * '"')
	m |= (q - lsb) & ^q
	b := x ^ (lsb * '\\')
	m |= (b - lsb) & ^b
	return m & msb
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unquote appends the text of the raw (already validated) string s to dst, exactly as
// encoding/json unquotes: escapes decoded, unpaired surrogates and invalid UTF-8 → U+FFFD.
func unquote(dst, s []byte) []byte {
	for r := 0; r < len(s); {
		c := s[r]
		switch {
		case c == '\\':
			switch s[r+1] {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				rr := getu4(s[r:])
				r += 6
				if utf16.IsSurrogate(rr) {
					rr1 := getu4(s[r:])
					if dec := utf16.DecodeRune(rr, rr1); dec != utf8.RuneError {
						r += 6
						dst = utf8.AppendRune(dst, dec)
						continue
					}
					rr = utf8.RuneError
				}
				dst = utf8.AppendRune(dst, rr)
				continue
			default: // '"', '\\', '/'
				dst = append(dst, s[r+1])
			}
			r += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			dst = utf8.AppendRune(dst, rr)
		}
	}
	return dst
}

// getu4 decodes \uXXXX from the beginning of s, returning the hex value, or -1.
func getu4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c = c - '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// readNumber reads a number starting at d.pos and returns its bytes and whether it is an
// integer (no fraction, no exponent).
func (d *Decoder) readNumber() (num []byte, integer bool, err error) {
	b := d.buf
	start := d.pos
	i := start
	integer = true
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b):
		d.pos = i
		return nil, false, d.unexpected("")
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		i++
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	default:
		d.pos = i
		return nil, false, d.unexpected("in numeric literal")
	}
	if i < len(b) && b[i] == '.' {
		integer = false
		i++
		if i >= len(b) {
			d.pos = i
			return nil, false, d.unexpected("")
		}
		if b[i] < '0' || b[i] > '9' {
			d.pos = i
			return nil, false, d.unexpected("after decimal point in numeric literal")
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		integer = false
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) {
			d.pos = i
			return nil, false, d.unexpected("")
		}
		if b[i] < '0' || b[i] > '9' {
			d.pos = i
			return nil, false, d.unexpected("in exponent of numeric literal")
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	d.pos = i
	return b[start:i], integer, nil
}

// ReadInt32 reads a number that must be an integer in the range of int32, as encoding/json
// decodes into an int32: a fraction, an exponent or an out-of-range value is a *TypeError.
// Any other value gives a *TypeError too.
func (d *Decoder) ReadInt32() (int32, error) {
	n, err := d.readInt(32)
	return int32(n), err
}

// ReadInt64 reads a number that must be an integer in the range of int64, as encoding/json
// decodes into an int64. Any other value gives a *TypeError.
func (d *Decoder) ReadInt64() (int64, error) {
	return d.readInt(64)
}

// readInt reads an integer in the range of a signed integer of the given bits.
func (d *Decoder) readInt(bits uint) (int64, error) {
	if kindOf[d.ws()] != Number {
		return 0, d.Mismatch()
	}
	start := d.pos
	num, integer, err := d.readNumber()
	if err != nil {
		return 0, err
	}
	if integer {
		neg := num[0] == '-'
		digits := num
		if neg {
			digits = num[1:]
		}
		if len(digits) <= 19 { // 19 digits fit in a uint64 without overflow
			var n uint64
			for _, c := range digits {
				n = n*10 + uint64(c-'0')
			}
			limit := uint64(1) << (bits - 1) // the magnitude of the most negative value
			switch {
			case neg && n <= limit:
				return int64(-n), nil
			case !neg && n < limit:
				return int64(n), nil
			}
		}
	}
	return 0, &TypeError{Value: "number " + string(num), Offset: int64(start)}
}

// ReadFloat64 reads a number as encoding/json decodes into a float64: a number beyond the
// range of float64 is a *TypeError, as is any other value.
func (d *Decoder) ReadFloat64() (float64, error) {
	return d.readFloat(64)
}

// ReadFloat32 reads a number as encoding/json decodes into a float32: a number beyond the
// range of float32 is a *TypeError, as is any other value.
func (d *Decoder) ReadFloat32() (float32, error) {
	f, err := d.readFloat(32)
	return float32(f), err
}

func (d *Decoder) readFloat(bits int) (float64, error) {
	if kindOf[d.ws()] != Number {
		return 0, d.Mismatch()
	}
	start := d.pos
	num, _, err := d.readNumber()
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(string(num), bits)
	if err != nil {
		return 0, &TypeError{Value: "number " + string(num), Offset: int64(start)}
	}
	return f, nil
}

// ReadBool reads true or false. Any other value gives a *TypeError.
func (d *Decoder) ReadBool() (bool, error) {
	switch d.ws() {
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	}
	return false, d.Mismatch()
}

// ArrayStart consumes the '[' that opens an array. Any other value gives a *TypeError.
func (d *Decoder) ArrayStart() error {
	if d.ws() != '[' {
		return d.Mismatch()
	}
	d.pos++
	return d.push()
}

// ArrayNext advances to the next element of the array being read; first says whether no
// element has been read yet. It returns false when the array ended. After true, the caller
// must read or skip exactly one value.
func (d *Decoder) ArrayNext(first bool) (bool, error) {
	c := d.ws()
	if c == ']' {
		d.pos++
		d.depth--
		return false, nil
	}
	if !first {
		if c != ',' {
			return false, d.unexpected("after array element")
		}
		d.pos++
		d.ws()
	}
	return true, nil
}

// ReadValue reads any value as encoding/json decodes into an interface{} with
// Decoder.UseNumber: nil, bool, json.Number, string, []interface{} or map[string]interface{}
// (duplicate keys: the last wins). A json.Number holds the literal text of the number, so
// any number the grammar allows is accepted, however large or precise, and AppendValue
// writes it back unchanged. Every error is a *SyntaxError.
func (d *Decoder) ReadValue() (interface{}, error) {
	switch c := d.ws(); c {
	case '"':
		raw, esc, err := d.readStringRaw()
		if err != nil {
			return nil, err
		}
		return d.String(raw, esc), nil
	case '{':
		d.pos++
		if err := d.push(); err != nil {
			return nil, err
		}
		m := make(map[string]interface{})
		for first := true; ; first = false {
			raw, esc, more, err := d.ObjectNext(first)
			if err != nil {
				return nil, err
			}
			if !more {
				return m, nil
			}
			k := d.String(raw, esc)
			v, err := d.ReadValue()
			if err != nil {
				return nil, err
			}
			m[k] = v
		}
	case '[':
		d.pos++
		if err := d.push(); err != nil {
			return nil, err
		}
		a := make([]interface{}, 0)
		if d.ws() == ']' {
			d.pos++
			d.depth--
			return a, nil
		}
		for {
			v, err := d.ReadValue()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
			switch d.ws() {
			case ',':
				d.pos++
			case ']':
				d.pos++
				d.depth--
				return a, nil
			default:
				return nil, d.unexpected("after array element")
			}
		}
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	case 'n':
		return nil, d.literal("null")
	default:
		if kindOf[c] != Number {
			return nil, d.unexpected("looking for beginning of value")
		}
		num, _, err := d.readNumber()
		if err != nil {
			return nil, err
		}
		return json.Number(d.text(num)), nil
	}
}

// Skip consumes the next value, checking its syntax, without building anything.
func (d *Decoder) Skip() error {
	switch c := d.ws(); c {
	case '"':
		_, _, err := d.readStringRaw()
		return err
	case '{':
		d.pos++
		if err := d.push(); err != nil {
			return err
		}
		for first := true; ; first = false {
			_, _, more, err := d.ObjectNext(first)
			if err != nil {
				return err
			}
			if !more {
				return nil
			}
			if err := d.Skip(); err != nil {
				return err
			}
		}
	case '[':
		d.pos++
		if err := d.push(); err != nil {
			return err
		}
		if d.ws() == ']' {
			d.pos++
			d.depth--
			return nil
		}
		for {
			if err := d.Skip(); err != nil {
				return err
			}
			switch d.ws() {
			case ',':
				d.pos++
			case ']':
				d.pos++
				d.depth--
				return nil
			default:
				return d.unexpected("after array element")
			}
		}
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	default:
		if kindOf[c] != Number {
			return d.unexpected("looking for beginning of value")
		}
		_, _, err := d.readNumber()
		return err
	}
}

// Validate reports the first syntax error of the document b (one value, white space around
// it allowed), or nil when b is valid JSON.
func Validate(b []byte) error {
	var d Decoder
	d.Reset(b)
	if err := d.Skip(); err != nil {
		return err
	}
	return d.Finish()
}
