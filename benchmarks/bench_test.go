package benchmarks

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sample is the facts' AllocationCloud, served as the 200 body of both operations and decoded by
// the Decode benchmarks.
//
//go:embed testdata/allocation_cloud.json
var sample []byte

// sampleID is the allocation id every Snapshot asks for.
const sampleID = "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10"

// sampleCompact is sample without insignificant white space: what an encoder sends as the
// update body, and so what the floor peer sends.
var sampleCompact []byte

// serverURL is the base URL of the one loopback server every HTTP benchmark talks to.
var serverURL string

// The transport settings every HTTP peer except the SDK uses; the SDK brings its own default.
const (
	tunedMaxIdleConns        = 128
	tunedMaxIdleConnsPerHost = 64
	tunedIdleConnTimeout     = 90 * time.Second
)

// parallelism is passed to b.SetParallelism in SnapshotParallel: parallelism×GOMAXPROCS goroutines.
const parallelism = 4

func TestMain(m *testing.M) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, sample); err != nil {
		fmt.Fprintln(os.Stderr, "benchmarks: sample:", err)
		os.Exit(2)
	}
	sampleCompact = buf.Bytes()

	srv := httptest.NewServer(http.HandlerFunc(serve))
	serverURL = srv.URL
	// Configuration lines (key: value) in the benchmark output; benchstat and benchtable keep them.
	fmt.Printf("transport-peers: floor raw ogen oapicodegen sdk-tuned each get the same tuned http.Transport "+
		"(MaxIdleConns=%d MaxIdleConnsPerHost=%d IdleConnTimeout=%s keep-alive)\n",
		tunedMaxIdleConns, tunedMaxIdleConnsPerHost, tunedIdleConnTimeout)
	fmt.Println("transport-sdk: sdk uses the SDK's own default transport (piecesos.NewConfiguration, no HTTPClient)")
	fmt.Printf("transport-caller: in CallerClient*, floor raw ogen oapicodegen sdk share one *http.Client "+
		"(http.DefaultTransport cloned, DisableCompression=true MaxIdleConnsPerHost=%d, no Timeout); sdk-default uses the SDK's default transport\n",
		callerMaxIdleConnsPerHost)
	fmt.Printf("body-bytes: %d\n", len(sample))
	printLoad("loadavg-start")
	code := m.Run()
	printLoad("loadavg-end")
	srv.Close()
	os.Exit(code)
}

// printLoad writes the machine's load averages as a configuration line, so a table made from a
// busy machine says so. Nothing is printed where /proc/loadavg does not exist.
func printLoad(key string) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return
	}
	f := strings.Fields(string(b))
	if len(f) >= 3 {
		fmt.Printf("%s: %s %s %s\n", key, f[0], f[1], f[2])
	}
}

var (
	headerJSON          = []string{"application/json"}
	headerPlain         = []string{"text/plain; charset=utf-8"}
	headerSampleLength  = []string{strconv.Itoa(len(sample))}
	headerNotFoundBody  = []byte("not found\n")
	headerNotFoundCLen  = []string{strconv.Itoa(len(headerNotFoundBody))}
	updatePath          = "/allocation/update"
	snapshotPathPrefix  = "/allocation/"
	snapshotPathPrefixN = len(snapshotPathPrefix)
)

// serve answers both operations with the precomputed sample: GET /allocation/{id} and
// POST /allocation/update (whose body it reads and discards). Anything else is a 404, so a peer
// that builds a wrong request fails its check instead of measuring something else.
func serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	ok := false
	switch r.Method {
	case http.MethodGet:
		ok = len(p) > snapshotPathPrefixN && p[:snapshotPathPrefixN] == snapshotPathPrefix && p != updatePath
	case http.MethodPost:
		ok = p == updatePath
		_, _ = io.Copy(io.Discard, r.Body)
	}
	h := w.Header()
	if !ok {
		h["Content-Type"] = headerPlain
		h["Content-Length"] = headerNotFoundCLen
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write(headerNotFoundBody)
		return
	}
	h["Content-Type"] = headerJSON
	h["Content-Length"] = headerSampleLength
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(sample)
}

// tunedTransport is the transport of every HTTP peer but the SDK: keep-alive with enough idle
// connections per host for the parallel benchmark, no proxy lookup, HTTP/1.1 as Pieces OS speaks.
func tunedTransport() *http.Transport {
	return &http.Transport{
		Proxy: nil,
		DialContext: (&net.Dialer{
			Timeout:   5 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		MaxIdleConns:          tunedMaxIdleConns,
		MaxIdleConnsPerHost:   tunedMaxIdleConnsPerHost,
		IdleConnTimeout:       tunedIdleConnTimeout,
		ResponseHeaderTimeout: 30 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// tunedHTTPClient wraps a new tuned transport in an http.Client with a finite timeout, as a
// careful hand-written client would.
func tunedHTTPClient() *http.Client {
	return &http.Client{Transport: tunedTransport(), Timeout: 30 * time.Second}
}

// clientFor returns the *http.Client the first harness gives p: a new tuned client of its own,
// or nil for the SDK on its default transport.
func clientFor(p peer) *http.Client {
	if p.defaultTransport {
		return nil
	}
	return tunedHTTPClient()
}

// setupHTTP builds p's client against the server sending through hc (nil for a peer with
// defaultTransport), checks one snapshot and one update, and prepares the model the update
// sends. hc's idle connections are closed when tb ends.
func setupHTTP(tb testing.TB, p peer, hc *http.Client) (httpClient, any) {
	tb.Helper()
	if hc != nil {
		tb.Cleanup(hc.CloseIdleConnections)
	}
	c, err := p.newClient(serverURL, hc)
	if err != nil {
		tb.Fatalf("peer %s: new client: %v", p.name, err)
	}
	var model any
	if p.decode != nil {
		if model, err = p.decode(sample); err != nil {
			tb.Fatalf("peer %s: decode sample: %v", p.name, err)
		}
	}
	ctx := context.Background()
	got, err := c.snapshot(ctx, sampleID)
	if err != nil {
		tb.Fatalf("peer %s: snapshot: %v", p.name, err)
	}
	checkView(tb, p, "snapshot", got)
	got, err = c.update(ctx, model)
	if err != nil {
		tb.Fatalf("peer %s: update: %v", p.name, err)
	}
	checkView(tb, p, "update", got)
	return c, model
}

// checkView fails tb when a peer's result does not hold the sample's values.
func checkView(tb testing.TB, p peer, what string, got any) {
	tb.Helper()
	checkViewWant(tb, p, what, got, wantView)
}

// checkRoundTrip is checkView for a model that went through the peer's encoder.
func checkRoundTrip(tb testing.TB, p peer, what string, got any) {
	tb.Helper()
	want := wantView
	if p.secondPrecisionEncode {
		want.Updated = wantUpdatedSeconds
	}
	checkViewWant(tb, p, what, got, want)
}

func checkViewWant(tb testing.TB, p peer, what string, got any, want view) {
	tb.Helper()
	if p.view == nil {
		return
	}
	if v := p.view(got); v != want {
		tb.Fatalf("peer %s: %s: got %+v, want %+v", p.name, what, v, want)
	}
}

// view is the part of a decoded AllocationCloud the checks compare across peers.
type view struct {
	ID, User, Project, BaseURL, BaseStatus, VanityURL, Cloud, Updated, Version, Region string
	Migration                                                                          int64
	Semantic                                                                           string
}

// wantView is the facts' sample seen through view.
var wantView = view{
	ID:         sampleID,
	User:       sampleID,
	Project:    "pieces-prod-01",
	BaseURL:    "https://8f1e3c2a.pieces.cloud",
	BaseStatus: "RUNNING",
	VanityURL:  "https://mark.pieces.cloud",
	Cloud:      "RUNNING",
	Updated:    "2026-11-26T19:56:10.123Z",
	Version:    "12.3.1",
	Region:     "us-central1",
	Migration:  0,
	Semantic:   "MAJOR_0_MINOR_0_PATCH_1",
}

// wantUpdatedSeconds is the sample's updated.value without its fraction.
const wantUpdatedSeconds = "2026-11-26T19:56:10Z"

// cpuMeter measures the CPU time of the whole process (client and server goroutines) over a
// benchmark loop. Unlike ns/op it does not grow when other processes compete for the machine's
// cores, which makes the differences between peers readable on a busy 2-core machine.
type cpuMeter struct {
	start time.Duration
	ok    bool
}

// startCPU starts a cpuMeter; call it right after b.ResetTimer.
func startCPU() cpuMeter {
	t, ok := processCPU()
	return cpuMeter{start: t, ok: ok}
}

// report adds the cpu-ns/op metric to b.
func (m cpuMeter) report(b *testing.B) {
	end, ok := processCPU()
	if !m.ok || !ok || b.N == 0 {
		return
	}
	b.ReportMetric(float64(end-m.start)/float64(b.N), "cpu-ns/op")
}

// formatInstant renders t as the views compare it.
func formatInstant(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func BenchmarkSnapshot(b *testing.B) { benchSnapshot(b, peers, clientFor) }

func BenchmarkUpdate(b *testing.B) { benchUpdate(b, peers, clientFor) }

// benchSnapshot runs Snapshot for each of ps, each sending through clientOf(p).
func benchSnapshot(b *testing.B, ps []peer, clientOf func(peer) *http.Client) {
	for _, p := range ps {
		b.Run("peer="+p.name, func(b *testing.B) {
			c, _ := setupHTTP(b, p, clientOf(p))
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU()
			for i := 0; i < b.N; i++ {
				if _, err := c.snapshot(ctx, sampleID); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

// benchUpdate runs Update for each of ps, each sending through clientOf(p).
func benchUpdate(b *testing.B, ps []peer, clientOf func(peer) *http.Client) {
	for _, p := range ps {
		b.Run("peer="+p.name, func(b *testing.B) {
			c, model := setupHTTP(b, p, clientOf(p))
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU()
			for i := 0; i < b.N; i++ {
				if _, err := c.update(ctx, model); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

func BenchmarkSnapshotParallel(b *testing.B) {
	for _, p := range peers {
		b.Run("peer="+p.name, func(b *testing.B) {
			c, _ := setupHTTP(b, p, clientFor(p))
			ctx := context.Background()
			b.ReportAllocs()
			b.SetParallelism(parallelism)
			b.ResetTimer()
			cpu := startCPU()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := c.snapshot(ctx, sampleID); err != nil {
						b.Error(err)
						return
					}
				}
			})
			cpu.report(b)
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, p := range peers {
		if p.decode == nil || p.httpOnly {
			continue
		}
		b.Run("peer="+p.name, func(b *testing.B) {
			got, err := p.decode(sample)
			if err != nil {
				b.Fatal(err)
			}
			checkView(b, p, "decode", got)
			b.ReportAllocs()
			b.SetBytes(int64(len(sample)))
			b.ResetTimer()
			cpu := startCPU()
			for i := 0; i < b.N; i++ {
				if _, err := p.decode(sample); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, p := range peers {
		if p.decode == nil || p.httpOnly {
			continue
		}
		b.Run("peer="+p.name, func(b *testing.B) {
			model, err := p.decode(sample)
			if err != nil {
				b.Fatal(err)
			}
			out, err := p.encode(model)
			if err != nil {
				b.Fatal(err)
			}
			back, err := p.decode(out)
			if err != nil {
				b.Fatalf("decode of encoded sample: %v\n%s", err, out)
			}
			checkRoundTrip(b, p, "encode", back)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU()
			for i := 0; i < b.N; i++ {
				if _, err := p.encode(model); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

// TestPeers checks, outside any benchmark, that every peer talks to the server correctly and
// decodes and encodes the sample to the same values.
func TestPeers(t *testing.T) {
	for _, p := range peers {
		t.Run(p.name, func(t *testing.T) {
			setupHTTP(t, p, clientFor(p))
			if p.decode == nil || p.httpOnly {
				return
			}
			m, err := p.decode(sample)
			if err != nil {
				t.Fatal(err)
			}
			checkView(t, p, "decode", m)
			out, err := p.encode(m)
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(out) {
				t.Fatalf("encode: invalid JSON %s", out)
			}
			back, err := p.decode(out)
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, p, "round trip", back)
		})
	}
}

// TestServerRejectsWrongRequests keeps the loopback server honest: a request for a path the API
// does not have gets a 404, so a peer building wrong URLs cannot pass TestPeers.
func TestServerRejectsWrongRequests(t *testing.T) {
	c := tunedHTTPClient()
	defer c.CloseIdleConnections()
	for _, tc := range []struct{ method, path string }{
		{http.MethodGet, "/allocation/"},
		{http.MethodGet, "/allocation/update"},
		{http.MethodPost, "/allocation/x"},
		{http.MethodGet, "/other"},
	} {
		req, err := http.NewRequest(tc.method, serverURL+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s: status %d, want 404", tc.method, tc.path, resp.StatusCode)
		}
	}
}
