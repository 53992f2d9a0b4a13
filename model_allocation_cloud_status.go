package piecesos

// checks if the AllocationCloudStatus type satisfies the MappedNullable interface at compile time
var _ MappedNullable = &AllocationCloudStatus{}

// AllocationCloudStatus is the overall status of a cloud.
type AllocationCloudStatus struct {
	Schema *EmbeddedModelSchema `json:"schema,omitempty"`
	Cloud  AllocationStatusEnum `json:"cloud"`
	// AdditionalProperties holds the members of the JSON object this SDK does not know, as
	// encoding/json decodes them into interface{} with Decoder.UseNumber: numbers are
	// json.Number, their literal text, so that 64-bit integers and numbers beyond float64 are
	// kept exactly; strings, bools, nil, []interface{} and map[string]interface{} as usual.
	// MarshalJSON writes them back after the known members, in sorted key order (a json.Number
	// verbatim); keys of known members are ignored.
	AdditionalProperties map[string]interface{}
}

// NewAllocationCloudStatus instantiates a new AllocationCloudStatus object
// This constructor will assign default values to properties that have it defined,
// and makes sure properties required by API are set, but the set of arguments
// will change when the set of required properties is changed
func NewAllocationCloudStatus(cloud AllocationStatusEnum) *AllocationCloudStatus {
	this := AllocationCloudStatus{}
	this.Cloud = cloud
	return &this
}

// NewAllocationCloudStatusWithDefaults instantiates a new AllocationCloudStatus object
// This constructor will only assign default values to properties that have it defined,
// but it doesn't guarantee that properties required by API are set
func NewAllocationCloudStatusWithDefaults() *AllocationCloudStatus {
	this := AllocationCloudStatus{}
	return &this
}

// GetSchema returns the Schema field value if set, zero value otherwise.
func (o *AllocationCloudStatus) GetSchema() EmbeddedModelSchema {
	if o == nil || o.Schema == nil {
		var ret EmbeddedModelSchema
		return ret
	}
	return *o.Schema
}

// GetSchemaOk returns a tuple with the Schema field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *AllocationCloudStatus) GetSchemaOk() (*EmbeddedModelSchema, bool) {
	if o == nil || o.Schema == nil {
		return nil, false
	}
	return o.Schema, true
}

// HasSchema returns a boolean if a field has been set.
func (o *AllocationCloudStatus) HasSchema() bool {
	if o != nil && o.Schema != nil {
		return true
	}

	return false
}

// SetSchema gets a reference to the given EmbeddedModelSchema and assigns it to the Schema field.
func (o *AllocationCloudStatus) SetSchema(v EmbeddedModelSchema) {
	o.Schema = &v
}

// GetCloud returns the Cloud field value
func (o *AllocationCloudStatus) GetCloud() AllocationStatusEnum {
	if o == nil {
		var ret AllocationStatusEnum
		return ret
	}

	return o.Cloud
}

// GetCloudOk returns a tuple with the Cloud field value
// and a boolean to check if the value has been set.
func (o *AllocationCloudStatus) GetCloudOk() (*AllocationStatusEnum, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Cloud, true
}

// SetCloud sets field value
func (o *AllocationCloudStatus) SetCloud(v AllocationStatusEnum) {
	o.Cloud = v
}

// MarshalJSON writes the model as a JSON object: the known members in the order of the API
// description (absent optional members are left out, never written as null), then the
// AdditionalProperties. It does not use reflection.
func (o AllocationCloudStatus) MarshalJSON() ([]byte, error) {
	return marshalWith(o.appendJSON)
}

// appendJSON appends the JSON object of o to dst.
func (o *AllocationCloudStatus) appendJSON(dst []byte) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	if o.Schema != nil {
		dst = append(dst, `"schema":`...)
		if dst, err = o.Schema.appendJSON(dst); err != nil {
			return dst, err
		}
		dst = append(dst, ',')
	}
	dst = append(dst, `"cloud":`...)
	dst = appendAllocationStatusEnum(dst, o.Cloud)
	if len(o.AdditionalProperties) != 0 {
		if dst, err = appendAdditional(dst, o.AdditionalProperties, isAllocationCloudStatusKey); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// isAllocationCloudStatusKey reports whether k is the key of a known member of AllocationCloudStatus.
func isAllocationCloudStatusKey(k string) bool {
	switch k {
	case "schema", "cloud":
		return true
	}
	return false
}

// ToMap returns the JSON object of the model as a map from JSON keys to Go values (absent
// optional members left out), with the AdditionalProperties whose keys the model does not know.
func (o AllocationCloudStatus) ToMap() (map[string]interface{}, error) {
	toSerialize := map[string]interface{}{}
	if o.Schema != nil {
		toSerialize["schema"] = o.Schema
	}
	toSerialize["cloud"] = o.Cloud
	copyAdditional(toSerialize, o.AdditionalProperties, isAllocationCloudStatusKey)
	return toSerialize, nil
}

// UnmarshalJSON reads the model from a JSON object in one pass, without reflection. Unknown
// members go to AdditionalProperties; unknown enum values are kept. A missing or null required
// member, a value of the wrong type or invalid JSON gives a *DecodeError naming the JSON path;
// o is left unchanged then.
func (o *AllocationCloudStatus) UnmarshalJSON(data []byte) error {
	var s decodeState
	s.Reset(data)
	var v AllocationCloudStatus
	err := v.decodeJSON(&s, nil)
	if err == nil {
		err = s.Finish()
	}
	if err != nil {
		return s.fail(err, "AllocationCloudStatus")
	}
	*o = v
	return nil
}

// allocationCloudStatusRequired lists the required keys of AllocationCloudStatus, in the order of their bits in decodeJSON.
var allocationCloudStatusRequired = [...]string{"cloud"}

// decodeJSON reads an object into o (which it resets first) at path p.
func (o *AllocationCloudStatus) decodeJSON(s *decodeState, p *jpath) error {
	*o = AllocationCloudStatus{}
	if err := s.ObjectStart(); err != nil {
		return fieldError(p, "", err, typeAllocationCloudStatus, s.Offset())
	}
	var seen uint8
	for first := true; ; first = false {
		raw, esc, more, err := s.ObjectNext(first)
		if err != nil {
			return fieldError(p, "", err, typeAllocationCloudStatus, s.Offset())
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
		case "cloud":
			null, err := s.ReadNull()
			if err == nil && !null {
				o.Cloud, err = readAllocationStatusEnum(s)
			}
			if err != nil {
				return fieldError(p, "cloud", err, typeAllocationStatusEnum, s.Offset())
			}
			if null {
				var zero AllocationStatusEnum
				o.Cloud = zero
				seen &^= 1 << 0
			} else {
				seen |= 1 << 0
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
	if seen != 1<<len(allocationCloudStatusRequired)-1 {
		for i, k := range allocationCloudStatusRequired {
			if seen&(1<<i) == 0 {
				return requiredError(p, k, s.Offset()-1)
			}
		}
	}
	return nil
}

// NullableAllocationCloudStatus is a AllocationCloudStatus that can also be explicitly null or unset.
type NullableAllocationCloudStatus struct {
	value *AllocationCloudStatus
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableAllocationCloudStatus) Get() *AllocationCloudStatus {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableAllocationCloudStatus) Set(val *AllocationCloudStatus) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableAllocationCloudStatus) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableAllocationCloudStatus) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableAllocationCloudStatus returns a set NullableAllocationCloudStatus holding val.
func NewNullableAllocationCloudStatus(val *AllocationCloudStatus) *NullableAllocationCloudStatus {
	return &NullableAllocationCloudStatus{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableAllocationCloudStatus) MarshalJSON() ([]byte, error) {
	if v.value == nil {
		return []byte("null"), nil
	}
	return v.value.MarshalJSON()
}

// UnmarshalJSON reads a JSON object or null and marks the value set.
func (v *NullableAllocationCloudStatus) UnmarshalJSON(src []byte) error {
	v.isSet = true
	if isJSONNull(src) {
		v.value = nil
		return nil
	}
	var x AllocationCloudStatus
	if err := x.UnmarshalJSON(src); err != nil {
		return err
	}
	v.value = &x
	return nil
}
