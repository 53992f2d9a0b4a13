package piecesos

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// maxErrorBodyQuote is how many bytes of a response body an error message quotes at most.
const maxErrorBodyQuote = 256

// Sentinels of the SDK's own failures. The sentinels of the documented HTTP statuses
// (ErrCloudNotFound, ...) are generated from the spec, in errors_gen.go.
var (
	// ErrResponseTooLarge is matched by a *ResponseTooLargeError.
	ErrResponseTooLarge = errors.New("piecesos: response body too large")
	// ErrRequiredPropertyMissing is the cause (DecodeError.Err) of a required JSON property that
	// is absent or null.
	ErrRequiredPropertyMissing = errors.New("piecesos: required property missing")
	// ErrInvalidJSON is matched (errors.Is) by a *DecodeError whose input is not valid JSON,
	// or is nested deeper than 10,000 levels.
	ErrInvalidJSON = errors.New("piecesos: invalid JSON")
	// ErrInvalidValue is matched (errors.Is) by a *DecodeError whose input is valid JSON that
	// the model cannot hold: a value of the wrong type ({"id": 1}, an array for an object), a
	// number out of range, a date-time that does not parse. Every *DecodeError matches exactly
	// one of ErrInvalidJSON, ErrRequiredPropertyMissing and ErrInvalidValue.
	ErrInvalidValue = errors.New("piecesos: invalid value")
	// ErrTimeout is matched (errors.Is) by the error of a call that the SDK's own timeout
	// ended: Configuration.Timeout (DefaultTimeout when zero), which bounds a call whose context
	// has no deadline. Such an error matches context.DeadlineExceeded too; one ended by the
	// deadline of the caller's context matches context.DeadlineExceeded only.
	ErrTimeout = errors.New("piecesos: Configuration.Timeout exceeded")
	// ErrConnectionRefused is matched (errors.Is) by a *TransportError whose last attempt found
	// nothing listening on the server's port: Pieces OS is not running, or is restarting. It
	// holds on every platform (Windows reports WSAECONNREFUSED, not syscall.ECONNREFUSED).
	ErrConnectionRefused = errors.New("piecesos: connection refused")
)

// GenericOpenAPIError is the error returned for every non-2xx answer. It keeps the surface of
// the generator's type (Error, Body, Model) and adds the operation, status code, headers and
// number of attempts. For the documented statuses it unwraps to a typed error
// (*CloudNotFoundError, *InternalServerError, *GatewayTimeoutError), so both
//
//	var apiErr *GenericOpenAPIError; errors.As(err, &apiErr)
//	var nf *CloudNotFoundError;      errors.As(err, &nf)
//
// work, and errors.Is(err, ErrCloudNotFound) reports a 410.
type GenericOpenAPIError struct {
	body      []byte
	error     string
	model     interface{}
	operation string
	status    int
	header    http.Header
	attempts  int
	typed     error
	quoted    string // the body's prefix in the message
	note      string // why retrying stopped early, or ""
	stop      error  // the context's error when a retry wait was cut short, or nil
}

// Error returns a message naming the operation, the status and a short, sanitised prefix of
// the body.
//
// GenericOpenAPIError's methods have value receivers, as in generated clients: a value and a
// pointer are both an error. The SDK returns pointers, so errors.As with a
// *GenericOpenAPIError target finds them.
func (e GenericOpenAPIError) Error() string {
	return e.error
}

// Body returns the raw bytes of the response body (as read, up to the configured limit).
func (e GenericOpenAPIError) Body() []byte {
	return e.body
}

// Model returns the decoded error model: for the documented statuses, whose bodies are
// text/plain, it is the body as a string; otherwise nil.
func (e GenericOpenAPIError) Model() interface{} {
	return e.model
}

// StatusCode returns the HTTP status code of the answer.
func (e GenericOpenAPIError) StatusCode() int {
	return e.status
}

// Header returns the headers of the answer.
func (e GenericOpenAPIError) Header() http.Header {
	return e.header
}

// Operation returns the operation that failed, e.g. "AllocationSnapshot".
func (e GenericOpenAPIError) Operation() string {
	return e.operation
}

// Attempts returns how many times the request was sent (1 when it was not retried).
func (e GenericOpenAPIError) Attempts() int {
	return e.attempts
}

// Unwrap returns the typed error of a documented status, or nil.
func (e GenericOpenAPIError) Unwrap() error {
	return e.typed
}

// Is reports whether target matches the context's error that cut a retry wait short
// (context.Canceled, context.DeadlineExceeded, ErrTimeout): the answer is still the error of
// the call, and errors.Is tells that the call was stopped while waiting to retry it.
func (e GenericOpenAPIError) Is(target error) bool {
	return e.stop != nil && errors.Is(e.stop, target)
}

// GoString is what %#v prints: the operation, status, attempts, the answer's headers with
// credentials redacted (by the rule of the debug logs: Set-Cookie, X-Api-Key, ...) and a
// short prefix of the body, never a credential header's value.
func (e GenericOpenAPIError) GoString() string {
	return "piecesos.GenericOpenAPIError{Operation:" + strconv.Quote(e.operation) +
		", StatusCode:" + strconv.Itoa(e.status) +
		", Attempts:" + strconv.Itoa(e.attempts) +
		", Header:" + fmt.Sprintf("%#v", redactHeader(e.header)) +
		", Body:" + strconv.Quote(e.quoted) + "}"
}

// newStatusError builds the error of a non-2xx answer.
func newStatusError(op string, status int, header http.Header, body []byte, attempts int) *GenericOpenAPIError {
	e := &GenericOpenAPIError{
		body:      body,
		operation: op,
		status:    status,
		header:    header,
		attempts:  attempts,
	}
	msg := quoteBody(body)
	e.typed = statusErrorOf(op, status, msg)
	if e.typed != nil {
		e.model = string(body)
	}
	e.quoted = msg
	e.format()
	return e
}

// stopRetrying records why the call ends with this answer although the policy would retry it.
func (e *GenericOpenAPIError) stopRetrying(note string, stop error) {
	e.note, e.stop = note, stop
	e.format()
}

// format builds the message: "piecesos: op: status (after n attempts; note): body prefix".
func (e *GenericOpenAPIError) format() {
	var b strings.Builder
	b.WriteString("piecesos: ")
	b.WriteString(e.operation)
	b.WriteString(": ")
	b.WriteString(statusLine(e.status))
	if e.attempts > 1 || e.note != "" {
		b.WriteString(" (")
		if e.attempts > 1 {
			b.WriteString("after ")
			b.WriteString(strconv.Itoa(e.attempts))
			b.WriteString(" attempts")
			if e.note != "" {
				b.WriteString("; ")
			}
		}
		b.WriteString(e.note)
		b.WriteString(")")
	}
	if e.quoted != "" {
		b.WriteString(": ")
		b.WriteString(e.quoted)
	}
	e.error = b.String()
}

func statusLine(status int) string {
	if t := http.StatusText(status); t != "" {
		return strconv.Itoa(status) + " " + t
	}
	return strconv.Itoa(status)
}

// quoteBody returns a short, printable, trimmed prefix of a body for use in messages.
func quoteBody(body []byte) string {
	cut := false
	if len(body) > maxErrorBodyQuote {
		body = body[:maxErrorBodyQuote]
		cut = true
	}
	var b strings.Builder
	space := false
	for len(body) > 0 {
		r, n := utf8.DecodeRune(body)
		if r == utf8.RuneError && n <= 1 {
			if cut && !utf8.FullRune(body) {
				break // a rune cut in half by the limit
			}
			r = unicode.ReplacementChar
		}
		body = body[n:]
		if unicode.IsSpace(r) || !unicode.IsPrint(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if cut {
		b.WriteString("…")
	}
	return b.String()
}

func typedMessage(op string, status int, msg string) string {
	s := "piecesos: " + op + ": " + statusLine(status)
	if msg != "" {
		s += ": " + msg
	}
	return s
}

// DecodeError reports JSON that does not decode into the expected model: a syntax error, a
// value of the wrong type, a missing or null required property, or nesting beyond the limit.
// The client returns it (with Operation and Body set) for a 2xx answer it cannot decode, and
// the models' UnmarshalJSON methods return it too.
type DecodeError struct {
	Operation string // set by the client ("AllocationSnapshot"); empty from UnmarshalJSON
	Model     string // the model being decoded, e.g. "AllocationCloud"
	Path      string // JSON path of the failing value: keys joined by dots, list indexes in brackets ("urls.base.status", "items[3].id"); "" is the root
	Offset    int64  // byte offset in the input where the problem was found (best effort)
	Body      []byte // the raw input (the client sets it to the response body)
	Err       error  // the cause, e.g. ErrRequiredPropertyMissing or a syntax error
}

// Error implements error: the operation, the JSON path and the cause.
func (e *DecodeError) Error() string {
	var b strings.Builder
	b.WriteString("piecesos: ")
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	b.WriteString("decode")
	if e.Model != "" {
		b.WriteString(" ")
		b.WriteString(e.Model)
	}
	if e.Path != "" {
		b.WriteString(": ")
		b.WriteString(e.Path)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "piecesos: "))
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// Is reports whether target is ErrInvalidJSON and the input was not valid JSON, or target is
// ErrInvalidValue and the input was valid JSON with a value the model cannot hold.
func (e *DecodeError) Is(target error) bool {
	if target != ErrInvalidJSON && target != ErrInvalidValue {
		return false
	}
	var se *jsonwire.SyntaxError
	syntax := errors.As(e.Err, &se)
	if target == ErrInvalidJSON {
		return syntax
	}
	return e.Err != nil && !syntax && !errors.Is(e.Err, ErrRequiredPropertyMissing)
}

// TransportError reports a request that got no HTTP answer: the connection was refused,
// reset or timed out, the context ended, or a redirect was refused. It wraps the cause, so
// errors.Is(err, context.DeadlineExceeded) and errors.As(err, new(*url.Error)) work.
type TransportError struct {
	Operation string // the operation, e.g. "AllocationSnapshot"
	Attempts  int    // how many times the request was sent
	Err       error  // the last cause
}

// sdkTimeoutError wraps the failure of a call that the SDK's own timeout ended.
type sdkTimeoutError struct {
	timeout time.Duration
	err     error
}

func (e *sdkTimeoutError) Error() string {
	return "timed out after " + e.timeout.String() + " (Configuration.Timeout; the context has no deadline): " + e.err.Error()
}

func (e *sdkTimeoutError) Unwrap() error        { return e.err }
func (e *sdkTimeoutError) Is(target error) bool { return target == ErrTimeout }

// Error implements error: the operation, the attempts and the cause.
func (e *TransportError) Error() string {
	s := "piecesos: " + e.Operation
	if e.Attempts > 1 {
		s += " (after " + strconv.Itoa(e.Attempts) + " attempts)"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// Is reports whether target is ErrConnectionRefused and the connection was refused.
func (e *TransportError) Is(target error) bool {
	return target == ErrConnectionRefused && isConnRefused(e.Err)
}

// ResponseTooLargeError reports a response body larger than Configuration.MaxResponseBytes.
// The body is not read past the limit; the *http.Response is returned with the error, its
// Body empty.
type ResponseTooLargeError struct {
	Operation  string // the operation, e.g. "AllocationSnapshot"
	Limit      int64  // the limit in bytes
	StatusCode int    // the status of the answer
}

// Error implements error: the operation and the limit.
func (e *ResponseTooLargeError) Error() string {
	return fmt.Sprintf("piecesos: %s: response body larger than the limit of %d bytes", e.Operation, e.Limit)
}

// Is reports whether target is ErrResponseTooLarge.
func (e *ResponseTooLargeError) Is(target error) bool { return target == ErrResponseTooLarge }

// RedirectError reports a redirect to another host, refused so that credentials
// (X-Application-ID, Authorization) never leave the configured host. Set
// Configuration.FollowCrossHostRedirects to follow such redirects without credentials.
type RedirectError struct {
	From string // scheme://host of the configured server
	To   string // scheme://host the server redirected to
}

// Error implements error: the refused redirect, without credentials.
func (e *RedirectError) Error() string {
	return "piecesos: refused redirect from " + e.From + " to another host " + e.To
}

// ValidationError reports an argument refused before any I/O: an empty allocation id, say, or
// a context value of the wrong type for its key (Param "context value ContextServerIndex").
type ValidationError struct {
	Operation string // the operation, e.g. "AllocationSnapshot"; empty from ServerURLWithContext
	Param     string // the parameter, e.g. "allocation"
	Reason    string // why it was refused
}

// Error implements error: what was refused and why.
func (e *ValidationError) Error() string {
	s := "piecesos: "
	if e.Operation != "" {
		s += e.Operation + ": "
	}
	return s + "invalid " + e.Param + ": " + e.Reason
}
