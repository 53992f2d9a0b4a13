package piecesos

import (
	"fmt"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// EmbeddedModelSchemaSemanticVersionEnum is the semantic version of a model's schema. Values added by a newer Pieces OS decode as they are; IsValid reports them.
//
// the model 'EmbeddedModelSchemaSemanticVersionEnum'
type EmbeddedModelSchemaSemanticVersionEnum string

// List of EmbeddedModelSchemaSemanticVersionEnum
const (
	// EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN is the value "UNKNOWN".
	EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN EmbeddedModelSchemaSemanticVersionEnum = "UNKNOWN"
	// EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1 is the value "MAJOR_0_MINOR_0_PATCH_1".
	EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1 EmbeddedModelSchemaSemanticVersionEnum = "MAJOR_0_MINOR_0_PATCH_1"
)

// AllowedEmbeddedModelSchemaSemanticVersionEnumEnumValues lists all allowed values of the EmbeddedModelSchemaSemanticVersionEnum enum.
var AllowedEmbeddedModelSchemaSemanticVersionEnumEnumValues = []EmbeddedModelSchemaSemanticVersionEnum{
	"UNKNOWN",
	"MAJOR_0_MINOR_0_PATCH_1",
}

// UnmarshalJSON reads a JSON string. Unlike the generator's version it keeps values this SDK
// does not know (a newer Pieces OS may send them): IsValid reports them. A null leaves v as it is.
func (v *EmbeddedModelSchemaSemanticVersionEnum) UnmarshalJSON(src []byte) error {
	var s decodeState
	s.Reset(src)
	var x EmbeddedModelSchemaSemanticVersionEnum
	null, err := s.ReadNull()
	if err == nil && !null {
		x, err = readEmbeddedModelSchemaSemanticVersionEnum(&s)
	}
	if err == nil {
		err = s.Finish()
	}
	if err != nil {
		return s.fail(fieldError(nil, "", err, typeEmbeddedModelSchemaSemanticVersionEnum, s.Offset()), "EmbeddedModelSchemaSemanticVersionEnum")
	}
	if !null {
		*v = x
	}
	return nil
}

// readEmbeddedModelSchemaSemanticVersionEnum reads a string value; a known value is returned as its constant, without
// allocating.
func readEmbeddedModelSchemaSemanticVersionEnum(s *decodeState) (EmbeddedModelSchemaSemanticVersionEnum, error) {
	raw, esc, err := s.ReadStringRaw()
	if err != nil {
		return "", err
	}
	if !esc {
		switch string(raw) {
		case "UNKNOWN":
			return EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN, nil
		case "MAJOR_0_MINOR_0_PATCH_1":
			return EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1, nil
		}
	}
	return EmbeddedModelSchemaSemanticVersionEnum(s.String(raw, esc)), nil
}

// appendEmbeddedModelSchemaSemanticVersionEnum appends v as a JSON string; the known values are written without escaping
// work.
func appendEmbeddedModelSchemaSemanticVersionEnum(dst []byte, v EmbeddedModelSchemaSemanticVersionEnum) []byte {
	switch v {
	case EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN:
		return append(dst, `"UNKNOWN"`...)
	case EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1:
		return append(dst, `"MAJOR_0_MINOR_0_PATCH_1"`...)
	}
	return jsonwire.AppendString(dst, string(v))
}

// NewEmbeddedModelSchemaSemanticVersionEnumFromValue returns a pointer to a valid EmbeddedModelSchemaSemanticVersionEnum
// for the value passed as argument, or an error if the value passed is not allowed by the enum
func NewEmbeddedModelSchemaSemanticVersionEnumFromValue(v string) (*EmbeddedModelSchemaSemanticVersionEnum, error) {
	ev := EmbeddedModelSchemaSemanticVersionEnum(v)
	if ev.IsValid() {
		return &ev, nil
	}
	return nil, fmt.Errorf("invalid value '%v' for EmbeddedModelSchemaSemanticVersionEnum: valid values are %v", v, AllowedEmbeddedModelSchemaSemanticVersionEnumEnumValues)
}

// IsValid return true if the value is valid for the enum, false otherwise
func (v EmbeddedModelSchemaSemanticVersionEnum) IsValid() bool {
	for _, existing := range AllowedEmbeddedModelSchemaSemanticVersionEnumEnumValues {
		if existing == v {
			return true
		}
	}
	return false
}

// Ptr returns reference to EmbeddedModelSchemaSemanticVersionEnum value
func (v EmbeddedModelSchemaSemanticVersionEnum) Ptr() *EmbeddedModelSchemaSemanticVersionEnum {
	return &v
}

// NullableEmbeddedModelSchemaSemanticVersionEnum is a EmbeddedModelSchemaSemanticVersionEnum that can also be explicitly null or unset.
type NullableEmbeddedModelSchemaSemanticVersionEnum struct {
	value *EmbeddedModelSchemaSemanticVersionEnum
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableEmbeddedModelSchemaSemanticVersionEnum) Get() *EmbeddedModelSchemaSemanticVersionEnum {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableEmbeddedModelSchemaSemanticVersionEnum) Set(val *EmbeddedModelSchemaSemanticVersionEnum) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableEmbeddedModelSchemaSemanticVersionEnum) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableEmbeddedModelSchemaSemanticVersionEnum) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableEmbeddedModelSchemaSemanticVersionEnum returns a set NullableEmbeddedModelSchemaSemanticVersionEnum holding val.
func NewNullableEmbeddedModelSchemaSemanticVersionEnum(val *EmbeddedModelSchemaSemanticVersionEnum) *NullableEmbeddedModelSchemaSemanticVersionEnum {
	return &NullableEmbeddedModelSchemaSemanticVersionEnum{value: val, isSet: true}
}

// MarshalJSON writes the value as a JSON string, or null.
func (v NullableEmbeddedModelSchemaSemanticVersionEnum) MarshalJSON() ([]byte, error) {
	if v.value == nil {
		return []byte("null"), nil
	}
	return jsonwire.AppendString(nil, string(*v.value)), nil
}

// UnmarshalJSON reads a JSON string or null and marks the value set.
func (v *NullableEmbeddedModelSchemaSemanticVersionEnum) UnmarshalJSON(src []byte) error {
	v.isSet = true
	if isJSONNull(src) {
		v.value = nil
		return nil
	}
	var x EmbeddedModelSchemaSemanticVersionEnum
	if err := x.UnmarshalJSON(src); err != nil {
		return err
	}
	v.value = &x
	return nil
}
