package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file reads an OpenAPI 3.0 document into plain Go values. It keeps the order of every
// map a reader sees in the file (properties, paths, responses), because the generated code
// and docs follow it. Nothing is decided here: names, Go types and what is supported are the
// intermediate model's business (ir.go).

// Ordered is a YAML mapping whose key order is kept.
type Ordered[T any] struct {
	Keys   []string
	Values map[string]T
}

// Len returns the number of entries.
func (o *Ordered[T]) Len() int { return len(o.Keys) }

// Get returns the value under key.
func (o *Ordered[T]) Get(key string) (T, bool) {
	v, ok := o.Values[key]
	return v, ok
}

// UnmarshalYAML reads a mapping, keeping the order of its keys.
func (o *Ordered[T]) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: want a mapping", n.Line)
	}
	o.Values = make(map[string]T, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		var v T
		if err := n.Content[i+1].Decode(&v); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		if _, dup := o.Values[k]; dup {
			return fmt.Errorf("line %d: duplicate key %q", n.Content[i].Line, k)
		}
		o.Keys = append(o.Keys, k)
		o.Values[k] = v
	}
	return nil
}

// Document is an OpenAPI 3.0 document, the parts the generator reads.
type Document struct {
	OpenAPI    string                `yaml:"openapi"`
	Info       Info                  `yaml:"info"`
	Servers    []Server              `yaml:"servers"`
	Security   []map[string][]string `yaml:"security"`
	Tags       []Tag                 `yaml:"tags"`
	Paths      Ordered[*PathItem]    `yaml:"paths"`
	Components Components            `yaml:"components"`
	// StatusErrors (x-go-status-errors) names the typed errors of HTTP statuses: every
	// operation's answer with that status unwraps to it.
	StatusErrors []StatusErrorSpec `yaml:"x-go-status-errors"`
}

// Info is the document's info object.
type Info struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Version     string `yaml:"version"`
}

// Server is one entry of servers.
type Server struct {
	URL         string                      `yaml:"url"`
	Description string                      `yaml:"description"`
	Variables   Ordered[ServerVariableSpec] `yaml:"variables"`
}

// ServerVariableSpec is a variable of a server URL template.
type ServerVariableSpec struct {
	Default     string   `yaml:"default"`
	Description string   `yaml:"description"`
	Enum        []string `yaml:"enum"`
}

// Tag is an entry of tags.
type Tag struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
}

// StatusErrorSpec is one entry of x-go-status-errors.
type StatusErrorSpec struct {
	Status      int    `yaml:"status"`
	Type        string `yaml:"type"`        // Go type name, e.g. CloudNotFoundError
	Sentinel    string `yaml:"sentinel"`    // Go name of the sentinel, e.g. ErrCloudNotFound
	Message     string `yaml:"message"`     // the sentinel's message, after "piecesos: "
	Description string `yaml:"description"` // what the status means, for doc comments
}

// PathItem holds the operations of one path.
type PathItem struct {
	Ref        string         `yaml:"$ref"`
	Parameters []*Parameter   `yaml:"parameters"`
	Get        *OperationSpec `yaml:"get"`
	Put        *OperationSpec `yaml:"put"`
	Post       *OperationSpec `yaml:"post"`
	Delete     *OperationSpec `yaml:"delete"`
	Options    *OperationSpec `yaml:"options"`
	Head       *OperationSpec `yaml:"head"`
	Patch      *OperationSpec `yaml:"patch"`
	Trace      *OperationSpec `yaml:"trace"`
}

// Operations returns the operations of the path item in a fixed order, with their methods.
func (p *PathItem) Operations() []MethodOperation {
	var out []MethodOperation
	for _, m := range []struct {
		method string
		op     *OperationSpec
	}{{"GET", p.Get}, {"PUT", p.Put}, {"POST", p.Post}, {"DELETE", p.Delete}, {"OPTIONS", p.Options}, {"HEAD", p.Head}, {"PATCH", p.Patch}, {"TRACE", p.Trace}} {
		if m.op != nil {
			out = append(out, MethodOperation{Method: m.method, Op: m.op})
		}
	}
	return out
}

// MethodOperation is an operation with its HTTP method.
type MethodOperation struct {
	Method string
	Op     *OperationSpec
}

// OperationSpec is an operation object.
type OperationSpec struct {
	Tags        []string               `yaml:"tags"`
	OperationID string                 `yaml:"operationId"`
	Summary     string                 `yaml:"summary"`
	Description string                 `yaml:"description"`
	Deprecated  bool                   `yaml:"deprecated"`
	Parameters  []*Parameter           `yaml:"parameters"`
	RequestBody *RequestBody           `yaml:"requestBody"`
	Responses   Ordered[*ResponseSpec] `yaml:"responses"`
	Security    *[]map[string][]string `yaml:"security"`
}

// Parameter is a parameter object (or a reference to one).
type Parameter struct {
	Ref         string  `yaml:"$ref"`
	Name        string  `yaml:"name"`
	In          string  `yaml:"in"`
	Description string  `yaml:"description"`
	Required    bool    `yaml:"required"`
	Style       string  `yaml:"style"`
	Explode     *bool   `yaml:"explode"`
	Schema      *Schema `yaml:"schema"`
}

// RequestBody is a request body object (or a reference to one).
type RequestBody struct {
	Ref         string              `yaml:"$ref"`
	Description string              `yaml:"description"`
	Required    bool                `yaml:"required"`
	Content     Ordered[*MediaType] `yaml:"content"`
}

// ResponseSpec is a response object (or a reference to one).
type ResponseSpec struct {
	Ref         string              `yaml:"$ref"`
	Description string              `yaml:"description"`
	Content     Ordered[*MediaType] `yaml:"content"`
}

// MediaType is one entry of a content map.
type MediaType struct {
	Schema *Schema `yaml:"schema"`
}

// Components holds the reusable objects.
type Components struct {
	Schemas         Ordered[*Schema]         `yaml:"schemas"`
	Parameters      Ordered[*Parameter]      `yaml:"parameters"`
	RequestBodies   Ordered[*RequestBody]    `yaml:"requestBodies"`
	Responses       Ordered[*ResponseSpec]   `yaml:"responses"`
	SecuritySchemes Ordered[*SecurityScheme] `yaml:"securitySchemes"`
}

// SecurityScheme is a security scheme object.
type SecurityScheme struct {
	Type        string `yaml:"type"`
	Description string `yaml:"description"`
	Name        string `yaml:"name"`
	In          string `yaml:"in"`
	Scheme      string `yaml:"scheme"`
}

// Schema is a schema object (or a reference to one).
type Schema struct {
	Ref                  string           `yaml:"$ref"`
	Type                 string           `yaml:"type"`
	Format               string           `yaml:"format"`
	Title                string           `yaml:"title"`
	Description          string           `yaml:"description"`
	Enum                 []yaml.Node      `yaml:"enum"`
	Default              yaml.Node        `yaml:"default"`
	Nullable             bool             `yaml:"nullable"`
	ReadOnly             bool             `yaml:"readOnly"`
	WriteOnly            bool             `yaml:"writeOnly"`
	Deprecated           bool             `yaml:"deprecated"`
	Properties           Ordered[*Schema] `yaml:"properties"`
	Required             []string         `yaml:"required"`
	Items                *Schema          `yaml:"items"`
	AdditionalProperties *AdditionalProps `yaml:"additionalProperties"`
	AllOf                []*Schema        `yaml:"allOf"`
	OneOf                []*Schema        `yaml:"oneOf"`
	AnyOf                []*Schema        `yaml:"anyOf"`
	Not                  *Schema          `yaml:"not"`
	Discriminator        yaml.Node        `yaml:"discriminator"`
}

// AdditionalProps is additionalProperties: a boolean or a schema.
type AdditionalProps struct {
	Bool   *bool
	Schema *Schema
}

// UnmarshalYAML reads true, false or a schema.
func (a *AdditionalProps) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if err := n.Decode(&b); err != nil {
			return err
		}
		a.Bool = &b
		return nil
	}
	a.Schema = new(Schema)
	return n.Decode(a.Schema)
}

// Load reads the OpenAPI document at path.
func Load(path string) (*Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse reads an OpenAPI document.
func Parse(data []byte) (*Document, error) {
	var doc Document
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		return nil, fmt.Errorf("parse: openapi %q: only OpenAPI 3.x is supported", doc.OpenAPI)
	}
	return &doc, nil
}

// errUnresolved is the cause of a $ref that does not name a component.
var errUnresolved = errors.New("unresolved $ref")

// refName returns the component name of a local reference of the given section
// ("#/components/schemas/X" → "X").
func refName(ref, section string) (string, error) {
	prefix := "#/components/" + section + "/"
	if !strings.HasPrefix(ref, prefix) {
		return "", fmt.Errorf("%w %q: want %s<name>", errUnresolved, ref, prefix)
	}
	return strings.TrimPrefix(ref, prefix), nil
}

// scalar returns the text of a scalar YAML node.
func scalar(n *yaml.Node) (string, bool) {
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	return n.Value, true
}
