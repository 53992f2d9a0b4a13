package piecesos

// Fuzz targets of issue 4, item 8: status → error mapping and path-parameter escaping. (Model
// decoding is fuzzed by the codec's targets.) Seed corpora: testdata/fuzz/FuzzStatusError and
// testdata/fuzz/FuzzPathParam. Run with `make fuzz` (scripts/fuzz.sh).

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// resCheckMessage checks that an error message is one printable line of valid UTF-8 that
// starts with prefix and quotes at most maxErrorBodyQuote bytes of body.
func resCheckMessage(t *testing.T, msg, prefix string) {
	t.Helper()
	if !utf8.ValidString(msg) {
		t.Fatalf("message is not valid UTF-8: %q", msg)
	}
	for _, r := range msg {
		if r != ' ' && !unicode.IsPrint(r) {
			t.Fatalf("message has the unprintable rune %U: %q", r, msg)
		}
	}
	if !strings.HasPrefix(msg, prefix) {
		t.Fatalf("message %q does not start with %q", msg, prefix)
	}
	// Each quoted input byte gives at most 3 output bytes (U+FFFD), plus ": " and "…".
	if limit := len(prefix) + 2 + 3*maxErrorBodyQuote + len("…"); len(msg) > limit {
		t.Fatalf("message of %d bytes, more than %d: %q", len(msg), limit, msg)
	}
}

// FuzzStatusError: for any status and body, newStatusError never panics; its message is one
// printable line of valid UTF-8, bounded in length, naming the operation, status and
// attempts; Body, StatusCode, Attempts and Model are consistent; the typed error and sentinel
// exist exactly for 410, 500 and 504. Through the client (a RoundTripper answering that
// status and body) the same error comes back, with the response body still readable.
func FuzzStatusError(f *testing.F) {
	f.Add(410, 1, []byte("Cloud not found."))
	f.Add(500, 3, []byte("Internal Server Error"))
	f.Add(504, 2, []byte("Gateway Timeout, request timed out."))
	f.Add(502, 1, []byte("<html>\n<body>Bad Gateway</body>\n</html>"))
	f.Add(418, 1, []byte("\xff\xfe\x00\x1b[31mred\r\n"))
	f.Add(999, 1, bytes.Repeat([]byte("é"), 200))
	f.Add(-1, 0, []byte(nil))
	f.Fuzz(func(t *testing.T, status, attempts int, body []byte) {
		op := "AllocationSnapshot"
		header := http.Header{"Content-Type": {"text/plain"}}
		e := newStatusError(op, status, header, body, attempts)

		prefix := "piecesos: " + op + ": " + statusLine(status)
		if attempts > 1 {
			prefix += " (after " + strconv.Itoa(attempts) + " attempts)"
		}
		resCheckMessage(t, e.Error(), prefix)
		if !bytes.Equal(e.Body(), body) || e.StatusCode() != status || e.Attempts() != attempts ||
			e.Operation() != op || e.Header().Get("Content-Type") != "text/plain" {
			t.Fatalf("accessors disagree with the input: %+v", e)
		}

		typed := map[int]error{410: ErrCloudNotFound, 500: ErrInternalServerError, 504: ErrGatewayTimeout}
		for code, sentinel := range typed {
			if errors.Is(e, sentinel) != (status == code) {
				t.Fatalf("status %d: errors.Is(%v) = %v", status, sentinel, !(status == code))
			}
		}
		inner := e.Unwrap()
		if _, documented := typed[status]; !documented {
			if inner != nil || e.Model() != nil {
				t.Fatalf("status %d: unexpected typed error %v / model %v", status, inner, e.Model())
			}
		} else {
			var gotOp, gotMsg string
			var gotStatus int
			switch te := inner.(type) {
			case *CloudNotFoundError:
				gotOp, gotStatus, gotMsg = te.Operation, te.StatusCode, te.Message
			case *InternalServerError:
				gotOp, gotStatus, gotMsg = te.Operation, te.StatusCode, te.Message
			case *GatewayTimeoutError:
				gotOp, gotStatus, gotMsg = te.Operation, te.StatusCode, te.Message
			default:
				t.Fatalf("status %d: typed error %T", status, inner)
			}
			if gotOp != op || gotStatus != status || gotMsg != quoteBody(body) {
				t.Fatalf("typed error fields %q %d %q", gotOp, gotStatus, gotMsg)
			}
			if m, ok := e.Model().(string); !ok || m != string(body) {
				t.Fatalf("Model() = %#v", e.Model())
			}
			resCheckMessage(t, inner.Error(), "piecesos: "+op+": "+statusLine(status))
		}
		if msg := quoteBody(body); utf8.RuneCountInString(msg) > maxErrorBodyQuote+1 || strings.TrimSpace(msg) != msg {
			t.Fatalf("quoteBody = %q", msg)
		}

		// The same answer through the client.
		if status < 300 || status > 599 {
			return
		}
		rt := resRT(func(r *http.Request) (*http.Response, error) {
			return resResponse(r, status, header.Clone(), bytes.NewReader(body), int64(len(body))), nil
		})
		cfg := NewConfiguration()
		cfg.Servers = ServerConfigurations{{URL: "http://127.0.0.1:9"}}
		cfg.HTTPClient = &http.Client{Transport: rt}
		cfg.Retry.MaxRetries = -1
		_, resp, err := NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), "x").Execute()
		var ge *GenericOpenAPIError
		if !errors.As(err, &ge) {
			t.Fatalf("status %d through the client: %T %v", status, err, err)
		}
		if want := newStatusError(op, status, header, body, 1).Error(); ge.Error() != want {
			t.Fatalf("through the client %q, direct %q", ge.Error(), want)
		}
		if resp == nil || resp.StatusCode != status {
			t.Fatalf("response %v", resp)
		}
		if got, _ := io.ReadAll(resp.Body); !bytes.Equal(got, body) {
			t.Fatalf("response body %q, want %q", got, body)
		}
	})
}

// FuzzPathParam: any allocation id either is refused before any I/O (empty, ".", "..") or is
// sent as exactly one path segment below the server's path prefix: the request line a server
// parses has no query or fragment, no extra segment and no dot segment, and the segment
// decodes back to the id.
func FuzzPathParam(f *testing.F) {
	for _, id := range []string{
		resSampleID, "a b/c?d#e%f", "é✓", "..", ".", "", "...", "%2e%2e", "%2F", "../../etc/passwd",
		"a;b=c", "a\x00b", "\xff\xfe", "?", "#", "%", "%%zz", "+&=@:$!*'()", "\r\nHost: evil", "x/..",
	} {
		f.Add(id)
	}
	const prefix = "/base%20dir/v1"
	f.Fuzz(func(t *testing.T, id string) {
		var sent *http.Request
		rt := resRT(func(r *http.Request) (*http.Response, error) {
			sent = r
			return resResponse(r, 410, nil, strings.NewReader("Cloud not found."), -1), nil
		})
		cfg := NewConfiguration()
		cfg.Servers = ServerConfigurations{{URL: "http://127.0.0.1:9" + prefix}}
		cfg.HTTPClient = &http.Client{Transport: rt}
		cfg.Retry.MaxRetries = -1
		_, _, err := NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), id).Execute()

		if id == "" || id == "." || id == ".." {
			var ve *ValidationError
			if !errors.As(err, &ve) || sent != nil {
				t.Fatalf("id %q: want a *ValidationError before I/O, got %v (sent %v)", id, err, sent != nil)
			}
			return
		}
		if !errors.Is(err, ErrCloudNotFound) || sent == nil {
			t.Fatalf("id %q: request not sent as expected: %v", id, err)
		}

		// The request line as a server reads it.
		var wire bytes.Buffer
		if err := sent.Write(&wire); err != nil {
			t.Fatalf("id %q: write request: %v", id, err)
		}
		got, err := http.ReadRequest(bufio.NewReader(&wire))
		if err != nil {
			t.Fatalf("id %q: the server cannot read the request: %v\n%s", id, err, wire.String())
		}
		uri := got.RequestURI
		if !strings.HasPrefix(uri, prefix+"/allocation/") {
			t.Fatalf("id %q: request URI %q outside %s/allocation/", id, uri, prefix)
		}
		seg := strings.TrimPrefix(uri, prefix+"/allocation/")
		if strings.ContainsAny(seg, "/?#") || seg == "." || seg == ".." || seg == "" {
			t.Fatalf("id %q: segment %q adds a segment, query or fragment", id, seg)
		}
		if seg != url.PathEscape(id) {
			t.Fatalf("id %q: segment %q, want url.PathEscape %q", id, seg, url.PathEscape(id))
		}
		if dec, err := url.PathUnescape(seg); err != nil || dec != id {
			t.Fatalf("id %q: segment %q decodes to %q (%v)", id, seg, dec, err)
		}
		if got.URL.RawQuery != "" || got.URL.Fragment != "" {
			t.Fatalf("id %q: query %q fragment %q", id, got.URL.RawQuery, got.URL.Fragment)
		}
		if want := "/base dir/v1/allocation/" + id; got.URL.Path != want {
			t.Fatalf("id %q: server's decoded path %q, want %q", id, got.URL.Path, want)
		}
		if got.Host != "127.0.0.1:9" {
			t.Fatalf("id %q: Host %q", id, got.Host)
		}
	})
}
