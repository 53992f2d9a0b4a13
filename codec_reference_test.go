package piecesos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// This file is the reference the codec is checked against: the SDK's decoding rules
// (DESIGN.md "Decoding rules") implemented with nothing but encoding/json — json.Valid for the
// syntax and depth limit, json.Decoder tokens for the members of each object in order (so
// duplicates are seen, last wins), json.Unmarshal into plain Go values (string, int32,
// time.Time) for each known member value, and a json.Decoder with UseNumber for the values of
// unknown members (numbers as json.Number, their literal text). It shares no code with the
// codec.

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

var errRefMissing = errors.New("required property missing")

func (e *refError) Unwrap() error { return e.Err }

func refJoin(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func refIsNull(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }

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

type refField struct {
	key      string
	required bool
	decode   func(raw []byte, path string) error // raw is not null
	clear    func()                              // the member was null
}

func refUnmarshal(raw []byte, path string, v interface{}) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return &refError{Path: path, Err: err}
	}
	return nil
}

// refObject applies the rules to one object: known members through their field, null for
// optional → cleared, null for required → as if absent, unknown → ap, then the required check.
func refObject(raw []byte, path string, fields []refField, ap *map[string]interface{}) error {
	ms, err := refMembers(raw, path)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, m := range ms {
		var f *refField
		for i := range fields {
			if fields[i].key == m.key {
				f = &fields[i]
			}
		}
		p := refJoin(path, m.key)
		if f == nil {
			v, err := refUnknown(m.raw, p)
			if err != nil {
				return err
			}
			if *ap == nil {
				*ap = map[string]interface{}{}
			}
			(*ap)[m.key] = v
			continue
		}
		if refIsNull(m.raw) {
			f.clear()
			delete(seen, f.key)
			continue
		}
		if err := f.decode(m.raw, p); err != nil {
			return err
		}
		seen[f.key] = true
	}
	for _, f := range fields {
		if f.required && !seen[f.key] {
			return &refError{Path: refJoin(path, f.key), Err: errRefMissing}
		}
	}
	return nil
}

// refUnknown decodes the value of an unknown member as encoding/json does into an interface{}
// with Decoder.UseNumber. raw is exactly one valid value (from refMembers).
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

func refString(dst *string) func([]byte, string) error {
	return func(raw []byte, path string) error { return refUnmarshal(raw, path, dst) }
}

func refOptString(dst **string) func([]byte, string) error {
	return func(raw []byte, path string) error {
		var s string
		if err := refUnmarshal(raw, path, &s); err != nil {
			return err
		}
		*dst = &s
		return nil
	}
}

func refStatusEnum(dst *AllocationStatusEnum) func([]byte, string) error {
	return func(raw []byte, path string) error {
		var s string
		err := refUnmarshal(raw, path, &s)
		*dst = AllocationStatusEnum(s)
		return err
	}
}

func refSchema(raw []byte, path string, o *EmbeddedModelSchema) error {
	*o = EmbeddedModelSchema{}
	return refObject(raw, path, []refField{
		{"migration", true, func(r []byte, p string) error { return refUnmarshal(r, p, &o.Migration) }, func() { o.Migration = 0 }},
		{"semantic", true, func(r []byte, p string) error {
			var s string
			err := refUnmarshal(r, p, &s)
			o.Semantic = EmbeddedModelSchemaSemanticVersionEnum(s)
			return err
		}, func() { o.Semantic = "" }},
	}, &o.AdditionalProperties)
}

func refOptSchema(dst **EmbeddedModelSchema) refField {
	return refField{"schema", false, func(r []byte, p string) error {
		v := new(EmbeddedModelSchema)
		if err := refSchema(r, p, v); err != nil {
			return err
		}
		*dst = v
		return nil
	}, func() { *dst = nil }}
}

func refURL(raw []byte, path string, o *AllocationCloudUrl) error {
	*o = AllocationCloudUrl{}
	return refObject(raw, path, []refField{
		refOptSchema(&o.Schema),
		{"status", true, refStatusEnum(&o.Status), func() { o.Status = "" }},
		{"url", true, refString(&o.Url), func() { o.Url = "" }},
	}, &o.AdditionalProperties)
}

func refURLs(raw []byte, path string, o *AllocationCloudUrls) error {
	*o = AllocationCloudUrls{}
	return refObject(raw, path, []refField{
		refOptSchema(&o.Schema),
		{"base", true, func(r []byte, p string) error { return refURL(r, p, &o.Base) }, func() { o.Base = AllocationCloudUrl{} }},
		{"id", true, func(r []byte, p string) error { return refURL(r, p, &o.Id) }, func() { o.Id = AllocationCloudUrl{} }},
		{"vanity", false, func(r []byte, p string) error {
			v := new(AllocationCloudUrl)
			if err := refURL(r, p, v); err != nil {
				return err
			}
			o.Vanity = v
			return nil
		}, func() { o.Vanity = nil }},
	}, &o.AdditionalProperties)
}

func refStatus(raw []byte, path string, o *AllocationCloudStatus) error {
	*o = AllocationCloudStatus{}
	return refObject(raw, path, []refField{
		refOptSchema(&o.Schema),
		{"cloud", true, refStatusEnum(&o.Cloud), func() { o.Cloud = "" }},
	}, &o.AdditionalProperties)
}

func refStamp(raw []byte, path string, o *GroupedTimestamp) error {
	*o = GroupedTimestamp{}
	return refObject(raw, path, []refField{
		refOptSchema(&o.Schema),
		{"value", true, func(r []byte, p string) error {
			if err := refUnmarshal(r, p, &o.Value); err != nil {
				return err
			}
			// The rule beyond encoding/json: only instants that can be encoded again.
			if _, err := json.Marshal(o.Value); err != nil {
				return &refError{Path: p, Err: err}
			}
			return nil
		}, func() { o.Value = time.Time{} }},
		{"readable", false, refOptString(&o.Readable), func() { o.Readable = nil }},
	}, &o.AdditionalProperties)
}

func refCloud(raw []byte, path string, o *AllocationCloud) error {
	*o = AllocationCloud{}
	return refObject(raw, path, []refField{
		refOptSchema(&o.Schema),
		{"id", true, refString(&o.Id), func() { o.Id = "" }},
		{"user", true, refString(&o.User), func() { o.User = "" }},
		{"urls", true, func(r []byte, p string) error { return refURLs(r, p, &o.Urls) }, func() { o.Urls = AllocationCloudUrls{} }},
		{"status", true, func(r []byte, p string) error { return refStatus(r, p, &o.Status) }, func() { o.Status = AllocationCloudStatus{} }},
		{"project", true, refString(&o.Project), func() { o.Project = "" }},
		{"updated", false, func(r []byte, p string) error {
			v := new(GroupedTimestamp)
			if err := refStamp(r, p, v); err != nil {
				return err
			}
			o.Updated = v
			return nil
		}, func() { o.Updated = nil }},
		{"version", false, refOptString(&o.Version), func() { o.Version = nil }},
		{"region", false, refOptString(&o.Region), func() { o.Region = nil }},
	}, &o.AdditionalProperties)
}

// refDecode decodes an AllocationCloud document by the SDK's rules using encoding/json only.
func refDecode(data []byte) (*AllocationCloud, error) {
	if !json.Valid(data) {
		var v interface{}
		err := json.Unmarshal(data, &v)
		if err == nil {
			err = errors.New("json.Valid reported invalid JSON")
		}
		return nil, &refError{Syntax: true, Err: err}
	}
	var o AllocationCloud
	if err := refCloud(data, "", &o); err != nil {
		return nil, err
	}
	return &o, nil
}

// compareWithReference decodes data with the codec and with the reference and reports any
// difference: verdict, error kind and path, or decoded value.
func compareWithReference(data []byte) error {
	var got AllocationCloud
	gotErr := got.UnmarshalJSON(data)
	want, wantErr := refDecode(data)
	switch {
	case gotErr == nil && wantErr == nil:
		if !modelsEqual(&got, want) {
			a, _ := refCanonical(&got)
			b, _ := refCanonical(want)
			return fmt.Errorf("values differ:\n codec:     %s reference: %s", a, b)
		}
		return nil
	case gotErr != nil && wantErr != nil:
		var de *DecodeError
		if !errors.As(gotErr, &de) {
			return fmt.Errorf("codec error is %T, not *DecodeError: %v", gotErr, gotErr)
		}
		var re *refError
		errors.As(wantErr, &re)
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

// modelsEqual compares two decoded models: instants with time.Equal (and the same zone
// offset), everything else exactly.
func modelsEqual(a, b *AllocationCloud) bool {
	ja, errA := refCanonical(a)
	jb, errB := refCanonical(b)
	return errA == nil && errB == nil && ja == jb
}

// refCanonical renders a model through encoding/json's reflection (not the codec) as a
// canonical string, with times rendered with their offset.
func refCanonical(m *AllocationCloud) (string, error) {
	type plainSchema struct {
		Migration int32
		Semantic  string
		AP        map[string]interface{}
	}
	conv := func(s *EmbeddedModelSchema) *plainSchema {
		if s == nil {
			return nil
		}
		return &plainSchema{s.Migration, string(s.Semantic), s.AdditionalProperties}
	}
	type plainURL struct {
		Schema      *plainSchema
		Status, URL string
		AP          map[string]interface{}
	}
	convURL := func(u *AllocationCloudUrl) *plainURL {
		if u == nil {
			return nil
		}
		return &plainURL{conv(u.Schema), string(u.Status), u.Url, u.AdditionalProperties}
	}
	type plainStamp struct {
		Schema   *plainSchema
		Value    string
		Readable *string
		AP       map[string]interface{}
	}
	var stamp *plainStamp
	if u := m.Updated; u != nil {
		_, off := u.Value.Zone()
		stamp = &plainStamp{conv(u.Schema), u.Value.UTC().Format(time.RFC3339Nano) + fmt.Sprintf("@%d", off), u.Readable, u.AdditionalProperties}
	}
	v := map[string]interface{}{
		"schema":  conv(m.Schema),
		"id":      m.Id,
		"user":    m.User,
		"project": m.Project,
		"urls": map[string]interface{}{
			"schema": conv(m.Urls.Schema), "base": convURL(&m.Urls.Base), "id": convURL(&m.Urls.Id),
			"vanity": convURL(m.Urls.Vanity), "ap": m.Urls.AdditionalProperties,
		},
		"status": map[string]interface{}{
			"schema": conv(m.Status.Schema), "cloud": string(m.Status.Cloud), "ap": m.Status.AdditionalProperties,
		},
		"updated": stamp,
		"version": m.Version,
		"region":  m.Region,
		"ap":      m.AdditionalProperties,
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.String(), err
}
