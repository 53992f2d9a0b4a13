package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The whole Pieces OS API (testdata/pieces-os-public.openapi.yaml, the official C# SDK's
// bundled description: 430 operations, 569 schemas) goes through the generator: it must not
// fail, it lists what it does not support yet, and what it writes builds.
func TestWholePiecesOSSpec(t *testing.T) {
	spec, err := os.ReadFile("testdata/pieces-os-public.openapi.yaml")
	require.NoError(t, err)
	dir, api := newModule(t, spec)

	var ops int
	for _, s := range api.Services {
		ops += len(s.Operations)
	}
	kinds := map[string]int{}
	for _, u := range api.Unsupported {
		t.Log("not supported yet: " + u)
		switch {
		case strings.Contains(u, "WebSocket"):
			kinds["WebSocket streams"]++
		case strings.Contains(u, "x-www-form-urlencoded"):
			kinds["form bodies"]++
		case strings.Contains(u, "array parameter of style"):
			kinds["space- or pipe-delimited query lists"]++
		case strings.Contains(u, "is not among the properties"):
			kinds["required properties the schema does not define (ignored)"]++
		default:
			kinds["other: "+u]++
		}
	}
	t.Logf("generated %d operations in %d services, %d models, %d enums, %d list/map codecs; skipped: %v",
		ops, len(api.Services), len(api.Models), len(api.Enums), len(api.Composites), kinds)
	assert.Equal(t, 395, ops, "operations generated")
	assert.Equal(t, 430, ops+kinds["WebSocket streams"]+kinds["form bodies"]+kinds["space- or pipe-delimited query lists"],
		"every operation of the spec is generated or listed")
	assert.Equal(t, 9, kinds["required properties the schema does not define (ignored)"])
	assert.Len(t, api.Models, 527)
	assert.Len(t, api.Enums, 41)
	assert.Equal(t, 32, kinds["WebSocket streams"])
	assert.Equal(t, 2, kinds["form bodies"])
	assert.Equal(t, 1, kinds["space- or pipe-delimited query lists"])
	assert.Len(t, kinds, 4, "every skipped thing is of a known kind: %v", kinds)

	if testing.Short() {
		t.Skip("-short: not building the generated code")
	}
	goCommand(t, dir, "build", "./...")
}
