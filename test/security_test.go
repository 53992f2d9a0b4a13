package test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// Secrets used below; none may reach another host, a log line or an error message.
const (
	secretAppID  = "s3cret-app-id"
	secretBearer = "s3cret-bearer"
	secretCookie = "s3cret-cookie"
)

// withSecrets returns a context carrying the application key, and sets credential headers on cfg.
func withSecrets(cfg *piecesos.Configuration) context.Context {
	cfg.AddDefaultHeader("Authorization", "Bearer "+secretBearer)
	cfg.AddDefaultHeader("Cookie", "session="+secretCookie)
	return context.WithValue(context.Background(), piecesos.ContextAPIKeys,
		map[string]piecesos.APIKey{"application": {Key: secretAppID, Prefix: "App"}})
}

// headerLog is an httptest handler that records the headers it receives and answers with the
// facts' sample (or the update's body).
type headerLog struct {
	mu      sync.Mutex
	headers []http.Header
	bodies  []string
}

func (h *headerLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	h.headers = append(h.headers, r.Header.Clone())
	h.bodies = append(h.bodies, string(body))
	h.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if len(body) > 0 {
		_, _ = w.Write(body)
		return
	}
	_, _ = io.WriteString(w, factsSample)
}

func (h *headerLog) received() ([]http.Header, []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]http.Header(nil), h.headers...), append([]string(nil), h.bodies...)
}

// redirector answers every request with a 307 to target + the same path.
func redirector(target string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+r.URL.Path, http.StatusTemporaryRedirect)
	})
}

// A redirect to another host (here another port of 127.0.0.1) is refused by default: the
// credentials never leave the configured host.
func TestCrossHostRedirectRefused(t *testing.T) {
	checkGoroutines(t)
	other := &headerLog{}
	otherSrv := httptest.NewServer(other)
	t.Cleanup(otherSrv.Close)
	srv := httptest.NewServer(redirector(otherSrv.URL))
	t.Cleanup(srv.Close)

	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: srv.URL}}
	ctx := withSecrets(cfg)
	_, _, err := piecesos.NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()

	var re *piecesos.RedirectError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, srv.URL, re.From)
	assert.Equal(t, otherSrv.URL, re.To)
	var te *piecesos.TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, te.Attempts, "a refused redirect is not retried")
	headers, _ := other.received()
	assert.Empty(t, headers, "nothing reached the other host")
	for _, s := range []string{secretAppID, secretBearer, secretCookie} {
		assert.NotContains(t, err.Error(), s)
	}
}

// With FollowCrossHostRedirects the redirect is followed, without credentials.
func TestCrossHostRedirectFollowedWithoutCredentials(t *testing.T) {
	checkGoroutines(t)
	other := &headerLog{}
	otherSrv := httptest.NewServer(other)
	t.Cleanup(otherSrv.Close)
	srv := httptest.NewServer(redirector(otherSrv.URL))
	t.Cleanup(srv.Close)

	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: srv.URL}}
	cfg.FollowCrossHostRedirects = true
	ctx := withSecrets(cfg)
	cloud, _, err := piecesos.NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()
	require.NoError(t, err)
	assert.Equal(t, sampleID, cloud.Id)

	headers, _ := other.received()
	require.Len(t, headers, 1)
	for _, h := range []string{"X-Application-Id", "Authorization", "Cookie"} {
		assert.NotContains(t, headers[0], h)
	}
	assert.Equal(t, "application/json, text/plain", headers[0].Get("Accept"))
}

// A redirect on the same host keeps the credentials and, for a 307 on the update, the body.
func TestSameHostRedirectKeepsCredentialsAndBody(t *testing.T) {
	checkGoroutines(t)
	target := &headerLog{}
	mux := http.NewServeMux()
	mux.Handle("/old/", http.StripPrefix("/old", redirector("/new")))
	mux.Handle("/new/", target)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: srv.URL + "/old"}}
	ctx := withSecrets(cfg)
	client := piecesos.NewAPIClient(cfg)
	_, _, err := client.AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()
	require.NoError(t, err)
	cloud := sampleWithRegion("moved")
	sent, err := cloud.MarshalJSON()
	require.NoError(t, err)
	updated, _, err := client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	require.NoError(t, err)
	assert.Equal(t, "moved", updated.GetRegion())

	headers, bodies := target.received()
	require.Len(t, headers, 2)
	for _, h := range headers {
		assert.Equal(t, "App "+secretAppID, h.Get("X-Application-Id"))
		assert.Equal(t, "Bearer "+secretBearer, h.Get("Authorization"))
	}
	assert.Empty(t, bodies[0])
	assert.JSONEq(t, string(sent), bodies[1], "the 307 replays the body")
}

// Debug logs name the operation, method, URL, status and attempt, and never a credential;
// nor does any error message.
func TestLogsAndErrorsRevealNoSecret(t *testing.T) {
	checkGoroutines(t)
	srv := newFake(t)
	var buf bytes.Buffer
	var mu sync.Mutex
	cfg := srv.Config()
	cfg.Retry = fastRetry
	cfg.Logger = slog.New(slog.NewTextHandler(lockedWriter{&mu, &buf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx := withSecrets(cfg)
	client := piecesos.NewAPIClient(cfg)

	var errs []error
	call := func(ctx context.Context, o op) {
		_, _, err := o.call(ctx, client)
		if err != nil {
			errs = append(errs, err)
		}
	}
	call(ctx, opSnapshot) // 200
	call(ctx, opUpdate)   // 200
	srv.FailNext(piecesostest.OpAllocationSnapshot, 1, http.StatusServiceUnavailable, "starting")
	call(ctx, opSnapshot) // 503, then 200
	srv.FailNext(piecesostest.OpAllocationUpdate, 1, http.StatusInternalServerError, "Internal Server Error")
	call(ctx, opUpdate) // 500
	_, _, err := client.AllocationAPI.AllocationSnapshot(ctx, "missing").Execute()
	errs = append(errs, err) // 410
	srv.HangNext(piecesostest.OpAllocationSnapshot, 1)
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	call(short, opSnapshot) // deadline

	require.Len(t, errs, 3)
	mu.Lock()
	logs := buf.String()
	mu.Unlock()
	lines := strings.Split(strings.TrimSpace(logs), "\n")
	assert.Len(t, lines, 7, "one line per attempt:\n%s", logs)
	for _, want := range []string{"operation=AllocationSnapshot", "operation=AllocationUpdate", "method=GET", "method=POST",
		"status=200", "status=503", "status=500", "status=410", "attempt=2", srv.URL + "/allocation/update", "duration="} {
		assert.Contains(t, logs, want)
	}
	for _, s := range []string{secretAppID, secretBearer, secretCookie} {
		assert.NotContains(t, logs, s)
		for _, err := range errs {
			assert.NotContains(t, err.Error(), s)
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
