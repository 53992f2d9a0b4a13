package piecesos_test

// TestDocsCompile compiles every Go code block of the documentation, so that a snippet that
// no longer compiles (a renamed method, an undefined variable) fails `go test` instead of a
// reader. The blocks are the ```go fences of README.md and docs/*.md (generated pages
// included) and the code blocks of the package doc comment (doc.go).
//
// A block that starts with a package clause is compiled as it is, as a package of its own
// (its package clause renamed, so that a `package main` is type-checked and compiled but not
// linked). Any other block is a fragment:
//
//   - declarations (imports, funcs, types) become a file of a package of their own;
//   - statements become the body of
//     func(ctx context.Context, client *piecesos.APIClient, ...) error,
//     followed by `_ = v` for each variable the fragment declares at its top level and by
//     `return nil`, so that a fragment may end with a variable it only shows, or return an
//     error.
//
// The variables a statement fragment may use without declaring them are docParams (name and
// type); a parameter is only added when the fragment uses the name and does not declare it.
// The imports a fragment needs are added from docImports, by the package names it uses: the
// standard library packages the docs use, the SDK as piecesos (README) or openapiclient (the
// generated pages), piecesostest, httpmock, and testify's require and assert. An import a
// declaration fragment writes but does not use (the README's import line) becomes a blank
// import, so that its path is still checked.
//
// All blocks are compiled by one `go build` of the module, with the blocks as packages under
// _docscheck/ given through -overlay (nothing is written into the repository, nothing is
// downloaded: GOPROXY=off, GOWORK=off). Each block's code carries a //line directive, so the
// compiler reports errors at the line of the Markdown or Go file; each failing block is
// reported with the file and line of its opening fence.

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

// docsModule is the module path of the repository.
const docsModule = "github.com/pieces-app/pieces-os-client-sdk-for-go"

// docParams are the variables statement fragments may assume, in parameter order. The
// generated pages name the client apiClient and the allocation id allocation, and use the
// allocationCloud of their request example; the README names them client and id.
var docParams = []struct{ name, typ string }{
	{"ctx", "context.Context"},
	{"t", "*testing.T"},
	{"cfg", "*docsdk.Configuration"},
	{"configuration", "*docsdk.Configuration"},
	{"client", "*docsdk.APIClient"},
	{"apiClient", "*docsdk.APIClient"},
	{"id", "string"},
	{"allocation", "string"},
	{"cloud", "*docsdk.AllocationCloud"},
	{"allocationCloud", "docsdk.AllocationCloud"},
}

// docImports maps the package names fragments use to import paths.
var docImports = map[string]string{
	"piecesos":      docsModule,
	"openapiclient": docsModule,
	"docsdk":        docsModule,
	"piecesostest":  docsModule + "/piecesostest",
	"httpmock":      "github.com/jarcoal/httpmock",
	"require":       "github.com/stretchr/testify/require",
	"assert":        "github.com/stretchr/testify/assert",
	"context":       "context",
	"errors":        "errors",
	"fmt":           "fmt",
	"http":          "net/http",
	"httptest":      "net/http/httptest",
	"io":            "io",
	"json":          "encoding/json",
	"log":           "log",
	"os":            "os",
	"slog":          "log/slog",
	"strings":       "strings",
	"sync":          "sync",
	"testing":       "testing",
	"time":          "time",
	"url":           "net/url",
}

// docBlock is one Go code block of the documentation.
type docBlock struct {
	file  string // slash-separated, relative to the repository root
	fence int    // line of the opening fence (for a doc comment, of the first code line)
	first int    // line of the first line of code
	code  string
}

func (b docBlock) String() string { return b.file + ":" + strconv.Itoa(b.fence) }

func TestDocsCompile(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("the go command is not available (%v): the documentation's Go blocks are not compiled", err)
	}
	root, err := os.Getwd() // go test runs the root package's tests in the repository root
	if err != nil {
		t.Fatal(err)
	}
	blocks := docBlocks(t, root)
	if len(blocks) < 10 {
		t.Fatalf("found only %d Go blocks in the documentation: is the extraction broken?", len(blocks))
	}

	dir := t.TempDir()
	overlay := map[string]string{}
	var pkgs []string
	byPkg := map[string]docBlock{}
	for i, b := range blocks {
		name := fmt.Sprintf("b%02d", i+1)
		src, err := renderDocBlock(b, name)
		if err != nil {
			t.Errorf("%v: Go block does not parse: %v", b, err)
			continue
		}
		tmp := filepath.Join(dir, name+".go")
		if err := os.WriteFile(tmp, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		overlay[filepath.Join(root, "_docscheck", name, "block.go")] = tmp
		pkgs = append(pkgs, "./_docscheck/"+name)
		byPkg[docsModule+"/_docscheck/"+name] = b
	}
	if len(pkgs) == 0 {
		return
	}
	ov, err := json.Marshal(map[string]interface{}{"Replace": overlay})
	if err != nil {
		t.Fatal(err)
	}
	ovPath := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(ovPath, ov, 0o600); err != nil {
		t.Fatal(err)
	}

	args := []string{"build", "-overlay", ovPath}
	if docsRace {
		args = append(args, "-race") // the artifacts go test -race has already built
	}
	cmd := exec.Command(goBin, append(args, pkgs...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOWORK=off")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("%d Go blocks (%d in README.md, %d in docs/, %d in doc.go) compiled by one go build in %v",
		len(pkgs), countDocBlocks(blocks, "README.md"), countDocBlocks(blocks, "docs/"), countDocBlocks(blocks, "doc.go"),
		time.Since(start).Round(time.Millisecond))
	if err == nil {
		return
	}
	failed := reportDocErrors(t, string(out), byPkg)
	if failed == 0 {
		t.Fatalf("go build failed outside the blocks: %v\n%s", err, out)
	}
}

// docsRace is set by docs_race_test.go when the tests run with -race.
var docsRace bool

func countDocBlocks(blocks []docBlock, prefix string) int {
	n := 0
	for _, b := range blocks {
		if strings.HasPrefix(b.file, prefix) {
			n++
		}
	}
	return n
}

// reportDocErrors splits go build's output by package ("# import/path" headers) and reports
// the errors of each block; it returns the number of blocks reported.
func reportDocErrors(t *testing.T, out string, byPkg map[string]docBlock) int {
	t.Helper()
	var cur string
	msgs := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "# ") {
			cur = strings.Fields(line[2:])[0]
			continue
		}
		if line != "" && cur != "" {
			msgs[cur] = append(msgs[cur], line)
		}
	}
	var names []string
	for p := range msgs {
		names = append(names, p)
	}
	sort.Strings(names)
	n := 0
	for _, p := range names {
		b, ok := byPkg[p]
		if !ok {
			continue
		}
		n++
		t.Errorf("%v: Go block does not compile:\n\t%s", b, strings.Join(msgs[p], "\n\t"))
	}
	return n
}

// docBlocks returns the Go blocks of README.md, docs/*.md and doc.go.
func docBlocks(t *testing.T, root string) []docBlock {
	t.Helper()
	files := []string{"README.md"}
	pages, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	for _, p := range pages {
		files = append(files, "docs/"+filepath.Base(p))
	}
	var blocks []docBlock
	for _, f := range files {
		text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		blocks = append(blocks, markdownGoBlocks(f, string(text))...)
	}
	text, err := os.ReadFile(filepath.Join(root, "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	return append(blocks, docCommentBlocks("doc.go", string(text))...)
}

// fenceRE matches an opening or closing code fence (CommonMark: up to three spaces of
// indentation, three or more backticks or tildes, an info string).
var fenceRE = regexp.MustCompile("^( {0,3})(```+|~~~+)[ \t]*([^ \t`]*)")

// markdownGoBlocks returns the fenced code blocks of a Markdown text whose info string is
// go or golang.
func markdownGoBlocks(file, text string) []docBlock {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var blocks []docBlock
	for i := 0; i < len(lines); i++ {
		m := fenceRE.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		indent, fence, info := len(m[1]), m[2], m[3]
		var body []string
		j := i + 1
		for ; j < len(lines); j++ {
			if c := fenceRE.FindStringSubmatch(lines[j]); c != nil && c[2][0] == fence[0] && len(c[2]) >= len(fence) &&
				strings.TrimSpace(lines[j][len(c[1])+len(c[2]):]) == "" {
				break
			}
			l := lines[j]
			for k := 0; k < indent && strings.HasPrefix(l, " "); k++ {
				l = l[1:]
			}
			body = append(body, l)
		}
		if info == "go" || info == "golang" {
			blocks = append(blocks, docBlock{file: file, fence: i + 1, first: i + 2, code: strings.Join(body, "\n") + "\n"})
		}
		i = j
	}
	return blocks
}

// docCommentBlocks returns the code blocks (lines indented with a tab) of the // comments of
// a Go file, as gofmt writes them in doc comments.
func docCommentBlocks(file, text string) []docBlock {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var blocks []docBlock
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "//\t") {
			continue
		}
		start := i
		var body []string
		for ; i < len(lines); i++ {
			l := lines[i]
			if strings.HasPrefix(l, "//\t") {
				body = append(body, l[3:])
				continue
			}
			// A blank comment line continues the block when more code follows it.
			if l == "//" && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "//\t") {
				body = append(body, "")
				continue
			}
			break
		}
		blocks = append(blocks, docBlock{file: file, fence: start + 1, first: start + 1, code: strings.Join(body, "\n") + "\n"})
	}
	return blocks
}

// renderDocBlock returns the Go file that compiles block b as package pkg.
func renderDocBlock(b docBlock, pkg string) (string, error) {
	line := "//line " + b.file + ":" + strconv.Itoa(b.first) + ":1\n"
	if startsWithPackage(b.code) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, b.file, b.code, parser.PackageClauseOnly)
		if err != nil {
			return "", err
		}
		off := fset.Position(f.Name.Pos()).Offset
		// Renaming keeps every other line and column as it is.
		return line + b.code[:off] + pkg + b.code[off+len(f.Name.Name):], nil
	}

	fset := token.NewFileSet()
	// Declarations: a file of their own.
	if f, err := parser.ParseFile(fset, "", "package p\n"+b.code, 0); err == nil {
		code := b.code
		// Unused imports of the fragment become blank imports (edits from the end, so that
		// offsets stay valid).
		used := selectorPackages(f)
		for i := len(f.Imports) - 1; i >= 0; i-- {
			spec := f.Imports[i]
			path, _ := strconv.Unquote(spec.Path.Value)
			name := path[strings.LastIndex(path, "/")+1:]
			if spec.Name != nil {
				name = spec.Name.Name
			}
			if used[name] || name == "_" || name == "." {
				continue
			}
			start := fset.Position(spec.Pos()).Offset - len("package p\n")
			end := fset.Position(spec.Path.Pos()).Offset - len("package p\n")
			code = code[:start] + "_ " + code[end:]
		}
		imported := map[string]bool{}
		for _, spec := range f.Imports {
			if spec.Name != nil {
				imported[spec.Name.Name] = true
			} else {
				path, _ := strconv.Unquote(spec.Path.Value)
				imported[path[strings.LastIndex(path, "/")+1:]] = true
			}
		}
		return "package " + pkg + "\n\n" + importBlock(used, declaredNames(f), imported) + line + code, nil
	}

	// Statements: the body of a function.
	wrapped := "package p\n\nfunc _() error {\n" + b.code + "\n}\n"
	f, err := parser.ParseFile(fset, "", wrapped, 0)
	if err != nil {
		return "", shiftParseError(err, b, 3)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	top := topLevelNames(body)
	usedIdents := identsUsed(f)
	var params []string
	needs := map[string]bool{}
	paramNames := map[string]bool{}
	for _, p := range docParams {
		if usedIdents[p.name] && !top[p.name] {
			params = append(params, p.name+" "+p.typ)
			paramNames[p.name] = true
			if i := strings.Index(p.typ, "."); i >= 0 {
				needs[strings.TrimLeft(p.typ[:i], "*")] = true
			}
		}
	}
	declared := declaredNames(f)
	for name := range paramNames {
		declared[name] = true
	}
	for name := range selectorPackages(f) {
		needs[name] = true
	}
	var sb strings.Builder
	sb.WriteString("package " + pkg + "\n\n")
	sb.WriteString(importBlock(needs, declared, nil))
	sb.WriteString("func docBlock(" + strings.Join(params, ", ") + ") error {\n")
	sb.WriteString(line + b.code)
	sb.WriteString("//line docs_test_wrapper.go:1:1\n")
	names := make([]string, 0, len(top))
	for name := range top {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		sb.WriteString("\t_ = " + name + "\n")
	}
	sb.WriteString("\treturn nil\n}\n")
	return sb.String(), nil
}

// startsWithPackage reports whether the first token of code (after comments) is `package`.
func startsWithPackage(code string) bool {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", fset.Base(), len(code)), []byte(code), nil, 0)
	_, tok, _ := s.Scan()
	return tok == token.PACKAGE
}

// shiftParseError rewrites the positions of a parse error of a wrapped fragment (whose code
// starts after skip lines of wrapper) to lines of the documentation file.
func shiftParseError(err error, b docBlock, skip int) error {
	list, ok := err.(scanner.ErrorList)
	if !ok || len(list) == 0 {
		return err
	}
	e := list[0]
	return fmt.Errorf("%s:%d:%d: %s", b.file, b.first+e.Pos.Line-1-skip, e.Pos.Column, e.Msg)
}

// importBlock imports, from docImports, each name of needs that is not declared in the
// fragment (a variable that shadows it) or already imported.
func importBlock(needs, declared, imported map[string]bool) string {
	var specs []string
	for name := range needs {
		path, ok := docImports[name]
		if !ok || declared[name] || imported[name] {
			continue
		}
		specs = append(specs, "\t"+name+" "+strconv.Quote(path)+"\n")
	}
	if len(specs) == 0 {
		return ""
	}
	sort.Strings(specs)
	return "import (\n" + strings.Join(specs, "") + ")\n\n"
}

// selectorPackages returns the names X of the selector expressions X.Sel in f: the package
// names it may use.
func selectorPackages(f *ast.File) map[string]bool {
	names := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok {
				names[x.Name] = true
			}
		}
		return true
	})
	return names
}

// declaredNames returns every name f declares, at any level: variables, constants, types,
// functions, parameters and results.
func declaredNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	add := func(ids ...*ast.Ident) {
		for _, id := range ids {
			if id != nil {
				names[id.Name] = true
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, e := range n.Lhs {
					if id, ok := e.(*ast.Ident); ok {
						add(id)
					}
				}
			}
		case *ast.ValueSpec:
			add(n.Names...)
		case *ast.TypeSpec:
			add(n.Name)
		case *ast.FuncDecl:
			if n.Recv == nil {
				add(n.Name)
			}
		case *ast.Field:
			add(n.Names...)
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				if id, ok := n.Key.(*ast.Ident); ok {
					add(id)
				}
				if id, ok := n.Value.(*ast.Ident); ok {
					add(id)
				}
			}
		}
		return true
	})
	delete(names, "_")
	return names
}

// topLevelNames returns the variables a function body declares in its own scope.
func topLevelNames(body *ast.BlockStmt) map[string]bool {
	names := map[string]bool{}
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				for _, e := range st.Lhs {
					if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
						names[id.Name] = true
					}
				}
			}
		case *ast.DeclStmt:
			if gd, ok := st.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
				for _, spec := range gd.Specs {
					for _, id := range spec.(*ast.ValueSpec).Names {
						if id.Name != "_" {
							names[id.Name] = true
						}
					}
				}
			}
		}
	}
	return names
}

// identsUsed returns the identifiers f refers to, leaving out selectors (x.Sel) and the keys
// of composite literals ({Key: v}).
func identsUsed(f *ast.File) map[string]bool {
	skip := map[*ast.Ident]bool{}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			skip[n.Sel] = true
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				skip[id] = true
			}
		case *ast.Ident:
			if !skip[n] {
				used[n.Name] = true
			}
		}
		return true
	})
	return used
}

// TestDocBlockExtraction checks the extraction and wrapping rules TestDocsCompile relies on,
// on small inputs: fences (backticks, tildes, indented, longer closing fences, CRLF), the
// doc-comment code blocks, and that a fragment's parameters and imports are what it needs.
func TestDocBlockExtraction(t *testing.T) {
	md := "# T\r\n\r\n```go\r\nx := 1\r\n```\r\n\r\n```sh\r\nmake\r\n```\r\n" +
		"  ~~~~go\n  fmt.Println(\"~~~\")\n  ```\n  ~~~~~\n" +
		"````golang\n```go\nnot a fence\n````\n```Go\nignored\n```\n"
	got := markdownGoBlocks("x.md", md)
	want := []docBlock{
		{file: "x.md", fence: 3, first: 4, code: "x := 1\n"},
		{file: "x.md", fence: 10, first: 11, code: "fmt.Println(\"~~~\")\n```\n"},
		{file: "x.md", fence: 14, first: 15, code: "```go\nnot a fence\n"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
		t.Fatalf("markdownGoBlocks = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d = %+v, want %+v", i, got[i], want[i])
		}
	}

	src := "// Package x.\n//\n//\ta := 1\n//\n//\tb := a\n//\n// Text.\n//\n//\tc()\npackage x\n"
	cb := docCommentBlocks("x.go", src)
	if len(cb) != 2 || cb[0].code != "a := 1\n\nb := a\n" || cb[0].first != 3 || cb[1].code != "c()\n" || cb[1].first != 9 {
		t.Fatalf("docCommentBlocks = %+v", cb)
	}

	frag, err := renderDocBlock(docBlock{file: "README.md", fence: 9, first: 10,
		code: "cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, id).Execute()\nvar notFound *piecesos.CloudNotFoundError\nif errors.As(err, &notFound) {\n\treturn err\n}\n"}, "b01")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"func docBlock(ctx context.Context, client *docsdk.APIClient, id string) error {",
		"\tcontext \"context\"\n", "\tdocsdk \"" + docsModule + "\"\n", "\terrors \"errors\"\n", "\tpiecesos \"" + docsModule + "\"\n",
		"//line README.md:10:1\ncloud, _, err :=", "\t_ = cloud\n\t_ = err\n\t_ = notFound\n\treturn nil\n}",
	} {
		if !strings.Contains(frag, s) {
			t.Errorf("rendered fragment lacks %q:\n%s", s, frag)
		}
	}
	if strings.Contains(frag, "cloud *docsdk") {
		t.Errorf("a variable the fragment declares became a parameter:\n%s", frag)
	}

	decl, err := renderDocBlock(docBlock{file: "README.md", fence: 1, first: 2,
		code: "import piecesos \"" + docsModule + "\"\n"}, "b02")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(decl, "import _ \""+docsModule+"\"") {
		t.Errorf("an unused import is not made blank:\n%s", decl)
	}

	prog, err := renderDocBlock(docBlock{file: "docs/A.md", fence: 1, first: 2, code: "// c\npackage main\n\nfunc main() {}\n"}, "b03")
	if err != nil {
		t.Fatal(err)
	}
	if prog != "//line docs/A.md:2:1\n// c\npackage b03\n\nfunc main() {}\n" {
		t.Errorf("program rendered as %q", prog)
	}

	_, err = renderDocBlock(docBlock{file: "README.md", fence: 20, first: 21, code: "x := 1\ny := )\n"}, "b04")
	if err == nil || !strings.HasPrefix(err.Error(), "README.md:22:6: ") {
		t.Errorf("parse error %v, want one at README.md:22", err)
	}
}

// TestDocFigures: the figures the documentation writes by hand agree with the constants they
// describe (a change of a constant fails here until the prose follows), and the defaults the
// documentation states are pinned.
func TestDocFigures(t *testing.T) {
	// The defaults as README.md, doc.go and docs/RELIABILITY.md state them.
	assert.Equal(t, 30*time.Second, piecesos.DefaultTimeout)
	assert.Equal(t, 1500*time.Millisecond, piecesos.DefaultDiscoverTimeout)
	assert.Equal(t, 500*time.Millisecond, piecesos.WaitForServerMaxWait)
	assert.Equal(t, 50*time.Millisecond, piecesos.WaitReadyMinInterval)
	assert.Equal(t, time.Second, piecesos.WaitReadyMaxInterval)
	assert.Equal(t, 2*time.Second, piecesos.WaitReadyCheckTimeout)

	scan := strconv.Itoa(piecesos.DefaultDiscoverFirstPort) + "–" + strconv.Itoa(piecesos.DefaultDiscoverLastPort)
	ranges := regexp.MustCompile(`\b393\d\d\s*[–-]\s*393\d\d\b`)
	for _, name := range []string{"README.md", "doc.go", "docs/RELIABILITY.md", "discovery.go"} {
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		for _, r := range ranges.FindAllString(string(data), -1) {
			assert.Equal(t, scan, strings.Join(strings.Fields(strings.ReplaceAll(r, "-", "–")), ""), "%s: port range", name)
		}
	}

	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for _, want := range []string{
		"`MinPiecesOSVersion` (" + piecesos.MinPiecesOSVersion + ")",
		"`MaxPiecesOSVersion` (" + piecesos.MaxPiecesOSVersion + ")",
		"ports " + scan,
	} {
		assert.Contains(t, string(readme), want)
	}
}
