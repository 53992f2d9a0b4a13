package test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

// These tests look at the wire through a plain httptest.Server whose URL has a path prefix,
// as go-github's tests do: a request built with an absolute path would miss the prefix.

// wireRequest is a request as the server received it.
type wireRequest struct {
	Method           string
	RequestURI       string // the request target exactly as sent, still escaped
	Header           http.Header
	Body             []byte
	ContentLength    int64
	TransferEncoding []string
}

// recorder is an http.Handler that logs requests and answers like Pieces OS: a snapshot under
// /allocation/ gets the facts' sample, an update gets its body back, anything else 404.
type recorder struct {
	prefix string
	mu     sync.Mutex
	reqs   []wireRequest
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, wireRequest{
		Method:           r.Method,
		RequestURI:       r.RequestURI,
		Header:           r.Header.Clone(),
		Body:             body,
		ContentLength:    r.ContentLength,
		TransferEncoding: r.TransferEncoding,
	})
	rec.mu.Unlock()
	path := r.URL.EscapedPath()
	switch {
	case r.Method == http.MethodPost && path == rec.prefix+"/allocation/update" && len(body) > 0:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	case r.Method == http.MethodPost && path == rec.prefix+"/allocation/update":
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, "missing body")
	case r.Method == http.MethodGet && strings.HasPrefix(path, rec.prefix+"/allocation/"):
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, factsSample)
	default:
		http.Error(w, "no route for "+r.Method+" "+r.RequestURI, http.StatusNotFound)
	}
}

func (rec *recorder) requests() []wireRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]wireRequest(nil), rec.reqs...)
}

// newPrefixed starts an httptest.Server that serves the API below prefix (already escaped), and
// returns it with a client configured with srv.URL+prefix.
func newPrefixed(t *testing.T, prefix string) (*recorder, *piecesos.Configuration, *httptest.Server) {
	t.Helper()
	rec := &recorder{prefix: strings.TrimSuffix(prefix, "/")}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: srv.URL + prefix}}
	cfg.Retry = fastRetry
	return rec, cfg, srv
}

func TestPathPrefixIsKept(t *testing.T) {
	for _, prefix := range []string{"/prefix", "/prefix/", "/a/b/c", "/pre%20fix"} {
		t.Run(prefix, func(t *testing.T) {
			checkGoroutines(t)
			rec, cfg, _ := newPrefixed(t, prefix)
			client := piecesos.NewAPIClient(cfg)
			ctx := context.Background()
			_, _, err := client.AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()
			require.NoError(t, err)
			_, _, err = client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*sampleWithRegion("x")).Execute()
			require.NoError(t, err)

			base := strings.TrimSuffix(prefix, "/")
			reqs := rec.requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, http.MethodGet, reqs[0].Method)
			assert.Equal(t, base+"/allocation/"+sampleID, reqs[0].RequestURI)
			assert.Equal(t, http.MethodPost, reqs[1].Method)
			assert.Equal(t, base+"/allocation/update", reqs[1].RequestURI)
		})
	}
}

// The id is one path segment, escaped: it never adds a segment, a query or a fragment.
func TestPathEscapingBelowThePrefix(t *testing.T) {
	checkGoroutines(t)
	rec, cfg, _ := newPrefixed(t, "/prefix")
	client := piecesos.NewAPIClient(cfg)
	ids := []string{"a b/c?d#e%f", "é✓", "update", "...", "a/../b", "%2F", "+&=;"}
	for _, id := range ids {
		_, _, err := client.AllocationAPI.AllocationSnapshot(context.Background(), id).Execute()
		require.NoError(t, err, id)
	}
	reqs := rec.requests()
	require.Len(t, reqs, len(ids))
	for i, id := range ids {
		assert.Equal(t, "/prefix/allocation/"+url.PathEscape(id), reqs[i].RequestURI, id)
		seg := strings.TrimPrefix(reqs[i].RequestURI, "/prefix/allocation/")
		assert.NotContains(t, seg, "/", id)
		assert.NotContains(t, seg, "?", id)
		assert.NotContains(t, seg, "#", id)
		back, err := url.PathUnescape(seg)
		require.NoError(t, err)
		assert.Equal(t, id, back)
	}
	assert.Equal(t, "/prefix/allocation/a%20b%2Fc%3Fd%23e%25f", reqs[0].RequestURI)
	assert.Equal(t, "/prefix/allocation/%C3%A9%E2%9C%93", reqs[1].RequestURI)

	// Ids that would change the path are refused before any I/O.
	for _, id := range []string{"", ".", ".."} {
		_, resp, err := client.AllocationAPI.AllocationSnapshot(context.Background(), id).Execute()
		assert.Nil(t, resp)
		var ve *piecesos.ValidationError
		require.ErrorAs(t, err, &ve, "%q", id)
		assert.Equal(t, "allocation", ve.Param)
	}
	assert.Len(t, rec.requests(), len(ids), "nothing sent for refused ids")
}

func TestHeadersOnTheWire(t *testing.T) {
	checkGoroutines(t)
	rec, cfg, _ := newPrefixed(t, "/prefix")
	cfg.AddDefaultHeader("X-Trace", "trace-1")
	cfg.AddDefaultHeader("Accept", "*/*") // the SDK's own headers win
	client := piecesos.NewAPIClient(cfg)
	bg := context.Background()
	withKey := context.WithValue(bg, piecesos.ContextAPIKeys, map[string]piecesos.APIKey{"application": {Key: "my-plugin"}})
	withPrefixedKey := context.WithValue(bg, piecesos.ContextAPIKeys, map[string]piecesos.APIKey{"application": {Key: "my-plugin", Prefix: "App"}})
	cloud := sampleWithRegion("europe-west1")
	sent, err := cloud.MarshalJSON()
	require.NoError(t, err)

	_, _, err = client.AllocationAPI.AllocationSnapshot(bg, sampleID).Execute()
	require.NoError(t, err)
	_, _, err = client.AllocationAPI.AllocationSnapshot(withKey, sampleID).Execute()
	require.NoError(t, err)
	_, _, err = client.AllocationAPI.AllocationUpdate(withPrefixedKey).AllocationCloud(*cloud).Execute()
	require.NoError(t, err)
	_, _, err = client.AllocationAPI.AllocationUpdate(bg).Execute()
	var ise *piecesos.InternalServerError
	require.ErrorAs(t, err, &ise, "an update without a model has no body")

	reqs := rec.requests()
	require.Len(t, reqs, 4)
	for i, r := range reqs {
		assert.Equal(t, []string{"application/json, text/plain"}, r.Header.Values("Accept"), "request %d", i)
		assert.Equal(t, "trace-1", r.Header.Get("X-Trace"), "request %d", i)
		assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "pieces-os-client-sdk-for-go/"), "request %d: %q", i, r.Header.Get("User-Agent"))
		assert.Empty(t, r.TransferEncoding, "request %d: no chunked bodies", i)
	}

	snapshot, snapshotWithKey, update, emptyUpdate := reqs[0], reqs[1], reqs[2], reqs[3]
	// Snapshots: no body, hence no Content-Type; the key only when the context has one.
	for _, r := range []wireRequest{snapshot, snapshotWithKey} {
		assert.Empty(t, r.Body)
		assert.Zero(t, r.ContentLength)
		assert.NotContains(t, r.Header, "Content-Type")
	}
	assert.NotContains(t, snapshot.Header, "X-Application-Id")
	assert.Equal(t, []string{"my-plugin"}, snapshotWithKey.Header.Values("X-Application-Id"))

	// Update with a model: a JSON body of known length, the prefixed key.
	assert.Equal(t, []string{"application/json"}, update.Header.Values("Content-Type"))
	assert.Equal(t, int64(len(sent)), update.ContentLength)
	assert.JSONEq(t, string(sent), string(update.Body))
	assert.Equal(t, []string{"App my-plugin"}, update.Header.Values("X-Application-Id"))

	// Update without a model: no body at all (not "null"), no Content-Type, no key.
	assert.Empty(t, emptyUpdate.Body)
	assert.Zero(t, emptyUpdate.ContentLength)
	assert.NotContains(t, emptyUpdate.Header, "Content-Type")
	assert.NotContains(t, emptyUpdate.Header, "X-Application-Id")
}

func TestUserAgentFromConfiguration(t *testing.T) {
	checkGoroutines(t)
	rec, cfg, _ := newPrefixed(t, "/prefix")
	cfg.UserAgent = "my-plugin/2.0"
	_, _, err := piecesos.NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
	require.NoError(t, err)
	assert.Equal(t, "my-plugin/2.0", rec.requests()[0].Header.Get("User-Agent"))
}

// The generator's ways of choosing a server: ContextServerIndex, ContextOperationServerIndices,
// OperationServers and Configuration.Host / Scheme; each keeps the chosen server's prefix.
func TestServerSelectionKeepsPrefixes(t *testing.T) {
	checkGoroutines(t)
	rec := &recorder{} // no prefix: the handler below strips it
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Serve every prefix: strip the first segment before answering.
		rest := r.URL.EscapedPath()
		if i := strings.Index(rest[1:], "/"); i >= 0 {
			rest = rest[i+1:]
		}
		r2 := r.Clone(r.Context())
		r2.URL.RawPath = rest
		r2.URL.Path, _ = url.PathUnescape(rest)
		rec.ServeHTTP(w, r2)
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")

	cfg := piecesos.NewConfiguration()
	cfg.Retry = fastRetry
	cfg.Servers = piecesos.ServerConfigurations{{URL: srv.URL + "/zero"}, {URL: srv.URL + "/one"}}
	cfg.OperationServers = map[string]piecesos.ServerConfigurations{
		"AllocationAPIService.AllocationUpdate": {{URL: srv.URL + "/update-zero"}, {URL: srv.URL + "/update-one"}},
	}
	client := piecesos.NewAPIClient(cfg)
	bg := context.Background()
	update := func(ctx context.Context) {
		_, _, err := client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*sampleWithRegion("r")).Execute()
		require.NoError(t, err)
	}
	snapshot := func(ctx context.Context) {
		_, _, err := client.AllocationAPI.AllocationSnapshot(ctx, "id").Execute()
		require.NoError(t, err)
	}
	snapshot(bg)
	snapshot(context.WithValue(bg, piecesos.ContextServerIndex, 1))
	update(bg)
	update(context.WithValue(bg, piecesos.ContextOperationServerIndices, map[string]int{"AllocationAPIService.AllocationUpdate": 1}))

	// Configuration.Host replaces host and port of the default server, keeping its prefix.
	hostCfg := piecesos.NewConfiguration()
	hostCfg.Retry = fastRetry
	hostCfg.Servers = piecesos.ServerConfigurations{{URL: "http://localhost:1000/host-prefix"}}
	hostCfg.Host = host
	_, _, err := piecesos.NewAPIClient(hostCfg).AllocationAPI.AllocationSnapshot(bg, "id").Execute()
	require.NoError(t, err)

	var got []string
	for _, r := range rec.requests() {
		got = append(got, r.Method+" "+r.RequestURI)
	}
	assert.Equal(t, []string{
		"GET /zero/allocation/id",
		"GET /one/allocation/id",
		"POST /update-zero/allocation/update",
		"POST /update-one/allocation/update",
		"GET /host-prefix/allocation/id",
	}, got)
}

// The answer of a successful call comes back with its body still readable.
func TestSuccessfulResponseBodyReadable(t *testing.T) {
	checkGoroutines(t)
	_, cfg, _ := newPrefixed(t, "/prefix")
	_, resp, err := piecesos.NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, factsSample, string(body))
	assert.Equal(t, strconv.Itoa(len(factsSample)), resp.Header.Get("Content-Length"))
	assert.NoError(t, resp.Body.Close())
}

// retryAfterServer answers the first request 503 with the given Retry-After, then the sample.
func retryAfterServer(t *testing.T, retryAfter string) (*httptest.Server, func() int) {
	t.Helper()
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		n++
		first := n == 1
		mu.Unlock()
		if first {
			w.Header().Set("Retry-After", retryAfter)
			http.Error(w, "starting", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, factsSample)
	}))
	t.Cleanup(srv.Close)
	return srv, func() int { mu.Lock(); defer mu.Unlock(); return n }
}

// Retry-After is honoured, in seconds or as an HTTP date. The SDK never retries sooner than
// the server asked: a Retry-After longer than RetryPolicy.MaxWait ends the call at once with
// that answer's error.
func TestRetryAfter(t *testing.T) {
	cases := []struct {
		name       string
		retryAfter string
		maxWait    time.Duration
		retried    bool
		min, max   time.Duration // bounds of the call's duration
	}{
		{"seconds", "1", 5 * time.Second, true, time.Second, 3 * time.Second},
		{"seconds over MaxWait", "3600", 300 * time.Millisecond, false, 0, time.Second},
		{"HTTP date over MaxWait", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), 300 * time.Millisecond, false, 0, time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkGoroutines(t)
			srv, count := retryAfterServer(t, tc.retryAfter)
			cfg := piecesos.NewConfiguration()
			cfg.Servers = piecesos.ServerConfigurations{{URL: srv.URL}}
			cfg.Retry = piecesos.RetryPolicy{MinWait: time.Millisecond, MaxWait: tc.maxWait}
			start := time.Now()
			_, resp, err := piecesos.NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
			elapsed := time.Since(start)
			if tc.retried {
				require.NoError(t, err)
				assert.Equal(t, 2, count())
			} else {
				var apiErr *piecesos.GenericOpenAPIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode())
				assert.Contains(t, err.Error(), "no retry: Retry-After")
				require.NotNil(t, resp)
				assert.Equal(t, 1, count())
			}
			assert.GreaterOrEqual(t, elapsed, tc.min)
			assert.Less(t, elapsed, tc.max)
		})
	}
}

// A body without Content-Length (chunked) is read through the cap as well.
func TestChunkedBodyOverTheCap(t *testing.T) {
	checkGoroutines(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for i := 0; i < 64; i++ {
			_, _ = io.WriteString(w, strings.Repeat(" ", 1024))
			w.(http.Flusher).Flush()
		}
	}))
	t.Cleanup(srv.Close)
	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: srv.URL}}
	cfg.MaxResponseBytes = 16 << 10
	_, _, err := piecesos.NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
	var tl *piecesos.ResponseTooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, int64(16<<10), tl.Limit)
	assert.Equal(t, "AllocationSnapshot", tl.Operation)
}
