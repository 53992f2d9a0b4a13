// Package piecesostest provides a fake Pieces OS for tests, in the manner of net/http/httptest.
//
// NewServer starts a fake on a random port of 127.0.0.1 that speaks the Allocation API: it
// keeps allocations in memory (seeded with a realistic one, SampleAllocationID) and answers
// GET /allocation/{id} and POST /allocation/update as Pieces OS does. It also serves the
// WellKnown API, without credentials: HEAD and GET /.well-known/health ("ok"),
// GET /.well-known/version (DefaultVersion, or SetVersion) and
// GET /.well-known/installation/path (DefaultInstallationPath, or SetInstallationPath); with
// SetReady(false) it answers 503 to everything, as Pieces OS does while it starts. Every
// request is logged (Requests) and checked against the API contract (Violations), and faults
// can be injected per operation: error statuses, latency, hangs, dropped connections and
// truncated bodies.
//
//	srv := piecesostest.NewServer()
//	defer srv.Close()
//	cloud, _, err := srv.Client().AllocationAPI.AllocationSnapshot(ctx, piecesostest.SampleAllocationID).Execute()
//
// A Server is safe for concurrent use. The fake validates request bodies on its own, with
// encoding/json, rather than with the SDK's decoder, so it is a second opinion on what the SDK
// sends.
package piecesostest

import (
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

// Defaults of the WellKnown API of a new Server.
const (
	// DefaultVersion is the version a new Server reports (GET /.well-known/version): one
	// inside the range the SDK supports.
	DefaultVersion = "12.3.1"
	// DefaultInstallationPath is the installation path a new Server reports
	// (GET /.well-known/installation/path). Nothing is installed there.
	DefaultInstallationPath = "/opt/pieces-os"
)

// Server is a fake Pieces OS listening on a loopback address.
type Server struct {
	// URL is the base URL of the server, "http://127.0.0.1:port", set by Start.
	URL string
	// Listener is the listener Start serves on. When nil, Start listens on a random port of
	// 127.0.0.1. Set it between NewUnstartedServer and Start to serve on another address.
	Listener net.Listener

	clock  func() time.Time
	logger *slog.Logger

	mu          sync.Mutex
	store       map[string][]byte // id → the allocation as JSON (every key kept)
	requests    []Request
	violations  []Violation
	faults      []*queuedFault
	latency     time.Duration
	version     string // GET /.well-known/version
	installPath string // GET /.well-known/installation/path
	notReady    bool   // every operation answers 503
	closed      bool
	started     bool
	conns       int // TCP connections accepted

	done       chan struct{} // closed by Close: wakes hung and delayed handlers
	active     sync.WaitGroup
	srv        *http.Server
	serveDone  chan struct{}
	clientOnce sync.Once
	client     *piecesos.APIClient
	closeOnce  sync.Once
}

// Option configures a Server made by NewServer or NewUnstartedServer.
type Option func(*Server)

// WithoutSeed starts the server with an empty store instead of the sample allocation.
func WithoutSeed() Option {
	return func(s *Server) { s.store = map[string][]byte{} }
}

// WithClock sets the clock that stamps updated allocations (default time.Now).
func WithClock(now func() time.Time) Option {
	return func(s *Server) {
		if now != nil {
			s.clock = now
		}
	}
}

// WithLogger logs every request (at slog.LevelInfo) and every contract violation (at
// slog.LevelWarn) to l.
func WithLogger(l *slog.Logger) Option {
	return func(s *Server) { s.logger = l }
}

// NewServer starts and returns a new fake Pieces OS on a random port of 127.0.0.1. The caller
// should call Close when finished, to shut it down. It panics when it cannot listen, as
// httptest.NewServer does.
func NewServer(opts ...Option) *Server {
	s := NewUnstartedServer(opts...)
	s.Start()
	return s
}

// NewUnstartedServer returns a new fake Pieces OS that is not started yet: set Listener if
// needed, then call Start. Its Handler can also be mounted on a server of your own.
func NewUnstartedServer(opts ...Option) *Server {
	s := &Server{
		clock:       time.Now,
		done:        make(chan struct{}),
		version:     DefaultVersion,
		installPath: DefaultInstallationPath,
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	if s.store == nil {
		s.store = map[string][]byte{SampleAllocationID: sampleEncoded}
	}
	return s
}

// Start starts a server from NewUnstartedServer. It panics when the server was started or
// closed before, or when it cannot listen.
func (s *Server) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.closed {
		panic("piecesostest: Server already started or closed")
	}
	if s.Listener == nil {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic("piecesostest: failed to listen on a port: " + err.Error())
		}
		s.Listener = ln
	}
	s.started = true
	s.URL = "http://" + s.Listener.Addr().String()
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
		ConnState: func(_ net.Conn, state http.ConnState) {
			if state == http.StateNew {
				s.mu.Lock()
				s.conns++
				s.mu.Unlock()
			}
		},
	}
	s.serveDone = make(chan struct{})
	go func(srv *http.Server, ln net.Listener) {
		defer close(s.serveDone)
		_ = srv.Serve(ln) // returns http.ErrServerClosed after Close
	}(s.srv, s.Listener)
}

// Close shuts the server down: it stops listening, closes every connection, wakes handlers
// that hang or wait because of a fault, closes the idle connections of the clients it handed
// out (Client, and those made from Config, which share the SDK's transport), as
// httptest.Server.Close does, and returns when every handler has returned. Calls to a closed
// server fail to connect. Close may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		srv, started := s.srv, s.started
		s.mu.Unlock()
		close(s.done)
		if started {
			_ = srv.Close()
			<-s.serveDone
		} else if s.Listener != nil {
			_ = s.Listener.Close()
		}
		// Clients made from Config (Client's too) share one transport: any of them closes
		// its idle connections, as httptest.Server.Close closes its client's.
		piecesos.NewAPIClient(s.Config()).CloseIdleConnections()
		s.active.Wait()
	})
}

// Connections returns how many TCP connections the server has accepted since Start (those
// served through Handler on a server of your own are not counted). With keep-alive, many
// requests share one connection.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

// Config returns a new Configuration (from piecesos.NewConfiguration) whose only server is
// the fake's URL. Everything else keeps the SDK's defaults, retries included.
func (s *Server) Config() *piecesos.Configuration {
	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: s.URL, Description: "piecesostest fake Pieces OS"}}
	return cfg
}

// Client returns an APIClient made from Config. Every call returns the same client.
func (s *Server) Client() *piecesos.APIClient {
	s.clientOnce.Do(func() { s.client = piecesos.NewAPIClient(s.Config()) })
	return s.client
}

// Handler returns the fake as an http.Handler, to mount on a server of your own. Requests it
// serves share the store, log, contract checks and faults of s; after Close it answers 503.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

// SetVersion sets the body of GET /.well-known/version (default DefaultVersion), served as
// given: "13.0.0", "12.0.0-rc.1", "debug" and strings that are no version at all are useful to
// test how a client handles them.
func (s *Server) SetVersion(v string) {
	s.mu.Lock()
	s.version = v
	s.mu.Unlock()
}

// SetInstallationPath sets the body of GET /.well-known/installation/path (default
// DefaultInstallationPath).
func (s *Server) SetInstallationPath(path string) {
	s.mu.Lock()
	s.installPath = path
	s.mu.Unlock()
}

// SetReady sets whether the server is ready (a new Server is). A server that is not ready
// behaves as Pieces OS while it starts: it accepts connections, logs and checks requests, but
// answers every operation, the health check included, with 503 and a text/plain body (faults
// still act first). SetReady(true) ends that at once. To test a client that waits for Pieces OS
// to start:
//
//	srv.SetReady(false)
//	time.AfterFunc(200*time.Millisecond, func() { srv.SetReady(true) })
func (s *Server) SetReady(ready bool) {
	s.mu.Lock()
	s.notReady = !ready
	s.mu.Unlock()
}
