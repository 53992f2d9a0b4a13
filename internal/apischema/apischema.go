// Package apischema is the API description as data: the models with their members and types,
// the enums and the operations, generated from api/openapi.yaml into schema_gen.go. Check
// validates a document decoded by encoding/json against a model.
//
// It shares no code with the SDK's codec on purpose: the fake Pieces OS (piecesostest)
// validates request bodies with it, so a bug in the codec shows up as a contract violation
// instead of being agreed with.
package apischema

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"
)

// Kind is the JSON kind of a member.
type Kind int

// The kinds of members.
const (
	String   Kind = iota + 1 // a JSON string
	Bool                     // true or false
	Int32                    // an integer in the range of int32
	Int64                    // an integer in the range of int64
	Float32                  // a number in the range of float32
	Float64                  // a number
	DateTime                 // an RFC 3339 date-time string
	Enum                     // a string; values the enum does not list are accepted (newer servers)
	Object                   // a model (Type.Name)
	Array                    // a JSON array of Type.Elem
	Map                      // a JSON object of Type.Elem values
	Any                      // any JSON value
)

// Type is the type of a member.
type Type struct {
	Kind Kind
	Name string // the model of an Object, the enum of an Enum
	Elem *Type  // the element of an Array or Map
}

// Field is a member of a model.
type Field struct {
	Name     string
	Required bool
	Nullable bool
	Type     Type
}

// Model is an object schema.
type Model struct {
	Name   string
	Fields []Field
}

// Operation is an operation of the API.
type Operation struct {
	Name         string   // AllocationSnapshot
	Method       string   // GET
	Path         string   // /allocation/{allocation}
	Body         string   // the model of the JSON request body, "" for none
	BodyRequired bool     // the request body is required
	Result       string   // the model of the JSON 2xx answer, "" for none
	Text         bool     // the 2xx answer is text (text/plain)
	NoAuth       bool     // the operation takes no credential
	Accept       []string // the media types of the answers
}

// rfc3339 is the date-time production of RFC 3339, section 5.6. time.Parse alone is more
// lenient (it takes a comma before the fraction).
var rfc3339 = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$`)

// Check validates v, a value encoding/json decoded with UseNumber, as the model named model:
// required members present and not null, every known member of its type. Unknown members
// and unknown enum values are accepted (a newer client may send them). The error names the
// JSON path of the first problem.
func Check(v interface{}, model string) error {
	return checkValue(v, Type{Kind: Object, Name: model}, "")
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func checkObject(obj map[string]interface{}, m *Model, path string) error {
	for _, f := range m.Fields {
		p := join(path, f.Name)
		v, present := obj[f.Name]
		if !present || v == nil {
			switch {
			case f.Required && present && !f.Nullable && f.Type.Kind != Any: // null is a value of any type
				return fmt.Errorf("%s: required property is null", p)
			case f.Required && !present:
				return fmt.Errorf("%s: required property missing", p)
			}
			continue
		}
		if err := checkValue(v, f.Type, p); err != nil {
			return err
		}
	}
	return nil
}

func checkValue(v interface{}, t Type, path string) error {
	where := path
	if where == "" {
		where = "the document"
	}
	switch t.Kind {
	case String, Enum:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s: want a string, got %s", where, TypeOf(v))
		}
	case Bool:
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: want a boolean, got %s", where, TypeOf(v))
		}
	case DateTime:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: want a date-time string, got %s", where, TypeOf(v))
		}
		if !rfc3339.MatchString(s) {
			return fmt.Errorf("%s: want an RFC 3339 date-time, got %q", where, s)
		}
		// RFC 3339 allows a lower-case t and z; time.Parse does not. Its offsets have minutes
		// up to 59, which time.Parse does not check.
		if _, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s)); err != nil || len(s) > 6 && s[len(s)-3] == ':' && s[len(s)-2] > '5' {
			return fmt.Errorf("%s: want an RFC 3339 date-time, got %q", where, s)
		}
	case Int32, Int64:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want an integer, got %s", where, TypeOf(v))
		}
		i, err := n.Int64()
		if err != nil || t.Kind == Int32 && (i < math.MinInt32 || i > math.MaxInt32) {
			return fmt.Errorf("%s: want a %s integer, got %s", where, map[Kind]string{Int32: "32-bit", Int64: "64-bit"}[t.Kind], n)
		}
	case Float32, Float64:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want a number, got %s", where, TypeOf(v))
		}
		f, err := n.Float64()
		if err != nil || t.Kind == Float32 && math.Abs(f) > math.MaxFloat32 {
			return fmt.Errorf("%s: number %s out of range", where, n)
		}
	case Object:
		obj, ok := v.(map[string]interface{})
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", where, TypeOf(v))
		}
		m := Models[t.Name]
		if m == nil {
			return fmt.Errorf("%s: unknown model %s", where, t.Name)
		}
		return checkObject(obj, m, path)
	case Array:
		a, ok := v.([]interface{})
		if !ok {
			return fmt.Errorf("%s: want an array, got %s", where, TypeOf(v))
		}
		for i, e := range a {
			if e == nil {
				continue
			}
			if err := checkValue(e, *t.Elem, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case Map:
		obj, ok := v.(map[string]interface{})
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", where, TypeOf(v))
		}
		for k, e := range obj {
			if e == nil {
				continue
			}
			if err := checkValue(e, *t.Elem, join(path, k)); err != nil {
				return err
			}
		}
	}
	return nil
}

// TypeOf names the JSON type of a value encoding/json decoded: "null", "a string", ...
func TypeOf(v interface{}) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number, float64:
		return "a number"
	case string:
		return "a string"
	case []interface{}:
		return "an array"
	case map[string]interface{}:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
