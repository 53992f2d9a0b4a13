package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildSpec builds the intermediate model of a small spec: components are given, paths too.
func buildSpec(t *testing.T, paths, schemas string) *API {
	t.Helper()
	api, err := buildSpecErr(paths, schemas)
	require.NoError(t, err)
	return api
}

func buildSpecErr(paths, schemas string) (*API, error) {
	src := "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'http://localhost:1000'}]\n" +
		"security: [{application: []}]\n" +
		"x-go-status-errors:\n  - {status: 410, type: GoneError, sentinel: ErrGone}\n" +
		"paths:\n" + indent(paths, "  ") +
		"components:\n  securitySchemes:\n    application: {type: apiKey, in: header, name: X-Application-ID}\n  schemas:\n" + indent(schemas, "    ")
	doc, err := Parse([]byte(src))
	if err != nil {
		return nil, err
	}
	return Build(doc)
}

func indent(s, prefix string) string {
	if strings.TrimSpace(s) == "" {
		return prefix + "{}\n"
	}
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString(prefix + l + "\n")
	}
	return b.String()
}

func model(api *API, name string) *Model {
	for _, m := range api.Models {
		if m.Name == name {
			return m
		}
	}
	return nil
}

func field(m *Model, json string) *Field {
	for _, f := range m.Fields {
		if f.JSONName == json {
			return f
		}
	}
	return nil
}

func TestBuildStorageForms(t *testing.T) {
	api := buildSpec(t, "", `
Thing:
  type: object
  required: [id, tags, inner, when, any]
  properties:
    id: {type: string}
    count: {type: integer}
    big: {type: integer, format: int64}
    ratio: {type: number}
    exact: {type: number, format: double}
    flag: {type: boolean}
    when: {type: string, format: date-time}
    tags: {type: array, items: {type: string}}
    labels: {type: object, additionalProperties: {type: integer}}
    free: {type: object}
    any: {}
    maybe: {type: number, nullable: true}
    inner: {$ref: '#/components/schemas/Inner'}
    opt: {$ref: '#/components/schemas/Inner'}
    color: {$ref: '#/components/schemas/Color'}
    mode: {type: string, enum: [a, b]}
Inner:
  type: object
  properties:
    name: {type: string, default: x}
Color:
  type: string
  enum: [RED, light-blue]
  default: RED
`)
	m := model(api, "Thing")
	require.NotNil(t, m)
	for _, c := range []struct {
		json, goType, fieldType string
		storage                 Storage
		bit                     int
	}{
		{"id", "string", "string", StoreValue, 0},
		{"count", "int32", "*int32", StorePointer, -1},
		{"big", "int64", "*int64", StorePointer, -1},
		{"ratio", "float32", "*float32", StorePointer, -1},
		{"exact", "float64", "*float64", StorePointer, -1},
		{"flag", "bool", "*bool", StorePointer, -1},
		{"when", "time.Time", "time.Time", StoreValue, 1},
		{"tags", "[]string", "[]string", StoreValue, 2},
		{"labels", "map[string]int32", "map[string]int32", StoreNil, -1},
		{"free", "map[string]interface{}", "map[string]interface{}", StoreNil, -1},
		{"any", "interface{}", "interface{}", StoreNil, 3},
		{"maybe", "float32", "NullableFloat32", StoreNullable, -1},
		{"inner", "Inner", "Inner", StoreValue, 4},
		{"opt", "Inner", "*Inner", StorePointer, -1},
		{"color", "Color", "*Color", StorePointer, -1},
		{"mode", "string", "*string", StorePointer, -1},
	} {
		f := field(m, c.json)
		require.NotNil(t, f, c.json)
		assert.Equal(t, c.goType, f.Type.GoType(), c.json)
		assert.Equal(t, c.fieldType, f.FieldType(), c.json)
		assert.Equal(t, c.storage, f.Storage, c.json)
		assert.Equal(t, c.bit, f.Bit, c.json)
	}
	assert.Equal(t, []string{"id", "when", "tags", "any", "inner"}, func() (out []string) {
		for _, f := range m.Required {
			out = append(out, f.JSONName)
		}
		return
	}(), "required members in bit order (spec order of the properties)")
	assert.Equal(t, "uint8", m.SeenType())
	assert.Equal(t, "COLOR_RED", field(m, "color").Default, "an enum's default applies to members of its type")
	assert.Equal(t, `"x"`, field(model(api, "Inner"), "name").Default)
	require.Len(t, api.Enums, 1)
	assert.Equal(t, []EnumValue{{"COLOR_RED", "RED"}, {"COLOR_LIGHT_BLUE", "light-blue"}}, api.Enums[0].Values)
	var idents []string
	for _, c := range api.Composites {
		idents = append(idents, c.Ident())
	}
	assert.Equal(t, []string{"MapOfInt32", "MapOfInterface", "SliceOfString"}, idents)
	assert.Empty(t, api.Unsupported)
}

func TestBuildRecursion(t *testing.T) {
	api := buildSpec(t, "", `
A:
  type: object
  required: [b]
  properties:
    b: {$ref: '#/components/schemas/B'}
    self: {$ref: '#/components/schemas/A'}
    list: {type: array, items: {$ref: '#/components/schemas/A'}}
B:
  type: object
  required: [a]
  properties:
    a: {$ref: '#/components/schemas/A'}
`)
	a, b := model(api, "A"), model(api, "B")
	// A.b (required) → B.a (required) → A: the member that closes the cycle becomes a pointer
	// and stays required.
	assert.Equal(t, StoreValue, field(a, "b").Storage)
	assert.Equal(t, StorePointer, field(b, "a").Storage)
	assert.True(t, field(b, "a").Required)
	assert.Equal(t, StorePointer, field(a, "self").Storage)
	assert.Equal(t, "[]A", field(a, "list").Type.GoType())
	// The commas follow the storage breakCycles decided: B has no member that is always
	// written (its a may be nil), so every member is written after a comma.
	assert.True(t, a.Braced())
	assert.Equal(t, `"b":`, field(a, "b").Key)
	assert.False(t, b.Braced())
	assert.Equal(t, `,"a":`, field(b, "a").Key)
}

func TestBuildCollisionsAreErrors(t *testing.T) {
	for name, c := range map[string]struct{ paths, schemas, want string }{
		"two schemas, one Go name":          {"", "a_b: {type: object}\nAB: {type: object}\n", "Go name AB is taken by #/components/schemas/a_b"},
		"two members, one Go name":          {"", "M:\n  type: object\n  properties:\n    a_b: {type: string}\n    aB: {type: string}\n", "Go field name AB is taken by"},
		"member named like the SDK's field": {"", "M:\n  type: object\n  properties:\n    additionalProperties: {type: string}\n", "AdditionalProperties is taken"},
		"schema named like the runtime":     {"", "Configuration: {type: object}\n", "Go name Configuration is taken by the SDK's runtime"},
		"enum values, one constant":         {"", "E: {type: string, enum: [a-b, a_b]}\n", "the same constant E_A_B"},
		"two operations, one name": {`
/a:
  get: {operationId: getX, responses: {'204': {description: ok}}}
/b:
  get: {operationId: get-x, responses: {'204': {description: ok}}}
`, "", "operation name GetX is taken by GET /a"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := buildSpecErr(c.paths, c.schemas)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestBuildOperations(t *testing.T) {
	api := buildSpec(t, `
/things/{thing}:
  parameters:
    - {name: thing, in: path, required: true, schema: {type: string}}
  get:
    tags: [Things]
    operationId: thingsSnapshot
    summary: /things/{thing} [GET]
    parameters:
      - {name: transferables, in: query, schema: {type: boolean}}
      - {name: ids, in: query, schema: {type: array, items: {type: string}}}
      - {name: csv, in: query, explode: false, schema: {type: array, items: {type: integer}}}
    security: [{}, {application: []}]
    responses:
      '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
      '410': {description: Gone, content: {text/plain: {schema: {type: string}}}}
/things/{thing}/delete:
  post:
    tags: [Things]
    operationId: thingsDelete
    parameters:
      - {name: thing, in: path, required: true, schema: {type: string}}
    requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
    responses:
      '204': {description: No Content}
/.well-known/health:
  get:
    tags: [WellKnown]
    operationId: get-well-known-health
    security: []
    responses:
      '200': {description: OK, content: {text/plain: {schema: {type: string}}}}
/names:
  post:
    tags: [Things]
    operationId: names
    requestBody: {required: true, content: {application/json: {schema: {type: string}}}}
    responses:
      '200': {description: OK, content: {application/json: {schema: {type: array, items: {type: string}}}}}
/form:
  post:
    tags: [Things]
    operationId: form
    requestBody: {content: {application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Thing'}}}}
    responses:
      '204': {description: ok}
/stream:
  get:
    tags: [Things]
    summary: /stream [WS]
    responses:
      '200': {description: ok}
`, "Thing: {type: object, properties: {thing: {type: string}}}\n")

	require.Len(t, api.Services, 2)
	things, wk := api.Services[0], api.Services[1]
	assert.Equal(t, "ThingsAPI", things.Name)
	assert.Equal(t, "ThingsAPIService", things.Type)
	assert.Equal(t, "api_things.go", things.File)
	assert.Equal(t, "api_well_known.go", wk.File)

	var names []string
	for _, op := range things.Operations {
		names = append(names, op.Name)
	}
	assert.Equal(t, []string{"Names", "ThingsDelete", "ThingsSnapshot"}, names, "sorted; form and [WS] skipped")

	snap := things.Operations[2]
	assert.Equal(t, "ThingsAPIService.ThingsSnapshot", snap.Endpoint())
	assert.True(t, snap.Read)
	assert.False(t, snap.NoAuth)
	assert.True(t, snap.AuthOptional)
	assert.Equal(t, []string{"application/json", "text/plain"}, snap.Accept)
	assert.True(t, snap.Result.IsModel())
	require.Len(t, snap.PathParts, 2)
	assert.Equal(t, "/things/", snap.PathParts[0].Literal)
	assert.Equal(t, "thing", snap.PathParts[1].Param.VarName)
	require.Len(t, snap.QueryParams, 3)
	assert.True(t, snap.QueryParams[1].Explode)
	assert.False(t, snap.QueryParams[2].Explode)
	require.Len(t, snap.Responses, 2)
	require.NotNil(t, snap.Responses[1].Error)
	assert.Equal(t, "GoneError", snap.Responses[1].Error.Type)

	del := things.Operations[1]
	assert.False(t, del.Read)
	assert.True(t, del.Result.IsNone())
	assert.Equal(t, "thingBody", del.Body.VarName, "a body named like a parameter takes the suffix Body")
	assert.Equal(t, "ThingBody", del.Body.Method)

	names0 := things.Operations[0]
	assert.True(t, names0.Result.IsList())
	assert.Equal(t, "Body", names0.Body.Method)
	assert.True(t, names0.Body.Required)

	health := wk.Operations[0]
	assert.Equal(t, "GetWellKnownHealth", health.Name)
	assert.True(t, health.NoAuth, "security: [] sends no credential")
	assert.True(t, health.Result.IsText())

	assert.Equal(t, []string{
		"GET /stream: WebSocket stream (not plain HTTP)",
		"POST /form: request body of type application/x-www-form-urlencoded",
	}, api.Unsupported)
}

func TestBuildSlabRule(t *testing.T) {
	api := buildSpec(t, `
/r:
  get:
    operationId: r
    responses:
      '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Root'}}}}
`, `
Root:
  type: object
  required: [inner]
  properties:
    s1: {type: string}
    s2: {type: string}
    meta: {$ref: '#/components/schemas/Meta'}
    inner: {$ref: '#/components/schemas/Inner'}
    big: {$ref: '#/components/schemas/Big'}
Inner:
  type: object
  properties:
    meta: {$ref: '#/components/schemas/Meta'}
    s3: {type: string}
    again: {$ref: '#/components/schemas/Inner'}
Meta:
  type: object
  properties:
    n: {type: integer}
Big:
  type: object
  properties:
    a: {type: string}
    b: {type: string}
    c: {type: string}
    d: {type: string}
    e: {type: string}
    f: {type: string}
    g: {type: string}
    h: {type: string}
    i: {type: string}
    j: {type: string}
    k: {type: string}
    l: {type: string}
    m: {type: string}
    n: {type: string}
    o: {type: string}
    p: {type: string}
    q: {type: string}
    r: {type: string}
    s: {type: string}
    t: {type: string}
    u: {type: string}
    v: {type: string}
    w: {type: string}
    x: {type: string}
    y: {type: string}
    z: {type: string}
`)
	slots := map[string]int{}
	total := 0
	for _, e := range api.Slab {
		slots[e.Type.Ident()] = e.Slots
		total += e.Bytes()
	}
	// Breadth-first from Root, each model once: Root meets String (s1, s2), Meta, Big; then
	// Inner meets Meta, String (s3) and Inner (again: counted, not walked twice); Meta meets
	// Int32; Big meets 26 strings. Slots: String 29 (464 bytes), Meta 2 (32), Big 1 (216),
	// Inner 1 (32), Int32 1 (4). Admitted in the order met while within 512 bytes: String,
	// Meta; Big does not fit (712), nor Inner (528); Int32 does (500).
	assert.Equal(t, map[string]int{"String": 29, "Meta": 2, "Int32": 1}, slots)
	assert.Equal(t, 500, total)
	assert.LessOrEqual(t, total, maxSlabBytes)
	assert.Nil(t, field(model(api, "Root"), "big").Slab, "a type without slots is allocated with new")
	assert.Equal(t, "new(Big)", field(model(api, "Root"), "big").NewFunc())
	assert.Equal(t, "s.newMeta()", field(model(api, "Root"), "meta").NewFunc())
	assert.Equal(t, "s.newString()", field(model(api, "Root"), "s1").NewFunc())
}

// TestBuildScalarsOfResultsAndParameters: the scalar types named by decode errors include those
// of lists and maps that only a result or a parameter uses (codec_gen.go declares a reflect.Type
// for each; a missing one does not compile).
func TestBuildScalarsOfResultsAndParameters(t *testing.T) {
	api := buildSpec(t, `
/counts:
  get:
    operationId: counts
    parameters:
      - {name: flags, in: query, schema: {type: array, items: {type: boolean}}}
    responses:
      '200': {description: OK, content: {application/json: {schema: {type: array, items: {type: integer, format: int64}}}}}
`, `
Thing:
  type: object
  properties:
    name: {type: string}
`)
	var idents []string
	for _, s := range api.Scalars {
		idents = append(idents, s.Ident())
	}
	assert.Subset(t, idents, []string{"Int64", "Bool", "String"}, "%v", idents)
}

// TestBuildResponseRefToRef: a response $ref that names another $ref is listed as unsupported,
// as the same chain is for parameters and request bodies, not taken as a response without a
// body.
func TestBuildResponseRefToRef(t *testing.T) {
	doc, err := Parse([]byte(`openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /x:
    get:
      operationId: x
      responses:
        '200': {$ref: '#/components/responses/A'}
components:
  responses:
    A: {$ref: '#/components/responses/B'}
    B: {description: OK, content: {text/plain: {schema: {type: string}}}}
`))
	require.NoError(t, err)
	api, err := Build(doc)
	require.NoError(t, err)
	assert.Contains(t, strings.Join(api.Unsupported, "\n"), "response $ref #/components/responses/A")
}
