package piecesos_test

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
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

func clientFor(url string) *piecesos.APIClient {
	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: url}}
	return piecesos.NewAPIClient(cfg)
}

// A Pieces OS that starts 1 s after WaitReady began is found within one poll interval (the
// cap, WaitReadyMaxInterval) of its start, plus a margin for a busy machine.
func TestWaitReadyFakeStartedLater(t *testing.T) {
	addr := "127.0.0.1:" + strconv.Itoa(closedPort(t))
	client := clientFor("http://" + addr)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	type result struct {
		info piecesos.VersionInfo
		err  error
		at   time.Time
	}
	done := make(chan result, 1)
	go func() {
		info, err := client.WaitReady(ctx)
		done <- result{info, err, time.Now()}
	}()

	time.Sleep(time.Second) // the launch delay the test is about, not a synchronisation
	srv := piecesostest.NewUnstartedServer()
	var err error
	srv.Listener, err = net.Listen("tcp", addr)
	require.NoError(t, err, "the reserved port was taken in the meantime")
	srv.SetVersion("12.7.1")
	srv.Start()
	t.Cleanup(srv.Close)
	started := time.Now()

	r := <-done
	require.NoError(t, r.err)
	assert.Equal(t, "12.7.1", r.info.Raw)
	assert.Equal(t, uint64(7), r.info.Version.Minor)
	assert.False(t, r.info.Development)
	waited := r.at.Sub(started)
	t.Logf("WaitReady returned %v after the fake started", waited)
	assert.Less(t, waited, piecesos.WaitReadyMaxInterval+3*time.Second)
}

// onStatus is a slog.Handler for Configuration.Logger that calls f once, when an attempt
// answered with status is logged.
type onStatus struct {
	status int64
	once   sync.Once
	f      func()
}

func (h *onStatus) Enabled(context.Context, slog.Level) bool { return true }
func (h *onStatus) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *onStatus) WithGroup(string) slog.Handler            { return h }
func (h *onStatus) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "status" && a.Value.Kind() == slog.KindInt64 && a.Value.Int64() == h.status {
			h.once.Do(h.f)
		}
		return true
	})
	return nil
}

// The fake turns ready once WaitReady has had a 503 from it (as soon as the SDK logs that
// answer), however long that first health check took on a busy machine.
func TestWaitReadyUntilTheFakeIsReady(t *testing.T) {
	srv := piecesostest.NewServer()
	t.Cleanup(srv.Close)
	srv.SetReady(false)
	cfg := srv.Config()
	cfg.Logger = slog.New(&onStatus{status: http.StatusServiceUnavailable, f: func() { srv.SetReady(true) }})

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	info, err := piecesos.NewAPIClient(cfg).WaitReady(ctx)
	require.NoError(t, err)
	assert.Equal(t, piecesostest.DefaultVersion, info.Raw)
	var health int
	for _, r := range srv.Requests() {
		if r.Operation == piecesostest.OpHealth {
			health++
		}
	}
	assert.GreaterOrEqual(t, health, 2, "503 while not ready, then 200")
}

func TestWaitReadyEndsWithTheContext(t *testing.T) {
	client := clientFor("http://127.0.0.1:" + strconv.Itoa(closedPort(t)))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := client.WaitReady(ctx)
	elapsed := time.Since(start)
	require.Error(t, err)
	var nr *piecesos.NotRunningError
	require.True(t, errors.As(err, &nr), "%T %v", err, err)
	assert.ErrorIs(t, err, piecesos.ErrNotRunning)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "check(s) failed, the last:")
	assert.Less(t, elapsed, 5*time.Second, "returns when the context ends")
}

func TestWaitReadyIncompatible(t *testing.T) {
	srv := piecesostest.NewServer()
	t.Cleanup(srv.Close)
	srv.SetVersion("11.9.0")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	info, err := srv.Client().WaitReady(ctx)
	var ie *piecesos.IncompatibleVersionError
	require.True(t, errors.As(err, &ie), "%v", err)
	assert.True(t, ie.TooOld)
	assert.Equal(t, "11.9.0", info.Raw, "the version is returned with the error")
}

// A health check answered with a 4xx is not a Pieces OS starting up: WaitReady does not wait.
func TestWaitReadyClientErrorIsFinal(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	_, err := clientFor(ts.URL).WaitReady(ctx)
	var apiErr *piecesos.GenericOpenAPIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode())
	assert.Less(t, time.Since(start), 10*time.Second)
}

// TestWaitReadySchedule: WaitReady checks at once, then after pauses of 50, 100, 200, 400 and
// 800 ms, then WaitReadyMaxInterval (1 s) each; a 503 and a 429 are waited out, and each check
// is one request, whatever retries the configuration asks for. The server sees each check no
// sooner than its pause after the one before (timers do not fire early, so this holds on a
// busy machine); the pause after the cap is far below the 3.2 s doubling would reach.
func TestWaitReadySchedule(t *testing.T) {
	const notReady = 8
	var (
		mu      sync.Mutex
		arrived []time.Time
	)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case piecesos.HealthPath:
			mu.Lock()
			arrived = append(arrived, time.Now())
			n := len(arrived)
			mu.Unlock()
			switch {
			case n > notReady:
				_, _ = w.Write([]byte("ok"))
			case n%2 == 0:
				w.WriteHeader(http.StatusTooManyRequests)
			default:
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		case "/.well-known/version":
			_, _ = w.Write([]byte("12.3.1"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: ts.URL}}
	cfg.Retry = piecesos.RetryPolicy{MaxRetries: 5, MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	info, err := piecesos.NewAPIClient(cfg).WaitReady(ctx)
	require.NoError(t, err)
	assert.Equal(t, "12.3.1", info.Raw)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, arrived, notReady+1, "one request per check")
	want := []time.Duration{50, 100, 200, 400, 800, 1000, 1000, 1000}
	for i, w := range want {
		gap := arrived[i+1].Sub(arrived[i])
		assert.GreaterOrEqual(t, gap, w*time.Millisecond, "pause before check %d", i+2)
	}
	assert.Equal(t, time.Second, piecesos.WaitReadyMaxInterval)
	assert.Less(t, arrived[notReady].Sub(arrived[notReady-1]), 2500*time.Millisecond, "the pause is capped")
}

// TestWaitReadyPermanentFailureIsFinal: a failure the retries treat as permanent (here TLS
// spoken to a plain HTTP server) ends WaitReady at once instead of being polled until the
// context ends.
func TestWaitReadyPermanentFailureIsFinal(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	_, err := clientFor(strings.Replace(ts.URL, "http://", "https://", 1)).WaitReady(ctx)
	var te *piecesos.TransportError
	require.ErrorAs(t, err, &te)
	assert.NotErrorIs(t, err, piecesos.ErrNotRunning)
	assert.NoError(t, ctx.Err(), "WaitReady returned before its context ended")
	assert.Less(t, time.Since(start), 10*time.Second)
}

func TestCheckCompatibility(t *testing.T) {
	for _, c := range []struct {
		version     string
		development bool
		incompat    bool
		tooOld      bool
	}{
		{"12.3.1", false, false, false},
		{"12.0.0-rc.1", false, false, false},
		{"debug", true, false, false},
		{"13.0.0-beta.1", false, true, false},
		{"11.99.99", false, true, true},
	} {
		t.Run(c.version, func(t *testing.T) {
			srv := piecesostest.NewServer()
			t.Cleanup(srv.Close)
			srv.SetVersion(c.version)
			info, err := srv.Client().CheckCompatibility(context.Background())
			assert.Equal(t, c.version, info.Raw)
			assert.Equal(t, c.development, info.Development)
			if !c.incompat {
				assert.NoError(t, err)
				return
			}
			var ie *piecesos.IncompatibleVersionError
			require.True(t, errors.As(err, &ie), "%v", err)
			assert.ErrorIs(t, err, piecesos.ErrIncompatibleVersion)
			assert.Equal(t, c.tooOld, ie.TooOld)
		})
	}
}
