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
