package jsonwire

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var stringCases = []string{
	"", "a", "plain ascii text that is longer than eight bytes", `"quoted"`, `back\slash`, "<script>&amp;</script>",
	"\x00\x01\x07\b\f\n\r\t\x1f\x7f", "é✓ 日本語 😀", "\u2028\u2029", "a\u2028b\u2029c", "\xff", "bad\xffutf8\xfe",
	"\xed\xa0\x80", "trunc\xe2\x82", "\xc0\xaf", "12345678<", "1234567>", "123456&", "12345678\"9", "1234567\\",
	"abcdefgh\x80", "\U0010FFFF", "\ufffd", strings.Repeat("x", 1000) + "<",
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range stringCases {
		want, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(AppendString(nil, s)), "%q", s)
		assert.Equal(t, "x"+string(want), string(AppendString([]byte("x"), s)))
	}
}

func TestAppendStringEveryByteAtEveryOffset(t *testing.T) {
	// Each byte value at each position of strings of several lengths: exercises the 16- and
	// 8-byte fast paths, the overlapping last word and the byte loop.
	for _, n := range []int{1, 7, 8, 9, 15, 16, 17, 24, 25, 32, 33, 41} {
		for c := 0; c < 256; c++ {
			for pos := 0; pos < n; pos++ {
				b := []byte(strings.Repeat("a", n))
				b[pos] = byte(c)
				want, _ := json.Marshal(string(b))
				if got := AppendString(nil, string(b)); string(got) != string(want) {
					t.Fatalf("byte %#x at %d of %d: got %s want %s", c, pos, n, got, want)
				}
			}
		}
	}
}

func TestSpecial8(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&'
		for pos := 0; pos < 8; pos++ {
			x := uint64(lsb * 'a')
			x &^= 0xff << (8 * pos)
			x |= uint64(c) << (8 * pos)
			assert.Equal(t, want, special8(x), "byte %#x at %d", c, pos)
		}
	}
	assert.False(t, special8(lsb*'a'))
}

// special8Want is special8 byte by byte.
func special8Want(x uint64) bool {
	for i := 0; i < 8; i++ {
		if c := byte(x >> (8 * i)); !plain[c] {
			return true
		}
	}
	return false
}

func TestSpecial8PairsAndRandomWords(t *testing.T) {
	// Every pair of byte values at every pair of positions, over two backgrounds: exercises
	// the borrows between bytes.
	for _, bg := range []uint64{lsb * 'a', lsb * 0x21} {
		for c1 := 0; c1 < 256; c1++ {
			for c2 := 0; c2 < 256; c2++ {
				for p1 := 0; p1 < 8; p1++ {
					for p2 := p1 + 1; p2 < 8; p2++ {
						x := bg&^(0xff<<(8*p1))&^(0xff<<(8*p2)) | uint64(c1)<<(8*p1) | uint64(c2)<<(8*p2)
						if special8(x) != special8Want(x) {
							t.Fatalf("%#016x: got %v", x, special8(x))
						}
					}
				}
			}
		}
	}
	// Random words of bytes near the edges of the special ranges.
	edges := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x25, 0x26, 0x27, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
		0x5b, 0x5c, 0x5d, 0x7e, 0x7f, 0x80, 0x81, 0xa0, 0xdc, 0xfe, 0xff, 'a', 'a', 'a', 'a'}
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 1_000_000; i++ {
		var x uint64
		for j := 0; j < 8; j++ {
			x |= uint64(edges[r.Intn(len(edges))]) << (8 * j)
		}
		if i%2 == 0 {
			x ^= r.Uint64() & r.Uint64() & r.Uint64() // a few random bits flipped
		}
		if special8(x) != special8Want(x) {
			t.Fatalf("%#016x: got %v", x, special8(x))
		}
	}
}

func FuzzSpecial8(f *testing.F) {
	f.Add(uint64(lsb * 'a'))
	f.Add(uint64(0x2122232425262728))
	f.Fuzz(func(t *testing.T, x uint64) {
		if special8(x) != special8Want(x) {
			t.Fatalf("%#016x: got %v", x, special8(x))
		}
	})
}

func FuzzAppendString(f *testing.F) {
	for _, s := range stringCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		require.NoError(t, err)
		require.Equal(t, string(want), string(AppendString(nil, s)))
	})
}

func TestAppendFloat(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 1e-7, 123456789, 1e20, 1e21, 1.5e300, 5e-324,
		math.MaxFloat64, -1e-7, 12345678901234567890, 1.0000000000000002} {
		want, err := json.Marshal(f)
		require.NoError(t, err)
		got, err := AppendFloat(nil, f)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%v", f)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, err := AppendFloat(nil, f)
		var uv *json.UnsupportedValueError
		assert.ErrorAs(t, err, &uv)
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 10000; i++ {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		want, _ := json.Marshal(f)
		got, _ := AppendFloat(nil, f)
		require.Equal(t, string(want), string(got))
	}
}

func TestAppendTimeMatchesTimeMarshalJSON(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("", 0), time.FixedZone("a", 3600), time.FixedZone("b", -5*3600-30*60),
		time.FixedZone("c", 23*3600+59*60), time.FixedZone("d", 24*3600), time.FixedZone("e", -24*3600),
		time.FixedZone("f", 30), time.FixedZone("g", -90)}
	times := []time.Time{
		time.Date(2026, 11, 26, 19, 56, 10, 123000000, time.UTC), time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(-1, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1970, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 100, time.UTC), time.Date(2000, 2, 29, 12, 0, 0, 0, time.UTC),
		time.Date(1600, 3, 1, 0, 0, 0, 0, time.UTC), {},
	}
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		times = append(times, time.Unix(r.Int63n(400*365*86400)-100*365*86400, r.Int63n(1e9)))
	}
	for _, tm := range times {
		for _, z := range zones {
			tz := tm.In(z)
			want, wantErr := tz.MarshalJSON()
			got, gotErr := AppendTime(nil, tz)
			if (wantErr == nil) != (gotErr == nil) {
				t.Fatalf("%v: errors differ: %v vs %v", tz, gotErr, wantErr)
			}
			if wantErr == nil && string(got) != string(want) {
				t.Fatalf("%v: got %s want %s", tz, got, want)
			}
			assert.Equal(t, wantErr == nil, CheckTime(tz) == nil)
		}
	}
	local, err := time.LoadLocation("America/New_York")
	if err == nil {
		tm := time.Date(2026, 7, 1, 12, 0, 0, 0, local)
		want, _ := tm.MarshalJSON()
		got, err := AppendTime(nil, tm)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
}

func decodeOne(t *testing.T, in string) (interface{}, error) {
	t.Helper()
	var d Decoder
	d.Reset([]byte(in))
	v, err := d.ReadValue()
	if err == nil {
		err = d.Finish()
	}
	return v, err
}

func TestReadValueMatchesEncodingJSON(t *testing.T) {
	cases := []string{
		`null`, `true`, `false`, `0`, `-0`, `1.5e3`, `-1E-2`, `123456789012345678901234567890`, `""`, `"a\u00e9\ud83d\ude00"`,
		`"\ud800"`, `"\ud800\ud800"`, `"\udc00"`, `"\ud800\u0041"`, "\"\xff\xfe\"", `[]`, `{}`, `[1,"a",null,{"b":[]}]`,
		`{"a":1,"a":2}`, ` { "k" : [ 1 , 2 ] } `, `{"\u0061":1,"a":2}`, "{\"\xff\":1}", `"\/\b\f\n\r\t\"\\"`,
		// invalid
		``, ` `, `nul`, `tru`, `fals`, `nulll`, `[1,]`, `[,1]`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":1 "b":2}`, `[1 2]`,
		`01`, `-`, `-a`, `1.`, `.5`, `1e`, `1e+`, `+1`, `"abc`, `"\x"`, `"\u12g4"`, `"\u12"`, "\"\x01\"", `'a'`, `[`, `{`,
		`{"a"`, `{"a":`, `1 2`, `[]]`, "\xef\xbb\xbf1", `NaN`, `Infinity`, `-01`, `1.e1`, `1e+-1`, `0x10`,
		// numbers beyond float64, kept as their text
		`1e400`, `-1e400`, `1E-400`, `1732650970123456789`, `9007199254740993`, `-0.0e-0`, `[1.50,2E+2,{"n":-0}]`,
		`123456789012345678901234567890.123456789012345678901234567890e-999999999999`,
	}
	for _, in := range cases {
		got, gotErr := decodeOne(t, in)
		want, wantErr := useNumber(in)
		if wantErr != nil {
			assert.Error(t, gotErr, "%q accepted", in)
			continue
		}
		if assert.NoError(t, gotErr, "%q", in) {
			assert.Equal(t, want, got, "%q", in)
		}
	}
}

// useNumber decodes in as encoding/json does into an interface{} with Decoder.UseNumber,
// the whole input being one value.
func useNumber(in string) (interface{}, error) {
	dec := json.NewDecoder(strings.NewReader(in))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if !json.Valid([]byte(in)) { // trailing data Decode does not look at
		return nil, errors.New("invalid")
	}
	return v, nil
}

func TestReadValueNumbersAreTheirText(t *testing.T) {
	in := `[1732650970123456789, 9007199254740993,1e400 , -0.10E+01]`
	v, err := decodeOne(t, in)
	require.NoError(t, err)
	want := []interface{}{json.Number("1732650970123456789"), json.Number("9007199254740993"), json.Number("1e400"), json.Number("-0.10E+01")}
	assert.Equal(t, want, v)
	out, err := AppendValue(nil, v)
	require.NoError(t, err)
	assert.Equal(t, `[1732650970123456789,9007199254740993,1e400,-0.10E+01]`, string(out))

	// The numbers of a small input share its one copy, like its strings: decoding them costs
	// what decoding strings costs (the array, its growth, one copy, one box per element).
	var d Decoder
	allocsOf := func(b []byte) float64 {
		return testing.AllocsPerRun(100, func() {
			d.Reset(b)
			if _, err := d.ReadValue(); err != nil {
				t.Fatal(err)
			}
		})
	}
	assert.Equal(t, allocsOf([]byte(`["1","22","x","333"]`)), allocsOf([]byte(`[1,22,"x",333]`)))
	b := []byte(`[1,22,"x",333]`)
	d.Reset(b)
	v, err = d.ReadValue()
	require.NoError(t, err)
	b[1] = '9' // no aliasing of the input
	assert.Equal(t, json.Number("1"), v.([]interface{})[0])
}

func TestAppendNumberMatchesEncodingJSON(t *testing.T) {
	for _, n := range []string{"", "0", "-0", "1", "-1", "1.5", "1e400", "1E+2", "-0.0e-0", "1732650970123456789",
		"01", "+1", "1.", ".1", "1e", "1e+", "-", "--1", " 1", "1 ", "NaN", "Infinity", "0x10", "1_000", "1.5.5", "١", "1\x00"} {
		want, wantErr := json.Marshal(json.Number(n))
		got, gotErr := AppendNumber([]byte("x"), json.Number(n))
		if wantErr != nil {
			if assert.Error(t, gotErr, "%q accepted", n) {
				assert.Equal(t, wantErr.Error(), gotErr.Error(), "%q", n)
				assert.Equal(t, "x", string(got), "%q: partial output", n)
			}
			assert.False(t, IsNumber(n), "%q", n)
			continue
		}
		if assert.NoError(t, gotErr, "%q", n) {
			assert.Equal(t, "x"+string(want), string(got), "%q", n)
		}
	}
}

func FuzzAppendNumber(f *testing.F) {
	for _, n := range []string{"", "0", "-0", "1.5e-3", "01", "1.", "1e400", "+1"} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n string) {
		want, wantErr := json.Marshal(json.Number(n))
		got, gotErr := AppendNumber(nil, json.Number(n))
		if (wantErr == nil) != (gotErr == nil) || string(want) != string(got) {
			t.Fatalf("%q: got %q, %v; encoding/json %q, %v", n, got, gotErr, want, wantErr)
		}
	})
}

func TestSyntaxErrorMessages(t *testing.T) {
	cases := map[string]string{
		``:         "unexpected end of JSON input",
		`[1,]`:     "invalid character ']' looking for beginning of value",
		`{"a" 1}`:  "invalid character '1' after object key",
		`{"a":1 2`: "invalid character '2' after object key:value pair",
		`[1 2]`:    "invalid character '2' after array element",
		`1 2`:      "invalid character '2' after top-level value",
		`{1}`:      "invalid character '1' looking for beginning of object key string",
		`"\x"`:     "invalid character 'x' in string escape code",
		`nul1`:     "invalid character '1' in literal null (expecting 'l')",
		`01`:       "invalid character '1' after top-level value",
		`-a`:       "invalid character 'a' in numeric literal",
		`1.a`:      "invalid character 'a' after decimal point in numeric literal",
		`1ea`:      "invalid character 'a' in exponent of numeric literal",
		"\"\x01\"": `invalid character '\x01' in string literal`,
		`"\u12x4"`: `invalid character 'x' in \u hexadecimal character escape`,
	}
	for in, msg := range cases {
		_, err := decodeOne(t, in)
		var se *SyntaxError
		if assert.ErrorAs(t, err, &se, in) {
			assert.Equal(t, msg, se.Error(), in)
		}
		// encoding/json says the same.
		var v interface{}
		stdErr := json.Unmarshal([]byte(in), &v)
		assert.EqualError(t, stdErr, msg, in)
	}
}

func TestDepthLimit(t *testing.T) {
	ok := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	_, err := decodeOne(t, ok)
	assert.NoError(t, err)
	assert.NoError(t, Validate([]byte(ok)))
	deep := "[" + ok + "]"
	_, err = decodeOne(t, deep)
	assert.EqualError(t, err, "invalid character '[' exceeded max depth")
	assert.Error(t, Validate([]byte(deep)))
	assert.False(t, json.Valid([]byte(deep)))
	objs := strings.Repeat(`{"a":`, MaxDepth+1)
	_, err = decodeOne(t, objs)
	assert.ErrorContains(t, err, "exceeded max depth")
}

func TestReadInt32AndTypeErrors(t *testing.T) {
	for in, want := range map[string]int32{"0": 0, "-0": 0, "2147483647": 1<<31 - 1, "-2147483648": -1 << 31, " 42 ": 42} {
		var d Decoder
		d.Reset([]byte(in))
		n, err := d.ReadInt32()
		require.NoError(t, err, in)
		assert.Equal(t, want, n)
	}
	for in, value := range map[string]string{"2147483648": "number 2147483648", "1.0": "number 1.0", "1e1": "number 1e1",
		`"1"`: "string", "true": "bool", "null": "null", "[1]": "array", `{"a":1}`: "object", "12345678901": "number 12345678901"} {
		var d Decoder
		d.Reset([]byte(in))
		_, err := d.ReadInt32()
		var te *TypeError
		require.ErrorAs(t, err, &te, in)
		assert.Equal(t, value, te.Value)
		assert.Equal(t, "unexpected "+value, te.Error())
	}
	// A wrong kind that is also invalid JSON is a syntax error.
	var d Decoder
	d.Reset([]byte(`[1,`))
	_, err := d.ReadString()
	var se *SyntaxError
	assert.True(t, errors.As(err, &se))
	d.Reset([]byte(`@`))
	_, err = d.ReadInt32()
	assert.True(t, errors.As(err, &se))
	d.Reset([]byte(`5`))
	_, err = d.ReadStringToken()
	var te *TypeError
	assert.True(t, errors.As(err, &te))
	d.Reset([]byte(`5`))
	_, _, err = d.ReadStringRaw()
	assert.True(t, errors.As(err, &te))
	d.Reset([]byte(`5`))
	assert.True(t, errors.As(d.ObjectStart(), &te))
}

func TestStringsShareOneCopyOfSmallInputs(t *testing.T) {
	in := []byte(`["abc","de","f\u0067"]`)
	var d Decoder
	d.Reset(in)
	allocs := testing.AllocsPerRun(100, func() {
		d.Reset(in)
		require.NoError(t, d.Skip())
	})
	assert.Zero(t, allocs, "Skip allocates")
	v, err := decodeOne(t, string(in))
	require.NoError(t, err)
	assert.Equal(t, []interface{}{"abc", "de", "fg"}, v)
	in[2] = 'X' // the decoded strings do not alias the input
	assert.Equal(t, "abc", v.([]interface{})[0])
	assert.Equal(t, Null, kindAt(`null`))
	assert.Equal(t, Invalid, kindAt(`x`))
	assert.Equal(t, Object, kindAt(` {`))
	d.Reset([]byte(`  "x"`))
	_, err = d.ReadString()
	require.NoError(t, err)
	assert.Equal(t, int64(5), d.Offset())
	assert.Equal(t, `  "x"`, string(d.Input()))
}

func kindAt(s string) Kind {
	var d Decoder
	d.Reset([]byte(s))
	return d.Peek()
}

func TestAppendValue(t *testing.T) {
	v := map[string]interface{}{"b": []interface{}{1.5, "x<", nil, true, false, map[string]interface{}{}}, "a": json.Number("12"),
		"c": struct{ X int }{1}, "d": []interface{}(nil), "e": map[string]interface{}(nil)}
	want, err := json.Marshal(v)
	require.NoError(t, err)
	got, err := AppendValue(nil, v)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	_, err = AppendValue(nil, map[string]interface{}{"f": func() {}})
	assert.Error(t, err)
	_, err = AppendValue(nil, []interface{}{math.NaN()})
	assert.Error(t, err)
	// A map that contains itself is an error (from encoding/json), not a stack overflow.
	cyc := map[string]interface{}{}
	cyc["self"] = cyc
	_, err = AppendValue(nil, cyc)
	assert.Error(t, err)
	assert.True(t, utf8.Valid(got))
}

func TestReadIntRanges(t *testing.T) {
	for _, c := range []struct {
		in     string
		bits   int
		want   int64
		wantOK bool
	}{
		{"0", 32, 0, true}, {"-0", 32, 0, true}, {"2147483647", 32, 2147483647, true},
		{"2147483648", 32, 0, false}, {"-2147483648", 32, -2147483648, true}, {"-2147483649", 32, 0, false},
		{"9223372036854775807", 64, 9223372036854775807, true}, {"9223372036854775808", 64, 0, false},
		{"-9223372036854775808", 64, -9223372036854775808, true}, {"-9223372036854775809", 64, 0, false},
		{"99999999999999999999", 64, 0, false}, {"1.0", 64, 0, false}, {"1e3", 64, 0, false},
		{"12", 64, 12, true}, {"-12", 64, -12, true},
	} {
		var d Decoder
		d.Reset([]byte(c.in))
		var got int64
		var err error
		if c.bits == 32 {
			var v int32
			v, err = d.ReadInt32()
			got = int64(v)
		} else {
			got, err = d.ReadInt64()
		}
		// encoding/json is the reference.
		var ref32 int32
		var ref64 int64
		var refErr error
		if c.bits == 32 {
			refErr = json.Unmarshal([]byte(c.in), &ref32)
			ref64 = int64(ref32)
		} else {
			refErr = json.Unmarshal([]byte(c.in), &ref64)
		}
		if c.wantOK {
			if err != nil || got != c.want || refErr != nil || ref64 != c.want {
				t.Errorf("%s as int%d: got %d, %v; encoding/json %d, %v", c.in, c.bits, got, err, ref64, refErr)
			}
		} else if err == nil || refErr == nil {
			t.Errorf("%s as int%d: got %d, %v; want an error like encoding/json's %v", c.in, c.bits, got, err, refErr)
		}
	}
}
