package test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// sdkAccept is the Accept header the SDK sends on every Allocation API call: the media types
// of the operation's answers.
const sdkAccept = "application/json, text/plain"

// sdkHabits returns how the Allocation API requests logged by srv depart from what this SDK
// always sends. It is stricter than the API contract the fake checks (Violations), which any
// client may meet in its own way: the SDK sends Accept "application/json, text/plain",
// Content-Type "application/json" with a body and none without one, and never a query.
// newFake checks it after every test, on every request the SDK made.
func sdkHabits(srv *piecesostest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if r.Operation != piecesostest.OpAllocationSnapshot && r.Operation != piecesostest.OpAllocationUpdate {
			continue // health checks of Discover, requests to unknown paths
		}
		where := r.Method + " " + r.Path + ": "
		if got := r.Header.Values("Accept"); len(got) != 1 || got[0] != sdkAccept {
			out = append(out, where+"Accept is "+strings.Join(got, ", ")+", want "+sdkAccept)
		}
		ct := r.Header.Values("Content-Type")
		switch {
		case len(r.Body) > 0 && (len(ct) != 1 || ct[0] != "application/json"):
			out = append(out, where+"Content-Type on a body is "+strings.Join(ct, ", ")+", want application/json")
		case len(r.Body) == 0 && len(ct) > 0:
			out = append(out, where+"Content-Type "+strings.Join(ct, ", ")+" without a body")
		}
		if r.RawQuery != "" {
			out = append(out, where+"a query: "+r.RawQuery)
		}
	}
	return out
}

// The SDK's habits hold for each kind of call, and sdkHabits sees a departure from them.
func TestSDKHabitsOnTheWire(t *testing.T) {
	srv := newFake(t)
	api := srv.Client().AllocationAPI
	ctx := context.Background()
	cloud, _, err := api.AllocationSnapshot(ctx, sampleID).Execute()
	require.NoError(t, err)
	_, _, err = api.AllocationUpdate(ctx).AllocationCloud(*cloud).Execute()
	require.NoError(t, err)
	_, _, err = api.AllocationUpdate(ctx).Execute()
	require.ErrorIs(t, err, piecesos.ErrInternalServerError, "an update without a body")
	_, _, err = api.AllocationSnapshot(ctx, "unknown").Execute()
	require.ErrorIs(t, err, piecesos.ErrCloudNotFound)
	require.Len(t, srv.Requests(), 4)
	assert.Empty(t, sdkHabits(srv))

	// What another client may send keeps the contract but is not the SDK's habit.
	other := piecesostest.NewServer()
	defer other.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	for _, h := range [][2]string{{"Accept", "*/*"}, {"Content-Type", "application/json"}} {
		req, err := http.NewRequest(http.MethodGet, other.URL+"/allocation/"+sampleID+"?x=1", nil)
		require.NoError(t, err)
		req.Header.Set(h[0], h[1])
		resp, err := (&http.Client{Transport: tr}).Do(req)
		require.NoError(t, err)
		resp.Body.Close()
	}
	habits := sdkHabits(other)
	assert.Len(t, habits, 5, "%q", habits)
	assert.Contains(t, habits[0], "Accept is */*, want "+sdkAccept)
	assert.Contains(t, strings.Join(habits, "\n"), "Content-Type application/json without a body")
	assert.Contains(t, strings.Join(habits, "\n"), "a query: x=1")
	for _, v := range other.Violations() {
		assert.NotContains(t, v.Problem, "Accept", "for the fake, */* and no Accept are both valid")
		assert.NotContains(t, v.Problem, "Content-Type", "for the fake, a Content-Type without a body is harmless")
	}
}
