package test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// busyMachine returns discovery timeouts far longer than the defaults (250 ms a health check,
// 1.5 s in all): a loaded machine running -race can take longer than 250 ms to answer a local
// health check. These tests check where Discover looks and what it finds, not how long it
// waits for an answer.
func busyMachine() []piecesos.DiscoverOption {
	return []piecesos.DiscoverOption{piecesos.DiscoverProbeTimeout(10 * time.Second), piecesos.DiscoverTimeout(30 * time.Second)}
}

// onlyRoute keeps Discover on the route under test: the others are switched off (the port file
// is looked for below an empty home directory) so that a Pieces OS running on the machine cannot
// answer instead of the fake. The timeouts are busyMachine's.
func onlyRoute(t *testing.T, opts ...piecesos.DiscoverOption) []piecesos.DiscoverOption {
	off := append([]piecesos.DiscoverOption{
		piecesos.DiscoverEnvVar(""),
		piecesos.DiscoverHomeDir(t.TempDir()),
		piecesos.DiscoverPortRange(0, 0),
		piecesos.DiscoverLegacyPorts(),
	}, busyMachine()...)
	return append(off, opts...)
}

func fakePort(t *testing.T, srv *piecesostest.Server) int {
	t.Helper()
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	port, err := strconv.Atoi(u.Port())
	require.NoError(t, err)
	return port
}

// snapshotThrough takes a full snapshot of the sample through cfg.
func snapshotThrough(t *testing.T, cfg *piecesos.Configuration) {
	t.Helper()
	cloud, _, err := piecesos.NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), sampleID).Execute()
	require.NoError(t, err)
	got, err := cloud.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, factsSample, string(got))
}

// Discover finds the fake through the environment variable, in each form it accepts, and the
// Configuration it returns takes a full snapshot.
func TestDiscoverThroughTheEnvironmentVariable(t *testing.T) {
	const name = "PIECESOS_INTEGRATION_TEST_URL"
	forms := map[string]func(srv *piecesostest.Server, port string) string{
		"URL":         func(srv *piecesostest.Server, _ string) string { return srv.URL },
		"URL with /":  func(srv *piecesostest.Server, _ string) string { return srv.URL + "/" },
		"host:port":   func(_ *piecesostest.Server, port string) string { return "127.0.0.1:" + port },
		"port":        func(_ *piecesostest.Server, port string) string { return port },
		"with spaces": func(srv *piecesostest.Server, _ string) string { return "  " + srv.URL + "\n" },
	}
	for form, value := range forms {
		t.Run(form, func(t *testing.T) {
			checkGoroutines(t)
			srv := newFake(t)
			t.Setenv(name, value(srv, strconv.Itoa(fakePort(t, srv))))
			cfg, err := piecesos.Discover(context.Background(), onlyRoute(t, piecesos.DiscoverEnvVar(name))...)
			require.NoError(t, err)
			require.Len(t, cfg.Servers, 1)
			assert.Equal(t, srv.URL, cfg.Servers[0].URL)
			snapshotThrough(t, cfg)

			reqs := srv.Requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, piecesostest.OpHealth, reqs[0].Operation, "the candidate is health-checked")
			assert.Equal(t, piecesostest.OpAllocationSnapshot, reqs[1].Operation)
		})
	}
}

// With no option but busyMachine's timeouts, PIECES_OS_URL is read first.
func TestDiscoverDefaultEnvironmentVariable(t *testing.T) {
	checkGoroutines(t)
	srv := newFake(t)
	t.Setenv(piecesos.DefaultDiscoverEnvVar, srv.URL)
	cfg, err := piecesos.Discover(context.Background(), busyMachine()...)
	require.NoError(t, err)
	assert.Equal(t, srv.URL, cfg.Servers[0].URL)
	snapshotThrough(t, cfg)

	u, err := piecesos.DiscoverURL(context.Background(), busyMachine()...)
	require.NoError(t, err)
	assert.Equal(t, srv.URL, u)
}

// The other three routes, each on its own, lead to the fake too.
func TestDiscoverThroughEachRoute(t *testing.T) {
	inHome := func(goos string) func(t *testing.T, port int) []piecesos.DiscoverOption {
		return func(t *testing.T, port int) []piecesos.DiscoverOption {
			home := t.TempDir()
			path := piecesos.PortFilePath(goos, home)
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
			require.NoError(t, os.WriteFile(path, []byte(strconv.Itoa(port)), 0o600))
			return []piecesos.DiscoverOption{piecesos.DiscoverHomeDir(home), piecesos.DiscoverGOOS(goos)}
		}
	}
	routes := map[string]func(t *testing.T, port int) []piecesos.DiscoverOption{
		"port file": func(t *testing.T, port int) []piecesos.DiscoverOption {
			path := filepath.Join(t.TempDir(), ".port.txt")
			require.NoError(t, os.WriteFile(path, []byte(strconv.Itoa(port)+"\n"), 0o600))
			return []piecesos.DiscoverOption{piecesos.DiscoverPortFile(path)}
		},
		"port file in a Linux home": inHome("linux"),
		"port file in a macOS home": inHome("darwin"),
		"port scan": func(t *testing.T, port int) []piecesos.DiscoverOption {
			return []piecesos.DiscoverOption{piecesos.DiscoverPortRange(port, port)}
		},
		"legacy port": func(t *testing.T, port int) []piecesos.DiscoverOption {
			return []piecesos.DiscoverOption{piecesos.DiscoverLegacyPorts(port)}
		},
	}
	for name, route := range routes {
		t.Run(name, func(t *testing.T) {
			checkGoroutines(t)
			srv := newFake(t)
			cfg, err := piecesos.Discover(context.Background(), onlyRoute(t, route(t, fakePort(t, srv))...)...)
			require.NoError(t, err)
			assert.Equal(t, srv.URL, cfg.Servers[0].URL)
			snapshotThrough(t, cfg)
		})
	}
}

// A candidate that is not healthy is not taken: Discover says what it tried, quickly.
func TestDiscoverUnhealthyCandidate(t *testing.T) {
	const name = "PIECESOS_INTEGRATION_TEST_URL"
	checkGoroutines(t)
	srv := newFake(t)
	srv.FailNext(piecesostest.OpHealth, piecesostest.Always, 503, "starting")
	t.Setenv(name, srv.URL)

	start := time.Now()
	cfg, err := piecesos.Discover(context.Background(), onlyRoute(t, piecesos.DiscoverEnvVar(name))...)
	elapsed := time.Since(start)
	assert.Nil(t, cfg)
	assert.ErrorIs(t, err, piecesos.ErrNotRunning)
	var nr *piecesos.NotRunningError
	require.ErrorAs(t, err, &nr)
	require.NotEmpty(t, nr.Tried)
	assert.Equal(t, "env", nr.Tried[0].Route)
	assert.Contains(t, err.Error(), name)
	assert.Less(t, elapsed, 2*time.Second)
	assert.Len(t, srv.Requests(), 1, "one health check, no snapshot")
}

// A test that points PIECES_OS_URL at a fake which is gone never reaches another Pieces OS
// (here a second fake, standing in for the user's real one, found by every other route).
func TestDiscoverDeadVariableNeverReachesAnotherPieceOS(t *testing.T) {
	const name = "PIECESOS_INTEGRATION_TEST_URL"
	checkGoroutines(t)
	gone := newFake(t)
	other := newFake(t)
	realPort := fakePort(t, other)
	portFile := filepath.Join(t.TempDir(), ".port.txt")
	require.NoError(t, os.WriteFile(portFile, []byte(strconv.Itoa(realPort)), 0o600))
	t.Setenv(name, gone.URL)
	gone.Close()

	opts := append([]piecesos.DiscoverOption{
		piecesos.DiscoverEnvVar(name), piecesos.DiscoverPortFile(portFile),
		piecesos.DiscoverPortRange(realPort, realPort), piecesos.DiscoverLegacyPorts(realPort),
	}, busyMachine()...)
	cfg, err := piecesos.Discover(context.Background(), opts...)
	assert.Nil(t, cfg)
	require.ErrorIs(t, err, piecesos.ErrNotRunning)
	assert.ErrorContains(t, err, name+"="+gone.URL)
	assert.ErrorContains(t, err, name+" is set, so no other route was tried")
	assert.Empty(t, other.Requests(), "the other Pieces OS was not asked anything")

	// Unset, the variable no longer holds the search back.
	t.Setenv(name, "")
	cfg, err = piecesos.Discover(context.Background(), opts...)
	require.NoError(t, err)
	assert.Equal(t, other.URL, cfg.Servers[0].URL)
}

// DiscoverDetails reports the version of the fake, as the fake is told to report it.
func TestDiscoverDetailsThroughTheFake(t *testing.T) {
	const name = "PIECESOS_INTEGRATION_TEST_URL"
	checkGoroutines(t)
	srv := newFake(t)
	t.Setenv(name, srv.URL)
	opts := onlyRoute(t, piecesos.DiscoverEnvVar(name))

	found, err := piecesos.DiscoverDetails(context.Background(), opts...)
	require.NoError(t, err)
	assert.Equal(t, srv.URL, found.URL)
	assert.Equal(t, piecesos.DiscoveryRouteEnv, found.Route)
	assert.Equal(t, name, found.Target)
	assert.Equal(t, piecesostest.DefaultVersion, found.Version.Raw)
	assert.NoError(t, found.VersionErr)
	snapshotThrough(t, &piecesos.Configuration{Servers: piecesos.ServerConfigurations{{URL: found.URL}}})

	srv.SetVersion("13.1.0")
	found, err = piecesos.DiscoverDetails(context.Background(), opts...)
	require.NoError(t, err)
	var ive *piecesos.IncompatibleVersionError
	require.ErrorAs(t, found.VersionErr, &ive)
	assert.False(t, ive.TooOld)
	assert.Equal(t, "13.1.0", ive.Version)
	assert.Contains(t, ive.Error(), "update the SDK")

	srv.SetVersion("debug")
	found, err = piecesos.DiscoverDetails(context.Background(), opts...)
	require.NoError(t, err)
	assert.True(t, found.Version.Development)
	assert.NoError(t, found.VersionErr)

	var ops []piecesostest.Operation
	for _, r := range srv.Requests() {
		ops = append(ops, r.Operation)
	}
	assert.Equal(t, []piecesostest.Operation{
		piecesostest.OpHealth, piecesostest.OpWellKnownVersion, piecesostest.OpAllocationSnapshot,
		piecesostest.OpHealth, piecesostest.OpWellKnownVersion,
		piecesostest.OpHealth, piecesostest.OpWellKnownVersion,
	}, ops)
}

// A client can wait for a Pieces OS that is starting: Discover fails (health answers 503)
// until the fake is ready, then finds it.
func TestDiscoverWaitsForReadiness(t *testing.T) {
	checkGoroutines(t)
	srv := newFake(t)
	srv.SetReady(false)
	port := fakePort(t, srv)
	opts := onlyRoute(t, piecesos.DiscoverPortRange(port, port))
	_, err := piecesos.Discover(context.Background(), opts...)
	require.ErrorIs(t, err, piecesos.ErrNotRunning, "not ready: not found")
	assert.Contains(t, err.Error(), "1 unhealthy answer")

	ready := time.AfterFunc(300*time.Millisecond, func() { srv.SetReady(true) })
	t.Cleanup(func() { ready.Stop() })
	var cfg *piecesos.Configuration
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		cfg, err = piecesos.Discover(context.Background(), opts...)
		if err == nil {
			break
		}
		var nr *piecesos.NotRunningError
		require.True(t, errors.As(err, &nr), "%v", err)
		assert.Contains(t, err.Error(), "1 unhealthy answer")
		time.Sleep(20 * time.Millisecond) // a polling client's pause; the deadline bounds the loop
	}
	require.NoError(t, err)
	assert.Equal(t, srv.URL, cfg.Servers[0].URL)
	snapshotThrough(t, cfg)
}
