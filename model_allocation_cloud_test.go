package piecesos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/apischema"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAllocationCloudSampleRoundTrip(t *testing.T) {
	in := sampleJSON(t)
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON(in))

	assert.Equal(t, "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10", m.GetId())
	assert.Equal(t, "pieces-prod-01", m.GetProject())
	assert.Equal(t, ALLOCATIONSTATUSENUM_RUNNING, m.Status.GetCloud())
	assert.Equal(t, ALLOCATIONSTATUSENUM_RUNNING, m.Urls.Base.GetStatus())
	vanity := m.Urls.GetVanity()
	assert.Equal(t, "https://mark.pieces.cloud", vanity.GetUrl())
	assert.Equal(t, ALLOCATIONSTATUSENUM_PENDING, m.Urls.Vanity.GetStatus())
	schema := m.GetSchema()
	assert.Equal(t, EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1, schema.GetSemantic())
	assert.Equal(t, time.Date(2026, 11, 26, 19, 56, 10, 123000000, time.UTC), m.Updated.GetValue())
	assert.Equal(t, "just now", m.Updated.GetReadable())
	assert.Equal(t, "12.3.1", m.GetVersion())
	assert.Equal(t, "us-central1", m.GetRegion())
	assert.Nil(t, m.AdditionalProperties)

	out, err := m.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(in), string(out))

	// Through encoding/json as well (value and pointer).
	out2, err := json.Marshal(m)
	require.NoError(t, err)
	assert.JSONEq(t, string(in), string(out2))
	out3, err := json.Marshal(&m)
	require.NoError(t, err)
	assert.JSONEq(t, string(in), string(out3))
	var viaStd AllocationCloud
	require.NoError(t, json.Unmarshal(in, &viaStd))
	assert.Equal(t, m, viaStd)

	// appendJSON appends to what is there.
	b, err := m.appendJSON([]byte("prefix:"))
	require.NoError(t, err)
	assert.Equal(t, "prefix:"+string(out), string(b))

	require.NoError(t, compareWithReference(in))
}

func TestAllocationCloudFullRoundTrip(t *testing.T) {
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON([]byte(fullJSON)))
	out, err := m.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, fullJSON, string(out))
	assert.Equal(t, int32(7), m.Updated.Schema.Migration)
	assert.Equal(t, EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN, m.Urls.Base.Schema.Semantic)
	_, off := m.Updated.Value.Zone()
	assert.Equal(t, 2*3600, off)
	assert.Equal(t, 123456789, m.Updated.Value.Nanosecond())
	require.NoError(t, compareWithReference([]byte(fullJSON)))
}

// level is one object of the AllocationCloud graph: its path, its required and optional keys.
type level struct {
	path     string
	required []string
	optional []string
}

// levels and enumPaths list every object and every enum value of the AllocationCloud graph
// that fullJSON has, read from the API description generated from the spec
// (internal/apischema), so the table tests follow a change of the spec without being edited.
// A member the spec adds is in the tables once fullJSON has it: TestLevelsCoverTheSample
// requires the required ones and names the optional ones fullJSON lacks.
var levels, enumPaths = inSample(schemaGraph("AllocationCloud"))

// schemaGraph walks the model named root depth first (a model already on the path is not
// entered again) and returns its objects and the paths of its enum values.
func schemaGraph(root string) (levels []level, enums []string) {
	var walk func(model, path string, seen map[string]bool)
	walk = func(model, path string, seen map[string]bool) {
		m := apischema.Models[model]
		if m == nil || seen[model] {
			return
		}
		seen[model] = true
		defer delete(seen, model)
		l := level{path: path}
		for _, f := range m.Fields {
			if f.Required {
				l.required = append(l.required, f.Name)
			} else {
				l.optional = append(l.optional, f.Name)
			}
		}
		levels = append(levels, l)
		for _, f := range m.Fields {
			switch f.Type.Kind {
			case apischema.Object:
				walk(f.Type.Name, join(path, f.Name), seen)
			case apischema.Enum:
				enums = append(enums, join(path, f.Name))
			}
		}
	}
	walk(root, "", map[string]bool{})
	return levels, enums
}

// inSample keeps the levels and enum paths present in fullJSON.
func inSample(all []level, enums []string) (levels []level, enumPaths []string) {
	var doc interface{}
	dec := json.NewDecoder(strings.NewReader(fullJSON))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		panic(err)
	}
	for _, l := range all {
		if _, ok := valueAt(doc, l.path).(map[string]interface{}); ok {
			levels = append(levels, l)
		}
	}
	for _, p := range enums {
		if _, ok := valueAt(doc, p).(string); ok {
			enumPaths = append(enumPaths, p)
		}
	}
	return levels, enumPaths
}

// valueAt returns the value at the dot-separated path of a document decoded into
// interface{}, nil when there is none.
func valueAt(v interface{}, path string) interface{} {
	for _, k := range strings.Split(path, ".") {
		if k == "" {
			continue
		}
		obj, _ := v.(map[string]interface{})
		v = obj[k]
	}
	return v
}

// additionalAt returns the AdditionalProperties of the object at the dot-separated JSON path
// of m, following the members' json tags.
func additionalAt(t testing.TB, m *AllocationCloud, path string) map[string]interface{} {
	t.Helper()
	v := reflect.ValueOf(m).Elem()
	for path != "" {
		key, rest, _ := strings.Cut(path, ".")
		path = rest
		f, ok := fieldByJSONName(v.Type(), key)
		require.True(t, ok, "no member %q in %s", key, v.Type())
		v = v.FieldByIndex(f.Index)
		if v.Kind() == reflect.Pointer {
			require.False(t, v.IsNil(), "%s is nil", key)
			v = v.Elem()
		}
	}
	return v.FieldByName("AdditionalProperties").Interface().(map[string]interface{})
}

func fieldByJSONName(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// TestLevelsCoverTheSample keeps the schema-driven tables meaningful: fullJSON has every
// member the spec requires at every object of the graph it reaches, every object of fullJSON is
// a level, and the levels hold more than the root. Optional members fullJSON lacks are named in
// the log (add them to fullJSON to put them in the tables).
func TestLevelsCoverTheSample(t *testing.T) {
	doc := decodeUseNumber(t, []byte(fullJSON))
	all, allEnums := schemaGraph("AllocationCloud")
	paths := map[string]bool{}
	for _, l := range levels {
		paths[l.path] = true
	}
	for _, l := range all {
		obj, ok := valueAt(doc, l.path).(map[string]interface{})
		if !ok {
			t.Logf("fullJSON has no %s (optional): not in the tables", l.path)
			continue
		}
		for _, k := range l.required {
			assert.Contains(t, obj, k, "fullJSON lacks the required %s", join(l.path, k))
		}
		for _, k := range l.optional {
			if _, ok := obj[k]; !ok {
				t.Logf("fullJSON has no %s (optional): not in the tables", join(l.path, k))
			}
		}
	}
	var objects func(v interface{}, path string)
	objects = func(v interface{}, path string) {
		if obj, ok := v.(map[string]interface{}); ok {
			assert.True(t, paths[path], "object %q of fullJSON is not a level", path)
			for k, e := range obj {
				objects(e, join(path, k))
			}
		}
	}
	objects(doc, "")
	assert.Greater(t, len(levels), 1)
	assert.NotEmpty(t, enumPaths)
	assert.LessOrEqual(t, len(enumPaths), len(allEnums))
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// tableCase is one decode case of the table tests, shared with the differential tests.
type tableCase struct {
	name    string
	in      []byte
	errPath string // "" with wantErr false: must decode
	wantErr bool
	missing bool     // the error is ErrRequiredPropertyMissing
	invalid bool     // the input is not valid JSON: the error matches ErrInvalidJSON
	exact   []string // number literals the encoding of the decoded model must contain as they are
}

// rawAt returns a copy of doc with the member at the dot-separated path set to the JSON text
// raw, which need not be valid.
func rawAt(t testing.TB, doc, path, raw string) []byte {
	t.Helper()
	b := setAt(t, doc, path, "\x00raw\x00")
	return bytes.Replace(b, []byte(`"\u0000raw\u0000"`), []byte(raw), 1)
}

// bigNumbers are numbers a float64 cannot hold exactly (or at all), as unknown values.
const bigNumbers = `[1732650970123456789,9007199254740993,1E400,-0.10,{"n":-1e-400}]`

// tableCases builds the required / null / wrong type / unknown / invalid JSON cases at every
// level.
func tableCases(t testing.TB) []tableCase {
	var cs []tableCase
	for _, l := range levels {
		for _, k := range l.required {
			p := join(l.path, k)
			cs = append(cs,
				tableCase{name: "missing " + p, in: deleteAt(t, fullJSON, p), errPath: p, wantErr: true, missing: true},
				tableCase{name: "null " + p, in: setAt(t, fullJSON, p, nil), errPath: p, wantErr: true, missing: true},
				tableCase{name: "wrong type " + p, in: setAt(t, fullJSON, p, []interface{}{true}), errPath: p, wantErr: true},
				tableCase{name: "invalid literal " + p, in: rawAt(t, fullJSON, p, `nul`), errPath: p, wantErr: true, invalid: true},
				tableCase{name: "invalid value " + p, in: rawAt(t, fullJSON, p, `[1,]`), errPath: p, wantErr: true, invalid: true},
			)
		}
		for _, k := range l.optional {
			p := join(l.path, k)
			cs = append(cs,
				tableCase{name: "null optional " + p, in: setAt(t, fullJSON, p, nil)},
				tableCase{name: "absent optional " + p, in: deleteAt(t, fullJSON, p)},
				tableCase{name: "wrong type " + p, in: setAt(t, fullJSON, p, 12.5), errPath: p, wantErr: true},
			)
		}
		p := join(l.path, "newField")
		cs = append(cs, tableCase{name: "unknown field " + p,
			in: setAt(t, fullJSON, p, map[string]interface{}{"n": 1.5, "a": []interface{}{"x", nil, false}})},
			tableCase{name: "unknown numbers " + p, in: rawAt(t, fullJSON, p, bigNumbers),
				exact: []string{"1732650970123456789", "9007199254740993", "1E400", "-0.10", "-1e-400"}},
			tableCase{name: "invalid literal in unknown value " + p, in: rawAt(t, fullJSON, p, `{"a":[true,fals]}`),
				errPath: p, wantErr: true, invalid: true},
			tableCase{name: "invalid number in unknown value " + p, in: rawAt(t, fullJSON, p, `{"n":-01}`),
				errPath: p, wantErr: true, invalid: true},
			tableCase{name: "invalid string in unknown value " + p, in: rawAt(t, fullJSON, p, "\"a\tb\""),
				errPath: p, wantErr: true, invalid: true},
			tableCase{name: "too deep unknown value " + p, errPath: p, wantErr: true, invalid: true,
				in: rawAt(t, fullJSON, p, strings.Repeat("[", jsonwire.MaxDepth)+strings.Repeat("]", jsonwire.MaxDepth))})
		if l.path != "" {
			cs = append(cs, tableCase{name: "not an object " + l.path, in: setAt(t, fullJSON, l.path, "text"), errPath: l.path, wantErr: true})
		}
	}
	for _, p := range enumPaths {
		cs = append(cs, tableCase{name: "unknown enum " + p, in: setAt(t, fullJSON, p, "HIBERNATING")})
	}
	// Invalid JSON found at the end, or after another problem: like encoding/json, the codec
	// reports the invalid JSON (at the root) rather than the type or missing property.
	truncated := fullJSON[:strings.Index(fullJSON, `"base"`)]
	cs = append(cs,
		tableCase{name: "trailing garbage", in: []byte(fullJSON + " x"), wantErr: true, invalid: true},
		tableCase{name: "trailing brace", in: []byte(fullJSON + "}"), wantErr: true, invalid: true},
		tableCase{name: "two documents", in: []byte(fullJSON + fullJSON), wantErr: true, invalid: true},
		tableCase{name: "truncated", in: []byte(truncated), errPath: "urls", wantErr: true, invalid: true},
		tableCase{name: "wrong type, then trailing garbage", wantErr: true, invalid: true,
			in: []byte(strings.Replace(fullJSON, `"user": "u-1"`, `"user": 5`, 1) + "]")},
		tableCase{name: "missing required, then invalid", wantErr: true, invalid: true,
			in: []byte(strings.Replace(fullJSON, `"user": "u-1",`, ``, 1) + ",")},
		tableCase{name: "wrong type, then an invalid unknown value", wantErr: true, invalid: true,
			in: rawAt(t, string(setAt(t, fullJSON, "id", 5)), "zz", `[01]`)},
		tableCase{name: "not JSON", in: []byte("Cloud not found."), wantErr: true, invalid: true},
		tableCase{name: "byte order mark", in: []byte("\xef\xbb\xbf" + fullJSON), wantErr: true, invalid: true},
	)
	return cs
}

func TestAllocationCloudDecodeTable(t *testing.T) {
	require.Greater(t, len(levels), 1, "levels read from the API description")
	for _, tc := range tableCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			var m AllocationCloud
			err := m.UnmarshalJSON(tc.in)
			if !tc.wantErr {
				require.NoError(t, err)
				out, err := m.MarshalJSON()
				require.NoError(t, err)
				// Round trip: the input, minus the members that were null.
				assert.Equal(t, decodeUseNumber(t, withoutNulls(t, tc.in)), decodeUseNumber(t, out))
				assert.NotContains(t, string(out), ":null")
				for _, n := range tc.exact {
					assert.Contains(t, string(out), n)
				}
				return
			}
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, "AllocationCloud", de.Model)
			assert.Equal(t, tc.errPath, de.Path)
			assert.Equal(t, tc.missing, errors.Is(err, ErrRequiredPropertyMissing), "%v", err)
			assert.Equal(t, tc.invalid, errors.Is(err, ErrInvalidJSON), "%v", err)
			var te *json.UnmarshalTypeError
			switch {
			case tc.invalid:
				var se *jsonwire.SyntaxError
				if assert.ErrorAs(t, err, &se) {
					assert.Equal(t, se.Offset, de.Offset)
				}
				assert.False(t, errors.As(err, &te), "%v", err)
			case !tc.missing:
				assert.ErrorAs(t, err, &te)
			}
			prefix := "piecesos: decode AllocationCloud: "
			if tc.errPath != "" {
				prefix += tc.errPath + ": "
			}
			assert.Contains(t, err.Error(), prefix)
			if !tc.invalid || tc.errPath != "" {
				assert.Greater(t, de.Offset, int64(0))
			}
			assert.LessOrEqual(t, de.Offset, int64(len(tc.in)))
			assert.Equal(t, AllocationCloud{}, m, "target unchanged on error")
		})
	}
}

// decodeUseNumber decodes one JSON document as encoding/json with UseNumber does (numbers kept
// as their text, so that comparisons are exact).
func decodeUseNumber(t testing.TB, in []byte) interface{} {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.UseNumber()
	var v interface{}
	require.NoError(t, dec.Decode(&v))
	return v
}

func withoutNulls(t testing.TB, in []byte) []byte {
	v := decodeUseNumber(t, in)
	var strip func(v interface{})
	strip = func(v interface{}) {
		if m, ok := v.(map[string]interface{}); ok {
			for k, e := range m {
				if e == nil && k != "a" {
					delete(m, k)
				}
				strip(e)
			}
		}
	}
	strip(v)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func TestAllocationCloudUnknownFieldsAtEveryLevel(t *testing.T) {
	require.Greater(t, len(levels), 1, "levels read from the API description")
	for _, l := range levels {
		t.Run("level "+l.path, func(t *testing.T) {
			in := setAt(t, fullJSON, join(l.path, "zNew"), map[string]interface{}{"deep": []interface{}{1.0, "two", nil}})
			in = setAt(t, string(in), join(l.path, "aNew"), "<&>\u2028")
			var m AllocationCloud
			require.NoError(t, m.UnmarshalJSON(in))
			ap := additionalAt(t, &m, l.path)
			assert.Equal(t, map[string]interface{}{
				"zNew": map[string]interface{}{"deep": []interface{}{json.Number("1"), "two", nil}},
				"aNew": "<&>\u2028",
			}, ap)
			out, err := m.MarshalJSON()
			require.NoError(t, err)
			assert.JSONEq(t, string(in), string(out))
			// Written after the known members, sorted: aNew before zNew, and escaped as json.Marshal does.
			s := string(out)
			assert.Less(t, strings.Index(s, `"aNew"`), strings.Index(s, `"zNew"`))
			assert.Contains(t, s, `"aNew":"\u003c\u0026\u003e\u2028"`)
		})
	}
}

func TestAllocationCloudUnknownEnumKept(t *testing.T) {
	require.NotEmpty(t, enumPaths, "enum paths read from the API description")
	for _, p := range enumPaths {
		t.Run(p, func(t *testing.T) {
			in := setAt(t, fullJSON, p, "HIBERNATING")
			var m AllocationCloud
			require.NoError(t, m.UnmarshalJSON(in))
			out, err := m.MarshalJSON()
			require.NoError(t, err)
			assert.JSONEq(t, string(in), string(out))
			assert.Contains(t, string(out), `"HIBERNATING"`)
		})
	}
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON(setAt(t, fullJSON, "status.cloud", "HIBERNATING")))
	assert.Equal(t, AllocationStatusEnum("HIBERNATING"), m.Status.Cloud)
	assert.False(t, m.Status.Cloud.IsValid())
	assert.True(t, m.Urls.Base.Status.IsValid())
	require.NoError(t, m.UnmarshalJSON(setAt(t, fullJSON, "urls.base.schema.semantic", "MAJOR_1")))
	assert.False(t, m.Urls.Base.Schema.Semantic.IsValid())
	// An escaped known value is the known value.
	require.NoError(t, m.UnmarshalJSON([]byte(strings.Replace(fullJSON, `"cloud": "DISCONNECTED"`, `"cloud": "\u0052UNNING"`, 1))))
	assert.Equal(t, ALLOCATIONSTATUSENUM_RUNNING, m.Status.Cloud)
}

func TestAllocationCloudOptionalAbsentNeverNull(t *testing.T) {
	m := NewAllocationCloud("i", "u", *NewAllocationCloudUrls(*NewAllocationCloudUrl(ALLOCATIONSTATUSENUM_RUNNING, "b"),
		*NewAllocationCloudUrl(ALLOCATIONSTATUSENUM_RUNNING, "i")), *NewAllocationCloudStatus(ALLOCATIONSTATUSENUM_FAILED), "p")
	out, err := m.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"id":"i","user":"u","urls":{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"}},"status":{"cloud":"FAILED"},"project":"p"}`, string(out))
	assert.NotContains(t, string(out), "null")

	m.SetUpdated(*NewGroupedTimestamp(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
	m.SetRegion("eu")
	out, err = m.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"id":"i","user":"u","urls":{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"}},"status":{"cloud":"FAILED"},"project":"p","updated":{"value":"2026-01-02T03:04:05Z"},"region":"eu"}`, string(out))
}

func TestAllocationCloudAdditionalPropertiesWrittenBack(t *testing.T) {
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON([]byte(`{"id":"i","user":"u","urls":{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"},"cdn":"c"},"status":{"cloud":"FAILED"},"project":"p","tier":{"name":"pro","seats":3}}`)))
	m.SetProject("changed")
	out, err := m.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"id":"i","user":"u","urls":{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"},"cdn":"c"},"status":{"cloud":"FAILED"},"project":"changed","tier":{"name":"pro","seats":3}}`, string(out))

	// Values set by the caller go through encoding/json; keys of known members are ignored.
	type extra struct {
		A int `json:"a"`
	}
	m.AdditionalProperties = map[string]interface{}{"x": extra{A: 1}, "id": "shadow", "n": json.Number("1e3"), "b": true}
	out, err = m.MarshalJSON()
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(string(out), `"project":"changed","b":true,"n":1e3,"x":{"a":1}}`), string(out))
	mp, err := m.ToMap()
	require.NoError(t, err)
	assert.Equal(t, "i", mp["id"])

	// Values encoding/json cannot write are errors, not panics.
	m.AdditionalProperties = map[string]interface{}{"bad": func() {}}
	_, err = m.MarshalJSON()
	assert.Error(t, err)
	m.AdditionalProperties = map[string]interface{}{"nan": []interface{}{1.0, nanValue()}}
	_, err = m.MarshalJSON()
	assert.Error(t, err)
}

func nanValue() float64 {
	var zero float64
	return zero / zero
}

func TestGroupedTimestampFormats(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		out  string
	}{
		{"2026-11-26T19:56:10Z", time.Date(2026, 11, 26, 19, 56, 10, 0, time.UTC), "2026-11-26T19:56:10Z"},
		{"2026-11-26T19:56:10.123Z", time.Date(2026, 11, 26, 19, 56, 10, 123000000, time.UTC), "2026-11-26T19:56:10.123Z"},
		{"2026-11-26T19:56:10.123456789Z", time.Date(2026, 11, 26, 19, 56, 10, 123456789, time.UTC), "2026-11-26T19:56:10.123456789Z"},
		{"2026-11-26T21:56:10+02:00", time.Date(2026, 11, 26, 19, 56, 10, 0, time.UTC), "2026-11-26T21:56:10+02:00"},
		{"2026-11-26T14:26:10.5-05:30", time.Date(2026, 11, 26, 19, 56, 10, 500000000, time.UTC), "2026-11-26T14:26:10.5-05:30"},
		{"2026-11-26T19:56:10.100Z", time.Date(2026, 11, 26, 19, 56, 10, 100000000, time.UTC), "2026-11-26T19:56:10.1Z"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			var g GroupedTimestamp
			require.NoError(t, g.UnmarshalJSON([]byte(`{"value":"`+c.in+`"}`)))
			assert.True(t, c.want.Equal(g.Value), "%v != %v", g.Value, c.want)
			out, err := g.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, `{"value":"`+c.out+`"}`, string(out))
			var again GroupedTimestamp
			require.NoError(t, again.UnmarshalJSON(out))
			assert.True(t, g.Value.Equal(again.Value))
		})
	}
	for _, bad := range []string{`"2026-11-26"`, `"2026-11-26 19:56:10Z"`, `"2026-11-26T19:56:10"`, `"2026-11-26T25:56:10Z"`,
		`"2026-11-26T19:56:10+24:00"`, `"2026-11-26T19:56:10-23:60"`, `"yesterday"`, `""`, `1732650970`, `true`, `{}`, `"2026-11-26T19:56:10.Z"`,
		`"2026-11-26T19:56:10z"`, `"\u0032026-11-26T19:56:10Z"`} {
		t.Run("invalid "+bad, func(t *testing.T) {
			var g GroupedTimestamp
			err := g.UnmarshalJSON([]byte(`{"value":` + bad + `}`))
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, "value", de.Path)
			assert.Equal(t, "GroupedTimestamp", de.Model)
			assert.False(t, errors.Is(err, ErrInvalidJSON), "valid JSON, not a valid time: %v", err)
			// encoding/json rejects it as well, when decoding or (+24:00) when encoding.
			var tt time.Time
			if err := json.Unmarshal([]byte(bad), &tt); err == nil {
				_, err = json.Marshal(tt)
				assert.Error(t, err)
			}
		})
	}
	// Times RFC 3339 cannot express are refused on encode, as time.Time.MarshalJSON does.
	for _, tm := range []time.Time{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("x", 25*3600))} {
		g := NewGroupedTimestamp(tm)
		_, err := g.MarshalJSON()
		assert.Error(t, err, "%v", tm)
		_, stdErr := json.Marshal(tm)
		assert.Error(t, stdErr)
	}
}

func TestEmbeddedModelSchemaMigration(t *testing.T) {
	good := map[string]int32{"0": 0, "-0": 0, "7": 7, "2147483647": 2147483647, "-2147483648": -2147483648}
	for in, want := range good {
		var s EmbeddedModelSchema
		require.NoError(t, s.UnmarshalJSON([]byte(`{"migration":`+in+`,"semantic":"UNKNOWN"}`)), in)
		assert.Equal(t, want, s.Migration)
	}
	for _, in := range []string{"2147483648", "-2147483649", "99999999999999999999", "1.0", "1.5", "1e2", "1E0", "-0.0",
		`"5"`, "true", "[]", "{}"} {
		t.Run(in, func(t *testing.T) {
			var s EmbeddedModelSchema
			err := s.UnmarshalJSON([]byte(`{"migration":` + in + `,"semantic":"UNKNOWN"}`))
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, "migration", de.Path)
			var te *json.UnmarshalTypeError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, "int32", te.Type.String())
			// encoding/json refuses the same values for an int32.
			var n int32
			assert.Error(t, json.Unmarshal([]byte(in), &n))
		})
	}
	for _, in := range []string{"01", "-", "1.", ".5", "+1", "0x10", "1e", "NaN"} {
		var s EmbeddedModelSchema
		err := s.UnmarshalJSON([]byte(`{"migration":` + in + `,"semantic":"UNKNOWN"}`))
		var de *DecodeError
		require.ErrorAs(t, err, &de, in)
		assert.True(t, isSyntaxError(err), "%s: %v", in, err)
	}
}

func TestDecodeErrorsInvalidJSON(t *testing.T) {
	sample := string(sampleJSON(t))
	cases := map[string]string{
		"empty":            ``,
		"space":            `   `,
		"truncated":        sample[:len(sample)/2],
		"trailing garbage": sample + ` x`,
		"two documents":    sample + sample,
		"array":            `[` + sample + `]`,
		"null":             `null`,
		"string":           `"x"`,
		"bad in unknown":   strings.Replace(sample, `"region"`, `"junk":[1,2,,3],"region"`, 1),
		"bad escape":       strings.Replace(sample, `pieces-prod-01`, `pieces\x`, 1),
		"control char":     strings.Replace(sample, `pieces-prod-01`, "pieces\x01", 1),
		"single quotes":    strings.Replace(sample, `"region"`, `'region'`, 1),
		"trailing comma":   strings.Replace(sample, `"us-central1"`, `"us-central1",`, 1),
		"missing colon":    strings.Replace(sample, `"region":`, `"region" `, 1),
		"BOM":              "\ufeff" + sample,
		"deep unknown":     strings.Replace(sample, `"region"`, `"deep":`+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+`,"region"`, 1),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			var m AllocationCloud
			err := m.UnmarshalJSON([]byte(in))
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, "AllocationCloud", de.Model)
			assert.LessOrEqual(t, de.Offset, int64(len(in)))
			require.NoError(t, compareWithReference([]byte(in)))
		})
	}
}

func TestDecodeDepthLimit(t *testing.T) {
	sample := string(sampleJSON(t))
	// The document object is depth 1: an unknown value may nest 9999 more levels.
	ok := strings.Replace(sample, `"region"`, `"deep":`+strings.Repeat("[", 9999)+strings.Repeat("]", 9999)+`,"region"`, 1)
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON([]byte(ok)))
	require.NoError(t, compareWithReference([]byte(ok)))
	out, err := m.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, ok, string(out))

	tooDeep := strings.Replace(ok, `"deep":[`, `"deep":[[`, 1)
	tooDeep = strings.Replace(tooDeep, `],"region"`, `]],"region"`, 1)
	err = m.UnmarshalJSON([]byte(tooDeep))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "exceeded max depth")
	require.NoError(t, compareWithReference([]byte(tooDeep)))

	// Far deeper, unterminated: an error, not a stack overflow.
	huge := `{"deep":` + strings.Repeat(`{"a":[`, 1_000_000)
	assert.Error(t, m.UnmarshalJSON([]byte(huge)))
}

func TestDecodeDuplicateKeysLastWins(t *testing.T) {
	in := strings.Replace(fullJSON, `"project": "pieces-prod-01"`, `"project": "first", "project": null, "project": "last", "x": 1, "x": 2`, 1)
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON([]byte(in)))
	assert.Equal(t, "last", m.Project)
	assert.Equal(t, json.Number("2"), m.AdditionalProperties["x"])
	require.NoError(t, compareWithReference([]byte(in)))

	// A required member whose last occurrence is null is missing.
	in = strings.Replace(fullJSON, `"project": "pieces-prod-01"`, `"project": "first", "project": null`, 1)
	err := m.UnmarshalJSON([]byte(in))
	assert.ErrorIs(t, err, ErrRequiredPropertyMissing)
	require.NoError(t, compareWithReference([]byte(in)))

	// A repeated object replaces the first one entirely.
	in = strings.Replace(fullJSON, `"region": "us-central1"`, `"region": "r", "schema": {"migration": 9, "semantic": "UNKNOWN"}`, 1)
	require.NoError(t, m.UnmarshalJSON([]byte(in)))
	assert.Equal(t, &EmbeddedModelSchema{Migration: 9, Semantic: EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN}, m.Schema)
	require.NoError(t, compareWithReference([]byte(in)))
}

func TestDecodeStrings(t *testing.T) {
	cases := []string{
		`plain`, `é✓ 日本`, `\u00e9\u2713`, `\ud83d\ude00`, `\ud83d`, `\ude00x`, `\ud83d\u0041`, `a\"b\\c\/d\b\f\n\r\t`,
		"bad\xffutf8", "\xed\xa0\x80", "trunc\xe2\x82", `<&>`, "\u2028\u2029", `\u0000`,
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%q", c), func(t *testing.T) {
			doc := []byte(strings.Replace(string(sampleJSON(t)), `pieces-prod-01`, c, 1))
			var m AllocationCloud
			require.NoError(t, m.UnmarshalJSON(doc))
			var want string
			require.NoError(t, json.Unmarshal([]byte(`"`+c+`"`), &want))
			assert.Equal(t, want, m.Project)
			out, err := m.MarshalJSON()
			require.NoError(t, err)
			stdOut, err := json.Marshal(want)
			require.NoError(t, err)
			assert.Contains(t, string(out), `"project":`+string(stdOut))
			require.NoError(t, compareWithReference(doc))
		})
	}
}

func TestUnmarshalIntoUsedModelResets(t *testing.T) {
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON([]byte(fullJSON)))
	require.NoError(t, m.UnmarshalJSON(sampleJSON(t)))
	var fresh AllocationCloud
	require.NoError(t, fresh.UnmarshalJSON(sampleJSON(t)))
	assert.Equal(t, fresh, m)
}

func TestDecodeLargeInputStrings(t *testing.T) {
	// Inputs over the arena limit allocate each string on its own; same result.
	big := strings.Replace(string(sampleJSON(t)), `"region"`, `"pad":"`+strings.Repeat("x", 70<<10)+`","region"`, 1)
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON([]byte(big)))
	assert.Equal(t, "us-central1", m.GetRegion())
	assert.Len(t, m.AdditionalProperties["pad"], 70<<10)
	require.NoError(t, compareWithReference([]byte(big)))
}

// TestMarshalJSONOneExactAllocation checks that MarshalJSON of each model returns one
// allocation of exactly the encoded size, with or without AdditionalProperties (pooled buffer),
// escapes, and output larger than the stack buffer.
func TestMarshalJSONOneExactAllocation(t *testing.T) {
	for _, doc := range [][]byte{sampleJSON(t), []byte(fullJSON)} {
		var m AllocationCloud
		require.NoError(t, m.UnmarshalJSON(doc))
		marshalers := map[string]json.Marshaler{"AllocationCloud": m, "AllocationCloudUrls": m.Urls,
			"AllocationCloudUrl": m.Urls.Base, "AllocationCloudStatus": m.Status, "EmbeddedModelSchema": *m.Schema,
			"GroupedTimestamp": *m.Updated}
		for name, v := range marshalers {
			out, err := v.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, len(out), cap(out), "%s: %s", name, out)
			assert.Equal(t, 1.0, testing.AllocsPerRun(50, func() { _, _ = v.MarshalJSON() }), name)
		}
		assert.False(t, m.large())
	}

	// Escapes: the output is right, and still exact.
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON([]byte(fullJSON)))
	m.Project = "a&b <c> \"d\" \\ é \u2028 \x01"
	m.Urls.Base.Status = "NEW<STATUS>"
	out, err := m.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, len(out), cap(out))
	var back AllocationCloud
	require.NoError(t, back.UnmarshalJSON(out))
	assert.Equal(t, m.Project, back.Project)
	assert.Equal(t, m.Urls.Base.Status, back.Urls.Base.Status)
	want, err := json.Marshal(m.Project)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"project":`+string(want))

	// Larger than the stack buffer: right, exact.
	m.Project = strings.Repeat("p", 3*marshalBufSize)
	out, err = m.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, len(out), cap(out))
	require.NoError(t, back.UnmarshalJSON(out))
	assert.Equal(t, m.Project, back.Project)
	m.Project = "p"

	// With additional properties anywhere, the pooled buffer is used: one allocation still.
	for _, ap := range []*map[string]interface{}{&m.AdditionalProperties, &m.Schema.AdditionalProperties, &m.Urls.AdditionalProperties,
		&m.Urls.Schema.AdditionalProperties, &m.Urls.Base.AdditionalProperties, &m.Urls.Base.Schema.AdditionalProperties,
		&m.Urls.Id.AdditionalProperties, &m.Urls.Id.Schema.AdditionalProperties, &m.Urls.Vanity.AdditionalProperties,
		&m.Urls.Vanity.Schema.AdditionalProperties, &m.Status.AdditionalProperties, &m.Status.Schema.AdditionalProperties,
		&m.Updated.AdditionalProperties, &m.Updated.Schema.AdditionalProperties} {
		*ap = map[string]interface{}{"n": json.Number("1")}
		assert.True(t, m.large())
		*ap = nil
		assert.False(t, m.large())
	}
	m.Urls.Id.AdditionalProperties = map[string]interface{}{"n": json.Number("1732650970123456789")}
	out, err = m.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, len(out), cap(out))
	assert.Contains(t, string(out), `"n":1732650970123456789`)
	assert.Equal(t, 1.0, testing.AllocsPerRun(50, func() { _, _ = m.MarshalJSON() }))
}
