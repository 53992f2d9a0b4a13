package piecesos

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/apischema"
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
// equal value (numbers as json.Number, byte for byte), n_ documents rejected with a *DecodeError
// matching ErrInvalidJSON, i_ documents must not panic or hang, and round-trip when accepted.
// Every verdict must also match encoding/json's (with UseNumber) on the same embedded document,
// and so must the verdict on the document as an unknown value of each other model.
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
	// A valid object of each model (its required members) with the document as the value of
	// the unknown key "k".
	var models []string
	embedded := map[string]func(doc []byte) []byte{}
	for _, model := range refModelNames() {
		if model == "AllocationCloud" || refFieldOf(apischema.Models[model], "k") != nil {
			continue
		}
		models = append(models, model)
		obj := refSynthObject(model, 0, false)
		prefix := obj[:len(obj)-1] + `,"k":`
		if obj == "{}" {
			prefix = `{"k":`
		}
		embedded[model] = func(doc []byte) []byte { return append(append([]byte(prefix), doc...), '}') }
	}
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
		// The same document as an unknown value of every other model.
		for _, model := range models {
			if err := compareModel(embedded[model](doc), model); err != nil {
				t.Errorf("%s in %s: differs from encoding/json: %v", name, model, err)
			}
		}
		switch name[0] {
		case 'y':
			if decErr != nil {
				t.Errorf("%s: rejected: %v", name, decErr)
				counts["y mismatch"]++
				continue
			}
			counts["y accepted"]++
			want := suiteDecode(t, name, doc)
			assert.Equal(t, want, m.AdditionalProperties["k"], name)
			suiteRoundTrip(t, name, &m, want)
		case 'n':
			if decErr == nil {
				t.Errorf("%s: accepted %q", name, doc)
				counts["n mismatch"]++
				continue
			}
			assert.ErrorIs(t, decErr, ErrInvalidJSON, name)
			counts["n rejected"]++
		case 'i':
			if decErr == nil {
				counts["i accepted"]++
				suiteRoundTrip(t, name, &m, suiteDecode(t, name, doc))
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

// suiteDecode decodes doc as encoding/json with UseNumber does.
func suiteDecode(t *testing.T, name string, doc []byte) interface{} {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v interface{}
	require.NoError(t, dec.Decode(&v), name)
	return v
}

// suiteRoundTrip encodes m and decodes it again: the unknown value must come back equal to want,
// and every number literal of want must appear in the encoding byte for byte.
func suiteRoundTrip(t *testing.T, name string, m *AllocationCloud, want interface{}) {
	t.Helper()
	out, err := m.MarshalJSON()
	require.NoError(t, err, name)
	var back AllocationCloud
	require.NoError(t, back.UnmarshalJSON(out), name)
	assert.Equal(t, want, back.AdditionalProperties["k"], "%s: round trip", name)
	for _, n := range numbersIn(want) {
		assert.Contains(t, string(out), string(n), "%s: number %s rewritten", name, n)
	}
}
