package test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

const (
	goroutines        = 64
	callsPerGoroutine = 100
)

// One APIClient with the default configuration, shared by 64 goroutines making 100 calls each
// (snapshots and updates of their own allocation, and snapshots of the shared sample): no
// error, no retry, no data race, and at most 64 TCP connections.
func TestSharedClientUnderConcurrency(t *testing.T) {
	checkGoroutines(t)
	ln := newCountingListener(t)
	srv := newFakeOn(t, ln)
	for g := 0; g < goroutines; g++ {
		cloud, err := srv.Get(sampleID)
		require.NoError(t, err)
		cloud.SetId(fmt.Sprintf("alloc-%02d", g))
		require.NoError(t, srv.Put(*cloud))
	}
	client := srv.Client() // the SDK's defaults: own transport, retries on
	ctx := context.Background()

	var failures atomic.Int64
	errs := make(chan error, goroutines)
	var wg sync.WaitGroup
	start := make(chan struct{})
	began := time.Now()
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			<-start
			id := fmt.Sprintf("alloc-%02d", g)
			region := "initial"
			fail := func(err error) {
				if failures.Add(1) <= goroutines {
					errs <- err
				}
			}
			for i := 0; i < callsPerGoroutine; i++ {
				switch i % 4 {
				case 0, 2: // snapshot of our own allocation: sees our last update
					cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, id).Execute()
					if err != nil {
						fail(fmt.Errorf("%s call %d: %w", id, i, err))
						continue
					}
					if cloud.Id != id || (region != "initial" && cloud.GetRegion() != region) {
						fail(fmt.Errorf("%s call %d: snapshot of %s with region %q, want region %q", id, i, cloud.Id, cloud.GetRegion(), region))
					}
				case 1: // update of our own allocation
					cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, id).Execute()
					if err != nil {
						fail(fmt.Errorf("%s call %d: %w", id, i, err))
						continue
					}
					i++ // the snapshot above counts as a call
					region = fmt.Sprintf("region-%d-%d", g, i)
					cloud.SetRegion(region)
					updated, _, err := client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
					if err != nil {
						fail(fmt.Errorf("%s call %d: %w", id, i, err))
						continue
					}
					if updated.Id != id || updated.GetRegion() != region {
						fail(fmt.Errorf("%s call %d: update answered %s with region %q, want %q", id, i, updated.Id, updated.GetRegion(), region))
					}
				case 3: // snapshot of the allocation every goroutine reads
					cloud, _, err := client.AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()
					if err != nil {
						fail(fmt.Errorf("%s call %d: %w", id, i, err))
						continue
					}
					if cloud.GetRegion() != "us-central1" {
						fail(fmt.Errorf("%s call %d: sample region %q", id, i, cloud.GetRegion()))
					}
				}
			}
		}(g)
	}
	close(start)
	wg.Wait()
	elapsed := time.Since(began)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	require.Zero(t, failures.Load(), "failed calls")

	total := goroutines * callsPerGoroutine
	reqs := srv.Requests()
	assert.Len(t, reqs, total, "every call is one request: nothing was retried")

	// The transport never has more than 64 connections open (MaxConnsPerHost). The number of
	// connections accepted over the run can exceed 64 only by the connections the client closed
	// and replaced on the way: net/http discards a connection when it does not see its own
	// write finish within 50ms of the answer (maxWriteWaitBeforeConnReuse), which happens, rarely,
	// on a starved 2-core machine under -race.
	accepted, closed := ln.counts()
	deadline := time.Now().Add(10 * time.Second) // a poll: ends as soon as the counts agree
	for accepted-closed > goroutines && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // the server notices a client's close a moment later
		accepted, closed = ln.counts()
	}
	conns := srv.Connections()
	peak, _ := ln.peakOpen() // only logged: see TestConnectionsCappedForManyCallers
	assert.Equal(t, accepted, conns, "the fake's Connections and the listener agree")
	assert.LessOrEqual(t, accepted-closed, goroutines, "TCP connections open at the end")
	assert.LessOrEqual(t, conns, goroutines+closed, "TCP connections accepted beyond 64 replace closed ones")
	assert.LessOrEqual(t, closed, 16, "connections are kept alive and reused")
	t.Logf("%d goroutines × %d calls = %d requests in %v; %d TCP connections accepted (Connections()), %d closed by the end of the run, at most %d open at once",
		goroutines, callsPerGoroutine, len(reqs), elapsed.Round(time.Millisecond), conns, closed, peak)

	// Every goroutine's last update is stored.
	for g := 0; g < goroutines; g++ {
		stored, err := srv.Get(fmt.Sprintf("alloc-%02d", g))
		require.NoError(t, err)
		assert.Regexp(t, fmt.Sprintf(`^region-%d-\d+$`, g), stored.GetRegion())
	}
}

// More callers than connections: 256 goroutines whose calls overlap (the fake takes 50ms per
// answer) still share at most 64 TCP connections, the default transport's limit per host.
func TestConnectionsCappedForManyCallers(t *testing.T) {
	const callers = 256
	checkGoroutines(t)
	ln := newCountingListener(t)
	srv := newFakeOn(t, ln)
	srv.SetLatency(50 * time.Millisecond)
	client := srv.Client()

	var wg sync.WaitGroup
	for g := 0; g < callers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := client.AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Len(t, srv.Requests(), callers)
	accepted, closed := ln.counts()
	deadline := time.Now().Add(10 * time.Second) // a poll: ends as soon as the counts agree
	for accepted-closed > 64 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		accepted, closed = ln.counts()
	}
	peak, closedBefore := ln.peakOpen()
	// The server notices that the client closed a connection a moment after the client did, and
	// may accept the replacement first: each such close can add one to the peak seen here. The
	// transport closes connections only rarely (see TestSharedClientUnderConcurrency), while one
	// without the limit opens about one per caller and closes the surplus after.
	assert.LessOrEqual(t, closed, 8, "connections closed")
	assert.LessOrEqual(t, peak, 64+closed, "TCP connections open at once")
	t.Logf("%d overlapping calls: at most %d TCP connections open at once (%d closed before); %d accepted, %d closed in all",
		callers, peak, closedBefore, accepted, closed)
}

// Goroutines sharing one client but choosing different servers per call (ContextServerIndex)
// each reach the server they chose.
func TestConcurrentServerSelection(t *testing.T) {
	const perServer, calls = 32, 20
	checkGoroutines(t)
	srvs := []*piecesostest.Server{newFake(t), newFake(t)}
	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: srvs[0].URL}, {URL: srvs[1].URL}}
	client := piecesos.NewAPIClient(cfg)

	var wg sync.WaitGroup
	for g := 0; g < 2*perServer; g++ {
		wg.Add(1)
		go func(index int) {
			defer wg.Done()
			ctx := context.WithValue(context.Background(), piecesos.ContextServerIndex, index)
			for i := 0; i < calls; i++ {
				_, _, err := client.AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()
				assert.NoError(t, err)
			}
		}(g % 2)
	}
	wg.Wait()
	for i, srv := range srvs {
		assert.Len(t, srv.Requests(), perServer*calls, "server %d", i)
	}
}

// Calls cancelled midway, from many goroutines, leave no goroutine behind, and the client
// still works afterwards.
func TestCancelledCallsLeaveNoGoroutines(t *testing.T) {
	checkGoroutines(t)
	srv := newFake(t)
	client := srv.Client()
	srv.DelayNext(piecesostest.OpAllocationSnapshot, piecesostest.Always, 10*time.Second)
	srv.DelayNext(piecesostest.OpAllocationUpdate, piecesostest.Always, 10*time.Second)
	cloud, err := srv.Get(sampleID)
	require.NoError(t, err)

	var wg sync.WaitGroup
	var canceled atomic.Int64
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			time.AfterFunc(time.Duration(g%8)*5*time.Millisecond+5*time.Millisecond, cancel)
			var err error
			if g%2 == 0 {
				_, _, err = client.AllocationAPI.AllocationSnapshot(ctx, sampleID).Execute()
			} else {
				_, _, err = client.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
			}
			var te *piecesos.TransportError
			if errors.As(err, &te) && errors.Is(err, context.Canceled) {
				canceled.Add(1)
			} else {
				t.Errorf("goroutine %d: %v, want a *TransportError wrapping context.Canceled", g, err)
			}
		}(g)
	}
	wg.Wait()
	assert.EqualValues(t, goroutines, canceled.Load())

	srv.ClearFaults()
	got, _, err := client.AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
	require.NoError(t, err)
	assert.Equal(t, "us-central1", got.GetRegion(), "no cancelled update was stored")
}

// countingListener counts the connections it accepts and those closed since, and keeps the
// peak of connections open at once.
type countingListener struct {
	net.Listener
	mu               sync.Mutex
	accepted, closed int
	peak             int // most connections open at once, as seen by the server
	closedAtPeak     int // connections closed when the peak was reached
}

func newCountingListener(t *testing.T) *countingListener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	return &countingListener{Listener: ln}
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.accepted++
	if open := l.accepted - l.closed; open > l.peak {
		l.peak, l.closedAtPeak = open, l.closed
	}
	l.mu.Unlock()
	return &countedConn{Conn: c, l: l}, nil
}

// peakOpen returns the most connections open at once and how many had been closed by then.
func (l *countingListener) peakOpen() (peak, closedBefore int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.peak, l.closedAtPeak
}

func (l *countingListener) counts() (accepted, closed int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.accepted, l.closed
}

type countedConn struct {
	net.Conn
	once sync.Once
	l    *countingListener
}

func (c *countedConn) Close() error {
	c.once.Do(func() {
		c.l.mu.Lock()
		c.l.closed++
		c.l.mu.Unlock()
	})
	return c.Conn.Close()
}
