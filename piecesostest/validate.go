package piecesostest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"time"
)

// The fake validates allocations on its own, with encoding/json and the schema below, and not
// with the SDK's decoder: a bug in the SDK's codec then shows up as a contract violation or a
// failed test instead of being agreed with.

type valueKind int

const (
	kindString valueKind = iota + 1
	kindInt32
	kindEnum // an open string enum: any string is accepted, so newer values round-trip
	kindDateTime
	kindObject
)

type field struct {
	name     string
	required bool
	kind     valueKind
	object   []field // for kindObject
}

var (
	schemaFields = []field{
		{name: "migration", required: true, kind: kindInt32},
		{name: "semantic", required: true, kind: kindEnum},
	}
	schemaField   = field{name: "schema", kind: kindObject, object: schemaFields}
	urlFields     = []field{schemaField, {name: "status", required: true, kind: kindEnum}, {name: "url", required: true, kind: kindString}}
	allocationDef = []field{
		schemaField,
		{name: "id", required: true, kind: kindString},
		{name: "user", required: true, kind: kindString},
		{name: "urls", required: true, kind: kindObject, object: []field{
			schemaField,
			{name: "base", required: true, kind: kindObject, object: urlFields},
			{name: "id", required: true, kind: kindObject, object: urlFields},
			{name: "vanity", kind: kindObject, object: urlFields},
		}},
		{name: "status", required: true, kind: kindObject, object: []field{
			schemaField,
			{name: "cloud", required: true, kind: kindEnum},
		}},
		{name: "project", required: true, kind: kindString},
		{name: "updated", kind: kindObject, object: []field{
			schemaField,
			{name: "value", required: true, kind: kindDateTime},
			{name: "readable", kind: kindString},
		}},
		{name: "version", kind: kindString},
		{name: "region", kind: kindString},
	}
)

// rfc3339 is the date-time production of RFC 3339, section 5.6. time.Parse alone is more
// lenient (it takes a comma before the fraction).
var rfc3339 = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$`)

// errMissingBody is the problem of an update without a body.
var errMissingBody = errors.New("missing request body: want an AllocationCloud as JSON")

// parseAllocation decodes data as an AllocationCloud and checks it against the schema. The
// result keeps every key, known or not; numbers stay json.Number so they re-encode unchanged.
func parseAllocation(data []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errMissingBody
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("invalid JSON: data after the top-level value")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("invalid AllocationCloud: want a JSON object, got %s", jsonType(v))
	}
	if err := checkObject(obj, allocationDef, ""); err != nil {
		return nil, fmt.Errorf("invalid AllocationCloud: %w", err)
	}
	return obj, nil
}

func checkObject(obj map[string]any, fields []field, prefix string) error {
	for _, f := range fields {
		path := f.name
		if prefix != "" {
			path = prefix + "." + f.name
		}
		v, present := obj[f.name]
		if !present || v == nil {
			if f.required {
				if present {
					return fmt.Errorf("%s: required property is null", path)
				}
				return fmt.Errorf("%s: required property missing", path)
			}
			continue
		}
		if err := checkValue(v, f, path); err != nil {
			return err
		}
	}
	return nil
}

func checkValue(v any, f field, path string) error {
	switch f.kind {
	case kindString, kindEnum:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s: want a string, got %s", path, jsonType(v))
		}
	case kindDateTime:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: want a date-time string, got %s", path, jsonType(v))
		}
		if !rfc3339.MatchString(s) {
			return fmt.Errorf("%s: want an RFC 3339 date-time, got %q", path, s)
		}
		// RFC 3339 allows a lower-case t and z; time.Parse does not.
		if _, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s)); err != nil {
			return fmt.Errorf("%s: want an RFC 3339 date-time, got %q", path, s)
		}
	case kindInt32:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want an integer, got %s", path, jsonType(v))
		}
		i, err := n.Int64()
		if err != nil || i < math.MinInt32 || i > math.MaxInt32 {
			return fmt.Errorf("%s: want a 32-bit integer, got %s", path, n)
		}
	case kindObject:
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", path, jsonType(v))
		}
		return checkObject(m, f.object, path)
	}
	return nil
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number, float64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// encodeAllocation encodes a parsed allocation. Keys come out sorted; numbers unchanged; no
// HTML escaping, so strings come back as they were sent.
func encodeAllocation(obj map[string]any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		// Cannot happen: obj came from encoding/json and holds only JSON values.
		panic("piecesostest: encode allocation: " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// allocationID returns the id of a parsed (valid) allocation.
func allocationID(obj map[string]any) string {
	id, _ := obj["id"].(string)
	return id
}

// stamp sets updated.value of obj to now (RFC 3339, UTC) and updated.readable to "just now",
// keeping any other key of updated.
func stamp(obj map[string]any, now time.Time) {
	u, ok := obj["updated"].(map[string]any)
	if !ok {
		u = map[string]any{}
		obj["updated"] = u
	}
	u["value"] = now.UTC().Format(time.RFC3339Nano)
	u["readable"] = "just now"
}

// trimProblem keeps problem messages to one short line.
func trimProblem(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
