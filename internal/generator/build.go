package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Build turns a parsed document into the intermediate model. What the generator cannot
// generate yet is skipped and listed in API.Unsupported with its location; a conflict the
// generator must not guess about (two schemas or members with the same Go name, a status
// error without a name) is an error.
func Build(doc *Document) (*API, error) {
	b := &builder{
		doc:        doc,
		api:        &API{Title: doc.Info.Title, Description: doc.Info.Description, Version: doc.Info.Version},
		models:     map[string]*Model{},
		enums:      map[string]*Enum{},
		aliases:    map[string]*Schema{},
		resolving:  map[string]bool{},
		goNames:    map[string]string{},
		composites: map[string]*Type{},
		results:    map[string]*Type{},
		services:   map[string]*Service{},
	}
	b.servers()
	b.securitySchemes()
	b.statusErrors()
	b.register()
	for _, name := range doc.Components.Schemas.Keys {
		if m := b.models[name]; m != nil {
			b.fields(m, doc.Components.Schemas.Values[name])
		}
	}
	b.breakCycles()
	for _, m := range b.api.Models {
		setKeys(m) // after breakCycles: a member it made a pointer may be left out
	}
	b.operations()
	b.finish()
	if len(b.errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(b.errs, "\n"))
	}
	return b.api, nil
}

type builder struct {
	doc        *Document
	api        *API
	models     map[string]*Model  // by schema name
	enums      map[string]*Enum   // by schema name
	aliases    map[string]*Schema // schemas that are neither objects nor enums: refs resolve through them
	resolving  map[string]bool    // aliases being resolved (a cycle of aliases is unsupported)
	goNames    map[string]string  // Go name → spec location, for collisions
	composites map[string]*Type
	results    map[string]*Type
	services   map[string]*Service
	errs       []string
}

func (b *builder) errorf(format string, args ...interface{}) {
	b.errs = append(b.errs, fmt.Sprintf(format, args...))
}

func (b *builder) unsupported(loc, format string, args ...interface{}) {
	b.api.Unsupported = append(b.api.Unsupported, loc+": "+fmt.Sprintf(format, args...))
}

// claim reserves a package-level Go name for a spec location; a second claim is an error.
func (b *builder) claim(goName, loc string) bool {
	if runtimeNames[goName] {
		b.errorf("%s: Go name %s is taken by the SDK's runtime", loc, goName)
		return false
	}
	if prev, ok := b.goNames[goName]; ok {
		b.errorf("%s: Go name %s is taken by %s", loc, goName, prev)
		return false
	}
	b.goNames[goName] = loc
	return true
}

func (b *builder) servers() {
	for _, s := range b.doc.Servers {
		si := ServerInfo{URL: s.URL, Description: s.Description}
		for _, k := range s.Variables.Keys {
			v := s.Variables.Values[k]
			si.Variables = append(si.Variables, ServerVar{Name: k, Default: v.Default, Description: v.Description, Enum: v.Enum})
		}
		b.api.Servers = append(b.api.Servers, si)
	}
}

func (b *builder) securitySchemes() {
	ss := &b.doc.Components.SecuritySchemes
	for _, k := range ss.Keys {
		s := ss.Values[k]
		switch {
		case s.Type == "apiKey" && s.In == "header":
			b.api.APIKeys = append(b.api.APIKeys, APIKeyScheme{Name: k, Header: s.Name, Description: oneLine(s.Description)})
		case s.Type == "apiKey":
			b.unsupported("#/components/securitySchemes/"+k, "API key in %s (only headers are sent)", s.In)
		case s.Type == "oauth2" || (s.Type == "http" && s.Scheme == "bearer"):
			// Sent by callers through DefaultHeader (Authorization); the SDK runs no flow.
		default:
			b.unsupported("#/components/securitySchemes/"+k, "security scheme type %q", s.Type)
		}
	}
}

func (b *builder) statusErrors() {
	seen := map[int]bool{}
	for i, s := range b.doc.StatusErrors {
		loc := fmt.Sprintf("x-go-status-errors[%d]", i)
		switch {
		case s.Status < 400 || s.Status > 599:
			b.errorf("%s: status %d is not an error status", loc, s.Status)
			continue
		case seen[s.Status]:
			b.errorf("%s: status %d named twice", loc, s.Status)
			continue
		case s.Type == "" || s.Sentinel == "" || exported(s.Type) != s.Type || exported(s.Sentinel) != s.Sentinel:
			b.errorf("%s: want exported Go names in type and sentinel", loc)
			continue
		}
		seen[s.Status] = true
		if !b.claim(s.Type, loc) || !b.claim(s.Sentinel, loc) {
			continue
		}
		msg := s.Message
		if msg == "" {
			msg = strings.ToLower(http.StatusText(s.Status))
		}
		b.api.StatusErrors = append(b.api.StatusErrors, &StatusError{
			Status: s.Status, Type: s.Type, Sentinel: s.Sentinel, Message: msg,
			Description: oneLine(s.Description),
		})
	}
	sort.Slice(b.api.StatusErrors, func(i, j int) bool { return b.api.StatusErrors[i].Status < b.api.StatusErrors[j].Status })
}

func (b *builder) statusError(status string) *StatusError {
	code, err := strconv.Atoi(status)
	if err != nil {
		return nil
	}
	for _, e := range b.api.StatusErrors {
		if e.Status == code {
			return e
		}
	}
	return nil
}

// register creates every model and enum before any member is built, so that members can
// refer to models defined later and to their own model (register before recursing).
func (b *builder) register() {
	schemas := &b.doc.Components.Schemas
	for _, name := range schemas.Keys {
		s := schemas.Values[name]
		loc := "#/components/schemas/" + name
		goName := exported(name)
		switch {
		case s == nil:
			b.unsupported(loc, "empty schema")
		case len(s.OneOf) > 0 || len(s.AnyOf) > 0 || (len(s.AllOf) > 0 && len(s.AllOf) != 1):
			b.unsupported(loc, "oneOf, anyOf and allOf schemas")
		case len(s.Enum) > 0 && (s.Type == "string" || s.Type == ""):
			if !b.claim(goName, loc) {
				continue
			}
			e := &Enum{Name: goName, File: "model_" + snake(goName) + ".go", Doc: oneLine(s.Description), Spec: loc}
			consts := map[string]bool{}
			for _, n := range s.Enum {
				v, ok := scalar(&n)
				if !ok {
					b.unsupported(loc, "enum value that is not a string")
					continue
				}
				c := enumConstant(goName, v)
				if consts[c] {
					b.errorf("%s: enum values give the same constant %s", loc, c)
					continue
				}
				consts[c] = true
				e.Values = append(e.Values, EnumValue{Const: c, Value: v})
			}
			if d, ok := scalar(&s.Default); ok {
				for i := range e.Values {
					if e.Values[i].Value == d {
						e.Default = &e.Values[i]
					}
				}
			}
			b.enums[name] = e
			b.api.Enums = append(b.api.Enums, e)
		case len(s.Enum) > 0:
			b.unsupported(loc, "enum of type %q (only string enums)", s.Type)
		case s.Ref == "" && len(s.AllOf) == 0 && (s.Properties.Len() > 0 || (s.Type == "object" && s.AdditionalProperties == nil)):
			if s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil {
				b.unsupported(loc, "typed additionalProperties beside properties (unknown keys are kept as interface{})")
			}
			if !b.claim(goName, loc) {
				continue
			}
			m := &Model{Name: goName, File: "model_" + snake(goName) + ".go", Doc: oneLine(s.Description), Spec: loc}
			b.models[name] = m
			b.api.Models = append(b.api.Models, m)
		default:
			b.aliases[name] = s // a list, a map or a scalar: references resolve to its type
		}
	}
}

// typeOf resolves the Go type of a schema; ok is false when it is not supported (the reason
// has been recorded at loc).
func (b *builder) typeOf(s *Schema, loc string) (*Type, bool) {
	if s == nil {
		return &Type{Kind: KindAny}, true
	}
	if s.Ref != "" {
		name, err := refName(s.Ref, "schemas")
		if err != nil {
			b.unsupported(loc, "%v", err)
			return nil, false
		}
		if m := b.models[name]; m != nil {
			return &Type{Kind: KindModel, Model: m}, true
		}
		if e := b.enums[name]; e != nil {
			return &Type{Kind: KindEnum, Enum: e}, true
		}
		if a := b.aliases[name]; a != nil {
			if b.resolving[name] {
				b.unsupported(loc, "schema %s refers to itself without an object in between", name)
				return nil, false
			}
			b.resolving[name] = true
			defer delete(b.resolving, name)
			return b.typeOf(a, loc)
		}
		b.unsupported(loc, "$ref %s: no supported schema of that name", s.Ref)
		return nil, false
	}
	if len(s.AllOf) == 1 && s.Properties.Len() == 0 {
		return b.typeOf(s.AllOf[0], loc) // allOf: [$ref] is how a spec adds a description to a reference
	}
	if len(s.AllOf) > 0 || len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		b.unsupported(loc, "oneOf, anyOf and allOf")
		return nil, false
	}
	switch s.Type {
	case "string":
		if s.Format == "date-time" {
			return &Type{Kind: KindTime}, true
		}
		return &Type{Kind: KindString}, true // inline enums are plain strings, as in generated Go clients
	case "boolean":
		return &Type{Kind: KindBool}, true
	case "integer":
		if s.Format == "int64" {
			return &Type{Kind: KindInt64}, true
		}
		return &Type{Kind: KindInt32}, true
	case "number":
		if s.Format == "double" {
			return &Type{Kind: KindFloat64}, true
		}
		return &Type{Kind: KindFloat32}, true
	case "array":
		elem, ok := b.typeOf(s.Items, loc+"/items")
		if !ok {
			return nil, false
		}
		return b.intern(&Type{Kind: KindArray, Elem: elem}), true
	case "object", "":
		if s.Properties.Len() > 0 {
			b.unsupported(loc, "inline object schema (give it a name under components/schemas)")
			return nil, false
		}
		if s.Type == "" && s.AdditionalProperties == nil {
			return &Type{Kind: KindAny}, true
		}
		var elem *Type = &Type{Kind: KindAny}
		if s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil {
			var ok bool
			if elem, ok = b.typeOf(s.AdditionalProperties.Schema, loc+"/additionalProperties"); !ok {
				return nil, false
			}
		}
		return b.intern(&Type{Kind: KindMap, Elem: elem}), true
	}
	b.unsupported(loc, "type %q", s.Type)
	return nil, false
}

// intern returns the one Type of a list or map shape, registering it (and its elements) for
// code generation.
func (b *builder) intern(t *Type) *Type {
	if prev, ok := b.composites[t.Ident()]; ok {
		return prev
	}
	b.composites[t.Ident()] = t
	return t
}

// fields builds the members of m.
func (b *builder) fields(m *Model, s *Schema) {
	required := map[string]bool{}
	for _, r := range s.Required {
		if _, ok := s.Properties.Get(r); !ok {
			b.unsupported(m.Spec, "required property %q is not among the properties (ignored)", r)
			continue
		}
		required[r] = true
	}
	goNames := map[string]string{"AdditionalProperties": "(the SDK's field of unknown members)"}
	methods := map[string]bool{"ToMap": true, "MarshalJSON": true, "UnmarshalJSON": true}
	for _, name := range s.Properties.Keys {
		ps := s.Properties.Values[name]
		loc := m.Spec + "/properties/" + name
		t, ok := b.typeOf(ps, loc)
		if !ok {
			continue
		}
		f := &Field{
			JSONName: name,
			GoName:   exported(name),
			ArgName:  unexported(name),
			Doc:      oneLine(fieldDoc(ps)),
			Type:     t,
			Required: required[name],
			Bit:      -1,
			Model:    m,
		}
		if prev, ok := goNames[f.GoName]; ok {
			b.errorf("%s: Go field name %s is taken by %s", loc, f.GoName, prev)
			continue
		}
		for _, prefix := range []string{"Get", "Set", "Has", "Unset"} {
			if methods[prefix+f.GoName] {
				b.errorf("%s: accessor %s%s collides with a method", loc, prefix, f.GoName)
			}
		}
		goNames[f.GoName] = loc
		nullable := ps != nil && ps.Nullable
		switch {
		case t.Kind == KindAny || t.IsContainer():
			f.Storage = StoreNil
			if f.Required && t.Kind != KindAny {
				f.Storage = StoreValue
			}
		case nullable:
			f.Storage = StoreNullable
		case f.Required:
			f.Storage = StoreValue
		default:
			f.Storage = StorePointer
		}
		if f.Required {
			f.Bit = len(m.Required)
			m.Required = append(m.Required, f)
		}
		f.Default = b.defaultOf(ps, t, loc)
		m.Fields = append(m.Fields, f)
	}
	if len(m.Required) > 64 {
		b.unsupported(m.Spec, "more than 64 required properties")
	}
}

// setKeys decides the commas of appendJSON: the members before the first one that is always
// written (a value) are followed by a comma, the members after it preceded by one. A model
// without such a member writes every member after a comma (see Model.Braced).
func setKeys(m *Model) {
	first := -1
	for i, f := range m.Fields {
		if f.Storage == StoreValue {
			first = i
			break
		}
	}
	for i, f := range m.Fields {
		quoted, _ := json.Marshal(f.JSONName) // as encoding/json writes the key
		key := string(quoted) + ":"
		switch {
		case first < 0 || i > first:
			f.Key = "," + key
		case i < first:
			f.Key, f.Trailing = key, true
		default:
			f.Key = key
		}
	}
}

// fieldDoc is the description of a member's schema, "" for a member without one.
func fieldDoc(s *Schema) string {
	if s == nil {
		return ""
	}
	return s.Description
}

// defaultOf returns the Go expression of a member's default value, or "".
func (b *builder) defaultOf(s *Schema, t *Type, loc string) string {
	var raw string
	var ok bool
	if s != nil {
		raw, ok = scalar(&s.Default)
	}
	if !ok && t.Kind == KindEnum && t.Enum.Default != nil {
		return t.Enum.Default.Const
	}
	if !ok {
		return ""
	}
	switch t.Kind {
	case KindString:
		return strconv.Quote(raw)
	case KindBool:
		if v, err := strconv.ParseBool(raw); err == nil {
			return strconv.FormatBool(v)
		}
	case KindInt32, KindInt64:
		if _, err := strconv.ParseInt(raw, 10, 64); err == nil {
			return raw
		}
	case KindFloat32, KindFloat64:
		if _, err := strconv.ParseFloat(raw, 64); err == nil {
			return raw
		}
	case KindEnum:
		for _, v := range t.Enum.Values {
			if v.Value == raw {
				return v.Const
			}
		}
		return t.Enum.Name + "(" + strconv.Quote(raw) + ")"
	default:
		return ""
	}
	b.unsupported(loc, "default %q does not fit type %s (ignored)", raw, t.GoType())
	return ""
}

// breakCycles turns a required model member that closes a cycle of required model members
// into a pointer: Go cannot hold a struct inside itself. The member stays required (a
// missing one is a decode error).
func (b *builder) breakCycles() {
	state := map[*Model]int{} // 0 new, 1 on the stack, 2 done
	var visit func(m *Model)
	visit = func(m *Model) {
		state[m] = 1
		for _, f := range m.Fields {
			if f.Storage != StoreValue || f.Type.Kind != KindModel {
				continue
			}
			switch state[f.Type.Model] {
			case 1:
				f.Storage = StorePointer
			case 0:
				visit(f.Type.Model)
			}
		}
		state[m] = 2
	}
	for _, m := range b.api.Models {
		if state[m] == 0 {
			visit(m)
		}
	}
}

func (b *builder) service(tag string) *Service {
	if s := b.services[tag]; s != nil {
		return s
	}
	name := exported(tag) + "API"
	s := &Service{Tag: tag, Name: name, Type: name + "Service", File: "api_" + snake(exported(tag)) + ".go", API: b.api}
	for _, t := range b.doc.Tags {
		if t.Name == tag {
			s.Doc = oneLine(t.Description)
		}
	}
	if !b.claim(s.Type, "tag "+tag) {
		return nil
	}
	b.services[tag] = s
	b.api.Services = append(b.api.Services, s)
	return s
}

func (b *builder) operations() {
	paths := &b.doc.Paths
	for _, path := range paths.Keys {
		item := paths.Values[path]
		if item == nil {
			continue
		}
		if item.Ref != "" {
			b.unsupported(path, "path item $ref")
			continue
		}
		for _, mo := range item.Operations() {
			b.operation(path, mo.Method, mo.Op, item.Parameters)
		}
	}
}

func (b *builder) operation(path, method string, spec *OperationSpec, shared []*Parameter) {
	loc := method + " " + path
	if strings.Contains(spec.Summary, "[WS]") {
		b.unsupported(loc, "WebSocket stream (not plain HTTP)")
		return
	}
	tag := "Default"
	if len(spec.Tags) > 0 {
		tag = spec.Tags[0]
	}
	svc := b.service(tag)
	if svc == nil {
		return
	}
	id := spec.OperationID
	if id == "" {
		id = strings.ToLower(method) + " " + path
	}
	op := &Operation{
		Name: exported(id), Method: method, Path: path, Service: svc,
		Summary: oneLine(spec.Summary), Description: strings.TrimSpace(spec.Description),
		Deprecated: spec.Deprecated, Read: method == "GET" || method == "HEAD",
	}
	for _, o := range svc.Operations {
		if o.Name == op.Name {
			b.errorf("%s: operation name %s is taken by %s %s", loc, op.Name, o.Method, o.Path)
			return
		}
	}
	if !b.params(op, loc, shared, spec.Parameters) || !b.body(op, loc, spec.RequestBody) || !b.responses(op, loc, spec) {
		return
	}
	b.security(op, spec)
	svc.Operations = append(svc.Operations, op)
}

func (b *builder) resolveParam(p *Parameter, loc string) (*Parameter, bool) {
	if p.Ref == "" {
		return p, true
	}
	name, err := refName(p.Ref, "parameters")
	if err == nil {
		if r, ok := b.doc.Components.Parameters.Get(name); ok && r != nil && r.Ref == "" {
			return r, true
		}
	}
	b.unsupported(loc, "parameter $ref %s", p.Ref)
	return nil, false
}

func (b *builder) params(op *Operation, loc string, shared, own []*Parameter) bool {
	var all []*Parameter
	for _, list := range [][]*Parameter{shared, own} {
		for _, p := range list {
			r, ok := b.resolveParam(p, loc)
			if !ok {
				return false
			}
			replaced := false
			for i, q := range all {
				if q.Name == r.Name && q.In == r.In {
					all[i], replaced = r, true
				}
			}
			if !replaced {
				all = append(all, r)
			}
		}
	}
	byName := map[string]*Param{}
	used := map[string]bool{"ctx": true}
	for _, p := range all {
		ploc := loc + " parameter " + p.Name
		t, ok := b.typeOf(p.Schema, ploc)
		if !ok {
			return false
		}
		scalarType := t.Kind != KindModel && t.Kind != KindMap && t.Kind != KindAny && t.Kind != KindTime
		if t.Kind == KindArray {
			scalarType = p.In == "query" && t.Elem.Kind != KindModel && t.Elem.Kind != KindMap && t.Elem.Kind != KindArray && t.Elem.Kind != KindAny && t.Elem.Kind != KindTime
		}
		if !scalarType {
			b.unsupported(ploc, "%s parameter of type %s", p.In, t.GoType())
			return false
		}
		if t.Kind == KindArray && p.Style != "" && p.Style != "form" {
			b.unsupported(ploc, "array parameter of style %q", p.Style)
			return false
		}
		if p.Style != "" && p.Style != "form" && p.Style != "simple" {
			b.unsupported(ploc, "parameter style %q", p.Style)
			return false
		}
		param := &Param{Name: p.Name, GoName: exported(p.Name), VarName: unexported(p.Name), Doc: oneLine(p.Description), In: p.In, Type: t, Required: p.Required || p.In == "path", Explode: p.Explode == nil || *p.Explode}
		if used[param.VarName] {
			b.errorf("%s: parameter name %s is used twice", ploc, param.VarName)
			return false
		}
		used[param.VarName] = true
		switch p.In {
		case "path":
			byName[p.Name] = param
			op.PathParams = append(op.PathParams, param)
		case "query":
			op.QueryParams = append(op.QueryParams, param)
		default:
			if p.Required {
				b.unsupported(ploc, "required %s parameter", p.In)
				return false
			}
			b.unsupported(ploc, "%s parameter (left out)", p.In)
		}
	}
	// Path template → literal parts and parameters, in order.
	rest := op.Path
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			op.PathParts = append(op.PathParts, PathPart{Literal: rest})
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			b.unsupported(loc, "unbalanced { in path")
			return false
		}
		if i > 0 {
			op.PathParts = append(op.PathParts, PathPart{Literal: rest[:i]})
		}
		name := rest[i+1 : i+j]
		p := byName[name]
		if p == nil {
			b.unsupported(loc, "path parameter {%s} is not declared", name)
			return false
		}
		op.PathParts = append(op.PathParts, PathPart{Param: p})
		rest = rest[i+j+1:]
	}
	if len(byName) != countParams(op.PathParts) {
		b.unsupported(loc, "a declared path parameter is not in the path")
		return false
	}
	return true
}

func countParams(parts []PathPart) int {
	n := 0
	for _, p := range parts {
		if p.Param != nil {
			n++
		}
	}
	return n
}

func (b *builder) body(op *Operation, loc string, rb *RequestBody) bool {
	if rb == nil {
		return true
	}
	if rb.Ref != "" {
		name, err := refName(rb.Ref, "requestBodies")
		r, ok := b.doc.Components.RequestBodies.Get(name)
		if err != nil || !ok || r == nil || r.Ref != "" {
			b.unsupported(loc, "request body $ref %s", rb.Ref)
			return false
		}
		rb = r
	}
	mt, ok := rb.Content.Get("application/json")
	if !ok || mt == nil {
		kinds := strings.Join(rb.Content.Keys, ", ")
		b.unsupported(loc, "request body of type %s", kinds)
		return false
	}
	t, ok := b.typeOf(mt.Schema, loc+" request body")
	if !ok {
		return false
	}
	if t.Kind == KindTime || t.Kind == KindAny {
		b.unsupported(loc, "JSON request body of type %s", t.GoType())
		return false
	}
	// A model body is named after its model (AllocationCloud(...)); any other is Body(...).
	name, varName := "Body", "requestBody"
	if t.Kind == KindModel {
		name, varName = t.Model.Name, unexported(t.Model.Name)
	}
	op.Body = &Body{Type: t, Required: rb.Required, MediaType: "application/json", Doc: oneLine(rb.Description), VarName: varName, Method: name}
	// A body named like a parameter (POST /backup/{backup}/restore with a Backup body) takes
	// the suffix "Body".
	for _, p := range append(append([]*Param(nil), op.PathParams...), op.QueryParams...) {
		if p.VarName == op.Body.VarName || p.GoName == op.Body.Method {
			op.Body.VarName += "Body"
			op.Body.Method += "Body"
			break
		}
	}
	for _, p := range append(append([]*Param(nil), op.PathParams...), op.QueryParams...) {
		if p.VarName == op.Body.VarName || p.GoName == op.Body.Method {
			b.errorf("%s: request body name %s is taken by a parameter", loc, op.Body.VarName)
			return false
		}
	}
	return true
}

func (b *builder) responses(op *Operation, loc string, spec *OperationSpec) bool {
	result := false
	accept := map[string]bool{}
	for _, status := range spec.Responses.Keys {
		r := spec.Responses.Values[status]
		if r != nil && r.Ref != "" {
			name, err := refName(r.Ref, "responses")
			rr, ok := b.doc.Components.Responses.Get(name)
			if err != nil || !ok || rr == nil || rr.Ref != "" {
				b.unsupported(loc, "response $ref %s", r.Ref)
				return false
			}
			r = rr
		}
		if r == nil {
			r = &ResponseSpec{}
		}
		resp := &Response{Status: status, Description: oneLine(r.Description), Success: strings.HasPrefix(status, "2")}
		for _, ct := range r.Content.Keys {
			if !accept[ct] {
				accept[ct] = true
				op.Accept = append(op.Accept, ct)
			}
		}
		if len(r.Content.Keys) > 0 {
			resp.MediaType = r.Content.Keys[0]
		}
		if !resp.Success {
			resp.Error = b.statusError(status)
			if resp.Error != nil {
				resp.Error.Operations = append(resp.Error.Operations, op)
			}
		} else if !result {
			result = true
			if !b.result(op, loc, status, r) {
				return false
			}
		}
		op.Responses = append(op.Responses, resp)
	}
	return true
}

func (b *builder) result(op *Operation, loc, status string, r *ResponseSpec) bool {
	if r.Content.Len() == 0 {
		op.Result = Result{Kind: ResultNone}
		return true
	}
	if mt, ok := r.Content.Get("application/json"); ok && mt != nil {
		t, ok := b.typeOf(mt.Schema, loc+" response "+status)
		if !ok {
			return false
		}
		switch t.Kind {
		case KindModel:
			op.Result = Result{Kind: ResultModel, Type: t, MediaType: "application/json"}
		case KindArray, KindMap:
			op.Result = Result{Kind: ResultList, Type: t, MediaType: "application/json"}
			b.results[t.Ident()] = t
		default:
			b.unsupported(loc, "JSON answer of type %s (only models, lists and maps)", t.GoType())
			return false
		}
		return true
	}
	for _, ct := range []string{"text/plain", "text/html"} {
		if mt, ok := r.Content.Get(ct); ok {
			if mt != nil && mt.Schema != nil && mt.Schema.Type != "string" && mt.Schema.Ref == "" {
				b.unsupported(loc, "%s answer of type %q", ct, mt.Schema.Type)
				return false
			}
			op.Result = Result{Kind: ResultText, MediaType: ct}
			return true
		}
	}
	b.unsupported(loc, "answer of type %s", strings.Join(r.Content.Keys, ", "))
	return false
}

func (b *builder) security(op *Operation, spec *OperationSpec) {
	reqs := b.doc.Security
	if spec.Security != nil {
		reqs = *spec.Security
	}
	if len(reqs) == 0 {
		op.NoAuth = true
		return
	}
	seen := map[string]bool{}
	for _, req := range reqs {
		if len(req) == 0 {
			op.AuthOptional = true
		}
		for _, k := range b.api.APIKeys {
			if _, ok := req[k.Name]; ok && !seen[k.Name] {
				seen[k.Name] = true
				op.AuthSchemes = append(op.AuthSchemes, k)
			}
		}
	}
}

// finish sorts what is printed and plans the decode slab.
func (b *builder) finish() {
	a := b.api
	sort.Slice(a.Models, func(i, j int) bool { return a.Models[i].Name < a.Models[j].Name })
	sort.Slice(a.Enums, func(i, j int) bool { return a.Enums[i].Name < a.Enums[j].Name })
	services := a.Services[:0]
	for _, s := range a.Services {
		if len(s.Operations) > 0 {
			services = append(services, s)
		}
	}
	a.Services = services
	sort.Slice(a.Services, func(i, j int) bool { return a.Services[i].Name < a.Services[j].Name })
	for _, s := range a.Services {
		sort.Slice(s.Operations, func(i, j int) bool { return s.Operations[i].Name < s.Operations[j].Name })
	}
	for _, t := range b.composites {
		a.Composites = append(a.Composites, t)
	}
	sort.Slice(a.Composites, func(i, j int) bool { return a.Composites[i].Ident() < a.Composites[j].Ident() })
	for _, t := range b.results {
		a.Results = append(a.Results, t)
	}
	sort.Slice(a.Results, func(i, j int) bool { return a.Results[i].Ident() < a.Results[j].Ident() })
	sort.Strings(a.Unsupported)
	a.Scalars = scalarsUsed(a)
	planSlab(a)
}

// maxSlabBytes bounds the decode slab (see planSlab).
const maxSlabBytes = 512

// slabRule is the rule planSlab follows, printed into the generated code.
const slabRule = `The slab has slots for the optional members (pointers) that decoding the answers of the
operations meets. For each model an operation returns, the generator walks its graph of
models breadth-first, each model once, and counts the optional members of every type (a
model, an enum, a string, a number, a time); a type gets as many slots as the largest count
of any returned model. Types are admitted in the order the walks meet them while the slab
stays within maxSlabBytes (512 bytes on 64-bit platforms); a type that does not fit gets no
slots. A value past its type's slots is allocated on its own.`

// planSlab decides the slots of the decode slab (see slabRule).
func planSlab(a *API) {
	a.SlabRule = slabRule
	counts := map[string]int{}
	types := map[string]*Type{}
	var order []string
	for _, op := range a.Operations() {
		if !op.Result.IsModel() {
			continue
		}
		local := map[string]int{}
		seen := map[*Model]bool{op.Result.Type.Model: true}
		queue := []*Model{op.Result.Type.Model}
		for len(queue) > 0 {
			m := queue[0]
			queue = queue[1:]
			for _, f := range m.Fields {
				if f.Storage == StorePointer {
					id := f.Type.Ident()
					if _, ok := types[id]; !ok {
						types[id] = f.Type
						order = append(order, id)
					}
					local[id]++
				}
				inner := f.Type
				for inner.IsContainer() {
					inner = inner.Elem
				}
				if inner.Kind == KindModel && !seen[inner.Model] {
					seen[inner.Model] = true
					queue = append(queue, inner.Model)
				}
			}
		}
		for id, n := range local {
			counts[id] = max(counts[id], n)
		}
	}
	total := 0
	admitted := map[string]*SlabEntry{}
	for _, id := range order {
		e := &SlabEntry{Type: types[id], Slots: counts[id], Field: "s" + id, Count: "n" + id, Func: "new" + id}
		if total+e.Bytes() > maxSlabBytes || e.Slots > 255 {
			continue
		}
		total += e.Bytes()
		admitted[id] = e
		a.Slab = append(a.Slab, e)
	}
	for _, m := range a.Models {
		for _, f := range m.Fields {
			if f.Storage == StorePointer {
				f.Slab = admitted[f.Type.Ident()]
			}
		}
	}
}

// oneLine joins the lines of a description with single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// scalarsUsed lists the scalar types of the members and of the elements of every list or map
// (a model's, a result's or a parameter's), and interface{} (unknown members) when there is a
// model, each once, sorted.
func scalarsUsed(a *API) []*Type {
	seen := map[string]*Type{}
	add := func(t *Type) {
		for t.IsContainer() {
			t = t.Elem
		}
		if t.Kind != KindModel && t.Kind != KindEnum {
			seen[t.Ident()] = t
		}
	}
	for _, m := range a.Models {
		add(&Type{Kind: KindAny})
		for _, f := range m.Fields {
			add(f.Type)
		}
	}
	for _, t := range a.Composites { // also those of results and parameters only
		add(t)
	}
	var out []*Type
	for _, t := range seen {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ident() < out[j].Ident() })
	return out
}
