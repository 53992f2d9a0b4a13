package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// TestSpecChange proves that the spec is the source: a copy of api/openapi.yaml gets (a) an
// optional string and a required object property on AllocationCloud, (b) an enum value, (c) a
// new model referenced from an existing one and (d) a new GET operation with a path parameter
// (under a new tag). The generator writes a temporary module from it; the module builds, and a
// test inside it round-trips a document using all of them through an httptest server.
func TestSpecChange(t *testing.T) {
	spec, err := os.ReadFile(filepath.Join(repoRoot, "api/openapi.yaml"))
	require.NoError(t, err)
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(spec, &root))
	doc := root.Content[0]
	schemas := mapGet(t, mapGet(t, doc, "components"), "schemas")

	cloud := mapGet(t, schemas, "AllocationCloud")
	props := mapGet(t, cloud, "properties")
	mapAdd(t, props, "zone", "type: string\ndescription: the zone the cloud runs in.") // (a) optional string
	mapAdd(t, props, "billing", "$ref: '#/components/schemas/AllocationBilling'")      // (a) required object, (c)
	required := mapGet(t, cloud, "required")
	required.Content = append(required.Content, scalarNode("billing"))

	enum := mapGet(t, mapGet(t, schemas, "AllocationStatusEnum"), "enum") // (b)
	enum.Content = append(enum.Content, scalarNode("HIBERNATING"))

	mapAdd(t, schemas, "AllocationBilling", `type: object
description: The billing of a cloud.
required: [plan]
properties:
  plan: {type: string}
  seats: {type: integer}
  status: {$ref: '#/components/schemas/AllocationStatusEnum'}`) // (c)

	mapAdd(t, mapGet(t, doc, "paths"), "/allocation/{allocation}/billing", `get:
  tags: [Billing]
  operationId: billingSnapshot
  summary: /allocation/{allocation}/billing [GET]
  parameters:
    - {name: allocation, in: path, required: true, schema: {type: string}}
  responses:
    "200": {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/AllocationBilling'}}}}
    "410": {description: Cloud not found., content: {text/plain: {schema: {type: string}}}}`) // (d)
	changed, err := yaml.Marshal(&root)
	require.NoError(t, err)

	dir, api := newModule(t, changed)
	for _, f := range []string{"model_allocation_billing.go", "api_billing.go", "docs/AllocationBilling.md", "docs/BillingAPI.md"} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	require.NoError(t, err)
	assert.Contains(t, string(readme), "[**BillingSnapshot**](docs/BillingAPI.md#billingsnapshot)")
	assert.Contains(t, string(readme), "[AllocationBilling](docs/AllocationBilling.md)")
	schema, err := os.ReadFile(filepath.Join(dir, "internal/apischema/schema_gen.go"))
	require.NoError(t, err)
	assert.Contains(t, string(schema), `{Name: "billing", Required: true, Type: Type{Kind: Object, Name: "AllocationBilling"}}`, "the fake's schema follows")
	assert.Empty(t, api.Unsupported)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "specchange_test.go"), []byte(specChangeModuleTest), 0o644))
	out := goCommand(t, dir, "test", "-count=1", "-run", "TestSpecChangeRoundTrip", "-v", ".")
	assert.Contains(t, out, "--- PASS: TestSpecChangeRoundTrip")
}

// specChangeModuleTest runs inside the generated module.
const specChangeModuleTest = `package piecesos_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

const cloudDoc = ` + "`" + `{"id":"c1","user":"u1","project":"p",
 "urls":{"base":{"status":"HIBERNATING","url":"https://b"},"id":{"status":"RUNNING","url":"https://i"}},
 "status":{"cloud":"HIBERNATING","since":"yesterday"},
 "zone":"eu-1",
 "billing":{"plan":"team","seats":5,"status":"RUNNING","discount":{"code":"X","pct":12.5}},
 "futureKey":{"n":1732650970123456789}}` + "`" + `

func TestSpecChangeRoundTrip(t *testing.T) {
	var sent []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method + " " + r.URL.Path {
		case "GET /allocation/c1":
			io.WriteString(w, cloudDoc)
		case "GET /allocation/c1/billing":
			io.WriteString(w, ` + "`" + `{"plan":"solo","seats":1,"extra":true}` + "`" + `)
		case "POST /allocation/update":
			sent, _ = io.ReadAll(r.Body)
			w.Write(sent)
		case "GET /allocation/no-billing":
			io.WriteString(w, ` + "`" + `{"id":"c1","user":"u1","project":"p","urls":{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"}},"status":{"cloud":"RUNNING"}}` + "`" + `)
		case "GET /allocation/no-plan":
			io.WriteString(w, ` + "`" + `{"id":"c1","user":"u1","project":"p","urls":{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"}},"status":{"cloud":"RUNNING"},"billing":{"seats":2}}` + "`" + `)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: srv.URL}}
	client := piecesos.NewAPIClient(cfg)
	ctx := context.Background()

	cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, "c1").Execute()
	if err != nil {
		t.Fatal(err)
	}
	// (a) the new optional string and required object, (c) the new model.
	if cloud.GetZone() != "eu-1" || !cloud.HasZone() {
		t.Errorf("zone: %v", cloud.Zone)
	}
	if cloud.Billing.GetPlan() != "team" || cloud.Billing.GetSeats() != 5 || cloud.Billing.GetStatus() != piecesos.ALLOCATIONSTATUSENUM_RUNNING {
		t.Errorf("billing: %+v", cloud.Billing)
	}
	// (b) the new enum value is a known, valid constant.
	if cloud.Status.Cloud != piecesos.ALLOCATIONSTATUSENUM_HIBERNATING || !cloud.Status.Cloud.IsValid() {
		t.Errorf("status: %q", cloud.Status.Cloud)
	}
	// Unknown keys are still kept, numbers exactly, also inside the new model.
	if cloud.AdditionalProperties["futureKey"].(map[string]interface{})["n"] != json.Number("1732650970123456789") {
		t.Errorf("futureKey: %v", cloud.AdditionalProperties)
	}
	if _, ok := cloud.Billing.AdditionalProperties["discount"]; !ok {
		t.Errorf("billing kept no unknown key: %v", cloud.Billing.AdditionalProperties)
	}
	if cloud.Status.AdditionalProperties["since"] != "yesterday" {
		t.Errorf("status kept no unknown key: %v", cloud.Status.AdditionalProperties)
	}

	// The update sends back everything that was read.
	back, _, err := client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(t, sent, []byte(cloudDoc)) {
		t.Errorf("sent %s\nwant the document read: %s", sent, cloudDoc)
	}
	if back.Billing.GetPlan() != "team" || back.GetZone() != "eu-1" {
		t.Errorf("answer: %+v", back)
	}

	// (d) the new operation, in its own service.
	billing, _, err := client.BillingAPI.BillingSnapshot(ctx, "c1").Execute()
	if err != nil {
		t.Fatal(err)
	}
	if billing.GetPlan() != "solo" || billing.AdditionalProperties["extra"] != true {
		t.Errorf("billing: %+v", billing)
	}
	if _, _, err := client.BillingAPI.BillingSnapshot(ctx, "..").Execute(); !errors.As(err, new(*piecesos.ValidationError)) {
		t.Errorf("path parameter not checked: %v", err)
	}

	// A missing new required property is a *DecodeError naming its path.
	for id, path := range map[string]string{"no-billing": "billing", "no-plan": "billing.plan"} {
		_, _, err := client.AllocationAPI.AllocationSnapshot(ctx, id).Execute()
		var de *piecesos.DecodeError
		if !errors.As(err, &de) || de.Path != path || !errors.Is(err, piecesos.ErrRequiredPropertyMissing) {
			t.Errorf("%s: %v, want a *DecodeError at %q", id, err, path)
		}
	}

	// The constructor takes the new required property.
	m := piecesos.NewAllocationCloud("id", "user", cloud.Urls, cloud.Status, "project", *piecesos.NewAllocationBilling("team"))
	if m.Billing.Plan != "team" {
		t.Errorf("constructor: %+v", m)
	}
}

func sameJSON(t *testing.T, a, b []byte) bool {
	var x, y interface{}
	for _, c := range []struct {
		data []byte
		v    *interface{}
	}{{a, &x}, {b, &y}} {
		dec := json.NewDecoder(bytes.NewReader(c.data))
		dec.UseNumber()
		if err := dec.Decode(c.v); err != nil {
			t.Fatal(err)
		}
	}
	return reflect.DeepEqual(x, y)
}
`

func mapGet(t *testing.T, m *yaml.Node, key string) *yaml.Node {
	t.Helper()
	require.Equal(t, yaml.MappingNode, m.Kind)
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	t.Fatalf("key %q not found", key)
	return nil
}

func mapAdd(t *testing.T, m *yaml.Node, key, value string) {
	t.Helper()
	var v yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(value), &v))
	m.Content = append(m.Content, scalarNode(key), v.Content[0])
}

func scalarNode(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
