package piecesos

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Readiness of a running Pieces OS: waiting until it answers its health check, and checking
// that its version is one this SDK supports. Both go through the generated WellKnownAPI.

// Polling of WaitReady: the first pause, the cap of every pause, and how long one health check
// may take.
const (
	// WaitReadyMinInterval is the first pause between two health checks of WaitReady.
	WaitReadyMinInterval = 50 * time.Millisecond
	// WaitReadyMaxInterval caps every pause between two health checks of WaitReady: once
	// Pieces OS answers, WaitReady returns at most this long (plus one health check) later.
	WaitReadyMaxInterval = time.Second
	// WaitReadyCheckTimeout bounds one health check of WaitReady (the official CLI uses 1 s;
	// a starting Pieces OS on a busy machine may take longer to answer).
	WaitReadyCheckTimeout = 2 * time.Second
)

// CheckCompatibility reads the version of Pieces OS (GET /.well-known/version) and reports
// whether this SDK supports it, as CheckVersion does: err is nil for a version inside
// [MinPiecesOSVersion, MaxPiecesOSVersion) and for a development build ("debug", or a version
// that does not parse: VersionInfo.Development is true), an *IncompatibleVersionError
// (errors.Is(err, ErrIncompatibleVersion)) that says whether to update Pieces OS or the SDK,
// with the VersionInfo filled in, or the error of the call when the version could not be read.
func (c *APIClient) CheckCompatibility(ctx context.Context) (VersionInfo, error) {
	raw, _, err := c.WellKnownAPI.GetWellKnownVersion(ctx).Execute()
	if err != nil {
		return VersionInfo{}, err
	}
	return CheckVersion(raw)
}

// WaitReady waits until Pieces OS answers its health check (GET /.well-known/health) with a
// 2xx status, for example after launching it, then returns its version as CheckCompatibility
// does. It checks at once, then after pauses that start at WaitReadyMinInterval and double up
// to WaitReadyMaxInterval (1 s), each check bounded by WaitReadyCheckTimeout; the configured
// retries do not apply to the checks. It waits as long as ctx allows: give ctx a deadline.
//
// When ctx ends first, the error is a *NotRunningError (errors.Is(err, ErrNotRunning)) that
// wraps ctx's error and says how many checks failed and why the last one did. When Pieces OS is
// ready but its version is not supported, the VersionInfo is filled in and the error is an
// *IncompatibleVersionError.
func (c *APIClient) WaitReady(ctx context.Context) (VersionInfo, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	once := context.WithValue(ctx, ContextRetryPolicy, RetryPolicy{MaxRetries: -1})
	pause := WaitReadyMinInterval
	target := "health check"
	if u, err := c.cfg.ServerURLWithContext(ctx, opGetWellKnownHealth.endpoint); err == nil {
		target = redactURL(u) + HealthPath
	}
	for checks := 1; ; checks++ {
		checkCtx, cancel := context.WithTimeout(once, WaitReadyCheckTimeout)
		_, _, err := c.WellKnownAPI.GetWellKnownHealth(checkCtx).Execute()
		cancel()
		if err == nil {
			return c.CheckCompatibility(ctx)
		}
		if !retryableWhileStarting(err) {
			return VersionInfo{}, err
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return VersionInfo{}, &NotRunningError{
				Tried: []DiscoveryAttempt{{Route: "health check", Target: target, Err: fmt.Errorf("%d check(s) failed, the last: %w", checks, err)}},
				Err:   ctx.Err(),
			}
		case <-t.C:
		}
		pause = min(2*pause, WaitReadyMaxInterval)
	}
}

// retryableWhileStarting reports whether a failed health check may succeed later: no answer
// (Pieces OS not listening yet, or too slow) or a 5xx or 429 of a server that is not ready.
// Another 4xx (not a Pieces OS health check), a bad configuration, a redirect to another host
// or a failure the retries also treat as permanent (a TLS error, an invalid header value, an
// unsupported scheme: see permanent) is final.
func retryableWhileStarting(err error) bool {
	var se *GenericOpenAPIError
	if errors.As(err, &se) {
		s := se.StatusCode()
		return s >= http.StatusInternalServerError || s == http.StatusTooManyRequests
	}
	var te *TransportError
	if !errors.As(err, &te) {
		return false // a configuration problem (server URL, context value): waiting will not help
	}
	var re *RedirectError
	return !errors.As(err, &re) && !permanent(err)
}
