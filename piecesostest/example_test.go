package piecesostest_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

func ExampleNewServer() {
	srv := piecesostest.NewServer()
	defer srv.Close()

	api := srv.Client().AllocationAPI
	cloud, _, err := api.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
	if err != nil {
		panic(err)
	}
	fmt.Println(cloud.GetProject(), cloud.GetRegion())

	cloud.SetRegion("europe-west4")
	updated, _, err := api.AllocationUpdate(context.Background()).AllocationCloud(*cloud).Execute()
	if err != nil {
		panic(err)
	}
	fmt.Println(updated.GetRegion(), updated.Updated.GetReadable())
	fmt.Println("violations:", len(srv.Violations()))
	// Output:
	// pieces-prod-01 us-central1
	// europe-west4 just now
	// violations: 0
}

func ExampleServer_FailNext() {
	srv := piecesostest.NewServer()
	defer srv.Close()

	cloud, err := srv.Get(piecesostest.SampleAllocationID)
	if err != nil {
		panic(err)
	}
	srv.FailNext(piecesostest.OpAllocationUpdate, 1, 504, "Gateway Timeout, request timed out.")
	_, _, err = srv.Client().AllocationAPI.AllocationUpdate(context.Background()).AllocationCloud(*cloud).Execute()
	var timeout *piecesos.GatewayTimeoutError
	fmt.Println(errors.As(err, &timeout), timeout.Message)
	// Output:
	// true Gateway Timeout, request timed out.
}

func ExampleServer_Remove() {
	srv := piecesostest.NewServer()
	defer srv.Close()

	srv.Remove(piecesostest.SampleAllocationID)
	_, _, err := srv.Client().AllocationAPI.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
	fmt.Println(errors.Is(err, piecesos.ErrCloudNotFound))
	// Output:
	// true
}

func ExampleServer_SetReady() {
	srv := piecesostest.NewServer()
	defer srv.Close()

	// Pieces OS is starting: every request answers 503.
	srv.SetReady(false)
	cfg := srv.Config()
	cfg.Retry = piecesos.RetryPolicy{MaxRetries: -1} // show the first answer, no retry
	api := piecesos.NewAPIClient(cfg).AllocationAPI
	_, resp, err := api.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
	fmt.Println(resp.StatusCode, err != nil)

	srv.SetReady(true)
	_, resp, err = api.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
	fmt.Println(resp.StatusCode, err)
	// Output:
	// 503 true
	// 200 <nil>
}

func ExampleServer_SetVersion() {
	srv := piecesostest.NewServer()
	defer srv.Close()
	port := srv.Listener.Addr().(*net.TCPAddr).Port

	srv.SetVersion("13.0.0")
	found, err := piecesos.DiscoverDetails(context.Background(), piecesos.DiscoverEnvVar(""),
		piecesos.DiscoverPortFile(""), piecesos.DiscoverLegacyPorts(), piecesos.DiscoverPortRange(port, port),
		// Room for a busy test machine to answer; real code passes no option.
		piecesos.DiscoverProbeTimeout(10*time.Second), piecesos.DiscoverTimeout(30*time.Second))
	if err != nil {
		panic(err)
	}
	fmt.Println(found.VersionErr)
	// Output:
	// piecesos: Pieces OS 13.0.0 is newer than this SDK supports (>= 12.0.0, < 13.0.0): update the SDK (or the plugin built on it)
}
