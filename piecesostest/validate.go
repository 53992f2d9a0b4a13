package piecesostest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/apischema"
)

// The fake validates allocations on its own, with encoding/json and the schema generated from
// api/openapi.yaml into internal/apischema, and not with the SDK's decoder: a bug in the SDK's
// codec then shows up as a contract violation or a failed test instead of being agreed with.

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
		return nil, fmt.Errorf("invalid AllocationCloud: want a JSON object, got %s", apischema.TypeOf(v))
	}
	if err := apischema.Check(obj, "AllocationCloud"); err != nil {
		return nil, fmt.Errorf("invalid AllocationCloud: %w", err)
	}
	return obj, nil
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
