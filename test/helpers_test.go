// Package test is the black-box integration suite of the Pieces OS Go SDK: it uses only the
// public API of the SDK (package piecesos) and of the fake Pieces OS (package piecesostest),
// as the SDK's users do.
package test

import (
	"encoding/json"
	"net"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// factsSample is the realistic AllocationCloud of pieces-allocation-facts.md, copied here
// (not taken from piecesostest) so that the fake's seed is checked against the facts too.
const factsSample = `{
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

// sampleID is the id of factsSample.
const sampleID = "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10"

// Bodies of the documented error answers, as Pieces OS sends them (text/plain).
const (
	bodyNotFound       = "Cloud not found."
	bodyInternal       = "Internal Server Error"
	bodyGatewayTimeout = "Gateway Timeout, request timed out."
)

// fastRetry is a retry policy with the default number of retries (2) but waits of a few
// milliseconds, so that fault tests do not sleep for real.
var fastRetry = piecesos.RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond}

// newFake starts a fake Pieces OS for one test. It is closed when the test ends, and the test
// fails if any request broke the API contract or departed from the SDK's habits (sdkHabits).
func newFake(t *testing.T, opts ...piecesostest.Option) *piecesostest.Server {
	t.Helper()
	return newFakeOn(t, nil, opts...)
}

// newFakeOn is newFake serving on ln (a random port of 127.0.0.1 when nil).
func newFakeOn(t *testing.T, ln net.Listener, opts ...piecesostest.Option) *piecesostest.Server {
	t.Helper()
	srv := piecesostest.NewUnstartedServer(opts...)
	srv.Listener = ln
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		vs := srv.Violations()
		for i, v := range vs {
			if i == 10 {
				t.Errorf("… %d contract violations in all", len(vs))
				break
			}
			t.Errorf("contract violation: %s", v)
		}
		for _, h := range sdkHabits(srv) {
			t.Errorf("not the SDK's habit: %s", h)
		}
	})
	return srv
}

// fastClient returns a client of srv with the fastRetry policy.
func fastClient(srv *piecesostest.Server) *piecesos.APIClient {
	cfg := srv.Config()
	cfg.Retry = fastRetry
	return piecesos.NewAPIClient(cfg)
}

// checkGoroutines fails the test when the number of goroutines has not come back to its value
// from before the test once everything the test started is cleaned up. Call it first in a
// test (before anything that registers a cleanup): cleanups run last-in first-out, so this
// check runs after servers are closed. It polls, because goroutines of closed connections end
// shortly after the close; for up to 10 s, which only a leak or a starved machine reaches.
func checkGoroutines(t *testing.T) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		start := time.Now()
		deadline := start.Add(10 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= before {
				t.Logf("goroutines: %d before, %d after (settled in %v)", before, n, time.Since(start).Round(time.Millisecond))
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("goroutine leak: %d before, %d after 10s\n%s", before, n, buf)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// jsonMap decodes a JSON object with encoding/json.
func jsonMap(t *testing.T, data []byte) map[string]interface{} {
	t.Helper()
	var m map[string]interface{}
	require.NoError(t, json.Unmarshal(data, &m), "%s", data)
	return m
}

// jsonBytes encodes v with encoding/json.
func jsonBytes(t *testing.T, v interface{}) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return data
}

// obj returns m[key] as a JSON object, failing the test when it is not one.
func obj(t *testing.T, m map[string]interface{}, key string) map[string]interface{} {
	t.Helper()
	v, ok := m[key].(map[string]interface{})
	require.True(t, ok, "%q is %T, want an object", key, m[key])
	return v
}

// requestsOf returns the logged requests of one operation.
func requestsOf(srv *piecesostest.Server, op piecesostest.Operation) []piecesostest.Request {
	var out []piecesostest.Request
	for _, r := range srv.Requests() {
		if r.Operation == op {
			out = append(out, r)
		}
	}
	return out
}

// assertNoTypedStatus asserts err matches none of the documented status sentinels.
func assertNoTypedStatus(t *testing.T, err error) {
	t.Helper()
	assert.NotErrorIs(t, err, piecesos.ErrCloudNotFound)
	assert.NotErrorIs(t, err, piecesos.ErrInternalServerError)
	assert.NotErrorIs(t, err, piecesos.ErrGatewayTimeout)
}
