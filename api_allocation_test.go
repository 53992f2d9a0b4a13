package piecesos

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAllocationSnapshot(t *testing.T) {
	ts := setup(t)
	seen := ts.record(t, "GET /allocation/{id}")

	m, resp, err := ts.client.AllocationAPI.AllocationSnapshot(context.Background(), testAllocationID).Execute()
	require.NoError(t, err)
	require.NotNil(t, m)
	assert.Equal(t, testAllocationID, m.Id)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))

	require.Len(t, seen(), 1)
	got := seen()[0]
	assert.Equal(t, http.MethodGet, got.Method)
	assert.Equal(t, testBasePath+"/allocation/"+testAllocationID, got.RequestURI)
}

func TestAllocationSnapshot_ResponseBodyStillReadable(t *testing.T) {
	ts := setup(t)
	ts.handleJSON("GET /allocation/{id}", 200, testAllocationJSON)
	_, resp, err := ts.client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	body := readAll(t, resp)
	assert.JSONEq(t, testAllocationJSON, string(body))
	assert.NoError(t, resp.Body.Close())
}

func TestAllocationSnapshot_PathEscaping(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want string // the request URI below testBasePath
	}{
		{testAllocationID, "/allocation/" + testAllocationID},
		{"a b/c?d#e%f", "/allocation/a%20b%2Fc%3Fd%23e%25f"},
		{"é✓", "/allocation/%C3%A9%E2%9C%93"},
		{"a/b", "/allocation/a%2Fb"},
		{"/", "/allocation/%2F"},
		{"a/", "/allocation/a%2F"},
		{"../x", "/allocation/..%2Fx"},
		{"./", "/allocation/.%2F"},
		{"...", "/allocation/..."},
		{".x", "/allocation/.x"},
		{"%2e%2e", "/allocation/%252e%252e"},
		{"a;b,c", "/allocation/a%3Bb%2Cc"},
		{"a+b:c@d", "/allocation/a+b:c@d"},
		{"a&b=c$!'()*", "/allocation/a&b=c$%21%27%28%29%2A"},
		{" ", "/allocation/%20"},
		{"\x00\n", "/allocation/%00%0A"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			ts := setup(t)
			// A catch-all pattern: ServeMux itself answers 404 to "/allocation/%2F".
			seen := ts.record(t, "/")
			m, _, err := ts.client.AllocationAPI.AllocationSnapshot(context.Background(), tc.id).Execute()
			require.NoError(t, err)
			assert.Equal(t, testAllocationID, m.Id)
			require.Len(t, seen(), 1)
			assert.Equal(t, testBasePath+tc.want, seen()[0].RequestURI)

			// The server sees exactly one path segment that unescapes to the id.
			u, err := url.ParseRequestURI(seen()[0].RequestURI)
			require.NoError(t, err)
			seg := strings.TrimPrefix(u.EscapedPath(), testBasePath+"/allocation/")
			assert.NotContains(t, seg, "/")
			gotID, err := url.PathUnescape(seg)
			require.NoError(t, err)
			assert.Equal(t, tc.id, gotID)
		})
	}
}

func TestAllocationSnapshot_InvalidIDRefusedBeforeIO(t *testing.T) {
	for _, id := range []string{"", ".", ".."} {
		t.Run(strconvQuote(id), func(t *testing.T) {
			ts := setup(t)
			ts.handleJSON("/", 200, testAllocationJSON)
			m, resp, err := ts.client.AllocationAPI.AllocationSnapshot(context.Background(), id).Execute()
			assert.Nil(t, m)
			assert.Nil(t, resp)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "AllocationSnapshot", ve.Operation)
			assert.Equal(t, "allocation", ve.Param)
			assert.NotEmpty(t, ve.Reason)
			assert.Contains(t, err.Error(), "piecesos: AllocationSnapshot: invalid allocation: ")
			assert.EqualValues(t, 0, ts.hits.Load(), "no request may be sent")
		})
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestAllocationUpdate(t *testing.T) {
	ts := setup(t)
	seen := ts.record(t, "POST /allocation/update")

	m, resp, err := ts.client.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(testCloud(t)).Execute()
	require.NoError(t, err)
	require.NotNil(t, m)
	assert.Equal(t, testAllocationID, m.Id)
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	require.Len(t, seen(), 1)
	got := seen()[0]
	assert.Equal(t, http.MethodPost, got.Method)
	assert.Equal(t, testBasePath+"/allocation/update", got.RequestURI)
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.EqualValues(t, len(got.Body), got.Length, "Content-Length is sent")
	var sent map[string]interface{}
	require.NoError(t, json.Unmarshal(got.Body, &sent), "body %q", got.Body)
	assert.Equal(t, testAllocationID, sent["id"])
}

func TestAllocationUpdate_WithoutModelSendsNoBody(t *testing.T) {
	ts := setup(t)
	seen := ts.record(t, "POST /allocation/update")

	_, _, err := ts.client.AllocationAPI.AllocationUpdate(context.Background()).Execute()
	require.NoError(t, err)
	require.Len(t, seen(), 1)
	got := seen()[0]
	assert.EqualValues(t, 0, got.Length)
	assert.Empty(t, got.Body)
	assert.False(t, got.HasBody)
	assert.NotEqual(t, "null", string(got.Body))
	assert.Empty(t, got.Header.Values("Content-Type"))
	assert.Empty(t, got.Header.Values("Transfer-Encoding"))
}

func TestAllocationUpdate_BuilderIsAValue(t *testing.T) {
	ts := setup(t)
	seen := ts.record(t, "POST /allocation/update")

	base := ts.client.AllocationAPI.AllocationUpdate(context.Background())
	withBody := base.AllocationCloud(testCloud(t))
	_, _, err := base.Execute()
	require.NoError(t, err)
	_, _, err = withBody.Execute()
	require.NoError(t, err)
	require.Len(t, seen(), 2)
	assert.Empty(t, seen()[0].Body, "setting a body on a copy leaves the original without one")
	assert.NotEmpty(t, seen()[1].Body)
}

func TestAllocationUpdate_ModelIsCopied(t *testing.T) {
	ts := setup(t)
	seen := ts.record(t, "POST /allocation/update")

	cloud := testCloud(t)
	req := ts.client.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(cloud)
	cloud.Id = "changed after AllocationCloud(...)"
	_, _, err := ts.client.AllocationAPI.AllocationUpdateExecute(req)
	require.NoError(t, err)
	var sent map[string]interface{}
	require.NoError(t, json.Unmarshal(seen()[0].Body, &sent))
	assert.Equal(t, testAllocationID, sent["id"])
}

// TestHeaders checks the headers of both operations.
func TestHeaders(t *testing.T) {
	calls := map[string]func(t *testing.T, c *APIClient, ctx context.Context) error{
		"snapshot": func(_ *testing.T, c *APIClient, ctx context.Context) error {
			_, _, err := c.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
			return err
		},
		"update": func(t *testing.T, c *APIClient, ctx context.Context) error {
			_, _, err := c.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(testCloud(t)).Execute()
			return err
		},
		"update-empty": func(_ *testing.T, c *APIClient, ctx context.Context) error {
			_, _, err := c.AllocationAPI.AllocationUpdate(ctx).Execute()
			return err
		},
	}
	withKeys := func(keys interface{}) func(context.Context) context.Context {
		return func(ctx context.Context) context.Context { return context.WithValue(ctx, ContextAPIKeys, keys) }
	}
	defaultUA := NewConfiguration().UserAgent

	for _, tc := range []struct {
		name   string
		cfg    func(*Configuration)
		ctx    func(context.Context) context.Context
		call   string // "snapshot", "update", "update-empty"
		expect map[string]string
		absent []string
	}{
		{
			name:   "snapshot defaults",
			call:   "snapshot",
			expect: map[string]string{"Accept": "application/json, text/plain", "User-Agent": defaultUA},
			absent: []string{"Content-Type", "X-Application-Id", "Authorization"},
		},
		{
			name:   "update with body",
			call:   "update",
			expect: map[string]string{"Accept": "application/json, text/plain", "Content-Type": "application/json", "User-Agent": defaultUA},
			absent: []string{"X-Application-Id"},
		},
		{
			name:   "update without body",
			call:   "update-empty",
			expect: map[string]string{"Accept": "application/json, text/plain", "User-Agent": defaultUA},
			absent: []string{"Content-Type"},
		},
		{
			name:   "api key",
			call:   "snapshot",
			ctx:    withKeys(map[string]APIKey{"application": {Key: "app-123"}}),
			expect: map[string]string{"X-Application-ID": "app-123"},
		},
		{
			name:   "api key with prefix",
			call:   "update",
			ctx:    withKeys(map[string]APIKey{"application": {Key: "app-123", Prefix: "Bearer"}}),
			expect: map[string]string{"X-Application-ID": "Bearer app-123"},
		},
		{
			name:   "api key on update without body",
			call:   "update-empty",
			ctx:    withKeys(map[string]APIKey{"application": {Key: "k"}}),
			expect: map[string]string{"X-Application-ID": "k"},
		},
		{
			name:   "other api key names are not sent",
			call:   "snapshot",
			ctx:    withKeys(map[string]APIKey{"other": {Key: "k"}}),
			absent: []string{"X-Application-Id"},
		},
		// API keys of the wrong type are an error naming the key (issue 10, point 6):
		// TestContextValuesOfTheWrongType.
		{
			name: "default headers",
			cfg: func(c *Configuration) {
				c.AddDefaultHeader("X-Trace", "t-1")
				c.AddDefaultHeader("x-lower", "v")
			},
			call:   "update",
			expect: map[string]string{"X-Trace": "t-1", "X-Lower": "v", "Accept": "application/json, text/plain"},
		},
		{
			name: "the SDK's headers win over default headers",
			cfg: func(c *Configuration) {
				c.AddDefaultHeader("Accept", "text/html")
				c.AddDefaultHeader("Content-Type", "text/html")
				c.AddDefaultHeader("X-Application-ID", "from-default")
			},
			call: "update",
			ctx:  withKeys(map[string]APIKey{"application": {Key: "from-context"}}),
			expect: map[string]string{
				"Accept":           "application/json, text/plain",
				"Content-Type":     "application/json",
				"X-Application-ID": "from-context",
			},
		},
		{
			name:   "custom user agent",
			cfg:    func(c *Configuration) { c.UserAgent = "my-app/2.0" },
			call:   "snapshot",
			expect: map[string]string{"User-Agent": "my-app/2.0"},
		},
		{
			name: "user agent from default headers when UserAgent is empty",
			cfg: func(c *Configuration) {
				c.UserAgent = ""
				c.AddDefaultHeader("User-Agent", "from-default/1")
			},
			call:   "snapshot",
			expect: map[string]string{"User-Agent": "from-default/1"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := setup(t)
			if tc.cfg != nil {
				tc.cfg(ts.cfg)
			}
			client := NewAPIClient(ts.cfg)
			seen := ts.record(t, "/")
			ctx := context.Background()
			if tc.ctx != nil {
				ctx = tc.ctx(ctx)
			}
			require.NoError(t, calls[tc.call](t, client, ctx))
			require.Len(t, seen(), 1)
			h := seen()[0].Header
			for k, v := range tc.expect {
				assert.Equal(t, []string{v}, h.Values(k), "header %s", k)
			}
			for _, k := range tc.absent {
				assert.Empty(t, h.Values(k), "header %s", k)
			}
		})
	}
}

// TestServerSelection checks Servers, OperationServers, Host/Scheme overrides and the
// server context values, always against the test server, whose base path must be kept.
func TestServerSelection(t *testing.T) {
	const refused = "http://127.0.0.1:1" + testBasePath // nothing listens on port 1
	const snapshotEP = "AllocationAPIService.AllocationSnapshot"
	const updateEP = "AllocationAPIService.AllocationUpdate"

	for _, tc := range []struct {
		name string
		// cfg sets up the Configuration; srv is the test server's URL with testBasePath,
		// host its host:port.
		cfg func(c *Configuration, srv, host string)
		ctx func(ctx context.Context, host string) context.Context
	}{
		{
			name: "Servers[0]",
			cfg:  func(c *Configuration, srv, _ string) { c.Servers[0].URL = srv },
		},
		{
			name: "trailing slash in the server URL",
			cfg:  func(c *Configuration, srv, _ string) { c.Servers[0].URL = srv + "/" },
		},
		{
			name: "Host override keeps scheme and base path",
			cfg: func(c *Configuration, _, host string) {
				c.Servers[0].URL = refused
				c.Host = host
			},
		},
		{
			name: "Scheme override",
			cfg: func(c *Configuration, srv, _ string) {
				c.Servers[0].URL = "https" + strings.TrimPrefix(srv, "http")
				c.Scheme = "http"
			},
		},
		{
			name: "ContextServerIndex",
			cfg: func(c *Configuration, srv, _ string) {
				c.Servers = ServerConfigurations{{URL: refused}, {URL: srv}}
			},
			ctx: func(ctx context.Context, _ string) context.Context {
				return context.WithValue(ctx, ContextServerIndex, 1)
			},
		},
		{
			name: "ContextOperationServerIndices",
			cfg: func(c *Configuration, srv, _ string) {
				c.Servers = ServerConfigurations{{URL: refused}, {URL: srv}}
			},
			ctx: func(ctx context.Context, _ string) context.Context {
				return context.WithValue(ctx, ContextOperationServerIndices, map[string]int{snapshotEP: 1, updateEP: 1})
			},
		},
		{
			name: "ContextOperationServerIndices falls back to ContextServerIndex",
			cfg: func(c *Configuration, srv, _ string) {
				c.Servers = ServerConfigurations{{URL: refused}, {URL: srv}}
			},
			ctx: func(ctx context.Context, _ string) context.Context {
				ctx = context.WithValue(ctx, ContextServerIndex, 1)
				return context.WithValue(ctx, ContextOperationServerIndices, map[string]int{"Other.Endpoint": 0})
			},
		},
		{
			name: "OperationServers",
			cfg: func(c *Configuration, srv, _ string) {
				c.Servers[0].URL = refused
				c.OperationServers[snapshotEP] = ServerConfigurations{{URL: srv}}
				c.OperationServers[updateEP] = ServerConfigurations{{URL: refused}, {URL: srv}}
			},
			ctx: func(ctx context.Context, _ string) context.Context {
				return context.WithValue(ctx, ContextOperationServerIndices, map[string]int{updateEP: 1})
			},
		},
		{
			name: "server variable default",
			cfg: func(c *Configuration, _, host string) {
				c.Servers[0] = ServerConfiguration{
					URL:       "http://{host}" + testBasePath,
					Variables: map[string]ServerVariable{"host": {DefaultValue: host}},
				}
			},
		},
		{
			name: "ContextServerVariables",
			cfg: func(c *Configuration, _, _ string) {
				c.Servers[0] = ServerConfiguration{
					URL:       "http://{host}" + testBasePath,
					Variables: map[string]ServerVariable{"host": {DefaultValue: "127.0.0.1:1"}},
				}
			},
			ctx: func(ctx context.Context, host string) context.Context {
				return context.WithValue(ctx, ContextServerVariables, map[string]string{"host": host})
			},
		},
		{
			name: "ContextOperationServerVariables",
			cfg: func(c *Configuration, _, host string) {
				c.Servers[0] = ServerConfiguration{
					URL: "http://{host}" + testBasePath,
					Variables: map[string]ServerVariable{"host": {
						DefaultValue: "127.0.0.1:1",
						EnumValues:   []string{"127.0.0.1:1", host},
					}},
				}
			},
			ctx: func(ctx context.Context, host string) context.Context {
				ctx = context.WithValue(ctx, ContextServerVariables, map[string]string{"host": "127.0.0.1:1"})
				return context.WithValue(ctx, ContextOperationServerVariables, map[string]map[string]string{
					snapshotEP: {"host": host},
					updateEP:   {"host": host},
				})
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := setup(t)
			seen := ts.record(t, "/")
			host := strings.TrimPrefix(ts.srv.URL, "http://")
			cfg := NewConfiguration()
			cfg.Retry.MaxRetries = -1
			tc.cfg(cfg, ts.srv.URL+testBasePath, host)
			client := NewAPIClient(cfg)
			ctx := context.Background()
			if tc.ctx != nil {
				ctx = tc.ctx(ctx, host)
			}
			_, _, err := client.AllocationAPI.AllocationSnapshot(ctx, "a/b").Execute()
			require.NoError(t, err)
			_, _, err = client.AllocationAPI.AllocationUpdate(ctx).Execute()
			require.NoError(t, err)
			require.Len(t, seen(), 2)
			assert.Equal(t, testBasePath+"/allocation/a%2Fb", seen()[0].RequestURI)
			assert.Equal(t, testBasePath+"/allocation/update", seen()[1].RequestURI)
		})
	}
}

func TestServerSelection_Errors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cfg     func(c *Configuration)
		ctx     func(ctx context.Context) context.Context
		wantErr string
	}{
		{
			name:    "index out of range",
			ctx:     func(ctx context.Context) context.Context { return context.WithValue(ctx, ContextServerIndex, 5) },
			wantErr: "index 5 out of range",
		},
		{
			name:    "negative index",
			ctx:     func(ctx context.Context) context.Context { return context.WithValue(ctx, ContextServerIndex, -1) },
			wantErr: "index -1 out of range",
		},
		{
			name: "operation index out of range",
			ctx: func(ctx context.Context) context.Context {
				return context.WithValue(ctx, ContextOperationServerIndices, map[string]int{
					"AllocationAPIService.AllocationSnapshot": 2, "AllocationAPIService.AllocationUpdate": 2,
				})
			},
			wantErr: "index 2 out of range",
		},
		{
			name:    "no servers",
			cfg:     func(c *Configuration) { c.Servers = nil },
			wantErr: "out of range",
		},
		{
			name:    "index of the wrong type",
			ctx:     func(ctx context.Context) context.Context { return context.WithValue(ctx, ContextServerIndex, "1") },
			wantErr: "invalid type string should be int",
		},
		{
			name: "operation indices of the wrong type",
			ctx: func(ctx context.Context) context.Context {
				return context.WithValue(ctx, ContextOperationServerIndices, map[string]string{})
			},
			wantErr: "should be map[string]int",
		},
		{
			name: "variables of the wrong type",
			ctx: func(ctx context.Context) context.Context {
				return context.WithValue(ctx, ContextServerVariables, map[string]int{})
			},
			wantErr: "should be map[string]string",
		},
		{
			name: "operation variables of the wrong type",
			ctx: func(ctx context.Context) context.Context {
				return context.WithValue(ctx, ContextOperationServerVariables, map[string]string{})
			},
			wantErr: "should be map[string]map[string]string",
		},
		{
			name: "variable not in its enum",
			cfg: func(c *Configuration) {
				c.Servers[0] = ServerConfiguration{
					URL:       "http://localhost:{port}",
					Variables: map[string]ServerVariable{"port": {DefaultValue: "1000", EnumValues: []string{"1000", "5323"}}},
				}
			},
			ctx: func(ctx context.Context) context.Context {
				return context.WithValue(ctx, ContextServerVariables, map[string]string{"port": "80"})
			},
			wantErr: "invalid value 80",
		},
		{
			name:    "server URL without scheme",
			cfg:     func(c *Configuration) { c.Servers[0].URL = "localhost:1000" },
			wantErr: "invalid server URL",
		},
		{
			name:    "server URL without host",
			cfg:     func(c *Configuration) { c.Servers[0].URL = "/api" },
			wantErr: "invalid server URL",
		},
		{
			name:    "unparsable server URL",
			cfg:     func(c *Configuration) { c.Servers[0].URL = "http://[::1" },
			wantErr: "invalid server URL",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := setup(t)
			ts.handleJSON("/", 200, testAllocationJSON)
			if tc.cfg != nil {
				tc.cfg(ts.cfg)
			}
			client := NewAPIClient(ts.cfg)
			ctx := context.Background()
			if tc.ctx != nil {
				ctx = tc.ctx(ctx)
			}
			for _, call := range []struct {
				op string
				do func() (*AllocationCloud, *http.Response, error)
			}{
				{"AllocationSnapshot", func() (*AllocationCloud, *http.Response, error) {
					return client.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
				}},
				{"AllocationUpdate", func() (*AllocationCloud, *http.Response, error) {
					return client.AllocationAPI.AllocationUpdate(ctx).Execute()
				}},
			} {
				m, resp, err := call.do()
				assert.Nil(t, m)
				assert.Nil(t, resp)
				require.Error(t, err)
				assert.Contains(t, err.Error(), "piecesos: "+call.op+": ")
				assert.Contains(t, err.Error(), tc.wantErr)
				var te *TransportError
				assert.False(t, errors.As(err, &te), "no request, no TransportError: %v", err)
			}
			assert.EqualValues(t, 0, ts.hits.Load(), "no request may be sent")
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
	}{
		{"empty body", ""},
		{"not JSON", "<html>Pieces OS</html>"},
		{"plain text", "OK"},
		{"truncated", `{"id": "x"`},
		{"array", `[1, 2]`},
		{"wrong type", `{"id": 5}`},
		{"null", `null`},
		{"empty object", `{}`},
		{"string", `"8f1e3c2a"`},
		{"trailing data", testAllocationJSON + ` {}`},
	} {
		for _, op := range []string{"AllocationSnapshot", "AllocationUpdate"} {
			t.Run(tc.name+"/"+op, func(t *testing.T) {
				ts := setup(t)
				ts.handleJSON("/", 200, tc.body)
				var (
					m    *AllocationCloud
					resp *http.Response
					err  error
				)
				if op == "AllocationSnapshot" {
					m, resp, err = ts.client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
				} else {
					m, resp, err = ts.client.AllocationAPI.AllocationUpdate(context.Background()).Execute()
				}
				assert.Nil(t, m)
				require.NotNil(t, resp, "the response comes with a decode error")
				assert.Equal(t, 200, resp.StatusCode)
				assert.Equal(t, tc.body, string(readAll(t, resp)), "the body is still readable")

				var de *DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, op, de.Operation)
				assert.Equal(t, tc.body, string(de.Body))
				assert.NotNil(t, de.Err)
				assert.Contains(t, err.Error(), "piecesos: "+op+": decode")
				var ge *GenericOpenAPIError
				assert.False(t, errors.As(err, &ge))
			})
		}
	}
}

// TestAllocationUpdate_SendsTheModel checks the body of an update: the model's JSON, with
// absent optional fields omitted (never null).
func TestAllocationUpdate_SendsTheModel(t *testing.T) {
	ts := setup(t)
	seen := ts.record(t, "POST /allocation/update")

	_, _, err := ts.client.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(testCloud(t)).Execute()
	require.NoError(t, err)
	assert.JSONEq(t, testAllocationJSON, string(seen()[0].Body))

	minimal := *NewAllocationCloud("id-1", "user-1",
		*NewAllocationCloudUrls(*NewAllocationCloudUrl(ALLOCATIONSTATUSENUM_RUNNING, "https://a"), *NewAllocationCloudUrl(ALLOCATIONSTATUSENUM_PENDING, "https://b")),
		*NewAllocationCloudStatus(ALLOCATIONSTATUSENUM_RUNNING), "project-1")
	_, _, err = ts.client.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(minimal).Execute()
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"id-1","user":"user-1","urls":{"base":{"status":"RUNNING","url":"https://a"},"id":{"status":"PENDING","url":"https://b"}},"status":{"cloud":"RUNNING"},"project":"project-1"}`,
		string(seen()[1].Body))
	assert.NotContains(t, string(seen()[1].Body), "null")
}

// TestAllocationRoundTrip_KeepsUnknownFields: snapshot → change one field → update loses
// nothing a newer Pieces OS sent (unknown keys at every level, unknown enum values).
func TestAllocationRoundTrip_KeepsUnknownFields(t *testing.T) {
	const newer = `{
	  "schema": {"migration": 3, "semantic": "MAJOR_0_MINOR_0_PATCH_1", "future": true},
	  "id": "8f1e3c2a", "user": "u-1",
	  "urls": {
	    "base": {"status": "HIBERNATING", "url": "https://a", "latency": 12.5},
	    "id": {"status": "RUNNING", "url": "https://b"},
	    "extra": ["x", {"y": null}]
	  },
	  "status": {"cloud": "RUNNING", "since": "2026-01-01"},
	  "project": "p-1",
	  "updated": {"value": "2026-11-26T19:56:10.123456789+02:00", "readable": "now", "tz": "CEST"},
	  "region": "us-central1",
	  "tier": {"name": "pro", "seats": 3}
	}`
	ts := setup(t)
	ts.handleJSON("GET /allocation/{id}", 200, newer)
	seen := ts.record(t, "POST /allocation/update")

	cloud, _, err := ts.client.AllocationAPI.AllocationSnapshot(context.Background(), "8f1e3c2a").Execute()
	require.NoError(t, err)
	assert.False(t, cloud.Urls.Base.Status.IsValid(), "an unknown enum value is kept, not an error")
	assert.Equal(t, AllocationStatusEnum("HIBERNATING"), cloud.Urls.Base.Status)
	assert.Contains(t, cloud.AdditionalProperties, "tier")

	cloud.SetRegion("europe-west1")
	_, _, err = ts.client.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(*cloud).Execute()
	require.NoError(t, err)

	want := strings.Replace(newer, `"region": "us-central1"`, `"region": "europe-west1"`, 1)
	var wantMap, gotMap map[string]interface{}
	require.NoError(t, json.Unmarshal([]byte(want), &wantMap))
	require.NoError(t, json.Unmarshal(seen()[0].Body, &gotMap), "%s", seen()[0].Body)
	// The instant is kept; its textual form may be normalised.
	wantStamp := wantMap["updated"].(map[string]interface{})
	gotStamp := gotMap["updated"].(map[string]interface{})
	wantT, err := time.Parse(time.RFC3339Nano, wantStamp["value"].(string))
	require.NoError(t, err)
	gotT, err := time.Parse(time.RFC3339Nano, gotStamp["value"].(string))
	require.NoError(t, err)
	assert.True(t, wantT.Equal(gotT), "updated.value %v, want %v", gotT, wantT)
	delete(wantStamp, "value")
	delete(gotStamp, "value")
	assert.Equal(t, wantMap, gotMap)
}

// TestDecodeErrors_RequiredProperty: a 2xx body missing a required property (or with it
// null) is a *DecodeError naming the JSON path, with the body, through both operations.
func TestDecodeErrors_RequiredProperty(t *testing.T) {
	for _, tc := range []struct {
		path string
		body string
	}{
		{"id", strings.Replace(testAllocationJSON, `"id": "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10",`, ``, 1)},
		{"project", strings.Replace(testAllocationJSON, `"project": "pieces-prod-01"`, `"project": null`, 1)},
		{"urls.base.status", strings.Replace(testAllocationJSON, `"base": {"status": "RUNNING", `, `"base": {`, 1)},
		{"urls.vanity.url", strings.Replace(testAllocationJSON, `"url": "https://mark.pieces.cloud"`, `"url": null`, 1)},
		{"status.cloud", strings.Replace(testAllocationJSON, `"status": {"cloud": "RUNNING"}`, `"status": {}`, 1)},
		{"updated.value", strings.Replace(testAllocationJSON, `"value": "2026-11-26T19:56:10.123Z", `, ``, 1)},
		{"schema.semantic", strings.Replace(testAllocationJSON, `, "semantic": "MAJOR_0_MINOR_0_PATCH_1"`, ``, 1)},
	} {
		for _, op := range []string{"AllocationSnapshot", "AllocationUpdate"} {
			t.Run(tc.path+"/"+op, func(t *testing.T) {
				require.NotEqual(t, testAllocationJSON, tc.body, "the case must change the sample")
				ts := setup(t)
				ts.handleJSON("/", 200, tc.body)
				var (
					m    *AllocationCloud
					resp *http.Response
					err  error
				)
				if op == "AllocationSnapshot" {
					m, resp, err = ts.client.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
				} else {
					m, resp, err = ts.client.AllocationAPI.AllocationUpdate(context.Background()).Execute()
				}
				assert.Nil(t, m)
				require.NotNil(t, resp)
				var de *DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, op, de.Operation)
				assert.Equal(t, "AllocationCloud", de.Model)
				assert.Equal(t, tc.path, de.Path)
				assert.Equal(t, tc.body, string(de.Body))
				assert.ErrorIs(t, err, ErrRequiredPropertyMissing)
				assert.Equal(t, "piecesos: "+op+": decode AllocationCloud: "+tc.path+": required property missing", err.Error())
			})
		}
	}
}

// TestAllocationUpdate_EncodeErrorBeforeIO: a model that cannot be encoded is an error
// before any request is sent.
func TestAllocationUpdate_EncodeErrorBeforeIO(t *testing.T) {
	for name, v := range map[string]interface{}{
		"NaN":     math.NaN(),
		"channel": make(chan int),
	} {
		t.Run(name, func(t *testing.T) {
			ts := setup(t)
			ts.handleJSON("/", 200, testAllocationJSON)
			cloud := testCloud(t)
			cloud.AdditionalProperties = map[string]interface{}{"bad": v}
			m, resp, err := ts.client.AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(cloud).Execute()
			assert.Nil(t, m)
			assert.Nil(t, resp)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "piecesos: AllocationUpdate: encode request body")
			assert.EqualValues(t, 0, ts.hits.Load())
		})
	}
}
