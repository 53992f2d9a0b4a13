package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDebugRender(t *testing.T) {
	doc, err := Load("../../api/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	api, err := Build(doc)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(api.Unsupported)
	files, err := Render(api)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Section != "" {
			continue
		}
		p := filepath.Join("/tmp/gendebug", f.Path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Content, 0o644)
	}
}
