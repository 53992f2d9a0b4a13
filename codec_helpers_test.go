package piecesos

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// sampleJSON is the realistic AllocationCloud of pieces-allocation-facts.md.
func sampleJSON(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/allocation_cloud_sample.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fullJSON has every member of the graph, a schema at each of its seven places.
const fullJSON = `{
  "schema": {"migration": 1, "semantic": "MAJOR_0_MINOR_0_PATCH_1"},
  "id": "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10",
  "user": "u-1",
  "urls": {
    "schema": {"migration": 2, "semantic": "MAJOR_0_MINOR_0_PATCH_1"},
    "base": {"schema": {"migration": 3, "semantic": "UNKNOWN"}, "status": "RUNNING", "url": "https://b.pieces.cloud"},
    "id": {"schema": {"migration": 4, "semantic": "MAJOR_0_MINOR_0_PATCH_1"}, "status": "SUCCEEDED", "url": "https://i.pieces.cloud"},
    "vanity": {"schema": {"migration": 5, "semantic": "MAJOR_0_MINOR_0_PATCH_1"}, "status": "PENDING", "url": "https://v.pieces.cloud"}
  },
  "status": {"schema": {"migration": 6, "semantic": "MAJOR_0_MINOR_0_PATCH_1"}, "cloud": "DISCONNECTED"},
  "project": "pieces-prod-01",
  "updated": {"schema": {"migration": 7, "semantic": "MAJOR_0_MINOR_0_PATCH_1"}, "value": "2026-11-26T19:56:10.123456789+02:00", "readable": "just now"},
  "version": "12.3.1",
  "region": "us-central1"
}`

// isSyntaxError reports whether a decode failed on invalid JSON (as opposed to a wrong type or
// a missing property).
func isSyntaxError(err error) bool {
	var se *jsonwire.SyntaxError
	return errors.As(err, &se)
}

// docMap parses a JSON object into a map (test input building).
func docMap(t testing.TB, doc string) map[string]interface{} {
	t.Helper()
	var m map[string]interface{}
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// edit returns a copy of doc with the member at the dot-separated path changed by fn (which
// gets the parent object and the last key).
func edit(t testing.TB, doc string, path string, fn func(parent map[string]interface{}, key string)) []byte {
	t.Helper()
	m := docMap(t, doc)
	parts := strings.Split(path, ".")
	parent := m
	for _, p := range parts[:len(parts)-1] {
		next, ok := parent[p].(map[string]interface{})
		if !ok {
			t.Fatalf("edit: %s: no object at %q", path, p)
		}
		parent = next
	}
	fn(parent, parts[len(parts)-1])
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func deleteAt(t testing.TB, doc, path string) []byte {
	return edit(t, doc, path, func(p map[string]interface{}, k string) { delete(p, k) })
}

func setAt(t testing.TB, doc, path string, v interface{}) []byte {
	return edit(t, doc, path, func(p map[string]interface{}, k string) { p[k] = v })
}

// truncate shortens an input for a message.
func truncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}
