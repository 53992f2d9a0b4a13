// Command piecesos-fake serves the fake Pieces OS of package piecesostest, for developers of
// plugins and clients in any language who need a Pieces OS to test against.
//
// Usage:
//
//	piecesos-fake [-addr 127.0.0.1:39300] [-empty] [-quiet] [-version 12.3.1]
//	              [-installation-path /opt/pieces-os] [-ready-after 0s]
//
// It serves the Allocation API (GET /allocation/{id}, POST /allocation/update) and the WellKnown
// API (HEAD and GET /.well-known/health, GET /.well-known/version, GET
// /.well-known/installation/path) on -addr, seeded with the sample allocation
// 8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10 unless -empty is given. -version sets the version it
// reports (try "13.0.0" or "debug" to test how a client checks it); with -ready-after it answers
// 503 to everything, as Pieces OS does while it starts, for that long. Every request is logged
// to standard error, with any breach of the API contract, unless -quiet is given. A breach is a
// request no Pieces OS client should send: a wrong method or path, an update body that is not a
// valid AllocationCloud, a malformed header, an Accept that admits none of the answer's types.
// It stops cleanly on SIGINT or SIGTERM and then prints how many requests broke the contract.
//
// The default address is the first port a real Pieces OS uses, so that discovery (the
// PIECES_OS_URL variable, or the port scan of the SDK's Discover) finds the fake.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, "piecesos-fake:", err)
		os.Exit(2)
	}
}

// run serves the fake until ctx is done. The URL and the summary go to stdout; the request
// log and usage errors to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("piecesos-fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:39300", "`host:port` to listen on (port 0 picks a free port)")
	empty := fs.Bool("empty", false, "start with no allocation instead of the sample one")
	quiet := fs.Bool("quiet", false, "do not log requests and contract violations")
	version := fs.String("version", piecesostest.DefaultVersion, "the `version` GET /.well-known/version reports")
	installPath := fs.String("installation-path", piecesostest.DefaultInstallationPath, "the `path` GET /.well-known/installation/path reports")
	readyAfter := fs.Duration("ready-after", 0, "answer 503 to every request for this `duration` after the start, as Pieces OS does while it starts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if *readyAfter < 0 {
		return fmt.Errorf("-ready-after %v: want a duration of zero or more", *readyAfter)
	}

	var opts []piecesostest.Option
	if *empty {
		opts = append(opts, piecesostest.WithoutSeed())
	}
	if !*quiet {
		opts = append(opts, piecesostest.WithLogger(slog.New(slog.NewTextHandler(stderr, nil))))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := piecesostest.NewUnstartedServer(opts...)
	srv.Listener = ln
	srv.SetVersion(*version)
	srv.SetInstallationPath(*installPath)
	var ready <-chan time.Time
	if *readyAfter > 0 {
		srv.SetReady(false)
		timer := time.NewTimer(*readyAfter)
		defer timer.Stop()
		ready = timer.C
	}
	srv.Start()

	fmt.Fprintf(stdout, "piecesos-fake: fake Pieces OS %s serving at %s\n", *version, srv.URL)
	if !*empty {
		fmt.Fprintf(stdout, "piecesos-fake: sample allocation %s\n", piecesostest.SampleAllocationID)
	}
	if *readyAfter > 0 {
		fmt.Fprintf(stdout, "piecesos-fake: starting: every request answers 503 for %v\n", *readyAfter)
	}
	fmt.Fprintf(stdout, "piecesos-fake: export PIECES_OS_URL=%s to point the SDK's Discover at it; Ctrl-C stops\n", srv.URL)

	for ready != nil {
		select {
		case <-ready:
			srv.SetReady(true)
			ready = nil
			fmt.Fprintln(stdout, "piecesos-fake: ready")
		case <-ctx.Done():
			ready = nil
		}
	}
	<-ctx.Done()
	srv.Close()
	fmt.Fprintf(stdout, "piecesos-fake: stopped after %d requests, %d contract violations\n", len(srv.Requests()), len(srv.Violations()))
	return nil
}
