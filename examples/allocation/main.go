// Command allocation shows the Pieces OS SDK's main job: it waits until Pieces OS is ready and
// checks that this SDK supports its version, takes a snapshot of an allocation, changes a
// field, sends the update, and handles a missing allocation (410) with errors.As.
//
// With no flags it starts an embedded fake Pieces OS (package piecesostest), so it runs on a
// fresh machine:
//
//	go run ./examples/allocation
//
// Point it at a real Pieces OS with -url or -discover, and send an application id with
// -app-id:
//
//	go run ./examples/allocation -discover -id <your allocation id> -app-id <id>
//
// Against a real Pieces OS the update sends the allocation back unchanged unless -region is
// given.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// missingID is an allocation no Pieces OS holds.
const missingID = "00000000-0000-0000-0000-000000000000"

// fakeRegion is the region the example sets on the embedded fake.
const fakeRegion = "europe-west4"

// readyTimeout bounds the wait for Pieces OS to answer its health check.
const readyTimeout = 10 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "allocation:", err)
		os.Exit(1)
	}
}

// run is the whole example; main only wires it to the process.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("allocation", flag.ContinueOnError)
	fs.SetOutput(stdout)
	baseURL := fs.String("url", "", "base URL of a running Pieces OS, e.g. http://localhost:39300 (default: an embedded fake)")
	discover := fs.Bool("discover", false, "find the running Pieces OS (PIECES_OS_URL, port file, port scan, legacy port)")
	appID := fs.String("app-id", "", "application id, sent as X-Application-ID")
	id := fs.String("id", piecesostest.SampleAllocationID, "the allocation to snapshot and update")
	region := fs.String("region", "", "the region to set (default: "+fakeRegion+" on the embedded fake, unchanged on a real Pieces OS)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *baseURL != "" && *discover {
		return errors.New("-url and -discover exclude each other")
	}

	// 1. A Configuration pointing at Pieces OS.
	var cfg *piecesos.Configuration
	switch {
	case *baseURL != "":
		cfg = piecesos.NewConfiguration()
		cfg.Servers = piecesos.ServerConfigurations{{URL: *baseURL, Description: "from -url"}}
		fmt.Fprintf(stdout, "Pieces OS: %s (from -url)\n", *baseURL)
	case *discover:
		found, err := piecesos.DiscoverDetails(ctx)
		if err != nil {
			return err
		}
		cfg = piecesos.NewConfiguration()
		cfg.Servers = piecesos.ServerConfigurations{{URL: found.URL, Description: "found through the " + found.Route}}
		fmt.Fprintf(stdout, "Pieces OS: %s (found through the %s %s)\n", found.URL, found.Route, found.Target)
	default:
		fake := piecesostest.NewServer()
		defer fake.Close()
		cfg = fake.Config()
		if *region == "" {
			*region = fakeRegion
		}
		fmt.Fprintf(stdout, "Pieces OS: %s (embedded fake from piecesostest; -url or -discover for a real one)\n", fake.URL)
	}
	client := piecesos.NewAPIClient(cfg)
	if *appID != "" {
		ctx = context.WithValue(ctx, piecesos.ContextAPIKeys, map[string]piecesos.APIKey{"application": {Key: *appID}})
	}

	// 2. Ready, and a version this SDK supports? WaitReady polls the health check, then reads
	// the version and checks it against [MinPiecesOSVersion, MaxPiecesOSVersion).
	readyCtx, cancel := context.WithTimeout(ctx, readyTimeout)
	info, err := client.WaitReady(readyCtx)
	cancel()
	switch {
	case errors.Is(err, piecesos.ErrIncompatibleVersion):
		return err // says whether to update Pieces OS or this SDK
	case err != nil:
		return fmt.Errorf("waiting for Pieces OS: %w", err)
	case info.Development:
		fmt.Fprintf(stdout, "Version:   %s, a development build (not checked)\n", info.Raw)
	default:
		fmt.Fprintf(stdout, "Version:   %s, supported by this SDK (>= %s, < %s)\n", info.Version, piecesos.MinPiecesOSVersion, piecesos.MaxPiecesOSVersion)
	}

	// 3. Snapshot.
	cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, *id).Execute()
	if err != nil {
		return fmt.Errorf("snapshot of %s: %w", *id, err)
	}
	fmt.Fprintf(stdout, "\n1. Snapshot of allocation %s\n", *id)
	printCloud(stdout, cloud)

	// 4. Change a field and update. Everything else, including fields this SDK does not
	// know yet, goes back as it came.
	before := cloud.GetRegion()
	if *region != "" {
		cloud.SetRegion(*region)
		fmt.Fprintf(stdout, "\n2. Update: region %s -> %s\n", before, *region)
	} else {
		fmt.Fprintf(stdout, "\n2. Update: region unchanged (%s); -region changes it\n", before)
	}
	updated, _, err := client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	if err != nil {
		return fmt.Errorf("update of %s: %w", *id, err)
	}
	printCloud(stdout, updated)

	// 5. A missing allocation: Pieces OS answers 410, the SDK returns a
	// *piecesos.CloudNotFoundError (wrapped in a *piecesos.GenericOpenAPIError).
	fmt.Fprintf(stdout, "\n3. Snapshot of allocation %s\n", missingID)
	_, _, err = client.AllocationAPI.AllocationSnapshot(ctx, missingID).Execute()
	var notFound *piecesos.CloudNotFoundError
	switch {
	case errors.As(err, &notFound):
		fmt.Fprintf(stdout, "   not found: HTTP %d %q, handled with errors.As(err, &notFound)\n", notFound.StatusCode, notFound.Message)
	case err != nil:
		return fmt.Errorf("snapshot of %s: %w", missingID, err)
	default:
		return fmt.Errorf("snapshot of %s: want a 410 (cloud not found), got an allocation", missingID)
	}
	fmt.Fprintln(stdout, "\nDone.")
	return nil
}

// printCloud prints the main fields of an allocation.
func printCloud(w io.Writer, c *piecesos.AllocationCloud) {
	urls, status := c.GetUrls(), c.GetStatus()
	fmt.Fprintf(w, "   project   %s\n", c.GetProject())
	fmt.Fprintf(w, "   region    %s\n", c.GetRegion())
	fmt.Fprintf(w, "   status    %s\n", status.GetCloud())
	fmt.Fprintf(w, "   version   %s\n", c.GetVersion())
	fmt.Fprintf(w, "   base URL  %s (%s)\n", urls.Base.GetUrl(), urls.Base.GetStatus())
	if c.HasUpdated() {
		u := c.GetUpdated()
		fmt.Fprintf(w, "   updated   %s (%s)\n", u.GetValue().UTC().Format("2006-01-02 15:04:05 MST"), u.GetReadable())
	}
}
