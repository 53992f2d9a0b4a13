package piecesostest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// These tests drive the fake through the SDK, as its users will.

func TestSDKSnapshot(t *testing.T) {
	srv := newServer(t)
	cloud, resp, err := srv.Client().AllocationAPI.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, piecesostest.SampleAllocationID, cloud.GetId())
	assert.Equal(t, "pieces-prod-01", cloud.GetProject())
	assert.Equal(t, "us-central1", cloud.GetRegion())
	assert.Equal(t, piecesos.ALLOCATIONSTATUSENUM_RUNNING, cloud.Status.GetCloud())
	assert.Equal(t, "https://mark.pieces.cloud", cloud.Urls.Vanity.GetUrl())
	assert.Equal(t, time.Date(2026, 11, 26, 19, 56, 10, 123000000, time.UTC), cloud.Updated.GetValue().UTC())

	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "/allocation/"+piecesostest.SampleAllocationID, reqs[0].Path)
	assert.Equal(t, accept, reqs[0].Header.Get("Accept"))
	assert.Empty(t, srv.Violations())
}

// The version a new fake reports is one the SDK supports.
func TestSDKDefaultVersionSupported(t *testing.T) {
	info, err := piecesos.CheckVersion(piecesostest.DefaultVersion)
	require.NoError(t, err)
	assert.False(t, info.Development)
}

func TestSDKEscapedIDs(t *testing.T) {
	srv := newServer(t, piecesostest.WithoutSeed())
	for _, id := range []string{"a b/c?d#e%f", "é✓", "update", "...", "a/../b"} {
		m := sample(t)
		m["id"] = id
		require.NoError(t, srv.PutJSON([]byte(encode(t, m))))
		cloud, _, err := srv.Client().AllocationAPI.AllocationSnapshot(context.Background(), id).Execute()
		require.NoError(t, err, id)
		assert.Equal(t, id, cloud.GetId())
	}
	assert.Empty(t, srv.Violations())
}

func TestSDKRoundTripKeepsUnknownFields(t *testing.T) {
	now := time.Date(2027, 3, 4, 5, 6, 7, 890000000, time.UTC)
	srv := newServer(t, piecesostest.WithClock(func() time.Time { return now }))
	future := strings.NewReplacer(
		`"region": "us-central1"`, `"region": "us-central1", "futureTop": {"a": [1, "x", null, true]}`,
		`"url": "https://8f1e3c2a.pieces.cloud"}`, `"url": "https://8f1e3c2a.pieces.cloud", "futureUrl": 42}`,
		`"cloud": "RUNNING"`, `"cloud": "HIBERNATING", "futureStatus": "s"`,
		`"migration": 0, "semantic": "MAJOR_0_MINOR_0_PATCH_1"}`, `"migration": 0, "semantic": "MAJOR_9", "futureSchema": false}`,
		`"readable": "just now"}`, `"readable": "just now", "futureStamp": {}}`,
	).Replace(piecesostest.SampleAllocationJSON)
	require.NoError(t, srv.PutJSON([]byte(future)))

	api := srv.Client().AllocationAPI
	cloud, _, err := api.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
	require.NoError(t, err)
	assert.False(t, cloud.Status.GetCloud().IsValid(), "HIBERNATING is from the future")
	cloud.SetRegion("europe-west4")

	updated, _, err := api.AllocationUpdate(context.Background()).AllocationCloud(*cloud).Execute()
	require.NoError(t, err)
	assert.Equal(t, "europe-west4", updated.GetRegion())
	assert.Equal(t, now, updated.Updated.GetValue().UTC())

	stored, err := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	var want map[string]any
	require.NoError(t, json.Unmarshal([]byte(future), &want))
	want["region"] = "europe-west4"
	want["updated"].(map[string]any)["value"] = "2027-03-04T05:06:07.89Z"
	var got map[string]any
	require.NoError(t, json.Unmarshal(stored, &got))
	assert.Equal(t, want, got, "nothing lost on the way through the SDK")
	assert.Empty(t, srv.Violations())
}

func TestSDKErrors(t *testing.T) {
	srv := newServer(t)
	api := srv.Client().AllocationAPI
	ctx := context.Background()

	_, resp, err := api.AllocationSnapshot(ctx, "missing").Execute()
	var nf *piecesos.CloudNotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Cloud not found.", nf.Message)
	assert.Equal(t, http.StatusGone, resp.StatusCode)

	cloud, err := srv.Get(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	srv.FailNext(piecesostest.OpAllocationUpdate, 1, http.StatusInternalServerError, "Internal Server Error")
	srv.FailNext(piecesostest.OpAllocationUpdate, 1, http.StatusGatewayTimeout, "Gateway Timeout, request timed out.")
	_, _, err = api.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	var ise *piecesos.InternalServerError
	require.ErrorAs(t, err, &ise)
	assert.Equal(t, "Internal Server Error", ise.Message)
	_, _, err = api.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	var gt *piecesos.GatewayTimeoutError
	require.ErrorAs(t, err, &gt)
	assert.Equal(t, "Gateway Timeout, request timed out.", gt.Message)

	_, _, err = api.AllocationUpdate(ctx).Execute()
	require.ErrorAs(t, err, &ise, "an update without a body")
	assert.Contains(t, ise.Message, "missing request body")
	assert.Empty(t, srv.Violations())
}

func TestSDKTransportFaults(t *testing.T) {
	checkGoroutines(t)
	srv := newServer(t)
	cfg := srv.Config()
	cfg.Retry = piecesos.RetryPolicy{MaxRetries: 1, MinWait: time.Millisecond, MaxWait: time.Millisecond}
	api := piecesos.NewAPIClient(cfg).AllocationAPI
	ctx := context.Background()

	srv.TruncateNext(piecesostest.OpAllocationSnapshot, piecesostest.Always)
	_, _, err := api.AllocationSnapshot(ctx, piecesostest.SampleAllocationID).Execute()
	var te *piecesos.TransportError
	require.ErrorAs(t, err, &te)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, 2, te.Attempts, "a snapshot is retried")
	srv.ClearFaults()

	cloud, err := srv.Get(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	srv.DropNext(piecesostest.OpAllocationUpdate, piecesostest.Always)
	_, _, err = api.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, te.Attempts, "an update that may have arrived is not retried")
	srv.ClearFaults()

	srv.HangNext(piecesostest.OpAllocationSnapshot, 1)
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, _, err = api.AllocationSnapshot(short, piecesostest.SampleAllocationID).Execute()
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Empty(t, srv.Violations())
}

func TestPutGet(t *testing.T) {
	srv := newServer(t, piecesostest.WithoutSeed())
	cloud := piecesos.NewAllocationCloud("id-1", "user-1",
		*piecesos.NewAllocationCloudUrls(
			*piecesos.NewAllocationCloudUrl(piecesos.ALLOCATIONSTATUSENUM_RUNNING, "https://a"),
			*piecesos.NewAllocationCloudUrl(piecesos.ALLOCATIONSTATUSENUM_PENDING, "https://b")),
		*piecesos.NewAllocationCloudStatus(piecesos.ALLOCATIONSTATUSENUM_RUNNING), "project-1")
	cloud.SetRegion("r1")
	cloud.AdditionalProperties = map[string]interface{}{"extra": "kept"}
	require.NoError(t, srv.Put(*cloud))

	cloud.SetRegion("changed after Put")
	got, err := srv.Get("id-1")
	require.NoError(t, err)
	assert.Equal(t, "r1", got.GetRegion(), "Put stored a copy")
	assert.Equal(t, "kept", got.AdditionalProperties["extra"])
	assert.False(t, got.HasUpdated(), "Put does not stamp updated")

	got.SetRegion("changed after Get")
	again, err := srv.Get("id-1")
	require.NoError(t, err)
	assert.Equal(t, "r1", again.GetRegion(), "Get returned a copy")

	fromAPI, _, err := srv.Client().AllocationAPI.AllocationSnapshot(context.Background(), "id-1").Execute()
	require.NoError(t, err)
	assert.Equal(t, again, fromAPI)

	bad := *cloud
	bad.AdditionalProperties = map[string]interface{}{"bad": make(chan int)}
	assert.ErrorContains(t, srv.Put(bad), "piecesostest: encode allocation")

	require.NoError(t, srv.PutJSON([]byte(strings.Replace(piecesostest.SampleAllocationJSON, `"migration": 0`, `"migration": 2147483647`, 1))))
	_, err = srv.Get(piecesostest.SampleAllocationID)
	assert.NoError(t, err)
}

func TestConcurrentUse(t *testing.T) {
	checkGoroutines(t)
	srv := newServer(t)
	api := srv.Client().AllocationAPI
	ctx := context.Background()
	const workers, calls = 16, 40
	var wg sync.WaitGroup
	errs := make(chan error, workers*calls)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			id := fmt.Sprintf("worker-%d", w)
			for i := 0; i < calls; i++ {
				switch i % 4 {
				case 0:
					m := strings.Replace(piecesostest.SampleAllocationJSON, piecesostest.SampleAllocationID+`",`, id+`",`, 1)
					if err := srv.PutJSON([]byte(m)); err != nil {
						errs <- err
					}
				case 1:
					cloud, _, err := api.AllocationSnapshot(ctx, id).Execute()
					if err != nil {
						errs <- err
						continue
					}
					cloud.SetRegion(fmt.Sprintf("r-%d", i))
					if _, _, err := api.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute(); err != nil {
						errs <- err
					}
				case 2:
					_ = srv.Requests()
					_ = srv.Violations()
					_ = srv.IDs()
					srv.DelayNext(piecesostest.OpHealth, 1, 0)
				case 3:
					if _, err := srv.Get(id); err != nil {
						errs <- err
					}
					srv.Remove(id)
					if _, _, err := api.AllocationSnapshot(ctx, id).Execute(); !errors.Is(err, piecesos.ErrCloudNotFound) {
						errs <- fmt.Errorf("after Remove: %v", err)
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.Empty(t, srv.Violations())
	assert.Len(t, srv.Requests(), workers*calls/4*3)
}
