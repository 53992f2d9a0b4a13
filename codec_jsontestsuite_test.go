package piecesos

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonTestSuiteDir finds ../shared/testdata/JSONTestSuite/test_parsing from the package
// directory or a parent of it.
func jsonTestSuiteDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "..", "shared", "testdata", "JSONTestSuite", "test_parsing")
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

const suitePrefix = `{"id":"i","user":"u","urls":{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"}},` +
	`"status":{"cloud":"RUNNING"},"project":"p","k":`

// TestJSONTestSuite places each document of Nicolas Seriot's JSONTestSuite as the value of an
// unknown key in a valid AllocationCloud: y_ documents must be accepted and round-trip to an
// equal value, n_ documents rejected with a *DecodeError, i_ documents must not panic or hang.
// Every verdict must also match encoding/json's on the same embedded document.
func TestJSONTestSuite(t *testing.T) {
	dir := jsonTestSuiteDir()
	if dir == "" {
		t.Skip("JSONTestSuite not found at ../shared/testdata/JSONTestSuite/test_parsing")
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	counts := map[string]int{}
	var names []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, name := range names {
		doc, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		in := append([]byte(suitePrefix), doc...)
		in = append(in, '}')
		var m AllocationCloud
		start := time.Now()
		decErr := m.UnmarshalJSON(in)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: decode took %v", name, d)
		}
		if decErr != nil {
			var de *DecodeError
			if !errors.As(decErr, &de) {
				t.Errorf("%s: error %T is not a *DecodeError: %v", name, decErr, decErr)
			}
		}
		if err := compareWithReference(in); err != nil {
			t.Errorf("%s: differs from encoding/json: %v", name, err)
		}
		switch name[0] {
		case 'y':
			if decErr != nil {
				t.Errorf("%s: rejected: %v", name, decErr)
				counts["y mismatch"]++
				continue
			}
			counts["y accepted"]++
			var want interface{}
			require.NoError(t, json.Unmarshal(doc, &want), name)
			assert.Equal(t, want, m.AdditionalProperties["k"], name)
			out, err := m.MarshalJSON()
			require.NoError(t, err, name)
			var back AllocationCloud
			require.NoError(t, back.UnmarshalJSON(out), name)
			assert.Equal(t, want, back.AdditionalProperties["k"], "%s: round trip", name)
		case 'n':
			if decErr == nil {
				t.Errorf("%s: accepted %q", name, doc)
				counts["n mismatch"]++
				continue
			}
			counts["n rejected"]++
		case 'i':
			if decErr == nil {
				counts["i accepted"]++
				out, err := m.MarshalJSON()
				require.NoError(t, err, name)
				var back AllocationCloud
				require.NoError(t, back.UnmarshalJSON(out), name)
			} else {
				counts["i rejected"]++
			}
		}
	}
	t.Logf("JSONTestSuite verdicts: %v", counts)
	assert.Zero(t, counts["y mismatch"]+counts["n mismatch"])
	assert.NotZero(t, counts["y accepted"])
	assert.NotZero(t, counts["n rejected"])
}
