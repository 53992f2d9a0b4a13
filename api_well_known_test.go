package piecesos

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// handleText answers pattern with status and a text/plain body, recording each request.
func (ts *testServer) handleText(t *testing.T, pattern string, status int, body string) func() []seenRequest {
	var seen []seenRequest
	ts.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		assert.NoError(t, err)
		seen = append(seen, seenRequest{Method: r.Method, RequestURI: r.RequestURI, Header: r.Header.Clone(), Body: b, Length: r.ContentLength})
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
	return func() []seenRequest { return seen }
}

func TestWellKnownOperations(t *testing.T) {
	for _, c := range []struct {
		name string
		path string
		body string
		call func(*APIClient, context.Context) (string, *http.Response, error)
	}{
		{"health", "/.well-known/health", "ok", func(c *APIClient, ctx context.Context) (string, *http.Response, error) {
			return c.WellKnownAPI.GetWellKnownHealth(ctx).Execute()
		}},
		{"version", "/.well-known/version", "12.3.1", func(c *APIClient, ctx context.Context) (string, *http.Response, error) {
			return c.WellKnownAPI.GetWellKnownVersion(ctx).Execute()
		}},
		{"installation path", "/.well-known/installation/path", `C:\Program Files\Pieces`, func(c *APIClient, ctx context.Context) (string, *http.Response, error) {
			return c.WellKnownAPI.GetInstallationPath(ctx).Execute()
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ts := setup(t)
			seen := ts.handleText(t, "GET "+c.path, http.StatusOK, c.body)
			got, resp, err := c.call(ts.client, context.Background())
			require.NoError(t, err)
			assert.Equal(t, c.body, got, "the text/plain body, as sent")
			require.NotNil(t, resp)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			rest, _ := io.ReadAll(resp.Body)
			assert.Equal(t, c.body, string(rest), "the response body stays readable")
			require.Len(t, seen(), 1)
			assert.Equal(t, testBasePath+c.path, seen()[0].RequestURI)
			assert.Equal(t, "text/plain", seen()[0].Header.Get("Accept"))
			assert.Empty(t, seen()[0].Header.Get("Content-Type"))
		})
	}
}

// The WellKnown operations have `security: []`: no credential goes out, neither the API key
// of the context nor a credential among the DefaultHeaders; other headers still do.
func TestWellKnownSendsNoCredential(t *testing.T) {
	ts := setup(t)
	health := ts.handleText(t, "GET /.well-known/health", http.StatusOK, "ok")
	alloc := ts.record(t, "GET /allocation/{id}")
	cfg := ts.client.GetConfig()
	cfg.AddDefaultHeader("Authorization", "Bearer secret-token")
	cfg.AddDefaultHeader("X-Api-Key", "secret-key")
	cfg.AddDefaultHeader("X-Trace", "trace-1")
	ctx := context.WithValue(context.Background(), ContextAPIKeys, map[string]APIKey{"application": {Key: "app-key"}})

	_, _, err := ts.client.WellKnownAPI.GetWellKnownHealth(ctx).Execute()
	require.NoError(t, err)
	_, _, err = ts.client.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
	require.NoError(t, err)

	h := health()[0].Header
	for _, k := range []string{"X-Application-Id", "Authorization", "X-Api-Key"} {
		assert.Empty(t, h.Get(k), "%s sent to a security: [] operation", k)
	}
	assert.Equal(t, "trace-1", h.Get("X-Trace"), "headers that are not credentials are still sent")
	a := alloc()[0].Header
	assert.Equal(t, "app-key", a.Get("X-Application-Id"), "other operations still send the key")
	assert.Equal(t, "Bearer secret-token", a.Get("Authorization"))
}

func TestWellKnownErrors(t *testing.T) {
	t.Run("a documented status of another operation still maps by code", func(t *testing.T) {
		ts := setup(t)
		ts.handleText(t, "GET /.well-known/version", http.StatusGatewayTimeout, "upstream timed out")
		v, resp, err := ts.client.WellKnownAPI.GetWellKnownVersion(context.Background()).Execute()
		assert.Empty(t, v)
		require.NotNil(t, resp)
		var apiErr *GenericOpenAPIError
		require.True(t, errors.As(err, &apiErr))
		assert.Equal(t, http.StatusGatewayTimeout, apiErr.StatusCode())
		assert.Equal(t, "GetWellKnownVersion", apiErr.Operation())
		var gt *GatewayTimeoutError
		assert.True(t, errors.As(err, &gt))
		assert.True(t, errors.Is(err, ErrGatewayTimeout))
	})
	t.Run("a text body goes through the body cap", func(t *testing.T) {
		ts := setup(t)
		ts.handleText(t, "GET /.well-known/health", http.StatusOK, strings.Repeat("x", 2048))
		ts.client.GetConfig().MaxResponseBytes = 1024
		_, _, err := ts.client.WellKnownAPI.GetWellKnownHealth(context.Background()).Execute()
		assert.True(t, errors.Is(err, ErrResponseTooLarge), "%v", err)
	})
	t.Run("an empty body is an empty string", func(t *testing.T) {
		ts := setup(t)
		ts.handleText(t, "GET /.well-known/health", http.StatusOK, "")
		got, _, err := ts.client.WellKnownAPI.GetWellKnownHealth(context.Background()).Execute()
		require.NoError(t, err)
		assert.Equal(t, "", got)
	})
}
