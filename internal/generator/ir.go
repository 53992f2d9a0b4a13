package main

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// The intermediate model: everything the templates print, decided once. Every Go name, Go
// type, storage form (value, pointer, nil-able container, Nullable wrapper), required bit,
// path segment and doc line is a field or a method here; templates branch on these and print,
// they never derive names or types themselves.

// Kind is the kind of a Go type of the generated code.
type Kind int

// The kinds of types.
const (
	KindString  Kind = iota + 1 // string
	KindBool                    // bool
	KindInt32                   // int32 (integer, int32 or no format)
	KindInt64                   // int64 (integer, int64)
	KindFloat32                 // float32 (number, float or no format)
	KindFloat64                 // float64 (number, double)
	KindTime                    // time.Time (string, date-time)
	KindEnum                    // a generated string enum type
	KindModel                   // a generated struct
	KindArray                   // []Elem
	KindMap                     // map[string]Elem
	KindAny                     // interface{}: any JSON value
)

// Type is a Go type of the generated code.
type Type struct {
	Kind  Kind
	Enum  *Enum  // KindEnum
	Model *Model // KindModel
	Elem  *Type  // KindArray, KindMap
}

// The templates ask a Type what it is through these.
func (t *Type) IsString() bool    { return t.Kind == KindString }
func (t *Type) IsBool() bool      { return t.Kind == KindBool }
func (t *Type) IsInt() bool       { return t.Kind == KindInt32 || t.Kind == KindInt64 }
func (t *Type) IsFloat() bool     { return t.Kind == KindFloat32 || t.Kind == KindFloat64 }
func (t *Type) IsTime() bool      { return t.Kind == KindTime }
func (t *Type) IsEnum() bool      { return t.Kind == KindEnum }
func (t *Type) IsModel() bool     { return t.Kind == KindModel }
func (t *Type) IsArray() bool     { return t.Kind == KindArray }
func (t *Type) IsMap() bool       { return t.Kind == KindMap }
func (t *Type) IsAny() bool       { return t.Kind == KindAny }
func (t *Type) IsContainer() bool { return t.Kind == KindArray || t.Kind == KindMap }

// GoType returns the Go spelling of the type.
func (t *Type) GoType() string {
	switch t.Kind {
	case KindString:
		return "string"
	case KindBool:
		return "bool"
	case KindInt32:
		return "int32"
	case KindInt64:
		return "int64"
	case KindFloat32:
		return "float32"
	case KindFloat64:
		return "float64"
	case KindTime:
		return "time.Time"
	case KindEnum:
		return t.Enum.Name
	case KindModel:
		return t.Model.Name
	case KindArray:
		return "[]" + t.Elem.GoType()
	case KindMap:
		return "map[string]" + t.Elem.GoType()
	default:
		return "interface{}"
	}
}

// Ident returns a name for the type usable inside identifiers: "String", "AllocationCloud",
// "SliceOfString", "MapOfInterface".
func (t *Type) Ident() string {
	switch t.Kind {
	case KindTime:
		return "Time"
	case KindEnum, KindModel:
		return t.GoType()
	case KindArray:
		return "SliceOf" + t.Elem.Ident()
	case KindMap:
		return "MapOf" + t.Elem.Ident()
	case KindAny:
		return "Interface"
	default:
		return exported(t.GoType())
	}
}

// DocType is how the docs write the type: **string**, or a link to a model's page.
func (t *Type) DocType() string {
	inner := t
	for inner.IsContainer() {
		inner = inner.Elem
	}
	if inner.Kind == KindModel || inner.Kind == KindEnum {
		return "[**" + t.GoType() + "**](" + inner.GoType() + ".md)"
	}
	return "**" + t.GoType() + "**"
}

// TypeVar names the reflect.Type variable type errors report for this type.
func (t *Type) TypeVar() string { return "type" + t.Ident() }

// ReadMethod names the jsonwire reader of a scalar kind ("ReadString").
func (t *Type) ReadMethod() string { return "Read" + exported(t.GoType()) }

// FloatAppend names the jsonwire writer of a float kind.
func (t *Type) FloatAppend() string {
	if t.Kind == KindFloat32 {
		return "AppendFloat32"
	}
	return "AppendFloat"
}

// EncodeCanFail reports whether writing a value of this type can fail (times out of range,
// NaN, a value of an unsupported type in an interface{}).
func (t *Type) EncodeCanFail() bool {
	switch t.Kind {
	case KindString, KindBool, KindInt32, KindInt64, KindEnum:
		return false
	}
	return true
}

// Unbounded reports whether a value of t can contain a model, a list, a map or any value
// (whose encoding size the schema does not bound).
func (t *Type) Unbounded() bool {
	return t.Kind == KindModel || t.Kind == KindArray || t.Kind == KindMap || t.Kind == KindAny
}

// Storage is how a member is held in its struct.
type Storage int

// The storage forms, as OpenAPI Generator's Go models use them.
const (
	StoreValue    Storage = iota + 1 // required: T
	StorePointer                     // optional scalar, enum or model: *T (nil when absent)
	StoreNil                         // optional list, map or interface{}: nil when absent
	StoreNullable                    // nullable scalar: NullableT (set, null or unset)
)

// Field is a member of a model.
type Field struct {
	JSONName string
	GoName   string // the exported field name: "Migration"
	ArgName  string // the constructor's parameter: "migration"
	Doc      string
	Type     *Type
	Required bool
	Storage  Storage
	Bit      int    // the bit of a required member in the decoder's bitset, else -1
	Default  string // Go expression of the default value, "" for none
	Slab     *SlabEntry
	Model    *Model // the model this field belongs to
	// Key is what appendJSON writes before the value: the quoted key and a colon, after a
	// comma unless no member can precede it; Trailing says a comma follows the value instead
	// (the members before the first one that is always written).
	Key      string
	Trailing bool
}

// The templates ask a Field how it is stored through these.
func (f *Field) IsValue() bool    { return f.Storage == StoreValue }
func (f *Field) IsPointer() bool  { return f.Storage == StorePointer }
func (f *Field) IsNil() bool      { return f.Storage == StoreNil }
func (f *Field) IsNullable() bool { return f.Storage == StoreNullable }

// NullableType returns the Nullable wrapper of a nullable member: "NullableFloat32".
func (f *Field) NullableType() string { return "Nullable" + f.Type.Ident() }

// FieldType returns the Go type of the struct field.
func (f *Field) FieldType() string {
	switch f.Storage {
	case StorePointer:
		return "*" + f.Type.GoType()
	case StoreNullable:
		return f.NullableType()
	default:
		return f.Type.GoType()
	}
}

// Tag returns the struct tag.
func (f *Field) Tag() string {
	if f.Required {
		return fmt.Sprintf("`json:\"%s\"`", f.JSONName)
	}
	return fmt.Sprintf("`json:\"%s,omitempty\"`", f.JSONName)
}

// NewFunc returns the expression that allocates a new value for a pointer member: the decode
// slab's function when the type has slots, new(T) otherwise.
func (f *Field) NewFunc() string {
	if f.Slab != nil {
		return "s." + f.Slab.Func + "()"
	}
	return "new(" + f.Type.GoType() + ")"
}

// Model is a generated struct.
type Model struct {
	Name     string
	File     string // model_<snake>.go
	Doc      string
	Spec     string // where the schema is: "#/components/schemas/Name"
	Fields   []*Field
	Required []*Field // in bit order
}

// Braced reports whether appendJSON opens and closes the object itself: a member is always
// written (a required, non-nullable one), so the commas are known. Otherwise every member is
// written after a comma and the first comma becomes the brace (closeObject).
func (m *Model) Braced() bool {
	for _, f := range m.Fields {
		if f.Storage == StoreValue {
			return true
		}
	}
	return false
}

// SeenType is the unsigned integer type of the required-members bitset.
func (m *Model) SeenType() string {
	switch n := len(m.Required); {
	case n <= 8:
		return "uint8"
	case n <= 16:
		return "uint16"
	case n <= 32:
		return "uint32"
	default:
		return "uint64"
	}
}

// Var returns the model's name as an unexported variable prefix: "allocationCloud".
func (m *Model) Var() string { return lowerFirst(m.Name) }

// Unbounded lists the members whose encoding size the schema does not bound (models, lists,
// maps, free-form values): MarshalJSON asks them whether the value may be large.
func (m *Model) Unbounded() []*Field {
	var out []*Field
	for _, f := range m.Fields {
		if f.Type.Unbounded() {
			out = append(out, f)
		}
	}
	return out
}

// Enum is a generated string enum.
type Enum struct {
	Name    string
	File    string
	Doc     string
	Spec    string
	Values  []EnumValue
	Default *EnumValue
}

// EnumValue is one value of an enum and its constant.
type EnumValue struct {
	Const string // ALLOCATIONSTATUSENUM_UNKNOWN
	Value string // UNKNOWN
}

// Service is the service of one tag: AllocationAPIService, reached as client.AllocationAPI.
type Service struct {
	Tag        string
	Name       string // AllocationAPI
	Type       string // AllocationAPIService
	File       string // api_allocation.go
	Doc        string
	Operations []*Operation
	API        *API
}

// DocFile is the name of the service's docs page: "AllocationAPI.md".
func (s *Service) DocFile() string { return s.Name + ".md" }

// Operation is one HTTP operation.
type Operation struct {
	Name         string // AllocationSnapshot
	Method       string // GET
	Path         string // /allocation/{allocation}
	Summary      string
	Description  string
	Deprecated   bool
	Service      *Service
	PathParams   []*Param
	QueryParams  []*Param
	PathParts    []PathPart
	Body         *Body
	Result       Result
	Responses    []*Response
	NoAuth       bool           // security: [] — no credential is sent
	AuthSchemes  []APIKeyScheme // the API keys that may be sent
	AuthOptional bool           // an empty requirement ({}) is among the alternatives
	Accept       []string
	Read         bool // GET or HEAD: safe to repeat
}

// Request is the name of the request builder type: ApiAllocationSnapshotRequest.
func (o *Operation) Request() string { return "Api" + o.Name + "Request" }

// Var is the operation table entry's variable: opAllocationSnapshot.
func (o *Operation) Var() string { return "op" + o.Name }

// Endpoint is the key of Configuration.OperationServers: "AllocationAPIService.AllocationSnapshot".
func (o *Operation) Endpoint() string { return o.Service.Type + "." + o.Name }

// HTTPMethod is the net/http constant of the method: "http.MethodGet".
func (o *Operation) HTTPMethod() string { return "http.Method" + o.MethodTitle() }

// MethodTitle is the method as the generator's docs write it: "Get".
func (o *Operation) MethodTitle() string {
	return strings.ToUpper(o.Method[:1]) + strings.ToLower(o.Method[1:])
}

// AcceptHeader is the value of the Accept header.
func (o *Operation) AcceptHeader() string { return strings.Join(o.Accept, ", ") }

// Anchor is the operation's anchor on its docs page.
func (o *Operation) Anchor() string { return strings.ToLower(o.Name) }

// PathPart is a literal piece of a path or a parameter.
type PathPart struct {
	Literal string
	Param   *Param
}

// Param is a path or query parameter.
type Param struct {
	Name     string // as sent: "allocation"
	GoName   string // builder method: "Allocation"
	VarName  string // Go variable and request field: "allocation"
	Doc      string
	In       string // "path" or "query"
	Type     *Type
	Required bool
	Explode  bool // a query list: one parameter per value (else the values joined by commas)
}

// Body is a request body.
type Body struct {
	Type      *Type
	Required  bool
	MediaType string
	Doc       string
	VarName   string // allocationCloud
	Method    string // the builder method: AllocationCloud
}

// ResultKind says what a 2xx answer becomes.
type ResultKind int

// The kinds of results.
const (
	ResultNone  ResultKind = iota // (*http.Response, error)
	ResultModel                   // (*Model, *http.Response, error)
	ResultList                    // ([]T or map[string]T, *http.Response, error): a JSON list or map
	ResultText                    // (string, *http.Response, error)
)

// Result is what Execute returns besides the response and the error.
type Result struct {
	Kind      ResultKind
	Type      *Type // ResultModel, ResultList
	MediaType string
}

// IsNone, IsModel and IsText tell the result kinds apart in templates.
func (r Result) IsNone() bool  { return r.Kind == ResultNone }
func (r Result) IsModel() bool { return r.Kind == ResultModel }
func (r Result) IsList() bool  { return r.Kind == ResultList }
func (r Result) IsText() bool  { return r.Kind == ResultText }

// IsDecoded reports a JSON body decoded into a model or a list.
func (r Result) IsDecoded() bool { return r.Kind == ResultModel || r.Kind == ResultList }

// GoType is the Go type Execute returns the result as ("*AllocationCloud", "[]string",
// "string"), "" without a result.
func (r Result) GoType() string {
	switch r.Kind {
	case ResultModel:
		return "*" + r.Type.GoType()
	case ResultList:
		return r.Type.GoType()
	case ResultText:
		return "string"
	}
	return ""
}

// DocType is the result's type as the generator's docs name it: GoType without the pointer.
func (r Result) DocType() string { return strings.TrimPrefix(r.GoType(), "*") }

// Zero is the Go expression of the result when the call fails ("nil", `""`), "" without a
// result.
func (r Result) Zero() string {
	switch r.Kind {
	case ResultModel, ResultList:
		return "nil"
	case ResultText:
		return `""`
	}
	return ""
}

// Response is one documented answer of an operation.
type Response struct {
	Status      string // "200", "410", "default"
	Description string
	MediaType   string
	Success     bool
	Error       *StatusError // the typed error of a non-2xx status, if any
}

// StatusError is a typed error for an HTTP status (x-go-status-errors).
type StatusError struct {
	Status      int
	Type        string
	Sentinel    string
	Message     string
	Description string
	Operations  []*Operation // the operations that document the status
}

// StatusText is "410 Gone".
func (e *StatusError) StatusText() string {
	return fmt.Sprintf("%d %s", e.Status, http.StatusText(e.Status))
}

// SlabEntry is one type with slots in the decode slab.
type SlabEntry struct {
	Type  *Type
	Slots int
	Field string // the slab's array: embeddedModelSchema
	Count string // the slab's counter: nEmbeddedModelSchema
	Func  string // the decodeState method: newEmbeddedModelSchema
}

// Bytes is what the entry's slots weigh, on 64-bit platforms.
func (e *SlabEntry) Bytes() int { return e.Slots * sizeOf(e.Type) }

// ServerInfo is an entry of servers.
type ServerInfo struct {
	URL         string
	Description string
	Variables   []ServerVar
}

// ServerVar is a server URL variable.
type ServerVar struct {
	Name, Default, Description string
	Enum                       []string
}

// APIKeyScheme is an API key security scheme.
type APIKeyScheme struct {
	Name        string // "application"
	Header      string // "X-Application-ID"
	Description string
}

// API is the whole intermediate model of one spec.
type API struct {
	Title        string
	Description  string
	Version      string
	Servers      []ServerInfo
	Services     []*Service
	Models       []*Model
	Enums        []*Enum
	StatusErrors []*StatusError
	Composites   []*Type // the lists and maps used, each once: their codecs are generated
	Scalars      []*Type // the scalar types decode errors may name: their reflect.Type variables
	Results      []*Type // the lists and maps operations answer with: they get a result type
	Slab         []*SlabEntry
	SlabRule     string
	APIKeys      []APIKeyScheme
	// Unsupported lists what the generator skipped, one line each with its spec location.
	Unsupported []string
}

// ExampleStatusError is the typed error the README's error section names as its example: the
// 504's (the status every operation may see from the cloud), else the first; nil without any.
func (a *API) ExampleStatusError() *StatusError {
	for _, e := range a.StatusErrors {
		if e.Status == 504 {
			return e
		}
	}
	if len(a.StatusErrors) > 0 {
		return a.StatusErrors[0]
	}
	return nil
}

// Operations returns every operation, service by service.
func (a *API) Operations() []*Operation {
	var out []*Operation
	for _, s := range a.Services {
		out = append(out, s.Operations...)
	}
	return out
}

// DefaultServer is the URL of the first server.
func (a *API) DefaultServer() string {
	if len(a.Servers) == 0 {
		return ""
	}
	return a.Servers[0].URL
}

// NamedTypes lists the models and enums by name, for the docs index.
func (a *API) NamedTypes() []string {
	var out []string
	for _, m := range a.Models {
		out = append(out, m.Name)
	}
	for _, e := range a.Enums {
		out = append(out, e.Name)
	}
	sort.Strings(out)
	return out
}

// sizeOf is the size in bytes of a value of t on a 64-bit platform, for the slab's budget.
func sizeOf(t *Type) int {
	switch t.Kind {
	case KindBool:
		return 1
	case KindInt32, KindFloat32:
		return 4
	case KindInt64, KindFloat64:
		return 8
	case KindString, KindEnum, KindAny:
		return 16
	case KindTime, KindArray:
		return 24
	case KindMap:
		return 8
	case KindModel:
		size, align := 0, 1
		for _, f := range t.Model.Fields {
			fs, fa := fieldSize(f)
			size = (size + fa - 1) / fa * fa
			size += fs
			align = max(align, fa)
		}
		size = (size+7)/8*8 + 8 // AdditionalProperties
		return size
	}
	return 8
}

func fieldSize(f *Field) (size, align int) {
	switch f.Storage {
	case StorePointer:
		return 8, 8
	case StoreNullable:
		return 16, 8
	}
	s := sizeOf(f.Type)
	switch {
	case s >= 8:
		return s, 8
	default:
		return s, s
	}
}
