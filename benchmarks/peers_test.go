package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/ogen-go/ogen/ogenerrors"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/benchmarks/gen/oapicodegen"
	ogenclient "github.com/pieces-app/pieces-os-client-sdk-for-go/benchmarks/gen/ogen"
)

// httpClient is one peer's client of the two operations. Results are returned as any (a pointer
// to the peer's own model, boxed without allocating) so the checks can look at them.
type httpClient interface {
	snapshot(ctx context.Context, id string) (any, error)
	update(ctx context.Context, model any) (any, error)
}

// peer is one way of calling the Allocation API from Go.
type peer struct {
	name string
	// newClient builds a client against baseURL that sends through hc, which the harness owns
	// (and whose idle connections it closes). hc is nil only for a peer with defaultTransport.
	newClient func(baseURL string, hc *http.Client) (httpClient, error)
	// defaultTransport marks the SDK as its users get it without Configuration.HTTPClient: the
	// harness gives it no *http.Client and it sends through its own default transport.
	defaultTransport bool
	// decode decodes an AllocationCloud into the peer's model (a pointer); nil for floor.
	decode func([]byte) (any, error)
	// encode encodes a model decode returned.
	encode func(any) ([]byte, error)
	// view reads the compared values out of a model; nil for floor.
	view func(any) view
	// secondPrecisionEncode is set for a peer whose encoder drops the fraction of date-time
	// values (the round-trip checks then expect the truncated instant).
	secondPrecisionEncode bool
	// httpOnly leaves the peer out of Decode and Encode (its codec is another peer's).
	httpOnly bool
}

// peers is every peer of the first harness, in the order they run and are printed: floor, raw,
// ogen, oapicodegen and sdk-tuned each get their own tuned *http.Client, sdk its default.
var peers = []peer{floorPeer, rawPeer, ogenPeer, oapicodegenPeer, sdkPeer, sdkTunedPeer}

// errStatus reports a non-200 answer where the benchmarks expect 200.
type errStatus int

func (e errStatus) Error() string { return fmt.Sprintf("unexpected status %d", int(e)) }

// Precomputed header values, shared read-only by every request that sets them directly.
var (
	acceptJSONOrText = []string{"application/json, text/plain"}
	contentTypeJSON  = []string{"application/json"}
)

// ---------------------------------------------------------------------------------------------
// floor: the HTTP exchange with precomputed bytes and no JSON work.

var floorPeer = peer{
	name: "floor",
	newClient: func(baseURL string, hc *http.Client) (httpClient, error) {
		c := &floorClient{
			hc:          hc,
			snapshotURL: baseURL + "/allocation/" + sampleID,
			updateURL:   baseURL + "/allocation/update",
		}
		return c, nil
	},
}

type floorClient struct {
	hc                     *http.Client
	snapshotURL, updateURL string
}

func (c *floorClient) snapshot(ctx context.Context, _ string) (any, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.snapshotURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header["Accept"] = acceptJSONOrText
	return nil, c.do(req)
}

func (c *floorClient) update(ctx context.Context, _ any) (any, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.updateURL, bytes.NewReader(sampleCompact))
	if err != nil {
		return nil, err
	}
	req.Header["Accept"] = acceptJSONOrText
	req.Header["Content-Type"] = contentTypeJSON
	return nil, c.do(req)
}

func (c *floorClient) do(req *http.Request) error {
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errStatus(resp.StatusCode)
	}
	return nil
}

// ---------------------------------------------------------------------------------------------
// raw: a careful hand-written net/http + encoding/json client with plain structs.

type rawEmbeddedModelSchema struct {
	Migration int32  `json:"migration"`
	Semantic  string `json:"semantic"`
}

type rawAllocationCloudURL struct {
	Schema *rawEmbeddedModelSchema `json:"schema,omitempty"`
	Status string                  `json:"status"`
	URL    string                  `json:"url"`
}

type rawAllocationCloudUrls struct {
	Schema *rawEmbeddedModelSchema `json:"schema,omitempty"`
	Base   rawAllocationCloudURL   `json:"base"`
	ID     rawAllocationCloudURL   `json:"id"`
	Vanity *rawAllocationCloudURL  `json:"vanity,omitempty"`
}

type rawAllocationCloudStatus struct {
	Schema *rawEmbeddedModelSchema `json:"schema,omitempty"`
	Cloud  string                  `json:"cloud"`
}

type rawGroupedTimestamp struct {
	Schema   *rawEmbeddedModelSchema `json:"schema,omitempty"`
	Value    time.Time               `json:"value"`
	Readable string                  `json:"readable,omitempty"`
}

type rawAllocationCloud struct {
	Schema  *rawEmbeddedModelSchema  `json:"schema,omitempty"`
	ID      string                   `json:"id"`
	User    string                   `json:"user"`
	Urls    rawAllocationCloudUrls   `json:"urls"`
	Status  rawAllocationCloudStatus `json:"status"`
	Project string                   `json:"project"`
	Updated *rawGroupedTimestamp     `json:"updated,omitempty"`
	Version string                   `json:"version,omitempty"`
	Region  string                   `json:"region,omitempty"`
}

var rawPeer = peer{
	name: "raw",
	newClient: func(baseURL string, hc *http.Client) (httpClient, error) {
		return &rawClient{hc: hc, base: baseURL}, nil
	},
	decode: func(b []byte) (any, error) {
		m := new(rawAllocationCloud)
		return m, json.Unmarshal(b, m)
	},
	encode: func(m any) ([]byte, error) { return json.Marshal(m.(*rawAllocationCloud)) },
	view: func(a any) view {
		m := a.(*rawAllocationCloud)
		v := view{
			ID: m.ID, User: m.User, Project: m.Project,
			BaseURL: m.Urls.Base.URL, BaseStatus: m.Urls.Base.Status,
			Cloud: m.Status.Cloud, Version: m.Version, Region: m.Region,
		}
		if m.Urls.Vanity != nil {
			v.VanityURL = m.Urls.Vanity.URL
		}
		if m.Updated != nil {
			v.Updated = formatInstant(m.Updated.Value)
		}
		if m.Schema != nil {
			v.Migration, v.Semantic = int64(m.Schema.Migration), m.Schema.Semantic
		}
		return v
	},
}

type rawClient struct {
	hc   *http.Client
	base string
}

func (c *rawClient) snapshot(ctx context.Context, id string) (any, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/allocation/"+url.PathEscape(id), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json, text/plain")
	return c.do(req)
}

func (c *rawClient) update(ctx context.Context, model any) (any, error) {
	body, err := json.Marshal(model.(*rawAllocationCloud))
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/allocation/update", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json, text/plain")
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

func (c *rawClient) do(req *http.Request) (*rawAllocationCloud, error) {
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() {
		// Drain so the connection goes back to the pool.
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return nil, errStatus(resp.StatusCode)
	}
	m := new(rawAllocationCloud)
	if err := json.NewDecoder(resp.Body).Decode(m); err != nil {
		return nil, err
	}
	return m, nil
}

// ---------------------------------------------------------------------------------------------
// ogen: the generated client (gen/ogen), default features (OpenTelemetry with the global no-op
// providers, as users get it).

// ogenNoSecurity supplies no credentials; the operations accept anonymous calls.
type ogenNoSecurity struct{}

func (ogenNoSecurity) Application(context.Context, ogenclient.OperationName) (ogenclient.Application, error) {
	return ogenclient.Application{}, ogenerrors.ErrSkipClientSecurity
}

func (ogenNoSecurity) Auth0(context.Context, ogenclient.OperationName) (ogenclient.Auth0, error) {
	return ogenclient.Auth0{}, ogenerrors.ErrSkipClientSecurity
}

var ogenPeer = peer{
	name: "ogen",
	newClient: func(baseURL string, hc *http.Client) (httpClient, error) {
		c, err := ogenclient.NewClient(baseURL, ogenNoSecurity{}, ogenclient.WithClient(hc))
		if err != nil {
			return nil, err
		}
		return ogenClient{c}, nil
	},
	decode: func(b []byte) (any, error) {
		m := new(ogenclient.AllocationCloud)
		return m, m.UnmarshalJSON(b)
	},
	encode: func(m any) ([]byte, error) { return m.(*ogenclient.AllocationCloud).MarshalJSON() },
	// ogen v1.24.0 encodes format date-time with time.RFC3339: "19:56:10.123Z" goes out as "19:56:10Z".
	secondPrecisionEncode: true,
	view: func(a any) view {
		m := a.(*ogenclient.AllocationCloud)
		v := view{
			ID: m.ID, User: m.User, Project: m.Project,
			BaseURL: m.Urls.Base.URL, BaseStatus: string(m.Urls.Base.Status),
			Cloud: string(m.Status.Cloud), Version: m.Version.Or(""), Region: m.Region.Or(""),
		}
		if vanity, ok := m.Urls.Vanity.Get(); ok {
			v.VanityURL = vanity.URL
		}
		if u, ok := m.Updated.Get(); ok {
			v.Updated = formatInstant(u.Value)
		}
		if s, ok := m.Schema.Get(); ok {
			v.Migration, v.Semantic = int64(s.Migration), string(s.Semantic)
		}
		return v
	},
}

type ogenClient struct{ c *ogenclient.Client }

func (o ogenClient) snapshot(ctx context.Context, id string) (any, error) {
	res, err := o.c.AllocationSnapshot(ctx, ogenclient.AllocationSnapshotParams{Allocation: id})
	if err != nil {
		return nil, err
	}
	m, ok := res.(*ogenclient.AllocationCloud)
	if !ok {
		return nil, fmt.Errorf("ogen: unexpected response %T", res)
	}
	return m, nil
}

func (o ogenClient) update(ctx context.Context, model any) (any, error) {
	res, err := o.c.AllocationUpdate(ctx, ogenclient.NewOptAllocationCloud(*model.(*ogenclient.AllocationCloud)))
	if err != nil {
		return nil, err
	}
	m, ok := res.(*ogenclient.AllocationCloud)
	if !ok {
		return nil, fmt.Errorf("ogen: unexpected response %T", res)
	}
	return m, nil
}

// ---------------------------------------------------------------------------------------------
// oapicodegen: the generated ClientWithResponses (gen/oapicodegen).

var oapicodegenPeer = peer{
	name: "oapicodegen",
	newClient: func(baseURL string, hc *http.Client) (httpClient, error) {
		c, err := oapicodegen.NewClientWithResponses(baseURL, oapicodegen.WithHTTPClient(hc))
		if err != nil {
			return nil, err
		}
		return oapicodegenClient{c}, nil
	},
	decode: func(b []byte) (any, error) {
		m := new(oapicodegen.AllocationCloud)
		return m, json.Unmarshal(b, m)
	},
	encode: func(m any) ([]byte, error) { return json.Marshal(m.(*oapicodegen.AllocationCloud)) },
	view: func(a any) view {
		m := a.(*oapicodegen.AllocationCloud)
		v := view{
			ID: m.Id, User: m.User, Project: m.Project,
			BaseURL: m.Urls.Base.Url, BaseStatus: string(m.Urls.Base.Status),
			Cloud: string(m.Status.Cloud),
		}
		if m.Version != nil {
			v.Version = *m.Version
		}
		if m.Region != nil {
			v.Region = *m.Region
		}
		if m.Urls.Vanity != nil {
			v.VanityURL = m.Urls.Vanity.Url
		}
		if m.Updated != nil {
			v.Updated = formatInstant(m.Updated.Value)
		}
		if m.Schema != nil {
			v.Migration, v.Semantic = int64(m.Schema.Migration), string(m.Schema.Semantic)
		}
		return v
	},
}

type oapicodegenClient struct {
	c *oapicodegen.ClientWithResponses
}

func (o oapicodegenClient) snapshot(ctx context.Context, id string) (any, error) {
	resp, err := o.c.AllocationSnapshotWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	if resp.JSON200 == nil {
		return nil, errStatus(resp.StatusCode())
	}
	return resp.JSON200, nil
}

func (o oapicodegenClient) update(ctx context.Context, model any) (any, error) {
	resp, err := o.c.AllocationUpdateWithResponse(ctx, *model.(*oapicodegen.AllocationCloud))
	if err != nil {
		return nil, err
	}
	if resp.JSON200 == nil {
		return nil, errStatus(resp.StatusCode())
	}
	return resp.JSON200, nil
}
