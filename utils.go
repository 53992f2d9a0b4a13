package piecesos

import (
	"encoding/json"
	"reflect"
	"time"
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

// Nullable is a value of type T that can also be explicitly null or unset: the generator's
// NullableBool, NullableInt, ..., NullableTime are Nullable of their type. A model's member
// that the API description marks nullable has such a type: unset members are left out when
// encoding, set ones are written, as null when their value is nil.
type Nullable[T any] struct {
	value *T
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v Nullable[T]) Get() *T {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *Nullable[T]) Set(val *T) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v Nullable[T]) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *Nullable[T]) Unset() {
	v.value = nil
	v.isSet = false
}

// MarshalJSON writes the value as encoding/json does (a time as RFC 3339), or null.
func (v Nullable[T]) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

// UnmarshalJSON reads a value or null and marks the value set.
func (v *Nullable[T]) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}

// NullableBool is a bool that can also be explicitly null or unset.
type NullableBool = Nullable[bool]

// NewNullableBool returns a set NullableBool holding val.
func NewNullableBool(val *bool) *NullableBool { return &NullableBool{value: val, isSet: true} }

// NullableInt is an int that can also be explicitly null or unset.
type NullableInt = Nullable[int]

// NewNullableInt returns a set NullableInt holding val.
func NewNullableInt(val *int) *NullableInt { return &NullableInt{value: val, isSet: true} }

// NullableInt32 is an int32 that can also be explicitly null or unset.
type NullableInt32 = Nullable[int32]

// NewNullableInt32 returns a set NullableInt32 holding val.
func NewNullableInt32(val *int32) *NullableInt32 { return &NullableInt32{value: val, isSet: true} }

// NullableInt64 is an int64 that can also be explicitly null or unset.
type NullableInt64 = Nullable[int64]

// NewNullableInt64 returns a set NullableInt64 holding val.
func NewNullableInt64(val *int64) *NullableInt64 { return &NullableInt64{value: val, isSet: true} }

// NullableFloat32 is a float32 that can also be explicitly null or unset.
type NullableFloat32 = Nullable[float32]

// NewNullableFloat32 returns a set NullableFloat32 holding val.
func NewNullableFloat32(val *float32) *NullableFloat32 {
	return &NullableFloat32{value: val, isSet: true}
}

// NullableFloat64 is a float64 that can also be explicitly null or unset.
type NullableFloat64 = Nullable[float64]

// NewNullableFloat64 returns a set NullableFloat64 holding val.
func NewNullableFloat64(val *float64) *NullableFloat64 {
	return &NullableFloat64{value: val, isSet: true}
}

// NullableString is a string that can also be explicitly null or unset.
type NullableString = Nullable[string]

// NewNullableString returns a set NullableString holding val.
func NewNullableString(val *string) *NullableString { return &NullableString{value: val, isSet: true} }

// NullableTime is a time.Time that can also be explicitly null or unset; it is written as
// RFC 3339 (and, unlike the generator's version, a nil value does not panic).
type NullableTime = Nullable[time.Time]

// NewNullableTime returns a set NullableTime holding val.
func NewNullableTime(val *time.Time) *NullableTime { return &NullableTime{value: val, isSet: true} }

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
