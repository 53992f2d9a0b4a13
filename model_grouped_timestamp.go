package piecesos

import (
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// checks if the GroupedTimestamp type satisfies the MappedNullable interface at compile time
var _ MappedNullable = &GroupedTimestamp{}

// GroupedTimestamp is a point in time together with a human readable form of it.
type GroupedTimestamp struct {
	Schema *EmbeddedModelSchema `json:"schema,omitempty"`
	// the instant (RFC 3339 on the wire)
	Value time.Time `json:"value"`
	// a human readable form, e.g. "just now"
	Readable *string `json:"readable,omitempty"`
	// AdditionalProperties holds the members of the JSON object this SDK does not know, as
	// encoding/json decodes them into interface{} with Decoder.UseNumber: numbers are
	// json.Number, their literal text, so that 64-bit integers and numbers beyond float64 are
	// kept exactly; strings, bools, nil, []interface{} and map[string]interface{} as usual.
	// MarshalJSON writes them back after the known members, in sorted key order (a json.Number
	// verbatim); keys of known members are ignored.
	AdditionalProperties map[string]interface{}
}

// NewGroupedTimestamp instantiates a new GroupedTimestamp object
// This constructor will assign default values to properties that have it defined,
// and makes sure properties required by API are set, but the set of arguments
// will change when the set of required properties is changed
func NewGroupedTimestamp(value time.Time) *GroupedTimestamp {
	this := GroupedTimestamp{}
	this.Value = value
	return &this
}

// NewGroupedTimestampWithDefaults instantiates a new GroupedTimestamp object
// This constructor will only assign default values to properties that have it defined,
// but it doesn't guarantee that properties required by API are set
func NewGroupedTimestampWithDefaults() *GroupedTimestamp {
	this := GroupedTimestamp{}
	return &this
}

// GetSchema returns the Schema field value if set, zero value otherwise.
func (o *GroupedTimestamp) GetSchema() EmbeddedModelSchema {
	if o == nil || o.Schema == nil {
		var ret EmbeddedModelSchema
		return ret
	}
	return *o.Schema
}

// GetSchemaOk returns a tuple with the Schema field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *GroupedTimestamp) GetSchemaOk() (*EmbeddedModelSchema, bool) {
	if o == nil || o.Schema == nil {
		return nil, false
	}
	return o.Schema, true
}

// HasSchema returns a boolean if a field has been set.
func (o *GroupedTimestamp) HasSchema() bool {
	if o != nil && o.Schema != nil {
		return true
	}

	return false
}

// SetSchema gets a reference to the given EmbeddedModelSchema and assigns it to the Schema field.
func (o *GroupedTimestamp) SetSchema(v EmbeddedModelSchema) {
	o.Schema = &v
}

// GetValue returns the Value field value
func (o *GroupedTimestamp) GetValue() time.Time {
	if o == nil {
		var ret time.Time
		return ret
	}

	return o.Value
}

// GetValueOk returns a tuple with the Value field value
// and a boolean to check if the value has been set.
func (o *GroupedTimestamp) GetValueOk() (*time.Time, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Value, true
}

// SetValue sets field value
func (o *GroupedTimestamp) SetValue(v time.Time) {
	o.Value = v
}

// GetReadable returns the Readable field value if set, zero value otherwise.
func (o *GroupedTimestamp) GetReadable() string {
	if o == nil || o.Readable == nil {
		var ret string
		return ret
	}
	return *o.Readable
}

// GetReadableOk returns a tuple with the Readable field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *GroupedTimestamp) GetReadableOk() (*string, bool) {
	if o == nil || o.Readable == nil {
		return nil, false
	}
	return o.Readable, true
}

// HasReadable returns a boolean if a field has been set.
func (o *GroupedTimestamp) HasReadable() bool {
	if o != nil && o.Readable != nil {
		return true
	}

	return false
}

// SetReadable gets a reference to the given string and assigns it to the Readable field.
func (o *GroupedTimestamp) SetReadable(v string) {
	o.Readable = &v
}

// MarshalJSON writes the model as a JSON object: the known members in the order of the API
// description (absent optional members are left out, never written as null), then the
// AdditionalProperties. It does not use reflection.
func (o GroupedTimestamp) MarshalJSON() ([]byte, error) {
	return marshalWith(o.appendJSON)
}

// appendJSON appends the JSON object of o to dst.
func (o *GroupedTimestamp) appendJSON(dst []byte) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	if o.Schema != nil {
		dst = append(dst, `"schema":`...)
		if dst, err = o.Schema.appendJSON(dst); err != nil {
			return dst, err
		}
		dst = append(dst, ',')
	}
	dst = append(dst, `"value":`...)
	if dst, err = jsonwire.AppendTime(dst, o.Value); err != nil {
		return dst, err
	}
	if o.Readable != nil {
		dst = append(dst, `,"readable":`...)
		dst = jsonwire.AppendString(dst, *o.Readable)
	}
	if len(o.AdditionalProperties) != 0 {
		if dst, err = appendAdditional(dst, o.AdditionalProperties, isGroupedTimestampKey); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// isGroupedTimestampKey reports whether k is the key of a known member of GroupedTimestamp.
func isGroupedTimestampKey(k string) bool {
	switch k {
	case "schema", "value", "readable":
		return true
	}
	return false
}

// ToMap returns the JSON object of the model as a map from JSON keys to Go values (absent
// optional members left out), with the AdditionalProperties whose keys the model does not know.
func (o GroupedTimestamp) ToMap() (map[string]interface{}, error) {
	toSerialize := map[string]interface{}{}
	if o.Schema != nil {
		toSerialize["schema"] = o.Schema
	}
	toSerialize["value"] = o.Value
	if o.Readable != nil {
		toSerialize["readable"] = o.Readable
	}
	copyAdditional(toSerialize, o.AdditionalProperties, isGroupedTimestampKey)
	return toSerialize, nil
}

// UnmarshalJSON reads the model from a JSON object in one pass, without reflection. Unknown
// members go to AdditionalProperties; unknown enum values are kept. A missing or null required
// member, a value of the wrong type or invalid JSON gives a *DecodeError naming the JSON path;
// o is left unchanged then.
func (o *GroupedTimestamp) UnmarshalJSON(data []byte) error {
	var s decodeState
	s.Reset(data)
	var v GroupedTimestamp
	err := v.decodeJSON(&s, nil)
	if err == nil {
		err = s.Finish()
	}
	if err != nil {
		return s.fail(err, "GroupedTimestamp")
	}
	*o = v
	return nil
}

// groupedTimestampRequired lists the required keys of GroupedTimestamp, in the order of their bits in decodeJSON.
var groupedTimestampRequired = [...]string{"value"}

// decodeJSON reads an object into o (which it resets first) at path p.
func (o *GroupedTimestamp) decodeJSON(s *decodeState, p *jpath) error {
	*o = GroupedTimestamp{}
	if err := s.ObjectStart(); err != nil {
		return fieldError(p, "", err, typeGroupedTimestamp, s.Offset())
	}
	var seen uint8
	for first := true; ; first = false {
		raw, esc, more, err := s.ObjectNext(first)
		if err != nil {
			return fieldError(p, "", err, typeGroupedTimestamp, s.Offset())
		}
		if !more {
			break
		}
		switch string(s.Key(raw, esc)) {
		case "schema":
			null, err := s.ReadNull()
			if err != nil {
				return fieldError(p, "schema", err, typeEmbeddedModelSchema, s.Offset())
			}
			if null {
				o.Schema = nil
				break
			}
			v := s.newSchema()
			if err := v.decodeJSON(s, &jpath{p, "schema"}); err != nil {
				return err
			}
			o.Schema = v
		case "value":
			null, err := s.ReadNull()
			if err == nil && !null {
				var tok []byte
				if tok, err = s.ReadStringToken(); err == nil {
					err = o.Value.UnmarshalJSON(tok)
				}
				if err == nil {
					err = jsonwire.CheckTime(o.Value)
				}
			}
			if err != nil {
				return fieldError(p, "value", err, typeTime, s.Offset())
			}
			if null {
				var zero time.Time
				o.Value = zero
				seen &^= 1 << 0
			} else {
				seen |= 1 << 0
			}
		case "readable":
			null, err := s.ReadNull()
			if err == nil && !null {
				var v string
				if v, err = s.ReadString(); err == nil {
					o.Readable = s.newString()
					*o.Readable = v
				}
			}
			if err != nil {
				return fieldError(p, "readable", err, typeString, s.Offset())
			}
			if null {
				o.Readable = nil
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
	if seen != 1<<len(groupedTimestampRequired)-1 {
		for i, k := range groupedTimestampRequired {
			if seen&(1<<i) == 0 {
				return requiredError(p, k, s.Offset()-1)
			}
		}
	}
	return nil
}

// NullableGroupedTimestamp is a GroupedTimestamp that can also be explicitly null or unset.
type NullableGroupedTimestamp struct {
	value *GroupedTimestamp
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableGroupedTimestamp) Get() *GroupedTimestamp {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableGroupedTimestamp) Set(val *GroupedTimestamp) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableGroupedTimestamp) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableGroupedTimestamp) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableGroupedTimestamp returns a set NullableGroupedTimestamp holding val.
func NewNullableGroupedTimestamp(val *GroupedTimestamp) *NullableGroupedTimestamp {
	return &NullableGroupedTimestamp{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableGroupedTimestamp) MarshalJSON() ([]byte, error) {
	if v.value == nil {
		return []byte("null"), nil
	}
	return v.value.MarshalJSON()
}

// UnmarshalJSON reads a JSON object or null and marks the value set.
func (v *NullableGroupedTimestamp) UnmarshalJSON(src []byte) error {
	v.isSet = true
	if isJSONNull(src) {
		v.value = nil
		return nil
	}
	var x GroupedTimestamp
	if err := x.UnmarshalJSON(src); err != nil {
		return err
	}
	v.value = &x
	return nil
}
