// Command piecesos-fake serves the fake Pieces OS of package piecesostest, for developers of
// plugins and clients in any language who need a Pieces OS to test against.
//
// Usage:
//
//	piecesos-fake [-addr 127.0.0.1:39300] [-empty] [-quiet]
//
// It serves the Allocation API (GET /allocation/{id}, POST /allocation/update) and the health
// check (HEAD and GET /.well-known/health) on -addr, seeded with the sample allocation
// 8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10 unless -empty is given. Every request is logged to
// standard error, with any breach of the API contract, unless -quiet is given. It stops
// cleanly on SIGINT or SIGTERM and then prints how many requests broke the contract.
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
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
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
	srv.Start()

	fmt.Fprintf(stdout, "piecesos-fake: fake Pieces OS serving at %s\n", srv.URL)
	if !*empty {
		fmt.Fprintf(stdout, "piecesos-fake: sample allocation %s\n", piecesostest.SampleAllocationID)
	}
	fmt.Fprintf(stdout, "piecesos-fake: export PIECES_OS_URL=%s to point the SDK's Discover at it; Ctrl-C stops\n", srv.URL)

	<-ctx.Done()
	srv.Close()
	fmt.Fprintf(stdout, "piecesos-fake: stopped after %d requests, %d contract violations\n", len(srv.Requests()), len(srv.Violations()))
	return nil
}
