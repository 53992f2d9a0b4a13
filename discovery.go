package piecesos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Defaults of Discover. Each can be changed with a DiscoverOption.
const (
	// DefaultDiscoverEnvVar names the environment variable Discover reads first. Its value is a
	// base URL ("http://127.0.0.1:39300"), a host and port ("127.0.0.1:39300") or a port
	// ("39300"). When it is set (not empty or blank), it is the only route Discover tries.
	DefaultDiscoverEnvVar = "PIECES_OS_URL"
	// DefaultDiscoverFirstPort and DefaultDiscoverLastPort bound the ports of 127.0.0.1 that
	// Discover scans: current Pieces OS builds listen on the first free port from 39300.
	DefaultDiscoverFirstPort = 39300
	// DefaultDiscoverLastPort is the last port Discover scans (inclusive): 39333, as the
	// official clients (Python, C#). Debug builds of Pieces OS are said to use the ports above;
	// reach one with PIECES_OS_URL or DiscoverPortRange.
	DefaultDiscoverLastPort = 39333
	// DefaultDiscoverProbeTimeout bounds one health check.
	DefaultDiscoverProbeTimeout = 250 * time.Millisecond
	// DefaultDiscoverTimeout bounds a whole Discover call when the context allows longer.
	DefaultDiscoverTimeout = 1500 * time.Millisecond
	// HealthPath is the path of the health check Pieces OS answers with 200 when it is up.
	HealthPath = "/.well-known/health"
)

// The routes of discovery, as DiscoveryAttempt.Route and DiscoveryResult.Route name them.
const (
	// DiscoveryRouteEnv is the environment variable (PIECES_OS_URL).
	DiscoveryRouteEnv = "env"
	// DiscoveryRoutePortFile is the port file Pieces OS writes.
	DiscoveryRoutePortFile = "port file"
	// DiscoveryRoutePortScan is the scan of the ports of 127.0.0.1.
	DiscoveryRoutePortScan = "port scan"
	// DiscoveryRouteLegacyPort is the fixed port of Pieces OS before version 11.
	DiscoveryRouteLegacyPort = "legacy port"
)

// discoverScanConcurrency is how many health checks the port scan runs at once.
const discoverScanConcurrency = 16

// versionPath is the path of GET /.well-known/version; maxVersionBytes caps its answer.
const (
	versionPath     = "/.well-known/version"
	maxVersionBytes = 256
)

// ErrNotRunning is matched (errors.Is) by the *NotRunningError Discover returns.
var ErrNotRunning = errors.New("piecesos: Pieces OS is not running")

// ErrVersionUnavailable is matched (errors.Is) by DiscoveryResult.VersionErr when the version
// could not be read.
var ErrVersionUnavailable = errors.New("piecesos: Pieces OS version unavailable")

// NotRunningError is returned by Discover, DiscoverURL and DiscoverDetails when no running
// Pieces OS was found.
// Tried lists every route in the order it was tried and why it failed. When the search was cut
// short by the context (or by the overall time limit), Err is the context's error, so
// errors.Is(err, context.Canceled) and errors.Is(err, context.DeadlineExceeded) work;
// errors.Is(err, ErrNotRunning) is always true.
type NotRunningError struct {
	Tried []DiscoveryAttempt // the routes tried, in order
	Err   error              // the context's error when the search was cut short, else nil
}

// DiscoveryAttempt is one route Discover tried. No field holds the user name or password of a
// URL.
type DiscoveryAttempt struct {
	Route  string // DiscoveryRouteEnv, DiscoveryRoutePortFile, DiscoveryRoutePortScan or DiscoveryRouteLegacyPort
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
// an empty name skips that route. When the variable is set, no other route is tried.
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
//  1. the environment variable PIECES_OS_URL (a URL, host:port or port). When it is set (not
//     empty), it is the only route: if it does not lead to a healthy Pieces OS, Discover fails
//     naming it, and never falls through to a Pieces OS found elsewhere;
//  2. the port file Pieces OS writes: ~/Library/com.pieces.os/production/Config/.port.txt on
//     macOS, ~/Documents/com.pieces.os/production/Config/.port.txt on Windows and Linux. A file
//     that is not a regular file (a directory, a named pipe, a device) or holds more than 32
//     bytes is refused without being read;
//  3. a parallel scan of 127.0.0.1 ports 39300–39333: the lowest healthy port wins (production
//     Pieces OS takes the first free port), whichever answers first;
//  4. the legacy port: 1000 on macOS and Windows, 5323 on Linux.
//
// Every candidate must answer GET /.well-known/health with 200; a candidate that does not is
// recorded and the next route is tried. The search takes at most DefaultDiscoverTimeout (1.5 s)
// and the time to notice it passed, ends as soon as ctx is done, and leaves no goroutine or
// connection behind (but for a read of the port file that the file system itself holds up: it
// is given up on at the bound and ends when the file system answers). When nothing is found the error is a *NotRunningError listing what was
// tried; no error repeats the user name or password of a URL.
func Discover(ctx context.Context, opts ...DiscoverOption) (*Configuration, error) {
	f, err := discover(ctx, opts, false)
	if err != nil {
		return nil, err
	}
	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: f.URL, Description: "Pieces OS found through the " + f.description}}
	return cfg, nil
}

// DiscoverURL is Discover returning only the base URL of the running Pieces OS, such as
// "http://127.0.0.1:39300".
func DiscoverURL(ctx context.Context, opts ...DiscoverOption) (string, error) {
	f, err := discover(ctx, opts, false)
	if err != nil {
		return "", err
	}
	return f.URL, nil
}

// DiscoveryResult is what DiscoverDetails found.
type DiscoveryResult struct {
	// URL is the base URL of the running Pieces OS, as DiscoverURL returns it.
	URL string
	// Route is the route that found it: DiscoveryRouteEnv, DiscoveryRoutePortFile,
	// DiscoveryRoutePortScan or DiscoveryRouteLegacyPort.
	Route string
	// Target is what on that route led to it: the variable's name, the port file's path, the
	// scanned range or the legacy port, as in DiscoveryAttempt.
	Target string
	// Tried lists the routes tried before, and why they did not lead to Pieces OS.
	Tried []DiscoveryAttempt
	// Version is what CheckVersion made of the answer to GET /.well-known/version; its zero
	// value when the version could not be read.
	Version VersionInfo
	// VersionErr is nil when the version was read and this SDK supports it. Otherwise it is
	// an *IncompatibleVersionError (errors.Is(err, ErrIncompatibleVersion)) when the version
	// is outside [MinPiecesOSVersion, MaxPiecesOSVersion), or says why the version could not
	// be read (errors.Is(err, ErrVersionUnavailable)). Neither makes DiscoverDetails fail.
	VersionErr error
}

// DiscoverDetails is Discover returning what it found: the base URL, the route that found it
// and the version Pieces OS reports (GET /.well-known/version, read through a 256-byte cap),
// checked with CheckVersion. A version that cannot be read or is not supported is reported in
// the result (VersionErr), not as an error: the error is a *NotRunningError, as Discover's,
// when no Pieces OS was found. The version is read within the same time limit as the search.
func DiscoverDetails(ctx context.Context, opts ...DiscoverOption) (*DiscoveryResult, error) {
	f, err := discover(ctx, opts, true)
	if err != nil {
		return nil, err
	}
	return &f.DiscoveryResult, nil
}

// found is what discover found.
type found struct {
	DiscoveryResult
	description string // for ServerConfiguration.Description: "port scan", "environment variable X", ...
}

func discover(ctx context.Context, opts []DiscoverOption, withVersion bool) (*found, error) {
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

	routes := []struct {
		name, description string
		try               func(context.Context) (url, target string, ok, final bool)
	}{
		{DiscoveryRouteEnv, "environment variable " + c.envVar, d.fromEnv},
		{DiscoveryRoutePortFile, "port file", d.fromPortFile},
		{DiscoveryRoutePortScan, "port scan", d.fromScan},
		{DiscoveryRouteLegacyPort, "legacy port", d.fromLegacy},
	}
	for _, r := range routes {
		if err := ctx.Err(); err != nil {
			return nil, &NotRunningError{Tried: d.tried, Err: err}
		}
		u, target, ok, final := r.try(ctx)
		if ok {
			f := &found{DiscoveryResult: DiscoveryResult{URL: u, Route: r.name, Target: target, Tried: d.tried}, description: r.description}
			if withVersion {
				f.Version, f.VersionErr = readVersion(ctx, d.client, u, c.probeTimeout)
			}
			return f, nil
		}
		if final {
			break
		}
	}
	return nil, &NotRunningError{Tried: d.tried, Err: ctx.Err()}
}

type discoverer struct {
	cfg    *discoverConfig
	client *http.Client
	tried  []DiscoveryAttempt
}

func (d *discoverer) fail(route, target string, err error) {
	d.tried = append(d.tried, DiscoveryAttempt{Route: route, Target: target, Err: err})
}

// fromEnv tries the environment variable. A variable that is set (not empty) is final: the
// user said where Pieces OS is, so a Pieces OS found elsewhere (a real one, when the variable
// points a test at a fake) must not be taken instead.
func (d *discoverer) fromEnv(ctx context.Context) (u, target string, ok, final bool) {
	name := d.cfg.envVar
	if name == "" {
		return "", "", false, false
	}
	v, _ := os.LookupEnv(name)
	v = strings.TrimSpace(v)
	if v == "" {
		d.fail(DiscoveryRouteEnv, name, errors.New("not set"))
		return "", "", false, false
	}
	explicit := func(err error) error {
		return fmt.Errorf("%w (%s is set, so no other route was tried)", err, name)
	}
	u, err := parseBaseURL(v)
	if err != nil {
		d.fail(DiscoveryRouteEnv, name, explicit(err))
		return "", "", false, true
	}
	if err := probe(ctx, d.client, u, d.cfg.probeTimeout); err != nil {
		d.fail(DiscoveryRouteEnv, name+"="+u, explicit(err))
		return "", "", false, true
	}
	return u, name, true, true
}

// parseBaseURL accepts "http(s)://host[:port][/prefix]", "host:port" or "port". Its errors
// never repeat the user name or password of v, nor its query or fragment.
func parseBaseURL(v string) (string, error) {
	if p, err := strconv.Atoi(v); err == nil {
		if p < 1 || p > 65535 {
			return "", fmt.Errorf("bad value %q: port out of range", v)
		}
		return "http://127.0.0.1:" + strconv.Itoa(p), nil
	}
	shown := quoteShort(redactValue(v))
	if !strings.Contains(v, "://") {
		v = "http://" + v
	}
	u, err := url.Parse(v)
	if err != nil {
		var ue *url.Error
		if strings.Contains(v, "@") || !errors.As(err, &ue) {
			// The reason may quote a part of the user name or password.
			return "", fmt.Errorf("bad value %s: not a valid URL", shown)
		}
		return "", fmt.Errorf("bad value %s: not a valid URL: %v", shown, ue.Err)
	}
	switch {
	case u.User != nil:
		return "", fmt.Errorf("bad value %s: a user name or password is not supported (Pieces OS needs none)", shown)
	case (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "", fmt.Errorf("bad value %s: want http://host:port", shown)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// redactValue hides what may be a credential in a URL-like value: everything between the
// scheme and the last "@" (a user name, a token, a password, even one holding "/" or "#"),
// and the query and fragment after it.
func redactValue(v string) string {
	start := 0
	if i := strings.Index(v, "://"); i >= 0 {
		start = i + 3
	}
	rest := v[start:]
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		rest = "xxxxx" + rest[at:]
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i+1] + "xxxxx"
	}
	return v[:start] + rest
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

func (d *discoverer) fromPortFile(ctx context.Context) (u, target string, ok, final bool) {
	path := d.cfg.portFile
	if !d.cfg.portFileSet {
		home := d.cfg.home
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				d.fail(DiscoveryRoutePortFile, "", err)
				return "", "", false, false
			}
		}
		path = PortFilePath(d.cfg.goos, home)
	}
	if path == "" {
		return "", "", false, false
	}
	port, err := readPortFile(ctx, path)
	if err != nil {
		d.fail(DiscoveryRoutePortFile, path, err)
		return "", "", false, false
	}
	u = "http://127.0.0.1:" + strconv.Itoa(port)
	if err := probe(ctx, d.client, u, d.cfg.probeTimeout); err != nil {
		d.fail(DiscoveryRoutePortFile, path+" ("+u+")", err)
		return "", "", false, false
	}
	return u, path, true, false
}

// maxPortFileSize caps the port file: a port number, white space around it, perhaps a
// byte-order mark.
const maxPortFileSize = 32

// readPortFile reads the port in the file at path. It returns when ctx is done even if the
// file system does not answer (the read then finishes in the background).
func readPortFile(ctx context.Context, path string) (int, error) {
	type result struct {
		port int
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		port, err := readPortFileNow(path)
		ch <- result{port, err}
	}()
	select {
	case r := <-ch:
		return r.port, r.err
	case <-ctx.Done():
		return 0, fmt.Errorf("stopped: %w", ctx.Err())
	}
}

// readPortFileNow reads the port in the file at path. It refuses, without reading or blocking,
// anything but a small regular file: opening a named pipe waits for a writer, a device may
// never end. The file is looked at before it is opened, opened without blocking (on Unix), and
// looked at again once open, in case it was replaced in between.
func readPortFileNow(path string) (int, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, errors.New("not found")
		}
		return 0, err
	}
	if err := checkPortFile(fi); err != nil {
		return 0, err
	}
	f, err := openPortFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return 0, err
	}
	if err := checkPortFile(fi); err != nil {
		return 0, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxPortFileSize+1))
	if err != nil {
		return 0, err
	}
	if len(data) > maxPortFileSize {
		return 0, fmt.Errorf("too large for a port file (more than %d bytes)", maxPortFileSize)
	}
	s := strings.TrimSpace(strings.TrimPrefix(string(data), "\uFEFF"))
	port, err := strconv.Atoi(s)
	if err != nil || port < 1 || port > 65535 {
		return 0, fmt.Errorf("bad contents %q: want a port number", s)
	}
	return port, nil
}

// checkPortFile refuses anything but a regular file of at most maxPortFileSize bytes.
func checkPortFile(fi fs.FileInfo) error {
	m := fi.Mode()
	var kind string
	switch {
	case m.IsRegular():
		if fi.Size() > maxPortFileSize {
			return fmt.Errorf("too large for a port file (%d bytes, at most %d)", fi.Size(), maxPortFileSize)
		}
		return nil
	case m.IsDir():
		kind = "a directory"
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	default:
		kind = "of type " + m.Type().String()
	}
	return errors.New("not a regular file: " + kind)
}

func (d *discoverer) fromScan(ctx context.Context) (u, target string, ok, final bool) {
	first, last := d.cfg.firstPort, d.cfg.lastPort
	if first < 1 || last < first || last > 65535 {
		return "", "", false, false
	}
	target = "127.0.0.1:" + strconv.Itoa(first) + "-" + strconv.Itoa(last)
	best, counts := d.scan(ctx, first, last)
	if best > 0 {
		return "http://127.0.0.1:" + strconv.Itoa(best), target, true, false
	}
	d.fail(DiscoveryRoutePortScan, target, scanSummary(counts, ctx.Err()))
	return "", "", false, false
}

// scan probes the ports first to last, at most discoverScanConcurrency at once, in increasing
// order, and returns the lowest healthy one (0 when none is) and why the others failed. A port
// is taken only once every lower port has failed: a probe on a higher port may finish first.
// Probes above a healthy port are not started, or cancelled. scan returns when the answer is
// known or ctx is done, after every probe it started has returned.
func (d *discoverer) scan(ctx context.Context, first, last int) (best int, counts map[string]int) {
	type result struct {
		i   int
		err error
	}
	n := last - first + 1
	var (
		failed  = make([]bool, n)
		cancels = make([]context.CancelFunc, n)
		results = make(chan result, discoverScanConcurrency)
		next    = 0  // the next port (index) to probe
		running = 0  // probes started and not returned
		lowest  = 0  // every port below this index failed
		bestI   = -1 // the lowest healthy index so far
	)
	counts = map[string]int{}
	defer func() { // stops and waits for the probes still running
		for i := 0; i < next; i++ {
			cancels[i]()
		}
		for ; running > 0; running-- {
			<-results
		}
	}()
	for {
		for lowest < n && failed[lowest] {
			lowest++
		}
		if bestI >= 0 && lowest == bestI {
			return first + bestI, counts // every lower port failed
		}
		limit := n
		if bestI >= 0 {
			limit = bestI
		}
		for running < discoverScanConcurrency && next < limit {
			pctx, cancel := context.WithCancel(ctx)
			cancels[next] = cancel
			go func(i int) {
				results <- result{i, probe(pctx, d.client, "http://127.0.0.1:"+strconv.Itoa(first+i), d.cfg.probeTimeout)}
			}(next)
			next++
			running++
		}
		if running == 0 {
			return 0, counts // every port failed
		}
		select {
		case r := <-results:
			running--
			cancels[r.i]()
			switch {
			case r.err == nil:
				if bestI < 0 || r.i < bestI {
					for j := r.i + 1; j < next; j++ {
						cancels[j]() // cannot win any more
					}
					bestI = r.i
				}
			default:
				failed[r.i] = true
				if bestI < 0 || r.i < bestI {
					counts[classifyProbeError(r.err)]++
				}
			}
		case <-ctx.Done():
			// A healthy port found so far is not known to be the lowest: the search was cut
			// short. The deferred function stops the probes.
			return 0, counts
		}
	}
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

func (d *discoverer) fromLegacy(ctx context.Context) (u, target string, ok, final bool) {
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
			return "", "", false, false
		}
		u := "http://127.0.0.1:" + strconv.Itoa(p)
		if p < 1 || p > 65535 {
			d.fail(DiscoveryRouteLegacyPort, strconv.Itoa(p), errors.New("port out of range"))
			continue
		}
		if err := probe(ctx, d.client, u, d.cfg.probeTimeout); err != nil {
			d.fail(DiscoveryRouteLegacyPort, u, err)
			continue
		}
		return u, u, true, false
	}
	return "", "", false, false
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

// get sends GET base+path within timeout and returns the answer, its body read through limit
// (the body is closed). A transport error comes without its *url.Error, whose URL the caller
// already names; one caused by the timeout says so.
func get(parent context.Context, client *http.Client, base, path string, timeout time.Duration, limit int64) (*http.Response, []byte, error) {
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	timedOut := func(err error) error {
		var ne net.Error
		if parent.Err() == nil && (errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()) {
			// The transport's header timeout and the context race: say the same either way.
			return fmt.Errorf("no answer within %v: %w", timeout, err)
		}
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
	if err != nil {
		return nil, nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, nil, timedOut(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	return resp, data, timedOut(err)
}

// probe checks that base answers GET base+HealthPath with 200 within timeout.
func probe(ctx context.Context, client *http.Client, base string, timeout time.Duration) error {
	resp, _, err := get(ctx, client, base, HealthPath, timeout, 0) // the status is what counts
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: health check answered %s", errUnhealthy, resp.Status)
	}
	return nil
}

// readVersion reads GET base+/.well-known/version and checks it with CheckVersion.
func readVersion(ctx context.Context, client *http.Client, base string, timeout time.Duration) (VersionInfo, error) {
	resp, data, err := get(ctx, client, base, versionPath, timeout, maxVersionBytes+1)
	switch {
	case err != nil:
		return VersionInfo{}, fmt.Errorf("%w: GET %s: %w", ErrVersionUnavailable, versionPath, err)
	case resp.StatusCode != http.StatusOK:
		return VersionInfo{}, fmt.Errorf("%w: GET %s answered %s", ErrVersionUnavailable, versionPath, resp.Status)
	case len(data) > maxVersionBytes:
		return VersionInfo{}, fmt.Errorf("%w: GET %s answered more than %d bytes", ErrVersionUnavailable, versionPath, maxVersionBytes)
	}
	return CheckVersion(string(data))
}

func classifyProbeError(err error) string {
	var ne net.Error
	switch {
	case isConnRefused(err):
		return "connection refused"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timed out"
	case errors.Is(err, errUnhealthy):
		return "unhealthy answer"
	default:
		return "other failure"
	}
}
