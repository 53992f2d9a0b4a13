package piecesos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/apischema"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reference (codec_reference_test.go) follows the API description; these tests check that
// the Go types do too, and compare the codec with the reference on every model. Nothing here
// names a model or a member: a spec change, once regenerated, is covered as it is.

// TestGoTypesFollowSchema checks that every model of the API description has a struct in
// the package with the same members in the same order (json tags: name, omitempty for the
// optional ones; the Go type the SDK's storage rules give the member) and AdditionalProperties,
// that every enum has a string type whose IsValid accepts exactly the listed values, and that
// reflection finds the Go type of every model an operation uses (the codec side of the
// differential tests needs it), and of no model the description lacks.
func TestGoTypesFollowSchema(t *testing.T) {
	goModels, goEnums := refTypes()
	declared := refDeclaredTypes(t)
	used := refOperationModels()
	require.NotEmpty(t, apischema.Models)
	for _, name := range refModelNames() {
		m := apischema.Models[name]
		t.Run(name, func(t *testing.T) {
			for _, f := range m.Fields {
				refCheckType(t, f.Type, name+"."+f.Name)
			}
			st, ok := declared[name].(*ast.StructType)
			if assert.True(t, ok, "no struct type %s declared in the package", name) {
				got := refSourceMembers(st)
				assert.Equal(t, refWantMembers(m, got), got, "members of %s in the source", name)
			}
			rt, ok := goModels[name]
			if !ok {
				assert.False(t, used[name], "%s is used by an operation, but reflection does not find its Go type from APIClient", name)
				t.Logf("%s: no operation uses it; its members are checked in the source only", name)
				return
			}
			got := refReflectMembers(rt)
			assert.Equal(t, refWantMembers(m, got), got, "members of %s by reflection", name)
		})
	}
	for name := range goModels {
		assert.Contains(t, apischema.Models, name, "Go model %s is not in the API description", name)
	}
	for name, values := range apischema.Enums {
		id, ok := declared[name].(*ast.Ident)
		if assert.True(t, ok, "no type %s declared in the package", name) {
			assert.Equal(t, "string", id.Name, "enum %s", name)
		}
		rt, ok := goEnums[name]
		if !ok {
			continue // not used by any model an operation uses
		}
		for _, v := range values {
			assert.True(t, refIsValid(rt, v), "%s(%q).IsValid()", name, v)
		}
		for _, v := range []string{"", "NOT_A_VALUE_OF_" + name, strings.ToLower(values[0])} {
			if !refContains(values, v) {
				assert.False(t, refIsValid(rt, v), "%s(%q).IsValid()", name, v)
			}
		}
	}
	for name := range goEnums {
		assert.Contains(t, apischema.Enums, name, "Go enum %s is not in the API description", name)
	}
}

// refCheckType checks that a member's type is complete: the models and enums it names exist.
func refCheckType(t *testing.T, ty apischema.Type, where string) {
	switch ty.Kind {
	case apischema.Object:
		assert.Contains(t, apischema.Models, ty.Name, "%s names model %q", where, ty.Name)
	case apischema.Enum:
		assert.Contains(t, apischema.Enums, ty.Name, "%s names enum %q", where, ty.Name)
	case apischema.Array, apischema.Map:
		if assert.NotNil(t, ty.Elem, "%s: a list or map without an element type", where) {
			refCheckType(t, *ty.Elem, where+"[]")
		}
	case apischema.String, apischema.Bool, apischema.Int32, apischema.Int64, apischema.Float32,
		apischema.Float64, apischema.DateTime, apischema.Any:
	default:
		t.Errorf("%s: unknown kind %d", where, ty.Kind)
	}
}

func refIsValid(enum reflect.Type, v string) bool {
	return reflect.ValueOf(v).Convert(enum).MethodByName("IsValid").Call(nil)[0].Bool()
}

// refOperationModels lists the models the operations take or return, and the models those
// reach through their members (by the API description).
func refOperationModels() map[string]bool {
	out := map[string]bool{}
	var visit func(ty apischema.Type)
	visit = func(ty apischema.Type) {
		switch ty.Kind {
		case apischema.Object:
			if out[ty.Name] || apischema.Models[ty.Name] == nil {
				return
			}
			out[ty.Name] = true
			for _, f := range apischema.Models[ty.Name].Fields {
				visit(f.Type)
			}
		case apischema.Array, apischema.Map:
			visit(*ty.Elem)
		}
	}
	for _, op := range apischema.Operations {
		for _, name := range []string{op.Body, op.Result} {
			for strings.HasPrefix(name, "[]") || strings.HasPrefix(name, "map[string]") {
				name = strings.TrimPrefix(strings.TrimPrefix(name, "[]"), "map[string]")
			}
			visit(apischema.Type{Kind: apischema.Object, Name: name})
		}
	}
	return out
}

// refGoType is the Go spelling of a type, as the source writes it.
func refGoType(ty apischema.Type) string {
	switch ty.Kind {
	case apischema.String:
		return "string"
	case apischema.Bool:
		return "bool"
	case apischema.Int32:
		return "int32"
	case apischema.Int64:
		return "int64"
	case apischema.Float32:
		return "float32"
	case apischema.Float64:
		return "float64"
	case apischema.DateTime:
		return "time.Time"
	case apischema.Enum, apischema.Object:
		return ty.Name
	case apischema.Array:
		return "[]" + refGoType(*ty.Elem)
	case apischema.Map:
		return "map[string]" + refGoType(*ty.Elem)
	}
	return "interface{}"
}

// refWantMembers lists the members a model's struct must have, as refSourceMembers and
// refReflectMembers write them: `name[,omitempty] GoType`, then AdditionalProperties. The Go
// type follows the SDK's storage rules: lists, maps and free-form values as they are (nil when
// absent), a nullable member in its NullableT wrapper, a required one by value and an optional
// one by pointer. A required model member that closes a cycle of required models may be held
// by pointer: got decides which, when both are allowed.
func refWantMembers(m *apischema.Model, got []string) []string {
	var out []string
	for i, f := range m.Fields {
		tag := f.Name
		if !f.Required {
			tag += ",omitempty"
		}
		base := refGoType(f.Type)
		var want string
		switch {
		case f.Type.Kind == apischema.Any || f.Type.Kind == apischema.Array || f.Type.Kind == apischema.Map:
			want = base
		case f.Nullable:
			ident := strings.ToUpper(base[:1]) + base[1:]
			if f.Type.Kind == apischema.DateTime {
				ident = "Time"
			}
			want = "Nullable" + ident
		case f.Required:
			want = base
			if alt := tag + " *" + base; f.Type.Kind == apischema.Object && i < len(got) && got[i] == alt &&
				refRequiredCycle(m.Name, f.Type.Name, map[string]bool{}) {
				want = "*" + base
			}
		default:
			want = "*" + base
		}
		out = append(out, tag+" "+want)
	}
	return append(out, "AdditionalProperties map[string]interface{}")
}

// refRequiredCycle reports whether model to leads back to model from through required,
// non-nullable model members.
func refRequiredCycle(from, to string, seen map[string]bool) bool {
	if to == from {
		return true
	}
	if seen[to] || apischema.Models[to] == nil {
		return false
	}
	seen[to] = true
	for _, f := range apischema.Models[to].Fields {
		if f.Required && !f.Nullable && f.Type.Kind == apischema.Object && refRequiredCycle(from, f.Type.Name, seen) {
			return true
		}
	}
	return false
}

// refDeclaredTypes parses the package's source (not its tests) and returns the type
// expression of every type it declares, by name.
func refDeclaredTypes(t *testing.T) map[string]ast.Expr {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	out := map[string]ast.Expr{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, s := range g.Specs {
					ts := s.(*ast.TypeSpec)
					out[ts.Name.Name] = ts.Type
				}
			}
		}
	}
	return out
}

// refSourceMembers lists the fields of a struct declaration: `tag GoType`, or `Name GoType`
// for a field without a json tag.
func refSourceMembers(st *ast.StructType) []string {
	var out []string
	for _, f := range st.Fields.List {
		typ := types.ExprString(f.Type)
		var tag string
		if f.Tag != nil {
			if s, err := strconv.Unquote(f.Tag.Value); err == nil {
				tag = reflect.StructTag(s).Get("json")
			}
		}
		if len(f.Names) == 0 {
			out = append(out, "(embedded) "+typ)
		}
		for _, n := range f.Names {
			if tag != "" {
				out = append(out, tag+" "+typ)
			} else {
				out = append(out, n.Name+" "+typ)
			}
		}
	}
	return out
}

// refNullableAlias matches the reflected name of a scalar's Nullable wrapper.
var refNullableAlias = regexp.MustCompile(`Nullable\[([a-z0-9.]+|time\.Time)\]`)

// refReflectMembers lists the fields of a struct type as refSourceMembers does.
func refReflectMembers(rt reflect.Type) []string {
	qualifier := strings.TrimSuffix(reflect.TypeOf(APIClient{}).String(), "APIClient")
	var out []string
	for i := 0; i < rt.NumField(); i++ {
		sf := rt.Field(i)
		typ := strings.ReplaceAll(strings.ReplaceAll(sf.Type.String(), qualifier, ""), "interface {}", "interface{}")
		// The Nullable wrappers of scalars are aliases of Nullable[T]: reflection names the
		// generic type, the source its alias (NullableInt32, NullableTime).
		typ = refNullableAlias.ReplaceAllStringFunc(typ, func(m string) string {
			arg := refNullableAlias.FindStringSubmatch(m)[1]
			arg = arg[strings.LastIndexByte(arg, '.')+1:]
			return "Nullable" + strings.ToUpper(arg[:1]) + arg[1:]
		})
		switch tag := sf.Tag.Get("json"); {
		case sf.Anonymous:
			out = append(out, "(embedded) "+typ)
		case tag != "":
			out = append(out, tag+" "+typ)
		default:
			out = append(out, sf.Name+" "+typ)
		}
	}
	return out
}

// TestCodecMatchesReferenceEveryModel compares the codec with the reference on every model of
// the API description: for each of its samples (refSamples), the sample itself and the cases
// refCases derives from the schema. Each case also says what the reference must answer
// (accept, or fail at a path, as missing or not, or on the syntax): the reference is checked
// against the schema, and the codec against the reference.
func TestCodecMatchesReferenceEveryModel(t *testing.T) {
	goModels, _ := refTypes()
	used := refOperationModels()
	for _, name := range refModelNames() {
		t.Run(name, func(t *testing.T) {
			if _, ok := goModels[name]; !ok && !used[name] {
				t.Skipf("no operation uses %s: reflection cannot find its Go type", name)
			}
			samples := refSamples(t, name)
			require.NotEmpty(t, samples)
			var n, failed int
			for i, sample := range samples {
				for _, c := range refCases(t, name, sample, i == 0) {
					n++
					got, err := refDecode(c.in, name)
					problem := c.want.check(got, err)
					if problem == nil && c.check != nil && err == nil {
						problem = c.check(got.(refObject))
					}
					if problem != nil {
						problem = fmt.Errorf("reference: %v", problem)
					} else {
						problem = compareModel(c.in, name)
					}
					if problem != nil {
						failed++
						if failed <= 20 {
							t.Errorf("sample %d, %s: %v\ninput: %s", i, c.name, problem, truncate(c.in))
						}
					}
				}
			}
			assert.Zero(t, failed, "cases that failed, of %d", n)
			t.Logf("%d samples, %d cases", len(samples), n)
		})
	}
}

// refCorpus returns the documents of the test corpus, by model: the AllocationCloud sample and
// fullJSON, and every object inside them, as the model the schema says it is.
func refCorpus(t testing.TB) map[string][][]byte {
	out := map[string][][]byte{}
	var walk func(v interface{}, ty apischema.Type)
	walk = func(v interface{}, ty apischema.Type) {
		switch ty.Kind {
		case apischema.Object:
			obj, ok := v.(map[string]interface{})
			m := apischema.Models[ty.Name]
			if !ok || m == nil {
				return
			}
			b, err := json.Marshal(obj)
			require.NoError(t, err)
			out[ty.Name] = append(out[ty.Name], b)
			for _, f := range m.Fields {
				if e, ok := obj[f.Name]; ok && e != nil {
					walk(e, f.Type)
				}
			}
		case apischema.Array:
			a, _ := v.([]interface{})
			for _, e := range a {
				walk(e, *ty.Elem)
			}
		case apischema.Map:
			m, _ := v.(map[string]interface{})
			for _, e := range m {
				walk(e, *ty.Elem)
			}
		}
	}
	for _, doc := range [][]byte{sampleJSON(t), []byte(fullJSON)} {
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		var v interface{}
		require.NoError(t, dec.Decode(&v))
		walk(v, apischema.Type{Kind: apischema.Object, Name: "AllocationCloud"})
	}
	return out
}

// refSamples returns documents of model: up to three distinct objects of the corpus, then two
// made from the schema (every member; the required members only).
func refSamples(t testing.TB, model string) [][]byte {
	var out [][]byte
	have := map[string]bool{}
	add := func(b []byte) {
		if !have[string(b)] {
			have[string(b)] = true
			out = append(out, b)
		}
	}
	corpus := refCorpus(t)[model]
	sort.Slice(corpus, func(i, j int) bool { return bytes.Compare(corpus[i], corpus[j]) < 0 })
	for _, b := range corpus {
		if len(out) < 3 {
			add(b)
		}
	}
	add([]byte(refSynthObject(model, 0, true)))
	add([]byte(refSynthObject(model, 0, false)))
	return out
}

// refSynthObject makes an object of model, valid when the model has valid documents
// (refSatisfiable): every member (all) or the required ones. Deeper down, only required
// members are written; optional ones of a model without valid documents are left out.
func refSynthObject(model string, depth int, all bool) string {
	m := apischema.Models[model]
	if m == nil || depth > 12 {
		return "{}"
	}
	var ms []refMember
	for _, f := range m.Fields {
		if f.Required || all && depth < 3 && (f.Type.Kind != apischema.Object || refSatisfiable(f.Type.Name)) {
			ms = append(ms, refMember{f.Name, json.RawMessage(refSynthValue(f.Type, depth+1))})
		}
	}
	return string(refRender(ms))
}

// refSatisfiable reports whether model has finite valid documents: a cycle of required,
// non-nullable model members has none (the codec still decodes a null list element of such a
// model, as its zero value).
func refSatisfiable(model string) bool {
	ok := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for name, m := range apischema.Models {
			if ok[name] {
				continue
			}
			all := true
			for _, f := range m.Fields {
				if f.Required && !f.Nullable && f.Type.Kind == apischema.Object && !ok[f.Type.Name] {
					all = false
				}
			}
			if all {
				ok[name], changed = true, true
			}
		}
	}
	return ok[model]
}

// refSynthValue makes a valid value of type ty.
func refSynthValue(ty apischema.Type, depth int) string {
	switch ty.Kind {
	case apischema.String:
		return `"text é ✓ \u2028"`
	case apischema.Bool:
		return `true`
	case apischema.Int32:
		return `-7`
	case apischema.Int64:
		return `1732650970123456789`
	case apischema.Float32:
		return `1.5`
	case apischema.Float64:
		return `0.1`
	case apischema.DateTime:
		return `"2026-11-26T19:56:10.123456789+02:00"`
	case apischema.Enum:
		if vs := apischema.Enums[ty.Name]; len(vs) > 0 {
			b, _ := json.Marshal(vs[len(vs)-1])
			return string(b)
		}
		return `"VALUE"`
	case apischema.Object:
		return refSynthObject(ty.Name, depth, true)
	case apischema.Array:
		e := refSynthElem(*ty.Elem, depth+1)
		return "[" + e + "," + e + "]"
	case apischema.Map:
		e := refSynthElem(*ty.Elem, depth+1)
		return `{"a":` + e + `,"b":` + e + `}`
	}
	return `{"n":1.5,"a":["x",null,false,-0.0]}`
}

// refSynthElem makes a valid element of a list or map: null (the zero value) for a model
// without valid documents.
func refSynthElem(ty apischema.Type, depth int) string {
	if ty.Kind == apischema.Object && !refSatisfiable(ty.Name) {
		return "null"
	}
	return refSynthValue(ty, depth)
}

// refRender writes members as a JSON object, in order.
func refRender(ms []refMember) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(m.raw)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// refVerdict is what the reference must answer for a case.
type refVerdict struct {
	kind int // one of the ref* kinds below
	path string
}

const (
	refAnything = iota // any verdict: the case only compares the codec with the reference
	refOK
	refErrAt     // an error at path, not a missing property, not a syntax error
	refMissingAt // a missing required property at path
	refSyntaxErr // invalid JSON
)

func (v refVerdict) check(got interface{}, err error) error {
	var re *refError
	if err != nil && !errors.As(err, &re) {
		return err
	}
	switch v.kind {
	case refOK:
		if err != nil {
			return fmt.Errorf("want a value, got %v", err)
		}
	case refErrAt, refMissingAt:
		switch {
		case err == nil:
			return fmt.Errorf("want an error at %q, got %s", v.path, refCanonical(got))
		case re.Syntax || re.Path != v.path:
			return fmt.Errorf("want an error at %q, got %v", v.path, err)
		case errors.Is(err, errRefMissing) != (v.kind == refMissingAt):
			return fmt.Errorf("want missing=%v at %q, got %v", v.kind == refMissingAt, v.path, err)
		}
	case refSyntaxErr:
		if err == nil || !re.Syntax {
			return fmt.Errorf("want a syntax error, got %v", err)
		}
	}
	return nil
}

// refCase is one input of the per-model differential test.
type refCase struct {
	name  string
	in    []byte
	want  refVerdict
	check func(refObject) error // more about an accepted value, or nil
}

// refWrongValue is a value of another JSON type than ty, "" for a free-form value.
func refWrongValue(ty apischema.Type) string {
	switch ty.Kind {
	case apischema.String, apischema.Enum, apischema.DateTime:
		return `12.5`
	case apischema.Bool, apischema.Int32, apischema.Int64, apischema.Float32, apischema.Float64:
		return `"1"`
	case apischema.Object, apischema.Map:
		return `["x"]`
	case apischema.Array:
		return `{"a":1}`
	}
	return ""
}

// refEdge is a value of a member and the verdict it gets.
type refEdge struct {
	raw  string
	want refVerdict
}

// refEdgeValues are values at the edges of what a member of type ty at path accepts.
func refEdgeValues(ty apischema.Type, path string) []refEdge {
	ok, either := refVerdict{kind: refOK}, refVerdict{kind: refAnything}
	bad := refVerdict{kind: refErrAt, path: path}
	switch ty.Kind {
	case apischema.String:
		return []refEdge{{`""`, ok}, {`"\u00e9\ud83d\ude00\/\b"`, ok}, {"\"bad\xffutf8\"", ok}, {`"\ud800"`, ok},
			{`"a\u0000b"`, ok}, {`"<&>\u2028"`, ok}, {`true`, bad}, {`{}`, bad}}
	case apischema.Enum:
		var es []refEdge
		for _, v := range apischema.Enums[ty.Name] {
			b, _ := json.Marshal(v)
			es = append(es, refEdge{string(b), ok})
			if refAlnum(v) {
				es = append(es, refEdge{fmt.Sprintf(`"\u%04x%s"`, v[0], v[1:]), ok})
			}
		}
		return append(es, refEdge{`""`, ok}, refEdge{`"NOT_A_VALUE_OF_` + ty.Name + `"`, ok}, refEdge{`7`, bad})
	case apischema.Bool:
		return []refEdge{{`true`, ok}, {`false`, ok}, {`0`, bad}, {`"true"`, bad}}
	case apischema.Int32:
		return []refEdge{{`2147483647`, ok}, {`-2147483648`, ok}, {`-0`, ok}, {`2147483648`, bad},
			{`-2147483649`, bad}, {`1.0`, bad}, {`1e2`, bad}, {`0.5`, bad}, {`99999999999999999999`, bad}}
	case apischema.Int64:
		return []refEdge{{`9223372036854775807`, ok}, {`-9223372036854775808`, ok}, {`-0`, ok},
			{`9223372036854775808`, bad}, {`1.5`, bad}, {`1E3`, bad}}
	case apischema.Float32:
		return []refEdge{{`3.4028234e38`, ok}, {`-3.4028234e38`, ok}, {`3.5e38`, bad}, {`1e-46`, ok}, {`-0`, ok},
			{`1e400`, bad}, {`7`, ok}, {`0.1`, ok}, {`16777217`, ok}}
	case apischema.Float64:
		return []refEdge{{`1.7976931348623157e308`, ok}, {`1e309`, bad}, {`-0.0`, ok}, {`5e-324`, ok},
			{`1e-400`, ok}, {`123456789012345678901234567890`, ok}, {`9007199254740993`, ok}}
	case apischema.DateTime:
		return []refEdge{{`"2026-11-26T19:56:10Z"`, ok}, {`"2026-11-26T19:56:10.123456789+02:00"`, ok},
			{`"2026-11-26T19:56:10-23:59"`, ok}, {`"9999-12-31T23:59:59.999999999Z"`, ok},
			// time.Time.UnmarshalJSON reads the literal as it is: an escape is not unescaped.
			{`"\u0032026-11-26T19:56:10Z"`, bad},
			{`"2026-11-26T19:56:10.123+23:60"`, bad}, {`"2026-11-26T19:56:10+24:00"`, bad},
			{`"2026-11-26 19:56:10Z"`, bad}, {`"2026-02-30T00:00:00Z"`, bad}, {`"10000-01-01T00:00:00Z"`, bad}, {`""`, bad},
			{`"0000-01-01T00:00:00Z"`, either}, {`"2026-11-26t19:56:10z"`, either}, {`"2026-11-26T19:56:10,5Z"`, either},
			{`"2026-11-26T19:56:10.Z"`, either}, {`"0001-01-01T00:00:00+01:00"`, either}, {`"9999-12-31T23:59:59-01:00"`, either}}
	case apischema.Object:
		empty := ok
		for _, f := range apischema.Models[ty.Name].Fields {
			if f.Required {
				empty = refVerdict{kind: refMissingAt, path: refJoin(path, f.Name)}
				break
			}
		}
		es := []refEdge{{`{}`, empty}, {`"text"`, bad}, {`true`, bad}}
		// A wrong value inside: the error names the member inside.
		for _, f := range apischema.Models[ty.Name].Fields {
			if w := refWrongValue(f.Type); w != "" {
				var inner []refMember
				for _, g := range apischema.Models[ty.Name].Fields {
					if g.Required && g.Name != f.Name {
						inner = append(inner, refMember{g.Name, json.RawMessage(refSynthValue(g.Type, 2))})
					}
				}
				inner = append(inner, refMember{f.Name, json.RawMessage(w)})
				es = append(es, refEdge{string(refRender(inner)), refVerdict{kind: refErrAt, path: refJoin(path, f.Name)}})
				break
			}
		}
		return es
	case apischema.Array:
		e := refSynthElem(*ty.Elem, 1)
		es := []refEdge{{`[]`, ok}, {`[null]`, ok}, {"[" + e + ",null," + e + "]", ok}}
		if w := refWrongValue(*ty.Elem); w != "" {
			es = append(es, refEdge{"[" + e + "," + w + "]", refVerdict{kind: refErrAt, path: path + "[1]"}})
		}
		return es
	case apischema.Map:
		e := refSynthElem(*ty.Elem, 1)
		es := []refEdge{{`{}`, ok}, {`{"k":null}`, ok}, {`{"a":` + e + `,"a":null}`, ok}, {`{"a":null,"a":` + e + `}`, ok}}
		if w := refWrongValue(*ty.Elem); w != "" {
			es = append(es, refEdge{`{"a":` + e + `,"b.c":` + w + `}`, refVerdict{kind: refErrAt, path: path + ".b.c"}})
		}
		return es
	}
	return []refEdge{{`null`, ok}, {`1e400`, ok}, {`{"a":[1,{"b":null}]}`, ok}, {`"x"`, ok}, {`[]`, ok}}
}

// refBigNumbers are numbers a float64 cannot hold exactly (or at all), as unknown values.
const refBigNumbers = `[1732650970123456789,9007199254740993,1E400,-0.10,{"n":-1e-400}]`

// refCases derives the cases of a sample of model from the schema: for each member, absent,
// null, of the wrong type, repeated, and at the edges of its type; unknown members; keys
// spelled with escapes or in another case; a document that is not an object or not valid
// JSON. first adds the cases that do not depend on the sample (deep nesting).
func refCases(t testing.TB, model string, sample []byte, first bool) []refCase {
	m := apischema.Models[model]
	ms, err := refMembers(sample, "")
	require.NoError(t, err)
	ok := refVerdict{kind: refOK}
	without := func(key string) []refMember {
		var out []refMember
		for _, x := range ms {
			if x.key != key {
				out = append(out, x)
			}
		}
		return out
	}
	with := func(base []refMember, kv ...string) []byte {
		out := append([]refMember(nil), base...)
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, refMember{kv[i], json.RawMessage(kv[i+1])})
		}
		return refRender(out)
	}
	cs := []refCase{{name: "the sample", in: sample, want: ok}}
	for _, f := range m.Fields {
		n := f.Name
		rest := without(n)
		good := refSynthValue(f.Type, 1)
		for _, x := range ms {
			if x.key == n && !refIsNull(x.raw) {
				good = string(x.raw)
			}
		}
		absent, null := ok, ok
		if f.Required {
			absent = refVerdict{kind: refMissingAt, path: n}
			if !f.Nullable && f.Type.Kind != apischema.Any {
				null = absent
			}
		}
		isAbsent := func(o refObject) error {
			if _, there := o.Known[n]; there {
				return fmt.Errorf("%s is present: %s", n, refCanonical(o))
			}
			return nil
		}
		isNull := func(o refObject) error {
			if v, there := o.Known[n]; !there || v != nil {
				return fmt.Errorf("%s is not null: %s", n, refCanonical(o))
			}
			return nil
		}
		nullCheck := isAbsent
		if f.Nullable || f.Type.Kind == apischema.Any && f.Required {
			nullCheck = isNull
		}
		cs = append(cs,
			refCase{name: "absent " + n, in: with(rest), want: absent, check: isAbsent},
			refCase{name: "null " + n, in: with(rest, n, "null"), want: null, check: nullCheck},
			refCase{name: "good " + n, in: with(rest, n, good), want: ok},
			refCase{name: "good, then null " + n, in: with(rest, n, good, n, "null"), want: null, check: nullCheck},
			refCase{name: "null, then good " + n, in: with(rest, n, "null", n, good), want: ok},
			refCase{name: "good, then invalid " + n, in: with(rest, n, good, n, "[1,]"), want: refVerdict{kind: refSyntaxErr}},
		)
		if w := refWrongValue(f.Type); w != "" {
			bad := refVerdict{kind: refErrAt, path: n}
			cs = append(cs,
				refCase{name: "wrong type " + n, in: with(rest, n, w), want: bad},
				refCase{name: "wrong type, then good " + n, in: with(rest, n, w, n, good), want: bad},
				refCase{name: "good, then wrong type " + n, in: with(rest, n, good, n, w), want: bad},
			)
		}
		for _, e := range refEdgeValues(f.Type, n) {
			c := refCase{name: n + " = " + e.raw, in: with(rest, n, e.raw), want: e.want}
			if f.Type.Kind == apischema.Enum && e.want.kind == refOK {
				var s string
				require.NoError(t, json.Unmarshal([]byte(e.raw), &s))
				c.check = func(o refObject) error {
					if o.Known[n] != s {
						return fmt.Errorf("%s is %#v, want %q kept", n, o.Known[n], s)
					}
					return nil
				}
			}
			cs = append(cs, c)
		}
		// The key of a known member spelled with an escape is that member; in another case,
		// it is an unknown member.
		if refAlnum(n) {
			b := with(rest, n, good) // ...,"name":good}
			i := len(b) - len(`"`+n+`":`+good+`}`)
			esc := fmt.Sprintf(`"\u%04x%s`, n[0], n[1:])
			cs = append(cs, refCase{name: "escaped key " + n, want: ok,
				in: []byte(string(b[:i]) + esc + string(b[i+1+len(n):]))})
		}
		if up := strings.ToUpper(n); up != n && refFieldOf(m, up) == nil {
			cs = append(cs, refCase{name: "upper-case key " + n, in: with(rest, up, good), want: absent,
				check: func(o refObject) error {
					if _, there := o.Unknown[up]; !there {
						return fmt.Errorf("%s is not an unknown member: %s", up, refCanonical(o))
					}
					return nil
				}})
		}
	}
	unknownKey := "zNew"
	for refFieldOf(m, unknownKey) != nil {
		unknownKey += "_"
	}
	cs = append(cs,
		refCase{name: "unknown members", in: with(ms, unknownKey, `{"deep":[1.0,"two",null,{"x":[]}]}`, unknownKey+"Big", refBigNumbers),
			want: ok, check: func(o refObject) error {
				got := numbersIn(o.Unknown[unknownKey+"Big"])
				want := []json.Number{"1732650970123456789", "9007199254740993", "1E400", "-0.10", "-1e-400"}
				if !reflect.DeepEqual(got, want) {
					return fmt.Errorf("unknown numbers %v, want %v", got, want)
				}
				return nil
			}},
		refCase{name: "repeated unknown member", in: with(ms, unknownKey, `1`, unknownKey, `[2]`), want: ok,
			check: func(o refObject) error {
				if !reflect.DeepEqual(o.Unknown[unknownKey], []interface{}{json.Number("2")}) {
					return fmt.Errorf("%s is %#v, want the last value", unknownKey, o.Unknown[unknownKey])
				}
				return nil
			}},
		refCase{name: "invalid number in unknown member", in: with(ms, unknownKey, `[01]`), want: refVerdict{kind: refSyntaxErr}},
		refCase{name: "invalid string in unknown member", in: with(ms, unknownKey, "\"a\tb\""), want: refVerdict{kind: refSyntaxErr}},
		refCase{name: "white space around", in: []byte(" \n\t" + string(sample) + "\r\n"), want: ok},
		refCase{name: "trailing garbage", in: append(append([]byte{}, sample...), " x"...), want: refVerdict{kind: refSyntaxErr}},
		refCase{name: "two documents", in: append(append([]byte{}, sample...), sample...), want: refVerdict{kind: refSyntaxErr}},
		refCase{name: "truncated", in: sample[:len(sample)/2], want: refVerdict{kind: refSyntaxErr}},
		refCase{name: "byte order mark", in: append([]byte("\xef\xbb\xbf"), sample...), want: refVerdict{kind: refSyntaxErr}},
	)
	if first {
		cs = append(cs, refSampleFreeCases(m, with(ms, unknownKey, strings.Repeat("[", jsonwire.MaxDepth)+strings.Repeat("]", jsonwire.MaxDepth)),
			with(ms, unknownKey, strings.Repeat(`{"a":[`, 250)+strings.Repeat("]}", 250)))...)
	}
	if !refSatisfiable(model) {
		// No document of model is valid: the verdicts assume a valid sample. The cases still
		// compare the codec with the reference.
		for i := range cs {
			cs[i].want, cs[i].check = refVerdict{}, nil
		}
	}
	return cs
}

// refSampleFreeCases are the cases of model that do not depend on a sample (but the two
// deeply nested documents made from one).
func refSampleFreeCases(m *apischema.Model, tooDeep, deep []byte) []refCase {
	ok := refVerdict{kind: refOK}
	empty := ok
	for _, f := range m.Fields {
		if f.Required {
			empty = refVerdict{kind: refMissingAt, path: f.Name}
			break
		}
	}
	cs := []refCase{{name: "empty object", in: []byte(`{}`), want: empty},
		{name: "too deep unknown member", in: tooDeep, want: refVerdict{kind: refSyntaxErr}},
		// (The deepest accepted nesting is TestDecodeDepthLimit's: comparing it is slow.)
		{name: "deep unknown member", in: deep, want: ok},
	}
	for _, doc := range []string{`[]`, `"x"`, `null`, `1`, `true`, `[{}]`} {
		cs = append(cs, refCase{name: "not an object: " + doc, in: []byte(doc), want: refVerdict{kind: refErrAt}})
	}
	for _, doc := range []string{``, ` `, `{`, `{"a"}`, `{"a":1,}`, `nul`} {
		cs = append(cs, refCase{name: "not JSON: " + doc, in: []byte(doc), want: refVerdict{kind: refSyntaxErr}})
	}
	return cs
}

// refAlnum reports whether s is a non-empty string of ASCII letters, digits and underscores,
// which JSON writes as they are.
func refAlnum(s string) bool {
	for _, c := range s {
		if !(c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return s != ""
}
