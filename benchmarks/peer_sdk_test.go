package benchmarks

import (
	"context"
	"net/http"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

// sdk: this SDK as its users call it, with its own default transport (no HTTPClient in the
// Configuration) and the server URL as the only change to NewConfiguration().

var sdkPeer = peer{
	name:             "sdk",
	defaultTransport: true,
	newClient:        newSDKClient,
	decode: func(b []byte) (any, error) {
		m := new(piecesos.AllocationCloud)
		return m, m.UnmarshalJSON(b)
	},
	encode: func(m any) ([]byte, error) { return m.(*piecesos.AllocationCloud).MarshalJSON() },
	view: func(a any) view {
		m := a.(*piecesos.AllocationCloud)
		v := view{
			ID: m.Id, User: m.User, Project: m.Project,
			BaseURL: m.Urls.Base.Url, BaseStatus: string(m.Urls.Base.Status),
			Cloud: string(m.Status.Cloud), Version: m.GetVersion(), Region: m.GetRegion(),
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

// newSDKClient is the SDK against baseURL with Configuration.HTTPClient = hc (nil: its default
// transport) and NewConfiguration's other defaults.
func newSDKClient(baseURL string, hc *http.Client) (httpClient, error) {
	cfg := piecesos.NewConfiguration()
	cfg.Servers = piecesos.ServerConfigurations{{URL: baseURL, Description: "loopback benchmark server"}}
	cfg.HTTPClient = hc
	return sdkClient{piecesos.NewAPIClient(cfg)}, nil
}

type sdkClient struct{ c *piecesos.APIClient }

func (s sdkClient) snapshot(ctx context.Context, id string) (any, error) {
	m, _, err := s.c.AllocationAPI.AllocationSnapshot(ctx, id).Execute()
	return m, err
}

func (s sdkClient) update(ctx context.Context, model any) (any, error) {
	m, _, err := s.c.AllocationAPI.AllocationUpdate(ctx).AllocationCloud(*model.(*piecesos.AllocationCloud)).Execute()
	return m, err
}

// sdk-tuned: the SDK with Configuration.HTTPClient set to the tuned client the other peers use.
// It is not a peer the criteria look at: it tells how much of a difference between sdk and the
// others comes from the SDK's default transport rather than from its code.
var sdkTunedPeer = func() peer {
	p := sdkPeer
	p.name = "sdk-tuned"
	p.httpOnly = true
	p.defaultTransport = false
	return p
}()
