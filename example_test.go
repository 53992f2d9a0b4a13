package piecesos_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

// sampleAllocation is an AllocationCloud as Pieces OS sends it.
const sampleAllocation = `{
  "schema": {"migration": 0, "semantic": "MAJOR_0_MINOR_0_PATCH_1"},
  "id": "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10",
  "user": "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10",
  "urls": {
    "base": {"status": "RUNNING", "url": "https://8f1e3c2a.pieces.cloud"},
    "id": {"status": "RUNNING", "url": "https://8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10.pieces.cloud"},
    "vanity": {"status": "PENDING", "url": "https://mark.pieces.cloud"}
  },
  "status": {"cloud": "RUNNING"},
  "project": "pieces-prod-01",
  "updated": {"value": "2026-11-26T19:56:10.123Z", "readable": "just now"},
  "version": "12.3.1",
  "region": "us-central1"
}`

// examplePiecesOS starts a stand-in for Pieces OS on the loopback interface.
func examplePiecesOS() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /allocation/{allocation}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("allocation") != "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10" {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusGone)
			_, _ = io.WriteString(w, "Cloud not found.")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, sampleAllocation)
	})
	mux.HandleFunc("POST /allocation/update", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Application-ID") == "" {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusGatewayTimeout)
			_, _ = io.WriteString(w, "Gateway Timeout, request timed out.")
			return
		}
		body, _ := io.ReadAll(r.Body) // read before writing: HTTP/1 may close it afterwards
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body) // echo the updated allocation
	})
	return httptest.NewServer(mux)
}

func ExampleAllocationAPIService_AllocationSnapshot() {
	srv := examplePiecesOS()
	defer srv.Close()

	cfg := piecesos.NewConfiguration()
	cfg.Servers[0].URL = srv.URL // by default http://localhost:1000
	client := piecesos.NewAPIClient(cfg)

	cloud, resp, err := client.AllocationAPI.AllocationSnapshot(context.Background(), "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10").Execute()
	if err != nil {
		fmt.Println("snapshot failed:", err)
		return
	}
	fmt.Println(resp.StatusCode, cloud.GetId())
	fmt.Println(cloud.GetProject(), cloud.Status.Cloud, cloud.GetRegion(), cloud.GetVersion())
	fmt.Println(cloud.Urls.Base.Url, cloud.Urls.Base.Status)
	if vanity, ok := cloud.Urls.GetVanityOk(); ok {
		fmt.Println(vanity.Url, vanity.Status, vanity.Status.IsValid())
	}
	if updated, ok := cloud.GetUpdatedOk(); ok {
		fmt.Println(updated.Value.Format(time.RFC3339Nano), updated.GetReadable())
	}
	// Output:
	// 200 8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10
	// pieces-prod-01 RUNNING us-central1 12.3.1
	// https://8f1e3c2a.pieces.cloud RUNNING
	// https://mark.pieces.cloud PENDING true
	// 2026-11-26T19:56:10.123Z just now
}

func ExampleAllocationAPIService_AllocationUpdate() {
	srv := examplePiecesOS()
	defer srv.Close()

	cfg := piecesos.NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	client := piecesos.NewAPIClient(cfg)

	// The API key travels in the context, as X-Application-ID.
	ctx := context.WithValue(context.Background(), piecesos.ContextAPIKeys, map[string]piecesos.APIKey{
		"application": {Key: "my-application-id"},
	})

	cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10").Execute()
	if err != nil {
		fmt.Println("snapshot failed:", err)
		return
	}
	cloud.SetRegion("europe-west1") // change one field; everything else is sent back as it came
	updated, _, err := client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	if err != nil {
		fmt.Println("update failed:", err)
		return
	}
	fmt.Println(updated.GetId(), updated.GetRegion(), updated.Status.Cloud)
	// Output:
	// 8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10 europe-west1 RUNNING
}

// A new allocation built with the constructors; optional fields are set with their setters
// and left out of the JSON when unset.
func ExampleNewAllocationCloud() {
	cloud := piecesos.NewAllocationCloud(
		"8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10",
		"8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10",
		*piecesos.NewAllocationCloudUrls(
			*piecesos.NewAllocationCloudUrl(piecesos.ALLOCATIONSTATUSENUM_RUNNING, "https://8f1e3c2a.pieces.cloud"),
			*piecesos.NewAllocationCloudUrl(piecesos.ALLOCATIONSTATUSENUM_PENDING, "https://8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10.pieces.cloud"),
		),
		*piecesos.NewAllocationCloudStatus(piecesos.ALLOCATIONSTATUSENUM_PENDING),
		"pieces-prod-01",
	)
	cloud.SetRegion("us-central1")
	b, err := json.Marshal(cloud)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output:
	// {"id":"8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10","user":"8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10","urls":{"base":{"status":"RUNNING","url":"https://8f1e3c2a.pieces.cloud"},"id":{"status":"PENDING","url":"https://8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10.pieces.cloud"}},"status":{"cloud":"PENDING"},"project":"pieces-prod-01","region":"us-central1"}
}

// Every non-2xx answer is a *GenericOpenAPIError; the documented statuses also match a typed
// error and a sentinel.
func ExampleGenericOpenAPIError() {
	srv := examplePiecesOS()
	defer srv.Close()

	cfg := piecesos.NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	client := piecesos.NewAPIClient(cfg)

	_, resp, err := client.AllocationAPI.AllocationSnapshot(context.Background(), "no-such-cloud").Execute()
	fmt.Println(err)
	fmt.Println(errors.Is(err, piecesos.ErrCloudNotFound))

	var apiErr *piecesos.GenericOpenAPIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode(), apiErr.Operation(), string(apiErr.Body()))
	}
	var notFound *piecesos.CloudNotFoundError
	if errors.As(err, &notFound) {
		fmt.Println(notFound.Message)
	}
	body, _ := io.ReadAll(resp.Body) // the response comes back too, its body still readable
	fmt.Println(resp.StatusCode, string(body))

	// Without an API key the stand-in answers 504.
	_, _, err = client.AllocationAPI.AllocationUpdate(context.Background()).Execute()
	var timeout *piecesos.GatewayTimeoutError
	switch {
	case errors.As(err, &timeout):
		fmt.Println("gateway timeout:", timeout.Message)
	case err != nil:
		fmt.Println("other error:", err)
	}
	// Output:
	// piecesos: AllocationSnapshot: 410 Gone: Cloud not found.
	// true
	// 410 AllocationSnapshot Cloud not found.
	// Cloud not found.
	// 410 Cloud not found.
	// gateway timeout: Gateway Timeout, request timed out.
}

// A 2xx answer that is not an AllocationCloud is a *DecodeError carrying the body; a call
// that gets no answer at all is a *TransportError.
func ExampleDecodeError() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "<html>not Pieces OS</html>")
	}))
	defer srv.Close()

	cfg := piecesos.NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	client := piecesos.NewAPIClient(cfg)

	_, _, err := client.AllocationAPI.AllocationSnapshot(context.Background(), "8f1e3c2a").Execute()
	var decodeErr *piecesos.DecodeError
	if errors.As(err, &decodeErr) {
		fmt.Println(decodeErr.Operation, string(decodeErr.Body))
	}

	// A required property missing: the error names its JSON path.
	missing := &piecesos.AllocationCloud{}
	err = missing.UnmarshalJSON([]byte(`{"id": "a", "user": "b", "project": "c", "status": {"cloud": "RUNNING"},
		"urls": {"base": {"url": "https://a.pieces.cloud"}, "id": {"status": "RUNNING", "url": "https://b"}}}`))
	fmt.Println(err)
	fmt.Println(errors.Is(err, piecesos.ErrRequiredPropertyMissing))

	srv.Close() // nothing listens any more
	cfg.Retry.MaxRetries = -1
	client = piecesos.NewAPIClient(cfg)
	_, _, err = client.AllocationAPI.AllocationSnapshot(context.Background(), "8f1e3c2a").Execute()
	var transportErr *piecesos.TransportError
	fmt.Println(errors.As(err, &transportErr), transportErr.Operation)
	// Output:
	// AllocationSnapshot <html>not Pieces OS</html>
	// piecesos: decode AllocationCloud: urls.base.status: required property missing
	// true
	// true AllocationSnapshot
}
