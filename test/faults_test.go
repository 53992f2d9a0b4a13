package test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// Every test here checks that no goroutine outlives it (checkGoroutines) and that the fake
// recorded no contract violation (newFake). Retry waits are shortened (fastClient) except in
// TestDefaultRetryWaits.

// op is one operation of the Allocation API, called through the SDK.
type op struct {
	name string
	fake piecesostest.Operation
	call func(ctx context.Context, c *piecesos.APIClient) (*piecesos.AllocationCloud, *http.Response, error)
}

var (
	opSnapshot = op{
		name: "AllocationSnapshot",
		fake: piecesostest.OpAllocationSnapshot,
		call: func(ctx context.Context, c *piecesos.APIClient) (*piecesos.AllocationCloud, *http.Response, error) {
			return c.AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()
		},
	}
	opUpdate = op{
		name: "AllocationUpdate",
		fake: piecesostest.OpAllocationUpdate,
		call: func(ctx context.Context, c *piecesos.APIClient) (*piecesos.AllocationCloud, *http.Response, error) {
			cloud := sampleWithRegion("updated-region")
			return c.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
		},
	}
	bothOps = []op{opSnapshot, opUpdate}
)

// sampleWithRegion is the facts' sample with another region.
func sampleWithRegion(region string) *piecesos.AllocationCloud {
	var c piecesos.AllocationCloud
	if err := c.UnmarshalJSON([]byte(factsSample)); err != nil {
		panic(err)
	}
	c.SetRegion(region)
	return &c
}

// storedRegion returns the region of the sample as the fake stores it.
func storedRegion(t *testing.T, srv *piecesostest.Server) string {
	t.Helper()
	c, err := srv.Get(sampleID)
	require.NoError(t, err)
	return c.GetRegion()
}

// requireTransportError asserts err is a *TransportError of operation after attempts.
func requireTransportError(t *testing.T, err error, operation string, attempts int) *piecesos.TransportError {
	t.Helper()
	var te *piecesos.TransportError
	require.ErrorAs(t, err, &te, "got %T: %v", err, err)
	assert.Equal(t, operation, te.Operation)
	assert.Equal(t, attempts, te.Attempts)
	assert.Contains(t, err.Error(), operation)
	var apiErr *piecesos.GenericOpenAPIError
	assert.False(t, errors.As(err, &apiErr), "no HTTP answer, so no GenericOpenAPIError: %v", err)
	assertNoTypedStatus(t, err)
	return te
}

// The snapshot (a read) is retried after 429, 502, 503 and 504: two retries by default, each
// taking one count of the fault.
func TestSnapshotRetriedAfterRetryableStatuses(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout} {
		body := http.StatusText(status)
		t.Run(strconv.Itoa(status)+" twice then 200", func(t *testing.T) {
			checkGoroutines(t)
			srv := newFake(t)
			srv.FailNext(piecesostest.OpAllocationSnapshot, 2, status, body)
			cloud, resp, err := opSnapshot.call(context.Background(), fastClient(srv))
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, sampleID, cloud.Id)
			assert.Len(t, requestsOf(srv, piecesostest.OpAllocationSnapshot), 3, "succeeds on the 3rd attempt")
		})
		t.Run(strconv.Itoa(status)+" three times", func(t *testing.T) {
			checkGoroutines(t)
			srv := newFake(t)
			srv.FailNext(piecesostest.OpAllocationSnapshot, 3, status, body)
			client := fastClient(srv)
			cloud, resp, err := opSnapshot.call(context.Background(), client)
			assert.Nil(t, cloud)
			var apiErr *piecesos.GenericOpenAPIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, status, apiErr.StatusCode())
			assert.Equal(t, 3, apiErr.Attempts())
			assert.Equal(t, body, string(apiErr.Body()))
			assert.Contains(t, err.Error(), "after 3 attempts")
			if status == http.StatusGatewayTimeout {
				var gt *piecesos.GatewayTimeoutError
				require.ErrorAs(t, err, &gt)
				assert.Equal(t, body, gt.Message)
			} else {
				assertNoTypedStatus(t, err)
				assert.Nil(t, errors.Unwrap(err), "an undocumented status has no typed error")
			}
			require.NotNil(t, resp)
			got, _ := io.ReadAll(resp.Body)
			assert.Equal(t, body, string(got))
			assert.Len(t, srv.Requests(), 3)

			// The fault is used up: the next call succeeds at once.
			_, _, err = opSnapshot.call(context.Background(), client)
			require.NoError(t, err)
			assert.Len(t, srv.Requests(), 4)
		})
	}
}

// Statuses that are not transient for a read are not retried.
func TestSnapshotNotRetriedAfterOtherStatuses(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusNotFound, http.StatusGone, http.StatusInternalServerError, http.StatusNotImplemented} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			checkGoroutines(t)
			srv := newFake(t)
			srv.FailNext(piecesostest.OpAllocationSnapshot, piecesostest.Always, status, "no")
			_, _, err := opSnapshot.call(context.Background(), fastClient(srv))
			var apiErr *piecesos.GenericOpenAPIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, status, apiErr.StatusCode())
			assert.Equal(t, 1, apiErr.Attempts())
			assert.Len(t, srv.Requests(), 1)
		})
	}
}

// The update is not retried after an error status by default (it may have been applied); with
// RetryPolicy.RetryUpdates it is, on Configuration or per call, with the body replayed intact.
func TestUpdateRetriesOnlyWhenOptedIn(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout, http.StatusTooManyRequests} {
		t.Run(strconv.Itoa(status)+" default", func(t *testing.T) {
			checkGoroutines(t)
			srv := newFake(t)
			srv.FailNext(piecesostest.OpAllocationUpdate, 1, status, http.StatusText(status))
			_, resp, err := opUpdate.call(context.Background(), fastClient(srv))
			var apiErr *piecesos.GenericOpenAPIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, status, apiErr.StatusCode())
			assert.Equal(t, 1, apiErr.Attempts())
			assert.Equal(t, status, resp.StatusCode)
			assert.Len(t, srv.Requests(), 1, "not retried")
			assert.Equal(t, "us-central1", storedRegion(t, srv), "not stored")
		})
		for _, where := range []string{"Configuration.Retry", "ContextRetryPolicy"} {
			t.Run(strconv.Itoa(status)+" RetryUpdates via "+where, func(t *testing.T) {
				checkGoroutines(t)
				srv := newFake(t)
				cfg := srv.Config()
				ctx := context.Background()
				policy := fastRetry
				policy.RetryUpdates = true
				if where == "Configuration.Retry" {
					cfg.Retry = policy
				} else {
					cfg.Retry = fastRetry
					ctx = context.WithValue(ctx, piecesos.ContextRetryPolicy, policy)
				}
				srv.FailNext(piecesostest.OpAllocationUpdate, 1, status, http.StatusText(status))
				updated, _, err := opUpdate.call(ctx, piecesos.NewAPIClient(cfg))
				require.NoError(t, err)
				assert.Equal(t, "updated-region", updated.GetRegion())
				ups := requestsOf(srv, piecesostest.OpAllocationUpdate)
				require.Len(t, ups, 2, "succeeds on the 2nd attempt")
				assert.NotEmpty(t, ups[0].Body)
				assert.Equal(t, ups[0].Body, ups[1].Body, "the body is replayed intact")
				assert.Equal(t, ups[0].Header.Get("Content-Length"), ups[1].Header.Get("Content-Length"))
				assert.Equal(t, "updated-region", storedRegion(t, srv))
			})
		}
	}
}

// ContextRetryPolicy overrides the configured policy for one call.
func TestPerCallRetryPolicy(t *testing.T) {
	checkGoroutines(t)
	srv := newFake(t)
	client := fastClient(srv)

	noRetry := context.WithValue(context.Background(), piecesos.ContextRetryPolicy, piecesos.RetryPolicy{MaxRetries: -1})
	srv.FailNext(piecesostest.OpAllocationSnapshot, 1, http.StatusServiceUnavailable, "starting")
	_, _, err := opSnapshot.call(noRetry, client)
	var apiErr *piecesos.GenericOpenAPIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode())
	assert.Len(t, srv.Requests(), 1)

	srv.ClearLog()
	fiveRetries := context.WithValue(context.Background(), piecesos.ContextRetryPolicy,
		piecesos.RetryPolicy{MaxRetries: 5, MinWait: time.Millisecond, MaxWait: time.Millisecond})
	srv.FailNext(piecesostest.OpAllocationSnapshot, 5, http.StatusServiceUnavailable, "starting")
	_, _, err = opSnapshot.call(fiveRetries, client)
	require.NoError(t, err)
	assert.Len(t, srv.Requests(), 6)
}

// With the default policy (2 retries, waits from 100ms with jitter) a snapshot after two 503s
// succeeds, having waited 50–100ms and then 100–200ms.
func TestDefaultRetryWaits(t *testing.T) {
	checkGoroutines(t)
	srv := newFake(t)
	srv.FailNext(piecesostest.OpAllocationSnapshot, 2, http.StatusServiceUnavailable, "starting")
	start := time.Now()
	_, _, err := opSnapshot.call(context.Background(), srv.Client())
	elapsed := time.Since(start)
	require.NoError(t, err)
	assert.Len(t, srv.Requests(), 3)
	assert.GreaterOrEqual(t, elapsed, 150*time.Millisecond)
	assert.Less(t, elapsed, 2*time.Second)
}

// onFirstAttempt is a slog.Handler for Configuration.Logger that calls f once, when the first
// attempt of a call is logged: once its answer is in, before any retry wait.
type onFirstAttempt struct {
	once sync.Once
	f    func()
}

func (h *onFirstAttempt) Enabled(context.Context, slog.Level) bool  { return true }
func (h *onFirstAttempt) Handle(context.Context, slog.Record) error { h.once.Do(h.f); return nil }
func (h *onFirstAttempt) WithAttrs([]slog.Attr) slog.Handler        { return h }
func (h *onFirstAttempt) WithGroup(string) slog.Handler             { return h }

// A retry wait that would pass the context's deadline is not slept: the call returns at once
// the last answer's error, a *GenericOpenAPIError (there was an answer), not a *TransportError.
// A wait cut short by a cancellation ends at once too, with the answer's error matching
// context.Canceled.
func TestRetryWaitEndsWithTheContext(t *testing.T) {
	checkGoroutines(t)
	srv := newFake(t)
	srv.FailNext(piecesostest.OpAllocationSnapshot, piecesostest.Always, http.StatusServiceUnavailable, "starting")

	check := func(t *testing.T, err error) {
		t.Helper()
		var apiErr *piecesos.GenericOpenAPIError
		require.ErrorAs(t, err, &apiErr, "the last answer is the error")
		assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode())
		assert.Equal(t, 1, apiErr.Attempts())
		var te *piecesos.TransportError
		assert.False(t, errors.As(err, &te), "not a *TransportError: there was an answer")
	}

	t.Run("deadline", func(t *testing.T) {
		// A wait of a minute against a deadline of 10 s, far more than the first answer takes
		// even on a busy machine: returning within half of it means no wait was begun.
		const deadline = 10 * time.Second
		cfg := srv.Config()
		cfg.Retry = piecesos.RetryPolicy{MinWait: time.Minute, MaxWait: time.Minute}
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		before := len(srv.Requests())
		start := time.Now()
		_, _, err := opSnapshot.call(ctx, piecesos.NewAPIClient(cfg))
		assert.Less(t, time.Since(start), deadline/2)
		check(t, err)
		assert.NotErrorIs(t, err, context.DeadlineExceeded, "returned before the deadline")
		assert.Contains(t, err.Error(), "would pass the deadline")
		assert.Len(t, srv.Requests(), before+1)
	})
	t.Run("cancel", func(t *testing.T) {
		// The cancellation comes 50 ms after the first answer, in the 10 s wait that follows
		// it, however long that answer took to come on a busy machine.
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var answered time.Time
		cfg := srv.Config()
		cfg.Retry = piecesos.RetryPolicy{MinWait: 10 * time.Second, MaxWait: 10 * time.Second}
		cfg.Timeout = -1
		cfg.Logger = slog.New(&onFirstAttempt{f: func() {
			answered = time.Now()
			time.AfterFunc(50*time.Millisecond, cancel)
		}})
		before := len(srv.Requests())
		_, _, err := opSnapshot.call(ctx, piecesos.NewAPIClient(cfg))
		require.False(t, answered.IsZero(), "the first attempt was logged")
		assert.Less(t, time.Since(answered), 2*time.Second, "the 10 s wait ended with the context")
		check(t, err)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Len(t, srv.Requests(), before+1)
	})
}

// Latency below the deadline only slows a call down.
func TestLatency(t *testing.T) {
	checkGoroutines(t)
	srv := newFake(t)
	client := fastClient(srv)

	srv.DelayNext(piecesostest.OpAllocationSnapshot, 1, 200*time.Millisecond)
	start := time.Now()
	_, _, err := opSnapshot.call(context.Background(), client)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 200*time.Millisecond)

	srv.SetLatency(50 * time.Millisecond)
	for _, o := range bothOps {
		start = time.Now()
		_, _, err = o.call(context.Background(), client)
		require.NoError(t, err, o.name)
		assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond, o.name)
	}
	assert.Len(t, srv.Requests(), 3)
}

// A server that never answers (or answers too late) is given up on at the deadline, whether
// it comes from the context or from Configuration.Timeout: errors.Is(err,
// context.DeadlineExceeded), a *TransportError, one attempt, no answer, nothing stored.
func TestHangUntilTheClientGivesUp(t *testing.T) {
	const deadline = 150 * time.Millisecond
	faults := map[string]func(srv *piecesostest.Server, o piecesostest.Operation){
		"hang": func(srv *piecesostest.Server, o piecesostest.Operation) { srv.HangNext(o, piecesostest.Always) },
		"latency": func(srv *piecesostest.Server, o piecesostest.Operation) {
			srv.DelayNext(o, piecesostest.Always, time.Minute)
		},
	}
	for name, inject := range faults {
		for _, o := range bothOps {
			for _, via := range []string{"context deadline", "Configuration.Timeout"} {
				t.Run(name+"/"+o.name+"/"+via, func(t *testing.T) {
					checkGoroutines(t)
					srv := newFake(t)
					inject(srv, o.fake)
					cfg := srv.Config()
					cfg.Retry = fastRetry
					ctx := context.Background()
					if via == "Configuration.Timeout" {
						cfg.Timeout = deadline
					} else {
						var cancel context.CancelFunc
						ctx, cancel = context.WithTimeout(ctx, deadline)
						defer cancel()
					}
					start := time.Now()
					cloud, resp, err := o.call(ctx, piecesos.NewAPIClient(cfg))
					elapsed := time.Since(start)
					assert.Nil(t, cloud)
					assert.Nil(t, resp)
					assert.ErrorIs(t, err, context.DeadlineExceeded)
					requireTransportError(t, err, o.name, 1)
					assert.GreaterOrEqual(t, elapsed, deadline)
					assert.Less(t, elapsed, 2*time.Second)
					assert.Len(t, srv.Requests(), 1, "not retried after the deadline")
					assert.Equal(t, "us-central1", storedRegion(t, srv))
				})
			}
		}
	}
}

// Cancelling the context of a hanging call ends it with context.Canceled.
func TestHangCancelled(t *testing.T) {
	for _, o := range bothOps {
		t.Run(o.name, func(t *testing.T) {
			checkGoroutines(t)
			srv := newFake(t)
			srv.HangNext(o.fake, piecesostest.Always)
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			_, _, err := o.call(ctx, fastClient(srv))
			assert.ErrorIs(t, err, context.Canceled)
			requireTransportError(t, err, o.name, 1)
		})
	}
}

// A connection dropped without an answer is a *TransportError. The snapshot is retried (net/http
// may also resend it once on its own, taking one more count of the fault); the update only
// when RetryUpdates is set.
func TestDroppedConnection(t *testing.T) {
	t.Run("snapshot always dropped", func(t *testing.T) {
		checkGoroutines(t)
		srv := newFake(t)
		srv.DropNext(piecesostest.OpAllocationSnapshot, piecesostest.Always)
		cloud, resp, err := opSnapshot.call(context.Background(), fastClient(srv))
		assert.Nil(t, cloud)
		assert.Nil(t, resp)
		requireTransportError(t, err, "AllocationSnapshot", 3)
		var ue *url.Error
		assert.ErrorAs(t, err, &ue)
		n := len(srv.Requests())
		assert.GreaterOrEqual(t, n, 3)
		assert.LessOrEqual(t, n, 6)
	})
	t.Run("snapshot dropped once", func(t *testing.T) {
		checkGoroutines(t)
		srv := newFake(t)
		srv.DropNext(piecesostest.OpAllocationSnapshot, 1)
		cloud, _, err := opSnapshot.call(context.Background(), fastClient(srv))
		require.NoError(t, err)
		assert.Equal(t, sampleID, cloud.Id)
		assert.Len(t, srv.Requests(), 2)
	})
	t.Run("update dropped, default", func(t *testing.T) {
		checkGoroutines(t)
		srv := newFake(t)
		srv.DropNext(piecesostest.OpAllocationUpdate, piecesostest.Always)
		_, resp, err := opUpdate.call(context.Background(), fastClient(srv))
		assert.Nil(t, resp)
		requireTransportError(t, err, "AllocationUpdate", 1)
		assert.Len(t, srv.Requests(), 1, "an update that may have arrived is not resent")
		assert.Equal(t, "us-central1", storedRegion(t, srv))
	})
	t.Run("update dropped, RetryUpdates", func(t *testing.T) {
		checkGoroutines(t)
		srv := newFake(t)
		cfg := srv.Config()
		cfg.Retry = fastRetry
		cfg.Retry.RetryUpdates = true
		srv.DropNext(piecesostest.OpAllocationUpdate, piecesostest.Always)
		_, _, err := opUpdate.call(context.Background(), piecesos.NewAPIClient(cfg))
		requireTransportError(t, err, "AllocationUpdate", 3)
		assert.Len(t, srv.Requests(), 3)
	})
}

// A body cut short (Content-Length larger than the bytes sent) is a *TransportError wrapping
// io.ErrUnexpectedEOF, never a half-decoded model. The snapshot is retried; the update is
// not (the fake did store it: the failure came after).
func TestTruncatedBody(t *testing.T) {
	t.Run("snapshot always truncated", func(t *testing.T) {
		checkGoroutines(t)
		srv := newFake(t)
		srv.TruncateNext(piecesostest.OpAllocationSnapshot, piecesostest.Always)
		cloud, resp, err := opSnapshot.call(context.Background(), fastClient(srv))
		assert.Nil(t, cloud)
		assert.Nil(t, resp)
		requireTransportError(t, err, "AllocationSnapshot", 3)
		assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
		var de *piecesos.DecodeError
		assert.False(t, errors.As(err, &de))
		assert.Len(t, srv.Requests(), 3)
	})
	t.Run("snapshot truncated once", func(t *testing.T) {
		checkGoroutines(t)
		srv := newFake(t)
		srv.TruncateNext(piecesostest.OpAllocationSnapshot, 1)
		cloud, _, err := opSnapshot.call(context.Background(), fastClient(srv))
		require.NoError(t, err)
		assert.Equal(t, sampleID, cloud.Id)
		assert.Len(t, srv.Requests(), 2)
	})
	t.Run("update truncated", func(t *testing.T) {
		checkGoroutines(t)
		srv := newFake(t)
		srv.TruncateNext(piecesostest.OpAllocationUpdate, 1)
		cloud, _, err := opUpdate.call(context.Background(), fastClient(srv))
		assert.Nil(t, cloud)
		requireTransportError(t, err, "AllocationUpdate", 1)
		assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
		assert.Len(t, srv.Requests(), 1)
		assert.Equal(t, "updated-region", storedRegion(t, srv), "the fake stored the update before cutting the answer")
	})
}

// A refused connection (Pieces OS not running yet) is retried for both operations: the request
// never reached the server.
func TestRefusedConnection(t *testing.T) {
	for _, o := range bothOps {
		t.Run(o.name, func(t *testing.T) {
			checkGoroutines(t)
			srv := piecesostest.NewServer()
			cfg := srv.Config()
			srv.Close() // nothing listens on its port any more
			cfg.Retry = fastRetry
			_, resp, err := o.call(context.Background(), piecesos.NewAPIClient(cfg))
			assert.Nil(t, resp)
			requireTransportError(t, err, o.name, 3)
			var opErr *net.OpError
			require.ErrorAs(t, err, &opErr)
			assert.Equal(t, "dial", opErr.Op)
			assert.ErrorIs(t, err, piecesos.ErrConnectionRefused) // ECONNREFUSED, or WSAECONNREFUSED on Windows
		})
	}
}

// deepJSON returns the sample with an unknown key nested depth arrays deep.
func deepJSON(depth int) string {
	return strings.Replace(factsSample, `"region"`, `"deep": `+strings.Repeat("[", depth)+strings.Repeat("]", depth)+`, "region"`, 1)
}

// decodesWithEncodingJSON reports whether encoding/json accepts doc.
func decodesWithEncodingJSON(doc string) bool {
	var v interface{}
	return json.Unmarshal([]byte(doc), &v) == nil
}

// manyKeysJSON returns the sample with an unknown object of n keys.
func manyKeysJSON(n int) string {
	var b strings.Builder
	b.WriteString(`{`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d":%d`, i, i)
	}
	b.WriteString(`}`)
	return strings.Replace(factsSample, `"region"`, `"many": `+b.String()+`, "region"`, 1)
}

// Answers a broken or hostile Pieces OS might send, injected as FaultStatus answers: each one
// gives the right result or a clear typed error, with no panic, no hang and no leaked goroutine.
func TestBadAnswers(t *testing.T) {
	htmlPage := "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>" + strings.Repeat("<p>upstream unavailable</p>\n", 400) + "</body></html>"
	cases := []struct {
		name  string
		fault piecesostest.Fault
		limit int64 // Configuration.MaxResponseBytes; 0 = default
		check func(t *testing.T, cloud *piecesos.AllocationCloud, err error)
	}{
		{
			name:  "502 with an HTML page",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusBadGateway, Body: htmlPage, ContentType: "text/html"},
			check: func(t *testing.T, _ *piecesos.AllocationCloud, err error) {
				var apiErr *piecesos.GenericOpenAPIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, htmlPage, string(apiErr.Body()), "the whole body is kept")
				assert.Less(t, len(err.Error()), 400, "the message quotes a short prefix")
				assert.NotContains(t, err.Error(), "\n")
			},
		},
		{
			name:  "200 with a text/plain body",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, Body: "ok"},
			check: func(t *testing.T, _ *piecesos.AllocationCloud, err error) {
				var de *piecesos.DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, "AllocationSnapshot", de.Operation)
				assert.Equal(t, "ok", string(de.Body))
			},
		},
		{
			name:  "200 with an empty body",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, ContentType: "application/json"},
			check: func(t *testing.T, _ *piecesos.AllocationCloud, err error) {
				var de *piecesos.DecodeError
				require.ErrorAs(t, err, &de)
				assert.Empty(t, de.Body)
			},
		},
		{
			name:  "required property missing",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, ContentType: "application/json", Body: strings.Replace(factsSample, `"status": "RUNNING", "url": "https://8f1e3c2a.pieces.cloud"`, `"url": "https://8f1e3c2a.pieces.cloud"`, 1)},
			check: func(t *testing.T, _ *piecesos.AllocationCloud, err error) {
				var de *piecesos.DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, "urls.base.status", de.Path)
				assert.ErrorIs(t, err, piecesos.ErrRequiredPropertyMissing)
				assert.Contains(t, err.Error(), "urls.base.status")
			},
		},
		{
			name:  "body over the cap",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, ContentType: "application/json", Body: manyKeysJSON(200)},
			limit: 1024,
			check: func(t *testing.T, _ *piecesos.AllocationCloud, err error) {
				var tl *piecesos.ResponseTooLargeError
				require.ErrorAs(t, err, &tl)
				assert.Equal(t, int64(1024), tl.Limit)
				assert.ErrorIs(t, err, piecesos.ErrResponseTooLarge)
			},
		},
		{
			name:  "invalid UTF-8 in a string",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, ContentType: "application/json", Body: strings.Replace(factsSample, `"pieces-prod-01"`, "\"pieces-\xff-01\"", 1)},
			check: func(t *testing.T, cloud *piecesos.AllocationCloud, err error) {
				require.NoError(t, err)
				assert.Equal(t, "pieces-\uFFFD-01", cloud.Project)
			},
		},
		{
			name:  "nesting of 10,000 (encoding/json's limit)",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, ContentType: "application/json", Body: deepJSON(9_999)},
			check: func(t *testing.T, cloud *piecesos.AllocationCloud, err error) {
				require.True(t, decodesWithEncodingJSON(deepJSON(9_999)))
				require.NoError(t, err)
				assert.Contains(t, cloud.AdditionalProperties, "deep")
			},
		},
		{
			name:  "nesting of 10,001",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, ContentType: "application/json", Body: deepJSON(10_000)},
			check: func(t *testing.T, _ *piecesos.AllocationCloud, err error) {
				require.False(t, decodesWithEncodingJSON(deepJSON(10_000)))
				var de *piecesos.DecodeError
				require.ErrorAs(t, err, &de)
			},
		},
		{
			name:  "nesting of 1,000,000",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, ContentType: "application/json", Body: deepJSON(1_000_000)},
			check: func(t *testing.T, _ *piecesos.AllocationCloud, err error) {
				var de *piecesos.DecodeError
				require.ErrorAs(t, err, &de)
			},
		},
		{
			name:  "100,000 unknown keys",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, ContentType: "application/json", Body: manyKeysJSON(100_000)},
			check: func(t *testing.T, cloud *piecesos.AllocationCloud, err error) {
				require.NoError(t, err)
				many, ok := cloud.AdditionalProperties["many"].(map[string]interface{})
				require.True(t, ok)
				assert.Len(t, many, 100_000)
				assert.Equal(t, json.Number("99999"), many["k99999"])
			},
		},
		{
			name:  "duplicate keys",
			fault: piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: http.StatusOK, ContentType: "application/json", Body: strings.Replace(factsSample, `"region": "us-central1"`, `"region": "first", "region": "us-central1"`, 1)},
			check: func(t *testing.T, cloud *piecesos.AllocationCloud, err error) {
				require.NoError(t, err)
				assert.Equal(t, "us-central1", cloud.GetRegion(), "the last one wins, as in encoding/json")
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkGoroutines(t)
			srv := newFake(t)
			cfg := srv.Config()
			cfg.Retry = fastRetry
			cfg.MaxResponseBytes = tc.limit
			srv.InjectFault(piecesostest.OpAllocationSnapshot, piecesostest.Always, tc.fault)
			cloud, resp, err := opSnapshot.call(context.Background(), piecesos.NewAPIClient(cfg))
			if err != nil {
				assert.Nil(t, cloud)
				assert.Contains(t, err.Error(), "AllocationSnapshot")
			}
			var de *piecesos.DecodeError
			if errors.As(err, &de) {
				// The answer of an undecodable body comes back too, its body readable.
				require.NotNil(t, resp)
				body, rerr := io.ReadAll(resp.Body)
				require.NoError(t, rerr)
				assert.Equal(t, de.Body, body)
			}
			tc.check(t, cloud, err)
		})
	}
}
