package piecesos

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Version is the version of this SDK, sent in the default User-Agent.
const Version = "1.0.0"

// Defaults that every call applies where the Configuration (or a RetryPolicy) leaves a field at
// its zero value, and WaitForServerMaxWait, the cap of waits while waiting for Pieces OS.
// NewAPIClient does not write them into the Configuration: GetConfig shows the zero values.
const (
	// DefaultTimeout bounds a whole call (every attempt and wait) when the context has no
	// deadline and Configuration.Timeout is zero.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxResponseBytes caps how much of a response body the SDK reads when
	// Configuration.MaxResponseBytes is zero.
	DefaultMaxResponseBytes int64 = 16 << 20
	// DefaultMaxRetries is how many times a failed call is retried when RetryPolicy.MaxRetries is zero.
	DefaultMaxRetries = 2
	// DefaultRetryMinWait is the first backoff wait when RetryPolicy.MinWait is zero.
	DefaultRetryMinWait = 100 * time.Millisecond
	// DefaultRetryMaxWait caps every backoff wait, and bounds the Retry-After the SDK waits
	// for, when RetryPolicy.MaxWait is zero.
	DefaultRetryMaxWait = 2 * time.Second
	// WaitForServerMaxWait caps the waits between the attempts of a call that waits for Pieces
	// OS (RetryPolicy.WaitForServer), or MaxWait when that is smaller: a restarted Pieces OS is
	// reached within this time of listening again.
	WaitForServerMaxWait = 500 * time.Millisecond
)

// contextKey identifies a value the SDK reads from a context (ContextAPIKeys,
// ContextServerIndex, ContextRetryPolicy, ...). Its String method prefixes "auth ", as the
// context keys of generated clients do.
type contextKey string

func (c contextKey) String() string {
	return "auth " + string(c)
}

// name returns the name of the exported variable of a key, for error messages.
func (c contextKey) name() string {
	switch c {
	case ContextAPIKeys:
		return "ContextAPIKeys"
	case ContextServerIndex:
		return "ContextServerIndex"
	case ContextOperationServerIndices:
		return "ContextOperationServerIndices"
	case ContextServerVariables:
		return "ContextServerVariables"
	case ContextOperationServerVariables:
		return "ContextOperationServerVariables"
	case ContextRetryPolicy:
		return "ContextRetryPolicy"
	case ContextWaitForServer:
		return "ContextWaitForServer"
	}
	return string(c)
}

// A context value of the wrong type for its key is an error of the call naming the key (a
// *ValidationError, before any I/O), whichever key it is.
var (
	// ContextAPIKeys takes a string apikey as authentication for the request
	// (a map[string]APIKey; the key "application" is sent as X-Application-ID).
	ContextAPIKeys = contextKey("apiKeys")

	// ContextServerIndex uses a server configuration from the index.
	ContextServerIndex = contextKey("serverIndex")

	// ContextOperationServerIndices uses a server configuration from the index mapping.
	ContextOperationServerIndices = contextKey("serverOperationIndices")

	// ContextServerVariables overrides a server configuration variables.
	ContextServerVariables = contextKey("serverVariables")

	// ContextOperationServerVariables overrides a server configuration variables using operation specific values.
	ContextOperationServerVariables = contextKey("serverOperationVariables")

	// ContextRetryPolicy overrides Configuration.Retry for one call (a RetryPolicy or a
	// *RetryPolicy; a nil *RetryPolicy keeps Configuration.Retry).
	ContextRetryPolicy = contextKey("retryPolicy")

	// ContextWaitForServer overrides RetryPolicy.WaitForServer for one call (a bool), whichever
	// policy applies: context.WithValue(ctx, ContextWaitForServer, true) makes the call wait,
	// until its deadline, for a Pieces OS that is starting or restarting.
	ContextWaitForServer = contextKey("waitForServer")
)

// The keys above boxed once, for lookups: context.Context.Value takes an interface, and
// converting a contextKey (a string) to one allocates 16 bytes on every lookup. A boxed key
// holds the same dynamic type and string as the exported variable, so it equals the key a
// caller passes to context.WithValue (TestBoxedContextKeys).
var (
	ctxKeyAPIKeys                  any = ContextAPIKeys
	ctxKeyServerIndex              any = ContextServerIndex
	ctxKeyOperationServerIndices   any = ContextOperationServerIndices
	ctxKeyServerVariables          any = ContextServerVariables
	ctxKeyOperationServerVariables any = ContextOperationServerVariables
	ctxKeyRetryPolicy              any = ContextRetryPolicy
	ctxKeyWaitForServer            any = ContextWaitForServer
)

// APIKey provides API key based authentication to a request passed via context using ContextAPIKeys.
type APIKey struct {
	Key    string
	Prefix string
}

// ServerVariable stores the information about a server variable.
type ServerVariable struct {
	Description  string
	DefaultValue string
	EnumValues   []string
}

// ServerConfiguration stores the information about a server.
type ServerConfiguration struct {
	URL         string
	Description string
	Variables   map[string]ServerVariable
}

// ServerConfigurations stores multiple ServerConfiguration items.
type ServerConfigurations []ServerConfiguration

// RetryPolicy says how a failed call is retried. Zero fields take the defaults
// (DefaultMaxRetries, DefaultRetryMinWait, DefaultRetryMaxWait).
//
// What is retried: a refused connection, for every operation (the request never reached
// Pieces OS, which may be starting); for a read (GET: AllocationSnapshot, the WellKnown
// operations) also 429, 502, 503, 504 and connection failures after the request was sent; for
// an update (AllocationUpdate), 429 and 5xx answers and failures after sending only when
// RetryUpdates is true. Failures a retry cannot
// fix are never retried: an invalid header value, an unsupported scheme, a Location that does
// not parse, a TLS certificate or handshake error.
//
// Waits grow exponentially from MinWait (doubling per retry) with equal jitter (each wait is
// between half and all of its step) and are capped by MaxWait. A Retry-After (seconds or HTTP
// date) replaces the computed wait; the SDK never retries sooner than the server asked, so a
// Retry-After longer than MaxWait ends the call at once with that answer's error. A wait that
// would pass the context's deadline is not slept: the call ends at once with the last answer's
// error (or failure). A wait ends as soon as the context is done. See docs/RELIABILITY.md.
type RetryPolicy struct {
	// MaxRetries is how many retries follow the first attempt. Zero means DefaultMaxRetries;
	// a negative value disables retries.
	MaxRetries int
	// MinWait is the first backoff wait. Zero means DefaultRetryMinWait.
	MinWait time.Duration
	// MaxWait caps every computed wait, and is the longest Retry-After the SDK waits for: an
	// answer asking for longer is returned at once. Zero means DefaultRetryMaxWait.
	MaxWait time.Duration
	// RetryUpdates opts updates (AllocationUpdate) in to retries after 429 and 5xx answers and
	// after failures once the request was sent (the update may have been applied already).
	RetryUpdates bool
	// WaitForServer makes a call survive a start or restart of Pieces OS: failures that prove
	// the request never reached it (a refused connection, on every platform, or another
	// failure to connect) are retried until the call's deadline (Configuration.Timeout,
	// DefaultTimeout when zero, applies when the context has none), whatever MaxRetries says
	// and without counting against it. The waits grow from MinWait as usual but are capped by
	// WaitForServerMaxWait (500 ms) or MaxWait when smaller; the call ends when the next wait
	// would pass the deadline. A request that may have reached Pieces OS is retried as without
	// it: an update whose connection breaks after it was sent is not repeated unless
	// RetryUpdates is set. ContextWaitForServer sets it per call. Off by default: a call fails
	// fast (3 attempts over about 150–300 ms with the defaults).
	WaitForServer bool
}

// Configuration stores the configuration of the API client.
//
// The fields up to HTTPClient are those of a generated client. The others are this SDK's;
// their zero values select documented defaults. NewAPIClient copies what it needs: changing a
// Configuration after NewAPIClient does not change the client, except through GetConfig.
type Configuration struct {
	// Host, when set, replaces the host (and port) of the selected server URL.
	Host string `json:"host,omitempty"`
	// Scheme, when set, replaces the scheme of the selected server URL.
	Scheme string `json:"scheme,omitempty"`
	// DefaultHeader is sent with every request (before the SDK's own headers).
	DefaultHeader map[string]string `json:"defaultHeader,omitempty"`
	// UserAgent is sent as User-Agent.
	UserAgent string `json:"userAgent,omitempty"`
	// Debug logs every attempt (method, URL, status, attempt, duration, redacted headers) to
	// Logger, or to standard error when Logger is nil.
	Debug bool `json:"debug,omitempty"`
	// Servers lists the servers; ContextServerIndex selects one (default 0).
	Servers ServerConfigurations
	// OperationServers overrides Servers per operation ("AllocationAPIService.AllocationSnapshot").
	OperationServers map[string]ServerConfigurations
	// HTTPClient sends the requests. When nil, the client sends through the tuned transport
	// that every such client of the process shares (see NewAPIClient and
	// APIClient.CloseIdleConnections), or through http.DefaultTransport while that is replaced
	// (httpmock.Activate); it never uses http.DefaultClient.
	HTTPClient *http.Client

	// Timeout bounds each call (all attempts and waits) when its context has no deadline.
	// Zero means DefaultTimeout; negative means no SDK timeout: then a call without a context
	// deadline waits for a stuck server as long as the connection stays open (the default
	// transport has no response-header timer). A context deadline always wins.
	// The calls of a client whose contexts cannot be cancelled (context.Background and values
	// on it) and that start within Timeout/64 (100 ms at most) of each other share one
	// deadline, the earliest of theirs: a call may end up to that much sooner than Timeout,
	// never later.
	Timeout time.Duration
	// MaxResponseBytes caps how much of a response body is read; a larger body is a
	// *ResponseTooLargeError. Zero means DefaultMaxResponseBytes; a negative value means no
	// cap, as for Timeout and RetryPolicy.MaxRetries. A call holds at most the cap + 1 bytes
	// of body while reading it, then copies a body that fits once (see docs/RELIABILITY.md).
	MaxResponseBytes int64
	// Retry is the retry policy; ContextRetryPolicy overrides it per call.
	Retry RetryPolicy
	// Logger receives debug logs (at slog.LevelDebug) when set, whether or not Debug is set.
	// Credentials are never logged.
	Logger *slog.Logger
	// FollowCrossHostRedirects follows redirects to another host (scheme, host or port),
	// without any header that is a credential by the rule of the debug logs (X-Application-ID,
	// Authorization, Cookie, a DefaultHeader X-Api-Key, ...), and with the cookie jar of
	// HTTPClient, if any, neither read nor written for the other host. By default such a
	// redirect is a *RedirectError.
	FollowCrossHostRedirects bool
}

// NewConfiguration returns a new Configuration object with the servers of the API
// description: index 0 is http://localhost:1000 (macOS and Windows), index 1
// http://localhost:5323 (Linux), the fixed ports of Pieces OS before version 11. Current builds
// listen on a port from 39300 upwards, which changes between launches: find the running one
// with Discover (or DiscoverDetails), which returns a Configuration pointing at it.
func NewConfiguration() *Configuration {
	cfg := &Configuration{
		DefaultHeader:    make(map[string]string),
		UserAgent:        "pieces-os-client-sdk-for-go/" + Version + " (Go)",
		Debug:            false,
		Servers:          defaultServers(),
		OperationServers: map[string]ServerConfigurations{},
	}
	return cfg
}

// clone returns a copy of c that shares no map or slice with it. HTTPClient and Logger are
// shared: they are the caller's to configure.
func (c *Configuration) clone() *Configuration {
	cp := *c
	if c.DefaultHeader != nil {
		cp.DefaultHeader = make(map[string]string, len(c.DefaultHeader))
		for k, v := range c.DefaultHeader {
			cp.DefaultHeader[k] = v
		}
	}
	cp.Servers = c.Servers.clone()
	if c.OperationServers != nil {
		cp.OperationServers = make(map[string]ServerConfigurations, len(c.OperationServers))
		for k, v := range c.OperationServers {
			cp.OperationServers[k] = v.clone()
		}
	}
	return &cp
}

func (sc ServerConfigurations) clone() ServerConfigurations {
	if sc == nil {
		return nil
	}
	out := make(ServerConfigurations, len(sc))
	for i, s := range sc {
		out[i] = s
		if s.Variables != nil {
			out[i].Variables = make(map[string]ServerVariable, len(s.Variables))
			for k, v := range s.Variables {
				if v.EnumValues != nil {
					v.EnumValues = append([]string(nil), v.EnumValues...)
				}
				out[i].Variables[k] = v
			}
		}
	}
	return out
}

// AddDefaultHeader adds a new HTTP header to the default header in the request.
func (c *Configuration) AddDefaultHeader(key string, value string) {
	if c.DefaultHeader == nil {
		c.DefaultHeader = make(map[string]string)
	}
	c.DefaultHeader[key] = value
}

// URL formats template on a index using given variables.
func (sc ServerConfigurations) URL(index int, variables map[string]string) (string, error) {
	if index < 0 || len(sc) <= index {
		return "", fmt.Errorf("index %v out of range %v", index, len(sc)-1)
	}
	server := sc[index]
	url := server.URL

	// go through variables and replace placeholders
	for name, variable := range server.Variables {
		if value, ok := variables[name]; ok {
			found := len(variable.EnumValues) == 0
			for _, enumValue := range variable.EnumValues {
				if value == enumValue {
					found = true
				}
			}
			if !found {
				return "", fmt.Errorf("the variable %s in the server URL has invalid value %v. Must be %v", name, value, variable.EnumValues)
			}
			url = strings.ReplaceAll(url, "{"+name+"}", value)
		} else {
			url = strings.ReplaceAll(url, "{"+name+"}", variable.DefaultValue)
		}
	}
	return url, nil
}

// ServerURL returns URL based on server settings.
func (c *Configuration) ServerURL(index int, variables map[string]string) (string, error) {
	return c.Servers.URL(index, variables)
}

func getServerIndex(ctx context.Context) (int, error) {
	si := ctx.Value(ctxKeyServerIndex)
	if si != nil {
		if index, ok := si.(int); ok {
			return index, nil
		}
		return 0, contextTypeError(ContextServerIndex, si, "int")
	}
	return 0, nil
}

func getServerOperationIndex(ctx context.Context, endpoint string) (int, error) {
	osi := ctx.Value(ctxKeyOperationServerIndices)
	if osi != nil {
		operationIndices, ok := osi.(map[string]int)
		if !ok {
			return 0, contextTypeError(ContextOperationServerIndices, osi, "map[string]int")
		}
		index, ok := operationIndices[endpoint]
		if ok {
			return index, nil
		}
	}
	return getServerIndex(ctx)
}

func getServerVariables(ctx context.Context) (map[string]string, error) {
	sv := ctx.Value(ctxKeyServerVariables)
	if sv != nil {
		if variables, ok := sv.(map[string]string); ok {
			return variables, nil
		}
		return nil, contextTypeError(ContextServerVariables, sv, "map[string]string")
	}
	return nil, nil
}

func getServerOperationVariables(ctx context.Context, endpoint string) (map[string]string, error) {
	osv := ctx.Value(ctxKeyOperationServerVariables)
	if osv != nil {
		operationVariables, ok := osv.(map[string]map[string]string)
		if !ok {
			return nil, contextTypeError(ContextOperationServerVariables, osv, "map[string]map[string]string")
		}
		variables, ok := operationVariables[endpoint]
		if ok {
			return variables, nil
		}
	}
	return getServerVariables(ctx)
}

// contextTypeError reports a context value of the wrong type: a *ValidationError naming the
// key and the types, never the value (it may hold a credential).
func contextTypeError(key contextKey, v interface{}, want string) error {
	return &ValidationError{Param: "context value " + key.name(), Reason: fmt.Sprintf("invalid type %T should be %s", v, want)}
}

// ServerURLWithContext returns a new server URL given an endpoint
// ("AllocationAPIService.AllocationSnapshot"), honouring OperationServers and the
// server index and variables carried by ctx.
func (c *Configuration) ServerURLWithContext(ctx context.Context, endpoint string) (string, error) {
	sc, ok := c.OperationServers[endpoint]
	if !ok {
		sc = c.Servers
	}

	if ctx == nil {
		return sc.URL(0, nil)
	}

	index, err := getServerOperationIndex(ctx, endpoint)
	if err != nil {
		return "", err
	}

	variables, err := getServerOperationVariables(ctx, endpoint)
	if err != nil {
		return "", err
	}

	return sc.URL(index, variables)
}
