package piecesos_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// fakePort starts a fake Pieces OS and returns it with its port.
func fakePort(t *testing.T) (*piecesostest.Server, int) {
	t.Helper()
	srv := piecesostest.NewServer()
	t.Cleanup(srv.Close)
	return srv, portOf(t, srv.URL)
}

func portOf(t *testing.T, rawURL string) int {
	t.Helper()
	u, err := url.Parse(rawURL)
	require.NoError(t, err)
	p, err := strconv.Atoi(u.Port())
	require.NoError(t, err)
	return p
}

// closedPort returns a loopback port on which nothing listens (it was listened on, then closed).
func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := ln.Addr().(*net.TCPAddr).Port
	require.NoError(t, ln.Close())
	return p
}

// hungPort returns the port of a listener that accepts connections and never answers.
func hungPort(t *testing.T) int {
	t.Helper()
	return hungPortThen(t, func() {})
}

// hungPortThen is hungPort calling accepted once, when it has accepted its first connection.
func hungPortThen(t *testing.T, accepted func()) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	hang(t, ln, accepted)
	return ln.Addr().(*net.TCPAddr).Port
}

// fakeOn starts a fake Pieces OS on ln, closed at the end of the test.
func fakeOn(t *testing.T, ln net.Listener) *piecesostest.Server {
	srv := piecesostest.NewUnstartedServer()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// hang makes ln accept connections and never answer them (calling accepted, if not nil, once
// when it has accepted its first); the test's cleanup closes ln and the connections.
func hang(t *testing.T, ln net.Listener, accepted func()) {
	var (
		mu    sync.Mutex
		conns []net.Conn
		wg    sync.WaitGroup
		once  sync.Once
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			if accepted != nil {
				once.Do(accepted)
			}
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
}

// statusPort returns the port of a server that answers every request with status.
func statusPort(t *testing.T, status int) int {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return portOf(t, srv.URL)
}

// Timeouts of a search that is to find a fake, or to see why a port failed: far longer than
// the defaults (250 ms a probe, 1.5 s in all), which a loaded machine running -race can take to
// answer a local health check, and than the 2 s Windows takes to report a refused loopback
// connection (it retries the SYN). The tests of the defaults (TestDiscoverNothingRunning) and
// those with a port that never answers set their own.
var (
	busyProbe = piecesos.DiscoverProbeTimeout(10 * time.Second)
	busyTotal = piecesos.DiscoverTimeout(30 * time.Second)
)

// only returns options that disable every route, with the busyProbe and busyTotal timeouts;
// later options turn one route back on, or set other timeouts.
func only(t *testing.T, opts ...piecesos.DiscoverOption) []piecesos.DiscoverOption {
	return append([]piecesos.DiscoverOption{
		piecesos.DiscoverEnvVar(""),
		piecesos.DiscoverPortFile(""),
		piecesos.DiscoverPortRange(0, 0),
		piecesos.DiscoverLegacyPorts(),
		busyProbe, busyTotal,
	}, opts...)
}

// checkGoroutines fails the test when, after it, the number of goroutines does not return to
// what it was before (polling, since closed connections end their goroutines soon after; for
// up to 10 s, which only a leak or a starved machine reaches).
func checkGoroutines(t *testing.T) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(10 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= before {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("goroutines: %d before, %d after\n%s", before, n, buf)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// redirectPort returns the port of a server that redirects every request to a healthy path.
func redirectPort(t *testing.T) int {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			return
		}
		http.Redirect(w, r, "/ok", http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	return portOf(t, srv.URL)
}

func TestDiscoverEnv(t *testing.T) {
	srv, port := fakePort(t)
	for _, v := range []string{
		srv.URL,
		srv.URL + "/",
		"127.0.0.1:" + strconv.Itoa(port),
		strconv.Itoa(port),
		" " + srv.URL + "\n",
	} {
		t.Run(v, func(t *testing.T) {
			t.Setenv("PIECES_OS_URL_TEST", v)
			got, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"))...)
			require.NoError(t, err)
			assert.Equal(t, srv.URL, got)
		})
	}
}

func TestDiscoverEnvDefaultName(t *testing.T) {
	srv, _ := fakePort(t)
	t.Setenv(piecesos.DefaultDiscoverEnvVar, srv.URL)
	cfg, err := piecesos.Discover(context.Background(),
		piecesos.DiscoverPortFile(""), piecesos.DiscoverPortRange(0, 0), piecesos.DiscoverLegacyPorts(), busyProbe, busyTotal)
	require.NoError(t, err)
	require.Len(t, cfg.Servers, 1)
	assert.Equal(t, srv.URL, cfg.Servers[0].URL)
	assert.Contains(t, cfg.Servers[0].Description, "PIECES_OS_URL")

	// The Configuration is ready to use.
	_, resp, err := piecesos.NewAPIClient(cfg).AllocationAPI.AllocationSnapshot(context.Background(), piecesostest.SampleAllocationID).Execute()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, srv.Violations())
}

func TestDiscoverEnvWithPathPrefix(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/pieces/.well-known/health", func(w http.ResponseWriter, r *http.Request) {})
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	t.Setenv("PIECES_OS_URL_TEST", hs.URL+"/pieces/")
	got, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"))...)
	require.NoError(t, err)
	assert.Equal(t, hs.URL+"/pieces", got)
}

func TestDiscoverEnvBadValues(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{"", "not set"},
		{"0", "port out of range"},
		{"70000", "port out of range"},
		{"ftp://127.0.0.1:1", "want http://host:port"},
		{"http://", "want http://host:port"},
		{"http://127.0.0.1:1/?q=1", `bad value "http://127.0.0.1:1/?xxxxx": want http://host:port`},
		{"http://127.0.0.1:1/?", "want http://host:port"},
		{"http://127.0.0.1:1/#top", "want http://host:port"},
		{"http://u:p@127.0.0.1:1", `bad value "http://xxxxx@127.0.0.1:1": a user name or password is not supported`},
		{"http://[::1", `bad value "http://[::1": not a valid URL: missing ']' in host`},
	} {
		t.Run(tc.value, func(t *testing.T) {
			t.Setenv("PIECES_OS_URL_TEST", tc.value)
			_, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"))...)
			var nr *piecesos.NotRunningError
			require.ErrorAs(t, err, &nr)
			require.Len(t, nr.Tried, 1)
			assert.Equal(t, "env", nr.Tried[0].Route)
			assert.Equal(t, piecesos.DiscoveryRouteEnv, nr.Tried[0].Route)
			assert.Equal(t, "PIECES_OS_URL_TEST", nr.Tried[0].Target)
			assert.Contains(t, nr.Tried[0].Err.Error(), tc.want)
		})
	}
	t.Run("unset", func(t *testing.T) {
		_, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST_NEVER_SET"))...)
		var nr *piecesos.NotRunningError
		require.ErrorAs(t, err, &nr)
		assert.Contains(t, nr.Error(), "env PIECES_OS_URL_TEST_NEVER_SET: not set")
	})
}

func TestDiscoverPortFile(t *testing.T) {
	srv, port := fakePort(t)
	for _, goos := range []string{"darwin", "windows", "linux"} {
		t.Run(goos, func(t *testing.T) {
			home := t.TempDir()
			path := piecesos.PortFilePath(goos, home)
			want := filepath.Join(home, "Documents", "com.pieces.os", "production", "Config", ".port.txt")
			if goos == "darwin" {
				want = filepath.Join(home, "Library", "com.pieces.os", "production", "Config", ".port.txt")
			}
			require.Equal(t, want, path)
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, []byte(strconv.Itoa(port)+"\n"), 0o600))

			cfg, err := piecesos.Discover(context.Background(),
				piecesos.DiscoverEnvVar(""), piecesos.DiscoverHomeDir(home), piecesos.DiscoverGOOS(goos),
				piecesos.DiscoverPortRange(0, 0), piecesos.DiscoverLegacyPorts(), busyProbe, busyTotal)
			require.NoError(t, err)
			assert.Equal(t, srv.URL, cfg.Servers[0].URL)
			assert.Contains(t, cfg.Servers[0].Description, "port file")
		})
	}
}

func TestDiscoverPortFileDefaultHome(t *testing.T) {
	srv, port := fakePort(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // os.UserHomeDir on Windows
	path := piecesos.PortFilePath(runtime.GOOS, home)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(strconv.Itoa(port)), 0o600))
	got, err := piecesos.DiscoverURL(context.Background(),
		piecesos.DiscoverEnvVar(""), piecesos.DiscoverPortRange(0, 0), piecesos.DiscoverLegacyPorts(), busyProbe, busyTotal)
	require.NoError(t, err)
	assert.Equal(t, srv.URL, got)
}

func TestDiscoverPortFileNoHome(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("relies on $HOME being the home directory")
	}
	t.Setenv("HOME", "")
	_, err := piecesos.DiscoverURL(context.Background(),
		piecesos.DiscoverEnvVar(""), piecesos.DiscoverPortRange(0, 0), piecesos.DiscoverLegacyPorts())
	var nr *piecesos.NotRunningError
	require.ErrorAs(t, err, &nr)
	require.Len(t, nr.Tried, 1)
	assert.Equal(t, "port file", nr.Tried[0].Route)
	assert.Contains(t, nr.Tried[0].Err.Error(), "HOME")
}

func TestDiscoverPortFileBadContents(t *testing.T) {
	dead := closedPort(t)
	for _, tc := range []struct{ name, contents, want string }{
		{"empty", "", "bad contents"},
		{"words", "not a port", "bad contents \"not a port\""},
		{"zero", "0", "bad contents"},
		{"too big", "65536", "bad contents"},
		{"negative", "-5", "bad contents"},
		{"url", "http://127.0.0.1:39300", "bad contents"},
		{"huge", strings.Repeat("1", 1000), "too large for a port file (1000 bytes, at most 32)"},
		{"33 bytes", strings.Repeat(" ", 28) + "39300", "too large for a port file (33 bytes, at most 32)"},
		{"nobody listens", strconv.Itoa(dead), "refused"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".port.txt")
			require.NoError(t, os.WriteFile(path, []byte(tc.contents), 0o600))
			_, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortFile(path))...)
			var nr *piecesos.NotRunningError
			require.ErrorAs(t, err, &nr)
			require.Len(t, nr.Tried, 1)
			assert.Equal(t, "port file", nr.Tried[0].Route)
			assert.Contains(t, nr.Tried[0].Target, path)
			assert.Contains(t, nr.Tried[0].Err.Error(), tc.want)
		})
	}
	t.Run("missing", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nope", ".port.txt")
		_, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortFile(path))...)
		assert.ErrorContains(t, err, "port file "+path+": not found")
	})
	for name, path := range map[string]string{
		"a directory": t.TempDir(),
		"a device":    os.DevNull, // /dev/null, or NUL on Windows
	} {
		t.Run(name, func(t *testing.T) {
			_, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortFile(path))...)
			var nr *piecesos.NotRunningError
			require.ErrorAs(t, err, &nr)
			require.Len(t, nr.Tried, 1)
			assert.EqualError(t, nr.Tried[0].Err, "not a regular file: "+name)
		})
	}
}

// A port file as Pieces OS might write it on any system: 32 bytes at most, with white space,
// a Windows line end or a byte-order mark around the port.
func TestDiscoverPortFileFormats(t *testing.T) {
	srv, port := fakePort(t)
	p := strconv.Itoa(port)
	for name, contents := range map[string]string{
		"plain":           p,
		"newline":         p + "\n",
		"CRLF":            p + "\r\n",
		"byte-order mark": "\uFEFF" + p + "\r\n",
		"32 bytes":        strings.Repeat(" ", 32-len(p)-1) + p + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".port.txt")
			require.NoError(t, os.WriteFile(path, []byte(contents), 0o600))
			got, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortFile(path))...)
			require.NoError(t, err)
			assert.Equal(t, srv.URL, got)
		})
	}
}

func TestDiscoverScan(t *testing.T) {
	srv, port := fakePort(t)
	got, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortRange(port-3, port+3))...)
	require.NoError(t, err)
	assert.Equal(t, srv.URL, got)
}

// consecutiveListeners returns n loopback listeners on consecutive ports.
func consecutiveListeners(t *testing.T, n int) []net.Listener {
	t.Helper()
	for try := 0; try < 50; try++ {
		first, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		lns := []net.Listener{first}
		port := first.Addr().(*net.TCPAddr).Port
		for i := 1; i < n; i++ {
			ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port+i))
			if err != nil {
				break
			}
			lns = append(lns, ln)
		}
		if len(lns) == n {
			return lns
		}
		for _, ln := range lns {
			ln.Close()
		}
	}
	t.Fatal("no free consecutive loopback ports")
	return nil
}

// scanSetup serves, on consecutive ports: a listener that never answers, a server answering
// 503, a fake Pieces OS, another listener that never answers. It returns the fake, the first
// and the last port.
func scanSetup(t *testing.T) (*piecesostest.Server, int, int) {
	t.Helper()
	lns := consecutiveListeners(t, 4)
	hang(t, lns[0], nil)
	hang(t, lns[3], nil)
	unhealthy := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	unhealthy.Listener.Close()
	unhealthy.Listener = lns[1]
	unhealthy.Start()
	t.Cleanup(unhealthy.Close)
	srv := fakeOn(t, lns[2])
	first := lns[0].Addr().(*net.TCPAddr).Port
	return srv, first, first + 3
}

// hungProbe is the probe timeout of a search that must wait out a port that never answers:
// 4 times the default, room for a busy machine to answer the other ports' health checks.
var hungProbe = piecesos.DiscoverProbeTimeout(time.Second)

func TestDiscoverScanSkipsUnhealthy(t *testing.T) {
	checkGoroutines(t)
	srv, first, last := scanSetup(t)
	start := time.Now()
	got, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortRange(first, last), hungProbe)...)
	require.NoError(t, err)
	assert.Equal(t, srv.URL, got)
	t.Logf("scan of 4 ports (hung, 503, fake, hung): %v", time.Since(start))
}

func TestDiscoverScanReportsWhy(t *testing.T) {
	hung, unhealthy, redirect := hungPort(t), statusPort(t, http.StatusNotFound), redirectPort(t)
	for _, tc := range []struct {
		port int
		want string
	}{
		{hung, "1 timed out"},
		{unhealthy, "1 unhealthy answer"},
		{redirect, "1 unhealthy answer"}, // redirects are not followed
		{closedPort(t), "1 connection refused"},
	} {
		probe := busyProbe // an answer or a refusal is waited for (on Windows a refusal takes 2 s)
		if tc.port == hung {
			probe = piecesos.DiscoverProbeTimeout(50 * time.Millisecond)
		}
		_, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortRange(tc.port, tc.port), probe)...)
		var nr *piecesos.NotRunningError
		require.ErrorAs(t, err, &nr)
		require.Len(t, nr.Tried, 1)
		assert.Equal(t, "port scan", nr.Tried[0].Route)
		assert.Equal(t, "127.0.0.1:"+strconv.Itoa(tc.port)+"-"+strconv.Itoa(tc.port), nr.Tried[0].Target)
		assert.Contains(t, nr.Tried[0].Err.Error(), tc.want)
	}
}

func TestDiscoverScanOtherFailure(t *testing.T) {
	// A listener that closes every connection at once: neither refused nor timed out.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortRange(port, port))...)
	assert.ErrorContains(t, err, "1 other failure")
}

func TestDiscoverLegacy(t *testing.T) {
	srv, port := fakePort(t)
	dead := closedPort(t)
	cfg, err := piecesos.Discover(context.Background(), only(t, piecesos.DiscoverLegacyPorts(0, dead, port))...)
	require.NoError(t, err)
	assert.Equal(t, srv.URL, cfg.Servers[0].URL)
	assert.Contains(t, cfg.Servers[0].Description, "legacy port")
}

func TestDiscoverLegacyDefaultsPerOS(t *testing.T) {
	for goos, want := range map[string][]string{
		"darwin":  {"127.0.0.1:1000"},
		"windows": {"127.0.0.1:1000"},
		"linux":   {"127.0.0.1:5323"},
		"plan9":   {"127.0.0.1:1000", "127.0.0.1:5323"},
	} {
		t.Run(goos, func(t *testing.T) {
			_, err := piecesos.DiscoverURL(context.Background(),
				piecesos.DiscoverEnvVar(""), piecesos.DiscoverPortFile(""), piecesos.DiscoverPortRange(0, 0),
				piecesos.DiscoverGOOS(goos))
			var nr *piecesos.NotRunningError
			require.ErrorAs(t, err, &nr, "is something listening on a legacy Pieces OS port?")
			var targets []string
			for _, a := range nr.Tried {
				assert.Equal(t, "legacy port", a.Route)
				targets = append(targets, strings.TrimPrefix(a.Target, "http://"))
			}
			assert.Equal(t, want, targets)
		})
	}
}

func TestDiscoverOrder(t *testing.T) {
	a, _ := fakePort(t)
	_, bPort := fakePort(t)
	home := t.TempDir()
	path := piecesos.PortFilePath("linux", home)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(strconv.Itoa(bPort)), 0o600))
	t.Setenv("PIECES_OS_URL_TEST", a.URL)
	opts := []piecesos.DiscoverOption{
		piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"), piecesos.DiscoverHomeDir(home), piecesos.DiscoverGOOS("linux"),
		piecesos.DiscoverPortRange(bPort, bPort), piecesos.DiscoverLegacyPorts(bPort), busyProbe, busyTotal,
	}

	got, err := piecesos.DiscoverURL(context.Background(), opts...)
	require.NoError(t, err)
	assert.Equal(t, a.URL, got, "the environment variable comes first")

	// An environment variable that is set but empty is not set: the port file comes next.
	t.Setenv("PIECES_OS_URL_TEST", "")
	cfg, err := piecesos.Discover(context.Background(), opts...)
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:"+strconv.Itoa(bPort), cfg.Servers[0].URL)
	assert.Contains(t, cfg.Servers[0].Description, "port file")

	// Then the scan, then the legacy ports.
	require.NoError(t, os.Remove(path))
	cfg, err = piecesos.Discover(context.Background(), opts...)
	require.NoError(t, err)
	assert.Contains(t, cfg.Servers[0].Description, "port scan")
	cfg, err = piecesos.Discover(context.Background(), append(opts, piecesos.DiscoverPortRange(0, 0))...)
	require.NoError(t, err)
	assert.Contains(t, cfg.Servers[0].Description, "legacy port")
}

// freeRange returns the first port of a range of n ports below the ephemeral range, so that
// ports of concurrently running tests never fall in it.
func freeRange(n int) int {
	return 20000 + int(time.Now().UnixNano()%int64(10000-n))
}

// With nothing running, Discover with its default timeouts tries every route and fails within
// its 1.5 s (DefaultDiscoverTimeout; the call is given a further second to return, for a busy
// machine), saying what it tried.
func TestDiscoverNothingRunning(t *testing.T) {
	checkGoroutines(t)
	home := t.TempDir()
	// A refused port costs nothing where a refusal comes at once. Windows takes about 2 s to
	// refuse a loopback connection, so there each costs the 250 ms probe timeout, and the
	// range is one round of the scan's 16 concurrent probes, to fit in the 1.5 s.
	ports := 100
	if runtime.GOOS == "windows" {
		ports = 16
	}
	first := freeRange(ports)
	opts := []piecesos.DiscoverOption{
		piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"), piecesos.DiscoverHomeDir(home), piecesos.DiscoverGOOS("linux"),
		piecesos.DiscoverPortRange(first, first+ports-1),
	}
	bound := piecesos.DefaultDiscoverTimeout + time.Second
	t.Run("all refused", func(t *testing.T) {
		t.Setenv("PIECES_OS_URL_TEST", "")
		start := time.Now()
		_, err := piecesos.Discover(context.Background(), append(opts, piecesos.DiscoverLegacyPorts(closedPort(t)))...)
		elapsed := time.Since(start)
		t.Logf("nothing running, every port refused: %v", elapsed)
		assert.Less(t, elapsed, bound)

		var nr *piecesos.NotRunningError
		require.ErrorAs(t, err, &nr)
		assert.ErrorIs(t, err, piecesos.ErrNotRunning)
		assert.NoError(t, nr.Err)
		var routes []string
		for _, a := range nr.Tried {
			routes = append(routes, a.Route)
		}
		assert.Equal(t, []string{"env", "port file", "port scan", "legacy port"}, routes)
		assert.Contains(t, err.Error(), fmt.Sprintf("no healthy port (%d probed", ports))
		assert.Contains(t, err.Error(), piecesos.PortFilePath("linux", home))
	})
	t.Run("hung listeners", func(t *testing.T) {
		// Every route that can hang does: each probe waits out its timeout.
		t.Setenv("PIECES_OS_URL_TEST", "")
		path := piecesos.PortFilePath("linux", home)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(strconv.Itoa(hungPort(t))), 0o600))
		start := time.Now()
		_, err := piecesos.Discover(context.Background(), append(opts, piecesos.DiscoverLegacyPorts(hungPort(t), hungPort(t)))...)
		elapsed := time.Since(start)
		t.Logf("nothing running, hung listeners on every route: %v", elapsed)
		assert.Less(t, elapsed, bound)
		var nr *piecesos.NotRunningError
		require.ErrorAs(t, err, &nr)
		assert.Len(t, nr.Tried, 5)
		assert.Contains(t, err.Error(), "env PIECES_OS_URL_TEST: not set")
		assert.Contains(t, err.Error(), "no answer within 250ms")
	})
}

func TestDiscoverContext(t *testing.T) {
	checkGoroutines(t)
	t.Run("cancelled before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := piecesos.Discover(ctx)
		assert.ErrorIs(t, err, context.Canceled)
		assert.ErrorIs(t, err, piecesos.ErrNotRunning)
	})
	// Each cancellation comes when the hung port has accepted the probe's connection, so that
	// it falls during the probe however slowly a busy machine gets there.
	t.Run("cancelled during a probe", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		cancelled := make(chan time.Time, 1)
		t.Setenv("PIECES_OS_URL_TEST", strconv.Itoa(hungPortThen(t, func() {
			cancelled <- time.Now()
			cancel()
		})))
		_, err := piecesos.Discover(ctx, piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"), piecesos.DiscoverProbeTimeout(10*time.Second), piecesos.DiscoverTimeout(10*time.Second))
		select {
		case at := <-cancelled:
			assert.Less(t, time.Since(at), time.Second, "returned soon after the cancellation, not at the 10 s timeouts")
		default:
			t.Fatal("the probe never connected")
		}
		var nr *piecesos.NotRunningError
		require.ErrorAs(t, err, &nr)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), "search stopped: context canceled")
	})
	t.Run("cancelled during the scan", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		hung := hungPortThen(t, cancel)
		_, err := piecesos.Discover(ctx, only(t, piecesos.DiscoverPortRange(hung, hung), piecesos.DiscoverProbeTimeout(10*time.Second), piecesos.DiscoverTimeout(10*time.Second))...)
		var nr *piecesos.NotRunningError
		require.ErrorAs(t, err, &nr)
		assert.ErrorIs(t, err, context.Canceled)
		require.Len(t, nr.Tried, 1)
		assert.Contains(t, nr.Tried[0].Err.Error(), "stopped")
	})
	t.Run("cancelled during the legacy ports", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		hung := hungPortThen(t, cancel)
		_, err := piecesos.Discover(ctx, only(t, piecesos.DiscoverLegacyPorts(hung, hung), piecesos.DiscoverProbeTimeout(10*time.Second), piecesos.DiscoverTimeout(10*time.Second))...)
		var nr *piecesos.NotRunningError
		require.ErrorAs(t, err, &nr)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Len(t, nr.Tried, 1, "the second legacy port is not tried after the cancellation")
	})
	t.Run("overall timeout", func(t *testing.T) {
		t.Setenv("PIECES_OS_URL_TEST", strconv.Itoa(hungPort(t)))
		start := time.Now()
		_, err := piecesos.Discover(context.Background(), piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"), piecesos.DiscoverProbeTimeout(10*time.Second), piecesos.DiscoverTimeout(100*time.Millisecond))
		assert.Less(t, time.Since(start), time.Second)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
	t.Run("nil context and options", func(t *testing.T) {
		srv, _ := fakePort(t)
		t.Setenv("PIECES_OS_URL_TEST", srv.URL)
		//lint:ignore SA1012 a nil context is accepted, as by the SDK's calls
		got, err := piecesos.DiscoverURL(nil, nil, piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"), piecesos.DiscoverProbeTimeout(0), piecesos.DiscoverTimeout(-1))
		require.NoError(t, err)
		assert.Equal(t, srv.URL, got)
	})
}

func TestDiscoverNoLeak(t *testing.T) {
	checkGoroutines(t)
	srv, first, last := scanSetup(t)
	for i := 0; i < 5; i++ {
		got, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortRange(first, last), hungProbe)...)
		require.NoError(t, err)
		assert.Equal(t, srv.URL, got)
		_, err = piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverLegacyPorts(first), piecesos.DiscoverProbeTimeout(20*time.Millisecond))...)
		require.Error(t, err)
	}
}

func TestNotRunningErrorMessage(t *testing.T) {
	err := &piecesos.NotRunningError{
		Tried: []piecesos.DiscoveryAttempt{
			{Route: "env", Target: "PIECES_OS_URL", Err: errors.New("not set")},
			{Route: "port scan", Target: "127.0.0.1:1-2", Err: errors.New("no healthy port")},
			{Route: "legacy port"},
		},
	}
	assert.Equal(t, "piecesos: Pieces OS is not running; tried env PIECES_OS_URL: not set; port scan 127.0.0.1:1-2: no healthy port; legacy port", err.Error())
	assert.Nil(t, err.Unwrap())
	assert.True(t, errors.Is(err, piecesos.ErrNotRunning))
	assert.Equal(t, "piecesos: Pieces OS is not running", (&piecesos.NotRunningError{}).Error())
}

func ExampleDiscover() {
	srv := piecesostest.NewServer() // stands in for a running Pieces OS
	defer srv.Close()
	port := srv.Listener.Addr().(*net.TCPAddr).Port

	// Real code calls piecesos.Discover(ctx) without options; here only the port scan runs,
	// over the fake's port, with room for a busy test machine to answer.
	cfg, err := piecesos.Discover(context.Background(),
		piecesos.DiscoverEnvVar(""), piecesos.DiscoverPortFile(""), piecesos.DiscoverLegacyPorts(),
		piecesos.DiscoverPortRange(port, port), piecesos.DiscoverProbeTimeout(10*time.Second),
		piecesos.DiscoverTimeout(30*time.Second))
	var notRunning *piecesos.NotRunningError
	if errors.As(err, &notRunning) {
		fmt.Println("start Pieces OS first:", notRunning)
		return
	}
	client := piecesos.NewAPIClient(cfg)
	fmt.Println(client.GetConfig().Servers[0].URL == srv.URL, cfg.Servers[0].Description)
	// Output: true Pieces OS found through the port scan
}

// An environment variable that is set is the only route: when it does not lead to a healthy
// Pieces OS, Discover fails naming it, even though every other route would find one.
func TestDiscoverEnvIsFinal(t *testing.T) {
	srv, port := fakePort(t)
	portFile := filepath.Join(t.TempDir(), ".port.txt")
	require.NoError(t, os.WriteFile(portFile, []byte(strconv.Itoa(port)), 0o600))
	elsewhere := []piecesos.DiscoverOption{
		piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"), piecesos.DiscoverPortFile(portFile),
		piecesos.DiscoverPortRange(port, port), piecesos.DiscoverLegacyPorts(port), busyProbe, busyTotal,
	}
	for _, tc := range []struct {
		name, value, want string
		probe             piecesos.DiscoverOption
	}{
		{"refused", strconv.Itoa(closedPort(t)), "refused", busyProbe},
		{"hung", strconv.Itoa(hungPort(t)), "no answer within 1s", hungProbe},
		{"unhealthy", strconv.Itoa(statusPort(t, http.StatusServiceUnavailable)), "health check answered 503", busyProbe},
		{"bad value", "ftp://127.0.0.1:1", "want http://host:port", busyProbe},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv.ClearLog()
			t.Setenv("PIECES_OS_URL_TEST", tc.value)
			elsewhere := append(elsewhere[:len(elsewhere):len(elsewhere)], tc.probe)
			for _, call := range []func() error{
				func() error { _, err := piecesos.Discover(context.Background(), elsewhere...); return err },
				func() error { _, err := piecesos.DiscoverURL(context.Background(), elsewhere...); return err },
				func() error { _, err := piecesos.DiscoverDetails(context.Background(), elsewhere...); return err },
			} {
				err := call()
				assert.ErrorIs(t, err, piecesos.ErrNotRunning)
				var nr *piecesos.NotRunningError
				require.ErrorAs(t, err, &nr)
				require.Len(t, nr.Tried, 1, "no other route")
				assert.Equal(t, piecesos.DiscoveryRouteEnv, nr.Tried[0].Route)
				assert.Contains(t, err.Error(), "PIECES_OS_URL_TEST")
				assert.Contains(t, err.Error(), tc.want)
				assert.Contains(t, err.Error(), "PIECES_OS_URL_TEST is set, so no other route was tried")
			}
			assert.Empty(t, srv.Requests(), "the Pieces OS elsewhere was not even asked")
		})
	}
	t.Run("empty falls through", func(t *testing.T) {
		t.Setenv("PIECES_OS_URL_TEST", " ")
		got, err := piecesos.DiscoverDetails(context.Background(), elsewhere...)
		require.NoError(t, err)
		assert.Equal(t, piecesos.DiscoveryRoutePortFile, got.Route)
		require.Len(t, got.Tried, 1)
		assert.Equal(t, "env PIECES_OS_URL_TEST: not set", got.Tried[0].String())
	})
}

// With two healthy Pieces OS on adjacent ports, the scan takes the lower (production) one, also
// when the higher answers first: in every run the lower one answers its health check only after
// the higher one has answered its own (or after 10 s, which fails the count below).
func TestDiscoverScanLowestPort(t *testing.T) {
	checkGoroutines(t)
	const runs = 100
	lns := consecutiveListeners(t, 2)
	highAnswered := make(chan struct{}, runs)
	var highProbes atomic.Int64
	serve := func(ln net.Listener, h http.HandlerFunc) string {
		srv := httptest.NewUnstartedServer(h)
		srv.Listener.Close()
		srv.Listener = ln
		srv.Start()
		t.Cleanup(srv.Close)
		return srv.URL
	}
	serve(lns[1], func(w http.ResponseWriter, r *http.Request) {
		highProbes.Add(1)
		_, _ = io.WriteString(w, "ok")
		w.(http.Flusher).Flush()
		highAnswered <- struct{}{}
	})
	lowURL := serve(lns[0], func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-highAnswered:
		case <-time.After(10 * time.Second):
		}
		_, _ = io.WriteString(w, "ok")
	})
	first := portOf(t, lowURL)
	opts := only(t, piecesos.DiscoverPortRange(first, first+1),
		piecesos.DiscoverProbeTimeout(30*time.Second), piecesos.DiscoverTimeout(60*time.Second))
	lower := 0
	start := time.Now()
	for i := 0; i < runs; i++ {
		got, err := piecesos.DiscoverURL(context.Background(), opts...)
		require.NoError(t, err)
		if got == lowURL {
			lower++
		}
	}
	t.Logf("lower port chosen in %d runs out of %d (%v per run)", lower, runs, time.Since(start)/runs)
	assert.Equal(t, runs, lower)
	assert.Equal(t, int64(runs), highProbes.Load(), "the higher port was probed, and answered first, every time")
}

// A lower port that hangs is waited for (within the probe timeout) before a higher healthy
// one is taken; a lower healthy port is taken without waiting for the higher ones.
func TestDiscoverScanWaitsOnlyForLowerPorts(t *testing.T) {
	checkGoroutines(t)
	t.Run("hung below", func(t *testing.T) {
		lns := consecutiveListeners(t, 2)
		hung := lns[0]
		hang(t, hung, nil)
		srv := fakeOn(t, lns[1])
		first := hung.Addr().(*net.TCPAddr).Port
		const probeTimeout = time.Second // hungProbe's: the fake must answer within it too
		start := time.Now()
		got, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortRange(first, first+1),
			piecesos.DiscoverProbeTimeout(probeTimeout), piecesos.DiscoverTimeout(10*time.Second))...)
		elapsed := time.Since(start)
		require.NoError(t, err)
		assert.Equal(t, srv.URL, got)
		assert.GreaterOrEqual(t, elapsed, probeTimeout, "the lower port was waited for")
	})
	t.Run("hung above", func(t *testing.T) {
		lns := consecutiveListeners(t, 3)
		srv := fakeOn(t, lns[0])
		for _, ln := range lns[1:] {
			hang(t, ln, nil)
		}
		first := portOf(t, srv.URL)
		start := time.Now()
		got, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortRange(first, first+2),
			piecesos.DiscoverProbeTimeout(20*time.Second), piecesos.DiscoverTimeout(30*time.Second))...)
		elapsed := time.Since(start)
		require.NoError(t, err)
		assert.Equal(t, srv.URL, got)
		assert.Less(t, elapsed, 10*time.Second, "the hung higher ports were not waited for")
	})
}

// The ports scanned by default are those of the official clients.
func TestDiscoverDefaultRange(t *testing.T) {
	assert.Equal(t, 39300, piecesos.DefaultDiscoverFirstPort)
	assert.Equal(t, 39333, piecesos.DefaultDiscoverLastPort)
}

// No error, attempt or result of discovery repeats the user name, password, query or fragment
// of a URL given in the environment variable.
func TestDiscoverNoSecretInErrors(t *testing.T) {
	dead := strconv.Itoa(closedPort(t))
	secrets := []string{"S3CRET", "TOKEN123", "hunter2", "p@ss"}
	for _, value := range []string{
		"http://user:S3CRET@127.0.0.1:" + dead,
		"http://TOKEN123@127.0.0.1:" + dead,
		"TOKEN123@127.0.0.1:" + dead,
		"user:S3CRET@127.0.0.1:" + dead,
		"https://user:S3CRET@127.0.0.1:" + dead + "/prefix",
		"http://user:S3CRET@[::1",
		"http://user:S3CRET@127.0.0.1:99999",
		"http://us%zzer:S3CRET@127.0.0.1:1",
		"http://user:S3#CRET@127.0.0.1:1",
		"http://user:S3/CRET@127.0.0.1:1",
		"http://user:S3?CRET@127.0.0.1:1",
		"http://user:p@ss@127.0.0.1:1",
		"http://127.0.0.1:" + dead + "/?token=TOKEN123",
		"http://127.0.0.1:" + dead + "/#TOKEN123",
		"http://user:hunter2@" + strings.Repeat("h", 200),
	} {
		t.Run(value, func(t *testing.T) {
			t.Setenv("PIECES_OS_URL_TEST", value)
			_, err := piecesos.DiscoverDetails(context.Background(), only(t, piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"))...)
			require.Error(t, err)
			var nr *piecesos.NotRunningError
			require.ErrorAs(t, err, &nr)
			outputs := []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)}
			for _, a := range nr.Tried {
				outputs = append(outputs, a.String(), a.Target, fmt.Sprintf("%#v", a), fmt.Sprintf("%+v", a))
				for e := a.Err; e != nil; e = errors.Unwrap(e) {
					outputs = append(outputs, e.Error(), fmt.Sprintf("%#v", e))
				}
			}
			for _, out := range outputs {
				for _, secret := range secrets {
					assert.NotContains(t, out, secret)
				}
			}
			t.Log(err)
		})
	}
}

func TestDiscoverDetails(t *testing.T) {
	checkGoroutines(t)
	srv, port := fakePort(t)
	scan := only(t, piecesos.DiscoverPortRange(port, port))

	got, err := piecesos.DiscoverDetails(context.Background(), scan...)
	require.NoError(t, err)
	assert.Equal(t, &piecesos.DiscoveryResult{
		URL:    srv.URL,
		Route:  piecesos.DiscoveryRoutePortScan,
		Target: "127.0.0.1:" + strconv.Itoa(port) + "-" + strconv.Itoa(port),
		Version: piecesos.VersionInfo{
			Raw:     piecesostest.DefaultVersion,
			Version: piecesos.SemVer{Major: 12, Minor: 3, Patch: 1},
		},
	}, got)
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, piecesostest.OpHealth, reqs[0].Operation)
	assert.Equal(t, piecesostest.OpWellKnownVersion, reqs[1].Operation)
	assert.Empty(t, srv.Violations())

	t.Run("every route", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), ".port.txt")
		require.NoError(t, os.WriteFile(path, []byte(strconv.Itoa(port)), 0o600))
		t.Setenv("PIECES_OS_URL_TEST", srv.URL)
		for _, tc := range []struct {
			opt           piecesos.DiscoverOption
			route, target string
		}{
			{piecesos.DiscoverEnvVar("PIECES_OS_URL_TEST"), piecesos.DiscoveryRouteEnv, "PIECES_OS_URL_TEST"},
			{piecesos.DiscoverPortFile(path), piecesos.DiscoveryRoutePortFile, path},
			{piecesos.DiscoverLegacyPorts(closedPort(t), port), piecesos.DiscoveryRouteLegacyPort, srv.URL},
		} {
			got, err := piecesos.DiscoverDetails(context.Background(), only(t, tc.opt)...)
			require.NoError(t, err)
			assert.Equal(t, srv.URL, got.URL)
			assert.Equal(t, tc.route, got.Route)
			assert.Equal(t, tc.target, got.Target)
			assert.NoError(t, got.VersionErr)
		}
	})
	t.Run("routes tried before", func(t *testing.T) {
		got, err := piecesos.DiscoverDetails(context.Background(), only(t,
			piecesos.DiscoverPortFile(filepath.Join(t.TempDir(), "none")), piecesos.DiscoverLegacyPorts(port))...)
		require.NoError(t, err)
		assert.Equal(t, piecesos.DiscoveryRouteLegacyPort, got.Route)
		require.Len(t, got.Tried, 1)
		assert.Equal(t, piecesos.DiscoveryRoutePortFile, got.Tried[0].Route)
	})
	t.Run("versions", func(t *testing.T) {
		for _, tc := range []struct {
			version string
			dev     bool
			want    error
			tooOld  bool
		}{
			{version: "12.0.0-rc.1"},
			{version: "12.99.0\n"},
			{version: "debug", dev: true},
			{version: "not a version", dev: true},
			{version: "11.9.0", want: piecesos.ErrIncompatibleVersion, tooOld: true},
			{version: "13.0.0-beta.1", want: piecesos.ErrIncompatibleVersion},
		} {
			srv.SetVersion(tc.version)
			got, err := piecesos.DiscoverDetails(context.Background(), scan...)
			require.NoError(t, err, "an unsupported version does not fail discovery")
			assert.Equal(t, srv.URL, got.URL)
			assert.Equal(t, strings.TrimSpace(tc.version), got.Version.Raw)
			assert.Equal(t, tc.dev, got.Version.Development)
			if tc.want == nil {
				assert.NoError(t, got.VersionErr, tc.version)
				continue
			}
			assert.ErrorIs(t, got.VersionErr, tc.want)
			var ive *piecesos.IncompatibleVersionError
			require.ErrorAs(t, got.VersionErr, &ive)
			assert.Equal(t, tc.tooOld, ive.TooOld)
		}
		srv.SetVersion(piecesostest.DefaultVersion)
	})
	t.Run("version unavailable", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			fault func()
			want  string
		}{
			{"500", func() { srv.FailNext(piecesostest.OpWellKnownVersion, 1, http.StatusInternalServerError, "boom") }, "GET /.well-known/version answered 500 Internal Server Error"},
			{"not found", func() { srv.FailNext(piecesostest.OpWellKnownVersion, 1, http.StatusNotFound, "") }, "answered 404 Not Found"},
			{"too long", func() { srv.SetVersion("12.3.1+" + strings.Repeat("a", 300)) }, "answered more than 256 bytes"},
			{"dropped", func() { srv.DropNext(piecesostest.OpWellKnownVersion, 1) }, "EOF"},
			{"hung", func() { srv.HangNext(piecesostest.OpWellKnownVersion, 1) }, "no answer within 1s"},
			{"cut short", func() { srv.TruncateNext(piecesostest.OpWellKnownVersion, 1) }, "unexpected EOF"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tc.fault()
				defer srv.SetVersion(piecesostest.DefaultVersion)
				start := time.Now()
				// Room for a busy machine: the hung version waits out the probe timeout.
				got, err := piecesos.DiscoverDetails(context.Background(), append(scan,
					piecesos.DiscoverProbeTimeout(time.Second), piecesos.DiscoverTimeout(20*time.Second))...)
				require.NoError(t, err, "the version's failure does not fail discovery")
				assert.Less(t, time.Since(start), 15*time.Second)
				assert.Equal(t, srv.URL, got.URL)
				assert.Equal(t, piecesos.VersionInfo{}, got.Version)
				assert.ErrorIs(t, got.VersionErr, piecesos.ErrVersionUnavailable)
				assert.NotErrorIs(t, got.VersionErr, piecesos.ErrIncompatibleVersion)
				assert.ErrorContains(t, got.VersionErr, tc.want)
			})
		}
	})
	t.Run("not ready", func(t *testing.T) {
		srv.SetReady(false)
		defer srv.SetReady(true)
		_, err := piecesos.DiscoverDetails(context.Background(), scan...)
		assert.ErrorIs(t, err, piecesos.ErrNotRunning)
		assert.ErrorContains(t, err, "1 unhealthy answer")
	})
}

func ExampleDiscoverDetails() {
	srv := piecesostest.NewServer() // stands in for a running Pieces OS
	defer srv.Close()
	port := srv.Listener.Addr().(*net.TCPAddr).Port

	// Real code calls piecesos.DiscoverDetails(ctx) without options; here only the port scan
	// runs, over the fake's port, with room for a busy test machine to answer.
	found, err := piecesos.DiscoverDetails(context.Background(), piecesos.DiscoverEnvVar(""),
		piecesos.DiscoverPortFile(""), piecesos.DiscoverLegacyPorts(), piecesos.DiscoverPortRange(port, port),
		piecesos.DiscoverProbeTimeout(10*time.Second), piecesos.DiscoverTimeout(30*time.Second))
	if err != nil {
		fmt.Println("start Pieces OS first:", err)
		return
	}
	fmt.Println(found.URL == srv.URL, found.Route, found.Version.Raw)
	var incompatible *piecesos.IncompatibleVersionError
	switch {
	case errors.As(found.VersionErr, &incompatible):
		fmt.Println(incompatible) // says whether to update Pieces OS or the plugin
	case found.VersionErr != nil:
		fmt.Println("version unknown:", found.VersionErr)
	default:
		fmt.Println("supported")
	}
	// Output:
	// true port scan 12.3.1
	// supported
}
