package piecesos

// checks if the AllocationCloudUrls type satisfies the MappedNullable interface at compile time
var _ MappedNullable = &AllocationCloudUrls{}

// AllocationCloudUrls at minimum 2 urls: base is the default url of your cloud; id is the branded url, uuid.pieces.cloud; (optional) vanity is the custom branded url, mark.pieces.cloud
type AllocationCloudUrls struct {
	Schema *EmbeddedModelSchema `json:"schema,omitempty"`
	Base   AllocationCloudUrl   `json:"base"`
	Id     AllocationCloudUrl   `json:"id"`
	Vanity *AllocationCloudUrl  `json:"vanity,omitempty"`
	// AdditionalProperties holds the members of the JSON object this SDK does not know, as
	// encoding/json decodes them into interface{} with Decoder.UseNumber: numbers are
	// json.Number, their literal text, so that 64-bit integers and numbers beyond float64 are
	// kept exactly; strings, bools, nil, []interface{} and map[string]interface{} as usual.
	// MarshalJSON writes them back after the known members, in sorted key order (a json.Number
	// verbatim); keys of known members are ignored.
	AdditionalProperties map[string]interface{}
}

// NewAllocationCloudUrls instantiates a new AllocationCloudUrls object
// This constructor will assign default values to properties that have it defined,
// and makes sure properties required by API are set, but the set of arguments
// will change when the set of required properties is changed
func NewAllocationCloudUrls(base AllocationCloudUrl, id AllocationCloudUrl) *AllocationCloudUrls {
	this := AllocationCloudUrls{}
	this.Base = base
	this.Id = id
	return &this
}

// NewAllocationCloudUrlsWithDefaults instantiates a new AllocationCloudUrls object
// This constructor will only assign default values to properties that have it defined,
// but it doesn't guarantee that properties required by API are set
func NewAllocationCloudUrlsWithDefaults() *AllocationCloudUrls {
	this := AllocationCloudUrls{}
	return &this
}

// GetSchema returns the Schema field value if set, zero value otherwise.
func (o *AllocationCloudUrls) GetSchema() EmbeddedModelSchema {
	if o == nil || o.Schema == nil {
		var ret EmbeddedModelSchema
		return ret
	}
	return *o.Schema
}

// GetSchemaOk returns a tuple with the Schema field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *AllocationCloudUrls) GetSchemaOk() (*EmbeddedModelSchema, bool) {
	if o == nil || o.Schema == nil {
		return nil, false
	}
	return o.Schema, true
}

// HasSchema returns a boolean if a field has been set.
func (o *AllocationCloudUrls) HasSchema() bool {
	if o != nil && o.Schema != nil {
		return true
	}

	return false
}

// SetSchema gets a reference to the given EmbeddedModelSchema and assigns it to the Schema field.
func (o *AllocationCloudUrls) SetSchema(v EmbeddedModelSchema) {
	o.Schema = &v
}

// GetBase returns the Base field value
func (o *AllocationCloudUrls) GetBase() AllocationCloudUrl {
	if o == nil {
		var ret AllocationCloudUrl
		return ret
	}

	return o.Base
}

// GetBaseOk returns a tuple with the Base field value
// and a boolean to check if the value has been set.
func (o *AllocationCloudUrls) GetBaseOk() (*AllocationCloudUrl, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Base, true
}

// SetBase sets field value
func (o *AllocationCloudUrls) SetBase(v AllocationCloudUrl) {
	o.Base = v
}

// GetId returns the Id field value
func (o *AllocationCloudUrls) GetId() AllocationCloudUrl {
	if o == nil {
		var ret AllocationCloudUrl
		return ret
	}

	return o.Id
}

// GetIdOk returns a tuple with the Id field value
// and a boolean to check if the value has been set.
func (o *AllocationCloudUrls) GetIdOk() (*AllocationCloudUrl, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Id, true
}

// SetId sets field value
func (o *AllocationCloudUrls) SetId(v AllocationCloudUrl) {
	o.Id = v
}

// GetVanity returns the Vanity field value if set, zero value otherwise.
func (o *AllocationCloudUrls) GetVanity() AllocationCloudUrl {
	if o == nil || o.Vanity == nil {
		var ret AllocationCloudUrl
		return ret
	}
	return *o.Vanity
}

// GetVanityOk returns a tuple with the Vanity field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *AllocationCloudUrls) GetVanityOk() (*AllocationCloudUrl, bool) {
	if o == nil || o.Vanity == nil {
		return nil, false
	}
	return o.Vanity, true
}

// HasVanity returns a boolean if a field has been set.
func (o *AllocationCloudUrls) HasVanity() bool {
	if o != nil && o.Vanity != nil {
		return true
	}

	return false
}

// SetVanity gets a reference to the given AllocationCloudUrl and assigns it to the Vanity field.
func (o *AllocationCloudUrls) SetVanity(v AllocationCloudUrl) {
	o.Vanity = &v
}

// MarshalJSON writes the model as a JSON object: the known members in the order of the API
// description (absent optional members are left out, never written as null), then the
// AdditionalProperties. It does not use reflection.
func (o AllocationCloudUrls) MarshalJSON() ([]byte, error) {
	return marshalWith(o.appendJSON)
}

// appendJSON appends the JSON object of o to dst.
func (o *AllocationCloudUrls) appendJSON(dst []byte) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	if o.Schema != nil {
		dst = append(dst, `"schema":`...)
		if dst, err = o.Schema.appendJSON(dst); err != nil {
			return dst, err
		}
		dst = append(dst, ',')
	}
	dst = append(dst, `"base":`...)
	if dst, err = o.Base.appendJSON(dst); err != nil {
		return dst, err
	}
	dst = append(dst, `,"id":`...)
	if dst, err = o.Id.appendJSON(dst); err != nil {
		return dst, err
	}
	if o.Vanity != nil {
		dst = append(dst, `,"vanity":`...)
		if dst, err = o.Vanity.appendJSON(dst); err != nil {
			return dst, err
		}
	}
	if len(o.AdditionalProperties) != 0 {
		if dst, err = appendAdditional(dst, o.AdditionalProperties, isAllocationCloudUrlsKey); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// isAllocationCloudUrlsKey reports whether k is the key of a known member of AllocationCloudUrls.
func isAllocationCloudUrlsKey(k string) bool {
	switch k {
	case "schema", "base", "id", "vanity":
		return true
	}
	return false
}

// ToMap returns the JSON object of the model as a map from JSON keys to Go values (absent
// optional members left out), with the AdditionalProperties whose keys the model does not know.
func (o AllocationCloudUrls) ToMap() (map[string]interface{}, error) {
	toSerialize := map[string]interface{}{}
	if o.Schema != nil {
		toSerialize["schema"] = o.Schema
	}
	toSerialize["base"] = o.Base
	toSerialize["id"] = o.Id
	if o.Vanity != nil {
		toSerialize["vanity"] = o.Vanity
	}
	copyAdditional(toSerialize, o.AdditionalProperties, isAllocationCloudUrlsKey)
	return toSerialize, nil
}

// UnmarshalJSON reads the model from a JSON object in one pass, without reflection. Unknown
// members go to AdditionalProperties; unknown enum values are kept. A missing or null required
// member, a value of the wrong type or invalid JSON gives a *DecodeError naming the JSON path;
// o is left unchanged then.
func (o *AllocationCloudUrls) UnmarshalJSON(data []byte) error {
	var s decodeState
	s.Reset(data)
	var v AllocationCloudUrls
	err := v.decodeJSON(&s, nil)
	if err == nil {
		err = s.Finish()
	}
	if err != nil {
		return s.fail(err, "AllocationCloudUrls")
	}
	*o = v
	return nil
}

// allocationCloudUrlsRequired lists the required keys of AllocationCloudUrls, in the order of their bits in decodeJSON.
var allocationCloudUrlsRequired = [...]string{"base", "id"}

// decodeJSON reads an object into o (which it resets first) at path p.
func (o *AllocationCloudUrls) decodeJSON(s *decodeState, p *jpath) error {
	*o = AllocationCloudUrls{}
	if err := s.ObjectStart(); err != nil {
		return fieldError(p, "", err, typeAllocationCloudUrls, s.Offset())
	}
	var seen uint8
	for first := true; ; first = false {
		raw, esc, more, err := s.ObjectNext(first)
		if err != nil {
			return fieldError(p, "", err, typeAllocationCloudUrls, s.Offset())
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
		case "base":
			null, err := s.ReadNull()
			if err != nil {
				return fieldError(p, "base", err, typeAllocationCloudUrl, s.Offset())
			}
			if null {
				o.Base = AllocationCloudUrl{}
				seen &^= 1 << 0
				break
			}
			if err := o.Base.decodeJSON(s, &jpath{p, "base"}); err != nil {
				return err
			}
			seen |= 1 << 0
		case "id":
			null, err := s.ReadNull()
			if err != nil {
				return fieldError(p, "id", err, typeAllocationCloudUrl, s.Offset())
			}
			if null {
				o.Id = AllocationCloudUrl{}
				seen &^= 1 << 1
				break
			}
			if err := o.Id.decodeJSON(s, &jpath{p, "id"}); err != nil {
				return err
			}
			seen |= 1 << 1
		case "vanity":
			null, err := s.ReadNull()
			if err != nil {
				return fieldError(p, "vanity", err, typeAllocationCloudUrl, s.Offset())
			}
			if null {
				o.Vanity = nil
				break
			}
			v := s.newURL()
			if err := v.decodeJSON(s, &jpath{p, "vanity"}); err != nil {
				return err
			}
			o.Vanity = v
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
	if seen != 1<<len(allocationCloudUrlsRequired)-1 {
		for i, k := range allocationCloudUrlsRequired {
			if seen&(1<<i) == 0 {
				return requiredError(p, k, s.Offset()-1)
			}
		}
	}
	return nil
}

// NullableAllocationCloudUrls is a AllocationCloudUrls that can also be explicitly null or unset.
type NullableAllocationCloudUrls struct {
	value *AllocationCloudUrls
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableAllocationCloudUrls) Get() *AllocationCloudUrls {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableAllocationCloudUrls) Set(val *AllocationCloudUrls) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableAllocationCloudUrls) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableAllocationCloudUrls) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableAllocationCloudUrls returns a set NullableAllocationCloudUrls holding val.
func NewNullableAllocationCloudUrls(val *AllocationCloudUrls) *NullableAllocationCloudUrls {
	return &NullableAllocationCloudUrls{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableAllocationCloudUrls) MarshalJSON() ([]byte, error) {
	if v.value == nil {
		return []byte("null"), nil
	}
	return v.value.MarshalJSON()
}

// UnmarshalJSON reads a JSON object or null and marks the value set.
func (v *NullableAllocationCloudUrls) UnmarshalJSON(src []byte) error {
	v.isSet = true
	if isJSONNull(src) {
		v.value = nil
		return nil
	}
	var x AllocationCloudUrls
	if err := x.UnmarshalJSON(src); err != nil {
		return err
	}
	v.value = &x
	return nil
}
