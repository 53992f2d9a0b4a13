package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// newModule generates the SDK from spec into a new temporary module: the repository's
// hand-written runtime (every non-test .go file of the root package that the generator did
// not write, internal/jsonwire, internal/apischema's hand-written part) plus what the
// generator writes for spec. It returns the module's directory and the generator's model.
func newModule(t *testing.T, spec []byte) (string, *API) {
	t.Helper()
	dir := t.TempDir()
	copyHandWritten(t, repoRoot, dir)
	copyHandWritten(t, filepath.Join(repoRoot, "internal/jsonwire"), filepath.Join(dir, "internal/jsonwire"))
	copyHandWritten(t, filepath.Join(repoRoot, "internal/apischema"), filepath.Join(dir, "internal/apischema"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"),
		[]byte("module github.com/pieces-app/pieces-os-client-sdk-for-go\n\ngo 1.22\n"), 0o644))

	doc, err := Parse(spec)
	require.NoError(t, err)
	api, err := Build(doc)
	require.NoError(t, err)
	files, err := Render(api)
	require.NoError(t, err)
	want, err := Plan(dir, files)
	require.NoError(t, err)
	_, err = Write(dir, want)
	require.NoError(t, err)
	return dir, api
}

// copyHandWritten copies the .go files of from that are neither tests nor generated.
func copyHandWritten(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(to, 0o755))
	entries, err := os.ReadDir(from)
	require.NoError(t, err)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || isGenerated(filepath.Join(from, name)) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(to, name), data, 0o644))
	}
}

// goCommand runs the go command in dir and returns its combined output; the test fails when
// it fails. The module needs nothing from the network.
func goCommand(t *testing.T, dir string, args ...string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	cmd := exec.Command(goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Run(), "go %s in %s:\n%s", strings.Join(args, " "), dir, out.String())
	return out.String()
}
