package piecesos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/apischema"
)

// This file is the reference the codec is checked against: the SDK's decoding rules
// implemented with nothing but encoding/json, for any model of the API description as data
// (internal/apischema: Models and Enums, generated from api/openapi.yaml). There is no code per
// model: a member added to the spec is decoded (and compared) as soon as the code is
// regenerated. It shares no code with the codec.
//
// The rules, as refDecode applies them:
//   - json.Valid decides the syntax (RFC 8259, nesting up to 10000 levels) of the whole input
//     first: invalid JSON is reported as such, without a path, before any other problem.
//   - The members of each object are read in order with json.Decoder tokens, so duplicates
//     are seen: the last occurrence wins. A member the model knows decodes by its type, one
//     the model does not know decodes as encoding/json decodes into interface{} with
//     Decoder.UseNumber (numbers are json.Number, their literal text).
//   - A null member is a null value when the member is nullable (a Nullable wrapper) or a
//     required free-form (Any) value; otherwise it is absent: an optional member is left
//     out, a required one is as if missing.
//   - Once the members are read, the first required member (in the order of the schema) that
//     is not there is missing (ErrRequiredPropertyMissing).
//   - Scalars are json.Unmarshal'ed into int32, int64, float32, float64, string, bool or
//     time.Time; enums into a string (values the enum does not list are kept); a time must
//     also be one time.Time.MarshalJSON can write back.
//   - Array elements are at path "p[i]", map values at "p.key"; a null element or map value
//     is the zero value of its type.
//   - The first problem met in document order is the error; its JSON path names the member.
//
// A decoded document becomes a canonical value, which the codec's decoded model is compared
// with (codecCanonical builds the same from a Go value through reflection):
//   - a model is a refObject: its present known members by JSON name, its unknown members
//     as encoding/json (UseNumber) values;
//   - a string or enum value is a string; bool, int32, int64, float32 and float64 are
//     themselves; a time is a refTime (the instant in UTC and its zone offset);
//   - an array is a []interface{}, a map a map[string]interface{}, a free-form value the
//     encoding/json value; null (a nullable member set to null, a nil list in a list) is nil.

// refError is the reference decoder's error: a syntax error (path unknown), or a problem at
// a JSON path.
type refError struct {
	Syntax bool
	Path   string
	Err    error
}

func (e *refError) Error() string {
	if e.Syntax {
		return "syntax: " + e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

func (e *refError) Unwrap() error { return e.Err }

var errRefMissing = errors.New("required property missing")

// refObject is the canonical form of a decoded model.
type refObject struct {
	Known   map[string]interface{} `json:"known"`             // present known members, by JSON name
	Unknown map[string]interface{} `json:"unknown,omitempty"` // nil when there are none
}

// refTime is the canonical form of a time: the instant in UTC, then "@" and the zone offset
// in seconds.
type refTime string

func refTimeOf(t time.Time) refTime {
	_, off := t.Zone()
	return refTime(t.UTC().Format(time.RFC3339Nano) + "@" + strconv.Itoa(off))
}

func refJoin(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func refIsNull(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }

// refDecode decodes data as the model named model by the SDK's rules, using encoding/json
// only, into its canonical form (a refObject). A *refError is a decoding error; any other
// error means the API description is inconsistent (a type that names no model or enum).
func refDecode(data []byte, model string) (interface{}, error) {
	m := apischema.Models[model]
	if m == nil {
		return nil, fmt.Errorf("reference: no model %q in the API description", model)
	}
	if !json.Valid(data) {
		var v interface{}
		err := json.Unmarshal(data, &v)
		if err == nil {
			err = errors.New("json.Valid reported invalid JSON")
		}
		return nil, &refError{Syntax: true, Err: err}
	}
	return refObjectOf(data, m, "")
}

type refMember struct {
	key string
	raw json.RawMessage
}

// refMembers lists the members of the object raw, in order, duplicates included.
func refMembers(raw []byte, path string) ([]refMember, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, &refError{Path: path, Err: err}
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, &refError{Path: path, Err: fmt.Errorf("not an object: %v", tok)}
	}
	var ms []refMember
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, &refError{Path: path, Err: err}
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, &refError{Path: path, Err: err}
		}
		ms = append(ms, refMember{key: kt.(string), raw: v})
	}
	return ms, nil
}

func refFieldOf(m *apischema.Model, key string) *apischema.Field {
	for i := range m.Fields {
		if m.Fields[i].Name == key {
			return &m.Fields[i]
		}
	}
	return nil
}

// refObjectOf applies the rules to one object of model m at path.
func refObjectOf(raw []byte, m *apischema.Model, path string) (interface{}, error) {
	ms, err := refMembers(raw, path)
	if err != nil {
		return nil, err
	}
	o := refObject{Known: map[string]interface{}{}}
	for _, mem := range ms {
		p := refJoin(path, mem.key)
		f := refFieldOf(m, mem.key)
		if f == nil {
			v, err := refUnknown(mem.raw, p)
			if err != nil {
				return nil, err
			}
			if o.Unknown == nil {
				o.Unknown = map[string]interface{}{}
			}
			o.Unknown[mem.key] = v
			continue
		}
		if refIsNull(mem.raw) {
			if f.Nullable || f.Required && f.Type.Kind == apischema.Any {
				o.Known[f.Name] = nil
			} else {
				delete(o.Known, f.Name)
			}
			continue
		}
		v, err := refValue(mem.raw, f.Type, p)
		if err != nil {
			return nil, err
		}
		o.Known[f.Name] = v
	}
	for _, f := range m.Fields {
		if _, ok := o.Known[f.Name]; f.Required && !ok {
			return nil, &refError{Path: refJoin(path, f.Name), Err: errRefMissing}
		}
	}
	return o, nil
}

func refUnmarshal(raw []byte, path string, v interface{}) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return &refError{Path: path, Err: err}
	}
	return nil
}

// refScalar decodes raw into a T with json.Unmarshal.
func refScalar[T any](raw []byte, path string) (T, error) {
	var v T
	err := refUnmarshal(raw, path, &v)
	return v, err
}

// refValue decodes raw, a value that is not null, as type t at path.
func refValue(raw []byte, t apischema.Type, path string) (interface{}, error) {
	switch t.Kind {
	case apischema.String:
		return refScalar[string](raw, path)
	case apischema.Enum:
		if _, ok := apischema.Enums[t.Name]; !ok {
			return nil, fmt.Errorf("reference: %s: no enum %q in the API description", path, t.Name)
		}
		return refScalar[string](raw, path)
	case apischema.Bool:
		return refScalar[bool](raw, path)
	case apischema.Int32:
		return refScalar[int32](raw, path)
	case apischema.Int64:
		return refScalar[int64](raw, path)
	case apischema.Float32:
		return refScalar[float32](raw, path)
	case apischema.Float64:
		return refScalar[float64](raw, path)
	case apischema.DateTime:
		v, err := refScalar[time.Time](raw, path)
		if err != nil {
			return nil, err
		}
		// The rule beyond encoding/json: only instants that can be encoded again.
		if _, err := json.Marshal(v); err != nil {
			return nil, &refError{Path: path, Err: err}
		}
		return refTimeOf(v), nil
	case apischema.Object:
		m := apischema.Models[t.Name]
		if m == nil {
			return nil, fmt.Errorf("reference: %s: no model %q in the API description", path, t.Name)
		}
		return refObjectOf(raw, m, path)
	case apischema.Array:
		var elems []json.RawMessage
		if err := refUnmarshal(raw, path, &elems); err != nil {
			return nil, err
		}
		out := make([]interface{}, len(elems))
		for i, e := range elems {
			if refIsNull(e) {
				out[i] = refZero(*t.Elem, nil)
				continue
			}
			v, err := refValue(e, *t.Elem, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case apischema.Map:
		ms, err := refMembers(raw, path)
		if err != nil {
			return nil, err
		}
		out := map[string]interface{}{}
		for _, mem := range ms {
			if refIsNull(mem.raw) {
				out[mem.key] = refZero(*t.Elem, nil)
				continue
			}
			v, err := refValue(mem.raw, *t.Elem, refJoin(path, mem.key))
			if err != nil {
				return nil, err
			}
			out[mem.key] = v
		}
		return out, nil
	case apischema.Any:
		return refUnknown(raw, path)
	}
	return nil, fmt.Errorf("reference: %s: kind %d not supported", path, t.Kind)
}

// refZero is the canonical form of the zero value of t, what a null array element or map
// value decodes to: a model's required members that are held by value at their zero value,
// everything held by pointer, wrapper or nil-able container absent. outer lists the models
// being built around it: a required member that closes a cycle of required models is held by
// pointer (Go cannot nest a struct in itself), so it is absent.
func refZero(t apischema.Type, outer []string) interface{} {
	switch t.Kind {
	case apischema.String, apischema.Enum:
		return ""
	case apischema.Bool:
		return false
	case apischema.Int32:
		return int32(0)
	case apischema.Int64:
		return int64(0)
	case apischema.Float32:
		return float32(0)
	case apischema.Float64:
		return float64(0)
	case apischema.DateTime:
		return refTimeOf(time.Time{})
	case apischema.Object:
		o := refObject{Known: map[string]interface{}{}}
		m := apischema.Models[t.Name]
		if m == nil {
			return o
		}
		outer = append(outer[:len(outer):len(outer)], t.Name)
		for _, f := range m.Fields {
			if !f.Required || f.Nullable {
				continue
			}
			switch f.Type.Kind {
			case apischema.Array, apischema.Map:
				continue
			case apischema.Object:
				if refContains(outer, f.Type.Name) {
					continue
				}
			}
			o.Known[f.Name] = refZero(f.Type, outer)
		}
		return o
	}
	return nil // a list, a map or a free-form value: nil
}

func refContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// refUnknown decodes a value as encoding/json does into an interface{} with
// Decoder.UseNumber. raw is exactly one valid value (from refMembers).
func refUnknown(raw []byte, path string) (interface{}, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		return nil, &refError{Path: path, Err: err}
	}
	if dec.More() {
		return nil, &refError{Path: path, Err: errors.New("more than one value")}
	}
	return v, nil
}

// The codec's side: the canonical form of a decoded Go value, built through reflection from
// the struct's json tags (the JSON names) and AdditionalProperties (the unknown members). It
// calls no method of the SDK (no MarshalJSON, no ToMap: they are the codec), except Get and
// IsSet of the Nullable wrappers.

var refTimeType = reflect.TypeOf(time.Time{})

// codecCanonicalOf is the canonical form of a decoded model (a struct or a pointer to one).
func codecCanonicalOf(model interface{}) interface{} {
	return codecCanonical(reflect.ValueOf(model))
}

func codecCanonical(v reflect.Value) interface{} {
	t := v.Type()
	switch t.Kind() {
	case reflect.Struct:
		if t == refTimeType {
			return refTimeOf(v.Interface().(time.Time))
		}
		return codecObject(v, nil)
	case reflect.Ptr:
		if v.IsNil() {
			return nil
		}
		return codecCanonical(v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		out := make([]interface{}, v.Len())
		for i := range out {
			out[i] = codecCanonical(v.Index(i))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		out := make(map[string]interface{}, v.Len())
		for it := v.MapRange(); it.Next(); {
			out[it.Key().String()] = codecCanonical(it.Value())
		}
		return out
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return v.Elem().Interface() // a free-form value, as decoded
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int32:
		return int32(v.Int())
	case reflect.Int64:
		return v.Int()
	case reflect.Float32:
		return float32(v.Float())
	case reflect.Float64:
		return v.Float()
	}
	return "<Go type " + t.String() + " not supported by the canonical form>"
}

// codecObject is the canonical form of a model struct. In a zero value (a null list element
// or map value decodes to one), a required model member held by pointer is nil: it stands for
// the zero value of its model, as in refZero. outer lists the models of the zero values
// around v (refZero's cut of a cycle of required models).
func codecObject(v reflect.Value, outer []string) interface{} {
	t := v.Type()
	o := refObject{Known: map[string]interface{}{}}
	zero := v.IsZero()
	if zero {
		outer = append(outer[:len(outer):len(outer)], t.Name())
	}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			o.Known["<unexported field "+sf.Name+">"] = true
			continue
		}
		fv := v.Field(i)
		if sf.Name == "AdditionalProperties" && sf.Tag.Get("json") == "" {
			if ap, ok := fv.Interface().(map[string]interface{}); ok && len(ap) > 0 {
				o.Unknown = ap
			}
			continue
		}
		name, omitempty := refTagOf(sf)
		if mt := sf.Type; zero && !omitempty && (mt.Kind() == reflect.Struct || mt.Kind() == reflect.Ptr && mt.Elem().Kind() == reflect.Struct) {
			if mt.Kind() == reflect.Ptr {
				mt = mt.Elem()
			}
			if _, isModel := mt.FieldByName("AdditionalProperties"); isModel {
				if !refContains(outer, mt.Name()) {
					o.Known[name] = codecObject(reflect.Zero(mt), outer)
				}
				continue
			}
		}
		if present, val := codecMember(fv, omitempty); present {
			o.Known[name] = val
		}
	}
	return o
}

// refTagOf returns the JSON name of a struct field and whether it is omitempty.
func refTagOf(sf reflect.StructField) (name string, omitempty bool) {
	tag := sf.Tag.Get("json")
	if tag == "" {
		return "<untagged field " + sf.Name + ">", false
	}
	parts := strings.Split(tag, ",")
	for _, p := range parts[1:] {
		omitempty = omitempty || p == "omitempty"
	}
	return parts[0], omitempty
}

// codecMember reports whether a member is present in a decoded model, and its canonical form:
// a nil pointer, list or map and an unset Nullable wrapper are absent; a nil interface{} is
// absent when the member is optional (omitempty) and null when it is required.
func codecMember(fv reflect.Value, omitempty bool) (bool, interface{}) {
	switch fv.Kind() {
	case reflect.Ptr, reflect.Slice, reflect.Map:
		if fv.IsNil() {
			return false, nil
		}
	case reflect.Interface:
		if fv.IsNil() {
			return !omitempty, nil
		}
	case reflect.Struct:
		if isNullableWrapper(fv.Type()) {
			if !fv.MethodByName("IsSet").Call(nil)[0].Bool() {
				return false, nil
			}
			p := fv.MethodByName("Get").Call(nil)[0]
			if p.IsNil() {
				return true, nil
			}
			return true, codecCanonical(p.Elem())
		}
	}
	return true, codecCanonical(fv)
}

// isNullableWrapper reports whether t is one of the SDK's NullableT wrappers.
func isNullableWrapper(t reflect.Type) bool {
	if !strings.HasPrefix(t.Name(), "Nullable") || t.PkgPath() != refPkgPath {
		return false
	}
	get, ok1 := t.MethodByName("Get")
	_, ok2 := t.MethodByName("IsSet")
	return ok1 && ok2 && get.Type.NumOut() == 1 && get.Type.Out(0).Kind() == reflect.Ptr
}

// refCanonical renders a canonical value as text (encoding/json, without HTML escaping), for
// comparisons and messages.
func refCanonical(v interface{}) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprintf("<cannot render %#v: %v>", v, err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// refEqual compares canonical values: the same Go values (so int32 1 is not float32 1) and the
// same rendering (so -0 is not 0).
func refEqual(a, b interface{}) bool {
	return reflect.DeepEqual(a, b) && refCanonical(a) == refCanonical(b)
}

// numbersIn lists the json.Number values in v, a value decoded into interface{} or a canonical
// value (in unknown members and free-form values), depth first, object members by key.
func numbersIn(v interface{}) []json.Number {
	var out []json.Number
	var walk func(v interface{})
	walkMap := func(m map[string]interface{}) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walk(m[k])
		}
	}
	walk = func(v interface{}) {
		switch v := v.(type) {
		case json.Number:
			out = append(out, v)
		case []interface{}:
			for _, e := range v {
				walk(e)
			}
		case map[string]interface{}:
			walkMap(v)
		case refObject:
			walkMap(v.Known)
			walkMap(v.Unknown)
		}
	}
	walk(v)
	return out
}

// The Go types of the models and enums, found by reflection: everything reachable from
// APIClient (its services, their request builders, what Execute returns and the bodies they
// take, and every member of those). A model is a struct of this package with
// AdditionalProperties; an enum a string type of this package with IsValid.
var (
	refPkgPath   = reflect.TypeOf(APIClient{}).PkgPath()
	refTypesOnce sync.Once
	refGoModels  map[string]reflect.Type
	refGoEnums   map[string]reflect.Type
)

func refTypes() (models, enums map[string]reflect.Type) {
	refTypesOnce.Do(func() {
		refGoModels, refGoEnums = map[string]reflect.Type{}, map[string]reflect.Type{}
		seen := map[reflect.Type]bool{}
		var visit func(t reflect.Type)
		visit = func(t reflect.Type) {
			if seen[t] || t.Name() != "" && t.PkgPath() != refPkgPath {
				return // done, or a type of another package
			}
			seen[t] = true
			switch t.Kind() {
			case reflect.Ptr, reflect.Slice, reflect.Array, reflect.Chan:
				visit(t.Elem())
			case reflect.Map:
				visit(t.Key())
				visit(t.Elem())
			case reflect.Func:
				for i := 0; i < t.NumIn(); i++ {
					visit(t.In(i))
				}
				for i := 0; i < t.NumOut(); i++ {
					visit(t.Out(i))
				}
			case reflect.Struct:
				for i := 0; i < t.NumField(); i++ {
					visit(t.Field(i).Type)
				}
				if ap, ok := t.FieldByName("AdditionalProperties"); ok && t.Name() != "" &&
					ap.Type == reflect.TypeOf(map[string]interface{}(nil)) {
					refGoModels[t.Name()] = t
				}
			case reflect.String:
				if _, ok := t.MethodByName("IsValid"); ok && t.Name() != "" {
					refGoEnums[t.Name()] = t
				}
			}
			if t.Name() != "" && t.Kind() != reflect.Interface {
				for _, mt := range []reflect.Type{t, reflect.PointerTo(t)} {
					for i := 0; i < mt.NumMethod(); i++ {
						visit(mt.Method(i).Type)
					}
				}
			}
		}
		visit(reflect.TypeOf(APIClient{}))
	})
	return refGoModels, refGoEnums
}

// refModelNames lists the models of the API description, sorted.
func refModelNames() []string {
	names := make([]string, 0, len(apischema.Models))
	for name := range apischema.Models {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// compareWithReference decodes data as an AllocationCloud with the codec and with the
// reference and reports any difference (see compareModel).
func compareWithReference(data []byte) error {
	return compareModel(data, "AllocationCloud")
}

// compareModel decodes data as the model named model with the codec (the UnmarshalJSON of its
// Go type) and with the reference, and reports any difference: the verdict, the kind of error
// (syntax or not), its JSON path, whether a required property is missing, the model the error
// names, or the decoded value.
func compareModel(data []byte, model string) error {
	models, _ := refTypes()
	rt, ok := models[model]
	if !ok {
		return fmt.Errorf("no Go type of model %s is reachable from APIClient", model)
	}
	target := reflect.New(rt)
	u, ok := target.Interface().(json.Unmarshaler)
	if !ok {
		return fmt.Errorf("%s is not a json.Unmarshaler", target.Type())
	}
	gotErr := u.UnmarshalJSON(data)
	want, wantErr := refDecode(data, model)
	var re *refError
	if wantErr != nil && !errors.As(wantErr, &re) {
		return wantErr
	}
	switch {
	case gotErr == nil && wantErr == nil:
		if got := codecCanonical(target.Elem()); !refEqual(got, want) {
			return fmt.Errorf("values differ:\n codec:     %s\n reference: %s", refCanonical(got), refCanonical(want))
		}
		// What the codec writes back is valid JSON. (Not always the same value: a null list
		// element decodes to a zero value, written back as an object, and in a cycle of
		// required models that object misses the member that is a nil pointer.)
		out, err := target.Interface().(json.Marshaler).MarshalJSON()
		if err != nil {
			return fmt.Errorf("encode: %v", err)
		}
		if !json.Valid(out) {
			return fmt.Errorf("encoding is not valid JSON: %s", out)
		}
		return nil
	case gotErr != nil && wantErr != nil:
		var de *DecodeError
		if !errors.As(gotErr, &de) {
			return fmt.Errorf("codec error is %T, not *DecodeError: %v", gotErr, gotErr)
		}
		if de.Model != model {
			return fmt.Errorf("codec error names model %q, not %q: %v", de.Model, model, gotErr)
		}
		if !target.Elem().IsZero() {
			return fmt.Errorf("codec changed its target on error %v: %s", gotErr, refCanonical(codecCanonical(target.Elem())))
		}
		if re.Syntax != isSyntaxError(gotErr) {
			return fmt.Errorf("error kinds differ: codec %v; reference %v", gotErr, wantErr)
		}
		if !re.Syntax && re.Path != de.Path {
			return fmt.Errorf("error paths differ: codec %q (%v); reference %q (%v)", de.Path, gotErr, re.Path, wantErr)
		}
		if errors.Is(wantErr, errRefMissing) != errors.Is(gotErr, ErrRequiredPropertyMissing) {
			return fmt.Errorf("missing-property verdicts differ: codec %v; reference %v", gotErr, wantErr)
		}
		return nil
	default:
		return fmt.Errorf("verdicts differ: codec error %v; reference error %v", gotErr, wantErr)
	}
}

// codecEqual reports whether two decoded models have the same canonical form.
func codecEqual(a, b interface{}) bool {
	return refEqual(codecCanonicalOf(a), codecCanonicalOf(b))
}
