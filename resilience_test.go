package piecesos

// Resilience tests of issue 4: timeouts, limits, concurrency and the fault-injection table.
// The helpers at the top (res*) are shared by retry_test.go, redirect_test.go,
// logging_test.go and fuzz_test.go. They use httptest servers and closure RoundTrippers;
// once piecesostest lands, the hang/drop/truncate faults could come from it instead.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// resSampleJSON is the realistic allocation of the facts sheet.
const resSampleJSON = `{
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

const resSampleID = "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10"

// resSample returns the sample decoded into a model, to send as an update body.
func resSample(t testing.TB) AllocationCloud {
	t.Helper()
	var m AllocationCloud
	require.NoError(t, m.UnmarshalJSON([]byte(resSampleJSON)))
	return m
}

// resServer starts a loopback test server closed at the end of the test.
func resServer(t testing.TB, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// resClient returns a client of baseURL with test-friendly settings (1–2 ms retry waits, a 5 s
// overall timeout) that mutate may change. Idle connections are closed at the end of the test.
func resClient(t testing.TB, baseURL string, mutate func(*Configuration)) *APIClient {
	t.Helper()
	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: baseURL}}
	cfg.Retry = RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond}
	cfg.Timeout = 5 * time.Second
	if mutate != nil {
		mutate(cfg)
	}
	c := NewAPIClient(cfg)
	t.Cleanup(c.resCloseIdle)
	return c
}

// resCloseIdle closes the idle connections of the client's own transport and of a
// configured HTTPClient.
func (c *APIClient) resCloseIdle() {
	c.own.CloseIdleConnections()
	if c.cfg.HTTPClient != nil {
		c.cfg.HTTPClient.CloseIdleConnections()
	}
}

// resWriteSample answers 200 with the sample.
func resWriteSample(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, resSampleJSON)
}

// resRT is a closure RoundTripper.
type resRT func(*http.Request) (*http.Response, error)

func (f resRT) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// resResponse builds a response for a resRT.
func resResponse(r *http.Request, status int, header http.Header, body io.Reader, length int64) *http.Response {
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{
		Status:        strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        header,
		Body:          io.NopCloser(body),
		ContentLength: length,
		Request:       r,
	}
}

// resRefusedTimeout is the Configuration.Timeout of a call expected to see several refused
// connections: Windows reports a refused loopback connection only after about 2 s (it retries
// the SYN), so that three attempts there take longer than resClient's 5 s; elsewhere a
// refusal comes at once.
const resRefusedTimeout = 60 * time.Second

// resRefusedURL returns the URL of a loopback port that refuses connections: a listener
// that was opened and closed.
func resRefusedURL(t testing.TB) string {
	t.Helper()
	return "http://" + resFreeAddr(t)
}

// resFreeAddr returns a loopback address nothing listens on (yet): a listener's that was
// opened and closed.
func resFreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// resHijack takes over the connection of a request.
func resHijack(t testing.TB, w http.ResponseWriter) (net.Conn, *bufio.ReadWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("response writer is not a Hijacker")
		return nil, nil
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return nil, nil
	}
	return conn, rw
}

// resReset closes conn with an RST instead of a FIN.
func resReset(conn net.Conn) {
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// resWaitGoroutines polls until at most want goroutines run, for at most 10 s (which only a
// leak or a starved machine reaches), and returns the last count.
func resWaitGoroutines(want int) int {
	deadline := time.Now().Add(10 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// resGoroutineDump returns the stacks of all goroutines, for failure messages.
func resGoroutineDump() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// ---- timeouts ----

// TestDefaultTransportTimeouts: without Configuration.HTTPClient the client builds its own
// transport with dial, TLS-handshake and idle timeouts and connection limits, and never uses
// http.DefaultClient. No response-header timeout (a timer per request): the call's deadline
// bounds the wait for an answer (TestDefaultTimeoutFires); no compression (Pieces OS is local).
func TestDefaultTransportTimeouts(t *testing.T) {
	c := NewAPIClient(NewConfiguration())
	require.NotNil(t, c.own)
	assert.NotSame(t, http.DefaultClient, c.httpClient(nil))
	assert.Same(t, c.own, c.httpClient(nil))
	tr, ok := c.own.Transport.(*http.Transport)
	require.True(t, ok, "own transport is %T", c.own.Transport)
	assert.NotSame(t, http.DefaultTransport, tr)
	assert.NotNil(t, tr.DialContext)
	d := newDialer()
	assert.Equal(t, 5*time.Second, d.Timeout, "dial timeout")
	assert.Equal(t, 30*time.Second, d.KeepAlive, "TCP keep-alive")
	assert.Equal(t, 10*time.Second, tr.TLSHandshakeTimeout)
	assert.Zero(t, tr.ResponseHeaderTimeout)
	assert.True(t, tr.DisableCompression)
	assert.NotNil(t, tr.Proxy, "proxies from the environment (never for localhost)")
	assert.Equal(t, 90*time.Second, tr.IdleConnTimeout)
	assert.Equal(t, 64, tr.MaxConnsPerHost)
	assert.Equal(t, 64, tr.MaxIdleConnsPerHost)
	assert.NotNil(t, c.own.CheckRedirect, "redirect policy")
	assert.Zero(t, c.own.Timeout, "the overall timeout is a context deadline, not http.Client.Timeout")
}

// TestDefaultTimeoutDeadline: the deadline every attempt carries: DefaultTimeout when neither
// the context nor Configuration.Timeout set one, Configuration.Timeout when set, none when it
// is negative, and the context's own deadline whenever it has one (even a longer one).
func TestDefaultTimeoutDeadline(t *testing.T) {
	cases := []struct {
		name       string
		cfgTimeout time.Duration
		ctxTimeout time.Duration
		want       time.Duration // 0 = no deadline
	}{
		{"default", 0, 0, DefaultTimeout},
		{"configured", 2 * time.Second, 0, 2 * time.Second},
		{"disabled", -1, 0, 0},
		{"context shorter wins", time.Hour, 3 * time.Second, 3 * time.Second},
		{"context longer wins", time.Second, time.Hour, time.Hour},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got time.Duration
			var has bool
			rt := resRT(func(r *http.Request) (*http.Response, error) {
				var dl time.Time
				dl, has = r.Context().Deadline()
				got = time.Until(dl)
				return resResponse(r, 410, nil, strings.NewReader("Cloud not found."), -1), nil
			})
			c := resClient(t, "http://127.0.0.1:9", func(cfg *Configuration) {
				cfg.HTTPClient = &http.Client{Transport: rt}
				cfg.Timeout = tc.cfgTimeout
			})
			ctx := context.Background()
			if tc.ctxTimeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.ctxTimeout)
				defer cancel()
			}
			_, _, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
			require.ErrorIs(t, err, ErrCloudNotFound)
			if tc.want == 0 {
				assert.False(t, has, "no deadline expected, got one in %v", got)
				return
			}
			require.True(t, has, "deadline expected")
			assert.InDelta(t, tc.want.Seconds(), got.Seconds(), 1, "deadline in %v, want %v", got, tc.want)
		})
	}
}

// resHang is a handler that sends nothing until the client goes away. It reads the request
// body first: net/http only notices a closed connection once the body has been consumed.
func resHang(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	<-r.Context().Done()
}

// TestDefaultTimeoutFires: a server that never answers is given up on after
// Configuration.Timeout, with a *TransportError matching context.DeadlineExceeded.
func TestDefaultTimeoutFires(t *testing.T) {
	srv := resServer(t, resHang)
	c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Timeout = 150 * time.Millisecond })
	start := time.Now()
	_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	elapsed := time.Since(start)
	require.Error(t, err)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, te.Attempts, "a deadline is not retried")
	assert.GreaterOrEqual(t, elapsed, 150*time.Millisecond)
	assert.Less(t, elapsed, 3*time.Second)
}

// TestContextDeadlineWins: a context deadline replaces Configuration.Timeout, whether it is
// longer (a slow answer still succeeds) or shorter (the call ends at the context's deadline).
func TestContextDeadlineWins(t *testing.T) {
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/allocation/slow" {
			select {
			case <-time.After(300 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
			resWriteSample(w)
			return
		}
		resHang(w, r)
	})
	c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Timeout = 50 * time.Millisecond })

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, _, err := c.AllocationAPI.AllocationSnapshot(ctx, "slow").Execute()
	require.NoError(t, err, "the context's longer deadline replaces the 50 ms Configuration.Timeout")
	assert.Equal(t, resSampleID, out.Id)

	c2 := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Timeout = time.Hour })
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	start := time.Now()
	_, _, err = c2.AllocationAPI.AllocationUpdate(ctx2).AllocationCloud(resSample(t)).Execute()
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 3*time.Second)
}

// TestContextCanceledMidBody: cancelling the context while the body is being read ends the
// call at once with context.Canceled.
func TestContextCanceledMidBody(t *testing.T) {
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		_, _ = io.WriteString(w, `{"id":`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	c := resClient(t, srv.URL, nil)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, _, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
	assert.ErrorIs(t, err, context.Canceled)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, te.Attempts)
	assert.Less(t, time.Since(start), 3*time.Second)
}

// ---- limits ----

// resCountingReader is an endless body that counts what was read from it.
type resCountingReader struct{ n atomic.Int64 }

var resA = bytes.Repeat([]byte{'a'}, 32<<10)

func (r *resCountingReader) Read(p []byte) (int, error) {
	n := copy(p, resA)
	r.n.Add(int64(n))
	return n, nil
}

// TestResponseTooLarge: a body over MaxResponseBytes is a *ResponseTooLargeError
// (errors.Is ErrResponseTooLarge) with the answer's status, and is never read past the limit:
// not at all when Content-Length announces it, at most limit+1 bytes when it does not,
// whatever the status. The *http.Response comes back too, its body empty.
func TestResponseTooLarge(t *testing.T) {
	const limit = 4096
	cases := []struct {
		name     string
		status   int
		length   int64 // Content-Length; -1 = unknown
		maxRead  int64
		update   bool
		withBody bool
	}{
		{"content-length 200", 200, 2 * limit, 0, false, false},
		{"content-length 500", 500, 1 << 40, 0, true, true},
		{"chunked 200", 200, -1, limit + 1, false, false},
		{"chunked 410", 410, -1, limit + 1, false, false},
		{"chunked update 200", 200, -1, limit + 1, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := &resCountingReader{}
			var calls atomic.Int32
			rt := resRT(func(r *http.Request) (*http.Response, error) {
				calls.Add(1)
				return resResponse(r, tc.status, nil, body, tc.length), nil
			})
			c := resClient(t, "http://127.0.0.1:9", func(cfg *Configuration) {
				cfg.HTTPClient = &http.Client{Transport: rt}
				cfg.MaxResponseBytes = limit
			})
			var err error
			var out *AllocationCloud
			var resp *http.Response
			if tc.update {
				req := c.AllocationAPI.AllocationUpdate(context.Background())
				if tc.withBody {
					req = req.AllocationCloud(resSample(t))
				}
				out, resp, err = req.Execute()
			} else {
				out, resp, err = c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
			}
			assert.Nil(t, out)
			var tl *ResponseTooLargeError
			require.ErrorAs(t, err, &tl)
			assert.ErrorIs(t, err, ErrResponseTooLarge)
			assert.Equal(t, int64(limit), tl.Limit)
			assert.Equal(t, tc.status, tl.StatusCode)
			require.NotNil(t, resp, "the answer is returned, whatever its status")
			assert.Equal(t, tc.status, resp.StatusCode)
			rest, rerr := io.ReadAll(resp.Body)
			assert.NoError(t, rerr)
			assert.Empty(t, rest, "the body, not kept, reads as empty")
			assert.NotEmpty(t, tl.Operation)
			assert.LessOrEqual(t, body.n.Load(), tc.maxRead, "bytes read from the body")
			assert.Equal(t, int32(1), calls.Load(), "a body over the limit is not retried")
		})
	}
}

// TestResponseTooLargeDefault: the default limit is DefaultMaxResponseBytes (16 MiB): a body
// one byte longer is refused by a client with MaxResponseBytes zero; a body of exactly the
// limit is read.
func TestResponseTooLargeDefault(t *testing.T) {
	require.Equal(t, int64(16<<20), DefaultMaxResponseBytes)
	body := &resCountingReader{}
	rt := resRT(func(r *http.Request) (*http.Response, error) {
		return resResponse(r, 200, nil, io.LimitReader(body, DefaultMaxResponseBytes+1), -1), nil
	})
	c := resClient(t, "http://127.0.0.1:9", func(cfg *Configuration) { cfg.HTTPClient = &http.Client{Transport: rt} })
	_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	var tl *ResponseTooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, DefaultMaxResponseBytes, tl.Limit)

	for _, length := range []int64{-1, DefaultMaxResponseBytes} {
		resp := resResponse(nil, 200, nil, io.LimitReader(&resCountingReader{}, DefaultMaxResponseBytes), length)
		data, err := readBody(resp, DefaultMaxResponseBytes, nil)
		require.NoError(t, err, "Content-Length %d", length)
		assert.Len(t, data, int(DefaultMaxResponseBytes))
	}
}

// resGzipBomb is 64 MiB of zeros, gzip-compressed (about 64 KiB): 64 copies of a 1 MiB gzip
// member (a multi-member stream, which gzip readers decode as one).
var resGzipBomb = sync.OnceValue(func() []byte {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	_, _ = zw.Write(make([]byte, 1<<20))
	_ = zw.Close()
	return bytes.Repeat(member.Bytes(), 64)
})

// TestResponseTooLargeGzipBomb: through a transport that asks for compression (a caller's
// http.Transport with its defaults), a small gzip-compressed body that expands past the limit
// is a *ResponseTooLargeError; the SDK stops decompressing at the limit (memory stays bounded).
func TestResponseTooLargeGzipBomb(t *testing.T) {
	bomb := resGzipBomb()
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
		_, _ = w.Write(bomb)
	})
	const limit = 1 << 20
	c := resClient(t, srv.URL, func(cfg *Configuration) {
		cfg.MaxResponseBytes = limit
		cfg.HTTPClient = &http.Client{Transport: &http.Transport{}}
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, ErrResponseTooLarge)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("gzip bomb: %d compressed bytes, 64 MiB expanded, limit %d, allocated %d bytes", len(bomb), limit, alloc)
	assert.Less(t, alloc, uint64(24<<20), "allocated while refusing a 64 MiB bomb with a 1 MiB limit")
}

// TestDefaultTransportNoCompression: the SDK's own transport does not ask for compression, and
// a compressed body sent anyway is not expanded: it is read as the bytes that came, under the
// limit, and is not JSON (a *DecodeError), whatever it would expand to.
func TestDefaultTransportNoCompression(t *testing.T) {
	bomb := resGzipBomb()
	var acceptEncoding atomic.Value
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		acceptEncoding.Store(r.Header.Values("Accept-Encoding"))
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
		_, _ = w.Write(bomb)
	})
	c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.MaxResponseBytes = 1 << 20 })
	_, resp, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	assert.Empty(t, acceptEncoding.Load(), "no Accept-Encoding sent")
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Len(t, de.Body, len(bomb), "the compressed bytes, not expanded")
	require.NotNil(t, resp)
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
}

// TestErrorMessageQuotesShortPrefix: error messages quote at most a short, single-line prefix
// of a large error body; the full body stays available through Body().
func TestErrorMessageQuotesShortPrefix(t *testing.T) {
	big := "Internal failure\n\t" + strings.Repeat("x", 100_000)
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(500)
		_, _ = io.WriteString(w, big)
	})
	c := resClient(t, srv.URL, nil)
	_, resp, err := c.AllocationAPI.AllocationUpdate(context.Background()).Execute()
	require.Error(t, err)
	assert.LessOrEqual(t, len(err.Error()), 400, "message length")
	assert.NotContains(t, err.Error(), "\n")
	assert.Contains(t, err.Error(), "Internal failure x")
	var ise *InternalServerError
	require.ErrorAs(t, err, &ise)
	assert.LessOrEqual(t, len(ise.Message), 3*maxErrorBodyQuote+3)
	var ge *GenericOpenAPIError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, big, string(ge.Body()))
	require.NotNil(t, resp)
	rb, rerr := io.ReadAll(resp.Body)
	require.NoError(t, rerr)
	assert.Equal(t, big, string(rb), "the returned response body is still readable")
}

// ---- concurrency ----

// TestConcurrentCallsBoundedConnections: one APIClient (default configuration) shared by 128
// goroutines makes 10,000 calls against one server, with no error (and no race under -race),
// never holding more than 64 TCP connections open at once (the other calls wait for one) and
// reusing them: in all about 64 are opened. (net/http itself drops a connection now and then when its write loop has not
// reported within 50 ms of the response, maxWriteWaitBeforeConnReuse in transport.go, so on
// a busy 2-core machine 1–3 extra connections were seen in some runs; a clone of
// http.DefaultTransport, with 2 idle connections per host, opened 1,103 in the same test.)
func TestConcurrentCallsBoundedConnections(t *testing.T) {
	const (
		maxConns = 64           // the default transport's connections per host
		workers  = 2 * maxConns // more calls at once than connections
		calls    = 10_000
	)
	var newConns, served, open, peak atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		resWriteSample(w)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			newConns.Add(1)
			n := open.Add(1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
		case http.StateClosed, http.StateHijacked:
			open.Add(-1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)

	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: srv.URL}}
	c := NewAPIClient(cfg) // the default configuration: no retries tuned, default transport
	t.Cleanup(c.resCloseIdle)

	var next, failures atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= calls {
				var err error
				var out *AllocationCloud
				if next.Load()%2 == 0 {
					out, _, err = c.AllocationAPI.AllocationSnapshot(context.Background(), resSampleID).Execute()
				} else {
					out, _, err = c.AllocationAPI.AllocationUpdate(context.Background()).Execute()
				}
				if err == nil && out.Id != resSampleID {
					err = fmt.Errorf("decoded id %q", out.Id)
				}
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	t.Logf("%d calls from %d goroutines in %v: %d requests served; TCP connections: %d opened, at most %d open at once",
		calls, workers, elapsed.Round(time.Millisecond), served.Load(), newConns.Load(), peak.Load())
	require.Zero(t, failures.Load(), "first error: %v", firstErr.Load())
	assert.Equal(t, int64(calls), served.Load())
	// The server notices a closed connection a little after the client has dialled its
	// replacement, so each replaced connection may show as one more open at once.
	replaced := max(newConns.Load()-maxConns, 0)
	assert.LessOrEqual(t, peak.Load(), maxConns+replaced, "TCP connections open at once (server's view)")
	assert.LessOrEqual(t, newConns.Load(), int64(maxConns+32), "TCP connections opened in all")
	assert.Positive(t, newConns.Load())
}

// TestCancelledCallsLeakNoGoroutine: 64 calls cancelled midway (half before the headers, half
// while reading the body) leave no goroutine behind once idle connections are closed.
func TestCancelledCallsLeakNoGoroutine(t *testing.T) {
	baseline := runtime.NumGoroutine()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/allocation/mid-body" {
			w.Header().Set("Content-Length", "100000")
			_, _ = io.WriteString(w, `{"id":"`)
			w.(http.Flusher).Flush()
		}
		<-r.Context().Done()
	}))
	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: srv.URL}}
	c := NewAPIClient(cfg)

	const calls = 64
	var wg sync.WaitGroup
	var canceled atomic.Int64
	var peak atomic.Int64
	for i := 0; i < calls; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			time.AfterFunc(time.Duration(50+i)*time.Millisecond, cancel)
			id := "before-headers"
			if i%2 == 1 {
				id = "mid-body"
			}
			_, _, err := c.AllocationAPI.AllocationSnapshot(ctx, id).Execute()
			if errors.Is(err, context.Canceled) {
				canceled.Add(1)
			}
			if n := int64(runtime.NumGoroutine()); n > peak.Load() {
				peak.Store(n)
			}
		}(i)
	}
	wg.Wait()
	c.resCloseIdle()
	srv.Close()
	after := resWaitGoroutines(baseline)
	t.Logf("goroutines: baseline %d, peak during the calls %d, after %d", baseline, peak.Load(), after)
	assert.Equal(t, int64(calls), canceled.Load(), "calls ending in context.Canceled")
	if after > baseline {
		t.Fatalf("goroutines: %d after, baseline %d\n%s", after, baseline, resGoroutineDump())
	}
}

// ---- fault injection ----

// resFault is one case of the fault table.
type resFault struct {
	name    string
	handler http.HandlerFunc
	update  bool // AllocationUpdate with the sample as body, instead of AllocationSnapshot
	large   bool // a large document, whose decoding takes CPU time
	mutate  func(*Configuration)
	check   func(t *testing.T, out *AllocationCloud, resp *http.Response, err error)
}

func resBody(status int, contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// resWithUnknown returns the sample with an extra unknown key of the given raw value.
func resWithUnknown(raw string) string {
	return strings.Replace(resSampleJSON, `"region"`, `"x_extra": `+raw+`, "region"`, 1)
}

func resExpectDecodeError(body string) func(*testing.T, *AllocationCloud, *http.Response, error) {
	return func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Nil(t, out)
		assert.NotEmpty(t, de.Operation)
		if body != "" {
			assert.Equal(t, body, string(de.Body))
		}
		require.NotNil(t, resp)
		assert.Equal(t, 200, resp.StatusCode)
		assert.LessOrEqual(t, len(err.Error()), 512, "decode error message length")
	}
}

// resExpectDecodeErrorIs is resExpectDecodeError(body) whose error also matches target.
func resExpectDecodeErrorIs(body string, target error) func(*testing.T, *AllocationCloud, *http.Response, error) {
	return func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
		resExpectDecodeError(body)(t, out, resp, err)
		assert.ErrorIs(t, err, target)
	}
}

func resExpectDecodeErrorAt(path string) func(*testing.T, *AllocationCloud, *http.Response, error) {
	return func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
		resExpectDecodeError("")(t, out, resp, err)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, path, de.Path)
	}
}

func resExpectTransport(target error) func(*testing.T, *AllocationCloud, *http.Response, error) {
	return func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
		var te *TransportError
		require.ErrorAs(t, err, &te)
		assert.Nil(t, out)
		if target != nil {
			assert.ErrorIs(t, err, target)
		}
	}
}

func resExpectID(id string) func(*testing.T, *AllocationCloud, *http.Response, error) {
	return func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
		require.NoError(t, err)
		require.NotNil(t, out)
		assert.Equal(t, id, out.Id)
	}
}

func resNested(depth int) string {
	return strings.Repeat("[", depth) + strings.Repeat("]", depth)
}

func resManyKeys(n int) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d":%d`, i, i)
	}
	b.WriteByte('}')
	return b.String()
}

// TestFaultInjection is the fault table of issue 4: each fault gives the right result or a
// clear typed error, with no panic, no hang (short timeouts, elapsed time checked) and no
// goroutine left behind (checked once after the table).
func TestFaultInjection(t *testing.T) {
	truncated := resSampleJSON[:len(resSampleJSON)/2]
	html502 := "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>" +
		strings.Repeat("<p>upstream unavailable</p>\n", 500) + "</body></html>"
	faults := []resFault{
		{name: "truncated JSON", handler: resBody(200, "application/json", truncated),
			check: resExpectDecodeError(truncated)},
		{name: "body shorter than Content-Length", handler: func(w http.ResponseWriter, r *http.Request) {
			conn, rw := resHijack(t, w)
			if conn == nil {
				return
			}
			fmt.Fprintf(rw, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(resSampleJSON), truncated)
			_ = rw.Flush()
			_ = conn.Close()
		}, check: resExpectTransport(io.ErrUnexpectedEOF)},
		{name: "connection reset mid-body", handler: func(w http.ResponseWriter, r *http.Request) {
			conn, rw := resHijack(t, w)
			if conn == nil {
				return
			}
			fmt.Fprintf(rw, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(resSampleJSON), truncated)
			_ = rw.Flush()
			time.Sleep(20 * time.Millisecond) // let the client start reading the body
			resReset(conn)
		}, check: func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
			var te *TransportError
			require.ErrorAs(t, err, &te)
			assert.True(t, resIsConnReset(err) || errors.Is(err, io.ErrUnexpectedEOF), "%v", err)
		}},
		{name: "connection reset before the answer (update)", update: true, handler: func(w http.ResponseWriter, r *http.Request) {
			if conn, _ := resHijack(t, w); conn != nil {
				resReset(conn)
			}
		}, check: resExpectTransport(nil)},
		{name: "hang before headers", handler: resHang, mutate: func(cfg *Configuration) { cfg.Timeout = 200 * time.Millisecond },
			check: resExpectTransport(context.DeadlineExceeded)},
		{name: "hang before headers (update)", update: true, handler: resHang, mutate: func(cfg *Configuration) { cfg.Timeout = 200 * time.Millisecond },
			check: resExpectTransport(context.DeadlineExceeded)},
		{name: "hang mid-body", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(resSampleJSON)))
			_, _ = io.WriteString(w, truncated)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}, mutate: func(cfg *Configuration) { cfg.Timeout = 200 * time.Millisecond },
			check: resExpectTransport(context.DeadlineExceeded)},
		{name: "200 text/plain", handler: resBody(200, "text/plain", "OK"), check: resExpectDecodeError("OK")},
		{name: "200 empty body", handler: resBody(200, "application/json", ""), check: resExpectDecodeError("")},
		{name: "200 JSON of the wrong type", handler: resBody(200, "application/json", `{"id": 5}`), check: resExpectDecodeErrorIs(`{"id": 5}`, ErrInvalidValue)},
		{name: "200 JSON array", handler: resBody(200, "application/json", `[1,2]`), check: resExpectDecodeErrorIs(`[1,2]`, ErrInvalidValue)},
		{name: "502 HTML page", handler: resBody(502, "text/html", html502), check: func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
			var ge *GenericOpenAPIError
			require.ErrorAs(t, err, &ge)
			assert.Equal(t, 502, ge.StatusCode())
			assert.Nil(t, ge.Unwrap(), "502 is not a documented status")
			assert.Equal(t, html502, string(ge.Body()))
			assert.Contains(t, err.Error(), "502 Bad Gateway")
			assert.LessOrEqual(t, len(err.Error()), 400)
			assert.NotContains(t, err.Error(), "\n")
			require.NotNil(t, resp)
			assert.Equal(t, 502, resp.StatusCode)
		}},
		{name: "body over the cap", handler: resBody(200, "application/json", resWithUnknown(`"`+strings.Repeat("z", 8192)+`"`)),
			mutate: func(cfg *Configuration) { cfg.MaxResponseBytes = 4096 },
			check: func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
				assert.ErrorIs(t, err, ErrResponseTooLarge)
			}},
		{name: "invalid UTF-8 in strings", handler: resBody(200, "application/json",
			strings.Replace(resSampleJSON, `"id": "8f1e`, "\"id\": \"\xff\xfe8f1e", 1)),
			check: resExpectID("\ufffd\ufffd" + resSampleID)},
		{name: "10,000-deep nesting (the limit)", large: true, handler: resBody(200, "application/json", resWithUnknown(resNested(9_999))),
			check: func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
				// The document adds one level: 9,999 arrays inside it make a depth of 10,000.
				require.NoError(t, err)
				assert.Equal(t, resSampleID, out.Id)
				depth := 0
				for v := out.AdditionalProperties["x_extra"]; ; depth++ {
					a, ok := v.([]interface{})
					if !ok {
						break
					}
					if len(a) == 0 {
						depth++
						break
					}
					v = a[0]
				}
				assert.Equal(t, 9_999, depth)
			}},
		{name: "10,001-deep nesting", handler: resBody(200, "application/json", resWithUnknown(resNested(10_000))),
			check: resExpectDecodeErrorAt("x_extra")},
		{name: "1,000,000-deep nesting", large: true, handler: resBody(200, "application/json", resWithUnknown(resNested(1_000_000))),
			check: resExpectDecodeErrorAt("x_extra")},
		{name: "100,000 keys", large: true, handler: resBody(200, "application/json", resWithUnknown(resManyKeys(100_000))),
			check: func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
				resExpectID(resSampleID)(t, out, resp, err)
				m, ok := out.AdditionalProperties["x_extra"].(map[string]interface{})
				require.True(t, ok, "x_extra is %T", out.AdditionalProperties["x_extra"])
				assert.Len(t, m, 100_000)
				assert.Equal(t, json.Number("99999"), m["k99999"])
			}},
		{name: "duplicate keys, last wins", handler: resBody(200, "application/json",
			strings.Replace(resSampleJSON, `"region"`, `"id": "second", "x": 1, "x": 2, "region"`, 1)),
			check: func(t *testing.T, out *AllocationCloud, resp *http.Response, err error) {
				resExpectID("second")(t, out, resp, err)
				assert.Equal(t, map[string]interface{}{"x": json.Number("2")}, out.AdditionalProperties)
			}},
	}

	baseline := runtime.NumGoroutine()
	var servers []*httptest.Server
	var clients []*APIClient
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			srv := httptest.NewServer(f.handler)
			servers = append(servers, srv)
			c := NewAPIClient(func() *Configuration {
				cfg := NewConfiguration()
				cfg.Servers = ServerConfigurations{{URL: srv.URL}}
				cfg.Timeout = 2 * time.Second
				cfg.Retry = RetryPolicy{MaxRetries: -1}
				if f.mutate != nil {
					f.mutate(cfg)
				}
				return cfg
			}())
			clients = append(clients, c)
			start := time.Now()
			var out *AllocationCloud
			var resp *http.Response
			var err error
			if f.update {
				out, resp, err = c.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(resSample(t)).Execute()
			} else {
				out, resp, err = c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
			}
			elapsed := time.Since(start)
			// No hang: a fault that hangs ends with the 200 ms Timeout and the others are
			// answered at once, so 3 s leaves a busy machine room. A large document also
			// takes CPU time to decode (100,000 keys: 0.8 s under -race on a 2-core machine,
			// 3.9 s with other tests' builds beside it): 30 s, a bound on hanging, not a
			// measure of speed (benchmarks/ measures that).
			limit := 3 * time.Second
			if f.large {
				limit = 30 * time.Second
			}
			assert.Less(t, elapsed, limit, "call time")
			if err != nil {
				t.Logf("error (%v): %v", elapsed.Round(time.Millisecond), err)
			}
			f.check(t, out, resp, err)
		})
	}
	for _, c := range clients {
		c.resCloseIdle()
	}
	for _, s := range servers {
		s.Close()
	}
	if after := resWaitGoroutines(baseline); after > baseline {
		t.Fatalf("goroutines: %d after the fault table, baseline %d\n%s", after, baseline, resGoroutineDump())
	}
}

// TestMaxResponseBytesSettings: zero means DefaultMaxResponseBytes, a negative value no cap
// (like Timeout and MaxRetries), and math.MaxInt64 reads bodies whole, with or without a
// Content-Length (it used to overflow into an empty body).
func TestMaxResponseBytesSettings(t *testing.T) {
	overDefault := DefaultMaxResponseBytes + 1
	for _, tc := range []struct {
		name    string
		limit   int64
		length  int64 // body length
		known   bool  // Content-Length sent
		tooBig  bool
		wantCap int64 // ResponseTooLargeError.Limit when tooBig
	}{
		{"zero: default, over it", 0, overDefault, false, true, DefaultMaxResponseBytes},
		{"zero: default, over it, Content-Length", 0, overDefault, true, true, DefaultMaxResponseBytes},
		{"negative: no cap", -1, overDefault, false, false, 0},
		{"negative: no cap, Content-Length", -1, overDefault, true, false, 0},
		{"MaxInt64", math.MaxInt64, 5, false, false, 0},
		{"MaxInt64, Content-Length", math.MaxInt64, 5, true, false, 0},
		{"MaxInt64, larger body", math.MaxInt64, 100_000, false, false, 0},
		{"MaxInt64 - 1", math.MaxInt64 - 1, 5, false, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rt := resRT(func(r *http.Request) (*http.Response, error) {
				length := int64(-1)
				if tc.known {
					length = tc.length
				}
				return resResponse(r, 500, nil, io.LimitReader(&resCountingReader{}, tc.length), length), nil
			})
			c := resClient(t, "http://127.0.0.1:9", func(cfg *Configuration) {
				cfg.HTTPClient = &http.Client{Transport: rt}
				cfg.MaxResponseBytes = tc.limit
			})
			_, _, err := c.AllocationAPI.AllocationUpdate(context.Background()).Execute()
			if tc.tooBig {
				var tl *ResponseTooLargeError
				require.ErrorAs(t, err, &tl)
				assert.Equal(t, tc.wantCap, tl.Limit)
				return
			}
			var ge *GenericOpenAPIError
			require.ErrorAs(t, err, &ge)
			assert.Len(t, ge.Body(), int(tc.length), "the whole body is read")
		})
	}
}

// resHeapBytes returns the bytes of heap objects, live or not yet collected (HeapAlloc),
// without stopping the world.
func resHeapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestConcurrentLargeBodiesMemoryBound: 64 concurrent calls to a server that sends endless
// bodies without a Content-Length, with a 1 MiB cap, keep the heap under 1.25 × 64 × cap: a
// call holds at most cap + 1 bytes of body while it reads (it used to grow a buffer by
// doubling, to about 2.5 × cap). The server sends each call the cap's worth, waits until
// every call holds it, then sends on, so that the calls' peaks coincide; the GC runs at 10%
// growth so that the heap measured stays close to the live heap.
func TestConcurrentLargeBodiesMemoryBound(t *testing.T) {
	const (
		calls = 64
		limit = 1 << 20
	)
	chunk := bytes.Repeat([]byte{'a'}, 32<<10)
	var arrived atomic.Int32
	release := make(chan struct{})
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for sent := 0; sent < limit; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		w.(http.Flusher).Flush()
		if arrived.Add(1) == calls {
			close(release)
		}
		select {
		case <-release:
		case <-r.Context().Done():
			return
		case <-time.After(10 * time.Second):
		}
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	// A transport of its own, without the shared one's limit of 64 connections per host, so
	// that no call waits for another's connection.
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	c := resClient(t, srv.URL, func(cfg *Configuration) {
		cfg.HTTPClient = &http.Client{Transport: tr}
		cfg.MaxResponseBytes = limit
		cfg.Retry.MaxRetries = -1
		cfg.Timeout = 60 * time.Second
	})

	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	base := resHeapBytes()
	var peak atomic.Uint64
	stop, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if h := resHeapBytes(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	var wg sync.WaitGroup
	var tooLarge atomic.Int32
	for i := 0; i < calls; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
			if errors.Is(err, ErrResponseTooLarge) {
				tooLarge.Add(1)
			} else {
				t.Errorf("want ErrResponseTooLarge, got %v", err)
			}
		}()
	}
	wg.Wait()
	close(stop)
	<-sampled
	grown := float64(peak.Load()) - float64(base)
	t.Logf("%d calls × %d B cap: peak heap %.1f MiB above the baseline, %.2f × calls × cap",
		calls, limit, grown/(1<<20), grown/(calls*limit))
	assert.Equal(t, int32(calls), tooLarge.Load())
	assert.LessOrEqual(t, grown, 1.25*calls*limit, "peak heap")
}

// TestTimeoutSaysWhich: the SDK's own timeout (Configuration.Timeout, when the context has no
// deadline) says so and matches ErrTimeout as well as context.DeadlineExceeded; the deadline
// of the caller's context matches context.DeadlineExceeded only.
func TestTimeoutSaysWhich(t *testing.T) {
	midBody := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		_, _ = io.WriteString(w, `{"id":`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		update  bool
	}{{"before the headers", resHang, false}, {"mid-body", midBody, false}, {"update", resHang, true}} {
		srv := resServer(t, tc.handler)
		t.Run(tc.name+": SDK timeout", func(t *testing.T) {
			c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Timeout = 150 * time.Millisecond })
			_, _, err := resCall(context.Background(), t, c, tc.update)
			var te *TransportError
			require.ErrorAs(t, err, &te)
			assert.ErrorIs(t, err, ErrTimeout)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Contains(t, err.Error(), "timed out after 150ms (Configuration.Timeout; the context has no deadline)")
		})
		t.Run(tc.name+": caller's deadline", func(t *testing.T) {
			c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Timeout = time.Hour })
			ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
			defer cancel()
			_, _, err := resCall(ctx, t, c, tc.update)
			var te *TransportError
			require.ErrorAs(t, err, &te)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.NotErrorIs(t, err, ErrTimeout)
			assert.NotContains(t, err.Error(), "Configuration.Timeout")
		})
	}
}
