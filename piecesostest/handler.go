package piecesostest

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

// maxBodyBytes caps the request bodies the fake reads.
const maxBodyBytes = 16 << 20

// Request is one request the server received, as logged by Requests.
type Request struct {
	// Operation is the operation the request was routed to; "" when its method and path
	// match none (it then has a Violation too).
	Operation Operation
	// Method is the HTTP method ("GET").
	Method string
	// Path is the path as sent, still escaped ("/allocation/a%20b").
	Path string
	// RawQuery is the query as sent, without "?" (the contract has none).
	RawQuery string
	// Header holds the request headers, as received.
	Header http.Header
	// Body is the request body (empty when there was none).
	Body []byte
}

// Violation is a request that breaks the API contract of Pieces OS or the HTTP rules it relies
// on: a method or path that matches no operation, a query (no operation has one), a body on
// an operation that takes none, an update body that is not a valid AllocationCloud or not sent
// as application/json, a malformed Accept or Content-Type, or an Accept that admits none of the
// media types the operation answers (application/json and text/plain for the Allocation API,
// text/plain for the WellKnown API). What a client may choose is not a violation: any valid
// Accept that admits one of those types ("*/*", "application/*", "text/plain;q=0.5", none at
// all), a Content-Type on a request without a body, credentials or none.
type Violation struct {
	Operation Operation // as in Request
	Method    string    // the HTTP method
	Path      string    // as sent, still escaped
	Problem   string    // what is wrong, e.g. `unexpected query "x=1"`
}

// String returns "METHOD path: problem".
func (v Violation) String() string {
	return v.Method + " " + v.Path + ": " + v.Problem
}

// Requests returns a copy of the log of every request received so far, in order of arrival.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Header = r.Header.Clone()
		r.Body = append([]byte(nil), r.Body...)
		out[i] = r
	}
	return out
}

// Violations returns a copy of the contract violations found so far, in order of arrival.
// A test of an SDK that keeps the contract asserts it is empty.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Violation(nil), s.violations...)
}

// ClearLog empties the request log and the list of violations.
func (s *Server) ClearLog() {
	s.mu.Lock()
	s.requests = nil
	s.violations = nil
	s.mu.Unlock()
}

// route is where a request goes.
type route struct {
	op      Operation
	id      string // the unescaped allocation id of a snapshot
	status  int    // 404 or 405 when the request matches no operation
	message string // the text body of that answer
}

const (
	pathAllocation       = "/allocation/"
	pathUpdate           = "/allocation/update"
	pathVersion          = "/.well-known/version"
	pathInstallationPath = "/.well-known/installation/path"
)

func routeOf(method, path string) route {
	notAllowed := func(op Operation) route {
		return route{op: op, status: http.StatusMethodNotAllowed, message: "method " + method + " not allowed on " + path}
	}
	switch {
	case path == piecesos.HealthPath:
		if method != http.MethodGet && method != http.MethodHead {
			return notAllowed(OpHealth)
		}
		return route{op: OpHealth}
	case path == pathVersion, path == pathInstallationPath:
		op := OpWellKnownVersion
		if path == pathInstallationPath {
			op = OpInstallationPath
		}
		if method != http.MethodGet {
			return notAllowed(op)
		}
		return route{op: op}
	case path == pathUpdate && method != http.MethodGet:
		// GET /allocation/update is a snapshot of the allocation "update".
		if method != http.MethodPost {
			return notAllowed(OpAllocationUpdate)
		}
		return route{op: OpAllocationUpdate}
	case strings.HasPrefix(path, pathAllocation):
		seg := path[len(pathAllocation):]
		id, err := url.PathUnescape(seg)
		if seg == "" || strings.Contains(seg, "/") || err != nil {
			break
		}
		if method != http.MethodGet {
			return notAllowed(OpAllocationSnapshot)
		}
		return route{op: OpAllocationSnapshot, id: id}
	}
	return route{status: http.StatusNotFound, message: "no such path: " + path}
}

// response is an answer to write.
type response struct {
	status int
	ctype  string
	body   []byte
}

const textPlain = "text/plain; charset=utf-8"

// notReadyMessage is the body of every answer while the server is not ready (SetReady).
const notReadyMessage = "Pieces OS is starting: not ready yet"

func textResponse(status int, msg string) response {
	return response{status: status, ctype: textPlain, body: []byte(msg)}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		writeResponse(w, r, textResponse(http.StatusServiceUnavailable, "piecesostest: server closed"))
		return
	}
	s.active.Add(1)
	s.mu.Unlock()
	defer s.active.Done()

	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return // the client went away while sending
	}
	tooLarge := len(body) > maxBodyBytes
	path := r.URL.EscapedPath()
	rt := routeOf(r.Method, path)

	var parsed map[string]any
	var parseErr error
	if rt.op == OpAllocationUpdate && rt.status == 0 && !tooLarge {
		parsed, parseErr = parseAllocation(body)
	}
	problems := checkContract(r, rt, body, parseErr)
	s.record(Request{
		Operation: rt.op,
		Method:    r.Method,
		Path:      path,
		RawQuery:  r.URL.RawQuery,
		Header:    r.Header.Clone(),
		Body:      body,
	}, problems)

	fault, latency := s.takeFault(rt.op)
	if !s.wait(r.Context(), latency) {
		abort(w)
		return
	}
	if fault != nil {
		if !s.wait(r.Context(), fault.Delay) {
			abort(w)
			return
		}
		switch fault.Kind {
		case FaultStatus:
			status := fault.Status
			if status == 0 {
				status = http.StatusInternalServerError
			}
			ctype := fault.ContentType
			if ctype == "" {
				ctype = textPlain
			}
			writeResponse(w, r, response{status: status, ctype: ctype, body: []byte(fault.Body)})
			return
		case FaultHang:
			select {
			case <-r.Context().Done():
			case <-s.done:
			}
			abort(w)
			return
		case FaultDrop:
			abort(w)
			return
		case FaultTruncate:
			writeTruncated(w, r, s.handle(rt, tooLarge, parsed, parseErr))
			return
		}
	}
	writeResponse(w, r, s.handle(rt, tooLarge, parsed, parseErr))
}

// handle does what the request asks and returns the answer.
func (s *Server) handle(rt route, tooLarge bool, parsed map[string]any, parseErr error) response {
	if rt.status != 0 {
		return textResponse(rt.status, rt.message)
	}
	s.mu.Lock()
	ready, version, installPath := !s.notReady, s.version, s.installPath
	s.mu.Unlock()
	if !ready {
		return textResponse(http.StatusServiceUnavailable, notReadyMessage)
	}
	switch rt.op {
	case OpHealth:
		return textResponse(http.StatusOK, "ok")
	case OpWellKnownVersion:
		return textResponse(http.StatusOK, version)
	case OpInstallationPath:
		return textResponse(http.StatusOK, installPath)
	case OpAllocationSnapshot:
		s.mu.Lock()
		data, ok := s.store[rt.id]
		s.mu.Unlock()
		if !ok {
			return textResponse(http.StatusGone, "Cloud not found.")
		}
		return response{status: http.StatusOK, ctype: "application/json", body: data}
	default: // OpAllocationUpdate
		if tooLarge {
			return textResponse(http.StatusInternalServerError, "request body larger than "+strconv.Itoa(maxBodyBytes)+" bytes")
		}
		if parseErr != nil {
			return textResponse(http.StatusInternalServerError, parseErr.Error())
		}
		stamp(parsed, s.clock())
		data := encodeAllocation(parsed)
		s.mu.Lock()
		s.store[allocationID(parsed)] = data
		s.mu.Unlock()
		return response{status: http.StatusOK, ctype: "application/json", body: data}
	}
}

// checkContract returns what is wrong with a request, by the API contract and the HTTP rules
// (see Violation).
func checkContract(r *http.Request, rt route, body []byte, parseErr error) []string {
	if rt.status != 0 {
		return []string{rt.message}
	}
	var problems []string
	if r.URL.RawQuery != "" {
		problems = append(problems, "unexpected query "+strconv.Quote(r.URL.RawQuery))
	}
	if p := acceptProblem(r.Header.Values("Accept"), answerTypes(rt.op)); p != "" {
		problems = append(problems, p)
	}
	cts := r.Header.Values("Content-Type")
	ct := strings.Join(cts, ", ")
	ctValid, ctJSON := true, false
	switch {
	case len(cts) > 1:
		ctValid = false
		problems = append(problems, "more than one Content-Type: "+strconv.Quote(ct))
	case len(cts) == 1:
		mt, problem := parseMediaType(ct, false)
		if problem != "" {
			ctValid = false
			problems = append(problems, "malformed Content-Type "+strconv.Quote(ct)+": "+problem)
		}
		ctJSON = problem == "" && mt.typ == "application" && mt.sub == "json"
	}
	switch {
	case len(body) > 0 && rt.op != OpAllocationUpdate:
		problems = append(problems, "unexpected body on "+string(rt.op)+" ("+strconv.Itoa(len(body))+" bytes): the operation takes none")
	case len(body) > 0 && ctValid && !ctJSON:
		problems = append(problems, "Content-Type is "+strconv.Quote(ct)+` on a body, want "application/json"`)
	}
	if rt.op == OpAllocationSnapshot && (rt.id == "." || rt.id == "..") {
		problems = append(problems, "allocation id "+strconv.Quote(rt.id)+" changes the path")
	}
	if rt.op == OpAllocationUpdate && len(body) > 0 && parseErr != nil {
		problems = append(problems, "body: "+trimProblem(parseErr.Error()))
	}
	return problems
}

// answerTypes returns the media types the answers of op can have, by the API description:
// the Allocation API answers JSON (200) or text (errors), the WellKnown API text.
func answerTypes(op Operation) []string {
	switch op {
	case OpAllocationSnapshot, OpAllocationUpdate:
		return []string{"application/json", "text/plain"}
	}
	return []string{"text/plain"}
}

func (s *Server) record(req Request, problems []string) {
	s.mu.Lock()
	s.requests = append(s.requests, req)
	for _, p := range problems {
		s.violations = append(s.violations, Violation{Operation: req.Operation, Method: req.Method, Path: req.Path, Problem: p})
	}
	s.mu.Unlock()
	if l := s.logger; l != nil {
		l.Info("piecesostest request", "method", req.Method, "path", req.Path, "operation", string(req.Operation))
		for _, p := range problems {
			l.Warn("piecesostest contract violation", "method", req.Method, "path", req.Path, "problem", p)
		}
	}
}

// wait waits d; it reports false when the client gave up or the server closed first.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}

func writeResponse(w http.ResponseWriter, r *http.Request, resp response) {
	h := w.Header()
	h.Set("Content-Type", resp.ctype)
	h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	if resp.ctype == textPlain {
		h.Set("X-Content-Type-Options", "nosniff")
	}
	w.WriteHeader(resp.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(resp.body)
	}
}

// abort closes the connection without an answer.
func abort(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // net/http closes the connection (or resets the stream)
}

// writeTruncated sends resp with a Content-Length larger than the bytes sent, then closes
// the connection.
func writeTruncated(w http.ResponseWriter, r *http.Request, resp response) {
	sent := resp.body[:len(resp.body)/2]
	declared := len(resp.body)
	if declared == len(sent) {
		declared++
	}
	if hj, ok := w.(http.Hijacker); ok {
		if conn, rw, err := hj.Hijack(); err == nil {
			defer conn.Close()
			writeRawHead(rw.Writer, resp, declared)
			if r.Method != http.MethodHead {
				_, _ = rw.Write(sent)
			}
			_ = rw.Flush()
			return
		}
	}
	h := w.Header()
	h.Set("Content-Type", resp.ctype)
	h.Set("Content-Length", strconv.Itoa(declared))
	w.WriteHeader(resp.status)
	_, _ = w.Write(sent)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler)
}

func writeRawHead(w *bufio.Writer, resp response, contentLength int) {
	_, _ = w.WriteString("HTTP/1.1 " + strconv.Itoa(resp.status) + " " + http.StatusText(resp.status) + "\r\n")
	_, _ = w.WriteString("Content-Type: " + resp.ctype + "\r\n")
	_, _ = w.WriteString("Content-Length: " + strconv.Itoa(contentLength) + "\r\n")
	_, _ = w.WriteString("Connection: close\r\n\r\n")
}
