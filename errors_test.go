package piecesos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStatusErrors is the status → error table of both operations (retries off).
func TestStatusErrors(t *testing.T) {
	type typedCheck func(t *testing.T, err error, op string, status int, msg string)
	cloudNotFound := func(t *testing.T, err error, op string, status int, msg string) {
		var te *CloudNotFoundError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, &CloudNotFoundError{Operation: op, StatusCode: status, Message: msg}, te)
		assert.ErrorIs(t, err, ErrCloudNotFound)
	}
	internal := func(t *testing.T, err error, op string, status int, msg string) {
		var te *InternalServerError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, &InternalServerError{Operation: op, StatusCode: status, Message: msg}, te)
		assert.ErrorIs(t, err, ErrInternalServerError)
	}
	gateway := func(t *testing.T, err error, op string, status int, msg string) {
		var te *GatewayTimeoutError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, &GatewayTimeoutError{Operation: op, StatusCode: status, Message: msg}, te)
		assert.ErrorIs(t, err, ErrGatewayTimeout)
	}
	sentinels := []error{ErrCloudNotFound, ErrInternalServerError, ErrGatewayTimeout}

	for _, tc := range []struct {
		status   int
		body     string
		wantMsg  string // the trimmed body in messages
		typed    typedCheck
		sentinel error
	}{
		{status: 200, body: testAllocationJSON},
		{status: 201, body: testAllocationJSON},
		{status: 400, body: "bad request: id", wantMsg: "bad request: id"},
		{status: 404, body: "404 page not found\n", wantMsg: "404 page not found"},
		{status: 410, body: "Cloud not found.", wantMsg: "Cloud not found.", typed: cloudNotFound, sentinel: ErrCloudNotFound},
		{status: 410, body: "", wantMsg: "", typed: cloudNotFound, sentinel: ErrCloudNotFound},
		{status: 429, body: "slow down", wantMsg: "slow down"},
		{status: 500, body: "  Internal\r\n\tServer Error \n", wantMsg: "Internal Server Error", typed: internal, sentinel: ErrInternalServerError},
		{status: 500, body: "\x1b[31mboom\xff\x00 \u202eend\n", wantMsg: "[31mboom\ufffd end", typed: internal, sentinel: ErrInternalServerError},
		{status: 502, body: "bad gateway", wantMsg: "bad gateway"},
		{status: 503, body: "unavailable", wantMsg: "unavailable"},
		{status: 504, body: "Gateway Timeout, request timed out.", wantMsg: "Gateway Timeout, request timed out.", typed: gateway, sentinel: ErrGatewayTimeout},
		{status: 599, body: "odd", wantMsg: "odd"},
	} {
		for _, op := range []string{"AllocationSnapshot", "AllocationUpdate"} {
			t.Run(fmt.Sprintf("%d/%s/%q", tc.status, op, tc.body), func(t *testing.T) {
				ts := setup(t)
				ts.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("X-Request-Id", "req-1")
					if tc.status >= 300 {
						w.Header().Set("Content-Type", "text/plain; charset=utf-8")
					}
					w.WriteHeader(tc.status)
					_, _ = w.Write([]byte(tc.body))
				})
				var (
					m    *AllocationCloud
					resp *http.Response
					err  error
				)
				ctx := context.WithValue(context.Background(), ContextRetryPolicy, RetryPolicy{MaxRetries: -1, RetryUpdates: true})
				if op == "AllocationSnapshot" {
					m, resp, err = ts.client.AllocationAPI.AllocationSnapshot(ctx, "x").Execute()
				} else {
					m, resp, err = ts.client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(testCloud(t)).Execute()
				}
				assert.EqualValues(t, 1, ts.hits.Load(), "retries are off")
				require.NotNil(t, resp, "the *http.Response is returned with or without an error")
				assert.Equal(t, tc.status, resp.StatusCode)
				assert.Equal(t, tc.body, string(readAll(t, resp)), "the body is still readable")

				if tc.status < 300 {
					require.NoError(t, err)
					assert.Equal(t, testAllocationID, m.Id)
					return
				}
				assert.Nil(t, m)
				var ge *GenericOpenAPIError
				require.ErrorAs(t, err, &ge, "every non-2xx status is a *GenericOpenAPIError")
				assert.Same(t, ge, err, "returned at the top level")
				assert.Equal(t, tc.status, ge.StatusCode())
				assert.Equal(t, op, ge.Operation())
				assert.Equal(t, 1, ge.Attempts())
				assert.Equal(t, tc.body, string(ge.Body()))
				assert.Equal(t, "req-1", ge.Header().Get("X-Request-Id"))

				want := "piecesos: " + op + ": " + fmt.Sprint(tc.status)
				if text := http.StatusText(tc.status); text != "" {
					want += " " + text
				}
				if tc.wantMsg != "" {
					want += ": " + tc.wantMsg
				}
				assert.Equal(t, want, ge.Error())
				assert.Equal(t, want, err.Error())

				for _, s := range sentinels {
					assert.Equal(t, s == tc.sentinel, errors.Is(err, s), "errors.Is(err, %v)", s)
				}
				if tc.typed == nil {
					assert.Nil(t, ge.Model(), "undocumented statuses have no model")
					assert.Nil(t, errors.Unwrap(err))
					return
				}
				assert.Equal(t, tc.body, ge.Model(), "text/plain error model")
				tc.typed(t, err, op, tc.status, tc.wantMsg)
				assert.Equal(t, want, errors.Unwrap(err).Error(), "the typed error reads like its base")
			})
		}
	}
}

// TestStatusErrors_LongBody checks that a 10 KB body is kept whole in Body() and the
// response but cut in messages.
func TestStatusErrors_LongBody(t *testing.T) {
	body := strings.Repeat("0123456789", 1024)
	ts := setup(t)
	ts.handleJSON("/", 500, body)
	_, resp, err := ts.client.AllocationAPI.AllocationUpdate(context.Background()).Execute()

	var ge *GenericOpenAPIError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, body, string(ge.Body()))
	assert.Equal(t, body, string(readAll(t, resp)))
	assert.Less(t, len(ge.Error()), 400, "message is capped: %d bytes", len(ge.Error()))
	assert.True(t, strings.HasSuffix(ge.Error(), "…"), "a cut message says so: %q", ge.Error())
	assert.Contains(t, ge.Error(), "piecesos: AllocationUpdate: 500 Internal Server Error: 0123456789")

	var ie *InternalServerError
	require.ErrorAs(t, err, &ie)
	assert.LessOrEqual(t, len(ie.Message), maxErrorBodyQuote+len("…"))
	assert.Equal(t, body, ge.Model())
}

func TestQuoteBody(t *testing.T) {
	long := strings.Repeat("a", maxErrorBodyQuote)
	for _, tc := range []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"plain", "Cloud not found.", "Cloud not found."},
		{"trimmed", " \r\n\tCloud not found.\n\n", "Cloud not found."},
		{"inner whitespace collapsed", "a \r\n\t  b", "a b"},
		{"control characters", "a\x00b\x1b[31mc\x7fd", "a b [31mc d"},
		{"only control characters", "\x00\x01\x02", ""},
		{"invalid UTF-8", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"unicode kept", "é✓ 日本", "é✓ 日本"},
		{"bidi and zero-width format characters dropped", "a\u202eb\u200bc", "a b c"},
		{"exactly the limit", long, long},
		{"one over the limit", long + "b", long + "…"},
		{"10 KB", strings.Repeat("x", 10<<10), strings.Repeat("x", maxErrorBodyQuote) + "…"},
		{"rune cut by the limit", long[:maxErrorBodyQuote-1] + "é" + "tail", long[:maxErrorBodyQuote-1] + "…"},
		{"4-byte rune cut by the limit", long[:maxErrorBodyQuote-2] + "😀" + "tail", long[:maxErrorBodyQuote-2] + "…"},
		{"invalid byte just before the limit", long[:maxErrorBodyQuote-2] + "\xff" + "b" + "tail", long[:maxErrorBodyQuote-2] + "\ufffdb…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := quoteBody([]byte(tc.in))
			assert.Equal(t, tc.want, got)
			assert.True(t, utf8.ValidString(got))
		})
	}
}

func TestErrorMessages(t *testing.T) {
	cause := errors.New("boom")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&CloudNotFoundError{Operation: "AllocationSnapshot", StatusCode: 410, Message: "Cloud not found."}, "piecesos: AllocationSnapshot: 410 Gone: Cloud not found."},
		{&CloudNotFoundError{Operation: "AllocationSnapshot", StatusCode: 410}, "piecesos: AllocationSnapshot: 410 Gone"},
		{&InternalServerError{Operation: "AllocationUpdate", StatusCode: 500, Message: "x"}, "piecesos: AllocationUpdate: 500 Internal Server Error: x"},
		{&GatewayTimeoutError{Operation: "AllocationUpdate", StatusCode: 504}, "piecesos: AllocationUpdate: 504 Gateway Timeout"},
		{&DecodeError{Model: "AllocationCloud", Path: "urls.base.status", Err: ErrRequiredPropertyMissing}, "piecesos: decode AllocationCloud: urls.base.status: required property missing"},
		{&DecodeError{Operation: "AllocationSnapshot", Model: "AllocationCloud", Err: cause}, "piecesos: AllocationSnapshot: decode AllocationCloud: boom"},
		{&DecodeError{}, "piecesos: decode"},
		{&TransportError{Operation: "AllocationSnapshot", Attempts: 1, Err: cause}, "piecesos: AllocationSnapshot: boom"},
		{&TransportError{Operation: "AllocationSnapshot", Attempts: 3, Err: cause}, "piecesos: AllocationSnapshot (after 3 attempts): boom"},
		{&TransportError{Operation: "AllocationSnapshot"}, "piecesos: AllocationSnapshot"},
		{&ResponseTooLargeError{Operation: "AllocationSnapshot", Limit: 1024}, "piecesos: AllocationSnapshot: response body larger than the limit of 1024 bytes"},
		{&RedirectError{From: "http://localhost:1000", To: "http://evil.example"}, "piecesos: refused redirect from http://localhost:1000 to another host http://evil.example"},
		{&ValidationError{Operation: "AllocationSnapshot", Param: "allocation", Reason: "must not be empty"}, "piecesos: AllocationSnapshot: invalid allocation: must not be empty"},
		{newStatusError("AllocationSnapshot", 503, nil, []byte("down"), 3), "piecesos: AllocationSnapshot: 503 Service Unavailable (after 3 attempts): down"},
	} {
		t.Run(fmt.Sprintf("%T", tc.err), func(t *testing.T) {
			assert.Equal(t, tc.want, tc.err.Error())
		})
	}
}

func TestErrorUnwrapping(t *testing.T) {
	cause := errors.New("cause")
	de := &DecodeError{Err: fmt.Errorf("at urls: %w", ErrRequiredPropertyMissing)}
	assert.ErrorIs(t, de, ErrRequiredPropertyMissing)

	te := &TransportError{Operation: "x", Err: fmt.Errorf("wrapped: %w", context.DeadlineExceeded)}
	assert.ErrorIs(t, te, context.DeadlineExceeded)
	assert.Equal(t, cause, (&TransportError{Err: cause}).Unwrap())

	tl := &ResponseTooLargeError{Operation: "x", Limit: 1}
	assert.ErrorIs(t, tl, ErrResponseTooLarge)
	assert.False(t, errors.Is(tl, ErrCloudNotFound))
	assert.ErrorIs(t, fmt.Errorf("outer: %w", tl), ErrResponseTooLarge)

	// Each typed error matches its own sentinel only.
	typed := map[error]error{
		&CloudNotFoundError{}:  ErrCloudNotFound,
		&InternalServerError{}: ErrInternalServerError,
		&GatewayTimeoutError{}: ErrGatewayTimeout,
	}
	for err, own := range typed {
		for _, s := range []error{ErrCloudNotFound, ErrInternalServerError, ErrGatewayTimeout, ErrResponseTooLarge} {
			assert.Equal(t, s == own, errors.Is(err, s), "%T is %v", err, s)
		}
	}

	// A GenericOpenAPIError wrapped once more still answers both errors.As targets.
	wrapped := fmt.Errorf("calling Pieces OS: %w", newStatusError("AllocationSnapshot", 410, http.Header{}, []byte("Cloud not found."), 1))
	var ge *GenericOpenAPIError
	require.ErrorAs(t, wrapped, &ge)
	var nf *CloudNotFoundError
	require.ErrorAs(t, wrapped, &nf)
	assert.Equal(t, "Cloud not found.", nf.Message)
	assert.ErrorIs(t, wrapped, ErrCloudNotFound)
}

func TestDecodeErrorIsInvalidJSON(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		invalid    bool
	}{
		{"syntax", `{"id":`, true},
		{"not JSON", `Cloud not found.`, true},
		{"too deep", `{"x":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`, true},
		{"missing required", `{"id":"a"}`, false},
		{"wrong type", `{"id":1}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m AllocationCloud
			err := m.UnmarshalJSON([]byte(tc.body))
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.invalid, errors.Is(err, ErrInvalidJSON))
			assert.False(t, errors.Is(err, ErrCloudNotFound))
		})
	}
}

// Both forms are an error, as in generated clients, whose GenericOpenAPIError methods have
// value receivers.
var (
	_ error = GenericOpenAPIError{}
	_ error = (*GenericOpenAPIError)(nil)
)

// TestGenericOpenAPIErrorValueAndPointer: a GenericOpenAPIError value answers every method as
// its pointer does, and errors.As with a *GenericOpenAPIError target still finds the pointer
// the SDK returns.
func TestGenericOpenAPIErrorValueAndPointer(t *testing.T) {
	p := newStatusError("AllocationSnapshot", 410, http.Header{"X-Request-Id": {"r1"}}, []byte("Cloud not found."), 2)
	v := *p
	var asError error = v
	assert.Equal(t, p.Error(), asError.Error())
	assert.Equal(t, "Cloud not found.", string(v.Body()))
	assert.Equal(t, "Cloud not found.", v.Model())
	assert.Equal(t, 410, v.StatusCode())
	assert.Equal(t, "r1", v.Header().Get("X-Request-Id"))
	assert.Equal(t, "AllocationSnapshot", v.Operation())
	assert.Equal(t, 2, v.Attempts())
	assert.ErrorIs(t, asError, ErrCloudNotFound, "a value unwraps to the typed error too")

	var got *GenericOpenAPIError
	require.ErrorAs(t, fmt.Errorf("wrapped: %w", p), &got)
	assert.Same(t, p, got)
	var nf *CloudNotFoundError
	require.ErrorAs(t, error(p), &nf)
	assert.Equal(t, "Cloud not found.", nf.Message)
}

// TestConnectionRefused: a refused connection matches ErrConnectionRefused (through the
// build-tagged isConnRefused, so on every platform); other failures do not.
func TestConnectionRefused(t *testing.T) {
	c := resClient(t, resRefusedURL(t), func(cfg *Configuration) { cfg.Retry.MaxRetries = -1 })
	_, _, err := c.AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	require.ErrorIs(t, err, ErrConnectionRefused)
	assert.True(t, isConnRefused(err))

	for _, tc := range []struct {
		name string
		err  error
	}{
		{"nil", nil},
		{"deadline", context.DeadlineExceeded},
		{"reset", &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}},
		{"EOF", io.EOF},
	} {
		assert.False(t, isConnRefused(tc.err), tc.name)
		assert.False(t, errors.Is(&TransportError{Err: tc.err}, ErrConnectionRefused), tc.name)
	}
	srv := resServer(t, func(w http.ResponseWriter, r *http.Request) {
		if conn, _ := resHijack(t, w); conn != nil {
			resReset(conn)
		}
	})
	_, _, err = resClient(t, srv.URL, func(cfg *Configuration) { cfg.Retry.MaxRetries = -1 }).AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.NotErrorIs(t, err, ErrConnectionRefused)
}

// TestSentinelsPrefixed: every sentinel reads "piecesos: …", like the other errors of the SDK,
// and a *DecodeError does not repeat the prefix of its cause.
func TestSentinelsPrefixed(t *testing.T) {
	for _, s := range []error{ErrCloudNotFound, ErrInternalServerError, ErrGatewayTimeout, ErrResponseTooLarge,
		ErrRequiredPropertyMissing, ErrInvalidJSON, ErrInvalidValue, ErrConnectionRefused, ErrTimeout, ErrNotRunning} {
		assert.True(t, strings.HasPrefix(s.Error(), "piecesos: "), "%q", s.Error())
	}
	de := &DecodeError{Operation: "AllocationSnapshot", Model: "AllocationCloud", Path: "id", Err: ErrRequiredPropertyMissing}
	assert.Equal(t, "piecesos: AllocationSnapshot: decode AllocationCloud: id: required property missing", de.Error())
}

// TestDecodeErrorSentinels: every *DecodeError matches exactly one of ErrInvalidJSON (not
// JSON), ErrRequiredPropertyMissing (a required property absent or null) and ErrInvalidValue
// (valid JSON the model cannot hold: a value of the wrong type, a number out of range, a
// date-time that does not parse).
func TestDecodeErrorSentinels(t *testing.T) {
	for _, tc := range []struct {
		body string
		want error
	}{
		{`{"id":`, ErrInvalidJSON},
		{`Cloud not found.`, ErrInvalidJSON},
		{``, ErrInvalidJSON},
		{`{"x":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`, ErrInvalidJSON},
		{`{}`, ErrRequiredPropertyMissing},
		{`{"id":"a"}`, ErrRequiredPropertyMissing},
		{`{"id":1}`, ErrInvalidValue},
		{`[1,2]`, ErrInvalidValue},
		{`"text"`, ErrInvalidValue},
		{`null`, ErrInvalidValue},
		{`{"schema":{"migration":99999999999}}`, ErrInvalidValue},
		{`{"schema":{"migration":1.5}}`, ErrInvalidValue},
		{`{"status":{"cloud":5}}`, ErrInvalidValue},
		{`{"updated":{"value":"yesterday"}}`, ErrInvalidValue},
		{`{"updated":{"value":5}}`, ErrInvalidValue},
	} {
		var m AllocationCloud
		err := m.UnmarshalJSON([]byte(tc.body))
		var de *DecodeError
		require.ErrorAs(t, err, &de, "%q", tc.body)
		for _, s := range []error{ErrInvalidJSON, ErrRequiredPropertyMissing, ErrInvalidValue} {
			assert.Equal(t, s == tc.want, errors.Is(err, s), "%.40q: errors.Is(%v)", tc.body, s)
		}
	}
}

// TestGenericOpenAPIErrorGoString: %#v of the error (pointer or value) shows the answer's
// headers with the credentials redacted by the same rule as the logs (Set-Cookie, a custom
// X-Api-Key), and a short prefix of the body.
func TestGenericOpenAPIErrorGoString(t *testing.T) {
	h := http.Header{
		"Set-Cookie":    {"session=ck-1d2e; HttpOnly"},
		"X-Api-Key":     {"key-77f0"},
		"Authorization": {"Bearer tok-3c4d"},
		"X-Request-Id":  {"req-9"},
	}
	e := newStatusError("AllocationSnapshot", 410, h, []byte("Cloud not found.\n"+strings.Repeat("x", 1000)), 2)
	for _, s := range []string{fmt.Sprintf("%#v", e), fmt.Sprintf("%#v", *e), fmt.Sprintf("%#v", error(e))} {
		for _, secret := range []string{"ck-1d2e", "key-77f0", "tok-3c4d"} {
			assert.NotContains(t, s, secret)
		}
		assert.Contains(t, s, "piecesos.GenericOpenAPIError{")
		assert.Contains(t, s, `Operation:"AllocationSnapshot"`)
		assert.Contains(t, s, "StatusCode:410")
		assert.Contains(t, s, "Attempts:2")
		assert.Contains(t, s, `"Set-Cookie":[]string{"REDACTED"}`)
		assert.Contains(t, s, `"X-Request-Id":[]string{"req-9"}`)
		assert.Contains(t, s, `Body:"Cloud not found. xxx`)
		assert.Less(t, len(s), 700, "the body is quoted short")
	}
	assert.Equal(t, "key-77f0", e.Header().Get("X-Api-Key"), "Header() itself is not redacted")
	assert.Equal(t, "<nil>", fmt.Sprintf("%#v", (*GenericOpenAPIError)(nil)))
}
