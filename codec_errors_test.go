package piecesos

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeTarget is one type of the model graph, with a valid document for it.
type decodeTarget struct {
	name   string
	valid  string
	decode func([]byte) error
}

// decodeTargets lists the UnmarshalJSON of every model, enum and Nullable wrapper.
var decodeTargets = []decodeTarget{
	{"AllocationCloud", `{"id":"i","user":"u","urls":{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"}},"status":{"cloud":"RUNNING"},"project":"p"}`,
		func(b []byte) error { return new(AllocationCloud).UnmarshalJSON(b) }},
	{"AllocationCloudStatus", `{"cloud":"RUNNING"}`, func(b []byte) error { return new(AllocationCloudStatus).UnmarshalJSON(b) }},
	{"AllocationCloudUrls", `{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"}}`,
		func(b []byte) error { return new(AllocationCloudUrls).UnmarshalJSON(b) }},
	{"AllocationCloudUrl", `{"status":"RUNNING","url":"b"}`, func(b []byte) error { return new(AllocationCloudUrl).UnmarshalJSON(b) }},
	{"EmbeddedModelSchema", `{"migration":0,"semantic":"UNKNOWN"}`, func(b []byte) error { return new(EmbeddedModelSchema).UnmarshalJSON(b) }},
	{"GroupedTimestamp", `{"value":"2026-11-26T19:56:10Z"}`, func(b []byte) error { return new(GroupedTimestamp).UnmarshalJSON(b) }},
	{"NullableAllocationCloudUrl", `{"status":"RUNNING","url":"b"}`, func(b []byte) error { return new(NullableAllocationCloudUrl).UnmarshalJSON(b) }},
	{"NullableGroupedTimestamp", `{"value":"2026-11-26T19:56:10Z"}`, func(b []byte) error { return new(NullableGroupedTimestamp).UnmarshalJSON(b) }},
	{"AllocationStatusEnum", `"RUNNING"`, func(b []byte) error { return new(AllocationStatusEnum).UnmarshalJSON(b) }},
	{"EmbeddedModelSchemaSemanticVersionEnum", `"UNKNOWN"`,
		func(b []byte) error { return new(EmbeddedModelSchemaSemanticVersionEnum).UnmarshalJSON(b) }},
	{"NullableAllocationStatusEnum", `"RUNNING"`, func(b []byte) error { return new(NullableAllocationStatusEnum).UnmarshalJSON(b) }},
}

// TestInvalidJSONIsErrInvalidJSON checks, for every model, enum and Nullable wrapper, that each
// way the codec meets invalid JSON (syntax, trailing data, truncation, an invalid literal,
// number or string inside an unknown value, nesting beyond MaxDepth) gives a *DecodeError whose
// cause is a *jsonwire.SyntaxError, so errors.Is(err, ErrInvalidJSON) holds; and that valid JSON
// of the wrong type, a missing required property or an invalid time does not match it.
func TestInvalidJSONIsErrInvalidJSON(t *testing.T) {
	deep := strings.Repeat("[", jsonwire.MaxDepth) + strings.Repeat("]", jsonwire.MaxDepth)
	for _, tg := range decodeTargets {
		require.NoError(t, tg.decode([]byte(tg.valid)), tg.name)
		object := strings.HasPrefix(tg.valid, "{")
		// unknown inserts an unknown member with the raw value v at the start of the object.
		unknown := func(v string) string { return `{"zz":` + v + `,` + tg.valid[1:] }

		invalid := map[string]string{
			"empty":            ``,
			"white space":      " \n\t",
			"not JSON":         `Cloud not found.`,
			"trailing garbage": tg.valid + ` x`,
			"two values":       tg.valid + tg.valid,
			"truncated":        tg.valid[:len(tg.valid)-1],
			"bad literal":      `nul`,
			"null, then more":  `null x`,
			"single quotes":    `'RUNNING'`,
			"byte order mark":  "\xef\xbb\xbf" + tg.valid,
			"too deep":         "[" + deep + "]",
		}
		valid := map[string]string{
			"number": `5`, "bool": `true`, "array": `[]`,
		}
		if object {
			invalid["invalid literal in unknown value"] = unknown(`[true,fals]`)
			invalid["invalid number in unknown value"] = unknown(`-01`)
			invalid["invalid exponent in unknown value"] = unknown(`1e+`)
			invalid["control character in unknown value"] = unknown("\"a\x01b\"")
			invalid["bad escape in unknown key"] = `{"z\q":1,` + tg.valid[1:]
			invalid["unknown value too deep"] = unknown(deep)
			invalid["missing colon"] = `{"zz" 1,` + tg.valid[1:]
			invalid["trailing comma"] = tg.valid[:len(tg.valid)-1] + `,}`
			valid["string"] = `"x"`
			valid["missing required"] = `{}`
			valid["wrong type, number beyond float64"] = `1E400`
		} else {
			invalid["unterminated string"] = `"RUNNING`
			valid["object"] = `{}`
		}
		for name, in := range invalid {
			err := tg.decode([]byte(in))
			var de *DecodeError
			if !assert.ErrorAs(t, err, &de, "%s: %s", tg.name, name) {
				continue
			}
			var se *jsonwire.SyntaxError
			assert.ErrorAs(t, err, &se, "%s: %s: %v", tg.name, name, err)
			assert.ErrorIs(t, err, ErrInvalidJSON, "%s: %s", tg.name, name)
			assert.False(t, errors.Is(err, ErrRequiredPropertyMissing), "%s: %s", tg.name, name)
			assert.False(t, json.Valid([]byte(in)), "%s: %s: the case is valid JSON", tg.name, name)
		}
		for name, in := range valid {
			err := tg.decode([]byte(in))
			var de *DecodeError
			if !assert.ErrorAs(t, err, &de, "%s: %s", tg.name, name) {
				continue
			}
			assert.False(t, errors.Is(err, ErrInvalidJSON), "%s: %s: %v", tg.name, name, err)
			assert.True(t, json.Valid([]byte(in)), "%s: %s: the case is invalid JSON", tg.name, name)
		}
		if object {
			// A number beyond float64 in an unknown member is valid and kept.
			assert.NoError(t, tg.decode([]byte(unknown(`1E400`))), tg.name)
		}
	}
	// An instant that is not RFC 3339 is valid JSON: a decode error, not invalid JSON.
	err := new(GroupedTimestamp).UnmarshalJSON([]byte(`{"value":"yesterday"}`))
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrInvalidJSON))
}

// TestClientDecodeErrorIsInvalidJSON checks the same through the client: a 2xx body that is
// not valid JSON matches ErrInvalidJSON, one that is valid JSON of the wrong shape does not.
func TestClientDecodeErrorIsInvalidJSON(t *testing.T) {
	for body, invalid := range map[string]bool{
		`{"id": "x"`:                     true,
		testAllocationJSON + ` {}`:       true,
		`{"id": "x", "zz": [1e400, tru]`: true,
		`{"id": 5}`:                      false,
		`{}`:                             false,
		`[1e400]`:                        false,
	} {
		ts := setup(t)
		ts.handleJSON("/", 200, body)
		_, _, err := ts.client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
		var de *DecodeError
		require.ErrorAs(t, err, &de, body)
		assert.Equal(t, invalid, errors.Is(err, ErrInvalidJSON), "%q: %v", body, err)
	}
}

// TestTimeOutOfRangeDecodeError: zone offsets Go's RFC 3339 parser accepts but RFC 3339 (and
// time.Time.MarshalJSON) does not are refused on decode, with a message about the input: the
// time as read and the range its offset is outside of, not the encoder's words.
func TestTimeOutOfRangeDecodeError(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-26T19:56:10+23:60":     `time "2026-11-26T19:56:10+24:00": zone offset outside of range [-23:59,+23:59]`,
		"2026-11-26T19:56:10.5-24:00":   `time "2026-11-26T19:56:10.5-24:00": zone offset outside of range [-23:59,+23:59]`,
		"2026-11-26T19:56:10.123+24:60": `time "2026-11-26T19:56:10.123+25:00": zone offset outside of range [-23:59,+23:59]`,
	} {
		err := new(GroupedTimestamp).UnmarshalJSON([]byte(`{"value":"` + in + `"}`))
		var de *DecodeError
		require.ErrorAs(t, err, &de, in)
		assert.Equal(t, "value", de.Path, in)
		assert.EqualError(t, de.Err, want, in)
		assert.Equal(t, "piecesos: decode GroupedTimestamp: value: "+want, err.Error(), in)
		assert.False(t, errors.Is(err, ErrInvalidJSON), in)
		assert.NotContains(t, err.Error(), "MarshalJSON", in)
	}
}
