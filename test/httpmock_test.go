package test

// How to test code that uses this SDK without any server: mock the HTTP layer with httpmock.
//
// The SDK sends every request through Configuration.HTTPClient when one is set, so httpmock can
// take over that client's transport. The SDK still does everything else for real: it builds the
// URL and headers, encodes the body, retries what is safe to retry, decodes the answer and maps
// error statuses to typed errors. These tests show each kind of answer and what the SDK makes of
// it. (httpmock's state is global: do not use t.Parallel in tests that activate it.)

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

// mockedClient returns an APIClient whose requests are answered by httpmock's responders.
func mockedClient(t *testing.T) *piecesos.APIClient {
	httpClient := &http.Client{}
	httpmock.ActivateNonDefault(httpClient)
	t.Cleanup(httpmock.DeactivateAndReset)

	cfg := piecesos.NewConfiguration() // requests go to http://localhost:1000, the default server
	cfg.HTTPClient = httpClient
	// Retries stay on (the SDK's defaults), with short waits so that tests do not sleep.
	cfg.Retry = piecesos.RetryPolicy{MinWait: time.Millisecond, MaxWait: time.Millisecond}
	return piecesos.NewAPIClient(cfg)
}

const (
	mockSnapshotURL = "http://localhost:1000/allocation/" + sampleID
	mockUpdateURL   = "http://localhost:1000/allocation/update"
)

// 200: the SDK decodes the JSON answer into an *AllocationCloud.
func TestHTTPMockSnapshot(t *testing.T) {
	client := mockedClient(t)
	httpmock.RegisterResponder(http.MethodGet, mockSnapshotURL,
		httpmock.NewStringResponder(http.StatusOK, factsSample).
			HeaderSet(http.Header{"Content-Type": {"application/json"}}))

	cloud, resp, err := client.AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "pieces-prod-01", cloud.GetProject())
	assert.Equal(t, piecesos.ALLOCATIONSTATUSENUM_RUNNING, cloud.GetStatus().Cloud)
	assert.Equal(t, "https://mark.pieces.cloud", cloud.GetUrls().Vanity.Url)

	assert.Equal(t, map[string]int{"GET " + mockSnapshotURL: 1}, httpmock.GetCallCountInfo())
}

// 410 text/plain: the error is a *GenericOpenAPIError that unwraps to *CloudNotFoundError
// (errors.Is(err, ErrCloudNotFound)); the *http.Response comes back too, its body readable.
func TestHTTPMockCloudNotFound(t *testing.T) {
	client := mockedClient(t)
	httpmock.RegisterResponder(http.MethodGet, "http://localhost:1000/allocation/abc",
		httpmock.NewStringResponder(http.StatusGone, "Cloud not found.").
			HeaderSet(http.Header{"Content-Type": {"text/plain; charset=utf-8"}}))

	cloud, resp, err := client.AllocationAPI.AllocationSnapshot(context.Background(), "abc").Execute()
	assert.Nil(t, cloud)

	var notFound *piecesos.CloudNotFoundError
	require.ErrorAs(t, err, &notFound)
	assert.Equal(t, "Cloud not found.", notFound.Message)
	assert.Equal(t, http.StatusGone, notFound.StatusCode)
	assert.ErrorIs(t, err, piecesos.ErrCloudNotFound)

	var apiErr *piecesos.GenericOpenAPIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Cloud not found.", string(apiErr.Body()))

	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, "Cloud not found.", string(body))

	// A 410 is not retried: one call.
	assert.Equal(t, map[string]int{"GET http://localhost:1000/allocation/abc": 1}, httpmock.GetCallCountInfo())
}

// A transport error (no answer at all) is a *TransportError wrapping the cause. The snapshot is
// a read, so the SDK retries it twice before giving up: three calls reach the mock. A per-call
// policy can turn retries off.
func TestHTTPMockTransportError(t *testing.T) {
	client := mockedClient(t)
	errDown := errors.New("connection reset by peer")
	httpmock.RegisterResponder(http.MethodGet, mockSnapshotURL, httpmock.NewErrorResponder(errDown))

	_, resp, err := client.AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
	assert.Nil(t, resp)
	var transportErr *piecesos.TransportError
	require.ErrorAs(t, err, &transportErr)
	assert.Equal(t, 3, transportErr.Attempts)
	assert.ErrorIs(t, err, errDown, "the cause is wrapped")
	assert.Equal(t, map[string]int{"GET " + mockSnapshotURL: 3}, httpmock.GetCallCountInfo())

	httpmock.ZeroCallCounters()
	noRetry := context.WithValue(context.Background(), piecesos.ContextRetryPolicy, piecesos.RetryPolicy{MaxRetries: -1})
	_, _, err = client.AllocationAPI.AllocationSnapshot(noRetry, sampleID).Execute()
	require.ErrorAs(t, err, &transportErr)
	assert.Equal(t, 1, transportErr.Attempts)
	assert.Equal(t, map[string]int{"GET " + mockSnapshotURL: 1}, httpmock.GetCallCountInfo())
}

// An update: a responder can look at what the SDK sent. Here the first update is answered
// 500 text/plain (a *InternalServerError, not retried), the second is echoed back with 200.
func TestHTTPMockUpdate(t *testing.T) {
	client := mockedClient(t)
	var sent []string
	echo := func(req *http.Request) (*http.Response, error) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		sent = append(sent, req.Header.Get("Content-Type")+" "+string(body))
		resp := httpmock.NewBytesResponse(http.StatusOK, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}
	httpmock.RegisterResponder(http.MethodPost, mockUpdateURL,
		httpmock.NewStringResponder(http.StatusInternalServerError, "Internal Server Error").Once().
			Then(echo))

	cloud := sampleWithRegion("europe-west1")
	_, _, err := client.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(*cloud).Execute()
	var serverErr *piecesos.InternalServerError
	require.ErrorAs(t, err, &serverErr)
	assert.Equal(t, "Internal Server Error", serverErr.Message)
	assert.Equal(t, map[string]int{"POST " + mockUpdateURL: 1}, httpmock.GetCallCountInfo(), "an update is not retried by default")

	updated, _, err := client.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(*cloud).Execute()
	require.NoError(t, err)
	assert.Equal(t, "europe-west1", updated.GetRegion())
	require.Len(t, sent, 1)
	assert.Contains(t, sent[0], `application/json {`)
	assert.Contains(t, sent[0], `"region":"europe-west1"`)
	assert.Equal(t, map[string]int{"POST " + mockUpdateURL: 2}, httpmock.GetCallCountInfo())
}
