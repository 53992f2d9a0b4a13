package piecesostest_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// TestCloseReleasesClientConnections: Close closes the idle connections of the clients the
// fake handed out (Client, and clients made from Config), as httptest.Server.Close does:
// 20 fakes used through both and closed leave no goroutine behind.
func TestCloseReleasesClientConnections(t *testing.T) {
	baseline := runtime.NumGoroutine()
	for i := 0; i < 20; i++ {
		srv := piecesostest.NewServer()
		_, _, err := srv.Client().AllocationAPI.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
		require.NoError(t, err)
		_, _, err = piecesos.NewAPIClient(srv.Config()).AllocationAPI.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
		require.NoError(t, err)
		srv.Close()
	}
	deadline := time.Now().Add(10 * time.Second) // a poll: only a leak or a starved machine waits it out
	n := runtime.NumGoroutine()
	for n > baseline && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	if n > baseline {
		buf := make([]byte, 1<<20)
		t.Fatalf("goroutines: %d after closing 20 fakes, baseline %d\n%s", n, baseline, buf[:runtime.Stack(buf, true)])
	}
}
