package piecesostest_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// closeCounter is a transport that counts the calls of CloseIdleConnections.
type closeCounter struct {
	*http.Transport
	closed atomic.Int64
}

func (c *closeCounter) CloseIdleConnections() {
	c.closed.Add(1)
	c.Transport.CloseIdleConnections()
}

// TestCloseReleasesClientConnections: Close closes the idle connections of the clients the
// fake handed out, as httptest.Server.Close does. Seen through a replaced
// http.DefaultTransport, which the SDK's default clients send through (and close) while it is
// replaced.
func TestCloseReleasesClientConnections(t *testing.T) {
	orig := http.DefaultTransport
	counter := &closeCounter{Transport: orig.(*http.Transport).Clone()}
	http.DefaultTransport = counter
	t.Cleanup(func() {
		http.DefaultTransport = orig
		counter.Transport.CloseIdleConnections()
	})

	srv := piecesostest.NewServer()
	_, _, err := srv.Client().AllocationAPI.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
	require.NoError(t, err)
	require.Zero(t, counter.closed.Load())
	srv.Close()
	assert.Positive(t, counter.closed.Load(), "Close closed the clients' idle connections")
}
