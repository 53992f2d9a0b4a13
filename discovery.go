package piecesos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Defaults of Discover. Each can be changed with a DiscoverOption.
const (
	// DefaultDiscoverEnvVar names the environment variable Discover reads first. Its value is a
	// base URL ("http://127.0.0.1:39300"), a host and port ("127.0.0.1:39300") or a port ("39300").
	DefaultDiscoverEnvVar = "PIECES_OS_URL"
	// DefaultDiscoverFirstPort and DefaultDiscoverLastPort bound the ports of 127.0.0.1 that
	// Discover scans: current Pieces OS builds listen on the first free port from 39300.
	DefaultDiscoverFirstPort = 39300
	// DefaultDiscoverLastPort is the last port Discover scans (inclusive).
	DefaultDiscoverLastPort = 39399
	// DefaultDiscoverProbeTimeout bounds one health check.
	DefaultDiscoverProbeTimeout = 250 * time.Millisecond
	// DefaultDiscoverTimeout bounds a whole Discover call when the context allows longer.
	DefaultDiscoverTimeout = 1500 * time.Millisecond
	// HealthPath is the path of the health check Pieces OS answers with 200 when it is up.
	HealthPath = "/.well-known/health"
)

// discoverScanConcurrency is how many health checks the port scan runs at once.
const discoverScanConcurrency = 16

// ErrNotRunning is matched (errors.Is) by the *NotRunningError Discover returns.
var ErrNotRunning = errors.New("piecesos: Pieces OS is not running")

// NotRunningError is returned by Discover and DiscoverURL when no running Pieces OS was found.
// Tried lists every route in the order it was tried and why it failed. When the search was cut
// short by the context (or by the overall time limit), Err is the context's error, so
// errors.Is(err, context.Canceled) and errors.Is(err, context.DeadlineExceeded) work;
// errors.Is(err, ErrNotRunning) is always true.
type NotRunningError struct {
	Tried []DiscoveryAttempt // the routes tried, in order
	Err   error              // the context's error when the search was cut short, else nil
}

// DiscoveryAttempt is one route Discover tried.
type DiscoveryAttempt struct {
	Route  string // "env", "port file", "port scan" or "legacy port"
	Target string // what was tried: the variable, the file, the URL or the port range
	Err    error  // why it did not lead to a running Pieces OS
}

// String returns "route target: reason", e.g. "port file /home/me/Documents/...: not found".
func (a DiscoveryAttempt) String() string {
	s := a.Route
	if a.Target != "" {
		s += " " + a.Target
	}
	if a.Err != nil {
		s += ": " + a.Err.Error()
	}
	return s
}

// Error lists every route tried and why it failed.
func (e *NotRunningError) Error() string {
	var b strings.Builder
	b.WriteString("piecesos: Pieces OS is not running")
	if e.Err != nil {
		b.WriteString(" (search stopped: ")
		b.WriteString(e.Err.Error())
		b.WriteString(")")
	}
	if len(e.Tried) > 0 {
		b.WriteString("; tried ")
		for i, a := range e.Tried {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(a.String())
		}
	}
	return b.String()
}

// Is reports whether target is ErrNotRunning.
func (e *NotRunningError) Is(target error) bool { return target == ErrNotRunning }

// Unwrap returns the context's error when the search was cut short, or nil.
func (e *NotRunningError) Unwrap() error { return e.Err }

// DiscoverOption changes how Discover searches. Tests use them to point every route at
// loopback servers on random ports.
type DiscoverOption func(*discoverConfig)

type discoverConfig struct {
	envVar       string
	home         string
	portFile     string
	portFileSet  bool
	firstPort    int
	lastPort     int
	legacyPorts  []int
	legacySet    bool
	goos         string
	probeTimeout time.Duration
	timeout      time.Duration
}

// DiscoverEnvVar sets the environment variable read first (default DefaultDiscoverEnvVar);
// an empty name skips that route.
func DiscoverEnvVar(name string) DiscoverOption {
	return func(c *discoverConfig) { c.envVar = name }
}

// DiscoverHomeDir sets the home directory below which the port file is looked for (default
// os.UserHomeDir()).
func DiscoverHomeDir(dir string) DiscoverOption {
	return func(c *discoverConfig) { c.home = dir }
}

// DiscoverPortFile sets the path of the port file, replacing the one derived from the home
// directory and GOOS; an empty path skips that route.
func DiscoverPortFile(path string) DiscoverOption {
	return func(c *discoverConfig) { c.portFile, c.portFileSet = path, true }
}

// DiscoverPortRange sets the ports of 127.0.0.1 to scan, first to last inclusive (default
// DefaultDiscoverFirstPort to DefaultDiscoverLastPort). A first port below 1 or a last port
// below the first skips the scan.
func DiscoverPortRange(first, last int) DiscoverOption {
	return func(c *discoverConfig) { c.firstPort, c.lastPort = first, last }
}

// DiscoverLegacyPorts sets the legacy ports of 127.0.0.1 tried last (default 1000 on macOS and
// Windows, 5323 on Linux, both elsewhere); no ports skips that route.
func DiscoverLegacyPorts(ports ...int) DiscoverOption {
	return func(c *discoverConfig) { c.legacyPorts, c.legacySet = append([]int(nil), ports...), true }
}

// DiscoverGOOS sets the operating system whose port file location and legacy ports are used
// (default runtime.GOOS): "darwin" uses ~/Library/com.pieces.os/production/Config/.port.txt,
// every other system ~/Documents/com.pieces.os/production/Config/.port.txt.
func DiscoverGOOS(goos string) DiscoverOption {
	return func(c *discoverConfig) { c.goos = goos }
}

// DiscoverProbeTimeout sets how long one health check may take (default
// DefaultDiscoverProbeTimeout).
func DiscoverProbeTimeout(d time.Duration) DiscoverOption {
	return func(c *discoverConfig) { c.probeTimeout = d }
}

// DiscoverTimeout sets how long the whole search may take (default DefaultDiscoverTimeout);
// an earlier context deadline wins.
func DiscoverTimeout(d time.Duration) DiscoverOption {
	return func(c *discoverConfig) { c.timeout = d }
}

// Discover finds the running Pieces OS and returns a new Configuration (from
// NewConfiguration) whose only server is its base URL. It tries, in order:
//
//  1. the environment variable PIECES_OS_URL (a URL, host:port or port);
//  2. the port file Pieces OS writes: ~/Library/com.pieces.os/production/Config/.port.txt on
//     macOS, ~/Documents/com.pieces.os/production/Config/.port.txt on Windows and Linux;
//  3. a parallel scan of 127.0.0.1 ports 39300–39399, the first healthy port winning;
//  4. the legacy port: 1000 on macOS and Windows, 5323 on Linux.
//
// Every candidate must answer GET /.well-known/health with 200; a candidate that does not is
// recorded and the next route is tried. The search takes at most DefaultDiscoverTimeout (well
// under two seconds when nothing runs), ends as soon as ctx is done, and leaves no goroutine or
// connection behind. When nothing is found the error is a *NotRunningError listing what was
// tried.
func Discover(ctx context.Context, opts ...DiscoverOption) (*Configuration, error) {
	u, route, err := discover(ctx, opts)
	if err != nil {
		return nil, err
	}
	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: u, Description: "Pieces OS found through the " + route}}
	return cfg, nil
}

// DiscoverURL is Discover returning only the base URL of the running Pieces OS, such as
// "http://127.0.0.1:39300".
func DiscoverURL(ctx context.Context, opts ...DiscoverOption) (string, error) {
	u, _, err := discover(ctx, opts)
	return u, err
}

func discover(ctx context.Context, opts []DiscoverOption) (string, string, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	c := discoverConfig{
		envVar:       DefaultDiscoverEnvVar,
		firstPort:    DefaultDiscoverFirstPort,
		lastPort:     DefaultDiscoverLastPort,
		goos:         runtime.GOOS,
		probeTimeout: DefaultDiscoverProbeTimeout,
		timeout:      DefaultDiscoverTimeout,
	}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.probeTimeout <= 0 {
		c.probeTimeout = DefaultDiscoverProbeTimeout
	}
	if c.timeout <= 0 {
		c.timeout = DefaultDiscoverTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	d := &discoverer{cfg: &c, client: newProbeClient(c.probeTimeout)}
	defer d.client.CloseIdleConnections()

	routes := []func(context.Context) (string, bool){d.fromEnv, d.fromPortFile, d.fromScan, d.fromLegacy}
	names := []string{"environment variable " + c.envVar, "port file", "port scan", "legacy port"}
	for i, route := range routes {
		if err := ctx.Err(); err != nil {
			return "", "", &NotRunningError{Tried: d.tried, Err: err}
		}
		if u, ok := route(ctx); ok {
			return u, names[i], nil
		}
	}
	return "", "", &NotRunningError{Tried: d.tried, Err: ctx.Err()}
}

type discoverer struct {
	cfg    *discoverConfig
	client *http.Client
	tried  []DiscoveryAttempt
}

func (d *discoverer) fail(route, target string, err error) {
	d.tried = append(d.tried, DiscoveryAttempt{Route: route, Target: target, Err: err})
}

func (d *discoverer) fromEnv(ctx context.Context) (string, bool) {
	name := d.cfg.envVar
	if name == "" {
		return "", false
	}
	v, ok := os.LookupEnv(name)
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		d.fail("env", name, errors.New("not set"))
		return "", false
	}
	u, err := parseBaseURL(v)
	if err != nil {
		d.fail("env", name, err)
		return "", false
	}
	if err := probe(ctx, d.client, u, d.cfg.probeTimeout); err != nil {
		d.fail("env", name+"="+u, err)
		return "", false
	}
	return u, true
}

// parseBaseURL accepts "http(s)://host[:port][/prefix]", "host:port" or "port".
func parseBaseURL(v string) (string, error) {
	if p, err := strconv.Atoi(v); err == nil {
		if p < 1 || p > 65535 {
			return "", fmt.Errorf("bad value %q: port out of range", v)
		}
		return "http://127.0.0.1:" + strconv.Itoa(p), nil
	}
	if !strings.Contains(v, "://") {
		v = "http://" + v
	}
	u, err := url.Parse(v)
	if err != nil {
		return "", fmt.Errorf("bad value: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("bad value %q: want http://host:port", v)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// PortFilePath returns where Pieces OS writes its port on goos below home:
// home/Library/com.pieces.os/production/Config/.port.txt on "darwin",
// home/Documents/com.pieces.os/production/Config/.port.txt elsewhere.
func PortFilePath(goos, home string) string {
	dir := "Documents"
	if goos == "darwin" {
		dir = "Library"
	}
	return filepath.Join(home, dir, "com.pieces.os", "production", "Config", ".port.txt")
}

func (d *discoverer) fromPortFile(ctx context.Context) (string, bool) {
	path := d.cfg.portFile
	if !d.cfg.portFileSet {
		home := d.cfg.home
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				d.fail("port file", "", err)
				return "", false
			}
		}
		path = PortFilePath(d.cfg.goos, home)
	}
	if path == "" {
		return "", false
	}
	port, err := readPortFile(path)
	if err != nil {
		d.fail("port file", path, err)
		return "", false
	}
	u := "http://127.0.0.1:" + strconv.Itoa(port)
	if err := probe(ctx, d.client, u, d.cfg.probeTimeout); err != nil {
		d.fail("port file", path+" ("+u+")", err)
		return "", false
	}
	return u, true
}

// maxPortFileSize caps how much of the port file is read: it holds a port number.
const maxPortFileSize = 64

func readPortFile(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return 0, errors.New("not found")
		}
		return 0, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPortFileSize+1))
	if err != nil {
		return 0, err
	}
	if len(data) > maxPortFileSize {
		return 0, errors.New("bad contents: too long for a port number")
	}
	s := strings.TrimSpace(string(data))
	port, err := strconv.Atoi(s)
	if err != nil || port < 1 || port > 65535 {
		return 0, fmt.Errorf("bad contents %q: want a port number", s)
	}
	return port, nil
}

func (d *discoverer) fromScan(ctx context.Context) (string, bool) {
	first, last := d.cfg.firstPort, d.cfg.lastPort
	if first < 1 || last < first || last > 65535 {
		return "", false
	}
	target := "127.0.0.1:" + strconv.Itoa(first) + "-" + strconv.Itoa(last)

	scanCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu     sync.Mutex
		found  string
		counts = map[string]int{}
		wg     sync.WaitGroup
		sem    = make(chan struct{}, discoverScanConcurrency)
	)
loop:
	for port := first; port <= last && scanCtx.Err() == nil; port++ {
		select {
		case sem <- struct{}{}:
		case <-scanCtx.Done():
			break loop
		}
		wg.Add(1)
		go func(port int) {
			defer wg.Done()
			defer func() { <-sem }()
			u := "http://127.0.0.1:" + strconv.Itoa(port)
			err := probe(scanCtx, d.client, u, d.cfg.probeTimeout)
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				if found == "" {
					found = u
					cancel() // first healthy port wins; the other probes stop
				}
				return
			}
			if found == "" {
				counts[classifyProbeError(err)]++
			}
		}(port)
	}
	wg.Wait()
	if found != "" {
		return found, true
	}
	d.fail("port scan", target, scanSummary(counts, ctx.Err()))
	return "", false
}

func scanSummary(counts map[string]int, ctxErr error) error {
	if ctxErr != nil {
		return fmt.Errorf("stopped: %w", ctxErr)
	}
	kinds := []string{"connection refused", "timed out", "unhealthy answer", "other failure"}
	var parts []string
	total := 0
	for _, k := range kinds {
		if n := counts[k]; n > 0 {
			parts = append(parts, strconv.Itoa(n)+" "+k)
			total += n
		}
	}
	return fmt.Errorf("no healthy port (%d probed: %s)", total, strings.Join(parts, ", "))
}

func (d *discoverer) fromLegacy(ctx context.Context) (string, bool) {
	ports := d.cfg.legacyPorts
	if !d.cfg.legacySet {
		switch d.cfg.goos {
		case "darwin", "windows":
			ports = []int{1000}
		case "linux":
			ports = []int{5323}
		default:
			ports = []int{1000, 5323}
		}
	}
	for _, p := range ports {
		if err := ctx.Err(); err != nil {
			return "", false
		}
		u := "http://127.0.0.1:" + strconv.Itoa(p)
		if p < 1 || p > 65535 {
			d.fail("legacy port", strconv.Itoa(p), errors.New("port out of range"))
			continue
		}
		if err := probe(ctx, d.client, u, d.cfg.probeTimeout); err != nil {
			d.fail("legacy port", u, err)
			continue
		}
		return u, true
	}
	return "", false
}

// newProbeClient returns the client of the health checks: no proxy (loopback only), no
// keep-alive (nothing stays open after Discover), no redirects.
func newProbeClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           (&net.Dialer{Timeout: timeout}).DialContext,
			DisableKeepAlives:     true,
			ResponseHeaderTimeout: timeout,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// errUnhealthy marks an answer other than 200 to the health check.
var errUnhealthy = errors.New("unhealthy")

// probe checks that base answers GET base+HealthPath with 200 within timeout.
func probe(ctx context.Context, client *http.Client, base string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+HealthPath, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return ue.Err // the URL is already in the attempt
		}
		return err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: health check answered %s", errUnhealthy, resp.Status)
	}
	return nil
}

func classifyProbeError(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timed out"
	case errors.Is(err, errUnhealthy):
		return "unhealthy answer"
	default:
		return "other failure"
	}
}
