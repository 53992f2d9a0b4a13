package piecesos

// Redirect tests of issue 4, item 4: credentials (X-Application-ID, Authorization, cookies)
// never reach a host other than the configured one.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	resAppKey    = "app-key-3b9f"
	resBearer    = "Bearer tok-77c1"
	resCookie    = "session=ck-5e02"
	resProxyAuth = "Basic cHJveHk6cHc="
)

// resRecorder is a server that records the headers and bodies it receives.
type resRecorder struct {
	*httptest.Server
	mu      sync.Mutex
	headers []http.Header
	bodies  []string
	hits    atomic.Int32
}

func resRecordingServer(t *testing.T, answer http.HandlerFunc) *resRecorder {
	rec := &resRecorder{}
	rec.Server = resServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.headers = append(rec.headers, r.Header.Clone())
		rec.bodies = append(rec.bodies, string(b))
		rec.mu.Unlock()
		rec.hits.Add(1)
		answer(w, r)
	})
	return rec
}

func (r *resRecorder) last() (http.Header, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.headers) == 0 {
		return nil, ""
	}
	return r.headers[len(r.headers)-1], r.bodies[len(r.bodies)-1]
}

// resRedirectTo answers every request with a redirect to target (the request path kept).
func resRedirectTo(t *testing.T, status int, target string, hits *atomic.Int32) *httptest.Server {
	return resServer(t, func(w http.ResponseWriter, r *http.Request) {
		if hits != nil {
			hits.Add(1)
		}
		_, _ = io.Copy(io.Discard, r.Body)
		http.Redirect(w, r, target+r.URL.Path, status)
	})
}

// resCredentials configures every kind of credential the SDK must protect.
func resCredentials(cfg *Configuration) {
	cfg.AddDefaultHeader("Authorization", resBearer)
	cfg.AddDefaultHeader("Cookie", resCookie)
	cfg.AddDefaultHeader("Proxy-Authorization", resProxyAuth)
	cfg.AddDefaultHeader("X-Trace", "kept")
}

func resAuthContext() context.Context {
	return context.WithValue(context.Background(), ContextAPIKeys, map[string]APIKey{"application": {Key: resAppKey}})
}

// TestRedirectCrossHostRefused: by default a redirect to another host (another port on the
// same IP counts) is refused with a *RedirectError inside the *TransportError, the other host
// receives nothing, and the refusal is not retried.
func TestRedirectCrossHostRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		update bool
	}{{"GET 302", http.StatusFound, false}, {"GET 301", http.StatusMovedPermanently, false}, {"POST 307", http.StatusTemporaryRedirect, true}, {"POST 308", http.StatusPermanentRedirect, true}} {
		t.Run(tc.name, func(t *testing.T) {
			other := resRecordingServer(t, func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) })
			var hits atomic.Int32
			origin := resRedirectTo(t, tc.status, other.URL, &hits)
			c := resClient(t, origin.URL, resCredentials)
			out, _, err := resCall(resAuthContext(), t, c, tc.update)
			assert.Nil(t, out)
			var te *TransportError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, 1, te.Attempts)
			var re *RedirectError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, origin.URL, re.From)
			assert.Equal(t, other.URL, re.To)
			assert.Zero(t, other.hits.Load(), "requests that reached the other host")
			assert.Equal(t, int32(1), hits.Load())
		})
	}
}

// TestRedirectCrossHostRefusedWithHTTPClient: the policy also guards a configured
// Configuration.HTTPClient, whose own CheckRedirect still runs for same-host redirects.
func TestRedirectCrossHostRefusedWithHTTPClient(t *testing.T) {
	other := resRecordingServer(t, func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) })
	origin := resRedirectTo(t, http.StatusFound, other.URL, nil)
	user := &http.Client{}
	c := resClient(t, origin.URL, func(cfg *Configuration) { resCredentials(cfg); cfg.HTTPClient = user })
	_, _, err := c.AllocationAPI.AllocationSnapshot(resAuthContext(), "x").Execute()
	var re *RedirectError
	require.ErrorAs(t, err, &re)
	assert.Zero(t, other.hits.Load())
	assert.Nil(t, user.CheckRedirect, "the caller's client is not modified")

	var userChecks atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/allocation/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/allocation/new", http.StatusFound)
	})
	mux.HandleFunc("/allocation/new", func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) })
	same := httptest.NewServer(mux)
	t.Cleanup(same.Close)
	user2 := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		userChecks.Add(1)
		return nil
	}}
	c2 := resClient(t, same.URL, func(cfg *Configuration) { cfg.HTTPClient = user2 })
	out, _, err := c2.AllocationAPI.AllocationSnapshot(context.Background(), "old").Execute()
	require.NoError(t, err)
	assert.Equal(t, resSampleID, out.Id)
	assert.Equal(t, int32(1), userChecks.Load(), "the caller's CheckRedirect ran")
}

// TestRedirectCrossHostFollowedWithoutCredentials: with FollowCrossHostRedirects the redirect
// is followed, but X-Application-ID, Authorization, Proxy-Authorization and Cookie are not
// sent to the other host; other headers and (for 307/308) the body are.
func TestRedirectCrossHostFollowedWithoutCredentials(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		update bool
	}{{"GET 302", http.StatusFound, false}, {"POST 307", http.StatusTemporaryRedirect, true}, {"POST 308", http.StatusPermanentRedirect, true}} {
		t.Run(tc.name, func(t *testing.T) {
			other := resRecordingServer(t, func(w http.ResponseWriter, r *http.Request) { resWriteSample(w) })
			origin := resRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, other.URL+r.URL.Path, tc.status)
			})
			c := resClient(t, origin.URL, func(cfg *Configuration) {
				resCredentials(cfg)
				cfg.FollowCrossHostRedirects = true
			})
			out, _, err := resCall(resAuthContext(), t, c, tc.update)
			require.NoError(t, err)
			assert.Equal(t, resSampleID, out.Id)

			first, firstBody := origin.last()
			require.NotNil(t, first)
			assert.Equal(t, resAppKey, first.Get("X-Application-ID"), "the configured host gets the key")
			assert.Equal(t, resBearer, first.Get("Authorization"))

			h, body := other.last()
			require.NotNil(t, h, "the other host got the request")
			for _, k := range []string{"X-Application-ID", "Authorization", "Proxy-Authorization", "Cookie"} {
				assert.Empty(t, h.Values(k), "%s sent to the other host", k)
			}
			for k, vs := range h {
				for _, v := range vs {
					for _, secret := range []string{resAppKey, resBearer, "tok-77c1", "ck-5e02", resProxyAuth} {
						assert.NotContains(t, v, secret, "header %s", k)
					}
				}
			}
			assert.Equal(t, "kept", h.Get("X-Trace"))
			assert.Equal(t, "application/json, text/plain", h.Get("Accept"))
			assert.NotEmpty(t, h.Get("User-Agent"))
			if tc.update {
				assert.Equal(t, firstBody, body, "307/308 replay the body")
				assert.NotEmpty(t, body)
			}
		})
	}
}

// TestRedirectSameHostFollowedWithCredentials: a redirect on the configured host is followed
// with the credentials, and a 307 replays the POST body.
func TestRedirectSameHostFollowedWithCredentials(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	mux := http.NewServeMux()
	record := func(r *http.Request) string {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path+" key="+r.Header.Get("X-Application-ID")+" auth="+r.Header.Get("Authorization")+" body="+string(b))
		mu.Unlock()
		return string(b)
	}
	mux.HandleFunc("/allocation/update", func(w http.ResponseWriter, r *http.Request) {
		record(r)
		http.Redirect(w, r, "/v2/allocation/update", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/v2/allocation/update", func(w http.ResponseWriter, r *http.Request) {
		record(r)
		resWriteSample(w)
	})
	mux.HandleFunc("/allocation/old-id", func(w http.ResponseWriter, r *http.Request) {
		record(r)
		http.Redirect(w, r, "/allocation/"+resSampleID, http.StatusMovedPermanently)
	})
	mux.HandleFunc("/allocation/"+resSampleID, func(w http.ResponseWriter, r *http.Request) {
		record(r)
		resWriteSample(w)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c := resClient(t, srv.URL, resCredentials)

	_, _, err := c.AllocationAPI.AllocationUpdate(resAuthContext()).AllocationCloud(resSample(t)).Execute()
	require.NoError(t, err)
	_, _, err = c.AllocationAPI.AllocationSnapshot(resAuthContext(), "old-id").Execute()
	require.NoError(t, err)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, seen, 4)
	sample := resSample(t)
	body, err := encodeBody(&opAllocationUpdate, &sample)
	require.NoError(t, err)
	for i, want := range []string{
		"POST /allocation/update key=" + resAppKey + " auth=" + resBearer + " body=" + string(body),
		"POST /v2/allocation/update key=" + resAppKey + " auth=" + resBearer + " body=" + string(body),
		"GET /allocation/old-id key=" + resAppKey + " auth=" + resBearer + " body=",
		"GET /allocation/" + resSampleID + " key=" + resAppKey + " auth=" + resBearer + " body=",
	} {
		assert.Equal(t, want, seen[i])
	}
}

// TestRedirectLoopNotRetried: a redirect loop ends after 10 redirects with a *TransportError and
// is not retried (another attempt would loop the same way).
func TestRedirectLoopNotRetried(t *testing.T) {
	var hits atomic.Int32
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	})
	c := resClient(t, srv.URL, nil)
	_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, te.Attempts)
	assert.Equal(t, int32(10), hits.Load(), "the first request and 9 redirects followed; the 10th is refused")
	assert.True(t, strings.Contains(err.Error(), "10 redirects"), "%v", err)
}

// TestSameOrigin: scheme, host and port (default ports made explicit) decide the origin.
func TestSameOrigin(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"http://localhost:1000/a", "http://localhost:1000/b", true},
		{"http://LOCALHOST:1000/a", "http://localhost:1000/b", true},
		{"http://localhost/a", "http://localhost:80/b", true},
		{"https://localhost/a", "https://localhost:443/b", true},
		{"http://localhost:1000/a", "http://localhost:1001/a", false},
		{"http://localhost:1000/a", "https://localhost:1000/a", false},
		{"http://localhost:1000/a", "http://127.0.0.1:1000/a", false},
		{"http://localhost/a", "https://localhost/a", false},
		{"http://localhost:1000/a", "http://localhost.evil.example:1000/a", false},
		{"http://localhost:1000/a", "http://user@localhost:1000/a", true},
	} {
		a, b := resParseURL(t, tc.a), resParseURL(t, tc.b)
		assert.Equal(t, tc.same, sameOrigin(a, b), "%s vs %s", tc.a, tc.b)
	}
}

func resParseURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

// TestRedirectCallerPolicy: an error from the caller's CheckRedirect is returned (wrapped in
// the *TransportError) and not retried; http.ErrUseLastResponse still hands back the redirect
// answer, which is then a non-2xx *GenericOpenAPIError.
func TestRedirectCallerPolicy(t *testing.T) {
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/allocation/old", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "/allocation/new", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	refuse := errors.New("caller refuses redirects")
	c := resClient(t, srv.URL, func(cfg *Configuration) {
		cfg.HTTPClient = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return refuse }}
	})
	_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "old").Execute()
	assert.ErrorIs(t, err, refuse)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, te.Attempts)
	assert.Equal(t, int32(1), hits.Load())

	hits.Store(0)
	c2 := resClient(t, srv.URL, func(cfg *Configuration) {
		cfg.HTTPClient = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	})
	_, resp, err := c2.AllocationAPI.AllocationSnapshot(context.Background(), "old").Execute()
	var ge *GenericOpenAPIError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, http.StatusFound, ge.StatusCode())
	require.NotNil(t, resp)
	assert.Equal(t, "/allocation/new", resp.Header.Get("Location"))
	assert.Equal(t, int32(1), hits.Load())
}

// TestRedirectCrossHostNoJarCookiesNoCustomCredentials: a followed cross-host redirect carries
// no credential by the rule of the logs (a DefaultHeader X-Api-Key included), and, with a
// caller's http.Client that has a cookie jar, neither the configured host's cookies (cookies
// ignore ports, and the jar adds them after CheckRedirect) nor a cookie set by the other host
// for the configured one.
func TestRedirectCrossHostNoJarCookiesNoCustomCredentials(t *testing.T) {
	other := resRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "planted", Value: "evil", Path: "/"})
		resWriteSample(w)
	})
	origin := resRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	})
	originURL := resParseURL(t, origin.URL)
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	jar.SetCookies(originURL, []*http.Cookie{{Name: "session", Value: "jar-6a1b", Path: "/"}})
	c := resClient(t, origin.URL, func(cfg *Configuration) {
		cfg.FollowCrossHostRedirects = true
		cfg.HTTPClient = &http.Client{Jar: jar}
		cfg.AddDefaultHeader("X-Api-Key", "apikey-91ab")
		cfg.AddDefaultHeader("X-Trace", "kept")
	})
	for _, update := range []bool{false, true} {
		_, _, err = resCall(resAuthContext(), t, c, update)
		require.NoError(t, err)
		first, _ := origin.last()
		assert.Equal(t, "session=jar-6a1b", first.Get("Cookie"), "the configured host gets its cookie")
		assert.Equal(t, "apikey-91ab", first.Get("X-Api-Key"))
		h, _ := other.last()
		require.NotNil(t, h)
		assert.Empty(t, h.Values("Cookie"), "cookies sent to the other host")
		assert.Empty(t, h.Values("X-Api-Key"), "X-Api-Key sent to the other host")
		assert.Empty(t, h.Values("X-Application-Id"))
		assert.Equal(t, "kept", h.Get("X-Trace"))
	}
	for _, ck := range jar.Cookies(originURL) {
		assert.NotEqual(t, "planted", ck.Name, "a cookie of the other host reaches the configured one")
	}
}
