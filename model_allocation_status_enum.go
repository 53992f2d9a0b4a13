package piecesos

import (
	"fmt"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// AllocationStatusEnum is the state of a cloud or of one of its URLs. Values added by a newer Pieces OS decode as they are; IsValid reports them.
//
// the model 'AllocationStatusEnum'
type AllocationStatusEnum string

// List of AllocationStatusEnum
const (
	// ALLOCATIONSTATUSENUM_UNKNOWN is the value "UNKNOWN".
	ALLOCATIONSTATUSENUM_UNKNOWN AllocationStatusEnum = "UNKNOWN"
	// ALLOCATIONSTATUSENUM_PENDING is the value "PENDING".
	ALLOCATIONSTATUSENUM_PENDING AllocationStatusEnum = "PENDING"
	// ALLOCATIONSTATUSENUM_RUNNING is the value "RUNNING".
	ALLOCATIONSTATUSENUM_RUNNING AllocationStatusEnum = "RUNNING"
	// ALLOCATIONSTATUSENUM_FAILED is the value "FAILED".
	ALLOCATIONSTATUSENUM_FAILED AllocationStatusEnum = "FAILED"
	// ALLOCATIONSTATUSENUM_SUCCEEDED is the value "SUCCEEDED".
	ALLOCATIONSTATUSENUM_SUCCEEDED AllocationStatusEnum = "SUCCEEDED"
	// ALLOCATIONSTATUSENUM_DISCONNECTED is the value "DISCONNECTED".
	ALLOCATIONSTATUSENUM_DISCONNECTED AllocationStatusEnum = "DISCONNECTED"
)

// AllowedAllocationStatusEnumEnumValues lists all allowed values of the AllocationStatusEnum enum.
var AllowedAllocationStatusEnumEnumValues = []AllocationStatusEnum{
	"UNKNOWN",
	"PENDING",
	"RUNNING",
	"FAILED",
	"SUCCEEDED",
	"DISCONNECTED",
}

// UnmarshalJSON reads a JSON string. Unlike the generator's version it keeps values this SDK
// does not know (a newer Pieces OS may send them): IsValid reports them. A null leaves v as it is.
func (v *AllocationStatusEnum) UnmarshalJSON(src []byte) error {
	var s decodeState
	s.Reset(src)
	var x AllocationStatusEnum
	null, err := s.ReadNull()
	if err == nil && !null {
		x, err = readAllocationStatusEnum(&s)
	}
	if err == nil {
		err = s.Finish()
	}
	if err != nil {
		return s.fail(fieldError(nil, "", err, typeAllocationStatusEnum, s.Offset()), "AllocationStatusEnum")
	}
	if !null {
		*v = x
	}
	return nil
}

// readAllocationStatusEnum reads a string value; a known value is returned as its constant, without
// allocating.
func readAllocationStatusEnum(s *decodeState) (AllocationStatusEnum, error) {
	raw, esc, err := s.ReadStringRaw()
	if err != nil {
		return "", err
	}
	if !esc {
		switch string(raw) {
		case "UNKNOWN":
			return ALLOCATIONSTATUSENUM_UNKNOWN, nil
		case "PENDING":
			return ALLOCATIONSTATUSENUM_PENDING, nil
		case "RUNNING":
			return ALLOCATIONSTATUSENUM_RUNNING, nil
		case "FAILED":
			return ALLOCATIONSTATUSENUM_FAILED, nil
		case "SUCCEEDED":
			return ALLOCATIONSTATUSENUM_SUCCEEDED, nil
		case "DISCONNECTED":
			return ALLOCATIONSTATUSENUM_DISCONNECTED, nil
		}
	}
	return AllocationStatusEnum(s.String(raw, esc)), nil
}

// appendAllocationStatusEnum appends v as a JSON string; the known values are written without escaping
// work.
func appendAllocationStatusEnum(dst []byte, v AllocationStatusEnum) []byte {
	switch v {
	case ALLOCATIONSTATUSENUM_UNKNOWN:
		return append(dst, `"UNKNOWN"`...)
	case ALLOCATIONSTATUSENUM_PENDING:
		return append(dst, `"PENDING"`...)
	case ALLOCATIONSTATUSENUM_RUNNING:
		return append(dst, `"RUNNING"`...)
	case ALLOCATIONSTATUSENUM_FAILED:
		return append(dst, `"FAILED"`...)
	case ALLOCATIONSTATUSENUM_SUCCEEDED:
		return append(dst, `"SUCCEEDED"`...)
	case ALLOCATIONSTATUSENUM_DISCONNECTED:
		return append(dst, `"DISCONNECTED"`...)
	}
	return jsonwire.AppendString(dst, string(v))
}

// NewAllocationStatusEnumFromValue returns a pointer to a valid AllocationStatusEnum
// for the value passed as argument, or an error if the value passed is not allowed by the enum
func NewAllocationStatusEnumFromValue(v string) (*AllocationStatusEnum, error) {
	ev := AllocationStatusEnum(v)
	if ev.IsValid() {
		return &ev, nil
	}
	return nil, fmt.Errorf("invalid value '%v' for AllocationStatusEnum: valid values are %v", v, AllowedAllocationStatusEnumEnumValues)
}

// IsValid return true if the value is valid for the enum, false otherwise
func (v AllocationStatusEnum) IsValid() bool {
	for _, existing := range AllowedAllocationStatusEnumEnumValues {
		if existing == v {
			return true
		}
	}
	return false
}

// Ptr returns reference to AllocationStatusEnum value
func (v AllocationStatusEnum) Ptr() *AllocationStatusEnum {
	return &v
}

// NullableAllocationStatusEnum is a AllocationStatusEnum that can also be explicitly null or unset.
type NullableAllocationStatusEnum struct {
	value *AllocationStatusEnum
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableAllocationStatusEnum) Get() *AllocationStatusEnum {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableAllocationStatusEnum) Set(val *AllocationStatusEnum) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableAllocationStatusEnum) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableAllocationStatusEnum) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableAllocationStatusEnum returns a set NullableAllocationStatusEnum holding val.
func NewNullableAllocationStatusEnum(val *AllocationStatusEnum) *NullableAllocationStatusEnum {
	return &NullableAllocationStatusEnum{value: val, isSet: true}
}

// MarshalJSON writes the value as a JSON string, or null.
func (v NullableAllocationStatusEnum) MarshalJSON() ([]byte, error) {
	if v.value == nil {
		return []byte("null"), nil
	}
	return jsonwire.AppendString(nil, string(*v.value)), nil
}

// UnmarshalJSON reads a JSON string or null and marks the value set.
func (v *NullableAllocationStatusEnum) UnmarshalJSON(src []byte) error {
	v.isSet = true
	if isJSONNull(src) {
		v.value = nil
		return nil
	}
	var x AllocationStatusEnum
	if err := x.UnmarshalJSON(src); err != nil {
		return err
	}
	v.value = &x
	return nil
}
