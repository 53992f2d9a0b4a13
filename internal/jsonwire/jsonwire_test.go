package jsonwire

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones with sub-minute offsets, whatever the machine has installed
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

// timeOffsets are the zone offsets (seconds east of UTC) the time tests use: every second
// of the first two minutes either side of zero, the sub-minute offsets of local mean times,
// every quarter hour within 25 hours either way, each second around ±24 h, the edges of
// ±23:59, ±24:01 and ±25:00, and offsets far beyond.
func timeOffsets() []int {
	var offs []int
	for o := -120; o <= 120; o++ {
		offs = append(offs, o)
	}
	for o := -25 * 3600; o <= 25*3600; o += 15 * 60 {
		offs = append(offs, o)
	}
	for d := -61; d <= 61; d++ {
		offs = append(offs, 86400+d, -86400-d)
	}
	for _, edge := range []int{86400 - 60, 86400 + 60, 24*3600 + 60*60} {
		for _, d := range []int{-60, -2, -1, 0, 1, 2, 60} {
			offs = append(offs, edge+d, -(edge + d))
		}
	}
	offs = append(offs, -52, -1172, 1172, -1521, 1172+60, -2670, 4*3600+51*60+40, -(10*3600 + 40), 99*3600+99*60,
		1<<31-1, -1<<31, 1e9, -1e9)
	if math.MaxInt > math.MaxInt32 {
		big := int64(math.MaxInt64)
		offs = append(offs, int(big), int(-big-1), int(big/2))
	}
	return offs
}

// timeInstants are the times the time tests write in each offset: the first and last second
// of years at the edges of [0,9999] and of calendar rules (so that an offset moves them into
// the next or previous year), with nanoseconds of every length, instants near the limits of
// time.Time, and random instants of years -100 to 10099.
func timeInstants() []time.Time {
	nanos := []int{0, 1, 9, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 120000000, 123000000,
		123456789, 999999999, 500000000, 1002003}
	var ts []time.Time
	for _, y := range []int{-10000, -2, -1, 0, 1, 4, 99, 100, 400, 999, 1000, 1582, 1600, 1899, 1900, 1969, 1970,
		2000, 2024, 2038, 2100, 9998, 9999, 10000, 10001, 100000} {
		for _, ns := range []int{0, nanos[len(ts)%len(nanos)]} {
			ts = append(ts, time.Date(y, 1, 1, 0, 0, 0, ns, time.UTC), time.Date(y, 12, 31, 23, 59, 59, ns, time.UTC),
				time.Date(y, 2, 28+len(ts)%2, 12, 30, 30, ns, time.UTC), time.Date(y, 3, 1, 0, 0, 0, ns, time.UTC))
		}
	}
	for _, ns := range nanos {
		ts = append(ts, time.Date(2026, 11, 26, 19, 56, 10, ns, time.UTC))
	}
	ts = append(ts, time.Time{}, time.Unix(0, 0), time.Unix(math.MaxInt64, 0), time.Unix(math.MinInt64, 0),
		time.Unix(math.MaxInt64, 999999999), time.Unix(math.MinInt64+1, -1), time.Unix(minLocalSecs, 0),
		time.Unix(maxLocalSecs, 999999999), time.Unix(minLocalSecs-86400, 0), time.Unix(maxLocalSecs+86400, 0),
		time.Unix(minLocalSecs-86401, 0), time.Unix(maxLocalSecs+86401, 0), time.Unix(1<<62, 0), time.Unix(-1<<62, 0))
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 300; i++ {
		ts = append(ts, time.Unix(r.Int63n(10200*365*86400)-5100*365*86400, r.Int63n(1e9)))
	}
	return ts
}

// checkAppendTime compares AppendTime (after a prefix) and CheckTime with
// time.Time.MarshalJSON for t.
func checkAppendTime(t *testing.T, tm time.Time) {
	t.Helper()
	want, wantErr := tm.MarshalJSON()
	got, gotErr := AppendTime([]byte("x"), tm)
	switch {
	case wantErr != nil && gotErr == nil:
		t.Fatalf("%v (offset %d): AppendTime wrote %s, MarshalJSON refused it: %v", tm, offsetOf(tm), got, wantErr)
	case wantErr == nil && gotErr != nil:
		t.Fatalf("%v (offset %d): AppendTime failed: %v, MarshalJSON wrote %s", tm, offsetOf(tm), gotErr, want)
	case wantErr != nil:
		if gotErr.Error() != wantErr.Error() || string(got) != "x" {
			t.Fatalf("%v (offset %d): error %q and output %q, want %q and nothing written", tm, offsetOf(tm), gotErr, got, wantErr)
		}
	case string(got) != "x"+string(want):
		t.Fatalf("%v (offset %d): AppendTime wrote %s, MarshalJSON %s", tm, offsetOf(tm), got[1:], want)
	}
	if checkErr := CheckTime(tm); (checkErr == nil) != (wantErr == nil) {
		t.Fatalf("%v (offset %d): CheckTime says %v, MarshalJSON %v", tm, offsetOf(tm), checkErr, wantErr)
	}
}

func offsetOf(tm time.Time) int {
	_, off := tm.Zone()
	return off
}

func TestAppendTimeMatchesTimeMarshalJSON(t *testing.T) {
	offs, times := timeOffsets(), timeInstants()
	n := 0
	for _, tm := range times {
		checkAppendTime(t, tm)
		for _, off := range offs {
			checkAppendTime(t, tm.In(time.FixedZone("", off)))
			n++
		}
	}
	t.Logf("%d times × %d offsets = %d comparisons with time.Time.MarshalJSON", len(times), len(offs), n)
}

func TestAppendTimeZonesWithSubMinuteOffsets(t *testing.T) {
	// Zones whose local mean time (or early standard time) was not a whole number of minutes
	// from UTC, from the embedded tz database (time/tzdata), and zones of today's odd offsets.
	cases := []struct {
		zone string
		at   time.Time // in UTC
		want string
	}{
		{"Africa/Accra", time.Date(1900, 1, 1, 0, 0, 52, 0, time.UTC), `"1900-01-01T00:00:00+00:00"`},      // LMT -0:00:52
		{"Europe/Dublin", time.Date(1900, 6, 1, 12, 0, 0, 0, time.UTC), `"1900-06-01T11:34:39-00:25"`},     // DMT -0:25:21
		{"Europe/Amsterdam", time.Date(1930, 6, 1, 12, 0, 0, 0, time.UTC), `"1930-06-01T13:19:32+01:19"`},  // NST +1:19:32
		{"Africa/Monrovia", time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), `"1959-12-31T23:15:30-00:44"`},    // -0:44:30
		{"Europe/London", time.Date(1847, 1, 1, 0, 0, 0, 0, time.UTC), `"1846-12-31T23:58:45-00:01"`},      // LMT -0:01:15
		{"Asia/Kathmandu", time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC), `"2026-11-26T17:45:00+05:45"`},  // +5:45
		{"America/St_Johns", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), `"2025-12-31T20:30:00-03:30"`},   // -3:30
		{"Pacific/Kiritimati", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), `"2026-01-01T14:00:00+14:00"`}, // +14
		{"America/New_York", time.Date(2026, 7, 1, 16, 0, 0, 5, time.UTC), `"2026-07-01T12:00:00.000000005-04:00"`},
	}
	for _, c := range cases {
		loc, err := time.LoadLocation(c.zone)
		require.NoError(t, err, c.zone)
		tm := c.at.In(loc)
		want, err := tm.MarshalJSON()
		require.NoError(t, err)
		require.Equal(t, c.want, string(want), "%s: the case expects what the time package writes", c.zone)
		got, err := AppendTime(nil, tm)
		require.NoError(t, err, c.zone)
		assert.Equal(t, c.want, string(got), c.zone)
	}
	got, err := AppendTime(nil, time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", -30)))
	require.NoError(t, err)
	assert.Equal(t, `"2026-01-02T03:04:05+00:00"`, string(got), "-30 s is +00:00, as time.Time.MarshalJSON writes it")
}

func TestCheckTimeMessages(t *testing.T) {
	// What Go's RFC 3339 parser accepts and RFC 3339 cannot express: the message names the
	// time and the range, not the encoder (the old "Time.MarshalJSON: timezone hour outside of
	// range [0,23]" was wrong about +23:60 and spoke of marshalling while decoding).
	for in, want := range map[string]string{
		"2026-11-26T19:56:10.123+24:00": `time "2026-11-26T19:56:10.123+24:00": zone offset outside of range [-23:59,+23:59]`,
		"2026-11-26T19:56:10+23:60":     `time "2026-11-26T19:56:10+24:00": zone offset outside of range [-23:59,+23:59]`,
		"2026-11-26T19:56:10-23:60":     `time "2026-11-26T19:56:10-24:00": zone offset outside of range [-23:59,+23:59]`,
		"2026-11-26T19:56:10-24:00":     `time "2026-11-26T19:56:10-24:00": zone offset outside of range [-23:59,+23:59]`,
		"2026-11-26T19:56:10+24:60":     `time "2026-11-26T19:56:10+25:00": zone offset outside of range [-23:59,+23:59]`,
	} {
		var tm time.Time
		require.NoError(t, tm.UnmarshalJSON([]byte(`"`+in+`"`)), "Go's parser accepts %s", in)
		assert.EqualError(t, CheckTime(tm), want, in)
		_, err := tm.MarshalJSON()
		assert.Error(t, err, "and MarshalJSON refuses %s", in)
	}
	for _, in := range []string{"2026-11-26T19:56:10+23:59", "2026-11-26T19:56:10-23:59", "0000-01-01T00:00:00Z",
		"9999-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "2026-11-26T19:56:10+00:60"} {
		var tm time.Time
		require.NoError(t, tm.UnmarshalJSON([]byte(`"`+in+`"`)), in)
		assert.NoError(t, CheckTime(tm), in)
	}
	assert.EqualError(t, CheckTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)),
		`time "10000-01-01T00:00:00Z": year outside of range [0,9999]`)
	assert.EqualError(t, CheckTime(time.Date(-1, 12, 31, 23, 59, 59, 5, time.UTC)),
		`time "-0001-12-31T23:59:59.000000005Z": year outside of range [0,9999]`)
	assert.EqualError(t, CheckTime(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).In(time.FixedZone("", -1))),
		`time "-0001-12-31T23:59:59+00:00": year outside of range [0,9999]`)
	assert.ErrorContains(t, CheckTime(time.Unix(math.MinInt64, 0)), "year outside of range [0,9999]")
}

// FuzzAppendTime compares AppendTime and CheckTime with time.Time.MarshalJSON for the instant
// time.Unix(unix, nanos) in a zone offset seconds east of UTC: same bytes, or the same error.
func FuzzAppendTime(f *testing.F) {
	f.Add(int64(1764186970), int64(123000000), int64(0))
	f.Add(int64(-2208988800), int64(0), int64(-52))
	f.Add(int64(0), int64(1), int64(-30))
	f.Add(int64(0), int64(0), int64(86400))
	f.Add(int64(253402300799), int64(999999999), int64(-86399))
	f.Add(int64(-62167219200), int64(0), int64(1))
	f.Add(int64(math.MinInt64), int64(-1), int64(math.MaxInt32))
	f.Add(int64(math.MaxInt64), int64(1e9), int64(-1))
	f.Fuzz(func(t *testing.T, unix, nanos, offset int64) {
		tm := time.Unix(unix, nanos)
		checkAppendTime(t, tm)
		checkAppendTime(t, tm.In(time.FixedZone("", int(offset))))
	})
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
