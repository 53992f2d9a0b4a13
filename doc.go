// Package piecesos is the Go client of Pieces OS, the local server behind the Pieces
// developer tools. This release covers the Allocation API: [AllocationAPIService.AllocationSnapshot]
// (GET /allocation/{allocation}) and [AllocationAPIService.AllocationUpdate]
// (POST /allocation/update) of a user's cloud allocation.
//
// The surface is the one OpenAPI Generator (v7, go generator) emits for this API —
// [Configuration], [APIClient], request builders ending in Execute, models with getters and
// setters, enum constants — so code written against a generated client compiles against this
// one. The runtime inside is hand-written and uses the standard library only.
//
// # Quick start
//
// [Discover] finds the running Pieces OS (the PIECES_OS_URL environment variable, the port
// file Pieces OS writes, a scan of 127.0.0.1 ports 39300–39333, then the legacy port) and
// returns a [Configuration] for it. [NewAPIClient] makes a client; share it between
// goroutines, it is safe for concurrent use.
//
//	cfg, err := piecesos.Discover(ctx)
//	if err != nil {
//		return err // a *piecesos.NotRunningError lists every place it looked
//	}
//	client := piecesos.NewAPIClient(cfg)
//
//	cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, id).Execute()
//	if err != nil {
//		return err
//	}
//	fmt.Println(cloud.GetProject(), cloud.GetStatus().Cloud, cloud.GetRegion())
//
//	cloud.SetRegion("europe-west1")
//	updated, _, err := client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
//	if err != nil {
//		return err
//	}
//	fmt.Println(updated.GetRegion())
//
// [NewConfiguration] instead lists the two documented servers: index 0 http://localhost:1000
// (macOS and Windows) and index 1 http://localhost:5323 (Linux), chosen per call with
// [ContextServerIndex]. An application id goes in the context under [ContextAPIKeys] (the
// entry "application", sent as X-Application-ID). Each call is bounded by
// [Configuration.Timeout] (30 s by default; a context deadline wins); what is safe to repeat
// is retried with backoff ([RetryPolicy]).
//
// # Errors
//
// A non-2xx answer is a [*GenericOpenAPIError], returned together with the *http.Response,
// whose body can still be read. For the documented statuses it unwraps to a typed error with
// a sentinel: 410 [*CloudNotFoundError] ([ErrCloudNotFound]) from AllocationSnapshot, 500
// [*InternalServerError] ([ErrInternalServerError]) and 504 [*GatewayTimeoutError]
// ([ErrGatewayTimeout]) from AllocationUpdate. Match them with errors.As or errors.Is:
//
//	_, _, err := client.AllocationAPI.AllocationSnapshot(ctx, id).Execute()
//	var notFound *piecesos.CloudNotFoundError
//	var apiErr *piecesos.GenericOpenAPIError
//	switch {
//	case errors.As(err, &notFound):
//		fmt.Println("no such allocation:", notFound.Message)
//	case errors.As(err, &apiErr):
//		fmt.Println("Pieces OS answered", apiErr.StatusCode(), string(apiErr.Body()))
//	case errors.Is(err, context.DeadlineExceeded):
//		fmt.Println("Pieces OS did not answer in time")
//	case err != nil:
//		return err
//	}
//
// Other failures have types of their own: [*ValidationError] (an empty, "." or ".." id,
// refused before any I/O), [*TransportError] (no answer; it wraps the cause, so
// errors.Is(err, context.DeadlineExceeded) works), [*DecodeError] (a 2xx body that is not a
// valid model; it names the JSON path, and errors.Is tells [ErrInvalidJSON] from
// [ErrRequiredPropertyMissing]), [*ResponseTooLargeError] and [*RedirectError]. No error
// message contains a credential.
//
// # Forward compatibility
//
// A newer Pieces OS may send what this SDK does not know yet; nothing of it is lost. Unknown
// JSON members, at every level, are kept in the models' AdditionalProperties and written back
// by MarshalJSON, so snapshot → change a field → update sends them back unchanged (their
// numbers are json.Number, written back byte for byte). An unknown enum value decodes, is kept
// verbatim and encodes unchanged; its IsValid method reports false. Absent optional fields
// are left out when encoding, never sent as null.
//
// # Testing
//
// The piecesostest package is a fake Pieces OS on the loopback interface, seeded with a
// realistic allocation, that checks every request against the API contract and injects
// faults (error statuses, latency, hangs, dropped connections, truncated bodies):
//
//	func TestMyPlugin(t *testing.T) {
//		srv := piecesostest.NewServer()
//		t.Cleanup(srv.Close)
//
//		cloud, _, err := srv.Client().AllocationAPI.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
//		require.NoError(t, err)
//		require.Equal(t, piecesostest.SampleAllocationID, cloud.GetId())
//		require.Empty(t, srv.Violations())
//	}
//
// The client sends through [Configuration.HTTPClient] when it is set, so a mocking transport
// such as httpmock's can take its place.
//
// # More
//
// The README (https://github.com/pieces-app/pieces-os-client-sdk-for-go#readme) has the
// installation, the servers and discovery, and the differences from generated clients;
// docs/AllocationAPI.md and a page per model describe the operations and models, and
// docs/RELIABILITY.md the retries, timeouts and limits, with the test behind each promise.
// The contract is api/openapi.yaml.
package piecesos
