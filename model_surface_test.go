package piecesos

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The generator's surface: code written against OpenAPI Generator v7's output must compile and
// behave the same. These tests use every name.

func TestSurfaceNilReceivers(t *testing.T) {
	var c *AllocationCloud
	assert.Equal(t, "", c.GetId())
	assert.Equal(t, "", c.GetUser())
	assert.Equal(t, "", c.GetProject())
	assert.Equal(t, AllocationCloudUrls{}, c.GetUrls())
	assert.Equal(t, AllocationCloudStatus{}, c.GetStatus())
	assert.Equal(t, EmbeddedModelSchema{}, c.GetSchema())
	assert.Equal(t, GroupedTimestamp{}, c.GetUpdated())
	assert.Equal(t, "", c.GetVersion())
	assert.Equal(t, "", c.GetRegion())
	for _, ok := range []bool{okOf(c.GetIdOk()), okOf(c.GetUserOk()), okOf(c.GetProjectOk()), okOf(c.GetUrlsOk()),
		okOf(c.GetStatusOk()), okOf(c.GetSchemaOk()), okOf(c.GetUpdatedOk()), okOf(c.GetVersionOk()), okOf(c.GetRegionOk())} {
		assert.False(t, ok)
	}
	assert.False(t, c.HasSchema())
	assert.False(t, c.HasUpdated())
	assert.False(t, c.HasVersion())
	assert.False(t, c.HasRegion())

	var u *AllocationCloudUrls
	assert.Equal(t, AllocationCloudUrl{}, u.GetBase())
	assert.Equal(t, AllocationCloudUrl{}, u.GetId())
	assert.Equal(t, AllocationCloudUrl{}, u.GetVanity())
	assert.False(t, u.HasVanity())
	assert.False(t, u.HasSchema())
	assert.False(t, okOf(u.GetBaseOk()))
	assert.False(t, okOf(u.GetIdOk()))
	assert.False(t, okOf(u.GetVanityOk()))
	assert.False(t, okOf(u.GetSchemaOk()))

	var url *AllocationCloudUrl
	assert.Equal(t, AllocationStatusEnum(""), url.GetStatus())
	assert.Equal(t, "", url.GetUrl())
	assert.False(t, url.HasSchema())
	assert.Equal(t, EmbeddedModelSchema{}, url.GetSchema())
	assert.False(t, okOf(url.GetStatusOk()))
	assert.False(t, okOf(url.GetUrlOk()))
	assert.False(t, okOf(url.GetSchemaOk()))

	var st *AllocationCloudStatus
	assert.Equal(t, AllocationStatusEnum(""), st.GetCloud())
	assert.False(t, okOf(st.GetCloudOk()))
	assert.False(t, st.HasSchema())
	assert.Equal(t, EmbeddedModelSchema{}, st.GetSchema())
	assert.False(t, okOf(st.GetSchemaOk()))

	var s *EmbeddedModelSchema
	assert.Equal(t, int32(0), s.GetMigration())
	assert.Equal(t, EmbeddedModelSchemaSemanticVersionEnum(""), s.GetSemantic())
	assert.False(t, okOf(s.GetMigrationOk()))
	assert.False(t, okOf(s.GetSemanticOk()))

	var g *GroupedTimestamp
	assert.Equal(t, time.Time{}, g.GetValue())
	assert.Equal(t, "", g.GetReadable())
	assert.False(t, g.HasReadable())
	assert.False(t, g.HasSchema())
	assert.Equal(t, EmbeddedModelSchema{}, g.GetSchema())
	assert.False(t, okOf(g.GetValueOk()))
	assert.False(t, okOf(g.GetReadableOk()))
	assert.False(t, okOf(g.GetSchemaOk()))
}

func okOf[T any](_ T, ok bool) bool { return ok }

func TestSurfaceSettersAndGetters(t *testing.T) {
	base := NewAllocationCloudUrl(ALLOCATIONSTATUSENUM_RUNNING, "https://b")
	id := NewAllocationCloudUrlWithDefaults()
	id.SetStatus(ALLOCATIONSTATUSENUM_SUCCEEDED)
	id.SetUrl("https://i")
	id.SetSchema(*NewEmbeddedModelSchemaWithDefaults())
	urls := NewAllocationCloudUrls(*base, *id)
	urls.SetVanity(*NewAllocationCloudUrl(ALLOCATIONSTATUSENUM_PENDING, "https://v"))
	urls.SetSchema(*NewEmbeddedModelSchema(3, EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN))
	status := NewAllocationCloudStatusWithDefaults()
	status.SetCloud(ALLOCATIONSTATUSENUM_FAILED)
	status.SetSchema(*NewEmbeddedModelSchemaWithDefaults())
	c := NewAllocationCloudWithDefaults()
	c.SetId("i")
	c.SetUser("u")
	c.SetUrls(*urls)
	c.SetStatus(*status)
	c.SetProject("p")
	c.SetSchema(*NewEmbeddedModelSchemaWithDefaults())
	when := time.Date(2026, 11, 26, 19, 56, 10, 0, time.UTC)
	ts := NewGroupedTimestampWithDefaults()
	ts.SetValue(when)
	ts.SetReadable("now")
	ts.SetSchema(*NewEmbeddedModelSchemaWithDefaults())
	c.SetUpdated(*ts)
	c.SetVersion("1")
	c.SetRegion("r")

	assert.Equal(t, EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1, NewEmbeddedModelSchemaWithDefaults().Semantic)
	assert.Equal(t, int32(3), c.Urls.Schema.GetMigration())

	v, ok := c.GetIdOk()
	require.True(t, ok)
	*v = "changed through GetIdOk"
	assert.Equal(t, "changed through GetIdOk", c.GetId())
	assert.True(t, c.HasSchema() && c.HasUpdated() && c.HasVersion() && c.HasRegion())
	assert.True(t, c.Urls.HasVanity() && c.Urls.HasSchema() && c.Status.HasSchema() && c.Urls.Id.HasSchema())
	assert.True(t, c.Updated.HasReadable() && c.Updated.HasSchema())
	r, ok := c.GetRegionOk()
	assert.True(t, ok)
	assert.Equal(t, "r", *r)
	uv, ok := c.GetUrlsOk()
	assert.True(t, ok)
	assert.Equal(t, "https://v", uv.Vanity.GetUrl())
	sv, ok := c.GetStatusOk()
	assert.True(t, ok)
	assert.Equal(t, ALLOCATIONSTATUSENUM_FAILED, sv.GetCloud())
	tv, ok := c.Updated.GetValueOk()
	assert.True(t, ok)
	assert.Equal(t, when, *tv)
	mv, ok := c.Urls.Schema.GetMigrationOk()
	assert.True(t, ok)
	assert.Equal(t, int32(3), *mv)
	sem, ok := c.Urls.Schema.GetSemanticOk()
	assert.True(t, ok)
	assert.Equal(t, EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN, *sem)
	c.Urls.Schema.SetMigration(4)
	c.Urls.Schema.SetSemantic(EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1)
	c.Urls.SetBase(*NewAllocationCloudUrl(ALLOCATIONSTATUSENUM_DISCONNECTED, "https://b2"))
	c.Urls.SetId(*id)
	for _, ok := range []bool{okOf(c.GetUserOk()), okOf(c.GetProjectOk()), okOf(c.GetSchemaOk()), okOf(c.GetUpdatedOk()),
		okOf(c.GetVersionOk()), okOf(c.Urls.GetBaseOk()), okOf(c.Urls.GetIdOk()), okOf(c.Urls.GetVanityOk()),
		okOf(c.Urls.GetSchemaOk()), okOf(c.Urls.Base.GetStatusOk()), okOf(c.Urls.Base.GetUrlOk()),
		okOf(c.Urls.Id.GetSchemaOk()), okOf(c.Status.GetCloudOk()), okOf(c.Status.GetSchemaOk()),
		okOf(c.Updated.GetReadableOk()), okOf(c.Updated.GetSchemaOk())} {
		assert.True(t, ok)
	}
	assert.Equal(t, "u", c.GetUser())
	assert.Equal(t, "1", c.GetVersion())
	assert.Equal(t, "now", c.Updated.GetReadable())

	out, err := json.Marshal(c)
	require.NoError(t, err)
	var back AllocationCloud
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, *c, back)
}

func TestSurfaceToMap(t *testing.T) {
	var c AllocationCloud
	require.NoError(t, c.UnmarshalJSON([]byte(fullJSON)))
	c.AdditionalProperties = map[string]interface{}{"extra": 1.0, "id": "ignored"}
	m, err := c.ToMap()
	require.NoError(t, err)
	assert.Equal(t, c.Id, m["id"])
	assert.Equal(t, c.Schema, m["schema"])
	assert.Equal(t, c.Urls, m["urls"])
	assert.Equal(t, c.Updated, m["updated"])
	assert.Equal(t, 1.0, m["extra"])
	assert.Len(t, m, 10)

	// Through encoding/json, ToMap gives the same JSON as MarshalJSON.
	fromMap, err := json.Marshal(m)
	require.NoError(t, err)
	direct, err := c.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(direct), string(fromMap))

	min := NewAllocationCloudStatus(ALLOCATIONSTATUSENUM_RUNNING)
	sm, err := min.ToMap()
	require.NoError(t, err)
	assert.Equal(t, map[string]interface{}{"cloud": ALLOCATIONSTATUSENUM_RUNNING}, sm)
	for _, mn := range []MappedNullable{&c.Urls, &c.Urls.Base, c.Schema, c.Updated, &c.Status} {
		mm, err := mn.ToMap()
		require.NoError(t, err)
		assert.NotEmpty(t, mm)
	}
}

func TestSurfaceEnums(t *testing.T) {
	assert.Equal(t, []AllocationStatusEnum{"UNKNOWN", "PENDING", "RUNNING", "FAILED", "SUCCEEDED", "DISCONNECTED"}, AllowedAllocationStatusEnumEnumValues)
	assert.Equal(t, []EmbeddedModelSchemaSemanticVersionEnum{"UNKNOWN", "MAJOR_0_MINOR_0_PATCH_1"}, AllowedEmbeddedModelSchemaSemanticVersionEnumEnumValues)
	for _, v := range AllowedAllocationStatusEnumEnumValues {
		p, err := NewAllocationStatusEnumFromValue(string(v))
		require.NoError(t, err)
		assert.Equal(t, v, *p)
		assert.True(t, v.IsValid())
		assert.Equal(t, v, *v.Ptr())
	}
	_, err := NewAllocationStatusEnumFromValue("HIBERNATING")
	assert.EqualError(t, err, "invalid value 'HIBERNATING' for AllocationStatusEnum: valid values are [UNKNOWN PENDING RUNNING FAILED SUCCEEDED DISCONNECTED]")
	p, err := NewEmbeddedModelSchemaSemanticVersionEnumFromValue("MAJOR_0_MINOR_0_PATCH_1")
	require.NoError(t, err)
	assert.Equal(t, EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1, *p)
	_, err = NewEmbeddedModelSchemaSemanticVersionEnumFromValue("MAJOR_9")
	assert.Error(t, err)
	assert.Equal(t, EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN, *EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN.Ptr())
	assert.False(t, EmbeddedModelSchemaSemanticVersionEnum("x").IsValid())

	// UnmarshalJSON keeps unknown values (the generator's version fails) and leaves null alone.
	var e AllocationStatusEnum
	require.NoError(t, json.Unmarshal([]byte(`"RUNNING"`), &e))
	assert.Equal(t, ALLOCATIONSTATUSENUM_RUNNING, e)
	require.NoError(t, json.Unmarshal([]byte(`"HIBERNATING"`), &e))
	assert.Equal(t, AllocationStatusEnum("HIBERNATING"), e)
	require.NoError(t, json.Unmarshal([]byte(`null`), &e))
	assert.Equal(t, AllocationStatusEnum("HIBERNATING"), e)
	require.NoError(t, e.UnmarshalJSON([]byte(` "\u0050ENDING" `)))
	assert.Equal(t, ALLOCATIONSTATUSENUM_PENDING, e)
	err = e.UnmarshalJSON([]byte(`5`))
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "AllocationStatusEnum", de.Model)
	assert.Error(t, e.UnmarshalJSON([]byte(`"a" "b"`)))
	var sv EmbeddedModelSchemaSemanticVersionEnum
	require.NoError(t, sv.UnmarshalJSON([]byte(`"MAJOR_0_MINOR_0_PATCH_1"`)))
	assert.Equal(t, EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1, sv)
	assert.Error(t, sv.UnmarshalJSON([]byte(`{}`)))

	// Enums encode as plain strings.
	b, err := json.Marshal(struct{ S AllocationStatusEnum }{ALLOCATIONSTATUSENUM_FAILED})
	require.NoError(t, err)
	assert.Equal(t, `{"S":"FAILED"}`, string(b))
}

func TestSurfaceNullableModels(t *testing.T) {
	var c AllocationCloud
	require.NoError(t, c.UnmarshalJSON(sampleJSON(t)))

	n := NewNullableAllocationCloud(&c)
	assert.True(t, n.IsSet())
	assert.Equal(t, &c, n.Get())
	b, err := n.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(sampleJSON(t)), string(b))
	n.Unset()
	assert.False(t, n.IsSet())
	assert.Nil(t, n.Get())
	b, err = n.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	require.NoError(t, n.UnmarshalJSON(sampleJSON(t)))
	assert.True(t, n.IsSet())
	assert.Equal(t, c, *n.Get())
	require.NoError(t, n.UnmarshalJSON([]byte(" null ")))
	assert.True(t, n.IsSet())
	assert.Nil(t, n.Get())
	n.Set(&c)
	assert.Equal(t, &c, n.Get())
	err = n.UnmarshalJSON([]byte(`{}`))
	assert.ErrorIs(t, err, ErrRequiredPropertyMissing)

	// Each model's Nullable type, through encoding/json in a struct.
	type holder struct {
		S  NullableAllocationCloudStatus                  `json:"s"`
		U  NullableAllocationCloudUrls                    `json:"u"`
		L  NullableAllocationCloudUrl                     `json:"l"`
		E  NullableEmbeddedModelSchema                    `json:"e"`
		G  NullableGroupedTimestamp                       `json:"g"`
		A  NullableAllocationStatusEnum                   `json:"a"`
		V  NullableEmbeddedModelSchemaSemanticVersionEnum `json:"v"`
		C  NullableAllocationCloud                        `json:"c"`
		N  NullableAllocationCloudStatus                  `json:"n"`
		NA NullableAllocationStatusEnum                   `json:"na"`
	}
	in := `{"s":{"cloud":"RUNNING"},"u":{"base":{"status":"RUNNING","url":"b"},"id":{"status":"RUNNING","url":"i"}},` +
		`"l":{"status":"FAILED","url":"x"},"e":{"migration":1,"semantic":"UNKNOWN"},"g":{"value":"2026-01-01T00:00:00Z"},` +
		`"a":"PENDING","v":"MAJOR_0_MINOR_0_PATCH_1","c":` + string(b) + `,"n":null,"na":null}`
	var h holder
	require.NoError(t, json.Unmarshal([]byte(in), &h))
	assert.Equal(t, ALLOCATIONSTATUSENUM_RUNNING, h.S.Get().Cloud)
	assert.Equal(t, "i", h.U.Get().Id.Url)
	assert.Equal(t, "x", h.L.Get().Url)
	assert.Equal(t, int32(1), h.E.Get().Migration)
	assert.Equal(t, 2026, h.G.Get().Value.Year())
	assert.Equal(t, ALLOCATIONSTATUSENUM_PENDING, *h.A.Get())
	assert.Equal(t, EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1, *h.V.Get())
	assert.True(t, h.N.IsSet())
	assert.Nil(t, h.N.Get())
	assert.True(t, h.NA.IsSet())
	assert.Nil(t, h.NA.Get())
	out, err := json.Marshal(h)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))

	// The rest of the Nullable methods, for each type.
	s := NewNullableAllocationCloudStatus(nil)
	assert.True(t, s.IsSet())
	s.Set(NewAllocationCloudStatus(ALLOCATIONSTATUSENUM_FAILED))
	s.Unset()
	assert.False(t, s.IsSet())
	u := NewNullableAllocationCloudUrls(nil)
	u.Set(&AllocationCloudUrls{})
	u.Unset()
	assert.Nil(t, u.Get())
	l := NewNullableAllocationCloudUrl(nil)
	l.Set(&AllocationCloudUrl{})
	l.Unset()
	assert.Nil(t, l.Get())
	e := NewNullableEmbeddedModelSchema(nil)
	e.Set(&EmbeddedModelSchema{})
	e.Unset()
	assert.Nil(t, e.Get())
	g := NewNullableGroupedTimestamp(nil)
	g.Set(&GroupedTimestamp{})
	g.Unset()
	assert.Nil(t, g.Get())
	a := NewNullableAllocationStatusEnum(ALLOCATIONSTATUSENUM_RUNNING.Ptr())
	a.Set(nil)
	a.Unset()
	assert.False(t, a.IsSet())
	v := NewNullableEmbeddedModelSchemaSemanticVersionEnum(nil)
	v.Set(EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN.Ptr())
	v.Unset()
	assert.Nil(t, v.Get())
	for _, m := range []json.Unmarshaler{s, u, l, e, g, a, v} {
		assert.Error(t, m.UnmarshalJSON([]byte(`[]`)), "%T", m)
	}
}

func TestSurfaceUtils(t *testing.T) {
	assert.Equal(t, true, *PtrBool(true))
	assert.Equal(t, 1, *PtrInt(1))
	assert.Equal(t, int32(2), *PtrInt32(2))
	assert.Equal(t, int64(3), *PtrInt64(3))
	assert.Equal(t, float32(4.5), *PtrFloat32(4.5))
	assert.Equal(t, 5.5, *PtrFloat64(5.5))
	assert.Equal(t, "s", *PtrString("s"))
	now := time.Now()
	assert.Equal(t, now, *PtrTime(now))

	assert.True(t, IsNil(nil))
	assert.True(t, IsNil((*AllocationCloud)(nil)))
	assert.True(t, IsNil(map[string]int(nil)))
	assert.True(t, IsNil([]int(nil)))
	assert.True(t, IsNil([0]int{}))
	assert.False(t, IsNil(&AllocationCloud{}))
	assert.False(t, IsNil(0))
	assert.False(t, IsNil(""))

	type all struct {
		B  NullableBool    `json:"b"`
		I  NullableInt     `json:"i"`
		I3 NullableInt32   `json:"i3"`
		I6 NullableInt64   `json:"i6"`
		F3 NullableFloat32 `json:"f3"`
		F6 NullableFloat64 `json:"f6"`
		S  NullableString  `json:"s"`
		T  NullableTime    `json:"t"`
	}
	in := `{"b":true,"i":1,"i3":2,"i6":3,"f3":4.5,"f6":5.5,"s":"x","t":"2026-01-01T00:00:00Z"}`
	var a all
	require.NoError(t, json.Unmarshal([]byte(in), &a))
	assert.True(t, *a.B.Get())
	assert.Equal(t, 1, *a.I.Get())
	assert.Equal(t, int32(2), *a.I3.Get())
	assert.Equal(t, int64(3), *a.I6.Get())
	assert.Equal(t, float32(4.5), *a.F3.Get())
	assert.Equal(t, 5.5, *a.F6.Get())
	assert.Equal(t, "x", *a.S.Get())
	assert.Equal(t, 2026, a.T.Get().Year())
	out, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
	nulls := `{"b":null,"i":null,"i3":null,"i6":null,"f3":null,"f6":null,"s":null,"t":null}`
	var z all
	require.NoError(t, json.Unmarshal([]byte(nulls), &z))
	assert.True(t, z.B.IsSet() && z.I.IsSet() && z.I3.IsSet() && z.I6.IsSet() && z.F3.IsSet() && z.F6.IsSet() && z.S.IsSet() && z.T.IsSet())
	out, err = json.Marshal(z)
	require.NoError(t, err)
	assert.JSONEq(t, nulls, string(out))

	nb := NewNullableBool(PtrBool(false))
	nb.Set(nil)
	nb.Unset()
	assert.False(t, nb.IsSet())
	ni := NewNullableInt(PtrInt(1))
	ni.Set(nil)
	ni.Unset()
	assert.False(t, ni.IsSet())
	ni3 := NewNullableInt32(PtrInt32(1))
	ni3.Set(nil)
	ni3.Unset()
	assert.False(t, ni3.IsSet())
	ni6 := NewNullableInt64(PtrInt64(1))
	ni6.Set(nil)
	ni6.Unset()
	assert.False(t, ni6.IsSet())
	nf3 := NewNullableFloat32(PtrFloat32(1))
	nf3.Set(nil)
	nf3.Unset()
	assert.False(t, nf3.IsSet())
	nf6 := NewNullableFloat64(PtrFloat64(1))
	nf6.Set(nil)
	nf6.Unset()
	assert.False(t, nf6.IsSet())
	ns := NewNullableString(PtrString("x"))
	ns.Set(nil)
	ns.Unset()
	assert.False(t, ns.IsSet())
	nt := NewNullableTime(PtrTime(now))
	nt.Set(nil)
	nt.Unset()
	assert.False(t, nt.IsSet())
}

func TestSurfaceDecodeErrorShape(t *testing.T) {
	var c AllocationCloud
	err := c.UnmarshalJSON([]byte(`{"id":"i","user":"u","urls":{"base":{"url":"b"},"id":{"status":"RUNNING","url":"i"}},"status":{"cloud":"RUNNING"},"project":"p"}`))
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "urls.base.status", de.Path)
	assert.Equal(t, "AllocationCloud", de.Model)
	assert.True(t, errors.Is(err, ErrRequiredPropertyMissing))
	assert.Equal(t, "piecesos: decode AllocationCloud: urls.base.status: required property missing", err.Error())
	assert.Equal(t, int64(46), de.Offset) // the "}" closing urls.base

	// Each model decoded on its own names itself and paths relative to itself.
	var u AllocationCloudUrls
	err = u.UnmarshalJSON([]byte(`{"base":{"status":"RUNNING","url":"b","schema":{"migration":1}},"id":{"status":"RUNNING","url":"i"}}`))
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "AllocationCloudUrls", de.Model)
	assert.Equal(t, "base.schema.semantic", de.Path)
	var l AllocationCloudUrl
	require.ErrorAs(t, l.UnmarshalJSON([]byte(`{"status":"RUNNING"}`)), &de)
	assert.Equal(t, "url", de.Path)
	var st AllocationCloudStatus
	require.ErrorAs(t, st.UnmarshalJSON([]byte(`{"cloud":1}`)), &de)
	assert.Equal(t, "cloud", de.Path)
	assert.Equal(t, "AllocationCloudStatus", de.Model)
	var te *json.UnmarshalTypeError
	require.ErrorAs(t, err, &de)
	require.ErrorAs(t, st.UnmarshalJSON([]byte(`{"cloud":1}`)), &te)
	assert.Equal(t, "json: cannot unmarshal number into Go struct field AllocationCloudStatus.cloud of type piecesos.AllocationStatusEnum", te.Error())
	var g GroupedTimestamp
	require.ErrorAs(t, g.UnmarshalJSON([]byte(`[]`)), &de)
	assert.Equal(t, "", de.Path)
	var s EmbeddedModelSchema
	require.ErrorAs(t, s.UnmarshalJSON([]byte(`{"migration":1,"semantic":"UNKNOWN"`)), &de)
	assert.Equal(t, "unexpected end of JSON input", de.Err.Error())
}

func TestSurfaceEveryModelEdges(t *testing.T) {
	var c AllocationCloud
	require.NoError(t, c.UnmarshalJSON([]byte(fullJSON)))
	assert.Equal(t, c.Urls, c.GetUrls())
	assert.Equal(t, c.Status, c.GetStatus())
	assert.Equal(t, *c.Updated, c.GetUpdated())
	assert.Equal(t, c.Urls.Base, c.Urls.GetBase())
	assert.Equal(t, c.Urls.Id, c.Urls.GetId())
	assert.Equal(t, *c.Urls.Schema, c.Urls.GetSchema())
	assert.Equal(t, *c.Status.Schema, c.Status.GetSchema())
	assert.Equal(t, *c.Urls.Base.Schema, c.Urls.Base.GetSchema())
	assert.Equal(t, *c.Updated.Schema, c.Updated.GetSchema())
	assert.NotNil(t, NewAllocationCloudUrlsWithDefaults())

	// At every level: a caller-set additional property named like a known member is ignored by
	// MarshalJSON and ToMap; one encoding/json cannot write fails the whole MarshalJSON.
	aps := []*map[string]interface{}{&c.AdditionalProperties, &c.Schema.AdditionalProperties, &c.Urls.AdditionalProperties,
		&c.Urls.Schema.AdditionalProperties, &c.Urls.Base.AdditionalProperties, &c.Urls.Base.Schema.AdditionalProperties,
		&c.Urls.Id.AdditionalProperties, &c.Urls.Vanity.AdditionalProperties, &c.Status.AdditionalProperties,
		&c.Status.Schema.AdditionalProperties, &c.Updated.AdditionalProperties, &c.Updated.Schema.AdditionalProperties}
	known := []string{"id", "migration", "base", "semantic", "url", "migration", "status", "url", "cloud", "semantic", "value", "migration"}
	want, err := c.MarshalJSON()
	require.NoError(t, err)
	for i, ap := range aps {
		*ap = map[string]interface{}{known[i]: "shadow"}
		got, err := c.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), known[i])
		*ap = map[string]interface{}{"bad": make(chan int)}
		_, err = c.MarshalJSON()
		assert.Error(t, err, "level %d", i)
		_, err = json.Marshal(&c)
		assert.Error(t, err)
		*ap = nil
	}
	for _, mn := range []MappedNullable{&c, c.Schema, &c.Urls, &c.Urls.Base, &c.Status, c.Updated} {
		m, err := mn.ToMap()
		require.NoError(t, err)
		assert.NotContains(t, m, "shadow")
	}
	// A time that cannot be written fails MarshalJSON at the top.
	c.Updated.Value = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err = c.MarshalJSON()
	assert.Error(t, err)

	type nullable interface {
		IsSet() bool
		MarshalJSON() ([]byte, error)
	}
	for _, n := range []nullable{NewNullableAllocationCloudUrl(&c.Urls.Base), NewNullableAllocationCloudUrls(&c.Urls),
		NewNullableAllocationCloudStatus(&c.Status), NewNullableEmbeddedModelSchema(c.Schema),
		NewNullableGroupedTimestamp(NewGroupedTimestamp(time.Unix(0, 0).UTC())),
		NewNullableAllocationStatusEnum(ALLOCATIONSTATUSENUM_FAILED.Ptr()),
		NewNullableEmbeddedModelSchemaSemanticVersionEnum(EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN.Ptr())} {
		assert.True(t, n.IsSet())
		b, err := n.MarshalJSON()
		require.NoError(t, err)
		assert.True(t, json.Valid(b), "%T", n)
	}
	var nu NullableAllocationCloudUrl
	assert.Error(t, nu.UnmarshalJSON([]byte(`{"status":"RUNNING"}`)))
	b, err := nu.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
}
