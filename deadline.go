package piecesos

import (
	"context"
	"time"
)

// The SDK's own timeout (Configuration.Timeout, DefaultTimeout) of a call whose context has no
// deadline. context.WithTimeout per call costs a context, a runtime timer armed and stopped,
// a done channel and, through the child net/http derives from it, a map of children: about a
// fifth of what the SDK added to a loopback round trip. A context that can never be cancelled
// (context.Background, values on top of it) needs none of that per call: the calls of a client
// that start within one window of time share one deadline context, whose deadline is that of
// the window's first call, and each call gets a small view of it that keeps its own values.
// The deadline is never later than a call's own: the timeout still bounds every call, and a
// caller's http.Client.Timeout of the same length adds no timer of its own per request
// (net/http skips it when the context's deadline comes first).

// A call may end up to the width of its window sooner than its timeout: timeout/64, at most
// 100 ms.
const (
	maxDeadlineWindow     = 100 * time.Millisecond
	deadlineWindowDivisor = 64
)

// deadlineWindow is the deadline context shared by the calls of one client that start before
// until with the same timeout.
type deadlineWindow struct {
	ctx     context.Context // context.WithDeadline(context.Background(), deadline)
	cancel  context.CancelFunc
	timeout time.Duration
	until   time.Time // calls that start before until share ctx (monotonic clock)
}

// newDeadlineWindow starts a window at now: its deadline is timeout after now, so no call that
// starts within it gets more than timeout, nor less than timeout minus the window's width.
func newDeadlineWindow(now time.Time, timeout time.Duration) *deadlineWindow {
	width := min(timeout/deadlineWindowDivisor, maxDeadlineWindow)
	// The context ends by itself at its deadline: cancel is kept (and never called) because
	// calls of the window may still be running until then.
	ctx, cancel := context.WithDeadline(context.Background(), now.Add(timeout))
	return &deadlineWindow{ctx: ctx, cancel: cancel, timeout: timeout, until: now.Add(width)}
}

// withSDKTimeout returns ctx bounded by the SDK's timeout, and the function that releases what
// that took. ctx must have no deadline. view is where the view of a shared deadline is made
// (the caller's allocation, in its call state); it must not be used for another call.
func (c *APIClient) withSDKTimeout(ctx context.Context, timeout time.Duration, view *windowCtx) (context.Context, context.CancelFunc) {
	if ctx.Done() != nil {
		// A context that can be cancelled: the call must end with it too.
		return context.WithTimeout(ctx, timeout)
	}
	now := time.Now()
	w := c.deadline.Load()
	if w == nil || w.timeout != timeout || !now.Before(w.until) {
		w = newDeadlineWindow(now, timeout)
		c.deadline.Store(w) // racing calls may each make one: every window is valid
	}
	*view = windowCtx{window: w.ctx, values: ctx}
	return view, nop
}

func nop() {}

// windowCtx is the context of one call on a shared deadline: the deadline, done channel and
// error of the window, the values of the call's own context (which can never be cancelled).
type windowCtx struct {
	window context.Context
	values context.Context
}

func (c *windowCtx) Deadline() (time.Time, bool) { return c.window.Deadline() }
func (c *windowCtx) Done() <-chan struct{}       { return c.window.Done() }
func (c *windowCtx) Err() error                  { return c.window.Err() }

// Value looks key up in the window first: it holds only the context package's own (unexported)
// key, through which context.Cause reports the window's deadline and a context derived from
// this one (net/http derives one per request) is cancelled with the window without a goroutine
// of its own. The call's values come from its own context.
func (c *windowCtx) Value(key any) any {
	if v := c.window.Value(key); v != nil {
		return v
	}
	return c.values.Value(key)
}
