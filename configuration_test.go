package piecesos

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewConfiguration(t *testing.T) {
	cfg := NewConfiguration()
	require.Len(t, cfg.Servers, 2)
	assert.Equal(t, "http://localhost:1000", cfg.Servers[0].URL)
	assert.Contains(t, cfg.Servers[0].Description, "macOS")
	assert.Contains(t, cfg.Servers[0].Description, "Windows")
	assert.Equal(t, "http://localhost:5323", cfg.Servers[1].URL)
	assert.Contains(t, cfg.Servers[1].Description, "Linux")
	assert.True(t, strings.HasPrefix(cfg.UserAgent, "pieces-os-client-sdk-for-go/"+Version), cfg.UserAgent)
	assert.NotNil(t, cfg.DefaultHeader)
	assert.NotNil(t, cfg.OperationServers)
	assert.False(t, cfg.Debug)
	assert.Nil(t, cfg.HTTPClient)
	assert.Empty(t, cfg.Host)
	assert.Empty(t, cfg.Scheme)
	assert.Zero(t, cfg.Timeout)
	assert.Zero(t, cfg.MaxResponseBytes)
	assert.Zero(t, cfg.Retry)

	// Each call returns its own value.
	other := NewConfiguration()
	other.Servers[0].URL = "changed"
	other.AddDefaultHeader("a", "b")
	assert.Equal(t, "http://localhost:1000", cfg.Servers[0].URL)
	assert.Empty(t, cfg.DefaultHeader)
}

func TestAddDefaultHeader(t *testing.T) {
	cfg := &Configuration{}
	cfg.AddDefaultHeader("X-One", "1")
	cfg.AddDefaultHeader("X-Two", "2")
	cfg.AddDefaultHeader("X-One", "uno")
	assert.Equal(t, map[string]string{"X-One": "uno", "X-Two": "2"}, cfg.DefaultHeader)
}

func TestContextKeyString(t *testing.T) {
	for key, want := range map[contextKey]string{
		ContextAPIKeys:                  "auth apiKeys",
		ContextServerIndex:              "auth serverIndex",
		ContextOperationServerIndices:   "auth serverOperationIndices",
		ContextServerVariables:          "auth serverVariables",
		ContextOperationServerVariables: "auth serverOperationVariables",
		ContextRetryPolicy:              "auth retryPolicy",
		ContextWaitForServer:            "auth waitForServer",
	} {
		assert.Equal(t, want, key.String())
	}
}

// TestBoxedContextKeys checks that the keys the request path looks values up with (boxed once,
// so a lookup does not allocate) find what a caller stores under the exported keys, and only
// that.
func TestBoxedContextKeys(t *testing.T) {
	for _, tc := range []struct {
		exported contextKey
		boxed    any
	}{
		{ContextAPIKeys, ctxKeyAPIKeys},
		{ContextServerIndex, ctxKeyServerIndex},
		{ContextOperationServerIndices, ctxKeyOperationServerIndices},
		{ContextServerVariables, ctxKeyServerVariables},
		{ContextOperationServerVariables, ctxKeyOperationServerVariables},
		{ContextRetryPolicy, ctxKeyRetryPolicy},
		{ContextWaitForServer, ctxKeyWaitForServer},
	} {
		t.Run(tc.exported.name(), func(t *testing.T) {
			assert.True(t, tc.boxed == any(tc.exported), "the boxed key equals the exported one")
			v := new(int)
			ctx := context.WithValue(context.Background(), tc.exported, v)
			assert.Same(t, v, ctx.Value(tc.boxed), "a value stored under the exported key is found")
			// Another key with the same string but another type is not the SDK's key.
			type otherKey string
			other := context.WithValue(context.Background(), otherKey(tc.exported), v)
			assert.Nil(t, other.Value(tc.boxed))
			assert.Zero(t, testing.AllocsPerRun(100, func() { _ = ctx.Value(tc.boxed) }), "a lookup allocates nothing")
		})
	}
}

func TestServerConfigurationsURL(t *testing.T) {
	servers := ServerConfigurations{
		{URL: "http://localhost:1000"},
		{
			URL: "{scheme}://{host}:{port}/{base}",
			Variables: map[string]ServerVariable{
				"scheme": {DefaultValue: "http", EnumValues: []string{"http", "https"}},
				"host":   {DefaultValue: "localhost"},
				"port":   {DefaultValue: "1000", EnumValues: []string{"1000", "5323"}},
				"base":   {DefaultValue: "v1"},
			},
		},
	}
	for _, tc := range []struct {
		name    string
		index   int
		vars    map[string]string
		want    string
		wantErr string
	}{
		{name: "plain", index: 0, want: "http://localhost:1000"},
		{name: "plain ignores variables", index: 0, vars: map[string]string{"port": "5323"}, want: "http://localhost:1000"},
		{name: "defaults", index: 1, want: "http://localhost:1000/v1"},
		{name: "enum value", index: 1, vars: map[string]string{"port": "5323", "scheme": "https"}, want: "https://localhost:5323/v1"},
		{name: "free value", index: 1, vars: map[string]string{"host": "127.0.0.1", "base": "x/y"}, want: "http://127.0.0.1:1000/x/y"},
		{name: "unknown variable ignored", index: 1, vars: map[string]string{"nope": "1"}, want: "http://localhost:1000/v1"},
		{name: "value outside enum", index: 1, vars: map[string]string{"port": "80"}, wantErr: "the variable port in the server URL has invalid value 80. Must be [1000 5323]"},
		{name: "index too large", index: 2, wantErr: "index 2 out of range 1"},
		{name: "negative index", index: -1, wantErr: "index -1 out of range 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := servers.URL(tc.index, tc.vars)
			if tc.wantErr != "" {
				assert.EqualError(t, err, tc.wantErr)
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}

	_, err := ServerConfigurations(nil).URL(0, nil)
	assert.EqualError(t, err, "index 0 out of range -1")
}

func TestServerURL(t *testing.T) {
	cfg := NewConfiguration()
	got, err := cfg.ServerURL(0, nil)
	require.NoError(t, err)
	assert.Equal(t, "http://localhost:1000", got)
	got, err = cfg.ServerURL(1, map[string]string{"unused": "x"})
	require.NoError(t, err)
	assert.Equal(t, "http://localhost:5323", got)
	_, err = cfg.ServerURL(2, nil)
	assert.Error(t, err)
}

func TestServerURLWithContext(t *testing.T) {
	const snapshot = "AllocationAPIService.AllocationSnapshot"
	const update = "AllocationAPIService.AllocationUpdate"
	cfg := NewConfiguration()
	cfg.Servers = append(cfg.Servers, ServerConfiguration{
		URL:       "http://{host}:39300",
		Variables: map[string]ServerVariable{"host": {DefaultValue: "127.0.0.1", EnumValues: []string{"127.0.0.1", "localhost"}}},
	})
	cfg.OperationServers[update] = ServerConfigurations{
		{URL: "http://update.local:{port}", Variables: map[string]ServerVariable{"port": {DefaultValue: "1"}}},
		{URL: "http://update.local:2"},
	}
	with := func(kv ...interface{}) context.Context {
		ctx := context.Background()
		for i := 0; i < len(kv); i += 2 {
			ctx = context.WithValue(ctx, kv[i], kv[i+1])
		}
		return ctx
	}

	for _, tc := range []struct {
		name     string
		ctx      context.Context
		endpoint string
		want     string
		wantErr  string
	}{
		{name: "nil context", ctx: nil, endpoint: snapshot, want: "http://localhost:1000"},
		{name: "nil context, operation servers", ctx: nil, endpoint: update, want: "http://update.local:1"},
		{name: "empty context", ctx: context.Background(), endpoint: snapshot, want: "http://localhost:1000"},
		{name: "unknown endpoint uses Servers", ctx: context.Background(), endpoint: "Nope.Nope", want: "http://localhost:1000"},
		{name: "server index", ctx: with(ContextServerIndex, 1), endpoint: snapshot, want: "http://localhost:5323"},
		{name: "server index with variables", ctx: with(ContextServerIndex, 2), endpoint: snapshot, want: "http://127.0.0.1:39300"},
		{name: "server variables", ctx: with(ContextServerIndex, 2, ContextServerVariables, map[string]string{"host": "localhost"}), endpoint: snapshot, want: "http://localhost:39300"},
		{name: "server variable outside enum", ctx: with(ContextServerIndex, 2, ContextServerVariables, map[string]string{"host": "example.com"}), endpoint: snapshot, wantErr: "invalid value example.com"},
		{name: "operation index", ctx: with(ContextOperationServerIndices, map[string]int{snapshot: 1}), endpoint: snapshot, want: "http://localhost:5323"},
		{name: "operation index of another endpoint", ctx: with(ContextOperationServerIndices, map[string]int{update: 1}), endpoint: snapshot, want: "http://localhost:1000"},
		{name: "operation index wins over server index", ctx: with(ContextServerIndex, 0, ContextOperationServerIndices, map[string]int{snapshot: 1}), endpoint: snapshot, want: "http://localhost:5323"},
		{name: "server index when no operation index", ctx: with(ContextServerIndex, 1, ContextOperationServerIndices, map[string]int{update: 0}), endpoint: snapshot, want: "http://localhost:5323"},
		{name: "operation servers", ctx: with(ContextOperationServerIndices, map[string]int{update: 1}), endpoint: update, want: "http://update.local:2"},
		{name: "operation servers use the server index too", ctx: with(ContextServerIndex, 1), endpoint: update, want: "http://update.local:2"},
		{name: "operation variables", ctx: with(ContextOperationServerVariables, map[string]map[string]string{update: {"port": "7"}}), endpoint: update, want: "http://update.local:7"},
		{name: "operation variables win over variables", ctx: with(ContextServerVariables, map[string]string{"port": "8"}, ContextOperationServerVariables, map[string]map[string]string{update: {"port": "7"}}), endpoint: update, want: "http://update.local:7"},
		{name: "variables when no operation variables", ctx: with(ContextServerVariables, map[string]string{"port": "8"}, ContextOperationServerVariables, map[string]map[string]string{snapshot: {"port": "7"}}), endpoint: update, want: "http://update.local:8"},
		{name: "index out of range", ctx: with(ContextServerIndex, 3), endpoint: snapshot, wantErr: "index 3 out of range 2"},
		{name: "operation index out of range", ctx: with(ContextOperationServerIndices, map[string]int{update: 2}), endpoint: update, wantErr: "index 2 out of range 1"},
		{name: "index of the wrong type", ctx: with(ContextServerIndex, int64(1)), endpoint: snapshot, wantErr: "piecesos: invalid context value ContextServerIndex: invalid type int64 should be int"},
		{name: "operation indices of the wrong type", ctx: with(ContextOperationServerIndices, map[string]int64{}), endpoint: snapshot, wantErr: "piecesos: invalid context value ContextOperationServerIndices: invalid type map[string]int64 should be map[string]int"},
		{name: "variables of the wrong type", ctx: with(ContextServerVariables, map[string]interface{}{}), endpoint: snapshot, wantErr: "piecesos: invalid context value ContextServerVariables: invalid type map[string]interface {} should be map[string]string"},
		{name: "operation variables of the wrong type", ctx: with(ContextOperationServerVariables, map[string]string{}), endpoint: snapshot, wantErr: "piecesos: invalid context value ContextOperationServerVariables: invalid type map[string]string should be map[string]map[string]string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cfg.ServerURLWithContext(tc.ctx, tc.endpoint)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestContextValuesOfTheWrongType: every context value the SDK reads, when of the wrong type,
// is a *ValidationError naming the key, returned before any I/O; the value itself (it may be a
// credential) is not printed.
func TestContextValuesOfTheWrongType(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	cfg := NewConfiguration()
	cfg.Servers[0].URL = srv.URL
	client := NewAPIClient(cfg)
	for _, tc := range []struct {
		key   contextKey
		name  string
		value interface{}
		want  string
	}{
		{ContextAPIKeys, "ContextAPIKeys", map[string]string{"application": "secret-5f2c"}, "invalid type map[string]string should be map[string]APIKey"},
		{ContextAPIKeys, "ContextAPIKeys", map[string]*APIKey{"application": {Key: "secret-5f2c"}}, "invalid type map[string]*piecesos.APIKey should be map[string]APIKey"},
		{ContextServerIndex, "ContextServerIndex", "1", "invalid type string should be int"},
		{ContextOperationServerIndices, "ContextOperationServerIndices", map[string]int64{}, "invalid type map[string]int64 should be map[string]int"},
		{ContextServerVariables, "ContextServerVariables", map[string]interface{}{}, "invalid type map[string]interface {} should be map[string]string"},
		{ContextOperationServerVariables, "ContextOperationServerVariables", map[string]string{}, "invalid type map[string]string should be map[string]map[string]string"},
		{ContextRetryPolicy, "ContextRetryPolicy", "fast", "invalid type string should be RetryPolicy or *RetryPolicy"},
		{ContextRetryPolicy, "ContextRetryPolicy", 3, "invalid type int should be RetryPolicy or *RetryPolicy"},
		{ContextWaitForServer, "ContextWaitForServer", "yes", "invalid type string should be bool"},
		{ContextWaitForServer, "ContextWaitForServer", new(bool), "invalid type *bool should be bool"},
	} {
		for _, op := range []string{"AllocationSnapshot", "AllocationUpdate"} {
			t.Run(tc.name+"/"+fmt.Sprintf("%T", tc.value)+"/"+op, func(t *testing.T) {
				ctx := context.WithValue(context.Background(), tc.key, tc.value)
				var err error
				if op == "AllocationSnapshot" {
					_, _, err = client.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
				} else {
					_, _, err = client.AllocationAPI.AllocationUpdate(ctx).Execute()
				}
				var ve *ValidationError
				require.ErrorAs(t, err, &ve)
				assert.Same(t, ve, err, "returned at the top level")
				assert.Equal(t, op, ve.Operation)
				assert.Equal(t, "context value "+tc.name, ve.Param)
				assert.Equal(t, "piecesos: "+op+": invalid context value "+tc.name+": "+tc.want, err.Error())
				assert.NotContains(t, fmt.Sprintf("%v %+v %#v", err, err, err), "secret-5f2c")
			})
		}
	}
	assert.Zero(t, hits.Load(), "requests sent")

	// A nil *RetryPolicy is of the right type: it keeps the configured policy.
	ctx := context.WithValue(context.Background(), ContextRetryPolicy, (*RetryPolicy)(nil))
	_, _, err := client.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
	var ve *ValidationError
	assert.False(t, errors.As(err, &ve), "%v", err)
}
