package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the module's root, where api/openapi.yaml and the generated files are.
const repoRoot = "../.."

func renderRepoSpec(t *testing.T) []File {
	t.Helper()
	doc, err := Load(filepath.Join(repoRoot, "api/openapi.yaml"))
	require.NoError(t, err)
	api, err := Build(doc)
	require.NoError(t, err)
	require.Empty(t, api.Unsupported, "the SDK's own spec must be fully supported")
	files, err := Render(api)
	require.NoError(t, err)
	return files
}

func TestCommittedFilesAreUpToDate(t *testing.T) {
	want, err := Plan(repoRoot, renderRepoSpec(t))
	require.NoError(t, err)
	problems, err := Check(repoRoot, want)
	require.NoError(t, err)
	assert.Empty(t, problems, "run `make generate` and commit the result")
}

func TestRenderIsDeterministic(t *testing.T) {
	a, b := renderRepoSpec(t), renderRepoSpec(t)
	require.Equal(t, len(a), len(b))
	for i := range a {
		assert.Equal(t, a[i].Path+a[i].Section, b[i].Path+b[i].Section)
		assert.True(t, bytes.Equal(a[i].Content, b[i].Content), a[i].Path)
	}
}

// TestGeneratedFilesAreMarked: every generated file begins with the generated-code line (Go
// files with the form go/build and linters recognise). Render formats the Go files itself
// (format.Source), and make lint runs gofmt over the committed ones.
func TestGeneratedFilesAreMarked(t *testing.T) {
	for _, f := range renderRepoSpec(t) {
		if f.Section != "" {
			continue
		}
		first, _, _ := strings.Cut(string(f.Content), "\n")
		assert.Contains(t, first, generatedHeader, f.Path)
		if strings.HasSuffix(f.Path, ".go") {
			assert.Regexp(t, `^// Code generated .* DO NOT EDIT\.$`, first, f.Path)
		}
	}
}

func TestCheckReportsEveryDrift(t *testing.T) {
	dir := t.TempDir()
	files := renderRepoSpec(t)
	want, err := Plan(dir, files)
	require.NoError(t, err)
	_, err = Write(dir, want)
	require.NoError(t, err)
	problems, err := Check(dir, want)
	require.NoError(t, err)
	require.Empty(t, problems)

	// A hand edit, a removed file and a stale generated file are each reported.
	model := filepath.Join(dir, "model_allocation_cloud.go")
	src, err := os.ReadFile(model)
	require.NoError(t, err)
	edited := strings.Replace(string(src), "\tId string", "\tId   string // edited by hand", 1)
	require.NotEqual(t, string(src), edited)
	require.NoError(t, os.WriteFile(model, []byte(edited), 0o644))
	require.NoError(t, os.Remove(filepath.Join(dir, "docs", "GroupedTimestamp.md")))
	stale := "// " + generatedHeader + "\n\npackage piecesos\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "model_gone.go"), []byte(stale), 0o644))
	handWritten := filepath.Join(dir, "notes.go")
	require.NoError(t, os.WriteFile(handWritten, []byte("package piecesos\n"), 0o644))

	problems, err = Check(dir, want)
	require.NoError(t, err)
	joined := strings.Join(problems, "\n")
	assert.Len(t, problems, 3, joined)
	assert.Contains(t, joined, "model_allocation_cloud.go: differs from what the spec generates, first at line")
	assert.Contains(t, joined, "have: Id   string // edited by hand")
	assert.Contains(t, joined, "docs/GroupedTimestamp.md: missing")
	assert.Contains(t, joined, "model_gone.go: generated from a schema or tag the spec no longer has")
	assert.NotContains(t, joined, "notes.go", "a hand-written file is not the generator's")

	// Write repairs all of it and leaves the hand-written file alone.
	changed, err := Write(dir, want)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"model_allocation_cloud.go", "docs/GroupedTimestamp.md", "model_gone.go (removed)"}, changed)
	problems, err = Check(dir, want)
	require.NoError(t, err)
	assert.Empty(t, problems)
	assert.FileExists(t, handWritten)
}

func TestReadmeSectionsNeedTheirMarkers(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("# A README without markers\n"), 0o644))
	_, err := Plan(dir, renderRepoSpec(t))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `README.md: markers of section "authorization" not found`)

	// With the markers, only the text between them changes.
	begin, end := sectionMarkers("endpoints")
	doc := "# Intro\n\n" + begin + "\nold table\n" + end + "\n\nhand-written text\n"
	out, err := splice([]byte(doc), "endpoints", []byte("new table\n"))
	require.NoError(t, err)
	assert.Equal(t, "# Intro\n\n"+begin+"\nnew table\n"+end+"\n\nhand-written text\n", string(out))
}

func TestRunCheckMessage(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	spec := filepath.Join(repoRoot, "api/openapi.yaml")
	require.Equal(t, 0, run([]string{"-spec", spec, "-out", dir}, &stdout, &stderr), stderr.String())
	require.Equal(t, 0, run([]string{"-spec", spec, "-out", dir, "-check"}, &stdout, &stderr), stderr.String())

	path := filepath.Join(dir, "api_allocation.go")
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, append(src, "// a hand edit\n"...), 0o644))
	stderr.Reset()
	assert.Equal(t, 1, run([]string{"-spec", spec, "-out", dir, "-check"}, &stdout, &stderr))
	msg := stderr.String()
	assert.Contains(t, msg, "1 generated file(s) differ")
	assert.Contains(t, msg, "api_allocation.go: differs from what the spec generates")
	assert.Contains(t, msg, "run `make generate` and commit the result")
}

// TestRenderServers: NewConfiguration's servers are the spec's, with their variables.
func TestRenderServers(t *testing.T) {
	doc, err := Parse([]byte(`openapi: 3.0.3
info: {title: T, version: '1'}
servers:
  - {url: 'http://localhost:1000', description: fixed}
  - url: 'http://{host}:{port}'
    description: "any \"port\""
    variables:
      host: {default: 127.0.0.1}
      port: {default: '39300', enum: ['39300', '39301'], description: the port}
paths: {}
`))
	require.NoError(t, err)
	api, err := Build(doc)
	require.NoError(t, err)
	files, err := Render(api)
	require.NoError(t, err)
	var client string
	for _, f := range files {
		if f.Path == "client_gen.go" {
			client = string(f.Content)
		}
	}
	for _, want := range []string{
		`URL:         "http://localhost:1000",`,
		`Description: "fixed",`,
		`URL:         "http://{host}:{port}",`,
		`Description: "any \"port\"",`,
		`"host": {`,
		`DefaultValue: "127.0.0.1",`,
		`Description:  "the port",`,
		`EnumValues:   []string{"39300", "39301"},`,
	} {
		assert.Contains(t, client, want)
	}
}

// TestRenderWithoutStatusErrors: a spec with no x-go-status-errors renders an errors file
// without sentinels (and without the import they need) and a README error section without an
// example.
func TestRenderWithoutStatusErrors(t *testing.T) {
	doc, err := Parse([]byte("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n"))
	require.NoError(t, err)
	api, err := Build(doc)
	require.NoError(t, err)
	files, err := Render(api) // formats the Go files: a syntax error fails here
	require.NoError(t, err)
	seen := 0
	for _, f := range files {
		switch {
		case f.Path == "errors_gen.go":
			seen++
			assert.NotContains(t, string(f.Content), `import "errors"`)
			assert.NotContains(t, string(f.Content), "ErrX")
		case f.Path == "README.md" && f.Section == "errors":
			seen++
			assert.NotContains(t, string(f.Content), "from any operation is a")
		}
	}
	assert.Equal(t, 2, seen)
}
