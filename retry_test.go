package piecesos

// Retry tests of issue 4, item 1: the policy table, backoff, Retry-After, waits that end with
// the context, body replay, the final error and per-call overrides.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// resWaits replaces waitRetry for the test with one that records the waits and returns at
// once (ctx.Err()), so tests never sleep. Not for parallel tests.
type resWaits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *resWaits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

func resRecordWaits(t *testing.T) *resWaits {
	w := &resWaits{}
	old := waitRetry
	waitRetry = func(ctx context.Context, d time.Duration) error {
		w.mu.Lock()
		w.d = append(w.d, d)
		w.mu.Unlock()
		return ctx.Err()
	}
	t.Cleanup(func() { waitRetry = old })
	return w
}

// resCall runs one operation: the snapshot, or the update with the sample as body.
func resCall(ctx context.Context, t testing.TB, c *APIClient, update bool) (*AllocationCloud, *http.Response, error) {
	if update {
		return c.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(resSample(t)).Execute()
	}
	return c.AllocationAPI.AllocationSnapshot(ctx, resSampleID).Execute()
}

// TestRetryStatusPolicy is the status table: which answers are retried, for the snapshot
// (a read), the update, and the update with RetryUpdates. A retried status is sent
// 1 + DefaultMaxRetries = 3 times.
func TestRetryStatusPolicy(t *testing.T) {
	require.Equal(t, 2, DefaultMaxRetries)
	statuses := []int{200, 304, 400, 404, 410, 429, 500, 501, 502, 503, 504, 507}
	retriedSnapshot := map[int]bool{429: true, 502: true, 503: true, 504: true}
	retriedUpdateOptIn := map[int]bool{429: true, 500: true, 501: true, 502: true, 503: true, 504: true, 507: true}
	for _, op := range []struct {
		name      string
		update    bool
		optIn     bool
		retriedOn map[int]bool
	}{
		{"snapshot", false, false, retriedSnapshot},
		{"snapshot RetryUpdates", false, true, retriedSnapshot},
		{"update", true, false, nil},
		{"update RetryUpdates", true, true, retriedUpdateOptIn},
	} {
		for _, status := range statuses {
			t.Run(op.name+" "+strconv.Itoa(status), func(t *testing.T) {
				var hits atomic.Int32
				srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
					hits.Add(1)
					if status == 200 {
						resWriteSample(w)
						return
					}
					w.Header().Set("Content-Type", "text/plain")
					w.WriteHeader(status)
					_, _ = io.WriteString(w, "failure "+strconv.Itoa(status))
				})
				c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Retry.RetryUpdates = op.optIn })
				_, resp, err := resCall(context.Background(), t, c, op.update)
				want := 1
				if op.retriedOn[status] {
					want = 3
				}
				assert.Equal(t, int32(want), hits.Load(), "requests sent")
				require.NotNil(t, resp)
				assert.Equal(t, status, resp.StatusCode)
				if status == 200 {
					require.NoError(t, err)
					return
				}
				var ge *GenericOpenAPIError
				require.ErrorAs(t, err, &ge)
				assert.Equal(t, want, ge.Attempts())
				assert.Equal(t, status, ge.StatusCode())
			})
		}
	}
}

// TestRetryTransportPolicy is the transport-failure table: a refused connection is retried for
// both operations (the request never reached the server); a connection dropped after the
// request was sent is retried for the snapshot, and for the update only with RetryUpdates.
func TestRetryTransportPolicy(t *testing.T) {
	type failure struct {
		name    string
		start   func(t *testing.T, hits *atomic.Int32) string // returns the server URL
		notSent bool
	}
	failures := []failure{
		{"refused", func(t *testing.T, _ *atomic.Int32) string { return resRefusedURL(t) }, true},
		{"closed after the request", func(t *testing.T, hits *atomic.Int32) string {
			return resServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				_, _ = io.Copy(io.Discard, r.Body)
				if conn, _ := resHijack(t, w); conn != nil {
					_ = conn.Close()
				}
			}).URL
		}, false},
		{"reset mid-body", func(t *testing.T, hits *atomic.Int32) string {
			return resServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				_, _ = io.Copy(io.Discard, r.Body)
				conn, rw := resHijack(t, w)
				if conn == nil {
					return
				}
				_, _ = io.WriteString(rw, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":")
				_ = rw.Flush()
				resReset(conn)
			}).URL
		}, false},
	}
	for _, f := range failures {
		for _, op := range []struct {
			name          string
			update, optIn bool
		}{{"snapshot", false, false}, {"update", true, false}, {"update RetryUpdates", true, true}} {
			t.Run(f.name+" "+op.name, func(t *testing.T) {
				var hits atomic.Int32
				url := f.start(t, &hits)
				c := resClient(t, url, func(cfg *Configuration) {
					cfg.Retry.RetryUpdates = op.optIn
					if f.notSent {
						cfg.Timeout = resRefusedTimeout
					}
				})
				_, resp, err := resCall(context.Background(), t, c, op.update)
				assert.Nil(t, resp)
				want := 3
				if !f.notSent && op.update && !op.optIn {
					want = 1
				}
				var te *TransportError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, want, te.Attempts, "attempts")
				if f.notSent {
					assert.ErrorIs(t, err, ErrConnectionRefused)
					var oe *net.OpError
					require.ErrorAs(t, err, &oe)
					assert.Equal(t, "dial", oe.Op)
				} else {
					assert.Equal(t, int32(want), hits.Load(), "requests the server saw")
				}
			})
		}
	}
}

// TestRetryNotOnDecodeError: a 2xx answer whose body does not decode is returned at once, for
// both operations, whatever the policy.
func TestRetryNotOnDecodeError(t *testing.T) {
	var hits atomic.Int32
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "OK")
	})
	c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Retry.RetryUpdates = true })
	for _, update := range []bool{false, true} {
		hits.Store(0)
		_, _, err := resCall(context.Background(), t, c, update)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, int32(1), hits.Load(), "update %v", update)
	}
}

// TestRetryBodyReplayed: the update body is sent intact on every attempt (503, 503, 200 with
// RetryUpdates): same bytes, same Content-Length, same Content-Type.
func TestRetryBodyReplayed(t *testing.T) {
	var mu sync.Mutex
	var bodies [][]byte
	var lengths []int64
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		assert.NoError(t, err)
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		mu.Lock()
		bodies = append(bodies, b)
		lengths = append(lengths, r.ContentLength)
		n := len(bodies)
		mu.Unlock()
		if n < 3 {
			w.WriteHeader(503)
			return
		}
		resWriteSample(w)
	})
	c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Retry.RetryUpdates = true })
	sample := resSample(t)
	want, err := encodeBody(&opAllocationUpdate, &sample)
	require.NoError(t, err)
	out, _, err := c.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(sample).Execute()
	require.NoError(t, err)
	assert.Equal(t, resSampleID, out.Id)
	require.Len(t, bodies, 3)
	for i, b := range bodies {
		assert.Equal(t, string(want), string(b), "body of attempt %d", i+1)
		assert.Equal(t, int64(len(want)), lengths[i], "Content-Length of attempt %d", i+1)
	}
	assert.NotEmpty(t, want)
}

// TestRetryFinalError: after the last attempt the error says how many attempts were made and
// wraps the last cause: the typed status error, or the transport failure.
func TestRetryFinalError(t *testing.T) {
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(504)
		_, _ = io.WriteString(w, "Gateway Timeout, request timed out.")
	})
	c := resClient(t, srv.URL, nil)
	_, resp, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "after 3 attempts")
	assert.ErrorIs(t, err, ErrGatewayTimeout)
	var ge *GenericOpenAPIError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, 3, ge.Attempts())
	var gt *GatewayTimeoutError
	require.ErrorAs(t, err, &gt)
	assert.Equal(t, "Gateway Timeout, request timed out.", gt.Message)
	require.NotNil(t, resp)
	b, _ := io.ReadAll(resp.Body)
	assert.Equal(t, "Gateway Timeout, request timed out.", string(b))

	c2 := resClient(t, resRefusedURL(t), func(cfg *Configuration) { cfg.Timeout = resRefusedTimeout })
	_, _, err = c2.AllocationAPI.AllocationUpdate(context.Background()).Execute()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "after 3 attempts")
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 3, te.Attempts)
	assert.ErrorIs(t, err, ErrConnectionRefused)
	var ue interface{ Timeout() bool }
	assert.ErrorAs(t, err, &ue, "the *url.Error is still reachable")
}

// TestRetryDisabled: MaxRetries -1 sends every request once.
func TestRetryDisabled(t *testing.T) {
	var hits atomic.Int32
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(503)
	})
	c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Retry.MaxRetries = -1 })
	_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	var ge *GenericOpenAPIError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, int32(1), hits.Load())
	assert.Equal(t, 1, ge.Attempts())
	assert.NotContains(t, err.Error(), "attempts")

	c2 := resClient(t, resRefusedURL(t), func(cfg *Configuration) { cfg.Retry.MaxRetries = -1 })
	_, _, err = c2.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, te.Attempts)
}

// TestRetryContextOverride: ContextRetryPolicy (a RetryPolicy or *RetryPolicy) replaces
// Configuration.Retry for one call.
func TestRetryContextOverride(t *testing.T) {
	var hits atomic.Int32
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(503)
	})
	c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Retry.MaxRetries = 5 })
	fast := func(p RetryPolicy) RetryPolicy { p.MinWait, p.MaxWait = time.Millisecond, time.Millisecond; return p }
	for _, tc := range []struct {
		name   string
		value  interface{} // nil = no override
		update bool
		want   int32
	}{
		{"configuration", nil, false, 6},
		{"value", fast(RetryPolicy{MaxRetries: 1}), false, 2},
		{"pointer", func() *RetryPolicy { p := fast(RetryPolicy{MaxRetries: -1}); return &p }(), false, 1},
		{"nil pointer keeps configuration", (*RetryPolicy)(nil), false, 6},
		{"update without opt-in", nil, true, 1},
		{"update opted in per call", fast(RetryPolicy{RetryUpdates: true}), true, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hits.Store(0)
			ctx := context.Background()
			if tc.value != nil {
				ctx = context.WithValue(ctx, ContextRetryPolicy, tc.value)
			}
			_, _, err := resCall(ctx, t, c, tc.update)
			require.Error(t, err)
			assert.Equal(t, tc.want, hits.Load())
		})
	}
}

// TestRetryPolicyDefaults: zero fields take the documented defaults; a negative MaxRetries
// disables retries; MaxWait is never below MinWait; a ContextRetryPolicy of another type is an
// error.
func TestRetryPolicyDefaults(t *testing.T) {
	ctx := context.Background()
	policy := func(ctx context.Context, p RetryPolicy) RetryPolicy {
		t.Helper()
		got, err := retryPolicy(ctx, p)
		require.NoError(t, err)
		return got
	}
	p := policy(ctx, RetryPolicy{})
	assert.Equal(t, RetryPolicy{MaxRetries: 2, MinWait: 100 * time.Millisecond, MaxWait: 2 * time.Second}, p)
	assert.Equal(t, 0, policy(ctx, RetryPolicy{MaxRetries: -1}).MaxRetries)
	assert.Equal(t, 7, policy(ctx, RetryPolicy{MaxRetries: 7}).MaxRetries)
	p = policy(ctx, RetryPolicy{MinWait: 5 * time.Second})
	assert.Equal(t, 5*time.Second, p.MaxWait)
	p = policy(context.WithValue(ctx, ContextRetryPolicy, RetryPolicy{MaxRetries: 4, RetryUpdates: true}), RetryPolicy{MaxRetries: 1})
	assert.Equal(t, 4, p.MaxRetries)
	assert.True(t, p.RetryUpdates)
	p = policy(context.WithValue(ctx, ContextRetryPolicy, (*RetryPolicy)(nil)), RetryPolicy{MaxRetries: 1})
	assert.Equal(t, 1, p.MaxRetries, "a nil *RetryPolicy keeps the configured policy")
	_, err := retryPolicy(context.WithValue(ctx, ContextRetryPolicy, "not a policy"), RetryPolicy{MaxRetries: 1})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve, "a value of another type is an error")
	assert.Equal(t, "context value ContextRetryPolicy", ve.Param)
}

// TestBackoff: exponential from MinWait, doubled per attempt, with equal jitter (between half
// and all of the step), capped by MaxWait, never below half of MinWait, never decreasing in
// its bounds as attempts grow, for any attempt number and wait sizes (no overflow).
func TestBackoff(t *testing.T) {
	p := RetryPolicy{MinWait: 100 * time.Millisecond, MaxWait: 2 * time.Second}
	for attempt, step := range map[int]time.Duration{
		1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond,
		4: 800 * time.Millisecond, 5: 1600 * time.Millisecond, 6: 2 * time.Second, 40: 2 * time.Second,
		64: 2 * time.Second, 1 << 20: 2 * time.Second,
	} {
		seen := map[time.Duration]bool{}
		for i := 0; i < 200; i++ {
			d := backoff(p, attempt)
			require.GreaterOrEqual(t, d, step/2, "attempt %d", attempt)
			require.LessOrEqual(t, d, step, "attempt %d", attempt)
			seen[d] = true
		}
		assert.Greater(t, len(seen), 1, "attempt %d: jitter gives different waits", attempt)
	}

	// Extreme policies: the wait stays within [min(MinWait, MaxWait)/2, MaxWait] and its
	// upper bound grows with attempts until it reaches MaxWait.
	for _, p := range []RetryPolicy{
		{MinWait: 1, MaxWait: 1},
		{MinWait: 1, MaxWait: time.Duration(1<<63 - 1)},
		{MinWait: time.Duration(1<<40 + 1), MaxWait: time.Duration(1 << 62)},
		{MinWait: 3 * time.Hour, MaxWait: time.Duration(1<<63 - 1)},
		{MinWait: time.Duration(1<<62 + 12345), MaxWait: time.Duration(1<<63 - 1)},
	} {
		prevMax := time.Duration(0)
		for attempt := 1; attempt <= 100; attempt++ {
			var hi time.Duration
			for i := 0; i < 20; i++ {
				d := backoff(p, attempt)
				require.GreaterOrEqual(t, d, p.MinWait/2, "policy %+v attempt %d", p, attempt)
				require.LessOrEqual(t, d, p.MaxWait, "policy %+v attempt %d", p, attempt)
				hi = max(hi, d)
			}
			require.GreaterOrEqual(t, hi, prevMax/2, "policy %+v attempt %d: waits shrink", p, attempt)
			prevMax = max(prevMax, hi)
		}
	}
}

// TestBackoffRetryAfter: a Retry-After header (seconds or HTTP date) replaces the backoff;
// one longer than MaxWait, or than the time left before the deadline, means no retry; an
// invalid one is ignored; a computed wait longer than the time left means no retry either.
func TestBackoffRetryAfter(t *testing.T) {
	p := RetryPolicy{MinWait: 100 * time.Millisecond, MaxWait: 10 * time.Second}
	resp := func(v string) *http.Response { return &http.Response{Header: http.Header{"Retry-After": {v}}} }
	bg := context.Background()
	wait := func(ctx context.Context, p RetryPolicy, attempt int, r *http.Response) time.Duration {
		t.Helper()
		d, stop := nextWait(ctx, p, attempt, r)
		require.Empty(t, stop)
		return d
	}
	assert.Equal(t, 3*time.Second, wait(bg, p, 1, resp("3")))
	assert.Equal(t, 3*time.Second, wait(bg, p, 5, resp("3")), "Retry-After replaces the exponential step")
	assert.Equal(t, 10*time.Second, wait(bg, p, 1, resp("10")), "MaxWait itself is allowed")
	assert.Equal(t, time.Duration(0), wait(bg, p, 1, resp("0")))
	d := wait(bg, p, 1, resp(time.Now().Add(5*time.Second).UTC().Format(http.TimeFormat)))
	assert.InDelta(t, 5, d.Seconds(), 1.1, "HTTP date")
	assert.Equal(t, time.Duration(0), wait(bg, p, 1, resp(time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat))), "past date")
	for _, bad := range []string{"", "soon", "-5", "1.5", "Mon, 99 Foo 2026"} {
		d := wait(bg, p, 1, resp(bad))
		assert.True(t, d >= 50*time.Millisecond && d <= 100*time.Millisecond, "Retry-After %q: %v", bad, d)
	}

	_, stop := nextWait(bg, p, 1, resp("120"))
	assert.Equal(t, "no retry: Retry-After 2m0s exceeds MaxWait 10s", stop)
	_, stop = nextWait(bg, p, 1, resp(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)))
	assert.Contains(t, stop, "exceeds MaxWait 10s", "HTTP date")

	ctx, cancel := context.WithTimeout(bg, 2*time.Second)
	defer cancel()
	_, stop = nextWait(ctx, p, 1, resp("5"))
	assert.Equal(t, "no retry: Retry-After 5s would pass the deadline", stop)
	_, stop = nextWait(ctx, RetryPolicy{MinWait: time.Minute, MaxWait: time.Minute}, 1, nil)
	assert.Contains(t, stop, "no retry: the next wait of ")
	assert.Contains(t, stop, " would pass the deadline")
	assert.Equal(t, time.Second, wait(ctx, p, 1, resp("1")), "a wait within the time left")
}

// TestRetryAfterParse: delay-seconds and the three HTTP date formats.
func TestRetryAfterParse(t *testing.T) {
	now := time.Date(2026, 11, 26, 19, 56, 10, 0, time.UTC)
	for _, tc := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"7", 7 * time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"0", 0, true},
		{"99999999999", time.Hour, true},
		{"Thu, 26 Nov 2026 19:56:40 GMT", 30 * time.Second, true},
		{"Thursday, 26-Nov-26 19:57:10 GMT", time.Minute, true},
		{"Thu Nov 26 19:56:20 2026", 10 * time.Second, true},
		{"Thu, 26 Nov 2026 19:00:00 GMT", 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"1e3", 0, false},
		{"tomorrow", 0, false},
	} {
		got, ok := retryAfter(tc.v, now)
		assert.Equal(t, tc.ok, ok, "%q", tc.v)
		assert.Equal(t, tc.want, got, "%q", tc.v)
	}
}

// TestRetryHonoursRetryAfter: the waits between attempts come from Retry-After (recorded
// through waitRetry, so the test does not sleep), up to MaxWait; without the header they grow
// exponentially.
func TestRetryHonoursRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		name       string
		retryAfter func() string
		maxWait    time.Duration
		check      func(t *testing.T, d time.Duration, i int)
	}{
		{"seconds", func() string { return "1" }, 10 * time.Second, func(t *testing.T, d time.Duration, i int) {
			assert.Equal(t, time.Second, d)
		}},
		{"seconds at MaxWait", func() string { return "2" }, 2 * time.Second, func(t *testing.T, d time.Duration, i int) {
			assert.Equal(t, 2*time.Second, d)
		}},
		{"HTTP date", func() string { return time.Now().Add(5 * time.Second).UTC().Format(http.TimeFormat) }, time.Minute,
			func(t *testing.T, d time.Duration, i int) {
				assert.InDelta(t, 5, d.Seconds(), 1.1)
			}},
		{"none", func() string { return "" }, 10 * time.Second, func(t *testing.T, d time.Duration, i int) {
			step := 100 * time.Millisecond << i
			assert.True(t, d >= step/2 && d <= step, "wait %d: %v, step %v", i+1, d, step)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			waits := resRecordWaits(t)
			srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
				if v := tc.retryAfter(); v != "" {
					w.Header().Set("Retry-After", v)
				}
				w.WriteHeader(503)
			})
			c := resClient(t, srv.URL, func(cfg *Configuration) {
				cfg.Retry = RetryPolicy{MinWait: 100 * time.Millisecond, MaxWait: tc.maxWait}
			})
			_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
			require.Error(t, err)
			ds := waits.all()
			require.Len(t, ds, 2)
			for i, d := range ds {
				tc.check(t, d, i)
			}
		})
	}
}

// resCancelDuringWait makes the first retry wait of the test cancel ctx 50 ms after it began,
// whatever the machine's load: the real wait still runs (a real timer), wrapped only to start
// the cancellation and note when the wait began (read it after the call returns). A fixed delay
// from the start of the call could instead end the context before the first attempt had its
// answer or its refusal. Not for parallel tests.
func resCancelDuringWait(t *testing.T, cancel context.CancelFunc) (began *time.Time) {
	began = new(time.Time)
	old := waitRetry
	waitRetry = func(ctx context.Context, d time.Duration) error {
		if began.IsZero() {
			*began = time.Now()
			time.AfterFunc(50*time.Millisecond, cancel)
		}
		return old(ctx, d)
	}
	t.Cleanup(func() { waitRetry = old })
	return began
}

// TestRetryWaitAbandonedWhenContextDone: a long backoff or Retry-After wait ends as soon as
// the context is cancelled (real timers, no deadline; the cancellation comes 50 ms into the
// wait): the call returns at once the last answer's error, a *GenericOpenAPIError (not a
// *TransportError) that also matches context.Canceled, with the answer; without an answer, a
// *TransportError that wraps both the context's error and the last failure.
func TestRetryWaitAbandonedWhenContextDone(t *testing.T) {
	for _, retryAfter := range []string{"", "3600"} {
		t.Run("Retry-After "+retryAfter, func(t *testing.T) {
			var hits atomic.Int32
			srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if retryAfter != "" {
					w.Header().Set("Retry-After", retryAfter)
				}
				w.WriteHeader(503)
			})
			c := resClient(t, srv.URL, func(cfg *Configuration) {
				cfg.Retry = RetryPolicy{MinWait: time.Hour, MaxWait: 2 * time.Hour}
				cfg.Timeout = -1
			})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			waitBegan := resCancelDuringWait(t, cancel)
			_, resp, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
			require.False(t, waitBegan.IsZero(), "a retry wait began")
			assert.Less(t, time.Since(*waitBegan), 2*time.Second, "the wait of an hour or more ended with the context")
			assert.ErrorIs(t, err, context.Canceled)
			var ge *GenericOpenAPIError
			require.ErrorAs(t, err, &ge, "the last answer is the error")
			assert.Same(t, ge, err)
			assert.Equal(t, 503, ge.StatusCode())
			assert.Equal(t, 1, ge.Attempts())
			assert.Contains(t, err.Error(), "(retry abandoned: context canceled)")
			var te *TransportError
			assert.False(t, errors.As(err, &te), "not a *TransportError: there was an answer")
			assert.Equal(t, int32(1), hits.Load())
			require.NotNil(t, resp)
			assert.Equal(t, 503, resp.StatusCode)
		})
	}

	// A refused connection with a cancelled context: the wait ends, the dial error is kept.
	c := resClient(t, resRefusedURL(t), func(cfg *Configuration) {
		cfg.Retry = RetryPolicy{MinWait: time.Hour, MaxWait: time.Hour}
		cfg.Timeout = -1
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	waitBegan := resCancelDuringWait(t, cancel)
	_, _, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
	require.False(t, waitBegan.IsZero(), "a retry wait began")
	assert.Less(t, time.Since(*waitBegan), 2*time.Second, "the wait of an hour ended with the context")
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, ErrConnectionRefused)
	var te *TransportError
	assert.ErrorAs(t, err, &te)
}

// TestRetryNoAttemptAfterContextDone: when the context ends during a (stubbed) wait, no
// further request is sent.
func TestRetryNoAttemptAfterContextDone(t *testing.T) {
	var hits atomic.Int32
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(502)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	old := waitRetry
	waitRetry = func(wctx context.Context, d time.Duration) error {
		cancel()
		<-wctx.Done()
		return wctx.Err()
	}
	t.Cleanup(func() { waitRetry = old })
	c := resClient(t, srv.URL, nil)
	_, _, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, int32(1), hits.Load())
}

// TestWaitRetry: the real wait returns after d, or at once with the context's error.
func TestWaitRetry(t *testing.T) {
	assert.NoError(t, waitRetry(context.Background(), 0))
	assert.NoError(t, waitRetry(context.Background(), time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	assert.ErrorIs(t, waitRetry(ctx, time.Hour), context.Canceled)
	assert.ErrorIs(t, waitRetry(ctx, 0), context.Canceled)
	assert.Less(t, time.Since(start), time.Second)
}

// TestRetryRecoversAfterRestart: a snapshot against a Pieces OS that is still starting (the
// port refuses connections for a while) succeeds once it listens, within the retries.
func TestRetryRecoversAfterRestart(t *testing.T) {
	addr := resFreeAddr(t)

	var attempts atomic.Int32
	old := waitRetry
	waitRetry = func(ctx context.Context, d time.Duration) error {
		if attempts.Add(1) == 2 { // Pieces OS comes up before the third attempt
			ln2, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) })}
			go func() { _ = srv.Serve(ln2) }()
			t.Cleanup(func() { _ = srv.Close() })
		}
		return ctx.Err()
	}
	t.Cleanup(func() { waitRetry = old })
	c := resClient(t, "http://"+addr, func(cfg *Configuration) { cfg.Timeout = resRefusedTimeout })
	out, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), resSampleID).Execute()
	// The listen error returned by the wait above (EADDRINUSE, or WSAEADDRINUSE on Windows).
	if le := (*net.OpError)(nil); errors.As(err, &le) && le.Op == "listen" {
		t.Skipf("port taken by another process meanwhile: %v", le)
	}
	require.NoError(t, err)
	assert.Equal(t, resSampleID, out.Id)
	assert.Equal(t, int32(2), attempts.Load())
}

// TestRetryNeverSoonerThanAsked: a Retry-After longer than MaxWait, or than the time left
// before the deadline, ends the call at once with that answer's error (a *GenericOpenAPIError
// only, with the answer), saying why; the request is not sent again sooner than the server
// asked.
func TestRetryNeverSoonerThanAsked(t *testing.T) {
	for _, tc := range []struct {
		name       string
		retryAfter string
		maxWait    time.Duration
		ctxTimeout time.Duration // 0: none (Configuration.Timeout of 5 s)
		note       string
	}{
		{"Retry-After over MaxWait", "120", 200 * time.Millisecond, 0, "no retry: Retry-After 2m0s exceeds MaxWait 200ms"},
		{"Retry-After date over MaxWait", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), time.Second, 0, "no retry: Retry-After "},
		{"Retry-After past the deadline", "3", 10 * time.Second, 1500 * time.Millisecond, "no retry: Retry-After 3s would pass the deadline"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header().Set("Retry-After", tc.retryAfter)
				w.WriteHeader(503)
				_, _ = io.WriteString(w, "busy")
			})
			c := resClient(t, srv.URL, func(cfg *Configuration) {
				cfg.Retry = RetryPolicy{MinWait: time.Millisecond, MaxWait: tc.maxWait}
			})
			ctx := context.Background()
			if tc.ctxTimeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.ctxTimeout)
				defer cancel()
			}
			start := time.Now()
			_, resp, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
			elapsed := time.Since(start)
			assert.Less(t, elapsed, time.Second, "returned at once")
			assert.Equal(t, int32(1), hits.Load(), "requests sent")
			var ge *GenericOpenAPIError
			require.ErrorAs(t, err, &ge)
			assert.Same(t, ge, err, "the answer's error itself")
			assert.Equal(t, 503, ge.StatusCode())
			assert.Equal(t, 1, ge.Attempts())
			var te *TransportError
			assert.False(t, errors.As(err, &te), "not a *TransportError: there was an answer")
			assert.NotErrorIs(t, err, context.DeadlineExceeded)
			assert.Contains(t, err.Error(), tc.note)
			assert.True(t, strings.HasSuffix(err.Error(), ": busy"), "%q", err.Error())
			require.NotNil(t, resp)
			assert.Equal(t, 503, resp.StatusCode)
		})
	}
}

// TestRetryNoWaitPastTheDeadline: a computed wait longer than the time left before the
// deadline is not slept: the call returns at once the last answer's error (a
// *GenericOpenAPIError, not a *TransportError) or, without an answer, the last failure.
func TestRetryNoWaitPastTheDeadline(t *testing.T) {
	var hits atomic.Int32
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(502)
	})
	for _, tc := range []struct {
		name string
		url  string
	}{{"answer", srv.URL}, {"refused", resRefusedURL(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			hits.Store(0)
			c := resClient(t, tc.url, func(cfg *Configuration) {
				cfg.Retry = RetryPolicy{MinWait: 2 * time.Minute, MaxWait: 2 * time.Minute}
			})
			// A deadline far longer than one attempt takes, even on a busy machine or on
			// Windows (which takes about 2 s to report a refused connection), and far shorter
			// than the 2-minute wait: returning in less than half of it means nothing was slept.
			const deadline = 30 * time.Second
			ctx, cancel := context.WithTimeout(context.Background(), deadline)
			defer cancel()
			start := time.Now()
			_, resp, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
			assert.Less(t, time.Since(start), deadline/2, "returned long before the deadline")
			assert.NotErrorIs(t, err, context.DeadlineExceeded)
			assert.Contains(t, err.Error(), "would pass the deadline")
			if tc.name == "answer" {
				var ge *GenericOpenAPIError
				require.ErrorAs(t, err, &ge)
				assert.Same(t, ge, err)
				var te *TransportError
				assert.False(t, errors.As(err, &te))
				assert.Equal(t, int32(1), hits.Load())
				require.NotNil(t, resp)
				return
			}
			var te *TransportError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, 1, te.Attempts)
			assert.ErrorIs(t, err, ErrConnectionRefused)
		})
	}
}

// TestRetryNotOnPermanentFailures: failures that a retry cannot fix are sent once, for the
// snapshot and for an update opted in to retries: an invalid header value (a CR/LF in an API
// key), an unsupported scheme, a Location that does not parse, a TLS certificate error, a TLS
// handshake that gets an HTTP answer.
func TestRetryNotOnPermanentFailures(t *testing.T) {
	var hits atomic.Int32
	badLocation := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Location", "http://%zz/")
		w.WriteHeader(http.StatusFound)
	})
	// Servers that count the connections they accept in hits, quietly.
	countingServer := func(tls bool) *httptest.Server {
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) }))
		srv.Config.ErrorLog = log.New(io.Discard, "", 0)
		srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				hits.Add(1)
			}
		}
		if tls {
			srv.StartTLS()
		} else {
			srv.Start()
		}
		t.Cleanup(srv.Close)
		return srv
	}
	tlsSrv, plainConns := countingServer(true), countingServer(false)
	plain := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		resWriteSample(w)
	})
	for _, tc := range []struct {
		name     string
		url      string
		ctx      context.Context
		wantHits int32
	}{
		{"CR/LF in the API key", plain.URL, context.WithValue(context.Background(), ContextAPIKeys,
			map[string]APIKey{"application": {Key: "k\r\nX-Injected: 1"}}), 0},
		{"unsupported scheme", strings.Replace(plain.URL, "http://", "ftp://", 1), context.Background(), 0},
		{"Location that does not parse", badLocation.URL, context.Background(), 1},
		{"TLS certificate unknown", tlsSrv.URL, context.Background(), 1},
		{"TLS handshake with a plain HTTP server", strings.Replace(plainConns.URL, "http://", "https://", 1), context.Background(), 1},
	} {
		for _, update := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s update=%v", tc.name, update), func(t *testing.T) {
				hits.Store(0)
				c := resClient(t, tc.url, func(cfg *Configuration) { cfg.Retry.RetryUpdates = true })
				_, _, err := resCall(tc.ctx, t, c, update)
				var te *TransportError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, 1, te.Attempts, "%v", err)
				assert.Equal(t, tc.wantHits, hits.Load(), "requests or connections the server saw")
				assert.NotContains(t, err.Error(), "X-Injected: 1")
			})
		}
	}
}

// resServeSampleOn serves the sample on addr, closed at the end of the test. It skips the test
// when another process took the port meanwhile.
func resServeSampleOn(t *testing.T, addr string) *http.Server {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("port %s taken meanwhile: %v", addr, err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) })}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// TestWaitForServerSurvivesRestart: with RetryPolicy.WaitForServer, a snapshot made while
// Pieces OS is down (its port refuses connections for about 2 s) succeeds once it listens
// again, within WaitForServerMaxWait; without it, the call fails fast: 3 attempts, waits of
// 50–100 ms and 100–200 ms.
func TestWaitForServerSurvivesRestart(t *testing.T) {
	addr := resFreeAddr(t)
	base := "http://" + addr

	// How long this system takes to refuse one connection: at once on Linux and macOS, about
	// 2 s on Windows (it retries the SYN before reporting WSAECONNREFUSED).
	dialStart := time.Now()
	if conn, err := net.Dial("tcp", addr); err == nil {
		_ = conn.Close()
		t.Skip("the port was taken by another process meanwhile")
	}
	refusal := time.Since(dialStart)

	fast := resClient(t, base, func(cfg *Configuration) { cfg.Retry = RetryPolicy{}; cfg.Timeout = 20 * time.Second })
	start := time.Now()
	_, _, err := fast.AllocationAPI.AllocationSnapshot(context.Background(), resSampleID).Execute()
	failFast := time.Since(start)
	require.ErrorIs(t, err, ErrConnectionRefused)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 3, te.Attempts)
	assert.Less(t, failFast, 3*refusal+2*time.Second, "the default fails fast: three refusals (each %v here) and waits of at most 300 ms", refusal)

	const down = 2 * time.Second
	up := make(chan time.Time, 1)
	start = time.Now() // before the timer: the server listens again down after this at the latest
	timer := time.AfterFunc(down, func() {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			up <- time.Time{}
			return
		}
		srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) })}
		go func() { _ = srv.Serve(ln) }()
		t.Cleanup(func() { _ = srv.Close() })
		up <- time.Now()
	})
	defer timer.Stop()
	c := resClient(t, base, func(cfg *Configuration) {
		cfg.Retry = RetryPolicy{WaitForServer: true}
		cfg.Timeout = 20 * time.Second
	})
	out, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), resSampleID).Execute()
	done := time.Now()
	upAt := <-up
	if upAt.IsZero() {
		t.Skip("the port was taken by another process meanwhile")
	}
	require.NoError(t, err)
	assert.Equal(t, resSampleID, out.Id)
	t.Logf("without WaitForServer: failed after %v; with it: down %v, succeeded after %v, %v after the server listened again",
		failFast.Round(time.Millisecond), down, done.Sub(start).Round(time.Millisecond), done.Sub(upAt).Round(time.Millisecond))
	assert.GreaterOrEqual(t, done.Sub(start), down, "no answer before the server listened again")
	// Within one wait and one attempt: the attempt under way when it began to listen may take
	// up to one refusal to end.
	assert.Less(t, done.Sub(upAt), WaitForServerMaxWait+refusal+1500*time.Millisecond, "reached soon after it listened")
}

// TestWaitForServerOptIn: the opt-in, from the configuration, ContextWaitForServer or
// ContextRetryPolicy, retries a refused connection beyond MaxRetries (waits recorded, not
// slept), each wait within WaitForServerMaxWait, for the snapshot and the update; without it,
// or with ContextWaitForServer false over a configured true, the call gives up after
// MaxRetries. An update whose connection breaks after it was sent is still sent once.
func TestWaitForServerOptIn(t *testing.T) {
	const upAtWait = 6 // the server listens from the 6th wait on, beyond MaxRetries (2)
	for _, tc := range []struct {
		name    string
		cfgWait bool
		ctx     func(context.Context) context.Context
		waits   bool
		update  bool
	}{
		{"configuration", true, nil, true, false},
		{"configuration, update", true, nil, true, true},
		{"ContextWaitForServer", false, func(ctx context.Context) context.Context {
			return context.WithValue(ctx, ContextWaitForServer, true)
		}, true, false},
		{"ContextRetryPolicy", false, func(ctx context.Context) context.Context {
			return context.WithValue(ctx, ContextRetryPolicy, RetryPolicy{WaitForServer: true, MinWait: time.Second, MaxWait: time.Minute})
		}, true, true},
		{"off", false, nil, false, false},
		{"ContextWaitForServer false over the configuration", true, func(ctx context.Context) context.Context {
			return context.WithValue(ctx, ContextWaitForServer, false)
		}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := resFreeAddr(t)
			var waits []time.Duration
			old := waitRetry
			waitRetry = func(ctx context.Context, d time.Duration) error {
				waits = append(waits, d)
				if len(waits) == upAtWait {
					resServeSampleOn(t, addr)
				}
				return ctx.Err()
			}
			t.Cleanup(func() { waitRetry = old })
			c := resClient(t, "http://"+addr, func(cfg *Configuration) {
				cfg.Retry = RetryPolicy{WaitForServer: tc.cfgWait}
				cfg.Timeout = resRefusedTimeout // six refusals
			})
			ctx := context.Background()
			if tc.ctx != nil {
				ctx = tc.ctx(ctx)
			}
			out, _, err := resCall(ctx, t, c, tc.update)
			if !tc.waits {
				require.ErrorIs(t, err, ErrConnectionRefused)
				assert.Len(t, waits, DefaultMaxRetries)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, resSampleID, out.Id)
			assert.Len(t, waits, upAtWait)
			for _, d := range waits {
				assert.LessOrEqual(t, d, WaitForServerMaxWait)
			}
		})
	}

	t.Run("update broken after it was sent", func(t *testing.T) {
		var hits atomic.Int32
		srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			_, _ = io.Copy(io.Discard, r.Body)
			if conn, _ := resHijack(t, w); conn != nil {
				_ = conn.Close()
			}
		})
		c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Retry.WaitForServer = true })
		_, _, err := resCall(context.Background(), t, c, true)
		var te *TransportError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, 1, te.Attempts)
		assert.Equal(t, int32(1), hits.Load())
	})
}
