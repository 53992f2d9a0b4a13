package piecesostest

import (
	"strconv"
	"time"
)

// Operation names what a request asks for; faults are injected per operation.
type Operation string

// The operations of the fake, as the SDK names them.
const (
	// OpAllocationSnapshot is GET /allocation/{id}.
	OpAllocationSnapshot Operation = "AllocationSnapshot"
	// OpAllocationUpdate is POST /allocation/update.
	OpAllocationUpdate Operation = "AllocationUpdate"
	// OpHealth is HEAD or GET /.well-known/health.
	OpHealth Operation = "Health"
	// OpWellKnownVersion is GET /.well-known/version.
	OpWellKnownVersion Operation = "GetWellKnownVersion"
	// OpInstallationPath is GET /.well-known/installation/path.
	OpInstallationPath Operation = "GetInstallationPath"
	// OpAny, used when injecting a fault, matches every request, including those to unknown
	// paths. A Request never has it.
	OpAny Operation = "*"
)

// Always, as the count of a fault, applies it to every matching request until ClearFaults.
const Always = -1

// FaultKind says what a Fault does to a request.
type FaultKind int

// The kinds of fault.
const (
	// FaultStatus answers Fault.Status with Fault.Body instead of handling the request (an
	// update is not stored).
	FaultStatus FaultKind = iota + 1
	// FaultDelay waits Fault.Delay, then handles the request normally: latency.
	FaultDelay
	// FaultHang never answers and does not handle the request: the handler returns when the
	// client gives up (the request's context is done) or when the server is closed, and then
	// the connection is closed without an answer.
	FaultHang
	// FaultDrop closes the connection without an answer and does not handle the request.
	// net/http may itself resend an idempotent request (a snapshot) once on a new connection
	// when a reused one is dropped, which consumes the next count of the fault.
	FaultDrop
	// FaultTruncate handles the request (an update is stored), then sends the answer with a
	// Content-Length larger than the bytes sent (half of the body) and closes the connection.
	FaultTruncate
)

// String returns the name of the kind, e.g. "FaultStatus".
func (k FaultKind) String() string {
	switch k {
	case FaultStatus:
		return "FaultStatus"
	case FaultDelay:
		return "FaultDelay"
	case FaultHang:
		return "FaultHang"
	case FaultDrop:
		return "FaultDrop"
	case FaultTruncate:
		return "FaultTruncate"
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Fault is what happens to a request instead of (or before) its normal handling. Requests
// are still logged and checked against the contract before a fault acts.
type Fault struct {
	// Kind says what the fault does.
	Kind FaultKind
	// Status is the status of a FaultStatus answer; 0 means 500.
	Status int
	// Body is the body of a FaultStatus answer.
	Body string
	// ContentType of a FaultStatus answer; default "text/plain; charset=utf-8", as the
	// documented error answers of Pieces OS.
	ContentType string
	// Delay is waited before the fault acts, for every kind; the wait ends early, without an
	// answer, when the client gives up or the server is closed.
	Delay time.Duration
}

type queuedFault struct {
	op    Operation
	left  int // requests left; Always (negative) never runs out
	fault Fault
}

// InjectFault makes f happen to the next n requests of op (OpAny for every operation), or
// to every one when n is Always; n == 0 does nothing. Faults queued earlier act first: each
// matching request takes one count of the first fault queued for its operation (or OpAny).
func (s *Server) InjectFault(op Operation, n int, f Fault) {
	if n == 0 {
		return
	}
	if n < 0 {
		n = Always
	}
	s.mu.Lock()
	s.faults = append(s.faults, &queuedFault{op: op, left: n, fault: f})
	s.mu.Unlock()
}

// FailNext answers the next n requests of op with status and body (text/plain) instead of
// handling them. Note that the SDK retries snapshots after 429, 502, 503 and 504 by default:
// each attempt takes one count.
func (s *Server) FailNext(op Operation, n int, status int, body string) {
	s.InjectFault(op, n, Fault{Kind: FaultStatus, Status: status, Body: body})
}

// DelayNext adds latency d to the next n requests of op (Always: every request), which are
// then handled normally.
func (s *Server) DelayNext(op Operation, n int, d time.Duration) {
	s.InjectFault(op, n, Fault{Kind: FaultDelay, Delay: d})
}

// HangNext makes the next n requests of op hang until the client gives up or the server is
// closed; they get no answer.
func (s *Server) HangNext(op Operation, n int) {
	s.InjectFault(op, n, Fault{Kind: FaultHang})
}

// DropNext closes the connection of the next n requests of op without an answer.
func (s *Server) DropNext(op Operation, n int) {
	s.InjectFault(op, n, Fault{Kind: FaultDrop})
}

// TruncateNext handles the next n requests of op, then sends each answer cut in half, with
// the Content-Length of the whole, and closes the connection.
func (s *Server) TruncateNext(op Operation, n int) {
	s.InjectFault(op, n, Fault{Kind: FaultTruncate})
}

// SetLatency adds d before the handling of every request (faults included) until changed;
// 0 removes it.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}

// ClearFaults removes every queued fault and the latency.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.latency = 0
	s.mu.Unlock()
}

// takeFault returns the fault for a request of op, consuming one count, and the latency.
func (s *Server) takeFault(op Operation) (*Fault, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, q := range s.faults {
		if q.op != op && q.op != OpAny {
			continue
		}
		f := q.fault
		if q.left > 0 {
			q.left--
			if q.left == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &f, s.latency
	}
	return nil, s.latency
}
