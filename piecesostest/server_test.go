package piecesostest_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

const accept = "application/json, text/plain"

func newServer(t *testing.T, opts ...piecesostest.Option) *piecesostest.Server {
	t.Helper()
	srv := piecesostest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// rawClient returns a plain HTTP client whose connections are closed after the test.
func rawClient(t *testing.T) *http.Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

type answer struct {
	status int
	ctype  string
	body   string
	header http.Header
}

// send sends a request as the SDK would (Accept set; Content-Type set when there is a body),
// with extra headers applied after ("" deletes one).
func send(t *testing.T, c *http.Client, method, url, body string, extra ...string) answer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	req.Header.Set("Accept", accept)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "" {
			req.Header.Del(extra[i])
		} else {
			req.Header.Set(extra[i], extra[i+1])
		}
	}
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return answer{status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), body: string(data), header: resp.Header}
}

// checkGoroutines fails the test when the number of goroutines does not come back to its
// value before the test (polling: closed connections end their goroutines soon after; for up
// to 10 s, which only a leak or a starved machine reaches). It must be called before anything
// the test cleans up is created.
func checkGoroutines(t *testing.T) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(10 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= before {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("goroutines: %d before, %d after\n%s", before, n, buf)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m))
	return m
}

func sample(t *testing.T) map[string]any {
	return decode(t, piecesostest.SampleAllocationJSON)
}

func encode(t *testing.T, m map[string]any) string {
	t.Helper()
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}

func TestHealth(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		a := send(t, c, method, srv.URL+"/.well-known/health", "", "Accept", "")
		assert.Equal(t, http.StatusOK, a.status, method)
	}
	assert.Empty(t, srv.Violations(), "health checks from any tool need no headers")

	a := send(t, c, http.MethodPost, srv.URL+"/.well-known/health", "")
	assert.Equal(t, http.StatusMethodNotAllowed, a.status)
	require.Len(t, srv.Violations(), 1)
	assert.Equal(t, piecesostest.OpHealth, srv.Violations()[0].Operation)
}

func TestWellKnown(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)
	for path, want := range map[string]string{
		"/.well-known/health":            "ok",
		"/.well-known/version":           piecesostest.DefaultVersion,
		"/.well-known/installation/path": piecesostest.DefaultInstallationPath,
	} {
		// No credential, and the Accept of any generated client: text/plain.
		a := send(t, c, http.MethodGet, srv.URL+path, "", "Accept", "text/plain")
		assert.Equal(t, http.StatusOK, a.status, path)
		assert.Equal(t, "text/plain; charset=utf-8", a.ctype, path)
		assert.Equal(t, want, a.body, path)
	}
	assert.Equal(t, "12.3.1", piecesostest.DefaultVersion)

	srv.SetVersion("13.0.0-beta.1")
	srv.SetInstallationPath(`C:\Users\me\AppData\Local\Pieces OS`)
	assert.Equal(t, "13.0.0-beta.1", send(t, c, http.MethodGet, srv.URL+"/.well-known/version", "").body)
	assert.Equal(t, `C:\Users\me\AppData\Local\Pieces OS`, send(t, c, http.MethodGet, srv.URL+"/.well-known/installation/path", "").body)
	srv.SetVersion("debug")
	assert.Equal(t, "debug", send(t, c, http.MethodGet, srv.URL+"/.well-known/version", "").body)
	srv.SetVersion("")
	a := send(t, c, http.MethodGet, srv.URL+"/.well-known/version", "")
	assert.Equal(t, http.StatusOK, a.status)
	assert.Empty(t, a.body)

	var ops []piecesostest.Operation
	for _, r := range srv.Requests() {
		ops = append(ops, r.Operation)
	}
	assert.ElementsMatch(t, []piecesostest.Operation{
		piecesostest.OpHealth, piecesostest.OpWellKnownVersion, piecesostest.OpInstallationPath,
		piecesostest.OpWellKnownVersion, piecesostest.OpInstallationPath, piecesostest.OpWellKnownVersion, piecesostest.OpWellKnownVersion,
	}, ops, "every request is logged under its operation")
	assert.Empty(t, srv.Violations())

	// Faults act on the new operations too.
	srv.FailNext(piecesostest.OpWellKnownVersion, 1, http.StatusInternalServerError, "boom")
	assert.Equal(t, http.StatusInternalServerError, send(t, c, http.MethodGet, srv.URL+"/.well-known/version", "").status)
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodGet, srv.URL+"/.well-known/installation/path", "").status)
}

func TestNotReady(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)
	srv.SetReady(false)
	for _, req := range [][2]string{
		{http.MethodGet, "/.well-known/health"},
		{http.MethodHead, "/.well-known/health"},
		{http.MethodGet, "/.well-known/version"},
		{http.MethodGet, "/.well-known/installation/path"},
		{http.MethodGet, "/allocation/" + piecesostest.SampleAllocationID},
	} {
		a := send(t, c, req[0], srv.URL+req[1], "")
		assert.Equal(t, http.StatusServiceUnavailable, a.status, req)
		assert.Equal(t, "text/plain; charset=utf-8", a.ctype, req)
		if req[0] == http.MethodGet {
			assert.Contains(t, a.body, "not ready", req)
		}
	}
	m := sample(t)
	m["region"] = "while starting"
	assert.Equal(t, http.StatusServiceUnavailable, send(t, c, http.MethodPost, srv.URL+"/allocation/update", encode(t, m)).status)
	stored, err := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	assert.NotContains(t, string(stored), "while starting", "nothing is stored before the server is ready")
	assert.Equal(t, http.StatusNotFound, send(t, c, http.MethodGet, srv.URL+"/nowhere", "").status, "unknown paths stay 404")
	assert.Len(t, srv.Requests(), 7, "requests are logged while not ready")

	// A test that waits for readiness: poll the health check until it answers 200.
	start := time.Now() // before the timer: the server turns ready 100 ms after this at the earliest
	time.AfterFunc(100*time.Millisecond, func() { srv.SetReady(true) })
	require.Eventually(t, func() bool {
		return send(t, c, http.MethodGet, srv.URL+"/.well-known/health", "").status == http.StatusOK
	}, 10*time.Second, 10*time.Millisecond)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodGet, srv.URL+"/allocation/"+piecesostest.SampleAllocationID, "").status)
	require.Len(t, srv.Violations(), 1)
	assert.Contains(t, srv.Violations()[0].Problem, "no such path: /nowhere")
}

func TestSnapshotRaw(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)

	a := send(t, c, http.MethodGet, srv.URL+"/allocation/"+piecesostest.SampleAllocationID, "")
	assert.Equal(t, http.StatusOK, a.status)
	assert.Equal(t, "application/json", a.ctype)
	assert.Equal(t, sample(t), decode(t, a.body))

	a = send(t, c, http.MethodGet, srv.URL+"/allocation/nope", "")
	assert.Equal(t, http.StatusGone, a.status)
	assert.Equal(t, "text/plain; charset=utf-8", a.ctype)
	assert.Equal(t, "Cloud not found.", a.body)

	// HEAD of the health check answers no body.
	a = send(t, c, http.MethodHead, srv.URL+"/.well-known/health", "")
	assert.Empty(t, a.body)
	assert.Empty(t, srv.Violations())
}

func TestSnapshotEscapedID(t *testing.T) {
	srv := newServer(t, piecesostest.WithoutSeed())
	c := rawClient(t)
	for _, id := range []string{"a b/c?d#e%f", "é✓", "update", "with+plus"} {
		m := sample(t)
		m["id"] = id
		require.NoError(t, srv.PutJSON([]byte(encode(t, m))))
	}
	for path, id := range map[string]string{
		"/allocation/a%20b%2Fc%3Fd%23e%25f": "a b/c?d#e%f",
		"/allocation/%C3%A9%E2%9C%93":       "é✓",
		"/allocation/update":                "update", // a GET of /allocation/update is a snapshot
		"/allocation/with+plus":             "with+plus",
	} {
		a := send(t, c, http.MethodGet, srv.URL+path, "")
		require.Equal(t, http.StatusOK, a.status, path)
		assert.Equal(t, id, decode(t, a.body)["id"], path)
	}
	assert.Empty(t, srv.Violations())
	reqs := srv.Requests()
	require.NotEmpty(t, reqs)
	assert.Contains(t, []string{reqs[0].Path, reqs[1].Path, reqs[2].Path, reqs[3].Path}, "/allocation/a%20b%2Fc%3Fd%23e%25f", "the log keeps paths as sent")
}

func TestUpdateRaw(t *testing.T) {
	now := time.Date(2027, 1, 2, 3, 4, 5, 600000000, time.FixedZone("x", 3600))
	srv := newServer(t, piecesostest.WithClock(func() time.Time { return now }))
	c := rawClient(t)

	m := sample(t)
	m["region"] = "europe-west4"
	m["futureTopLevel"] = map[string]any{"nested": []any{1.5, "x", nil, true}}
	m["urls"].(map[string]any)["base"].(map[string]any)["futureUrlField"] = "kept"
	m["status"].(map[string]any)["cloud"] = "HIBERNATING" // an enum value from the future
	m["updated"].(map[string]any)["futureStamp"] = 7.0

	a := send(t, c, http.MethodPost, srv.URL+"/allocation/update", encode(t, m))
	require.Equal(t, http.StatusOK, a.status, a.body)
	assert.Equal(t, "application/json", a.ctype)
	got := decode(t, a.body)

	want := m
	want["updated"] = map[string]any{"value": "2027-01-02T02:04:05.6Z", "readable": "just now", "futureStamp": 7.0}
	assert.Equal(t, want, got)

	stored, err := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	assert.JSONEq(t, a.body, string(stored))

	a = send(t, c, http.MethodGet, srv.URL+"/allocation/"+piecesostest.SampleAllocationID, "")
	assert.JSONEq(t, string(stored), a.body)

	// An update without updated gets one; a new id is stored too.
	m = sample(t)
	delete(m, "updated")
	m["id"] = "another"
	a = send(t, c, http.MethodPost, srv.URL+"/allocation/update", encode(t, m))
	require.Equal(t, http.StatusOK, a.status, a.body)
	assert.Equal(t, map[string]any{"value": "2027-01-02T02:04:05.6Z", "readable": "just now"}, decode(t, a.body)["updated"])
	assert.ElementsMatch(t, []string{piecesostest.SampleAllocationID, "another"}, srv.IDs())
	assert.Empty(t, srv.Violations())
}

func TestUpdateKeepsNumbersAndStrings(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)
	body := strings.Replace(piecesostest.SampleAllocationJSON, `"region": "us-central1"`,
		`"region": "<eu> & \u00e9", "big": 12345678901234567890, "exp": 1e400`, 1)
	a := send(t, c, http.MethodPost, srv.URL+"/allocation/update", body)
	require.Equal(t, http.StatusOK, a.status, a.body)
	assert.Contains(t, a.body, `"region":"<eu> & é"`)
	assert.Contains(t, a.body, `"big":12345678901234567890`)
	assert.Contains(t, a.body, `"exp":1e400`)
}

func TestUpdateInvalid(t *testing.T) {
	replace := func(old, new string) string {
		s := strings.Replace(piecesostest.SampleAllocationJSON, old, new, 1)
		if s == piecesostest.SampleAllocationJSON {
			panic("no " + old)
		}
		return s
	}
	for _, tc := range []struct {
		name, body, want string
	}{
		{"not JSON", `{"id":`, "invalid JSON"},
		{"trailing data", piecesostest.SampleAllocationJSON + ` {}`, "data after the top-level value"},
		{"an array", `[1,2]`, "want a JSON object, got an array"},
		{"null", `null`, "want a JSON object, got null"},
		{"a string", `"x"`, "want a JSON object, got a string"},
		{"missing id", replace(`"id": "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10",`, ""), "id: required property missing"},
		{"null user", replace(`"user": "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10"`, `"user": null`), "user: required property is null"},
		{"number project", replace(`"project": "pieces-prod-01"`, `"project": 1`), "project: want a string, got a number"},
		{"missing urls.base.status", replace(`"base": {"status": "RUNNING", `, `"base": {`), "urls.base.status: required property missing"},
		{"missing urls.id", replace(`"id": {"status": "RUNNING", "url": "https://8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10.pieces.cloud"},`, ""), "urls.id: required property missing"},
		{"vanity not an object", replace(`"vanity": {"status": "PENDING", "url": "https://mark.pieces.cloud"}`, `"vanity": "x"`), "urls.vanity: want an object, got a string"},
		{"enum not a string", replace(`"cloud": "RUNNING"`, `"cloud": true`), "status.cloud: want a string, got a boolean"},
		{"migration a string", replace(`"migration": 0`, `"migration": "0"`), "schema.migration: want an integer, got a string"},
		{"migration a fraction", replace(`"migration": 0`, `"migration": 1.5`), "schema.migration: want a 32-bit integer, got 1.5"},
		{"migration too big", replace(`"migration": 0`, `"migration": 2147483648`), "schema.migration: want a 32-bit integer"},
		{"missing semantic", replace(`, "semantic": "MAJOR_0_MINOR_0_PATCH_1"`, ""), "schema.semantic: required property missing"},
		{"updated.value not a date", replace(`"2026-11-26T19:56:10.123Z"`, `"yesterday"`), `updated.value: want an RFC 3339 date-time, got "yesterday"`},
		{"updated.value with a comma", replace(`"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10,123Z"`), `updated.value: want an RFC 3339 date-time`},
		{"updated.value without zone", replace(`"2026-11-26T19:56:10.123Z"`, `"2026-11-26T19:56:10"`), `updated.value: want an RFC 3339 date-time`},
		{"updated.value month 13", replace(`"2026-11-26T19:56:10.123Z"`, `"2026-13-26T19:56:10Z"`), `updated.value: want an RFC 3339 date-time`},
		{"updated.value a number", replace(`"2026-11-26T19:56:10.123Z"`, `5`), "updated.value: want a date-time string, got a number"},
		{"updated.readable an array", replace(`"readable": "just now"`, `"readable": []`), "updated.readable: want a string, got an array"},
		{"updated.value missing", replace(`"value": "2026-11-26T19:56:10.123Z", `, ``), "updated.value: required property missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			a := send(t, rawClient(t), http.MethodPost, srv.URL+"/allocation/update", tc.body)
			assert.Equal(t, http.StatusInternalServerError, a.status)
			assert.Equal(t, "text/plain; charset=utf-8", a.ctype)
			assert.Contains(t, a.body, tc.want)
			v := srv.Violations()
			require.Len(t, v, 1, "an invalid body breaks the contract")
			assert.Contains(t, v[0].Problem, tc.want)
			assert.Equal(t, piecesostest.OpAllocationUpdate, v[0].Operation)

			stored, err := srv.GetJSON(piecesostest.SampleAllocationID)
			require.NoError(t, err)
			assert.JSONEq(t, piecesostest.SampleAllocationJSON, string(stored), "nothing stored")
		})
	}
}

func TestUpdateOptionalNullsAccepted(t *testing.T) {
	srv := newServer(t)
	m := sample(t)
	m["region"] = nil
	m["schema"] = nil
	m["urls"].(map[string]any)["vanity"] = nil
	a := send(t, rawClient(t), http.MethodPost, srv.URL+"/allocation/update", encode(t, m))
	assert.Equal(t, http.StatusOK, a.status, a.body)
	assert.Empty(t, srv.Violations())
}

func TestUpdateWithoutBody(t *testing.T) {
	srv := newServer(t)
	a := send(t, rawClient(t), http.MethodPost, srv.URL+"/allocation/update", "")
	assert.Equal(t, http.StatusInternalServerError, a.status)
	assert.Contains(t, a.body, "missing request body")
	assert.Empty(t, srv.Violations(), "the contract allows an update without a body")
}

func TestUpdateBodyTooLarge(t *testing.T) {
	srv := newServer(t)
	big := `{"pad":"` + strings.Repeat("x", 16<<20) + `"}`
	c := rawClient(t)
	c.Timeout = time.Minute // 16 MiB through -race took over 10 s on a loaded 2-core machine
	a := send(t, c, http.MethodPost, srv.URL+"/allocation/update", big)
	assert.Equal(t, http.StatusInternalServerError, a.status)
	assert.Contains(t, a.body, "request body larger than")
}

func TestContractViolations(t *testing.T) {
	snapshot := "/allocation/" + piecesostest.SampleAllocationID
	for _, tc := range []struct {
		name, method, path, body string
		extra                    []string
		status                   int
		want                     string
	}{
		{"Accept admits neither JSON nor text", "GET", snapshot, "", []string{"Accept", "image/png"}, 200, `Accept "image/png" admits none of the types the operation answers (application/json, text/plain)`},
		{"Accept refuses both", "POST", "/allocation/update", "", []string{"Accept", "application/json;q=0, text/plain;q=0, */*;q=0.5"}, 500, `Accept "application/json;q=0, text/plain;q=0, */*;q=0.5" admits none`},
		{"Accept text/html only", "GET", snapshot, "", []string{"Accept", "text/html, image/*"}, 200, `Accept "text/html, image/*" admits none`},
		{"Accept JSON on a text operation", "GET", "/.well-known/version", "", []string{"Accept", "application/json"}, 200, `Accept "application/json" admits none of the types the operation answers (text/plain)`},
		{"Accept application/* on a text operation", "GET", "/.well-known/health", "", []string{"Accept", "application/*"}, 200, `Accept "application/*" admits none`},
		{"Accept without subtype", "GET", snapshot, "", []string{"Accept", "application"}, 200, `malformed Accept "application": "application" is not a type/subtype`},
		{"Accept */json", "GET", snapshot, "", []string{"Accept", "*/json"}, 200, `malformed Accept "*/json": "*/json" is not a valid media type`},
		{"Accept weight above 1", "GET", snapshot, "", []string{"Accept", "application/json;q=2"}, 200, `malformed Accept "application/json;q=2": weight "2" is not a number`},
		{"Accept weight with four decimals", "GET", snapshot, "", []string{"Accept", "application/json;q=0.1234"}, 200, `malformed Accept "application/json;q=0.1234": weight`},
		{"Accept parameter without value", "GET", snapshot, "", []string{"Accept", "application/json;charset"}, 200, `malformed Accept "application/json;charset": parameter "charset" is not name=value`},
		{"Accept unterminated quote", "GET", snapshot, "", []string{"Accept", `text/plain;a="b, application/json`}, 200, `malformed Accept "text/plain;a=\"b, application/json": unterminated quoted string`},
		{"Accept with a space in the type", "GET", snapshot, "", []string{"Accept", "application /json"}, 200, `malformed Accept "application /json"`},
		{"malformed Content-Type without body", "GET", "/allocation/x", "", []string{"Content-Type", "json"}, 410, `malformed Content-Type "json": "json" is not a type/subtype`},
		{"wildcard Content-Type", "POST", "/allocation/update", piecesostest.SampleAllocationJSON, []string{"Content-Type", "application/*"}, 200, `malformed Content-Type "application/*"`},
		{"body on a snapshot", "GET", "/allocation/x", "{}", nil, 410, "unexpected body on AllocationSnapshot (2 bytes): the operation takes none"},
		{"body on the version", "GET", "/.well-known/version", "x", []string{"Accept", "text/plain"}, 200, "unexpected body on GetWellKnownVersion (1 bytes)"},
		{"body without Content-Type", "POST", "/allocation/update", piecesostest.SampleAllocationJSON, []string{"Content-Type", ""}, 200, `Content-Type is "" on a body`},
		{"body as text", "POST", "/allocation/update", piecesostest.SampleAllocationJSON, []string{"Content-Type", "text/plain"}, 200, `Content-Type is "text/plain" on a body, want "application/json"`},
		{"query", "GET", "/allocation/x?y=1", "", nil, 410, `unexpected query "y=1"`},
		{"query on the health check", "GET", "/.well-known/health?full=1", "", nil, 200, `unexpected query "full=1"`},
		{"dot dot id", "GET", "/allocation/%2E%2E", "", nil, 410, `allocation id ".." changes the path`},
		{"unknown path", "GET", "/allocations", "", nil, 404, "no such path: /allocations"},
		{"stream health (WebSocket, not served)", "GET", "/.well-known/stream/health", "", nil, 404, "no such path: /.well-known/stream/health"},
		{"empty id", "GET", "/allocation/", "", nil, 404, "no such path: /allocation/"},
		{"two segments", "GET", "/allocation/a/b", "", nil, 404, "no such path: /allocation/a/b"},
		{"PUT update", "PUT", "/allocation/update", "", nil, 405, "method PUT not allowed on /allocation/update"},
		{"DELETE snapshot", "DELETE", "/allocation/x", "", nil, 405, "method DELETE not allowed on /allocation/x"},
		{"HEAD snapshot", "HEAD", "/allocation/x", "", nil, 405, "method HEAD not allowed"},
		{"POST version", "POST", "/.well-known/version", "", nil, 405, "method POST not allowed on /.well-known/version"},
		{"HEAD installation path", "HEAD", "/.well-known/installation/path", "", nil, 405, "method HEAD not allowed on /.well-known/installation/path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			a := send(t, rawClient(t), tc.method, srv.URL+tc.path, tc.body, tc.extra...)
			assert.Equal(t, tc.status, a.status, a.body)
			v := srv.Violations()
			require.Len(t, v, 1, "%v", v)
			assert.Equal(t, tc.want, v[0].Problem[:min(len(tc.want), len(v[0].Problem))], v[0].Problem)
			assert.Equal(t, tc.method, v[0].Method)
			assert.True(t, strings.HasPrefix(v[0].String(), tc.method+" "+v[0].Path+": "))
		})
	}
}

// TestContractAllowsValidChoices: what a client may choose within the HTTP rules and the API
// contract is no violation, whatever the Go SDK itself sends.
func TestContractAllowsValidChoices(t *testing.T) {
	snapshot := "/allocation/" + piecesostest.SampleAllocationID
	both := []string{snapshot, "/allocation/update"}
	text := []string{"/.well-known/health", "/.well-known/version", "/.well-known/installation/path"}
	all := append(append([]string(nil), both...), text...)
	for _, tc := range []struct {
		name   string
		paths  []string
		header []string // name, value pairs; "" deletes
	}{
		{"no Accept", all, []string{"Accept", ""}},
		{"empty Accept", all, []string{"Accept", " "}},
		{"Accept */*", all, []string{"Accept", "*/*"}},
		{"Accept text/*", all, []string{"Accept", "text/*"}},
		{"Accept text/plain", all, []string{"Accept", "text/plain"}},
		{"Accept TEXT/PLAIN", all, []string{"Accept", "TEXT/PLAIN"}},
		{"Accept with weights and parameters", all, []string{"Accept", "application/json;charset=utf-8;q=0.9, text/plain; format=flowed; q=0.5, */*;q=0.1"}},
		{"Accept with an extension after q", all, []string{"Accept", `text/plain;q=1.000;ext="a;b,c"`}},
		{"Accept with empty elements", all, []string{"Accept", ", text/plain,,"}},
		{"Accept refusing everything but text", all, []string{"Accept", "*/*;q=0, text/plain"}},
		{"Accept application/json", both, []string{"Accept", "application/json"}},
		{"Accept application/*", both, []string{"Accept", "application/*"}},
		{"Accept JSON or nothing else", both, []string{"Accept", "application/json, */*;q=0"}},
		{"Content-Type without a body", all, []string{"Content-Type", "application/json"}},
		{"Content-Type text without a body", all, []string{"Content-Type", "text/plain; charset=utf-8"}},
		{"an API key", all, []string{"X-Application-ID", "plugin-1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			c := rawClient(t)
			for _, path := range tc.paths {
				method := http.MethodGet
				if path == "/allocation/update" {
					method = http.MethodPost
				}
				send(t, c, method, srv.URL+path, "", tc.header...)
			}
			assert.Empty(t, srv.Violations())
			assert.Len(t, srv.Requests(), len(tc.paths))
		})
	}
	t.Run("update bodies as JSON", func(t *testing.T) {
		srv := newServer(t)
		for _, ct := range []string{"application/json", "application/json; charset=utf-8", "Application/JSON", `application/json;charset="utf-8"`} {
			a := send(t, rawClient(t), http.MethodPost, srv.URL+"/allocation/update", piecesostest.SampleAllocationJSON, "Content-Type", ct)
			assert.Equal(t, http.StatusOK, a.status, ct)
		}
		assert.Empty(t, srv.Violations())
	})
}

// TestAcceptGrammar: Accept is read by the grammar of RFC 9110 (media ranges, weights,
// parameters with tokens or quoted strings, empty list elements).
func TestAcceptGrammar(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)
	path := srv.URL + "/.well-known/version" // answers text/plain only
	for accept, valid := range map[string]bool{
		"text/plain;q=1":            true,
		"text/plain;q=1.000":        true,
		"text/plain;Q=0.5":          true,
		"text/plain;q=0.":           false, // valid, but weight 0: admits nothing
		"text/plain;q=0.001":        true,
		"text/plain ; q=0.5 ":       true,
		`text/plain;a="x\"y,z";q=1`: true,
		`text/plain;a="tab\	x"`:     true,
		"text/*;q=0.2, */*;q=0":     true,
		"text/plain;q=0, text/*":    false, // the most specific range wins
		"*/*;q=0":                   false,
		"text/plain;q=1.001":        false,
		"text/plain;q=1.5":          false,
		"text/plain;q=0.0001":       false,
		"text/plain;q=.5":           false,
		"text/plain;q=":             false,
		"text/plain;=1":             false,
		`text/plain;a="x`:           false,
		`text/plain;a="x"y`:         false,
		`text/plain;a="x\`:          false,
		"text/pl@in":                false,
		"/plain":                    false,
		"text/":                     false,
	} {
		srv.ClearLog()
		a := send(t, c, http.MethodGet, path, "", "Accept", accept)
		assert.Equal(t, http.StatusOK, a.status, accept)
		if valid {
			assert.Empty(t, srv.Violations(), "%s", accept)
		} else {
			assert.Len(t, srv.Violations(), 1, "%s", accept)
		}
	}

	// Several Accept fields are one list; several Content-Type fields are malformed.
	req, err := http.NewRequest(http.MethodGet, path, nil)
	require.NoError(t, err)
	req.Header["Accept"] = []string{"image/png", "text/plain"}
	req.Header["Content-Type"] = []string{"text/plain", "application/json"}
	srv.ClearLog()
	resp, err := c.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	v := srv.Violations()
	require.Len(t, v, 1)
	assert.Equal(t, `more than one Content-Type: "text/plain, application/json"`, v[0].Problem)
}

// TestTypeScriptSDKRequests replays the requests of the official TypeScript SDK (fetch in
// Node.js): "Accept: */*" on each, and a Content-Type on an update without a body. They keep
// the contract: no violation.
func TestTypeScriptSDKRequests(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)
	node := []string{"Accept", "*/*", "Accept-Language", "*", "Sec-Fetch-Mode", "cors", "User-Agent", "node", "Accept-Encoding", "gzip, deflate"}
	withCT := append([]string{"Content-Type", "application/json"}, node...)
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodGet, srv.URL+"/.well-known/health", "", node...).status)
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodGet, srv.URL+"/.well-known/version", "", node...).status)
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodGet, srv.URL+"/allocation/"+piecesostest.SampleAllocationID, "", node...).status)
	assert.Equal(t, http.StatusGone, send(t, c, http.MethodGet, srv.URL+"/allocation/unknown", "", node...).status)
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodPost, srv.URL+"/allocation/update", piecesostest.SampleAllocationJSON, withCT...).status)
	assert.Equal(t, http.StatusInternalServerError, send(t, c, http.MethodPost, srv.URL+"/allocation/update", "", withCT...).status)
	assert.Len(t, srv.Requests(), 6)
	assert.Empty(t, srv.Violations())
}

func TestRequestLog(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)
	send(t, c, http.MethodGet, srv.URL+"/allocation/a%20b?x=1", "", "X-Application-ID", "secret")
	send(t, c, http.MethodPost, srv.URL+"/allocation/update", piecesostest.SampleAllocationJSON)

	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, piecesostest.OpAllocationSnapshot, reqs[0].Operation)
	assert.Equal(t, "GET", reqs[0].Method)
	assert.Equal(t, "/allocation/a%20b", reqs[0].Path)
	assert.Equal(t, "x=1", reqs[0].RawQuery)
	assert.Equal(t, "secret", reqs[0].Header.Get("X-Application-Id"))
	assert.Equal(t, accept, reqs[0].Header.Get("Accept"))
	assert.Empty(t, reqs[0].Body)
	assert.Equal(t, piecesostest.OpAllocationUpdate, reqs[1].Operation)
	assert.Equal(t, piecesostest.SampleAllocationJSON, string(reqs[1].Body))

	// The log hands out copies.
	reqs[1].Body[0] = 'X'
	reqs[1].Header.Set("Accept", "changed")
	again := srv.Requests()
	assert.Equal(t, piecesostest.SampleAllocationJSON, string(again[1].Body))
	assert.Equal(t, accept, again[1].Header.Get("Accept"))

	v := srv.Violations()
	require.Len(t, v, 1)
	v[0].Problem = "changed"
	assert.NotEqual(t, "changed", srv.Violations()[0].Problem)

	srv.ClearLog()
	assert.Empty(t, srv.Requests())
	assert.Empty(t, srv.Violations())
}

func TestStoreJSON(t *testing.T) {
	srv := newServer(t)
	data, err := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	assert.JSONEq(t, piecesostest.SampleAllocationJSON, string(data))
	data[0] = 'X' // a copy
	again, err := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	assert.JSONEq(t, piecesostest.SampleAllocationJSON, string(again))

	_, err = srv.GetJSON("nope")
	assert.ErrorIs(t, err, piecesostest.ErrNotFound)
	_, err = srv.Get("nope")
	assert.ErrorIs(t, err, piecesostest.ErrNotFound)

	err = srv.PutJSON([]byte(`{"id":"x"}`))
	assert.ErrorContains(t, err, "piecesostest: invalid AllocationCloud: user: required property missing")

	assert.True(t, srv.Remove(piecesostest.SampleAllocationID))
	assert.False(t, srv.Remove(piecesostest.SampleAllocationID))
	assert.Empty(t, srv.IDs())
	a := send(t, rawClient(t), http.MethodGet, srv.URL+"/allocation/"+piecesostest.SampleAllocationID, "")
	assert.Equal(t, http.StatusGone, a.status)

	empty := newServer(t, piecesostest.WithoutSeed())
	assert.Empty(t, empty.IDs())
}

func TestFailNext(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)
	url := srv.URL + "/allocation/" + piecesostest.SampleAllocationID
	srv.FailNext(piecesostest.OpAllocationSnapshot, 2, http.StatusServiceUnavailable, "busy")
	srv.FailNext(piecesostest.OpAllocationUpdate, 1, http.StatusGatewayTimeout, "Gateway Timeout, request timed out.")

	for i := 0; i < 2; i++ {
		a := send(t, c, http.MethodGet, url, "")
		assert.Equal(t, http.StatusServiceUnavailable, a.status)
		assert.Equal(t, "busy", a.body)
		assert.Equal(t, "text/plain; charset=utf-8", a.ctype)
	}
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodGet, url, "").status)

	m := sample(t)
	m["region"] = "changed"
	a := send(t, c, http.MethodPost, srv.URL+"/allocation/update", encode(t, m))
	assert.Equal(t, http.StatusGatewayTimeout, a.status)
	stored, err := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	assert.NotContains(t, string(stored), "changed", "a failed update is not stored")
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodPost, srv.URL+"/allocation/update", encode(t, m)).status)
	assert.Empty(t, srv.Violations(), "faults do not count as violations")
}

func TestInjectFaultOrderAndAny(t *testing.T) {
	srv := newServer(t)
	c := rawClient(t)
	health := srv.URL + "/.well-known/health"
	srv.InjectFault(piecesostest.OpAny, 1, piecesostest.Fault{Kind: piecesostest.FaultStatus, Body: "first"})
	srv.InjectFault(piecesostest.OpHealth, 1, piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: 418, Body: `{"x":1}`, ContentType: "application/json"})
	srv.InjectFault(piecesostest.OpHealth, 0, piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: 400})

	a := send(t, c, http.MethodGet, health, "")
	assert.Equal(t, http.StatusInternalServerError, a.status, "Status 0 is 500")
	assert.Equal(t, "first", a.body)
	a = send(t, c, http.MethodGet, health, "")
	assert.Equal(t, http.StatusTeapot, a.status)
	assert.Equal(t, "application/json", a.ctype)
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodGet, health, "").status, "n == 0 queued nothing")

	// OpAny matches unknown paths too; Always lasts until ClearFaults.
	srv.InjectFault(piecesostest.OpAny, -5, piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: 503})
	for i := 0; i < 3; i++ {
		assert.Equal(t, http.StatusServiceUnavailable, send(t, c, http.MethodGet, srv.URL+"/nowhere", "").status)
	}
	srv.ClearFaults()
	assert.Equal(t, http.StatusNotFound, send(t, c, http.MethodGet, srv.URL+"/nowhere", "").status)
}

func TestFaultKindString(t *testing.T) {
	for k, want := range map[piecesostest.FaultKind]string{
		piecesostest.FaultStatus:   "FaultStatus",
		piecesostest.FaultDelay:    "FaultDelay",
		piecesostest.FaultHang:     "FaultHang",
		piecesostest.FaultDrop:     "FaultDrop",
		piecesostest.FaultTruncate: "FaultTruncate",
		0:                          "FaultKind(0)",
		-3:                         "FaultKind(-3)",
	} {
		assert.Equal(t, want, k.String())
	}
}

func TestLatency(t *testing.T) {
	// Generous margins: a local request takes far less than d, even on a loaded machine.
	const d = 300 * time.Millisecond
	srv := newServer(t)
	c := rawClient(t)
	health := srv.URL + "/.well-known/health"
	srv.DelayNext(piecesostest.OpHealth, 1, d)
	start := time.Now()
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodGet, health, "").status)
	assert.GreaterOrEqual(t, time.Since(start), d)
	start = time.Now()
	send(t, c, http.MethodGet, health, "")
	assert.Less(t, time.Since(start), d, "only the next request was delayed")

	srv.SetLatency(d)
	srv.FailNext(piecesostest.OpHealth, 1, 503, "")
	start = time.Now()
	assert.Equal(t, 503, send(t, c, http.MethodGet, health, "").status)
	assert.GreaterOrEqual(t, time.Since(start), d, "latency comes before faults too")
	srv.SetLatency(0)
	start = time.Now()
	send(t, c, http.MethodGet, health, "")
	assert.Less(t, time.Since(start), d)
}

func TestDelayEndsWhenClientGivesUp(t *testing.T) {
	checkGoroutines(t)
	srv := newServer(t)
	c := rawClient(t)
	srv.DelayNext(piecesostest.OpHealth, 1, time.Hour)
	srv.SetLatency(0)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/.well-known/health", nil)
	_, err := c.Do(req)
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	srv.SetLatency(time.Hour)
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	req, _ = http.NewRequestWithContext(ctx2, http.MethodGet, srv.URL+"/.well-known/health", nil)
	_, err = c.Do(req)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestHangUntilClientGivesUp(t *testing.T) {
	checkGoroutines(t)
	srv := newServer(t)
	srv.HangNext(piecesostest.OpAllocationSnapshot, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := srv.Client().AllocationAPI.AllocationSnapshot(ctx, piecesostest.SampleAllocationID).Execute()
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var te *piecesos.TransportError
	assert.ErrorAs(t, err, &te)
	assert.Less(t, time.Since(start), 2*time.Second)

	// The next request is served normally.
	_, resp, err := srv.Client().AllocationAPI.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestHangUntilClose(t *testing.T) {
	checkGoroutines(t)
	srv := piecesostest.NewServer()
	srv.HangNext(piecesostest.OpAny, piecesostest.Always)
	c := rawClient(t)
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			resp, err := c.Get(srv.URL + "/.well-known/health")
			if err == nil {
				resp.Body.Close()
				err = errors.New("got an answer: " + resp.Status)
			}
			errs <- err
		}()
	}
	require.Eventually(t, func() bool { return len(srv.Requests()) == 4 }, 5*time.Second, 5*time.Millisecond)
	done := make(chan struct{})
	go func() { srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return while handlers hung")
	}
	for i := 0; i < 4; i++ {
		assert.Error(t, <-errs, "a hung request gets no answer, even when the server closes")
	}
	srv.Close() // twice is fine
	_, err := c.Get(srv.URL + "/.well-known/health")
	assert.Error(t, err, "a closed server refuses connections")
}

func TestDrop(t *testing.T) {
	checkGoroutines(t)
	srv := newServer(t)
	srv.DropNext(piecesostest.OpAllocationUpdate, 1)
	m := sample(t)
	m["region"] = "dropped"
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/allocation/update", strings.NewReader(encode(t, m)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", accept)
	_, err := rawClient(t).Do(req)
	assert.ErrorIs(t, err, io.EOF)
	stored, err := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	assert.NotContains(t, string(stored), "dropped", "a dropped update is not stored")
	assert.Len(t, srv.Requests(), 1, "the dropped request is logged")
}

func TestTruncate(t *testing.T) {
	checkGoroutines(t)
	srv := newServer(t)
	c := rawClient(t)
	srv.TruncateNext(piecesostest.OpAllocationUpdate, 1)
	srv.TruncateNext(piecesostest.OpHealth, 2)
	m := sample(t)
	m["region"] = "truncated"

	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/allocation/update", strings.NewReader(encode(t, m)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", accept)
	resp, err := c.Do(req)
	require.NoError(t, err, "the head arrives whole")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	stored, serr := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, serr)
	assert.Contains(t, string(stored), "truncated", "a truncated answer's update is stored")
	assert.Equal(t, string(stored[:len(stored)/2]), string(data), "half the body was sent")
	assert.Equal(t, int64(len(stored)), resp.ContentLength)

	// A HEAD answer has no body: its Content-Length still promises one.
	resp, err = c.Head(srv.URL + "/.well-known/health")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, int64(len("ok")), resp.ContentLength)

	// The health check's "ok" is cut to "o".
	resp, err = c.Get(srv.URL + "/.well-known/health")
	require.NoError(t, err)
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func TestFaultDelayThenAct(t *testing.T) {
	srv := newServer(t)
	srv.InjectFault(piecesostest.OpHealth, 1, piecesostest.Fault{Kind: piecesostest.FaultStatus, Status: 502, Delay: 50 * time.Millisecond})
	start := time.Now()
	assert.Equal(t, http.StatusBadGateway, send(t, rawClient(t), http.MethodGet, srv.URL+"/.well-known/health", "").status)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
}

func TestUnstartedServer(t *testing.T) {
	checkGoroutines(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := piecesostest.NewUnstartedServer()
	assert.Empty(t, srv.URL)
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	assert.Equal(t, "http://"+ln.Addr().String(), srv.URL)
	assert.Equal(t, http.StatusOK, send(t, rawClient(t), http.MethodGet, srv.URL+"/.well-known/health", "").status)
	assert.Panics(t, srv.Start, "a second Start")

	// Closing a server that never started releases its listener.
	ln2, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	unstarted := piecesostest.NewUnstartedServer()
	unstarted.Listener = ln2
	unstarted.Close()
	_, err = ln2.Accept()
	assert.Error(t, err)
	assert.Panics(t, unstarted.Start, "Start after Close")
	piecesostest.NewUnstartedServer().Close()
}

func TestHandlerMounted(t *testing.T) {
	checkGoroutines(t)
	fake := piecesostest.NewUnstartedServer(nil)
	hs := httptest.NewServer(fake.Handler())
	t.Cleanup(hs.Close)
	c := rawClient(t)
	assert.Equal(t, http.StatusOK, send(t, c, http.MethodGet, hs.URL+"/allocation/"+piecesostest.SampleAllocationID, "").status)
	assert.Len(t, fake.Requests(), 1)
	fake.Close()
	a := send(t, c, http.MethodGet, hs.URL+"/.well-known/health", "")
	assert.Equal(t, http.StatusServiceUnavailable, a.status, "a closed fake answers 503 where it is mounted")
}

func TestHandlerWithoutHijacker(t *testing.T) {
	// A ResponseWriter that cannot be hijacked (as with HTTP/2): faults that end the
	// connection abort the handler instead.
	srv := piecesostest.NewUnstartedServer()
	t.Cleanup(srv.Close)
	h := srv.Handler()
	serve := func(method, path, body string) (rec *httptest.ResponseRecorder, panicked any) {
		rec = httptest.NewRecorder()
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Accept", accept)
		defer func() { panicked = recover() }()
		h.ServeHTTP(rec, req)
		return rec, nil
	}
	srv.DropNext(piecesostest.OpHealth, 1)
	_, p := serve("GET", "/.well-known/health", "")
	assert.Equal(t, http.ErrAbortHandler, p)

	srv.TruncateNext(piecesostest.OpAllocationSnapshot, 1)
	rec, p := serve("GET", "/allocation/"+piecesostest.SampleAllocationID, "")
	assert.Equal(t, http.ErrAbortHandler, p)
	full, err := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	assert.Equal(t, string(full[:len(full)/2]), rec.Body.String())
	assert.Equal(t, http.StatusOK, rec.Code)

	rec, p = serve("GET", "/allocation/"+piecesostest.SampleAllocationID, "")
	assert.Nil(t, p)
	assert.Equal(t, http.StatusOK, rec.Code)
}

// errReader fails after its data.
type errReader struct{ data io.Reader }

func (r errReader) Read(p []byte) (int, error) {
	n, err := r.data.Read(p)
	if err == io.EOF {
		return n, errors.New("connection reset")
	}
	return n, err
}

func TestBodyReadError(t *testing.T) {
	srv := piecesostest.NewUnstartedServer()
	t.Cleanup(srv.Close)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/allocation/update", errReader{strings.NewReader("{")})
	srv.Handler().ServeHTTP(rec, req)
	assert.Empty(t, srv.Requests(), "a request whose body cannot be read is not logged")
}

func TestLogger(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	l := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return buf.Write(p)
	}), nil))
	srv := newServer(t, piecesostest.WithLogger(l))
	send(t, rawClient(t), http.MethodGet, srv.URL+"/allocation/x", "", "Accept", "image/png")
	mu.Lock()
	defer mu.Unlock()
	out := buf.String()
	assert.Contains(t, out, "piecesostest request")
	assert.Contains(t, out, "path=/allocation/x")
	assert.Contains(t, out, "operation=AllocationSnapshot")
	assert.Contains(t, out, "piecesostest contract violation")
	assert.Contains(t, out, "level=WARN")
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestConnections(t *testing.T) {
	srv := newServer(t)
	assert.Equal(t, 0, srv.Connections())
	c := rawClient(t)
	for i := 0; i < 5; i++ {
		send(t, c, http.MethodGet, srv.URL+"/.well-known/health", "")
	}
	assert.Equal(t, 1, srv.Connections(), "keep-alive: one connection for sequential requests")
	send(t, rawClient(t), http.MethodGet, srv.URL+"/.well-known/health", "")
	assert.Equal(t, 2, srv.Connections())
}

func TestConfigAndClient(t *testing.T) {
	srv := newServer(t, piecesostest.WithClock(nil))
	cfg := srv.Config()
	require.Len(t, cfg.Servers, 1)
	assert.Equal(t, srv.URL, cfg.Servers[0].URL)
	assert.Nil(t, cfg.HTTPClient, "the SDK's own transport is used")
	assert.NotSame(t, cfg, srv.Config(), "a new Configuration each time")
	assert.Same(t, srv.Client(), srv.Client())
	assert.Equal(t, srv.URL, srv.Client().GetConfig().Servers[0].URL)
}

// TestRawRequestLine checks what reaches the wire for hand-written requests: a request with
// nothing but a Host header is served and keeps the contract; one with a malformed Accept is
// served anyway and recorded as a violation.
func TestRawRequestLine(t *testing.T) {
	srv := newServer(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "GET /allocation/"+piecesostest.SampleAllocationID+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, srv.Violations(), "no Accept accepts everything")

	conn2, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	require.NoError(t, err)
	defer conn2.Close()
	_, err = io.WriteString(conn2, "GET /.well-known/version HTTP/1.1\r\nHost: x\r\nAccept: text/plain;q=\r\nConnection: close\r\n\r\n")
	require.NoError(t, err)
	resp, err = http.ReadResponse(bufio.NewReader(conn2), nil)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, piecesostest.DefaultVersion, string(body))
	require.Len(t, srv.Violations(), 1)
	assert.Contains(t, srv.Violations()[0].Problem, `malformed Accept "text/plain;q="`)
}
