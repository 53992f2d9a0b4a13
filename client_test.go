package piecesos

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testBasePath is the path prefix of the test server's URL. Requests that drop it (an
// absolute path bug) reach the catch-all handler and fail the test.
const testBasePath = "/api-v1"

// testAllocationID is the id of the facts' sample allocation.
const testAllocationID = "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10"

// testAllocationJSON is the realistic AllocationCloud of the facts document.
const testAllocationJSON = `{
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

// testServer is a test Pieces OS: an httptest server with a per-test mux mounted below
// testBasePath, and a client configured for it.
type testServer struct {
	srv    *httptest.Server
	mux    *http.ServeMux
	cfg    *Configuration // the Configuration given to NewAPIClient
	client *APIClient
	hits   atomic.Int64 // requests that reached the server, whatever their path
}

// setup starts a test server with a per-test mux and returns it with a client whose
// Servers[0] is the server's URL plus testBasePath. Retries are off (MaxRetries -1) so that
// every call is one request. The server is closed through t.Cleanup.
func setup(t *testing.T) *testServer {
	t.Helper()
	ts := &testServer{mux: http.NewServeMux()}
	root := http.NewServeMux()
	root.Handle(testBasePath+"/", http.StripPrefix(testBasePath, ts.mux))
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request outside %s: %s %s", testBasePath, r.Method, r.RequestURI)
		http.Error(w, "wrong path", http.StatusNotImplemented)
	})
	ts.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.hits.Add(1)
		root.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.srv.Close)

	ts.cfg = NewConfiguration()
	ts.cfg.Servers[0].URL = ts.srv.URL + testBasePath
	ts.cfg.Retry = RetryPolicy{MaxRetries: -1}
	ts.client = NewAPIClient(ts.cfg)
	return ts
}

// handleJSON answers every request on pattern with status and body (Content-Type
// application/json unless status is not 2xx, then text/plain).
func (ts *testServer) handleJSON(pattern string, status int, body string) {
	ts.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if status >= 200 && status < 300 {
			w.Header().Set("Content-Type", "application/json")
		} else {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
}

// seenRequest is what a handler recorded of a request.
type seenRequest struct {
	Method     string
	RequestURI string
	Header     http.Header
	Body       []byte
	HasBody    bool
	Length     int64
}

// record answers pattern with the facts' sample and records each request.
func (ts *testServer) record(t *testing.T, pattern string) func() []seenRequest {
	var mu sync.Mutex
	var seen []seenRequest
	ts.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		assert.NoError(t, err)
		mu.Lock()
		seen = append(seen, seenRequest{
			Method:     r.Method,
			RequestURI: r.RequestURI,
			Header:     r.Header.Clone(),
			Body:       body,
			HasBody:    r.Body != http.NoBody,
			Length:     r.ContentLength,
		})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, testAllocationJSON)
	})
	return func() []seenRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]seenRequest(nil), seen...)
	}
}

// testCloud returns the facts' sample as an AllocationCloud.
func testCloud(t *testing.T) AllocationCloud {
	t.Helper()
	var m AllocationCloud
	require.NoError(t, json.Unmarshal([]byte(testAllocationJSON), &m))
	return m
}

// roundTripFunc is a RoundTripper made of a function, for transport-level fakes.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func jsonResponse(r *http.Request, status int, body string) *http.Response {
	return &http.Response{
		StatusCode:    status,
		Status:        http.StatusText(status),
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       r,
	}
}

func TestNewAPIClient_NilConfiguration(t *testing.T) {
	c := NewAPIClient(nil)
	require.NotNil(t, c)
	require.NotNil(t, c.AllocationAPI)
	cfg := c.GetConfig()
	require.NotNil(t, cfg)
	assert.Equal(t, NewConfiguration(), cfg)
}

func TestGetConfig(t *testing.T) {
	cfg := NewConfiguration()
	cfg.UserAgent = "agent/1"
	c := NewAPIClient(cfg)
	assert.Equal(t, "agent/1", c.GetConfig().UserAgent)
	assert.Same(t, c, c.AllocationAPI.client, "services are views of their client")
}

// cloneConfiguration deep-copies the parts of a Configuration a client could change.
func cloneConfiguration(c *Configuration) *Configuration {
	cp := *c
	if c.DefaultHeader != nil {
		cp.DefaultHeader = make(map[string]string, len(c.DefaultHeader))
		for k, v := range c.DefaultHeader {
			cp.DefaultHeader[k] = v
		}
	}
	cp.Servers = cloneServers(c.Servers)
	if c.OperationServers != nil {
		cp.OperationServers = make(map[string]ServerConfigurations, len(c.OperationServers))
		for k, v := range c.OperationServers {
			cp.OperationServers[k] = cloneServers(v)
		}
	}
	if c.HTTPClient != nil {
		hc := *c.HTTPClient
		cp.HTTPClient = &hc
	}
	return &cp
}

func cloneServers(s ServerConfigurations) ServerConfigurations {
	if s == nil {
		return nil
	}
	out := make(ServerConfigurations, len(s))
	for i, sc := range s {
		out[i] = sc
		if sc.Variables == nil {
			continue
		}
		out[i].Variables = make(map[string]ServerVariable, len(sc.Variables))
		for k, v := range sc.Variables {
			v.EnumValues = append([]string(nil), v.EnumValues...)
			out[i].Variables[k] = v
		}
	}
	return out
}

// assertSameConfiguration compares Configurations field by field; HTTPClient by its fields
// except CheckRedirect (funcs cannot be compared), which is checked for being unchanged
// (nil stays nil).
func assertSameConfiguration(t *testing.T, want, got *Configuration) {
	t.Helper()
	w, g := *want, *got
	if w.HTTPClient != nil && g.HTTPClient != nil {
		assert.Equal(t, w.HTTPClient.CheckRedirect == nil, g.HTTPClient.CheckRedirect == nil, "HTTPClient.CheckRedirect changed")
		assert.Equal(t, w.HTTPClient.Transport, g.HTTPClient.Transport, "HTTPClient.Transport changed")
		assert.Equal(t, w.HTTPClient.Timeout, g.HTTPClient.Timeout, "HTTPClient.Timeout changed")
		assert.Equal(t, w.HTTPClient.Jar, g.HTTPClient.Jar, "HTTPClient.Jar changed")
	} else {
		assert.Equal(t, w.HTTPClient == nil, g.HTTPClient == nil, "HTTPClient changed")
	}
	w.HTTPClient, g.HTTPClient = nil, nil
	assert.True(t, reflect.DeepEqual(w, g), "Configuration changed:\nwant %#v\n got %#v", w, g)
}

func TestNewAPIClient_DoesNotMutateConfiguration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, testAllocationJSON)
	}))
	t.Cleanup(srv.Close)

	for _, tc := range []struct {
		name   string
		modify func(*Configuration)
	}{
		{"defaults", func(*Configuration) {}},
		{"nil maps", func(c *Configuration) { c.DefaultHeader = nil; c.OperationServers = nil }},
		{"own HTTPClient", func(c *Configuration) { c.HTTPClient = &http.Client{} }},
		{"HTTPClient with CheckRedirect", func(c *Configuration) {
			c.HTTPClient = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
		}},
		{"everything set", func(c *Configuration) {
			c.AddDefaultHeader("X-Test", "1")
			c.Debug = false
			c.Timeout = time.Minute
			c.MaxResponseBytes = 1 << 20
			c.Retry = RetryPolicy{MaxRetries: -1}
			c.OperationServers["AllocationAPIService.AllocationUpdate"] = ServerConfigurations{{URL: srv.URL}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := NewConfiguration()
			cfg.Servers[0].URL = srv.URL
			tc.modify(cfg)
			before := cloneConfiguration(cfg)

			c := NewAPIClient(cfg)
			assertSameConfiguration(t, before, cfg)

			ctx := context.WithValue(context.Background(), ContextAPIKeys, map[string]APIKey{"application": {Key: "k"}})
			_, _, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
			require.NoError(t, err)
			_, _, err = c.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(testCloud(t)).Execute()
			require.NoError(t, err)
			assertSameConfiguration(t, before, cfg)
		})
	}
}

func TestNewAPIClient_OwnHTTPClient(t *testing.T) {
	c := NewAPIClient(NewConfiguration())
	hc := c.httpClient(nil)
	require.NotNil(t, hc)
	assert.NotSame(t, http.DefaultClient, hc, "must not fall back to http.DefaultClient")
	assert.Same(t, hc, c.httpClient(nil), "one *http.Client per APIClient, not one per call")
	assert.NotNil(t, hc.CheckRedirect, "the redirect policy is installed")

	tr, ok := hc.Transport.(*http.Transport)
	require.True(t, ok, "transport is %T", hc.Transport)
	assert.NotSame(t, http.DefaultTransport, tr)
	assert.GreaterOrEqual(t, tr.MaxIdleConnsPerHost, 16, "idle connections sized for concurrent callers")
	assert.GreaterOrEqual(t, tr.MaxIdleConns, tr.MaxIdleConnsPerHost)
	assert.Positive(t, tr.IdleConnTimeout)
	assert.Positive(t, tr.TLSHandshakeTimeout)
	assert.NotNil(t, tr.DialContext)
	assert.False(t, tr.DisableKeepAlives)

	other := NewAPIClient(NewConfiguration())
	assert.Same(t, tr, other.httpClient(nil).Transport, "default clients share one transport")
}

// TestDeadline checks the deadline each call carries, seen by a transport-level fake.
func TestDeadline(t *testing.T) {
	for _, tc := range []struct {
		name       string
		timeout    time.Duration // Configuration.Timeout
		ctxTimeout time.Duration // 0: context without deadline
		want       time.Duration // 0: no deadline expected
	}{
		{"default", 0, 0, DefaultTimeout},
		{"configured", 5 * time.Second, 0, 5 * time.Second},
		{"disabled", -1, 0, 0},
		{"context wins over default", 0, time.Hour, time.Hour},
		{"context wins over shorter configured", time.Second, time.Hour, time.Hour},
		{"context wins over longer configured", time.Hour, time.Second, time.Second},
		{"context wins over disabled", -1, time.Minute, time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got time.Duration
			var hasDeadline bool
			cfg := NewConfiguration()
			cfg.Timeout = tc.timeout
			cfg.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				var d time.Time
				d, hasDeadline = r.Context().Deadline()
				got = time.Until(d)
				return jsonResponse(r, 200, testAllocationJSON), nil
			})}
			ctx := context.Background()
			if tc.ctxTimeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.ctxTimeout)
				defer cancel()
			}
			_, _, err := NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
			require.NoError(t, err)
			if tc.want == 0 {
				assert.False(t, hasDeadline, "no deadline expected, got one in %v", got)
				return
			}
			require.True(t, hasDeadline)
			assert.InDelta(t, tc.want.Seconds(), got.Seconds(), 1, "deadline in %v, want about %v", got, tc.want)
		})
	}
}

// TestTimeout checks a hanging server against the default timeout of the client's own
// HTTP client, and that a context deadline wins over Configuration.Timeout.
func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/hang") {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		time.Sleep(150 * time.Millisecond)
		_, _ = io.WriteString(w, testAllocationJSON)
	}))
	t.Cleanup(func() { close(release); srv.Close() })

	t.Run("Configuration.Timeout ends a hanging call", func(t *testing.T) {
		cfg := NewConfiguration()
		cfg.Servers[0].URL = srv.URL
		cfg.Timeout = 100 * time.Millisecond
		cfg.Retry.MaxRetries = -1
		start := time.Now()
		m, resp, err := NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), "hang").Execute()
		assert.Less(t, time.Since(start), 5*time.Second)
		assert.Nil(t, m)
		assert.Nil(t, resp)
		var te *TransportError
		require.ErrorAs(t, err, &te)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, "AllocationSnapshot", te.Operation)
	})
	t.Run("context deadline wins over a shorter Configuration.Timeout", func(t *testing.T) {
		cfg := NewConfiguration()
		cfg.Servers[0].URL = srv.URL
		cfg.Timeout = 20 * time.Millisecond // shorter than the server's 150 ms
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		m, _, err := NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(ctx, "slow").Execute()
		require.NoError(t, err)
		assert.Equal(t, testAllocationID, m.Id)
	})
	t.Run("context deadline wins over a longer Configuration.Timeout", func(t *testing.T) {
		cfg := NewConfiguration()
		cfg.Servers[0].URL = srv.URL
		cfg.Timeout = time.Hour
		cfg.Retry.MaxRetries = -1
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, _, err := NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(ctx, "hang").Execute()
		assert.Less(t, time.Since(start), 5*time.Second)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
}

func TestConfiguredHTTPClientIsUsed(t *testing.T) {
	var calls atomic.Int64
	cfg := NewConfiguration()
	cfg.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return jsonResponse(r, 200, testAllocationJSON), nil
	})}
	c := NewAPIClient(cfg)
	for i := 0; i < 3; i++ {
		m, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
		require.NoError(t, err)
		assert.Equal(t, testAllocationID, m.Id)
	}
	assert.EqualValues(t, 3, calls.Load())
}

// TestHTTPMock shows the way users mock the SDK: httpmock on the configured *http.Client.
func TestHTTPMock(t *testing.T) {
	hc := &http.Client{}
	cfg := NewConfiguration()
	cfg.HTTPClient = hc
	client := NewAPIClient(cfg)

	httpmock.ActivateNonDefault(hc)
	t.Cleanup(httpmock.DeactivateAndReset)
	httpmock.RegisterResponder(http.MethodGet, "http://localhost:1000/allocation/"+testAllocationID,
		httpmock.NewStringResponder(200, testAllocationJSON))
	httpmock.RegisterResponder(http.MethodPost, "http://localhost:1000/allocation/update",
		httpmock.NewStringResponder(500, "boom"))

	m, resp, err := client.AllocationAPI.AllocationSnapshot(context.Background(), testAllocationID).Execute()
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, testAllocationID, m.Id)

	_, resp, err = client.AllocationAPI.AllocationUpdate(context.Background()).Execute()
	assert.ErrorIs(t, err, ErrInternalServerError)
	require.NotNil(t, resp)
	assert.Equal(t, 500, resp.StatusCode)

	info := httpmock.GetCallCountInfo()
	assert.Equal(t, 1, info["GET http://localhost:1000/allocation/"+testAllocationID])
	assert.Equal(t, 1, info["POST http://localhost:1000/allocation/update"])
}

// TestHTTPClientChangedAfterFirstCall checks that the client follows changes to the
// configured *http.Client (httpmock activated or deactivated between calls, a new Timeout).
func TestHTTPClientChangedAfterFirstCall(t *testing.T) {
	var real atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		real.Add(1)
		_, _ = io.WriteString(w, testAllocationJSON)
	}))
	t.Cleanup(srv.Close)

	hc := &http.Client{}
	cfg := NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	cfg.HTTPClient = hc
	cfg.Retry.MaxRetries = -1
	client := NewAPIClient(cfg)

	_, _, err := client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	require.EqualValues(t, 1, real.Load())

	httpmock.ActivateNonDefault(hc)
	t.Cleanup(httpmock.DeactivateAndReset)
	httpmock.RegisterResponder(http.MethodGet, srv.URL+"/allocation/x", httpmock.NewStringResponder(410, "Cloud not found."))

	_, _, err = client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	assert.ErrorIs(t, err, ErrCloudNotFound, "the mock transport set after the first call is used")
	assert.EqualValues(t, 1, real.Load())

	httpmock.DeactivateAndReset()
	_, _, err = client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	assert.EqualValues(t, 2, real.Load())
}

func TestTransportError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close() // nothing listens there any more

	cfg := NewConfiguration()
	cfg.Servers[0].URL = u + testBasePath
	cfg.Retry.MaxRetries = -1
	for _, call := range []struct {
		name string
		do   func(*APIClient) (*AllocationCloud, *http.Response, error)
	}{
		{"AllocationSnapshot", func(c *APIClient) (*AllocationCloud, *http.Response, error) {
			return c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
		}},
		{"AllocationUpdate", func(c *APIClient) (*AllocationCloud, *http.Response, error) {
			return c.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(testCloud(t)).Execute()
		}},
	} {
		t.Run(call.name, func(t *testing.T) {
			m, resp, err := call.do(NewAPIClient(cfg))
			assert.Nil(t, m)
			assert.Nil(t, resp)
			var te *TransportError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, call.name, te.Operation)
			assert.Equal(t, 1, te.Attempts)
			var ue *url.Error
			require.ErrorAs(t, err, &ue, "the *url.Error of net/http is kept")
			assert.Contains(t, ue.URL, strings.TrimPrefix(u, "http://")+testBasePath+"/allocation/")
			assert.Contains(t, err.Error(), "piecesos: "+call.name+": ")
			var ge *GenericOpenAPIError
			assert.False(t, errors.As(err, &ge), "no HTTP answer, no GenericOpenAPIError")
		})
	}
}

func TestCanceledContext(t *testing.T) {
	ts := setup(t)
	ts.handleJSON("/allocation/{id}", 200, testAllocationJSON)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, resp, err := ts.client.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
	assert.Nil(t, resp)
	assert.ErrorIs(t, err, context.Canceled)
	var te *TransportError
	assert.ErrorAs(t, err, &te)
	assert.EqualValues(t, 0, ts.hits.Load())
}

func TestNilContext(t *testing.T) {
	ts := setup(t)
	ts.handleJSON("/allocation/{id}", 200, testAllocationJSON)
	ts.handleJSON("/allocation/update", 200, testAllocationJSON)
	var ctx context.Context // a nil context works as context.Background(), as in generated code
	m, _, err := ts.client.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
	require.NoError(t, err)
	assert.Equal(t, testAllocationID, m.Id)
	m, _, err = ts.client.AllocationAPI.AllocationUpdate(ctx).Execute()
	require.NoError(t, err)
	assert.Equal(t, testAllocationID, m.Id)
}

func TestConcurrentCalls(t *testing.T) {
	ts := setup(t)
	ts.handleJSON("/allocation/{id}", 200, testAllocationJSON)
	ts.handleJSON("/allocation/update", 200, testAllocationJSON)
	cloud := testCloud(t)
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ctx := context.WithValue(context.Background(), ContextAPIKeys, map[string]APIKey{"application": {Key: "k"}})
			var err error
			if i%2 == 0 {
				_, _, err = ts.client.AllocationAPI.AllocationSnapshot(ctx, "id/"+string(rune('a'+i))).Execute()
			} else {
				_, _, err = ts.client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(cloud).Execute()
			}
			assert.NoError(t, err)
		}(i)
	}
	wg.Wait()
	assert.EqualValues(t, 16, ts.hits.Load())
}

// readAll reads the body of a returned response.
func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	require.NotNil(t, resp)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return b
}

// TestNewAPIClient_CopiesConfiguration checks that the client keeps its own copy: changing
// the caller's Configuration afterwards does not change the client; GetConfig does.
func TestNewAPIClient_CopiesConfiguration(t *testing.T) {
	ts := setup(t)
	seen := ts.record(t, "/")
	cfg := NewConfiguration()
	cfg.Servers[0].URL = ts.srv.URL + testBasePath
	cfg.Servers = append(cfg.Servers, ServerConfiguration{
		URL:       "http://{host}" + testBasePath,
		Variables: map[string]ServerVariable{"host": {DefaultValue: "127.0.0.1:1", EnumValues: []string{"127.0.0.1:1"}}},
	})
	cfg.OperationServers["AllocationAPIService.AllocationUpdate"] = ServerConfigurations{{URL: ts.srv.URL + testBasePath}}
	cfg.AddDefaultHeader("X-Trace", "before")
	cfg.UserAgent = "before/1"
	cfg.Retry.MaxRetries = -1
	client := NewAPIClient(cfg)
	assert.NotSame(t, cfg, client.GetConfig())

	// Changes to the caller's value, its maps and slices do not reach the client.
	cfg.UserAgent = "after/1"
	cfg.DefaultHeader["X-Trace"] = "after"
	cfg.Servers[0].URL = "http://127.0.0.1:1"
	cfg.Servers[2].Variables["host"].EnumValues[0] = "changed"
	cfg.OperationServers["AllocationAPIService.AllocationUpdate"][0].URL = "http://127.0.0.1:1"
	cfg.Timeout = time.Nanosecond

	_, _, err := client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	_, _, err = client.AllocationAPI.AllocationUpdate(context.Background()).Execute()
	require.NoError(t, err)
	require.Len(t, seen(), 2)
	assert.Equal(t, "before/1", seen()[0].Header.Get("User-Agent"))
	assert.Equal(t, "before", seen()[0].Header.Get("X-Trace"))
	assert.Equal(t, []string{"127.0.0.1:1"}, client.GetConfig().Servers[2].Variables["host"].EnumValues)

	// Changes through GetConfig apply to later calls.
	client.GetConfig().UserAgent = "through-getconfig/1"
	client.GetConfig().AddDefaultHeader("X-Trace", "getconfig")
	_, _, err = client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	require.Len(t, seen(), 3)
	assert.Equal(t, "through-getconfig/1", seen()[2].Header.Get("User-Agent"))
	assert.Equal(t, "getconfig", seen()[2].Header.Get("X-Trace"))

	// The configured *http.Client is shared, not copied: it is the caller's to configure.
	hc := &http.Client{}
	cfg2 := NewConfiguration()
	cfg2.HTTPClient = hc
	assert.Same(t, hc, NewAPIClient(cfg2).GetConfig().HTTPClient)
}

// TestCookieJarAcrossAttempts: net/http adds a Jar's cookies to the request's Header, so a
// retried attempt must not start from the headers of the previous one.
func TestCookieJarAcrossAttempts(t *testing.T) {
	var cookies []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		cookies = append(cookies, r.Header.Get("Cookie"))
		n := len(cookies)
		mu.Unlock()
		if n == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, testAllocationJSON)
	}))
	t.Cleanup(srv.Close)

	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: "s1"}})

	cfg := NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	cfg.HTTPClient = &http.Client{Jar: jar}
	cfg.Retry = RetryPolicy{MaxRetries: 1, MinWait: time.Millisecond, MaxWait: time.Millisecond}
	_, _, err = NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	assert.Equal(t, []string{"session=s1", "session=s1"}, cookies)
}

// TestCacheExpires: the generated helper, from Date plus Cache-Control max-age, else Expires.
func TestCacheExpires(t *testing.T) {
	date := time.Date(2026, 11, 26, 19, 56, 10, 0, time.UTC)
	dateHeader := date.Format(http.TimeFormat)
	for _, tc := range []struct {
		name   string
		header http.Header
		want   time.Time // zero: about time.Now()
	}{
		{"no Date", http.Header{"Cache-Control": {"max-age=60"}}, time.Time{}},
		{"invalid Date", http.Header{"Date": {"yesterday"}, "Cache-Control": {"max-age=60"}}, time.Time{}},
		{"max-age", http.Header{"Date": {dateHeader}, "Cache-Control": {"max-age=60"}}, date.Add(time.Minute)},
		{"max-age among directives", http.Header{"Date": {dateHeader}, "Cache-Control": {"public, max-age = 30 ,must-revalidate"}}, date.Add(30 * time.Second)},
		{"max-age wins over Expires", http.Header{"Date": {dateHeader}, "Cache-Control": {"max-age=5"}, "Expires": {date.Add(time.Hour).Format(http.TimeFormat)}}, date.Add(5 * time.Second)},
		{"invalid max-age", http.Header{"Date": {dateHeader}, "Cache-Control": {"max-age=soon"}}, date},
		{"Expires", http.Header{"Date": {dateHeader}, "Expires": {date.Add(time.Hour).Format(http.TimeFormat)}}, date.Add(time.Hour)},
		{"invalid Expires", http.Header{"Date": {dateHeader}, "Expires": {"0"}}, date},
		{"RFC 850 Date", http.Header{"Date": {"Thursday, 26-Nov-26 19:56:10 GMT"}, "Cache-Control": {"max-age=1"}}, date.Add(time.Second)},
		{"neither: stale at once", http.Header{"Date": {dateHeader}}, date},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CacheExpires(&http.Response{Header: tc.header})
			if tc.want.IsZero() {
				assert.WithinDuration(t, time.Now(), got, 5*time.Second)
				return
			}
			assert.True(t, tc.want.Equal(got), "got %v, want %v", got, tc.want)
		})
	}
	assert.WithinDuration(t, time.Now(), CacheExpires(nil), 5*time.Second, "a nil response is stale now")
}

// TestDiscardedClientsShareTransport: clients made with the default configuration share one
// tuned transport, as http.DefaultClient shares http.DefaultTransport. 50 clients made, used
// once and dropped hold one connection and its goroutines, not one per client;
// CloseIdleConnections releases them.
func TestDiscardedClientsShareTransport(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, testAllocationJSON)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)

	baseline := runtime.NumGoroutine()
	const clients = 50
	for i := 0; i < clients; i++ {
		cfg := NewConfiguration()
		cfg.Servers[0].URL = srv.URL
		_, _, err := NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
		require.NoError(t, err)
	}
	held := runtime.NumGoroutine() - baseline
	t.Logf("%d discarded clients: %d connections opened, %d goroutines held (client and server side)", clients, conns.Load(), held)
	assert.LessOrEqual(t, conns.Load(), int64(2), "connections opened")
	assert.LessOrEqual(t, held, 10, "goroutines held by discarded clients")

	NewAPIClient(nil).CloseIdleConnections()
	if after := resWaitGoroutines(baseline); after > baseline {
		t.Fatalf("goroutines: %d after CloseIdleConnections, baseline %d\n%s", after, baseline, resGoroutineDump())
	}
}

// TestHTTPMockActivate: tests written for a generated client call httpmock.Activate(), which
// replaces http.DefaultTransport, after building the client. With a nil
// Configuration.HTTPClient the SDK then sends through the replacement (checked on every call),
// with its redirect policy, and through its tuned transport again once the original is back.
func TestHTTPMockActivate(t *testing.T) {
	var real atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		real.Add(1)
		_, _ = io.WriteString(w, testAllocationJSON)
	}))
	t.Cleanup(srv.Close)
	cfg := NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	cfg.Retry.MaxRetries = -1
	client := NewAPIClient(cfg)

	_, _, err := client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	require.EqualValues(t, 1, real.Load())

	httpmock.Activate()
	t.Cleanup(httpmock.DeactivateAndReset)
	httpmock.RegisterResponder(http.MethodGet, srv.URL+"/allocation/x", httpmock.NewStringResponder(410, "Cloud not found."))
	httpmock.RegisterResponder(http.MethodGet, srv.URL+"/allocation/moved", func(r *http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(http.StatusFound, "")
		resp.Header.Set("Location", "http://other.example/allocation/x")
		return resp, nil
	})
	_, resp, err := client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	assert.ErrorIs(t, err, ErrCloudNotFound, "the mock activated after NewAPIClient answers")
	require.NotNil(t, resp)
	assert.Equal(t, 410, resp.StatusCode)
	_, _, err = client.AllocationAPI.AllocationSnapshot(context.Background(), "moved").Execute()
	var re *RedirectError
	assert.ErrorAs(t, err, &re, "the SDK's redirect policy applies to the replacement")
	assert.EqualValues(t, 1, real.Load(), "nothing reached the real server")
	assert.Equal(t, 1, httpmock.GetCallCountInfo()["GET "+srv.URL+"/allocation/x"])

	httpmock.DeactivateAndReset()
	assert.Same(t, client.own, client.httpClient(nil), "the tuned transport is used again")
	_, _, err = client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	assert.EqualValues(t, 2, real.Load())
}

// idleCloser is a transport that counts the calls of CloseIdleConnections.
type idleCloser struct {
	http.RoundTripper
	closed atomic.Int64
}

func (c *idleCloser) CloseIdleConnections() { c.closed.Add(1) }

// TestCloseIdleConnectionsOfHTTPClient: with a Configuration.HTTPClient, CloseIdleConnections
// closes that client's idle connections (and leaves the shared transport alone).
func TestCloseIdleConnectionsOfHTTPClient(t *testing.T) {
	rt := &idleCloser{RoundTripper: http.DefaultTransport}
	cfg := NewConfiguration()
	cfg.HTTPClient = &http.Client{Transport: rt}
	NewAPIClient(cfg).CloseIdleConnections()
	assert.Equal(t, int64(1), rt.closed.Load())
}
