package piecesos

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// Tuning of the transport shared by the clients made without Configuration.HTTPClient. Pieces
// OS is a local daemon: connections are cheap to dial and should be kept for concurrent callers.
//
// What the transport leaves out, measured per call on a loopback round trip (callgrind,
// benchmarks/ caller-client harness): a ResponseHeaderTimeout arms a timer per request (about
// 3,300 instructions and an allocation), and the call's deadline (Configuration.Timeout or the
// context's) already bounds the wait for an answer; compression adds Accept-Encoding: gzip to
// every request for the server to parse (about 6,800 instructions), and buys nothing from a
// daemon on the same machine. The proxy lookup (http.ProxyFromEnvironment reads the
// environment once; localhost and loopback addresses are never proxied) and the per-host
// connection limit cost nothing measurable and stay.
const (
	transportMaxConnsPerHost     = 64
	transportMaxIdleConnsPerHost = 64
	transportDialTimeout         = 5 * time.Second
	transportKeepAlive           = 30 * time.Second
	transportTLSHandshakeTimeout = 10 * time.Second
	transportIdleConnTimeout     = 90 * time.Second
	maxRedirects                 = 10
)

// sharedTransport is the tuned transport of every client made without
// Configuration.HTTPClient, one per process as http.DefaultTransport is: clients that are made
// and dropped leave no transport, connection or goroutine of their own behind.
var sharedTransport = sync.OnceValue(newTransport)

// originalDefaultTransport is http.DefaultTransport as the process started with it. When it
// has been replaced (httpmock.Activate, a tracing wrapper), a client without
// Configuration.HTTPClient sends through the replacement, as a generated client does through
// http.DefaultClient.
var originalDefaultTransport = http.DefaultTransport

// Header values shared by every request. They are never modified: net/http only reads them.
var headerContentType = []string{"application/json"}

// clientState is the state of the request path that APIClient (client_gen.go, generated
// with one field per API service) embeds.
type clientState struct {
	cfg    *Configuration
	common service // Reuse a single struct instead of allocating one for each service on the heap.

	own        *http.Client                   // the client of a nil Configuration.HTTPClient: the shared transport
	prepared   atomic.Pointer[preparedClient] // Configuration.HTTPClient prepared (see httpClient)
	deadline   atomic.Pointer[deadlineWindow] // the shared deadline of the SDK's timeout (see withSDKTimeout)
	baseURL    atomic.Pointer[parsedURL]      // the last server URL parsed
	userAgent  atomic.Pointer[headerValue]
	debugOnce  sync.Once
	debugSlogs *slog.Logger
}

type service struct {
	client *APIClient
}

type parsedURL struct {
	raw    string
	u      url.URL
	prefix string // u's escaped path without a trailing slash, computed once
}

type headerValue struct {
	raw string
	v   []string
}

// NewAPIClient creates a new API client. It never modifies cfg (nil means NewConfiguration())
// and keeps a copy of it (see GetConfig): later changes to cfg do not change the client.
//
// When cfg.HTTPClient is nil the client sends through a tuned transport (keep-alive; up to 64
// connections and 64 idle connections per host; dial, TLS-handshake and idle timeouts, the
// call's deadline bounding the wait for an answer; no compression, Pieces OS being local)
// that every such client of the process shares, as http.DefaultClient shares
// http.DefaultTransport; it never uses http.DefaultClient, which has no timeout. If
// http.DefaultTransport has been replaced (httpmock.Activate, say), checked on every call, the
// client sends through the replacement instead. A Configuration.HTTPClient is used as given,
// with the SDK's redirect policy put in front of its CheckRedirect on a copy made once and
// made again only when the caller changes the client's Transport or Timeout, or sets or
// removes its Jar (a client with a Jar: also per server origin; a Transport whose type is not
// a pointer: per call).
func NewAPIClient(cfg *Configuration) *APIClient {
	if cfg == nil {
		cfg = NewConfiguration()
	} else {
		cfg = cfg.clone()
	}
	c := &APIClient{clientState: clientState{cfg: cfg}}
	c.common.client = c
	c.initServices()
	c.own = &http.Client{
		Transport:     sharedTransport(),
		CheckRedirect: c.checkRedirect(nil),
	}
	return c
}

// newDialer is the dialer of the default transport.
func newDialer() *net.Dialer {
	return &net.Dialer{Timeout: transportDialTimeout, KeepAlive: transportKeepAlive}
}

func newTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           newDialer().DialContext,
		MaxIdleConns:          2 * transportMaxIdleConnsPerHost,
		MaxIdleConnsPerHost:   transportMaxIdleConnsPerHost,
		MaxConnsPerHost:       transportMaxConnsPerHost,
		IdleConnTimeout:       transportIdleConnTimeout,
		TLSHandshakeTimeout:   transportTLSHandshakeTimeout,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
	}
}

// GetConfig returns the client's copy of the Configuration it was made with. The client
// reads its fields on every call, so changes made through it apply to later calls; changing
// them while calls are in flight is a data race.
func (c *APIClient) GetConfig() *Configuration {
	return c.cfg
}

// CloseIdleConnections closes the idle keep-alive connections of the transport the client
// sends through: Configuration.HTTPClient's when one is set; otherwise those of the shared
// transport, which every client made without an HTTPClient uses (they dial again when needed),
// and those of http.DefaultTransport when it has been replaced. Connections in use are left
// alone. Nothing else needs closing: a client that is no longer used holds no resource.
func (c *APIClient) CloseIdleConnections() {
	if hc := c.cfg.HTTPClient; hc != nil {
		hc.CloseIdleConnections()
		return
	}
	c.own.CloseIdleConnections()
	if rt := http.DefaultTransport; rt != originalDefaultTransport {
		if ci, ok := rt.(interface{ CloseIdleConnections() }); ok {
			ci.CloseIdleConnections()
		}
	}
}

// httpClient returns the *http.Client to send a request to u with.
func (c *APIClient) httpClient(u *url.URL) *http.Client {
	src := c.cfg.HTTPClient
	if src == nil {
		// Compared on every call: tests activate httpmock after building the client. The
		// original is a *http.Transport, so the comparison cannot panic.
		if rt := http.DefaultTransport; rt != originalDefaultTransport {
			return &http.Client{Transport: rt, CheckRedirect: c.own.CheckRedirect}
		}
		return c.own
	}
	// The caller may change its client between calls (httpmock.ActivateNonDefault replaces its
	// Transport; Timeout, Jar, CheckRedirect): the prepared copy is reused only while it still
	// matches (see preparedClient), and made again otherwise.
	if p := c.prepared.Load(); p != nil && p.matches(src, u) {
		return &p.client
	}
	p, reusable := c.prepare(src, u)
	if reusable {
		c.prepared.Store(p)
	}
	return &p.client
}

// preparedClient is a caller's *http.Client with the SDK's redirect policy in front of its
// CheckRedirect and, when it has a Jar, the jar seen from the configured origin only
// (originJar). It is made once and reused while the caller's client keeps the Transport,
// Timeout and presence of a Jar it was made from (and, with a Jar, the request goes to the
// same origin): net/http reads those from the copy. CheckRedirect and the Jar itself are read
// from the caller's client when net/http calls them, so replacing either needs no new copy.
// The copy is never modified once made: concurrent calls share it.
type preparedClient struct {
	src    *http.Client
	origin *url.URL // the jar's origin (scheme and host), with a Jar only
	client http.Client
}

// matches reports whether p is still the prepared form of src for a request to u.
func (p *preparedClient) matches(src *http.Client, u *url.URL) bool {
	// p.client.Transport is nil or a pointer (only such a copy is kept, see prepare): ==
	// compares the dynamic types first and then pointers, so it cannot panic whatever
	// src.Transport holds.
	return p.src == src && p.client.Timeout == src.Timeout && p.client.Transport == src.Transport &&
		(p.client.Jar != nil) == (src.Jar != nil) &&
		(p.origin == nil || p.origin.Scheme == u.Scheme && p.origin.Host == u.Host)
}

// prepare makes the prepared form of src for a request to u. It is reusable unless src's
// Transport cannot be compared without the risk of a panic (its dynamic type is not a pointer,
// a func type say): such a client is prepared per call.
func (c *APIClient) prepare(src *http.Client, u *url.URL) (p *preparedClient, reusable bool) {
	rt := src.Transport
	p = &preparedClient{src: src, client: http.Client{
		Transport:     rt,
		Timeout:       src.Timeout,
		CheckRedirect: c.checkRedirect(src),
	}}
	if src.Jar != nil {
		p.origin = &url.URL{Scheme: u.Scheme, Host: u.Host}
		p.client.Jar = &originJar{src: src, origin: p.origin}
	}
	return p, rt == nil || reflect.TypeOf(rt).Kind() == reflect.Pointer
}

// originJar is a caller's cookie jar (read from its client when used) seen from the configured
// server only: cookies are read for, and stored from, its origin (scheme, host and port), never
// another. A cookie ignores ports, and net/http adds the jar's cookies after CheckRedirect has
// run: without this, a redirect followed to another port of the same host would carry the
// server's cookies, and that host could set cookies the server then receives.
type originJar struct {
	src    *http.Client
	origin *url.URL
}

func (j *originJar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	if jar := j.src.Jar; jar != nil && sameOrigin(j.origin, u) {
		jar.SetCookies(u, cookies)
	}
}

func (j *originJar) Cookies(u *url.URL) []*http.Cookie {
	if jar := j.src.Jar; jar != nil && sameOrigin(j.origin, u) {
		return jar.Cookies(u)
	}
	return nil
}

// checkRedirect refuses (or strips credentials from) redirects that leave the configured
// origin, then defers to the CheckRedirect of src (nil: the client's own), read when the
// redirect happens, or to net/http's limit of 10 redirects.
func (c *APIClient) checkRedirect(src *http.Client) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0].URL
		if !sameOrigin(first, req.URL) {
			if !c.cfg.FollowCrossHostRedirects {
				return &RedirectError{From: origin(first), To: origin(req.URL)}
			}
			for k := range req.Header {
				if isSensitiveHeader(k) { // the rule of the logs: one predicate for credentials
					delete(req.Header, k)
				}
			}
		}
		var next func(*http.Request, []*http.Request) error
		if src != nil {
			next = src.CheckRedirect
		}
		if next != nil {
			err := next(req, via)
			if err == nil || err == http.ErrUseLastResponse { // compared with == by net/http
				return err
			}
			return &redirectPolicyError{err}
		}
		if len(via) >= maxRedirects {
			return &redirectPolicyError{fmt.Errorf("stopped after %d redirects", maxRedirects)}
		}
		return nil
	}
}

// redirectPolicyError marks a redirect refused by a policy (the limit of redirects or the
// caller's CheckRedirect): retrying would be refused the same way.
type redirectPolicyError struct{ err error }

func (e *redirectPolicyError) Error() string { return e.err.Error() }
func (e *redirectPolicyError) Unwrap() error { return e.err }

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(hostPort(a), hostPort(b))
}

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return u.Host + ":443"
	default:
		return u.Host + ":80"
	}
}

func origin(u *url.URL) string {
	return u.Scheme + "://" + u.Host
}

// CacheExpires returns the time until which r may be reused from a cache, like the helper of
// generated clients: the answer's Date plus the max-age of its Cache-Control header, else its
// Expires header. Unlike it, an answer with neither (or with values that do not parse) expires
// at its Date rather than at the zero time, a nil answer, or one without a valid Date, at
// time.Now(), and Expires may be in any HTTP date format, not only RFC 1123.
func CacheExpires(r *http.Response) time.Time {
	if r == nil {
		return time.Now()
	}
	date, err := http.ParseTime(r.Header.Get("Date"))
	if err != nil {
		return time.Now()
	}
	for _, directive := range strings.Split(r.Header.Get("Cache-Control"), ",") {
		name, value, ok := strings.Cut(directive, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(name), "max-age") {
			continue
		}
		secs, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(value), `"`), 10, 64)
		if err != nil || secs < 0 {
			return date
		}
		return date.Add(time.Duration(min(secs, int64(1<<63-1)/int64(time.Second))) * time.Second)
	}
	if expires, err := http.ParseTime(r.Header.Get("Expires")); err == nil {
		return expires
	}
	return date
}

// operation describes one endpoint for the shared request path. The generated api_*.go
// files declare one per operation.
type operation struct {
	name     string // "AllocationSnapshot"
	endpoint string // "AllocationAPIService.AllocationSnapshot", the key of OperationServers
	method   string
	// read marks an operation that is safe to repeat (a GET): retried after 429/502/503/504
	// and after failures once sent.
	read bool
	// noAuth marks an operation whose security requirement is empty (`security: []`): it
	// sends no credential, neither the API key of the context nor a credential DefaultHeader.
	noAuth bool
	// accept is the Accept header: the media types of the operation's answers.
	accept []string
}

// jsonRequestBody is implemented by the models the SDK sends.
type jsonRequestBody interface {
	appendJSON(dst []byte) ([]byte, error)
}

// jsonResponseBody is implemented by the models the SDK decodes.
type jsonResponseBody interface {
	UnmarshalJSON(data []byte) error
}

// encodeValueBody encodes a request body that is not a model (a string, a boolean, a list) as
// encoding/json would.
//
//lint:ignore U1000 called by the generated operations of a spec with such a body
func encodeValueBody(op *operation, v interface{}) ([]byte, error) {
	out, err := jsonwire.AppendValue(nil, v)
	if err != nil {
		return nil, fmt.Errorf("piecesos: %s: encode request body: %w", op.name, err)
	}
	return out, nil
}

// checkPathParam refuses path parameters that would change the path's meaning.
func checkPathParam(op *operation, name, v string) error {
	switch v {
	case "":
		return &ValidationError{Operation: op.name, Param: name, Reason: "must not be empty"}
	case ".", "..":
		return &ValidationError{Operation: op.name, Param: name, Reason: "must not be " + strconv.Quote(v)}
	}
	return nil
}

// addQuery adds a query parameter to q, making q when it is nil.
//
//lint:ignore U1000 called by the generated operations of a spec with query parameters
func addQuery(q url.Values, key, value string) url.Values {
	if q == nil {
		q = make(url.Values, 1)
	}
	q[key] = append(q[key], value)
	return q
}

// decodeResponse stores a 2xx body in out: nil ignores it (an answer without a body), a
// *string receives it as text (text/plain answers), a jsonResponseBody decodes it.
func decodeResponse(out any, data []byte) error {
	switch v := out.(type) {
	case nil:
		return nil
	case *string:
		*v = string(data)
		return nil
	case jsonResponseBody:
		return v.UnmarshalJSON(data)
	}
	return fmt.Errorf("piecesos: cannot decode into %T", out)
}

// encodeBody encodes a request body into a new slice of the exact size.
func encodeBody(op *operation, body jsonRequestBody) ([]byte, error) {
	bp := getBuffer()
	b, err := body.appendJSON((*bp)[:0])
	out, err := putBuffer(bp, b, err)
	if err != nil {
		return nil, fmt.Errorf("piecesos: %s: encode request body: %w", op.name, err)
	}
	return out, nil
}

// do is the one request path of every operation: build → auth → send → retry → map status →
// decode. path is the already escaped path below the server URL; query the encoded query
// string ("" for none); body is nil when no body is sent; out receives a 2xx body (see
// decodeResponse).
func (c *APIClient) do(ctx context.Context, op *operation, path, query string, body []byte, out any) (*http.Response, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	cfg := c.cfg
	parent := ctx
	st := new(callState)
	var timeout time.Duration // the SDK's own timeout of this call, if any
	if _, ok := ctx.Deadline(); !ok {
		timeout = cfg.Timeout
		if timeout == 0 {
			timeout = DefaultTimeout
		}
		if timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = c.withSDKTimeout(ctx, timeout, &st.ctx)
			defer cancel()
		}
	}
	// ctxErr says why the context ended, naming the SDK's timeout when it was that.
	ctxErr := func(err error) error {
		if timeout > 0 && errors.Is(err, context.DeadlineExceeded) && ctx.Err() == context.DeadlineExceeded && parent.Err() == nil {
			return &sdkTimeoutError{timeout: timeout, err: err}
		}
		return err
	}
	// The SDK's context values are looked up in the caller's context: ctx only adds the
	// timeout, and each lookup through it walks that too.
	u, err := c.requestURL(parent, op, path, query, &st.url)
	if err != nil {
		return nil, requestError(op, err)
	}
	header, err := c.requestHeader(parent, op, body != nil)
	if err != nil {
		return nil, requestError(op, err)
	}
	policy, err := retryPolicy(parent, cfg.Retry)
	if err != nil {
		return nil, requestError(op, err)
	}
	limit := cfg.MaxResponseBytes // negative: no limit
	if limit == 0 {
		limit = DefaultMaxResponseBytes
	}
	client := c.httpClient(u)
	logger := c.logger()

	// The body is read through io.NopCloser(bytes.NewReader(...)): net/http knows that reader
	// never blocks and writes the headers and the body in one write (another reader makes it
	// flush the headers first, one more write per request). GetBody replays the body for
	// net/http (a redirect, a connection that broke before the request was written); every
	// attempt starts from a new reader of the same bytes.
	var getBody func() (io.ReadCloser, error)
	if body != nil {
		getBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}

	retries := 0 // the retries that count against policy.MaxRetries
	for attempt := 1; ; attempt++ {
		h := header
		if client.Jar != nil {
			h = header.Clone() // net/http adds the Jar's cookies to the request's Header
		}
		// Built on the stack and copied once by WithContext (the only way to give a
		// request its context without parsing the URL again).
		tmpl := http.Request{
			Method:     op.method,
			URL:        u,
			Proto:      "HTTP/1.1",
			ProtoMajor: 1,
			ProtoMinor: 1,
			Header:     h,
			Host:       u.Host,
		}
		if body != nil {
			tmpl.ContentLength = int64(len(body))
			r := &st.reqBody
			if attempt > 1 {
				r = new(bytes.Reader) // the first may still be read by the transport
			}
			r.Reset(body)
			tmpl.Body = io.NopCloser(r)
			tmpl.GetBody = getBody
		}
		req := tmpl.WithContext(ctx)
		var start time.Time
		if logger != nil {
			start = time.Now()
		}

		resp, err := client.Do(req)
		if err != nil {
			redactURLError(err)
		}
		var data []byte
		if err == nil {
			dst := &st.body
			if attempt > 1 {
				dst = nil // a new one: the answer of an earlier attempt keeps its own
			}
			data, err = readBody(resp, limit, dst)
			if errors.Is(err, ErrResponseTooLarge) {
				logAttempt(ctx, logger, op, req, resp.StatusCode, attempt, start, err)
				resp.Body = http.NoBody
				return resp, &ResponseTooLargeError{Operation: op.name, Limit: limit, StatusCode: resp.StatusCode}
			}
		}
		if err != nil {
			logAttempt(ctx, logger, op, req, 0, attempt, start, err)
			// Waiting for the server: a failure that proves the request never reached it is
			// retried until the deadline, outside the MaxRetries budget, with short waits.
			waiting := policy.WaitForServer && notSent(err)
			if (retries < policy.MaxRetries || waiting) && ctx.Err() == nil && retryTransport(op, policy, err) {
				p := policy
				if waiting {
					p.MaxWait = min(p.MaxWait, WaitForServerMaxWait)
					p.MinWait = min(p.MinWait, p.MaxWait)
				}
				d, stop := nextWait(ctx, p, attempt, nil)
				if stop == "" {
					if werr := waitRetry(ctx, d); werr != nil {
						return nil, &TransportError{Operation: op.name, Attempts: attempt, Err: fmt.Errorf("%w; last attempt: %w", ctxErr(werr), err)}
					}
					if !waiting {
						retries++
					}
					continue
				}
				err = fmt.Errorf("%w (%s)", err, stop)
			}
			return nil, &TransportError{Operation: op.name, Attempts: attempt, Err: ctxErr(err)}
		}
		logAttempt(ctx, logger, op, req, resp.StatusCode, attempt, start, nil)

		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			if derr := decodeResponse(out, data); derr != nil {
				var de *DecodeError
				if !errors.As(derr, &de) {
					de = &DecodeError{Err: derr}
				}
				de.Operation = op.name
				de.Body = data
				return resp, de
			}
			return resp, nil
		}
		serr := newStatusError(op.name, resp.StatusCode, resp.Header, data, attempt)
		if retries < policy.MaxRetries && retryStatus(op, policy, resp.StatusCode) {
			d, stop := nextWait(ctx, policy, attempt, resp)
			if stop != "" {
				serr.stopRetrying(stop, nil)
				return resp, serr
			}
			if werr := waitRetry(ctx, d); werr != nil {
				// The answer stays the error: it is a *GenericOpenAPIError, not a
				// *TransportError, and matches the context's error too.
				werr = ctxErr(werr)
				serr.stopRetrying("retry abandoned: "+werr.Error(), werr)
				return resp, serr
			}
			retries++
			continue
		}
		return resp, serr
	}
}

// callState holds what a call allocates for as long as its answer lives, in one allocation
// instead of four: the request URL (req.URL, resp.Request.URL), the view of the SDK's
// timeout (the request's context), the reader of the returned body (resp.Body) and that of
// the request body.
type callState struct {
	url     url.URL
	ctx     windowCtx
	body    bufferedBody
	reqBody bytes.Reader // the request body of the first attempt
}

// requestError completes an error found before any I/O: a *ValidationError gets the
// operation's name, others are wrapped with it.
func requestError(op *operation, err error) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		ve.Operation = op.name // made for this call
		return ve
	}
	return fmt.Errorf("piecesos: %s: %w", op.name, err)
}

// requestURL returns the URL of path below the selected server, in u (nil: a new one).
func (c *APIClient) requestURL(ctx context.Context, op *operation, path, query string, u *url.URL) (*url.URL, error) {
	cfg := c.cfg
	raw, err := cfg.ServerURLWithContext(ctx, op.endpoint)
	if err != nil {
		return nil, err
	}
	base := c.baseURL.Load()
	if base == nil || base.raw != raw {
		parsed, err := url.Parse(raw)
		if err != nil {
			var ue *url.Error
			if errors.As(err, &ue) {
				err = ue.Err // ue quotes the whole URL, password included
			}
			return nil, fmt.Errorf("invalid server URL %q: %w", redactURL(raw), err)
		}
		base = &parsedURL{raw: raw, u: *parsed, prefix: strings.TrimSuffix(parsed.EscapedPath(), "/")}
		c.baseURL.Store(base)
	}
	if u == nil {
		u = new(url.URL)
	}
	*u = base.u
	if cfg.Host != "" {
		u.Host = cfg.Host
	}
	if cfg.Scheme != "" {
		u.Scheme = cfg.Scheme
	}
	if u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("invalid server URL %q: want scheme://host[:port]", redactURL(raw))
	}
	escaped := path
	if base.prefix != "" {
		escaped = base.prefix + path
	}
	unescaped, err := url.PathUnescape(escaped)
	if err != nil {
		return nil, fmt.Errorf("invalid request path: %w", err)
	}
	u.Path = unescaped
	if unescaped != escaped {
		u.RawPath = escaped
	} else {
		u.RawPath = ""
	}
	u.RawQuery = query
	u.Fragment = ""
	return u, nil
}

// redactURL returns raw with the secret of its userinfo hidden (see redactedURL), also when
// raw does not parse as a URL with userinfo: then everything before the '@' of what looks like
// the authority is hidden, or, when the authority has none (a password holding '/', '?' or
// '#'), everything before the last '@'. discovery.go's redactValue is stricter on purpose: a
// discovery value never carries a credential, so its errors hide any user name and the query.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err == nil && u.User != nil {
		return redactedURL(u)
	}
	start := 0
	if i := strings.Index(raw, "//"); i >= 0 {
		start = i + 2
	}
	end := len(raw)
	if i := strings.IndexAny(raw[start:], "/?#"); i >= 0 {
		end = start + i
	}
	if at := strings.LastIndexByte(raw[start:end], '@'); at >= 0 {
		return raw[:start] + "xxxxx" + raw[start+at:]
	}
	// A URL that does not parse, with no '@' before the first '/', '?' or '#': a password may
	// hold one of them ("user:S3/CRET@host"). Hide everything up to the last '@'.
	if at := strings.LastIndexByte(raw[start:], '@'); err != nil && at >= 0 {
		return raw[:start] + "xxxxx" + raw[start+at:]
	}
	return raw
}

// redactedURL returns u as a string with the secret of its userinfo hidden: the password
// ("user:xxxxx@", as url.URL.Redacted does), or a username given without a password, which
// is then a token ("xxxxx@").
func redactedURL(u *url.URL) string {
	if u.User == nil {
		return u.String()
	}
	cp := *u
	if _, ok := u.User.Password(); ok {
		cp.User = url.UserPassword(u.User.Username(), "xxxxx")
	} else {
		cp.User = url.User("xxxxx")
	}
	return cp.String()
}

// redactURLError hides the secret of the userinfo in the URL of the *url.Error in err's
// chain. net/http strips a password from the request URL, but not a username given alone (a
// token), nor anything from a redirect's Location.
func redactURLError(err error) {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = redactURL(ue.URL)
	}
}

// requestHeader builds the headers of a request: DefaultHeader first, then the SDK's own
// (which take precedence), then the API key from the context. An operation without
// security (op.noAuth) gets neither the API key nor a DefaultHeader that is a credential.
func (c *APIClient) requestHeader(ctx context.Context, op *operation, withBody bool) (http.Header, error) {
	var auth map[string]APIKey
	if v := ctx.Value(ctxKeyAPIKeys); v != nil {
		var ok bool
		if auth, ok = v.(map[string]APIKey); !ok {
			return nil, contextTypeError(ContextAPIKeys, v, "map[string]APIKey")
		}
	}
	cfg := c.cfg
	h := make(http.Header, len(cfg.DefaultHeader)+4)
	if len(cfg.DefaultHeader) > 0 { // starting a range over a map costs even when it is empty
		for k, v := range cfg.DefaultHeader {
			if op.noAuth && isSensitiveHeader(k) {
				continue
			}
			h.Set(k, v)
		}
	}
	if op.accept != nil {
		h["Accept"] = op.accept
	}
	if withBody {
		h["Content-Type"] = headerContentType
	}
	if cfg.UserAgent != "" {
		ua := c.userAgent.Load()
		if ua == nil || ua.raw != cfg.UserAgent {
			ua = &headerValue{raw: cfg.UserAgent, v: []string{cfg.UserAgent}}
			c.userAgent.Store(ua)
		}
		h["User-Agent"] = ua.v
	}
	if op.noAuth {
		return h, nil
	}
	if apiKey, ok := auth["application"]; ok {
		key := apiKey.Key
		if apiKey.Prefix != "" {
			key = apiKey.Prefix + " " + apiKey.Key
		}
		h["X-Application-Id"] = []string{key}
	}
	return h, nil
}

// A body of unknown length is read into chunks that grow from readChunkFirst (pooled) to
// readChunkMax, none larger than what the cap still allows: a call holds at most cap + 1
// bytes of body while it reads, where a buffer grown by doubling holds up to twice the cap
// (plus the smaller copies it leaves to the GC). A body that fits is then copied into one
// slice of its exact size.
const (
	readChunkFirst = 16 << 10
	readChunkMax   = 1 << 20
)

var readChunks = sync.Pool{New: func() any { b := make([]byte, readChunkFirst); return &b }}

// readBody reads and closes the body of resp through limit (negative: no limit), then
// replaces resp.Body with a reader of the bytes read (dst, or a new one when nil) so that the
// caller can still read it.
func readBody(resp *http.Response, limit int64, dst *bufferedBody) ([]byte, error) {
	defer resp.Body.Close()
	var data []byte
	switch n := resp.ContentLength; {
	case limit >= 0 && n > limit:
		return nil, ErrResponseTooLarge
	case n >= 0 && (limit >= 0 || n <= DefaultMaxResponseBytes):
		// One allocation of the announced size: within the cap, or (without a cap) small
		// enough to trust before the bytes arrive.
		data = make([]byte, n)
		if _, err := io.ReadFull(resp.Body, data); err != nil {
			return nil, err
		}
	default:
		var err error
		if data, err = readChunked(resp.Body, limit); err != nil {
			return nil, err
		}
	}
	if dst == nil {
		dst = new(bufferedBody)
	}
	*dst = bufferedBody{data: data}
	resp.Body = dst
	return data, nil
}

// readChunked reads r to its end through limit (negative: no limit) and returns the bytes in
// a slice of their exact size.
func readChunked(r io.Reader, limit int64) ([]byte, error) {
	first := readChunks.Get().(*[]byte)
	defer readChunks.Put(first)
	size := readChunkFirst
	if limit >= 0 && limit < int64(size) {
		size = int(limit) + 1
	}
	buf := (*first)[:0:size]
	var full [][]byte // the chunks before buf, filled
	var total int64
	for {
		if len(buf) == cap(buf) {
			full = append(full, buf)
			size = min(2*cap(buf), readChunkMax)
			if limit >= 0 && limit-total < int64(size) {
				size = int(limit-total) + 1 // total <= limit here
			}
			buf = make([]byte, 0, size)
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		total += int64(n)
		if limit >= 0 && total > limit {
			return nil, ErrResponseTooLarge
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	data := make([]byte, total)
	off := 0
	for _, c := range full {
		off += copy(data[off:], c)
	}
	copy(data[off:], buf)
	return data, nil
}

// bufferedBody replaces the body of a returned *http.Response: the bytes already read.
type bufferedBody struct {
	data []byte
	off  int
}

func (b *bufferedBody) Read(p []byte) (int, error) {
	if b.off >= len(b.data) {
		return 0, io.EOF
	}
	n := copy(p, b.data[b.off:])
	b.off += n
	return n, nil
}

func (b *bufferedBody) Close() error { return nil }

// retryPolicy returns the effective policy of a call, defaults applied.
func retryPolicy(ctx context.Context, p RetryPolicy) (RetryPolicy, error) {
	switch v := ctx.Value(ctxKeyRetryPolicy).(type) {
	case nil:
	case RetryPolicy:
		p = v
	case *RetryPolicy:
		if v != nil {
			p = *v
		}
	default:
		return p, contextTypeError(ContextRetryPolicy, v, "RetryPolicy or *RetryPolicy")
	}
	if v := ctx.Value(ctxKeyWaitForServer); v != nil {
		wait, ok := v.(bool)
		if !ok {
			return p, contextTypeError(ContextWaitForServer, v, "bool")
		}
		p.WaitForServer = wait
	}
	switch {
	case p.MaxRetries == 0:
		p.MaxRetries = DefaultMaxRetries
	case p.MaxRetries < 0:
		p.MaxRetries = 0
	}
	if p.MinWait <= 0 {
		p.MinWait = DefaultRetryMinWait
	}
	if p.MaxWait <= 0 {
		p.MaxWait = DefaultRetryMaxWait
	}
	if p.MaxWait < p.MinWait {
		p.MaxWait = p.MinWait
	}
	return p, nil
}

// retryTransport reports whether a failure without an HTTP answer is retried.
func retryTransport(op *operation, p RetryPolicy, err error) bool {
	var re *RedirectError
	var rpe *redirectPolicyError
	if errors.As(err, &re) || errors.As(err, &rpe) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || permanent(err) {
		return false
	}
	if notSent(err) {
		return true // the request never reached the server: safe for every operation
	}
	return op.read || p.RetryUpdates
}

// notSent reports whether err happened while connecting, before the request was written.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial" || isConnRefused(err)
}

// permanentMessages start the messages of the failures net/http reports without a type of
// their own that every attempt would meet again.
var permanentMessages = []string{
	"net/http: invalid header",  // a CR/LF in a header value (an API key), an invalid name
	"net/http: invalid trailer", //
	"net/http: invalid method",  //
	"unsupported protocol scheme",
	"http: no Host in request URL",
	"failed to parse Location header",
	"http: server gave HTTP response to HTTPS client",
}

// permanent reports whether a failure without an answer would happen again on every attempt:
// a request net/http refuses to send (an invalid header value, an unsupported scheme), a
// redirect whose Location does not parse, a TLS certificate or handshake failure.
func permanent(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		record   tls.RecordHeaderError
		alert    tls.AlertError
	)
	if errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &record) || errors.As(err, &alert) {
		return true
	}
	var ue *url.Error
	if !errors.As(err, &ue) || ue.Err == nil {
		return false
	}
	msg := ue.Err.Error()
	for _, prefix := range permanentMessages {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

// retryStatus reports whether an answer with this status is retried.
func retryStatus(op *operation, p RetryPolicy, status int) bool {
	if op.read {
		switch status {
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	return p.RetryUpdates && (status >= 500 || status == http.StatusTooManyRequests)
}

// nextWait returns the wait before the retry that follows attempt, or why there is none: the
// server asked (Retry-After of resp, seconds or HTTP date) for longer than MaxWait, or the wait
// would pass the context's deadline. The SDK never retries sooner than the server asked, and
// never sleeps until a deadline it cannot make.
func nextWait(ctx context.Context, p RetryPolicy, attempt int, resp *http.Response) (time.Duration, string) {
	var d time.Duration
	what := "the next wait of "
	if ra, ok := retryAfterOf(resp); ok {
		if ra > p.MaxWait {
			return 0, "no retry: Retry-After " + ra.String() + " exceeds MaxWait " + p.MaxWait.String()
		}
		d, what = ra, "Retry-After "
	} else {
		d = backoff(p, attempt)
	}
	if deadline, ok := ctx.Deadline(); ok && d > 0 && d >= time.Until(deadline) {
		return 0, "no retry: " + what + d.String() + " would pass the deadline"
	}
	return d, ""
}

// retryAfterOf returns the Retry-After of resp, if it has a valid one.
func retryAfterOf(resp *http.Response) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	return retryAfter(resp.Header.Get("Retry-After"), time.Now())
}

// backoff returns the computed wait before the retry that follows attempt (1-based):
// exponential from MinWait with equal jitter, capped by MaxWait.
func backoff(p RetryPolicy, attempt int) time.Duration {
	// MinWait << (attempt-1), capped by MaxWait; compared before shifting so that a large
	// MinWait or attempt cannot overflow into a short wait.
	d := p.MaxWait
	if shift := attempt - 1; shift >= 0 && shift < 63 && p.MinWait <= d>>shift {
		d = p.MinWait << shift
	}
	// Equal jitter: half fixed, half random, so waits never collapse to zero.
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(d-half)+1))
}

// retryAfter parses a Retry-After value: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(time.Hour/time.Second) {
			secs = int64(time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// waitRetry waits for d or until ctx is done; tests replace it.
var waitRetry = func(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// logger returns where debug logs go, or nil when they are off.
func (c *APIClient) logger() *slog.Logger {
	if l := c.cfg.Logger; l != nil {
		return l
	}
	if !c.cfg.Debug {
		return nil
	}
	c.debugOnce.Do(func() {
		c.debugSlogs = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	return c.debugSlogs
}

// logAttempt logs one attempt. Credentials are redacted; the URL never carries them.
func logAttempt(ctx context.Context, l *slog.Logger, op *operation, req *http.Request, status, attempt int, start time.Time, err error) {
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("operation", op.name),
		slog.String("method", req.Method),
		slog.String("url", redactedURL(req.URL)),
		slog.Int("attempt", attempt),
		slog.Duration("duration", time.Since(start)),
		slog.Any("headers", redactHeader(req.Header)),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "piecesos request", attrs...)
}

// redactHeader returns a copy of h with the values of sensitive headers replaced.
func redactHeader(h http.Header) http.Header {
	out := h.Clone()
	for k := range out {
		if isSensitiveHeader(k) {
			out[k] = []string{"REDACTED"}
		}
	}
	return out
}

// isSensitiveHeader reports whether a header's value must not be logged: the known credential
// headers, and any header whose name suggests a credential (a DefaultHeader such as
// X-Api-Key or X-Auth-Token).
func isSensitiveHeader(name string) bool {
	// X-Application-ID is the API key of Pieces OS, whose name says nothing of it. The name
	// parts below cover the rest (Authorization and Proxy-Authorization, Cookie, Set-Cookie).
	if strings.EqualFold(name, "X-Application-Id") {
		return true
	}
	lower := strings.ToLower(name)
	for _, part := range []string{"key", "token", "secret", "auth", "cookie", "session", "password", "signature", "credential"} {
		if strings.Contains(lower, part) {
			return true
		}
	}
	return false
}
