package piecesos

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sync"
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// PtrBool is a helper routine that returns a pointer to given boolean value.
func PtrBool(v bool) *bool { return &v }

// PtrInt is a helper routine that returns a pointer to given integer value.
func PtrInt(v int) *int { return &v }

// PtrInt32 is a helper routine that returns a pointer to given integer value.
func PtrInt32(v int32) *int32 { return &v }

// PtrInt64 is a helper routine that returns a pointer to given integer value.
func PtrInt64(v int64) *int64 { return &v }

// PtrFloat32 is a helper routine that returns a pointer to given float value.
func PtrFloat32(v float32) *float32 { return &v }

// PtrFloat64 is a helper routine that returns a pointer to given float value.
func PtrFloat64(v float64) *float64 { return &v }

// PtrString is a helper routine that returns a pointer to given string value.
func PtrString(v string) *string { return &v }

// PtrTime is helper routine that returns a pointer to given Time value.
func PtrTime(v time.Time) *time.Time { return &v }

// NullableBool is a bool that can also be explicitly null or unset.
type NullableBool struct {
	value *bool
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableBool) Get() *bool {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableBool) Set(val *bool) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableBool) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableBool) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableBool returns a set NullableBool holding val.
func NewNullableBool(val *bool) *NullableBool {
	return &NullableBool{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableBool) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

// UnmarshalJSON reads a value or null and marks the value set.
func (v *NullableBool) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}

// NullableInt is an int that can also be explicitly null or unset.
type NullableInt struct {
	value *int
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableInt) Get() *int {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableInt) Set(val *int) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableInt) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableInt) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableInt returns a set NullableInt holding val.
func NewNullableInt(val *int) *NullableInt {
	return &NullableInt{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableInt) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

// UnmarshalJSON reads a value or null and marks the value set.
func (v *NullableInt) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}

// NullableInt32 is an int32 that can also be explicitly null or unset.
type NullableInt32 struct {
	value *int32
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableInt32) Get() *int32 {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableInt32) Set(val *int32) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableInt32) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableInt32) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableInt32 returns a set NullableInt32 holding val.
func NewNullableInt32(val *int32) *NullableInt32 {
	return &NullableInt32{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableInt32) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

// UnmarshalJSON reads a value or null and marks the value set.
func (v *NullableInt32) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}

// NullableInt64 is an int64 that can also be explicitly null or unset.
type NullableInt64 struct {
	value *int64
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableInt64) Get() *int64 {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableInt64) Set(val *int64) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableInt64) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableInt64) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableInt64 returns a set NullableInt64 holding val.
func NewNullableInt64(val *int64) *NullableInt64 {
	return &NullableInt64{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableInt64) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

// UnmarshalJSON reads a value or null and marks the value set.
func (v *NullableInt64) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}

// NullableFloat32 is a float32 that can also be explicitly null or unset.
type NullableFloat32 struct {
	value *float32
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableFloat32) Get() *float32 {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableFloat32) Set(val *float32) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableFloat32) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableFloat32) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableFloat32 returns a set NullableFloat32 holding val.
func NewNullableFloat32(val *float32) *NullableFloat32 {
	return &NullableFloat32{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableFloat32) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

// UnmarshalJSON reads a value or null and marks the value set.
func (v *NullableFloat32) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}

// NullableFloat64 is a float64 that can also be explicitly null or unset.
type NullableFloat64 struct {
	value *float64
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableFloat64) Get() *float64 {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableFloat64) Set(val *float64) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableFloat64) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableFloat64) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableFloat64 returns a set NullableFloat64 holding val.
func NewNullableFloat64(val *float64) *NullableFloat64 {
	return &NullableFloat64{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableFloat64) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

// UnmarshalJSON reads a value or null and marks the value set.
func (v *NullableFloat64) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}

// NullableString is a string that can also be explicitly null or unset.
type NullableString struct {
	value *string
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableString) Get() *string {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableString) Set(val *string) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableString) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableString) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableString returns a set NullableString holding val.
func NewNullableString(val *string) *NullableString {
	return &NullableString{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableString) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

// UnmarshalJSON reads a value or null and marks the value set.
func (v *NullableString) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}

// NullableTime is a time.Time that can also be explicitly null or unset.
type NullableTime struct {
	value *time.Time
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableTime) Get() *time.Time {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableTime) Set(val *time.Time) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableTime) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableTime) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableTime returns a set NullableTime holding val.
func NewNullableTime(val *time.Time) *NullableTime {
	return &NullableTime{value: val, isSet: true}
}

// MarshalJSON writes the value as RFC 3339, or null. (Unlike the generator's version it does
// not panic on a nil value.)
func (v NullableTime) MarshalJSON() ([]byte, error) {
	if v.value == nil {
		return []byte("null"), nil
	}
	return v.value.MarshalJSON()
}

// UnmarshalJSON reads an RFC 3339 string or null and marks the value set.
func (v *NullableTime) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}

// IsNil checks if an input is nil: a nil interface, or a nil pointer, map, slice, channel,
// function or interface inside one.
func IsNil(i interface{}) bool {
	if i == nil {
		return true
	}
	switch reflect.TypeOf(i).Kind() {
	case reflect.Chan, reflect.Func, reflect.Map, reflect.Ptr, reflect.UnsafePointer, reflect.Interface, reflect.Slice:
		return reflect.ValueOf(i).IsNil()
	case reflect.Array:
		return reflect.ValueOf(i).IsZero()
	}
	return false
}

// MappedNullable is implemented by the models: ToMap returns the JSON object a model encodes
// to, as a map from JSON keys to Go values.
type MappedNullable interface {
	ToMap() (map[string]interface{}, error)
}

// ---- codec glue shared by the model_*.go files ----

// jpath is a JSON path kept on the stack while decoding: each nested model adds one element.
// It is turned into a string only when an error is reported.
type jpath struct {
	up   *jpath
	name string
}

// joinPath returns the dot-separated path of p followed by name (name may be empty). It
// copies bytes rather than keeping the strings, so that p does not escape: the jpath chain
// of a decode stays on the stack.
func joinPath(p *jpath, name string) string {
	n := len(name)
	for q := p; q != nil; q = q.up {
		if n > 0 {
			n++
		}
		n += len(q.name)
	}
	b := make([]byte, n)
	i := n - len(name)
	copy(b[i:], name)
	for q := p; q != nil; q = q.up {
		if i < n {
			i--
			b[i] = '.'
		}
		i -= len(q.name)
		copy(b[i:], q.name)
	}
	return string(b)
}

// decodeState is the per-call state of a model decode: the reader and a lazily allocated
// slab that holds the optional sub-values of the whole model tree in one allocation.
type decodeState struct {
	jsonwire.Decoder
	slab *decodeSlab
}

// decodeSlab has room for the optional pointers a typical AllocationCloud has (the top-level
// schema, three optional strings, the vanity url, the updated timestamp). Values past its room
// (schemas of nested objects, duplicate keys) are allocated one by one.
type decodeSlab struct {
	schemas [1]EmbeddedModelSchema
	strs    [3]string
	url     AllocationCloudUrl
	stamp   GroupedTimestamp
	nSchema uint8
	nStr    uint8
	urlUsed bool
	stamped bool
}

func (s *decodeState) getSlab() *decodeSlab {
	if s.slab == nil {
		s.slab = new(decodeSlab)
	}
	return s.slab
}

func (s *decodeState) newSchema() *EmbeddedModelSchema {
	sl := s.getSlab()
	if int(sl.nSchema) < len(sl.schemas) {
		sl.nSchema++
		return &sl.schemas[sl.nSchema-1]
	}
	return new(EmbeddedModelSchema)
}

func (s *decodeState) newString() *string {
	sl := s.getSlab()
	if int(sl.nStr) < len(sl.strs) {
		sl.nStr++
		return &sl.strs[sl.nStr-1]
	}
	return new(string)
}

func (s *decodeState) newURL() *AllocationCloudUrl {
	sl := s.getSlab()
	if !sl.urlUsed {
		sl.urlUsed = true
		return &sl.url
	}
	return new(AllocationCloudUrl)
}

func (s *decodeState) newStamp() *GroupedTimestamp {
	sl := s.getSlab()
	if !sl.stamped {
		sl.stamped = true
		return &sl.stamp
	}
	return new(GroupedTimestamp)
}

// Go types named in type errors.
var (
	typeString    = reflect.TypeOf("")
	typeInt32     = reflect.TypeOf(int32(0))
	typeTime      = reflect.TypeOf(time.Time{})
	typeInterface = reflect.TypeOf((*interface{})(nil)).Elem()

	typeAllocationCloud                        = reflect.TypeOf(AllocationCloud{})
	typeAllocationCloudStatus                  = reflect.TypeOf(AllocationCloudStatus{})
	typeAllocationCloudUrls                    = reflect.TypeOf(AllocationCloudUrls{})
	typeAllocationCloudUrl                     = reflect.TypeOf(AllocationCloudUrl{})
	typeAllocationStatusEnum                   = reflect.TypeOf(AllocationStatusEnum(""))
	typeEmbeddedModelSchema                    = reflect.TypeOf(EmbeddedModelSchema{})
	typeEmbeddedModelSchemaSemanticVersionEnum = reflect.TypeOf(EmbeddedModelSchemaSemanticVersionEnum(""))
	typeGroupedTimestamp                       = reflect.TypeOf(GroupedTimestamp{})
)

// fieldError wraps err, met while decoding the value at path p.name, into a *DecodeError.
// goType is the Go type the value was decoded into.
func fieldError(p *jpath, name string, err error, goType reflect.Type, offset int64) error {
	var de *DecodeError
	if errors.As(err, &de) {
		return err
	}
	path := joinPath(p, name)
	switch e := err.(type) {
	case *jsonwire.SyntaxError:
		offset = e.Offset
	case *jsonwire.TypeError:
		offset = e.Offset
		err = &json.UnmarshalTypeError{Value: e.Value, Type: goType, Offset: e.Offset, Field: path}
	}
	return &DecodeError{Path: path, Offset: offset, Err: err}
}

// requiredError reports the required property p.name as missing or null.
func requiredError(p *jpath, name string, offset int64) error {
	return &DecodeError{Path: joinPath(p, name), Offset: offset, Err: ErrRequiredPropertyMissing}
}

// finishDecodeError completes an error of a decode started at the top of model.
func finishDecodeError(err error, model string) error {
	de, ok := err.(*DecodeError)
	if !ok {
		// Invalid JSON found at the top level, after the value (Finish).
		de = &DecodeError{Err: err}
		if se, ok := err.(*jsonwire.SyntaxError); ok {
			de.Offset = se.Offset
		}
	}
	de.Model = model
	var te *json.UnmarshalTypeError
	if errors.As(de.Err, &te) && te.Struct == "" && te.Field != "" {
		te.Struct = model
	}
	return de
}

// fail completes the error of a decode of model that started at the top of the input.
func (s *decodeState) fail(err error, model string) error {
	var se *jsonwire.SyntaxError
	if !errors.As(err, &se) {
		// Like encoding/json, report invalid JSON before a wrong type or a missing
		// property: the first problem of a truncated body is that it is truncated.
		if verr := jsonwire.Validate(s.Input()); verr != nil {
			err = fieldError(nil, "", verr, nil, 0)
		}
	}
	return finishDecodeError(err, model)
}

// isJSONNull reports whether src is the JSON literal null, white space around it allowed.
func isJSONNull(src []byte) bool {
	return string(bytes.TrimSpace(src)) == "null"
}

// marshalBufSize is the size of the buffer on the stack that MarshalJSON encodes a model without
// AdditionalProperties into, before it returns an exact-size copy (the facts' sample takes 570
// bytes). A larger encoding still works: append moves it to the heap.
const marshalBufSize = 1024

// exactCopy returns a copy of b in an allocation of exactly its size (make + copy: the memory is
// not cleared first), or the error.
func exactCopy(b []byte, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(b))
	copy(out, b)
	return out, nil
}

// scratchPool recycles the buffers MarshalJSON encodes a model with AdditionalProperties
// into (they may be large) before copying out the result.
var scratchPool = sync.Pool{New: func() interface{} {
	b := make([]byte, 0, 1024)
	return &b
}}

// maxPooledScratch is the largest buffer put back in scratchPool.
const maxPooledScratch = 64 << 10

// marshalWith encodes through appendJSON into a pooled buffer and returns an exact-size copy.
func marshalWith(appendJSON func([]byte) ([]byte, error)) ([]byte, error) {
	bp := scratchPool.Get().(*[]byte)
	b, err := appendJSON((*bp)[:0])
	var out []byte
	if err == nil {
		out = make([]byte, len(b))
		copy(out, b)
	}
	if cap(b) <= maxPooledScratch {
		*bp = b[:0]
		scratchPool.Put(bp)
	}
	return out, err
}

// appendAdditional writes the additional properties of a model after its known members, in
// sorted key order, each preceded by a comma. Keys the model knows are skipped: the field wins.
func appendAdditional(dst []byte, ap map[string]interface{}, known func(string) bool) ([]byte, error) {
	if len(ap) == 0 {
		return dst, nil
	}
	var err error
	for _, k := range jsonwire.SortedKeys(ap) {
		if known(k) {
			continue
		}
		dst = append(dst, ',')
		dst = jsonwire.AppendString(dst, k)
		dst = append(dst, ':')
		if dst, err = jsonwire.AppendValue(dst, ap[k]); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// copyAdditional adds the additional properties of a model to its ToMap result, skipping the
// keys the model knows.
func copyAdditional(m map[string]interface{}, ap map[string]interface{}, known func(string) bool) {
	for k, v := range ap {
		if !known(k) {
			m[k] = v
		}
	}
}
