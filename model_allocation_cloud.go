package piecesos

import (
	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// checks if the AllocationCloud type satisfies the MappedNullable interface at compile time
var _ MappedNullable = &AllocationCloud{}

// AllocationCloud update && version: will be present only if your cloud was successfully spun up && running. updated: is the last time this was updated.
type AllocationCloud struct {
	Schema *EmbeddedModelSchema `json:"schema,omitempty"`
	// This is the uuid of this cloud (the same as the user id).
	Id string `json:"id"`
	// This is the user's uuid.
	User   string                `json:"user"`
	Urls   AllocationCloudUrls   `json:"urls"`
	Status AllocationCloudStatus `json:"status"`
	// This is the project that this cloud is attached to.
	Project string `json:"project"`
	// the last time this was updated
	Updated *GroupedTimestamp `json:"updated,omitempty"`
	// This is the current version of the server.
	Version *string `json:"version,omitempty"`
	// This is the region where the project is defined.
	Region *string `json:"region,omitempty"`
	// AdditionalProperties holds the members of the JSON object this SDK does not know, as
	// encoding/json decodes them into interface{} with Decoder.UseNumber: numbers are
	// json.Number, their literal text, so that 64-bit integers and numbers beyond float64 are
	// kept exactly; strings, bools, nil, []interface{} and map[string]interface{} as usual.
	// MarshalJSON writes them back after the known members, in sorted key order (a json.Number
	// verbatim); keys of known members are ignored.
	AdditionalProperties map[string]interface{}
}

// NewAllocationCloud instantiates a new AllocationCloud object
// This constructor will assign default values to properties that have it defined,
// and makes sure properties required by API are set, but the set of arguments
// will change when the set of required properties is changed
func NewAllocationCloud(id string, user string, urls AllocationCloudUrls, status AllocationCloudStatus, project string) *AllocationCloud {
	this := AllocationCloud{}
	this.Id = id
	this.User = user
	this.Urls = urls
	this.Status = status
	this.Project = project
	return &this
}

// NewAllocationCloudWithDefaults instantiates a new AllocationCloud object
// This constructor will only assign default values to properties that have it defined,
// but it doesn't guarantee that properties required by API are set
func NewAllocationCloudWithDefaults() *AllocationCloud {
	this := AllocationCloud{}
	return &this
}

// GetSchema returns the Schema field value if set, zero value otherwise.
func (o *AllocationCloud) GetSchema() EmbeddedModelSchema {
	if o == nil || o.Schema == nil {
		var ret EmbeddedModelSchema
		return ret
	}
	return *o.Schema
}

// GetSchemaOk returns a tuple with the Schema field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *AllocationCloud) GetSchemaOk() (*EmbeddedModelSchema, bool) {
	if o == nil || o.Schema == nil {
		return nil, false
	}
	return o.Schema, true
}

// HasSchema returns a boolean if a field has been set.
func (o *AllocationCloud) HasSchema() bool {
	if o != nil && o.Schema != nil {
		return true
	}

	return false
}

// SetSchema gets a reference to the given EmbeddedModelSchema and assigns it to the Schema field.
func (o *AllocationCloud) SetSchema(v EmbeddedModelSchema) {
	o.Schema = &v
}

// GetId returns the Id field value
func (o *AllocationCloud) GetId() string {
	if o == nil {
		var ret string
		return ret
	}

	return o.Id
}

// GetIdOk returns a tuple with the Id field value
// and a boolean to check if the value has been set.
func (o *AllocationCloud) GetIdOk() (*string, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Id, true
}

// SetId sets field value
func (o *AllocationCloud) SetId(v string) {
	o.Id = v
}

// GetUser returns the User field value
func (o *AllocationCloud) GetUser() string {
	if o == nil {
		var ret string
		return ret
	}

	return o.User
}

// GetUserOk returns a tuple with the User field value
// and a boolean to check if the value has been set.
func (o *AllocationCloud) GetUserOk() (*string, bool) {
	if o == nil {
		return nil, false
	}
	return &o.User, true
}

// SetUser sets field value
func (o *AllocationCloud) SetUser(v string) {
	o.User = v
}

// GetUrls returns the Urls field value
func (o *AllocationCloud) GetUrls() AllocationCloudUrls {
	if o == nil {
		var ret AllocationCloudUrls
		return ret
	}

	return o.Urls
}

// GetUrlsOk returns a tuple with the Urls field value
// and a boolean to check if the value has been set.
func (o *AllocationCloud) GetUrlsOk() (*AllocationCloudUrls, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Urls, true
}

// SetUrls sets field value
func (o *AllocationCloud) SetUrls(v AllocationCloudUrls) {
	o.Urls = v
}

// GetStatus returns the Status field value
func (o *AllocationCloud) GetStatus() AllocationCloudStatus {
	if o == nil {
		var ret AllocationCloudStatus
		return ret
	}

	return o.Status
}

// GetStatusOk returns a tuple with the Status field value
// and a boolean to check if the value has been set.
func (o *AllocationCloud) GetStatusOk() (*AllocationCloudStatus, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Status, true
}

// SetStatus sets field value
func (o *AllocationCloud) SetStatus(v AllocationCloudStatus) {
	o.Status = v
}

// GetProject returns the Project field value
func (o *AllocationCloud) GetProject() string {
	if o == nil {
		var ret string
		return ret
	}

	return o.Project
}

// GetProjectOk returns a tuple with the Project field value
// and a boolean to check if the value has been set.
func (o *AllocationCloud) GetProjectOk() (*string, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Project, true
}

// SetProject sets field value
func (o *AllocationCloud) SetProject(v string) {
	o.Project = v
}

// GetUpdated returns the Updated field value if set, zero value otherwise.
func (o *AllocationCloud) GetUpdated() GroupedTimestamp {
	if o == nil || o.Updated == nil {
		var ret GroupedTimestamp
		return ret
	}
	return *o.Updated
}

// GetUpdatedOk returns a tuple with the Updated field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *AllocationCloud) GetUpdatedOk() (*GroupedTimestamp, bool) {
	if o == nil || o.Updated == nil {
		return nil, false
	}
	return o.Updated, true
}

// HasUpdated returns a boolean if a field has been set.
func (o *AllocationCloud) HasUpdated() bool {
	if o != nil && o.Updated != nil {
		return true
	}

	return false
}

// SetUpdated gets a reference to the given GroupedTimestamp and assigns it to the Updated field.
func (o *AllocationCloud) SetUpdated(v GroupedTimestamp) {
	o.Updated = &v
}

// GetVersion returns the Version field value if set, zero value otherwise.
func (o *AllocationCloud) GetVersion() string {
	if o == nil || o.Version == nil {
		var ret string
		return ret
	}
	return *o.Version
}

// GetVersionOk returns a tuple with the Version field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *AllocationCloud) GetVersionOk() (*string, bool) {
	if o == nil || o.Version == nil {
		return nil, false
	}
	return o.Version, true
}

// HasVersion returns a boolean if a field has been set.
func (o *AllocationCloud) HasVersion() bool {
	if o != nil && o.Version != nil {
		return true
	}

	return false
}

// SetVersion gets a reference to the given string and assigns it to the Version field.
func (o *AllocationCloud) SetVersion(v string) {
	o.Version = &v
}

// GetRegion returns the Region field value if set, zero value otherwise.
func (o *AllocationCloud) GetRegion() string {
	if o == nil || o.Region == nil {
		var ret string
		return ret
	}
	return *o.Region
}

// GetRegionOk returns a tuple with the Region field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *AllocationCloud) GetRegionOk() (*string, bool) {
	if o == nil || o.Region == nil {
		return nil, false
	}
	return o.Region, true
}

// HasRegion returns a boolean if a field has been set.
func (o *AllocationCloud) HasRegion() bool {
	if o != nil && o.Region != nil {
		return true
	}

	return false
}

// SetRegion gets a reference to the given string and assigns it to the Region field.
func (o *AllocationCloud) SetRegion(v string) {
	o.Region = &v
}

// MarshalJSON writes the model as a JSON object: the known members in the order of the API
// description (absent optional members are left out, never written as null), then the
// AdditionalProperties. It does not use reflection.
func (o AllocationCloud) MarshalJSON() ([]byte, error) {
	return marshalWith(o.appendJSON)
}

// appendJSON appends the JSON object of o to dst.
func (o *AllocationCloud) appendJSON(dst []byte) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	if o.Schema != nil {
		dst = append(dst, `"schema":`...)
		if dst, err = o.Schema.appendJSON(dst); err != nil {
			return dst, err
		}
		dst = append(dst, ',')
	}
	dst = append(dst, `"id":`...)
	dst = jsonwire.AppendString(dst, o.Id)
	dst = append(dst, `,"user":`...)
	dst = jsonwire.AppendString(dst, o.User)
	dst = append(dst, `,"urls":`...)
	if dst, err = o.Urls.appendJSON(dst); err != nil {
		return dst, err
	}
	dst = append(dst, `,"status":`...)
	if dst, err = o.Status.appendJSON(dst); err != nil {
		return dst, err
	}
	dst = append(dst, `,"project":`...)
	dst = jsonwire.AppendString(dst, o.Project)
	if o.Updated != nil {
		dst = append(dst, `,"updated":`...)
		if dst, err = o.Updated.appendJSON(dst); err != nil {
			return dst, err
		}
	}
	if o.Version != nil {
		dst = append(dst, `,"version":`...)
		dst = jsonwire.AppendString(dst, *o.Version)
	}
	if o.Region != nil {
		dst = append(dst, `,"region":`...)
		dst = jsonwire.AppendString(dst, *o.Region)
	}
	if len(o.AdditionalProperties) != 0 {
		if dst, err = appendAdditional(dst, o.AdditionalProperties, isAllocationCloudKey); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// isAllocationCloudKey reports whether k is the key of a known member of AllocationCloud.
func isAllocationCloudKey(k string) bool {
	switch k {
	case "schema", "id", "user", "urls", "status", "project", "updated", "version", "region":
		return true
	}
	return false
}

// ToMap returns the JSON object of the model as a map from JSON keys to Go values (absent
// optional members left out), with the AdditionalProperties whose keys the model does not know.
func (o AllocationCloud) ToMap() (map[string]interface{}, error) {
	toSerialize := map[string]interface{}{}
	if o.Schema != nil {
		toSerialize["schema"] = o.Schema
	}
	toSerialize["id"] = o.Id
	toSerialize["user"] = o.User
	toSerialize["urls"] = o.Urls
	toSerialize["status"] = o.Status
	toSerialize["project"] = o.Project
	if o.Updated != nil {
		toSerialize["updated"] = o.Updated
	}
	if o.Version != nil {
		toSerialize["version"] = o.Version
	}
	if o.Region != nil {
		toSerialize["region"] = o.Region
	}
	copyAdditional(toSerialize, o.AdditionalProperties, isAllocationCloudKey)
	return toSerialize, nil
}

// UnmarshalJSON reads the model from a JSON object in one pass, without reflection. Unknown
// members go to AdditionalProperties; unknown enum values are kept. A missing or null required
// member, a value of the wrong type or invalid JSON gives a *DecodeError naming the JSON path;
// o is left unchanged then.
func (o *AllocationCloud) UnmarshalJSON(data []byte) error {
	var s decodeState
	s.Reset(data)
	var v AllocationCloud
	err := v.decodeJSON(&s, nil)
	if err == nil {
		err = s.Finish()
	}
	if err != nil {
		return s.fail(err, "AllocationCloud")
	}
	*o = v
	return nil
}

// allocationCloudRequired lists the required keys of AllocationCloud, in the order of their bits in decodeJSON.
var allocationCloudRequired = [...]string{"id", "user", "urls", "status", "project"}

// decodeJSON reads an object into o (which it resets first) at path p.
func (o *AllocationCloud) decodeJSON(s *decodeState, p *jpath) error {
	*o = AllocationCloud{}
	if err := s.ObjectStart(); err != nil {
		return fieldError(p, "", err, typeAllocationCloud, s.Offset())
	}
	var seen uint8
	for first := true; ; first = false {
		raw, esc, more, err := s.ObjectNext(first)
		if err != nil {
			return fieldError(p, "", err, typeAllocationCloud, s.Offset())
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
		case "id":
			null, err := s.ReadNull()
			if err == nil && !null {
				o.Id, err = s.ReadString()
			}
			if err != nil {
				return fieldError(p, "id", err, typeString, s.Offset())
			}
			if null {
				var zero string
				o.Id = zero
				seen &^= 1 << 0
			} else {
				seen |= 1 << 0
			}
		case "user":
			null, err := s.ReadNull()
			if err == nil && !null {
				o.User, err = s.ReadString()
			}
			if err != nil {
				return fieldError(p, "user", err, typeString, s.Offset())
			}
			if null {
				var zero string
				o.User = zero
				seen &^= 1 << 1
			} else {
				seen |= 1 << 1
			}
		case "urls":
			null, err := s.ReadNull()
			if err != nil {
				return fieldError(p, "urls", err, typeAllocationCloudUrls, s.Offset())
			}
			if null {
				o.Urls = AllocationCloudUrls{}
				seen &^= 1 << 2
				break
			}
			if err := o.Urls.decodeJSON(s, &jpath{p, "urls"}); err != nil {
				return err
			}
			seen |= 1 << 2
		case "status":
			null, err := s.ReadNull()
			if err != nil {
				return fieldError(p, "status", err, typeAllocationCloudStatus, s.Offset())
			}
			if null {
				o.Status = AllocationCloudStatus{}
				seen &^= 1 << 3
				break
			}
			if err := o.Status.decodeJSON(s, &jpath{p, "status"}); err != nil {
				return err
			}
			seen |= 1 << 3
		case "project":
			null, err := s.ReadNull()
			if err == nil && !null {
				o.Project, err = s.ReadString()
			}
			if err != nil {
				return fieldError(p, "project", err, typeString, s.Offset())
			}
			if null {
				var zero string
				o.Project = zero
				seen &^= 1 << 4
			} else {
				seen |= 1 << 4
			}
		case "updated":
			null, err := s.ReadNull()
			if err != nil {
				return fieldError(p, "updated", err, typeGroupedTimestamp, s.Offset())
			}
			if null {
				o.Updated = nil
				break
			}
			v := s.newStamp()
			if err := v.decodeJSON(s, &jpath{p, "updated"}); err != nil {
				return err
			}
			o.Updated = v
		case "version":
			null, err := s.ReadNull()
			if err == nil && !null {
				var v string
				if v, err = s.ReadString(); err == nil {
					o.Version = s.newString()
					*o.Version = v
				}
			}
			if err != nil {
				return fieldError(p, "version", err, typeString, s.Offset())
			}
			if null {
				o.Version = nil
			}
		case "region":
			null, err := s.ReadNull()
			if err == nil && !null {
				var v string
				if v, err = s.ReadString(); err == nil {
					o.Region = s.newString()
					*o.Region = v
				}
			}
			if err != nil {
				return fieldError(p, "region", err, typeString, s.Offset())
			}
			if null {
				o.Region = nil
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
	if seen != 1<<len(allocationCloudRequired)-1 {
		for i, k := range allocationCloudRequired {
			if seen&(1<<i) == 0 {
				return requiredError(p, k, s.Offset()-1)
			}
		}
	}
	return nil
}

// NullableAllocationCloud is a AllocationCloud that can also be explicitly null or unset.
type NullableAllocationCloud struct {
	value *AllocationCloud
	isSet bool
}

// Get returns the value, nil when null or unset.
func (v NullableAllocationCloud) Get() *AllocationCloud {
	return v.value
}

// Set sets the value (nil means an explicit null) and marks it set.
func (v *NullableAllocationCloud) Set(val *AllocationCloud) {
	v.value = val
	v.isSet = true
}

// IsSet reports whether a value (possibly null) was set.
func (v NullableAllocationCloud) IsSet() bool {
	return v.isSet
}

// Unset clears the value and marks it unset.
func (v *NullableAllocationCloud) Unset() {
	v.value = nil
	v.isSet = false
}

// NewNullableAllocationCloud returns a set NullableAllocationCloud holding val.
func NewNullableAllocationCloud(val *AllocationCloud) *NullableAllocationCloud {
	return &NullableAllocationCloud{value: val, isSet: true}
}

// MarshalJSON writes the value, or null.
func (v NullableAllocationCloud) MarshalJSON() ([]byte, error) {
	if v.value == nil {
		return []byte("null"), nil
	}
	return v.value.MarshalJSON()
}

// UnmarshalJSON reads a JSON object or null and marks the value set.
func (v *NullableAllocationCloud) UnmarshalJSON(src []byte) error {
	v.isSet = true
	if isJSONNull(src) {
		v.value = nil
		return nil
	}
	var x AllocationCloud
	if err := x.UnmarshalJSON(src); err != nil {
		return err
	}
	v.value = &x
	return nil
}
