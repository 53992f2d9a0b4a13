package piecesos

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
	"github.com/stretchr/testify/require"
)

// differentialInputs are the documents the codec is compared on against the reference
// decoder (codec_reference_test.go): the sample, the full document, every table case, and
// edge cases of syntax, strings, numbers and duplicates.
func differentialInputs(t testing.TB) [][]byte {
	ins := [][]byte{sampleJSON(t), []byte(fullJSON)}
	for _, tc := range tableCases(t) {
		ins = append(ins, tc.in)
	}
	s := string(sampleJSON(t))
	for _, v := range []string{
		`1e400`, `-1e400`, `1e-400`, `-0`, `0.1`, `123456789012345678901234567890`, `[]`, `{}`, `[[[]]]`,
		`{"a":1,"a":2}`, `"\ud800"`, `"\udc00\ud800"`, "\"\xff\"", `"\u0000"`, `[1,2,3]`, `{"":""}`, `true`, `false`, `null`,
		`"x`, `[1,]`, `{"a"}`, `01`, `1.`, `-`, `.1`, `tru`, `nul`, `"\x"`, `"\u12"`, "\"\t\"", `[1 2]`, `{"a":1 "b":2}`,
		// numbers kept as their text (json.Number): beyond float64's range and precision, and
		// spellings a float64 would normalise
		`1732650970123456789`, `9007199254740993`, `1E400`, `-0.0`, `1.10`, `1e+02`, `[1e400,{"a":-1E-400}]`,
		`123456789012345678901234567890.00000000000000000000001e-7`, `-01`, `1e`, `1e+`, `0.e1`, `[-]`,
	} {
		ins = append(ins, []byte(strings.Replace(s, `"region"`, `"unknown":`+v+`,"region"`, 1)))
	}
	for _, doc := range []string{
		``, ` `, `null`, `[]`, `"x"`, `{}`, `{"id":"x"}`, `{"id":5}`, s + `x`, s + ` `, ` ` + s,
		strings.Replace(s, `"id"`, `"\u0069d"`, 1),
		strings.Replace(s, `"id"`, `"ID"`, 1),
		strings.Replace(s, `"project": "pieces-prod-01"`, `"project": null, "project": "p"`, 1),
		strings.Replace(s, `"urls": {`, `"urls": {}, "urls": {`, 1),
		strings.Replace(s, `"status": {"cloud": "RUNNING"}`, `"status": {"cloud": "RUNNING"}, "status": null`, 1),
		strings.Replace(s, `"schema": {"migration": 0`, `"schema": {"migration": 0, "migration": 1.5`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10.123+23:60"`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10.123-24:00"`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10.123+24:60"`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10.123+23:59"`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10.123+00:60"`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10.123-00:00"`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"0000-01-01T00:00:00+00:01"`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"9999-12-31T23:59:59.999999999-23:59"`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10,123Z"`, 1),
		strings.Replace(s, `"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10.123\u002b01:00"`, 1),
		strings.Replace(s, `"just now"`, `"just\u2028now<>&"`, 1),
	} {
		ins = append(ins, []byte(doc))
	}
	return ins
}

func TestCodecMatchesReference(t *testing.T) {
	for i, in := range differentialInputs(t) {
		if err := compareWithReference(in); err != nil {
			t.Errorf("input %d %q: %v", i, truncate(in), err)
		}
	}
}

// FuzzCodecMatchesEncodingJSON checks the codec against the reference built on encoding/json
// (unknown values decoded with Decoder.UseNumber), decoding every input as each model of the
// API description: both accept or both reject it (with the same kind of error and path), and
// decode the same values, numbers of unknown values as the same json.Number text. The seeds
// are the AllocationCloud inputs and the per-model samples of TestCodecMatchesReferenceEveryModel.
func FuzzCodecMatchesEncodingJSON(f *testing.F) {
	for _, in := range differentialInputs(f) {
		f.Add(in)
	}
	models := refModelNames()
	for _, name := range models {
		for _, in := range refSamples(f, name) {
			f.Add(in)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range models {
			if err := compareModel(data, name); err != nil {
				t.Fatalf("as %s: %v", name, err)
			}
		}
	})
}

// FuzzDecodeAllocationCloud checks that decoding never panics, and that whatever decodes
// encodes to valid JSON that decodes to the same model and encodes to the same bytes (unknown
// members and enum values included). Numbers of unknown values are byte-exact: each is a
// json.Number holding a number literal of the input, written back unchanged.
func FuzzDecodeAllocationCloud(f *testing.F) {
	for _, in := range differentialInputs(f) {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m AllocationCloud
		if err := m.UnmarshalJSON(data); err != nil {
			if _, ok := err.(*DecodeError); !ok {
				t.Fatalf("error is %T, not *DecodeError: %v", err, err)
			}
			return
		}
		out, err := m.MarshalJSON()
		require.NoError(t, err)
		require.True(t, json.Valid(out), "invalid JSON written: %s", out)
		var again AllocationCloud
		require.NoError(t, again.UnmarshalJSON(out), "%s", out)
		require.True(t, codecEqual(&m, &again), "decode → encode → decode changed the model:\n%s\n%s",
			refCanonical(codecCanonicalOf(&m)), refCanonical(codecCanonicalOf(&again)))
		out2, err := again.MarshalJSON()
		require.NoError(t, err)
		require.True(t, bytes.Equal(out, out2), "encoding is not stable:\n%s\n%s", out, out2)
		for _, n := range numbersIn(codecCanonicalOf(&m)) {
			require.True(t, jsonwire.IsNumber(string(n)), "json.Number %q is not a number literal", n)
			require.True(t, bytes.Contains(data, []byte(n)), "json.Number %q is not in the input", n)
			require.True(t, bytes.Contains(out, []byte(n)), "json.Number %q not written back as is:\n%s", n, out)
		}
		// What we write, encoding/json reads back the same way.
		require.NoError(t, compareWithReference(out))
	})
}

// stdStamp is GroupedTimestamp without schema or unknown members, for encoding/json.
type stdStamp struct {
	Value    time.Time `json:"value"`
	Readable *string   `json:"readable,omitempty"`
}

// FuzzTimeMatchesEncodingJSON is the differential target for times: the instant
// time.Unix(unix, nanos) in a zone offset seconds east of UTC (sub-minute offsets included),
// put in a GroupedTimestamp, is encoded by the model byte for byte as encoding/json encodes
// the same struct of plain Go types (or both refuse it, with time.Time.MarshalJSON's error);
// what is written decodes, inside a whole AllocationCloud, as the reference decoder (built on
// encoding/json) decodes it, to the same wall clock in the offset truncated to minutes, and
// encodes again to what encoding/json writes for it.
func FuzzTimeMatchesEncodingJSON(f *testing.F) {
	f.Add(int64(1764186970), int64(123000000), int64(0))
	f.Add(int64(-2208988800), int64(0), int64(-52)) // Africa/Accra's local mean time in 1900
	f.Add(int64(1764186970), int64(5), int64(-30))
	f.Add(int64(1764186970), int64(0), int64(-59))
	f.Add(int64(1764186970), int64(0), int64(60))
	f.Add(int64(1764186970), int64(0), int64(-86399))
	f.Add(int64(1764186970), int64(0), int64(86400))
	f.Add(int64(253402300799), int64(999999999), int64(0))
	f.Add(int64(253402300799), int64(0), int64(1))
	f.Add(int64(-62167219200), int64(0), int64(-1))
	f.Add(int64(-1<<62), int64(0), int64(0))
	s := string(sampleJSON(f))
	f.Fuzz(func(t *testing.T, unix, nanos, offset int64) {
		tm := time.Unix(unix, nanos).In(time.FixedZone("", int(offset)))
		readable := "now"
		got, gotErr := GroupedTimestamp{Value: tm, Readable: &readable}.MarshalJSON()
		want, wantErr := json.Marshal(stdStamp{tm, &readable})
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%v: model %s, %v; encoding/json %s, %v", tm, got, gotErr, want, wantErr)
		}
		if wantErr != nil {
			_, timeErr := tm.MarshalJSON()
			if gotErr.Error() != timeErr.Error() {
				t.Fatalf("%v: model error %q, time.Time.MarshalJSON %q", tm, gotErr, timeErr)
			}
			return
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%v: model wrote %s, encoding/json %s", tm, got, want)
		}
		doc := []byte(strings.Replace(s, `{"value": "2026-11-26T19:56:10.123Z", "readable": "just now"}`, string(got), 1))
		if err := compareWithReference(doc); err != nil {
			t.Fatalf("%v: %s: %v", tm, got, err)
		}
		var m GroupedTimestamp
		require.NoError(t, m.UnmarshalJSON(got), "%s", got)
		// RFC 3339 writes the offset in whole minutes: the wall clock is kept, the offset
		// truncated (towards zero), as encoding/json round-trips it.
		_, off := tm.Zone()
		wall := time.Date(tm.Year(), tm.Month(), tm.Day(), tm.Hour(), tm.Minute(), tm.Second(), tm.Nanosecond(),
			time.FixedZone("", off/60*60))
		_, gotOff := m.Value.Zone()
		require.True(t, m.Value.Equal(wall) && gotOff == off/60*60, "%s decodes to %v, not %v", got, m.Value, wall)
		// Encoded again, it is what encoding/json writes for what it decodes ("+00:00" becomes
		// "Z" in both).
		again, err := m.MarshalJSON()
		require.NoError(t, err)
		var ref stdStamp
		require.NoError(t, json.Unmarshal(got, &ref))
		refAgain, err := json.Marshal(ref)
		require.NoError(t, err)
		require.Equal(t, string(refAgain), string(again), "decode → encode differs from encoding/json's")
	})
}
