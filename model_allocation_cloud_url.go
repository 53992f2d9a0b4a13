package piecesos

import (
	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// checks if the AllocationCloudUrl type satisfies the MappedNullable interface at compile time
var _ MappedNullable = &AllocationCloudUrl{}

// AllocationCloudUrl one of the 3 possible urls that route to your cloud
type AllocationCloudUrl struct {
	Schema *EmbeddedModelSchema `json:"schema,omitempty"`
	Status AllocationStatusEnum `json:"status"`
	// the base url used to talk to the cloud
	Url string `json:"url"`
	// AdditionalProperties holds the members of the JSON object this SDK does not know, as
	// encoding/json decodes them into interface{} with Decoder.UseNumber: numbers are
	// json.Number, their literal text, so that 64-bit integers and numbers beyond float64 are
	// kept exactly; strings, bools, nil, []interface{} and map[string]interface{} as usual.
	// MarshalJSON writes them back after the known members, in sorted key order (a json.Number
	// verbatim); keys of known members are ignored.
	AdditionalProperties map[string]interface{}
}

// NewAllocationCloudUrl instantiates a new AllocationCloudUrl object
// This constructor will assign default values to properties that have it defined,
// and makes sure properties required by API are set, but the set of arguments
// will change when the set of required properties is changed
func NewAllocationCloudUrl(status AllocationStatusEnum, url string) *AllocationCloudUrl {
	this := AllocationCloudUrl{}
	this.Status = status
	this.Url = url
	return &this
}

// NewAllocationCloudUrlWithDefaults instantiates a new AllocationCloudUrl object
// This constructor will only assign default values to properties that have it defined,
// but it doesn't guarantee that properties required by API are set
func NewAllocationCloudUrlWithDefaults() *AllocationCloudUrl {
	this := AllocationCloudUrl{}
	return &this
}

// GetSchema returns the Schema field value if set, zero value otherwise.
func (o *AllocationCloudUrl) GetSchema() EmbeddedModelSchema {
	if o == nil || o.Schema == nil {
		var ret EmbeddedModelSchema
		return ret
	}
	return *o.Schema
}

// GetSchemaOk returns a tuple with the Schema field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *AllocationCloudUrl) GetSchemaOk() (*EmbeddedModelSchema, bool) {
	if o == nil || o.Schema == nil {
		return nil, false
	}
	return o.Schema, true
}

// HasSchema returns a boolean if a field has been set.
func (o *AllocationCloudUrl) HasSchema() bool {
	if o != nil && o.Schema != nil {
		return true
	}

	return false
}

// SetSchema gets a reference to the given EmbeddedModelSchema and assigns it to the Schema field.
func (o *AllocationCloudUrl) SetSchema(v EmbeddedModelSchema) {
	o.Schema = &v
}

// GetStatus returns the Status field value
func (o *AllocationCloudUrl) GetStatus() AllocationStatusEnum {
	if o == nil {
		var ret AllocationStatusEnum
		return ret
	}

	return o.Status
}

// GetStatusOk returns a tuple with the Status field value
// and a boolean to check if the value has been set.
func (o *AllocationCloudUrl) GetStatusOk() (*AllocationStatusEnum, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Status, true
}

// SetStatus sets field value
func (o *AllocationCloudUrl) SetStatus(v AllocationStatusEnum) {
	o.Status = v
}

// GetUrl returns the Url field value
func (o *AllocationCloudUrl) GetUrl() string {
	if o == nil {
		var ret string
		return ret
	}

	return o.Url
}

// GetUrlOk returns a tuple with the Url field value
// and a boolean to check if the value has been set.
func (o *AllocationCloudUrl) GetUrlOk() (*string, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Url, true
}

// SetUrl sets field value
func (o *AllocationCloudUrl) SetUrl(v string) {
	o.Url = v
}

// MarshalJSON writes the model as a JSON object: the known members in the order of the API
// description (absent optional members are left out, never written as null), then the
// AdditionalProperties. It does not use reflection.
func (o AllocationCloudUrl) MarshalJSON() ([]byte, error) {
	return marshalWith(o.appendJSON)
}

// appendJSON appends the JSON object of o to dst.
func (o *AllocationCloudUrl) appendJSON(dst []byte) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	if o.Schema != nil {
		dst = append(dst, `"schema":`...)
		if dst, err = o.Schema.appendJSON(dst); err != nil {
			return dst, err
		}
		dst = append(dst, ',')
	}
	dst = append(dst, `"status":`...)
	dst = appendAllocationStatusEnum(dst, o.Status)
	dst = append(dst, `,"url":`...)
	dst = jsonwire.AppendString(dst, o.Url)
	if len(o.AdditionalProperties) != 0 {
		if dst, err = appendAdditional(dst, o.AdditionalProperties, isAllocationCloudUrlKey); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// isAllocationCloudUrlKey reports whether k is the key of a known member of AllocationCloudUrl.
func isAllocationCloudUrlKey(k string) bool {
	switch k {
	case "schema", "status", "url":
		return true
	}
	return false
}

// ToMap returns the JSON object of the model as a map from JSON keys to Go values (absent
// optional members left out), with the AdditionalProperties whose keys the model does not know.
func (o AllocationCloudUrl) ToMap() (map[string]interface{}, error) {
	toSerialize := map[string]interface{}{}
	if o.Schema != nil {
		toSerialize["schema"] = o.Schema
	}
	toSerialize["status"] = o.Status
	toSerialize["url"] = o.Url
	copyAdditional(toSerialize, o.AdditionalProperties, isAllocationCloudUrlKey)
	return toSerialize, nil
}

// UnmarshalJSON reads the model from a JSON object in one pass, without reflection. Unknown
// members go to AdditionalProperties; unknown enum values are kept. A missing or null required
// member, a value of the wrong type or invalid JSON gives a *DecodeError naming the JSON path;
// o is left unchanged then.
func (o *AllocationCloudUrl) UnmarshalJSON(data []byte) error {
	var s decodeState
	s.Reset(data)
	var v AllocationCloudUrl
	err := v.decodeJSON(&s, nil)
	if err == nil {
		err = s.Finish()
	}
	if err != nil {
		return s.fail(err, "AllocationCloudUrl")
	}
	*o = v
	return nil
}

// allocationCloudUrlRequired lists the required keys of AllocationCloudUrl, in the order of their bits in decodeJSON.
var allocationCloudUrlRequired = [...]string{"status", "url"}

// decodeJSON reads an object into o (which it resets first) at path p.
func (o *AllocationCloudUrl) decodeJSON(s *decodeState, p *jpath) error {
	*o = AllocationCloudUrl{}
	if err := s.ObjectStart(); err != nil {
		return fieldError(p, "", err, typeAllocationCloudUrl, s.Offset())
	}
	var seen uint8
	for first := true; ; first = false {
		raw, esc, more, err := s.ObjectNext(first)
		if err != nil {
			return fieldError(p, "", err, typeAllocationCloudUrl, s.Offset())
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
		case "status":
			null, err := s.ReadNull()
			if err == nil && !null {
				o.Status, err = readAllocationStatusEnum(s)
			}
			if err != nil {
				return fieldError(p, "status", err, typeAllocationStatusEnum, s.Offset())
			}
			if null {
				var zero AllocationStatusEnum
				o.Status = zero
				seen &^= 1 << 0
			} else {
				seen |= 1 << 0
			}
		case "url":
			null, err := s.ReadNull()
			if err == nil && !null {
				o.Url, err = s.ReadString()
			}
			if err != nil {
				return fieldError(p, "url", err, typeString, s.Offset())
			}
			if null {
				var zero string
				o.Url = zero
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
	if seen != 1<<len(allocationCloudUrlRequired)-1 {
		for i, k := range allocationCloudUrlRequired {
			if seen&(1<<i) == 0 {
				return requiredError(p, k, s.Offset()-1)
			}
		}
	}
	return nil
}

// NullableAllocationCloudUrl is a AllocationCloudUrl that can also be explicitly null or unset.
type NullableAllocationCloudUrl struct {
	value *AllocationCloudUrl
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableAllocationCloudUrl) Get() *AllocationCloudUrl {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableAllocationCloudUrl) Set(val *AllocationCloudUrl) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableAllocationCloudUrl) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableAllocationCloudUrl) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableAllocationCloudUrl returns a set NullableAllocationCloudUrl holding val.
func NewNullableAllocationCloudUrl(val *AllocationCloudUrl) *NullableAllocationCloudUrl {
	return &NullableAllocationCloudUrl{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableAllocationCloudUrl) MarshalJSON() ([]byte, error) {
	if v.value == nil {
		return []byte("null"), nil
	}
	return v.value.MarshalJSON()
}

// UnmarshalJSON reads a JSON object or null and marks the value set.
func (v *NullableAllocationCloudUrl) UnmarshalJSON(src []byte) error {
	v.isSet = true
	if isJSONNull(src) {
		v.value = nil
		return nil
	}
	var x AllocationCloudUrl
	if err := x.UnmarshalJSON(src); err != nil {
		return err
	}
	v.value = &x
	return nil
}
