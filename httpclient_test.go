package piecesos

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests of Configuration.HTTPClient prepared once (httpClient, preparedClient): no copy
// per call, and every later change of the caller's client still followed.

// TestHTTPClientPreparedOnce: the prepared copy is reused while the caller's client is
// unchanged, without allocating, and made again when a field net/http reads from the copy
// changes; CheckRedirect and the Jar are read from the caller's client, so changing them needs
// no new copy.
func TestHTTPClientPreparedOnce(t *testing.T) {
	hc := &http.Client{Transport: &http.Transport{}}
	cfg := NewConfiguration()
	cfg.HTTPClient = hc
	c := NewAPIClient(cfg)
	u := &url.URL{Scheme: "http", Host: "localhost:1000", Path: "/allocation/x"}

	first := c.httpClient(u)
	assert.NotSame(t, hc, first, "the caller's client is not modified: a copy carries the redirect policy")
	assert.Same(t, hc.Transport, first.Transport)
	assert.NotNil(t, first.CheckRedirect)
	assert.Nil(t, hc.CheckRedirect)
	assert.Same(t, first, c.httpClient(u), "reused")
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = c.httpClient(u) }), "no allocation per call")

	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return nil }
	assert.Same(t, first, c.httpClient(u), "CheckRedirect is read when a redirect happens")

	hc.Timeout = 5 * time.Second
	second := c.httpClient(u)
	assert.NotSame(t, first, second)
	assert.Equal(t, 5*time.Second, second.Timeout)
	assert.Same(t, second, c.httpClient(u))

	hc.Transport = &http.Transport{}
	third := c.httpClient(u)
	assert.NotSame(t, second, third)
	assert.Same(t, hc.Transport, third.Transport)

	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	hc.Jar = jar
	withJar := c.httpClient(u)
	assert.NotSame(t, third, withJar)
	assert.IsType(t, &originJar{}, withJar.Jar)
	assert.Same(t, withJar, c.httpClient(u))
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = c.httpClient(u) }), "no allocation per call with a Jar")
	other := &url.URL{Scheme: "http", Host: "localhost:5323", Path: "/allocation/x"}
	assert.NotSame(t, withJar, c.httpClient(other), "the jar's origin follows the server")

	hc.Jar = nil
	assert.Nil(t, c.httpClient(u).Jar)

	// Another caller client set through GetConfig.
	hc2 := &http.Client{Transport: hc.Transport}
	c.GetConfig().HTTPClient = hc2
	assert.Zero(t, c.httpClient(u).Timeout, "the client of GetConfig().HTTPClient")
}

// TestHTTPClientFuncTransport: a Transport whose dynamic type cannot be compared (a func type)
// is prepared per call instead of compared, and a swap is followed.
func TestHTTPClientFuncTransport(t *testing.T) {
	var a, b atomic.Int32
	rt := func(n *atomic.Int32) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			n.Add(1)
			return jsonResponse(r, http.StatusOK, testAllocationJSON), nil
		})
	}
	hc := &http.Client{Transport: rt(&a)}
	cfg := NewConfiguration()
	cfg.HTTPClient = hc
	c := NewAPIClient(cfg)
	for i := 0; i < 2; i++ {
		_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
		require.NoError(t, err)
	}
	hc.Transport = rt(&b)
	_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	assert.EqualValues(t, 2, a.Load())
	assert.EqualValues(t, 1, b.Load())

	// From a pointer transport to a func transport and back: comparing the two never panics.
	hc.Transport = &http.Transport{}
	u := &url.URL{Scheme: "http", Host: "localhost:1000"}
	_ = c.httpClient(u)
	hc.Transport = rt(&a)
	assert.NotPanics(t, func() { _ = c.httpClient(u) })
}

// TestHTTPClientLaterTimeoutJarCheckRedirect: a Timeout, a Jar or a CheckRedirect set (or
// removed) on the caller's client after the first call applies to the next call.
func TestHTTPClientLaterTimeoutJarCheckRedirect(t *testing.T) {
	var calls atomic.Int32
	var cookies [8]atomic.Value // the Cookie header of each call
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		if int(n) <= len(cookies) {
			cookies[n-1].Store(r.Header.Get("Cookie"))
		}
		switch r.URL.Path {
		case "/allocation/slow":
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
		case "/allocation/moved":
			http.Redirect(w, r, "/allocation/x", http.StatusFound)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "n", Value: strconv.Itoa(int(n))})
		_, _ = io.WriteString(w, testAllocationJSON)
	}))
	t.Cleanup(srv.Close)

	hc := &http.Client{}
	cfg := NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	cfg.HTTPClient = hc
	cfg.Retry.MaxRetries = -1
	c := NewAPIClient(cfg)
	call := func(id string) error {
		_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), id).Execute()
		return err
	}

	// Jar: set after the first call, it stores the second answer's cookie and sends it with
	// the third; removed, nothing is sent.
	require.NoError(t, call("x"))
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	hc.Jar = jar
	require.NoError(t, call("x"))
	require.NoError(t, call("x"))
	hc.Jar = nil
	require.NoError(t, call("x"))
	assert.Equal(t, []any{"", "", "n=2", ""}, []any{cookies[0].Load(), cookies[1].Load(), cookies[2].Load(), cookies[3].Load()})

	// Timeout: a new one applies to the next call, and its removal too.
	hc.Timeout = 50 * time.Millisecond
	err = call("slow")
	var ue *url.Error
	require.ErrorAs(t, err, &ue)
	assert.True(t, ue.Timeout(), "%v", err)
	hc.Timeout = 0

	// CheckRedirect: set after a followed redirect, it runs on the next one.
	require.NoError(t, call("moved"))
	refuse := errors.New("caller refuses")
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return refuse }
	assert.ErrorIs(t, call("moved"), refuse)
	hc.CheckRedirect = nil
	require.NoError(t, call("moved"))
}

// TestHTTPClientJarFollowsServer: with a Jar, the origin the jar is seen from is the server of
// each call (ContextServerIndex), not the first call's.
func TestHTTPClientJarFollowsServer(t *testing.T) {
	var got [2]atomic.Value
	newServer := func(i int) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got[i].Store(r.Header.Get("Cookie"))
			http.SetCookie(w, &http.Cookie{Name: "s" + strconv.Itoa(i), Value: "1"})
			_, _ = io.WriteString(w, testAllocationJSON)
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	a, b := newServer(0), newServer(1)
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	cfg := NewConfiguration()
	cfg.Servers[0].URL = a.URL
	cfg.Servers[1].URL = b.URL
	cfg.HTTPClient = &http.Client{Jar: jar}
	c := NewAPIClient(cfg)
	toB := context.WithValue(context.Background(), ContextServerIndex, 1)
	for _, ctx := range []context.Context{context.Background(), toB, toB} {
		_, _, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
		require.NoError(t, err)
	}
	// Cookies ignore ports: both servers (127.0.0.1) see both cookies once stored. The second
	// call to B sends the cookie B set, so B's answer was stored from B's origin.
	assert.Contains(t, got[1].Load(), "s1=1")
}

// TestHTTPClientNoCopyPerCall: a call through Configuration.HTTPClient allocates no more than
// one through the SDK's own client on the same transport (it used to copy the *http.Client and
// build a redirect closure on every call: two allocations more).
func TestHTTPClientNoCopyPerCall(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, testAllocationJSON)
	}))
	t.Cleanup(srv.Close)
	allocs := func(hc *http.Client) float64 {
		cfg := NewConfiguration()
		cfg.Servers[0].URL = srv.URL
		cfg.HTTPClient = hc
		c := NewAPIClient(cfg)
		call := func() {
			if _, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute(); err != nil {
				t.Fatal(err)
			}
		}
		call()
		return testing.AllocsPerRun(200, call)
	}
	// The least of three measurements of each: allocations of other goroutines (a server, a
	// timer) can only add to a measurement, and the copy per call added two to every one.
	own, caller := allocs(nil), allocs(&http.Client{Transport: sharedTransport()})
	for i := 0; i < 2; i++ {
		own = min(own, allocs(nil))
		caller = min(caller, allocs(&http.Client{Transport: sharedTransport()}))
	}
	t.Logf("allocations per call: own client %v, caller's client %v", own, caller)
	assert.LessOrEqual(t, caller, own+1)
}

// TestRetriedCallAnswerAndBody: the answer returned after a retry reads as the last answer's
// body, and the request body of every attempt is the whole body (the first attempt's reader and
// the returned body's share the call's allocation; later attempts get their own).
func TestRetriedCallAnswerAndBody(t *testing.T) {
	var n atomic.Int32
	var sent [3]atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		b, _ := io.ReadAll(r.Body)
		if int(i) <= len(sent) {
			sent[i-1].Store(string(b))
		}
		if i < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, "busy "+strconv.Itoa(int(i)))
			return
		}
		_, _ = io.WriteString(w, testAllocationJSON)
	}))
	t.Cleanup(srv.Close)
	cfg := NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	cfg.Retry = RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: time.Millisecond, RetryUpdates: true}
	m, resp, err := NewAPIClient(cfg).AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(testCloud(t)).Execute()
	require.NoError(t, err)
	assert.Equal(t, testAllocationID, m.Id)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.JSONEq(t, testAllocationJSON, string(b))
	want, err := testCloud(t).MarshalJSON()
	require.NoError(t, err)
	for i := range sent {
		assert.Equal(t, string(want), sent[i].Load(), "attempt %d", i+1)
	}
}
