package piecesos

// Debug-logging tests of issue 4, item 5: what is logged for each attempt, and that no
// credential appears in any log line or error string, whatever fails.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// resLogBuffer is a concurrency-safe buffer for a slog handler.
type resLogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *resLogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *resLogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// records decodes the JSON lines logged so far.
func (b *resLogBuffer) records(t *testing.T) []map[string]interface{} {
	t.Helper()
	var out []map[string]interface{}
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]interface{}
		require.NoError(t, json.Unmarshal([]byte(line), &m), "log line %s", line)
		out = append(out, m)
	}
	return out
}

func resJSONLogger(level slog.Level) (*slog.Logger, *resLogBuffer) {
	buf := &resLogBuffer{}
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: level})), buf
}

// TestDebugLogAttempts: with Configuration.Logger each attempt is logged at debug level with
// operation, method, URL, attempt, duration, status (when there is an answer) and error (when
// there is one).
func TestDebugLogAttempts(t *testing.T) {
	var hits atomic.Int32
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		// Every answer takes 2 ms or more, so that each logged duration is measurably above
		// zero, also where the monotonic clock advances in ticks of up to 15.6 ms (Windows).
		time.Sleep(2 * time.Millisecond)
		if hits.Add(1) < 3 {
			w.WriteHeader(503)
			return
		}
		resWriteSample(w)
	})
	logger, buf := resJSONLogger(slog.LevelDebug)
	c := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Logger = logger })
	_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "a b").Execute()
	require.NoError(t, err)

	recs := buf.records(t)
	require.Len(t, recs, 3)
	for i, r := range recs {
		assert.Equal(t, "DEBUG", r["level"])
		assert.Equal(t, "piecesos request", r["msg"])
		assert.Equal(t, "AllocationSnapshot", r["operation"])
		assert.Equal(t, "GET", r["method"])
		assert.Equal(t, srv.URL+"/allocation/a%20b", r["url"])
		assert.Equal(t, float64(i+1), r["attempt"])
		want := 503.0
		if i == 2 {
			want = 200
		}
		assert.Equal(t, want, r["status"])
		d, ok := r["duration"].(float64) // nanoseconds in slog's JSON handler
		require.True(t, ok, "duration is %T", r["duration"])
		assert.GreaterOrEqual(t, d, float64(2*time.Millisecond), "the attempt's duration, the server's 2 ms included")
		assert.NotContains(t, r, "error")
	}

	// A transport failure: no status, the error.
	logger2, buf2 := resJSONLogger(slog.LevelDebug)
	c2 := resClient(t, resRefusedURL(t), func(cfg *Configuration) { cfg.Logger = logger2; cfg.Retry.MaxRetries = -1 })
	_, _, err = c2.AllocationAPI.AllocationUpdate(context.Background()).Execute()
	require.ErrorIs(t, err, ErrConnectionRefused)
	var dial *net.OpError
	require.ErrorAs(t, err, &dial)
	recs = buf2.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, "POST", recs[0]["method"])
	assert.Equal(t, "AllocationUpdate", recs[0]["operation"])
	assert.NotContains(t, recs[0], "status")
	// The refusal as the system words it ("connect: connection refused", or "connectex: No
	// connection could be made because the target machine actively refused it." on Windows).
	assert.Contains(t, recs[0]["error"], dial.Err.Error())
}

// TestDebugLogRedactsHeaders: the logged headers show X-Application-ID, Authorization,
// Proxy-Authorization and Cookie as REDACTED and the other headers as sent.
func TestDebugLogRedactsHeaders(t *testing.T) {
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) })
	logger, buf := resJSONLogger(slog.LevelDebug)
	c := resClient(t, srv.URL, func(cfg *Configuration) { resCredentials(cfg); cfg.Logger = logger })
	ctx := context.WithValue(context.Background(), ContextAPIKeys, map[string]APIKey{"application": {Key: resAppKey, Prefix: "Key"}})
	_, _, err := c.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(resSample(t)).Execute()
	require.NoError(t, err)
	recs := buf.records(t)
	require.Len(t, recs, 1)
	h, ok := recs[0]["headers"].(map[string]interface{})
	require.True(t, ok, "headers is %T", recs[0]["headers"])
	for _, k := range []string{"X-Application-Id", "Authorization", "Proxy-Authorization", "Cookie"} {
		assert.Equal(t, []interface{}{"REDACTED"}, h[k], k)
	}
	assert.Equal(t, []interface{}{"kept"}, h["X-Trace"])
	assert.Equal(t, []interface{}{"application/json"}, h["Content-Type"])
	assert.Equal(t, []interface{}{"application/json, text/plain"}, h["Accept"])
	assert.Contains(t, h, "User-Agent")
	resAssertNoSecret(t, "log", buf.String())
}

// resSecrets are the credential values of resCredentials, resAuthContext and resSecretURL,
// and fragments of them that must not appear either.
var resSecrets = []string{resAppKey, "3b9f", resBearer, "tok-77c1", resCookie, "ck-5e02", resProxyAuth, "cHJveHk6cHc", "pw-9d4a", "tok-user-5f1a"}

func resAssertNoSecret(t *testing.T, what, s string) {
	t.Helper()
	for _, secret := range resSecrets {
		if strings.Contains(s, secret) {
			t.Errorf("%s contains the secret %q:\n%s", what, secret, s)
		}
	}
}

// resUserinfos are the two forms of a credential in a URL: a password, and a token given as
// the username, without a password.
var resUserinfos = []string{"user:pw-9d4a", "tok-user-5f1a"}

// resUserinfoURL puts userinfo in the server URL.
func resUserinfoURL(u, userinfo string) string {
	return strings.Replace(u, "http://", "http://"+userinfo+"@", 1)
}

// TestNoSecretInLogsOrErrors runs every failure mode with every credential set (API key with
// prefix, Authorization, Cookie, Proxy-Authorization, a password or a token as username in the
// server URL) and a debug logger, and checks that no credential appears in any log line or in any error string
// (Error, %v, %+v, %#v of the error and of each error in its chain). It also checks that the
// credentials were really sent, so that the test can fail.
func TestNoSecretInLogsOrErrors(t *testing.T) {
	var keySeen atomic.Int32
	handler := func(f http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Application-ID") == "Key "+resAppKey && r.Header.Get("Authorization") == resBearer {
				keySeen.Add(1)
			}
			f(w, r)
		}
	}
	other := resServer(t, handler(func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) }))
	for _, userinfo := range resUserinfos {
		modes := []struct {
			name    string
			handler http.HandlerFunc // nil = a refused port
			mutate  func(*Configuration)
			id      string
			update  bool
			ctx     func(context.Context) context.Context
		}{
			{name: "200", handler: func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) }},
			{name: "410", handler: resBody(410, "text/plain", "Cloud not found.")},
			{name: "500 update", update: true, handler: resBody(500, "text/plain", "Internal Server Error")},
			{name: "504 update retried", update: true, mutate: func(cfg *Configuration) { cfg.Retry.RetryUpdates = true },
				handler: resBody(504, "text/plain", "Gateway Timeout, request timed out.")},
			{name: "503 retried", handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(503)
			}},
			{name: "502 HTML", handler: resBody(502, "text/html", "<html><body>Bad Gateway</body></html>")},
			{name: "refused"},
			{name: "hang", handler: resHang, mutate: func(cfg *Configuration) { cfg.Timeout = 100 * time.Millisecond }},
			{name: "reset mid-body", handler: func(w http.ResponseWriter, r *http.Request) {
				if conn, rw := resHijack(t, w); conn != nil {
					_, _ = io.WriteString(rw, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\":")
					_ = rw.Flush()
					resReset(conn)
				}
			}},
			{name: "too large", handler: resBody(200, "application/json", resSampleJSON), mutate: func(cfg *Configuration) { cfg.MaxResponseBytes = 10 }},
			{name: "decode error", handler: resBody(200, "text/plain", "OK")},
			{name: "cross-host redirect refused", handler: func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, resUserinfoURL(other.URL, userinfo)+"/allocation/x", http.StatusFound)
			}},
			{name: "cross-host redirect followed", mutate: func(cfg *Configuration) { cfg.FollowCrossHostRedirects = true },
				handler: func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, other.URL+"/allocation/x", http.StatusTemporaryRedirect)
				}, update: true},
			{name: "redirect loop", handler: func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, r.URL.Path, http.StatusFound)
			}},
			{name: "validation", id: "..", handler: resHang},
			{name: "bad server index", handler: resHang, ctx: func(ctx context.Context) context.Context {
				return context.WithValue(ctx, ContextServerIndex, 7)
			}},
			{name: "server URL without host", mutate: func(cfg *Configuration) {
				cfg.Servers = ServerConfigurations{{URL: "http://" + userinfo + "@/base"}}
			}},
			{name: "server URL without scheme", mutate: func(cfg *Configuration) {
				cfg.Servers = ServerConfigurations{{URL: userinfo + "@127.0.0.1:1"}}
			}},
			{name: "server URL that does not parse", mutate: func(cfg *Configuration) {
				cfg.Servers = ServerConfigurations{{URL: "http://" + userinfo + "@127.0.0.1:port"}}
			}},
		}
		for _, m := range modes {
			t.Run(userinfo+"/"+m.name, func(t *testing.T) {
				var base string
				if m.handler != nil {
					base = resServer(t, handler(m.handler)).URL
				} else {
					base = resRefusedURL(t)
				}
				logger, buf := resJSONLogger(slog.LevelDebug)
				c := resClient(t, resUserinfoURL(base, userinfo), func(cfg *Configuration) {
					resCredentials(cfg)
					cfg.Logger = logger
					cfg.Debug = true
					if m.mutate != nil {
						m.mutate(cfg)
					}
				})
				ctx := context.WithValue(context.Background(), ContextAPIKeys, map[string]APIKey{"application": {Key: resAppKey, Prefix: "Key"}})
				if m.ctx != nil {
					ctx = m.ctx(ctx)
				}
				var err error
				if m.update {
					_, _, err = c.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(resSample(t)).Execute()
				} else {
					id := m.id
					if id == "" {
						id = "x"
					}
					_, _, err = c.AllocationAPI.AllocationSnapshot(ctx, id).Execute()
				}
				if m.name != "200" && m.name != "cross-host redirect followed" {
					require.Error(t, err)
				}
				var texts []string
				for e := err; e != nil; {
					texts = append(texts, e.Error(), fmt.Sprintf("%v", e), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e))
					switch u := e.(type) {
					case interface{ Unwrap() error }:
						e = u.Unwrap()
					case interface{ Unwrap() []error }:
						for _, inner := range u.Unwrap() {
							texts = append(texts, inner.Error(), fmt.Sprintf("%+v", inner))
						}
						e = nil
					default:
						e = nil
					}
				}
				resAssertNoSecret(t, "error", strings.Join(texts, "\n"))
				resAssertNoSecret(t, "log", buf.String())
				if err != nil {
					t.Logf("error: %v", err)
				}
			})
		}
	}
	assert.Positive(t, keySeen.Load(), "the credentials were sent to the configured server")
}

// TestDebugLogsToStderr: Debug without a Logger writes the same redacted records to standard
// error; without Debug and Logger nothing is logged; a Logger set without Debug is used.
func TestDebugLogsToStderr(t *testing.T) {
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) })

	r, w, err := os.Pipe()
	require.NoError(t, err)
	old := os.Stderr
	os.Stderr = w
	restored := false
	restore := func() {
		if !restored {
			os.Stderr = old
			_ = w.Close()
			restored = true
		}
	}
	t.Cleanup(restore)
	captured := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(r)
		captured <- string(b)
	}()

	quiet := resClient(t, srv.URL, resCredentials)
	assert.Nil(t, quiet.logger(), "no Debug, no Logger: no logging")
	_, _, err = quiet.AllocationAPI.AllocationSnapshot(resAuthContext(), "quiet").Execute()
	require.NoError(t, err)

	c := resClient(t, srv.URL, func(cfg *Configuration) { resCredentials(cfg); cfg.Debug = true })
	_, _, err = c.AllocationAPI.AllocationSnapshot(resAuthContext(), "loud").Execute()
	require.NoError(t, err)
	restore()
	out := <-captured

	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 1, "stderr:\n%s", out)
	for _, want := range []string{"level=DEBUG", `msg="piecesos request"`, "operation=AllocationSnapshot", "method=GET",
		"url=" + srv.URL + "/allocation/loud", "attempt=1", "duration=", "status=200", "REDACTED"} {
		assert.Contains(t, lines[0], want)
	}
	resAssertNoSecret(t, "stderr", out)

	logger, buf := resJSONLogger(slog.LevelDebug)
	c3 := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Logger = logger })
	_, _, err = c3.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	assert.Len(t, buf.records(t), 1, "a Logger without Debug is used")

	infoLogger, infoBuf := resJSONLogger(slog.LevelInfo)
	c4 := resClient(t, srv.URL, func(cfg *Configuration) { cfg.Logger = infoLogger; cfg.Debug = true })
	_, _, err = c4.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.NoError(t, err)
	assert.Empty(t, infoBuf.String(), "records are at debug level")
}

// TestRedactHeader: sensitive headers are replaced in a copy; the request's own header map is
// not modified.
func TestRedactHeader(t *testing.T) {
	h := http.Header{
		"X-Application-Id":    {"k"},
		"Authorization":       {"Bearer t"},
		"Proxy-Authorization": {"Basic p"},
		"Cookie":              {"a=b", "c=d"},
		"Set-Cookie":          {"s=1"},
		"X-Api-Key":           {"custom"},
		"X-Auth-Token":        {"tok"},
		"X-Client-Secret":     {"sec"},
		"Accept":              {"application/json"},
		"User-Agent":          {"ua"},
	}
	r := redactHeader(h)
	for _, k := range []string{"X-Application-Id", "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "X-Auth-Token", "X-Client-Secret"} {
		assert.Equal(t, []string{"REDACTED"}, r[k], k)
	}
	assert.Equal(t, []string{"application/json"}, r["Accept"])
	assert.Equal(t, []string{"ua"}, r["User-Agent"])
	assert.Equal(t, []string{"k"}, h["X-Application-Id"], "original unchanged")
	assert.Equal(t, []string{"a=b", "c=d"}, h["Cookie"])
}

// TestRedactURL: the password of a URL is hidden, and so is a username given without a
// password (a token), whether or not the URL parses; URLs without userinfo are unchanged.
func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://localhost:1000/allocation/a@b": "http://localhost:1000/allocation/a@b",
		"http://user@localhost:1000/x":         "http://xxxxx@localhost:1000/x",
		"http://tok@localhost:1000/x?q=1":      "http://xxxxx@localhost:1000/x?q=1",
		"http://user:pw@localhost:1000/x":      "http://user:xxxxx@localhost:1000/x",
		"http://user:pw@/base":                 "http://user:xxxxx@/base",
		"user:pw@127.0.0.1:1":                  "xxxxx@127.0.0.1:1",
		"http://user:pw@127.0.0.1:port/a@b":    "http://xxxxx@127.0.0.1:port/a@b",
		"http://us er:pw@h/":                   "http://xxxxx@h/",
		"http://a:b@c:d@host:x/?q=@":           "http://xxxxx@host:x/?q=@",
		"http://user:S3/CRET@127.0.0.1:1":      "http://xxxxx@127.0.0.1:1",
		"http://user:S3#CRET@127.0.0.1:1":      "http://xxxxx@127.0.0.1:1",
		"http://user:S3?CRET@127.0.0.1:1/x":    "http://xxxxx@127.0.0.1:1/x",
		"http://h:port/a@b":                    "http://xxxxx@b",
		"":                                     "",
		"not a url at all":                     "not a url at all",
	} {
		got := redactURL(in)
		assert.Equal(t, want, got, "%q", in)
		assert.NotContains(t, got, ":pw@", "%q", in)
		assert.NotContains(t, got, "CRET", "%q", in)
	}
}
