package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExported(t *testing.T) {
	for in, want := range map[string]string{
		"allocationSnapshot":         "AllocationSnapshot",
		"get-well-known-health":      "GetWellKnownHealth",
		"created_at":                 "CreatedAt",
		"id":                         "Id",
		"AllocationCloudUrl":         "AllocationCloudUrl",
		"x.y z":                      "XYZ",
		"$ref":                       "Ref",
		"2fa":                        "N2fa",
		"":                           "Empty",
		"--":                         "Empty",
		"get /allocation/{id}/x-y":   "GetAllocationIdXY",
		"MAJOR_0_MINOR_0_PATCH_1":    "MAJOR0MINOR0PATCH1",
		"éclair":                     "Clair",
		"application/json":           "ApplicationJson",
		"WellKnown":                  "WellKnown",
		"os_settings_stream_changes": "OsSettingsStreamChanges",
	} {
		assert.Equal(t, want, exported(in), in)
	}
}

func TestUnexported(t *testing.T) {
	for in, want := range map[string]string{
		"allocation":      "allocation",
		"AllocationCloud": "allocationCloud",
		"URLPath":         "urlPath",
		"Id":              "id",
		"ID":              "id",
		"range":           "_range",
		"type":            "_type",
		"ctx":             "_ctx",
		"body":            "_body",
		"query":           "_query",
		"seeded_asset":    "seededAsset",
	} {
		assert.Equal(t, want, unexported(in), in)
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"AllocationCloudUrl":                     "allocation_cloud_url",
		"EmbeddedModelSchemaSemanticVersionEnum": "embedded_model_schema_semantic_version_enum",
		"WellKnown":                              "well_known",
		"HTTPStatus":                             "http_status",
		"OSAPI":                                  "osapi",
		"QGPT":                                   "qgpt",
		"Model2Fa":                               "model2_fa",
		"Allocation":                             "allocation",
	} {
		assert.Equal(t, want, snake(in), in)
	}
}

func TestEnumConstant(t *testing.T) {
	for _, c := range []struct{ typ, value, want string }{
		{"AllocationStatusEnum", "UNKNOWN", "ALLOCATIONSTATUSENUM_UNKNOWN"},
		{"EmbeddedModelSchemaSemanticVersionEnum", "MAJOR_0_MINOR_0_PATCH_1", "EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1"},
		{"MimeEnum", "text/plain", "MIMEENUM_TEXT_PLAIN"},
		{"MimeEnum", "application/vnd.api+json", "MIMEENUM_APPLICATION_VND_API_JSON"},
		{"LangEnum", "c++", "LANGENUM_C"},
		{"LangEnum", "c#", "LANGENUM_C"},
		{"E", "", "E_EMPTY"},
		{"E", "_x", "E_X"},
		{"E", "lower-case", "E_LOWER_CASE"},
	} {
		assert.Equal(t, c.want, enumConstant(c.typ, c.value), c.value)
	}
}

func TestComment(t *testing.T) {
	long := "word " + "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon"
	got := comment("\t", long)
	for _, line := range splitLines(got) {
		assert.LessOrEqual(t, len(line), 100, line)
		assert.Regexp(t, `^\t//( |$)`, line)
	}
	assert.Equal(t, "// a\n//\n// b", comment("", "a\n\nb"))
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
