package piecesos

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSDKTimeoutShared: the calls of a client whose contexts cannot be cancelled share one
// deadline (one timer) while they start within a window, and each gets at most the timeout and
// at least the timeout minus the window.
func TestSDKTimeoutShared(t *testing.T) {
	c := NewAPIClient(nil)
	const timeout = 30 * time.Second
	start := time.Now()
	a, cancelA := c.withSDKTimeout(context.Background(), timeout, new(windowCtx))
	defer cancelA()
	beforeB := time.Now()
	b, cancelB := c.withSDKTimeout(context.WithValue(context.Background(), ContextServerIndex, 1), timeout, new(windowCtx))
	defer cancelB()
	end := time.Now()
	if end.Sub(start) >= maxDeadlineWindow {
		t.Skip("the machine is too slow for two calls within one window")
	}
	assert.Equal(t, a.Done(), b.Done(), "one done channel (one timer) for both calls")
	da, ok := a.Deadline()
	require.True(t, ok)
	db, _ := b.Deadline()
	assert.Equal(t, da, db)
	assert.False(t, da.After(beforeB.Add(timeout)), "the earlier call gets at most the timeout")
	assert.False(t, da.Before(end.Add(timeout-maxDeadlineWindow)), "the later at most the window less")
	assert.Equal(t, 1, b.Value(ContextServerIndex), "the call's own values")
	assert.Nil(t, a.Value(ContextServerIndex))
	assert.NoError(t, a.Err())

	// Another timeout, another window.
	other, cancel := c.withSDKTimeout(context.Background(), time.Minute, new(windowCtx))
	defer cancel()
	assert.NotEqual(t, a.Done(), other.Done())

	assert.LessOrEqual(t, testing.AllocsPerRun(100, func() {
		_, cancel := c.withSDKTimeout(context.Background(), timeout, new(windowCtx))
		cancel()
	}), 1.0, "the view of the window only")
}

// TestSDKTimeoutWindowEnds: when the window's deadline passes, the call's context and the
// contexts derived from it (net/http derives one per request) end with DeadlineExceeded as
// their error and cause.
func TestSDKTimeoutWindowEnds(t *testing.T) {
	c := NewAPIClient(nil)
	// A context without Done whose values lead to a live cancellable context, as hand-made
	// "detached" contexts do: the window's deadline must still be the cause.
	live, stop := context.WithCancel(context.Background())
	defer stop()
	for name, parent := range map[string]context.Context{"background": context.Background(), "detached": detachedCtx{live}} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := c.withSDKTimeout(parent, 20*time.Millisecond, new(windowCtx))
			defer cancel()
			child, cancelChild := context.WithCancel(ctx)
			defer cancelChild()
			select {
			case <-child.Done():
			case <-time.After(5 * time.Second):
				t.Fatal("the derived context did not end")
			}
			assert.ErrorIs(t, ctx.Err(), context.DeadlineExceeded)
			assert.ErrorIs(t, child.Err(), context.DeadlineExceeded)
			assert.ErrorIs(t, context.Cause(ctx), context.DeadlineExceeded)
			assert.ErrorIs(t, context.Cause(child), context.DeadlineExceeded)
			assert.NoError(t, live.Err())

			// The next call starts a new window.
			next, cancel := c.withSDKTimeout(parent, time.Minute, new(windowCtx))
			defer cancel()
			assert.NoError(t, next.Err())
		})
	}
}

// detachedCtx keeps the values of a context but not its cancellation, as contexts detached by
// hand (before context.WithoutCancel) do.
type detachedCtx struct{ parent context.Context }

func (detachedCtx) Deadline() (time.Time, bool) { return time.Time{}, false }
func (detachedCtx) Done() <-chan struct{}       { return nil }
func (detachedCtx) Err() error                  { return nil }
func (d detachedCtx) Value(key any) any         { return d.parent.Value(key) }
func (d detachedCtx) String() string            { return "detached" }

// TestSDKTimeoutCancellableContext: a context that can be cancelled but has no deadline gets a
// timeout of its own, and its cancellation still ends the call.
func TestSDKTimeoutCancellableContext(t *testing.T) {
	c := NewAPIClient(nil)
	parent, cancelParent := context.WithCancel(context.Background())
	start := time.Now()
	ctx, cancel := c.withSDKTimeout(parent, time.Minute, new(windowCtx))
	defer cancel()
	dl, ok := ctx.Deadline()
	require.True(t, ok)
	assert.WithinDuration(t, start.Add(time.Minute), dl, time.Second, "the exact timeout")
	cancelParent()
	<-ctx.Done()
	assert.ErrorIs(t, ctx.Err(), context.Canceled)
}

// TestSDKTimeoutRequestContext: what a request carries with the shared deadline: the SDK's
// deadline, the caller's values, and ErrTimeout when the deadline ends the call.
func TestSDKTimeoutRequestContext(t *testing.T) {
	type key struct{}
	var seen, deadline atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // hangs until the client gives up
	}))
	t.Cleanup(srv.Close)
	cfg := NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	cfg.Timeout = 50 * time.Millisecond
	cfg.Retry.MaxRetries = -1
	cfg.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen.Store(r.Context().Value(key{}))
		if dl, ok := r.Context().Deadline(); ok {
			deadline.Store(dl)
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	ctx := context.WithValue(context.Background(), key{}, "mine")
	start := time.Now()
	_, _, err := NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
	end := time.Now()
	assert.ErrorIs(t, err, ErrTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, end.Sub(start), 5*time.Second)
	assert.Equal(t, "mine", seen.Load())
	dl, ok := deadline.Load().(time.Time)
	require.True(t, ok, "the request carries a deadline")
	assert.False(t, dl.Before(start.Add(50*time.Millisecond)), "the timeout from the call's start")
	assert.False(t, dl.After(end.Add(50*time.Millisecond)))
}

// TestDeadlineWindowWidth: a window lasts timeout/64, at most 100 ms, and its deadline is the
// timeout after its start, so every call that starts within it gets at most the timeout and at
// least the timeout minus the width.
func TestDeadlineWindowWidth(t *testing.T) {
	now := time.Now()
	for _, tc := range []struct{ timeout, width time.Duration }{
		{30 * time.Second, 100 * time.Millisecond},
		{time.Second, time.Second / 64},
		{50 * time.Millisecond, 50 * time.Millisecond / 64},
		{10 * time.Nanosecond, 0},
	} {
		w := newDeadlineWindow(now, tc.timeout)
		assert.Equal(t, now.Add(tc.width), w.until, "%v", tc.timeout)
		dl, ok := w.ctx.Deadline()
		assert.True(t, ok)
		assert.Equal(t, now.Add(tc.timeout), dl, "%v", tc.timeout)
		w.cancel()
	}
}
