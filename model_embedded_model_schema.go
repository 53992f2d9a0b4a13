package piecesos

import (
	"strconv"
)

// checks if the EmbeddedModelSchema type satisfies the MappedNullable interface at compile time
var _ MappedNullable = &EmbeddedModelSchema{}

// EmbeddedModelSchema is the version bookkeeping embedded in most Pieces models.
type EmbeddedModelSchema struct {
	// the database version this model was used for
	Migration int32                                  `json:"migration"`
	Semantic  EmbeddedModelSchemaSemanticVersionEnum `json:"semantic"`
	// AdditionalProperties holds the members of the JSON object this SDK does not know, as
	// encoding/json decodes them into interface{} with Decoder.UseNumber: numbers are
	// json.Number, their literal text, so that 64-bit integers and numbers beyond float64 are
	// kept exactly; strings, bools, nil, []interface{} and map[string]interface{} as usual.
	// MarshalJSON writes them back after the known members, in sorted key order (a json.Number
	// verbatim); keys of known members are ignored.
	AdditionalProperties map[string]interface{}
}

// NewEmbeddedModelSchema instantiates a new EmbeddedModelSchema object
// This constructor will assign default values to properties that have it defined,
// and makes sure properties required by API are set, but the set of arguments
// will change when the set of required properties is changed
func NewEmbeddedModelSchema(migration int32, semantic EmbeddedModelSchemaSemanticVersionEnum) *EmbeddedModelSchema {
	this := EmbeddedModelSchema{}
	this.Migration = migration
	this.Semantic = semantic
	return &this
}

// NewEmbeddedModelSchemaWithDefaults instantiates a new EmbeddedModelSchema object
// This constructor will only assign default values to properties that have it defined,
// but it doesn't guarantee that properties required by API are set
func NewEmbeddedModelSchemaWithDefaults() *EmbeddedModelSchema {
	this := EmbeddedModelSchema{}
	var semantic EmbeddedModelSchemaSemanticVersionEnum = EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1
	this.Semantic = semantic
	return &this
}

// GetMigration returns the Migration field value
func (o *EmbeddedModelSchema) GetMigration() int32 {
	if o == nil {
		var ret int32
		return ret
	}

	return o.Migration
}

// GetMigrationOk returns a tuple with the Migration field value
// and a boolean to check if the value has been set.
func (o *EmbeddedModelSchema) GetMigrationOk() (*int32, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Migration, true
}

// SetMigration sets field value
func (o *EmbeddedModelSchema) SetMigration(v int32) {
	o.Migration = v
}

// GetSemantic returns the Semantic field value
func (o *EmbeddedModelSchema) GetSemantic() EmbeddedModelSchemaSemanticVersionEnum {
	if o == nil {
		var ret EmbeddedModelSchemaSemanticVersionEnum
		return ret
	}

	return o.Semantic
}

// GetSemanticOk returns a tuple with the Semantic field value
// and a boolean to check if the value has been set.
func (o *EmbeddedModelSchema) GetSemanticOk() (*EmbeddedModelSchemaSemanticVersionEnum, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Semantic, true
}

// SetSemantic sets field value
func (o *EmbeddedModelSchema) SetSemantic(v EmbeddedModelSchemaSemanticVersionEnum) {
	o.Semantic = v
}

// MarshalJSON writes the model as a JSON object: the known members in the order of the API
// description (absent optional members are left out, never written as null), then the
// AdditionalProperties. It does not use reflection.
func (o EmbeddedModelSchema) MarshalJSON() ([]byte, error) {
	return marshalWith(o.appendJSON)
}

// appendJSON appends the JSON object of o to dst.
func (o *EmbeddedModelSchema) appendJSON(dst []byte) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	dst = append(dst, `"migration":`...)
	dst = strconv.AppendInt(dst, int64(o.Migration), 10)
	dst = append(dst, `,"semantic":`...)
	dst = appendEmbeddedModelSchemaSemanticVersionEnum(dst, o.Semantic)
	if len(o.AdditionalProperties) != 0 {
		if dst, err = appendAdditional(dst, o.AdditionalProperties, isEmbeddedModelSchemaKey); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// isEmbeddedModelSchemaKey reports whether k is the key of a known member of EmbeddedModelSchema.
func isEmbeddedModelSchemaKey(k string) bool {
	switch k {
	case "migration", "semantic":
		return true
	}
	return false
}

// ToMap returns the JSON object of the model as a map from JSON keys to Go values (absent
// optional members left out), with the AdditionalProperties whose keys the model does not know.
func (o EmbeddedModelSchema) ToMap() (map[string]interface{}, error) {
	toSerialize := map[string]interface{}{}
	toSerialize["migration"] = o.Migration
	toSerialize["semantic"] = o.Semantic
	copyAdditional(toSerialize, o.AdditionalProperties, isEmbeddedModelSchemaKey)
	return toSerialize, nil
}

// UnmarshalJSON reads the model from a JSON object in one pass, without reflection. Unknown
// members go to AdditionalProperties; unknown enum values are kept. A missing or null required
// member, a value of the wrong type or invalid JSON gives a *DecodeError naming the JSON path;
// o is left unchanged then.
func (o *EmbeddedModelSchema) UnmarshalJSON(data []byte) error {
	var s decodeState
	s.Reset(data)
	var v EmbeddedModelSchema
	err := v.decodeJSON(&s, nil)
	if err == nil {
		err = s.Finish()
	}
	if err != nil {
		return s.fail(err, "EmbeddedModelSchema")
	}
	*o = v
	return nil
}

// embeddedModelSchemaRequired lists the required keys of EmbeddedModelSchema, in the order of their bits in decodeJSON.
var embeddedModelSchemaRequired = [...]string{"migration", "semantic"}

// decodeJSON reads an object into o (which it resets first) at path p.
func (o *EmbeddedModelSchema) decodeJSON(s *decodeState, p *jpath) error {
	*o = EmbeddedModelSchema{}
	if err := s.ObjectStart(); err != nil {
		return fieldError(p, "", err, typeEmbeddedModelSchema, s.Offset())
	}
	var seen uint8
	for first := true; ; first = false {
		raw, esc, more, err := s.ObjectNext(first)
		if err != nil {
			return fieldError(p, "", err, typeEmbeddedModelSchema, s.Offset())
		}
		if !more {
			break
		}
		switch string(s.Key(raw, esc)) {
		case "migration":
			null, err := s.ReadNull()
			if err == nil && !null {
				o.Migration, err = s.ReadInt32()
			}
			if err != nil {
				return fieldError(p, "migration", err, typeInt32, s.Offset())
			}
			if null {
				var zero int32
				o.Migration = zero
				seen &^= 1 << 0
			} else {
				seen |= 1 << 0
			}
		case "semantic":
			null, err := s.ReadNull()
			if err == nil && !null {
				o.Semantic, err = readEmbeddedModelSchemaSemanticVersionEnum(s)
			}
			if err != nil {
				return fieldError(p, "semantic", err, typeEmbeddedModelSchemaSemanticVersionEnum, s.Offset())
			}
			if null {
				var zero EmbeddedModelSchemaSemanticVersionEnum
				o.Semantic = zero
				seen &^= 1 << 1
			} else {
				seen |= 1 << 1
			}
		default:
			name := s.String(raw, esc)
			v, err := s.ReadValue()
			if err != nil {
				return fieldError(p, name, err, typeInterface, s.Offset())
			}
			if o.AdditionalProperties == nil {
				o.AdditionalProperties = make(map[string]interface{})
			}
			o.AdditionalProperties[name] = v
		}
	}
	if seen != 1<<len(embeddedModelSchemaRequired)-1 {
		for i, k := range embeddedModelSchemaRequired {
			if seen&(1<<i) == 0 {
				return requiredError(p, k, s.Offset()-1)
			}
		}
	}
	return nil
}

// NullableEmbeddedModelSchema is a EmbeddedModelSchema that can also be explicitly null or unset.
type NullableEmbeddedModelSchema struct {
	value *EmbeddedModelSchema
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableEmbeddedModelSchema) Get() *EmbeddedModelSchema {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableEmbeddedModelSchema) Set(val *EmbeddedModelSchema) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableEmbeddedModelSchema) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableEmbeddedModelSchema) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableEmbeddedModelSchema returns a set NullableEmbeddedModelSchema holding val.
func NewNullableEmbeddedModelSchema(val *EmbeddedModelSchema) *NullableEmbeddedModelSchema {
	return &NullableEmbeddedModelSchema{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableEmbeddedModelSchema) MarshalJSON() ([]byte, error) {
	if v.value == nil {
		return []byte("null"), nil
	}
	return v.value.MarshalJSON()
}

// UnmarshalJSON reads a JSON object or null and marks the value set.
func (v *NullableEmbeddedModelSchema) UnmarshalJSON(src []byte) error {
	v.isSet = true
	if isJSONNull(src) {
		v.value = nil
		return nil
	}
	var x EmbeddedModelSchema
	if err := x.UnmarshalJSON(src); err != nil {
		return err
	}
	v.value = &x
	return nil
}
