package test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// The fake's seed is the facts' sample, key for key.
func TestFakeSeedIsTheFactsSample(t *testing.T) {
	srv := newFake(t)
	assert.Equal(t, sampleID, piecesostest.SampleAllocationID)
	assert.JSONEq(t, factsSample, piecesostest.SampleAllocationJSON)
	stored, err := srv.GetJSON(sampleID)
	require.NoError(t, err)
	assert.JSONEq(t, factsSample, string(stored))
}

func TestSnapshotOfTheSample(t *testing.T) {
	srv := newFake(t)
	cloud, resp, err := srv.Client().AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
	require.NoError(t, err)
	require.NotNil(t, cloud)

	// The answer, and its body, which the SDK has read but the caller can still read.
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.JSONEq(t, factsSample, string(raw))

	// Every field of the facts' sample, at every level.
	want := piecesos.EmbeddedModelSchema{Migration: 0, Semantic: piecesos.EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_MAJOR_0_MINOR_0_PATCH_1}
	require.NotNil(t, cloud.Schema)
	assert.Equal(t, want, *cloud.Schema)
	assert.Equal(t, sampleID, cloud.Id)
	assert.Equal(t, sampleID, cloud.User)
	assert.Equal(t, piecesos.AllocationCloudUrl{Status: piecesos.ALLOCATIONSTATUSENUM_RUNNING, Url: "https://8f1e3c2a.pieces.cloud"}, cloud.Urls.Base)
	assert.Equal(t, piecesos.AllocationCloudUrl{Status: piecesos.ALLOCATIONSTATUSENUM_RUNNING, Url: "https://8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10.pieces.cloud"}, cloud.Urls.Id)
	require.NotNil(t, cloud.Urls.Vanity)
	assert.Equal(t, piecesos.AllocationCloudUrl{Status: piecesos.ALLOCATIONSTATUSENUM_PENDING, Url: "https://mark.pieces.cloud"}, *cloud.Urls.Vanity)
	assert.Nil(t, cloud.Urls.Schema)
	assert.Empty(t, cloud.Urls.AdditionalProperties)
	assert.Equal(t, piecesos.AllocationCloudStatus{Cloud: piecesos.ALLOCATIONSTATUSENUM_RUNNING}, cloud.Status)
	assert.Equal(t, "pieces-prod-01", cloud.Project)
	require.NotNil(t, cloud.Updated)
	assert.True(t, time.Date(2026, 11, 26, 19, 56, 10, 123_000_000, time.UTC).Equal(cloud.Updated.Value), "updated.value = %v", cloud.Updated.Value)
	assert.Equal(t, "just now", cloud.Updated.GetReadable())
	assert.Nil(t, cloud.Updated.Schema)
	assert.Empty(t, cloud.Updated.AdditionalProperties)
	assert.Equal(t, "12.3.1", cloud.GetVersion())
	assert.Equal(t, "us-central1", cloud.GetRegion())
	assert.Empty(t, cloud.AdditionalProperties)
	for _, e := range []piecesos.AllocationStatusEnum{cloud.Urls.Base.Status, cloud.Urls.Id.Status, cloud.Urls.Vanity.Status, cloud.Status.Cloud} {
		assert.True(t, e.IsValid(), e)
	}

	// Encoded again, it is the same document.
	again, err := cloud.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, factsSample, string(again))

	// On the wire: one GET of the escaped path, no body.
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, piecesostest.OpAllocationSnapshot, reqs[0].Operation)
	assert.Equal(t, http.MethodGet, reqs[0].Method)
	assert.Equal(t, "/allocation/"+sampleID, reqs[0].Path)
	assert.Empty(t, reqs[0].Body)
}

func TestUpdateRoundTrip(t *testing.T) {
	now := time.Date(2027, 1, 2, 3, 4, 5, 678_000_000, time.UTC)
	srv := newFake(t, piecesostest.WithClock(func() time.Time { return now }))
	client := srv.Client()
	ctx := context.Background()

	cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()
	require.NoError(t, err)
	cloud.SetRegion("europe-west1")
	cloud.Urls.Vanity.SetStatus(piecesos.ALLOCATIONSTATUSENUM_RUNNING)
	sent, err := cloud.MarshalJSON()
	require.NoError(t, err)

	updated, resp, err := client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	// The answer is the stored allocation: the change kept, `updated` set by the fake.
	assert.Equal(t, "europe-west1", updated.GetRegion())
	assert.Equal(t, piecesos.ALLOCATIONSTATUSENUM_RUNNING, updated.Urls.Vanity.Status)
	require.NotNil(t, updated.Updated)
	assert.True(t, now.Equal(updated.Updated.Value), "updated.value = %v, want %v", updated.Updated.Value, now)
	assert.Equal(t, "just now", updated.Updated.GetReadable())

	// What was sent is exactly the modified snapshot.
	ups := requestsOf(srv, piecesostest.OpAllocationUpdate)
	require.Len(t, ups, 1)
	assert.Equal(t, http.MethodPost, ups[0].Method)
	assert.Equal(t, "/allocation/update", ups[0].Path)
	assert.JSONEq(t, string(sent), string(ups[0].Body))

	// What is stored is what was sent, but for `updated`.
	want := jsonMap(t, sent)
	want["updated"] = map[string]interface{}{"value": "2027-01-02T03:04:05.678Z", "readable": "just now"}
	stored, err := srv.GetJSON(sampleID)
	require.NoError(t, err)
	assert.JSONEq(t, string(jsonBytes(t, want)), string(stored))

	// A later snapshot sees the change.
	again, _, err := client.AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()
	require.NoError(t, err)
	assert.Equal(t, updated, again)
}

func TestUpdateCreatesANewAllocation(t *testing.T) {
	srv := newFake(t, piecesostest.WithoutSeed())
	client := srv.Client()
	ctx := context.Background()

	urls := piecesos.NewAllocationCloudUrls(
		*piecesos.NewAllocationCloudUrl(piecesos.ALLOCATIONSTATUSENUM_PENDING, "https://new.pieces.cloud"),
		*piecesos.NewAllocationCloudUrl(piecesos.ALLOCATIONSTATUSENUM_PENDING, "https://new-id.pieces.cloud"),
	)
	status := piecesos.NewAllocationCloudStatus(piecesos.ALLOCATIONSTATUSENUM_PENDING)
	cloud := piecesos.NewAllocationCloud("new-id", "new-user", *urls, *status, "pieces-dev")

	updated, _, err := client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	require.NoError(t, err)
	assert.Equal(t, "new-id", updated.Id)
	assert.True(t, updated.HasUpdated(), "the fake sets updated")
	assert.False(t, updated.HasRegion())
	assert.Equal(t, []string{"new-id"}, srv.IDs())

	// Absent optional fields are not sent as null.
	body := string(requestsOf(srv, piecesostest.OpAllocationUpdate)[0].Body)
	assert.NotContains(t, body, "null")
	assert.JSONEq(t, `{"id":"new-id","user":"new-user","project":"pieces-dev",
		"urls":{"base":{"status":"PENDING","url":"https://new.pieces.cloud"},"id":{"status":"PENDING","url":"https://new-id.pieces.cloud"}},
		"status":{"cloud":"PENDING"}}`, body)

	got, _, err := client.AllocationAPI.AllocationSnapshot(ctx, "new-id").Execute()
	require.NoError(t, err)
	assert.Equal(t, updated, got)
}

// statusCase is one documented error answer of the Allocation API, as the SDK reports it.
type statusCase struct {
	name     string
	call     func(t *testing.T, srv *piecesostest.Server, c *piecesos.APIClient) (*piecesos.AllocationCloud, *http.Response, error)
	op       string
	status   int
	body     string // the text body, as sent and as the typed error's Message
	sentinel error
	typed    func(err error) (op string, status int, msg string, ok bool)
}

func asNotFound(err error) (string, int, string, bool) {
	var e *piecesos.CloudNotFoundError
	if !errors.As(err, &e) {
		return "", 0, "", false
	}
	return e.Operation, e.StatusCode, e.Message, true
}

func asInternal(err error) (string, int, string, bool) {
	var e *piecesos.InternalServerError
	if !errors.As(err, &e) {
		return "", 0, "", false
	}
	return e.Operation, e.StatusCode, e.Message, true
}

func asGatewayTimeout(err error) (string, int, string, bool) {
	var e *piecesos.GatewayTimeoutError
	if !errors.As(err, &e) {
		return "", 0, "", false
	}
	return e.Operation, e.StatusCode, e.Message, true
}

func updateSample(t *testing.T, srv *piecesostest.Server, c *piecesos.APIClient) (*piecesos.AllocationCloud, *http.Response, error) {
	cloud, err := srv.Get(sampleID)
	require.NoError(t, err)
	cloud.SetRegion("changed")
	return c.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(*cloud).Execute()
}

// Every documented status through the public API: the typed error, its sentinel, the generic
// error of the generator's surface, and the *http.Response with its body still readable.
func TestDocumentedStatuses(t *testing.T) {
	cases := []statusCase{
		{
			name: "410 unknown id",
			call: func(_ *testing.T, _ *piecesostest.Server, c *piecesos.APIClient) (*piecesos.AllocationCloud, *http.Response, error) {
				return c.AllocationAPI.AllocationSnapshot(context.Background(), "no-such-allocation").Execute()
			},
			op: "AllocationSnapshot", status: http.StatusGone, body: bodyNotFound,
			sentinel: piecesos.ErrCloudNotFound, typed: asNotFound,
		},
		{
			name: "410 after Remove",
			call: func(t *testing.T, srv *piecesostest.Server, c *piecesos.APIClient) (*piecesos.AllocationCloud, *http.Response, error) {
				require.True(t, srv.Remove(sampleID))
				return c.AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
			},
			op: "AllocationSnapshot", status: http.StatusGone, body: bodyNotFound,
			sentinel: piecesos.ErrCloudNotFound, typed: asNotFound,
		},
		{
			name: "500 injected on update",
			call: func(t *testing.T, srv *piecesostest.Server, c *piecesos.APIClient) (*piecesos.AllocationCloud, *http.Response, error) {
				srv.FailNext(piecesostest.OpAllocationUpdate, 1, http.StatusInternalServerError, bodyInternal)
				return updateSample(t, srv, c)
			},
			op: "AllocationUpdate", status: http.StatusInternalServerError, body: bodyInternal,
			sentinel: piecesos.ErrInternalServerError, typed: asInternal,
		},
		{
			name: "504 injected on update",
			call: func(t *testing.T, srv *piecesostest.Server, c *piecesos.APIClient) (*piecesos.AllocationCloud, *http.Response, error) {
				srv.FailNext(piecesostest.OpAllocationUpdate, 1, http.StatusGatewayTimeout, bodyGatewayTimeout)
				return updateSample(t, srv, c)
			},
			op: "AllocationUpdate", status: http.StatusGatewayTimeout, body: bodyGatewayTimeout,
			sentinel: piecesos.ErrGatewayTimeout, typed: asGatewayTimeout,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFake(t)
			cloud, resp, err := tc.call(t, srv, srv.Client())
			require.Error(t, err)
			assert.Nil(t, cloud)

			// The typed error and its sentinel.
			op, status, msg, ok := tc.typed(err)
			require.True(t, ok, "typed error missing in %T: %v", err, err)
			assert.Equal(t, tc.op, op)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.body, msg)
			assert.ErrorIs(t, err, tc.sentinel)
			for _, other := range []error{piecesos.ErrCloudNotFound, piecesos.ErrInternalServerError, piecesos.ErrGatewayTimeout} {
				if other != tc.sentinel {
					assert.NotErrorIs(t, err, other)
				}
			}

			// The generic error, returned at the top level.
			apiErr, ok := err.(*piecesos.GenericOpenAPIError)
			require.True(t, ok, "err is %T, want *GenericOpenAPIError", err)
			assert.Equal(t, tc.status, apiErr.StatusCode())
			assert.Equal(t, tc.op, apiErr.Operation())
			assert.Equal(t, 1, apiErr.Attempts(), "documented statuses of these operations are not retried by default")
			assert.Equal(t, tc.body, string(apiErr.Body()))
			assert.Equal(t, tc.body, apiErr.Model())
			assert.Equal(t, "text/plain; charset=utf-8", apiErr.Header().Get("Content-Type"))
			assert.Contains(t, apiErr.Error(), tc.op)
			assert.Contains(t, apiErr.Error(), http.StatusText(tc.status))
			assert.Contains(t, apiErr.Error(), tc.body)

			// The answer, with its body still readable.
			require.NotNil(t, resp)
			assert.Equal(t, tc.status, resp.StatusCode)
			body, rerr := io.ReadAll(resp.Body)
			require.NoError(t, rerr)
			assert.Equal(t, tc.body, string(body))
			assert.NoError(t, resp.Body.Close())

			// Not retried: exactly one request reached the fake, and nothing was stored.
			assert.Len(t, srv.Requests(), 1)
			if tc.op == "AllocationUpdate" {
				stored, err := srv.Get(sampleID)
				require.NoError(t, err)
				assert.Equal(t, "us-central1", stored.GetRegion(), "a failed update must not be stored")
			}
		})
	}
}

// An update without a model sends no body; the fake answers 500 naming the problem.
func TestUpdateWithoutBodyIs500(t *testing.T) {
	srv := newFake(t)
	cloud, resp, err := srv.Client().AllocationAPI.AllocationUpdate(context.Background()).Execute()
	assert.Nil(t, cloud)
	var ise *piecesos.InternalServerError
	require.ErrorAs(t, err, &ise)
	assert.ErrorIs(t, err, piecesos.ErrInternalServerError)
	assert.NotEmpty(t, ise.Message)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusInternalServerError, resp.StatusCode)

	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Empty(t, reqs[0].Body)
	assert.Empty(t, reqs[0].Header.Get("Content-Type"))
}

// futureDoc is the facts' sample as a newer Pieces OS might send it: unknown keys of every
// JSON type at every level, including schemas where the sample has none, and unknown values
// of both enums.
const futureDoc = `{
  "schema": {"migration": 7, "semantic": "MAJOR_2_MINOR_0_PATCH_0", "hash": "abc", "flags": [1, 2]},
  "id": "future-id",
  "user": "future-user",
  "urls": {
    "schema": {"migration": 1, "semantic": "MAJOR_0_MINOR_0_PATCH_1", "urlsSchemaExtra": null},
    "base": {"status": "HIBERNATING", "url": "https://base.pieces.cloud", "weight": 0.5,
             "schema": {"migration": 2, "semantic": "UNKNOWN", "deep": {"x": {"y": [true, false, null]}}}},
    "id": {"status": "RUNNING", "url": "https://id.pieces.cloud", "tls": {"issuer": "pieces", "expires": "2030-01-01"}},
    "vanity": {"status": "MIGRATING", "url": "https://vanity.pieces.cloud", "aliases": ["a", "b"]},
    "mirror": {"status": "RUNNING", "url": "https://mirror.pieces.cloud"}
  },
  "status": {"cloud": "SCALING", "reason": "autoscale", "replicas": 3,
             "schema": {"migration": 3, "semantic": "MAJOR_0_MINOR_0_PATCH_1", "s": "é✓ \"quoted\" \u0000"}},
  "project": "pieces-prod-02",
  "updated": {"value": "2026-11-26T19:56:10.123456789+02:00", "readable": "a moment ago", "timezone": "Europe/Paris",
              "schema": {"migration": 4, "semantic": "MAJOR_0_MINOR_0_PATCH_1", "n": -1.25e-7}},
  "version": "13.0.0",
  "region": "us-central1",
  "tier": "pro",
  "quota": {"bytes": 1099511627776, "used": 0.75, "history": [{"t": 1}, {"t": 2}], "none": null, "on": true},
  "emptyObject": {},
  "emptyArray": []
}`

// Snapshot → change one field → update loses nothing a newer Pieces OS sent: unknown keys at
// every level and unknown enum values reach the fake again, byte for byte as JSON values.
func TestRoundTripKeepsUnknownFieldsAndEnumValues(t *testing.T) {
	cases := []struct {
		name   string
		change func(c *piecesos.AllocationCloud)
		apply  func(m map[string]interface{}) // the same change on the JSON document
	}{
		{
			name:   "top-level region",
			change: func(c *piecesos.AllocationCloud) { c.SetRegion("europe-west1") },
			apply:  func(m map[string]interface{}) { m["region"] = "europe-west1" },
		},
		{
			name:   "nested url",
			change: func(c *piecesos.AllocationCloud) { c.Urls.Base.SetUrl("https://moved.pieces.cloud") },
			apply: func(m map[string]interface{}) {
				m["urls"].(map[string]interface{})["base"].(map[string]interface{})["url"] = "https://moved.pieces.cloud"
			},
		},
		{
			name:   "unknown enum value replaced by a known one",
			change: func(c *piecesos.AllocationCloud) { c.Status.SetCloud(piecesos.ALLOCATIONSTATUSENUM_RUNNING) },
			apply:  func(m map[string]interface{}) { m["status"].(map[string]interface{})["cloud"] = "RUNNING" },
		},
		{
			name:   "unknown key added by the caller",
			change: func(c *piecesos.AllocationCloud) { c.Urls.Id.AdditionalProperties["note"] = "added" },
			apply: func(m map[string]interface{}) {
				m["urls"].(map[string]interface{})["id"].(map[string]interface{})["note"] = "added"
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			now := time.Date(2027, 5, 6, 7, 8, 9, 0, time.UTC)
			srv := newFake(t, piecesostest.WithoutSeed(), piecesostest.WithClock(func() time.Time { return now }))
			require.NoError(t, srv.PutJSON([]byte(futureDoc)))
			client := srv.Client()
			ctx := context.Background()

			cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, "future-id").Execute()
			require.NoError(t, err)
			checkFutureDecoded(t, cloud)

			tc.change(cloud)
			_, _, err = client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
			require.NoError(t, err)

			// The SDK sent the document with the one change and nothing lost.
			want := jsonMap(t, []byte(futureDoc))
			tc.apply(want)
			ups := requestsOf(srv, piecesostest.OpAllocationUpdate)
			require.Len(t, ups, 1)
			sent := jsonMap(t, ups[0].Body)
			// The instant is the same; its text may be normalised (here to RFC 3339 with its offset).
			sentValue := obj(t, sent, "updated")["value"].(string)
			gotInstant, err := time.Parse(time.RFC3339Nano, sentValue)
			require.NoError(t, err)
			wantInstant, _ := time.Parse(time.RFC3339Nano, "2026-11-26T19:56:10.123456789+02:00")
			assert.True(t, wantInstant.Equal(gotInstant), "updated.value sent as %s", sentValue)
			obj(t, sent, "updated")["value"] = "2026-11-26T19:56:10.123456789+02:00"
			assert.Equal(t, want, sent)

			// The fake stored it, with only `updated` stamped.
			u := obj(t, want, "updated")
			u["value"] = "2027-05-06T07:08:09Z"
			u["readable"] = "just now"
			stored, err := srv.GetJSON("future-id")
			require.NoError(t, err)
			assert.Equal(t, want, jsonMap(t, stored))
		})
	}
}

// checkFutureDecoded checks the SDK's model of futureDoc: unknown keys in
// AdditionalProperties, unknown enum values kept verbatim and reported by IsValid.
func checkFutureDecoded(t *testing.T, c *piecesos.AllocationCloud) {
	t.Helper()
	assert.Equal(t, piecesos.EmbeddedModelSchemaSemanticVersionEnum("MAJOR_2_MINOR_0_PATCH_0"), c.Schema.Semantic)
	assert.False(t, c.Schema.Semantic.IsValid())
	assert.Equal(t, "abc", c.Schema.AdditionalProperties["hash"])
	assert.Equal(t, []interface{}{json.Number("1"), json.Number("2")}, c.Schema.AdditionalProperties["flags"])

	assert.Contains(t, c.Urls.Schema.AdditionalProperties, "urlsSchemaExtra")
	assert.Nil(t, c.Urls.Schema.AdditionalProperties["urlsSchemaExtra"])
	assert.Equal(t, piecesos.AllocationStatusEnum("HIBERNATING"), c.Urls.Base.Status)
	assert.False(t, c.Urls.Base.Status.IsValid())
	assert.Equal(t, json.Number("0.5"), c.Urls.Base.AdditionalProperties["weight"])
	assert.Equal(t, piecesos.EMBEDDEDMODELSCHEMASEMANTICVERSIONENUM_UNKNOWN, c.Urls.Base.Schema.Semantic)
	assert.Equal(t, map[string]interface{}{"x": map[string]interface{}{"y": []interface{}{true, false, nil}}}, c.Urls.Base.Schema.AdditionalProperties["deep"])
	assert.Equal(t, map[string]interface{}{"issuer": "pieces", "expires": "2030-01-01"}, c.Urls.Id.AdditionalProperties["tls"])
	assert.Equal(t, piecesos.AllocationStatusEnum("MIGRATING"), c.Urls.Vanity.Status)
	assert.Equal(t, []interface{}{"a", "b"}, c.Urls.Vanity.AdditionalProperties["aliases"])
	assert.Equal(t, map[string]interface{}{"status": "RUNNING", "url": "https://mirror.pieces.cloud"}, c.Urls.AdditionalProperties["mirror"])

	assert.Equal(t, piecesos.AllocationStatusEnum("SCALING"), c.Status.Cloud)
	assert.False(t, c.Status.Cloud.IsValid())
	assert.Equal(t, json.Number("3"), c.Status.AdditionalProperties["replicas"])
	assert.Equal(t, "é✓ \"quoted\" \x00", c.Status.Schema.AdditionalProperties["s"])

	assert.Equal(t, "Europe/Paris", c.Updated.AdditionalProperties["timezone"])
	assert.Equal(t, json.Number("-1.25e-7"), c.Updated.Schema.AdditionalProperties["n"])
	assert.Equal(t, 123456789, c.Updated.Value.Nanosecond())

	assert.Equal(t, "pro", c.AdditionalProperties["tier"])
	assert.Equal(t, map[string]interface{}{}, c.AdditionalProperties["emptyObject"])
	assert.Equal(t, []interface{}{}, c.AdditionalProperties["emptyArray"])
	assert.Len(t, c.AdditionalProperties, 4)
	assert.True(t, strings.HasPrefix(c.GetVersion(), "13."))
}

// An unknown integer beyond 2^53 (a nanosecond timestamp, a 64-bit id), or a number beyond
// float64's range, must come back as sent: unknown numbers are kept as their text (json.Number).
func TestRoundTripKeepsLargeIntegers(t *testing.T) {
	srv := newFake(t)
	doc := strings.Replace(factsSample, `"region"`, `"createdNanos": 1732650970123456789, "limits": {"maxBytes": 9007199254740993, "ratio": 1.50, "huge": 1E400}, "region"`, 1)
	require.NoError(t, srv.PutJSON([]byte(doc)))
	client := srv.Client()
	cloud, _, err := client.AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
	require.NoError(t, err)
	assert.Equal(t, json.Number("1732650970123456789"), cloud.AdditionalProperties["createdNanos"])
	n, err := cloud.AdditionalProperties["createdNanos"].(json.Number).Int64()
	require.NoError(t, err)
	assert.Equal(t, int64(1732650970123456789), n)
	_, _, err = client.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(*cloud).Execute()
	require.NoError(t, err)

	sent := string(requestsOf(srv, piecesostest.OpAllocationUpdate)[0].Body)
	assert.Contains(t, sent, `"createdNanos":1732650970123456789`)
	assert.Contains(t, sent, `"limits":{"huge":1E400,"maxBytes":9007199254740993,"ratio":1.50}`)
}
