package benchmarks

import (
	"net/http"
	"testing"
)

// The caller-client harness (issue 10 point 9): every peer sends through the same *http.Client,
// the one a caller would build from net/http's defaults, so that the table compares the clients'
// code alone; sdk-default adds the SDK on its own default transport in the same harness, to
// compare that transport with the caller's.

// Settings of the caller's transport besides http.DefaultTransport's.
const callerMaxIdleConnsPerHost = 4

// callerHTTPClient is the one *http.Client of the caller-client harness, shared by every peer (a
// single pointer, as a program that passes its client to several libraries would): a clone of
// http.DefaultTransport (its proxy lookup, timeouts and HTTP/2 attempt included) with compression
// off and 4 idle connections per host, and no client Timeout.
var callerHTTPClient = newCallerHTTPClient()

func newCallerHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableCompression = true
	t.MaxIdleConnsPerHost = callerMaxIdleConnsPerHost
	return &http.Client{Transport: t}
}

// callerPeers are the peers of the caller-client harness, in the order they run: sdk is the SDK
// given callerHTTPClient as Configuration.HTTPClient, sdk-default the SDK without one.
var callerPeers = func() []peer {
	sdk := sdkPeer
	sdk.defaultTransport = false
	sdk.httpOnly = true
	def := sdkPeer
	def.name = "sdk-default"
	def.httpOnly = true
	return []peer{floorPeer, rawPeer, ogenPeer, oapicodegenPeer, sdk, def}
}()

// callerClientFor returns the *http.Client the caller-client harness gives p: callerHTTPClient,
// or nil for sdk-default.
func callerClientFor(p peer) *http.Client {
	if p.defaultTransport {
		return nil
	}
	return callerHTTPClient
}

func BenchmarkCallerClientSnapshot(b *testing.B) {
	benchSnapshot(b, callerPeers, callerClientFor)
}

func BenchmarkCallerClientUpdate(b *testing.B) {
	benchUpdate(b, callerPeers, callerClientFor)
}

// TestCallerPeers checks every peer of the caller-client harness against the server, as
// TestPeers does for the first harness.
func TestCallerPeers(t *testing.T) {
	for _, p := range callerPeers {
		t.Run(p.name, func(t *testing.T) {
			setupHTTP(t, p, callerClientFor(p))
		})
	}
}

// TestCallerHTTPClient pins the settings the harness promises.
func TestCallerHTTPClient(t *testing.T) {
	tr, ok := callerHTTPClient.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("transport %T, want *http.Transport", callerHTTPClient.Transport)
	}
	if !tr.DisableCompression || tr.MaxIdleConnsPerHost != callerMaxIdleConnsPerHost || tr.Proxy == nil {
		t.Errorf("transport: DisableCompression %v, MaxIdleConnsPerHost %d, Proxy set %v; want true, %d, true (a clone of http.DefaultTransport)",
			tr.DisableCompression, tr.MaxIdleConnsPerHost, tr.Proxy != nil, callerMaxIdleConnsPerHost)
	}
	if callerHTTPClient.Timeout != 0 {
		t.Errorf("Timeout %v, want none", callerHTTPClient.Timeout)
	}
}
