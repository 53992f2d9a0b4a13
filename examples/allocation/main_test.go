package main

import (
	"bytes"
	"context"
	"flag"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

func newFake(t *testing.T) *piecesostest.Server {
	t.Helper()
	srv := piecesostest.NewServer()
	t.Cleanup(srv.Close)
	return srv
}

func TestRunEmbeddedFake(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), nil, &out))
	got := out.String()
	t.Log("\n" + got)

	want := regexp.MustCompile(`(?s)^Pieces OS: http://127\.0\.0\.1:\d+ \(embedded fake from piecesostest; -url or -discover for a real one\)
Version:   12\.3\.1, supported by this SDK \(>= 12\.0\.0, < 13\.0\.0\)

1\. Snapshot of allocation 8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10
   project   pieces-prod-01
   region    us-central1
   status    RUNNING
   version   12\.3\.1
   base URL  https://8f1e3c2a\.pieces\.cloud \(RUNNING\)
   updated   2026-11-26 19:56:10 UTC \(just now\)

2\. Update: region us-central1 -> europe-west4
   project   pieces-prod-01
   region    europe-west4
   status    RUNNING
   version   12\.3\.1
   base URL  https://8f1e3c2a\.pieces\.cloud \(RUNNING\)
   updated   \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(just now\)

3\. Snapshot of allocation 00000000-0000-0000-0000-000000000000
   not found: HTTP 410 "Cloud not found\.", handled with errors\.As\(err, &notFound\)

Done\.
$`)
	assert.Regexp(t, want, got)
}

func TestRunURLWithAppID(t *testing.T) {
	srv := newFake(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-url", srv.URL, "-app-id", "my-plugin", "-region", "asia-east1"}, &out))
	assert.Contains(t, out.String(), "Pieces OS: "+srv.URL+" (from -url)")
	assert.Contains(t, out.String(), "2. Update: region us-central1 -> asia-east1")

	reqs := srv.Requests()
	require.Len(t, reqs, 5, "health, version, snapshot, update, snapshot of the missing allocation")
	for _, r := range reqs[:2] {
		assert.Empty(t, r.Header.Get("X-Application-ID"), "%s: the WellKnown operations send no credential", r.Path)
	}
	for _, r := range reqs[2:] {
		assert.Equal(t, "my-plugin", r.Header.Get("X-Application-ID"), r.Path)
	}
	assert.Equal(t, "/allocation/00000000-0000-0000-0000-000000000000", reqs[4].Path)
	assert.Empty(t, srv.Violations())

	stored, err := srv.Get(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	assert.Equal(t, "asia-east1", stored.GetRegion())
}

func TestRunRealServerKeepsRegion(t *testing.T) {
	srv := newFake(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-url", srv.URL}, &out))
	assert.Contains(t, out.String(), "2. Update: region unchanged (us-central1); -region changes it")
	stored, err := srv.Get(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	assert.Equal(t, "us-central1", stored.GetRegion())
	assert.Empty(t, srv.Requests()[2].Header.Get("X-Application-ID"), "no -app-id, no header")
}

func TestRunDiscover(t *testing.T) {
	srv := newFake(t)
	t.Setenv(piecesos.DefaultDiscoverEnvVar, srv.URL)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-discover"}, &out))
	assert.Contains(t, out.String(), "Pieces OS: "+srv.URL+" (found through the "+piecesos.DiscoveryRouteEnv+" PIECES_OS_URL)")
	assert.Contains(t, out.String(), "Version:   12.3.1, supported by this SDK")
	assert.Contains(t, out.String(), "Done.")
}

func TestRunVersionVerdicts(t *testing.T) {
	srv := newFake(t)
	var out bytes.Buffer
	srv.SetVersion("debug")
	require.NoError(t, run(context.Background(), []string{"-url", srv.URL}, &out))
	assert.Contains(t, out.String(), "Version:   debug, a development build (not checked)")

	for version, update := range map[string]string{"11.2.0": "update Pieces OS", "13.1.0": "update the SDK"} {
		srv.SetVersion(version)
		err := run(context.Background(), []string{"-url", srv.URL}, &out)
		assert.ErrorIs(t, err, piecesos.ErrIncompatibleVersion, version)
		assert.ErrorContains(t, err, update)
	}
}

func TestRunWaitsForReadiness(t *testing.T) {
	srv := newFake(t)
	srv.SetReady(false)
	ready := time.AfterFunc(300*time.Millisecond, func() { srv.SetReady(true) })
	t.Cleanup(func() { ready.Stop() })
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-url", srv.URL}, &out))
	assert.Contains(t, out.String(), "Done.")
}

func TestRunDiscoverNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := run(ctx, []string{"-discover"}, new(bytes.Buffer))
	assert.ErrorIs(t, err, piecesos.ErrNotRunning)
}

func TestRunErrors(t *testing.T) {
	var out bytes.Buffer
	assert.ErrorIs(t, run(context.Background(), []string{"-h"}, &out), flag.ErrHelp)
	assert.Contains(t, out.String(), "-discover")
	assert.Error(t, run(context.Background(), []string{"-nope"}, &out))
	assert.ErrorContains(t, run(context.Background(), []string{"-url", "http://x", "-discover"}, &out), "exclude each other")

	srv := newFake(t)
	err := run(context.Background(), []string{"-url", srv.URL, "-id", "unknown"}, &out)
	assert.ErrorIs(t, err, piecesos.ErrCloudNotFound)
	assert.ErrorContains(t, err, "snapshot of unknown")

	srv.FailNext(piecesostest.OpAllocationUpdate, 1, http.StatusInternalServerError, "disk full")
	err = run(context.Background(), []string{"-url", srv.URL}, &out)
	assert.ErrorIs(t, err, piecesos.ErrInternalServerError)
	assert.ErrorContains(t, err, "disk full")

	// The "missing" allocation exists: the example says so instead of pretending.
	m, err := srv.GetJSON(piecesostest.SampleAllocationID)
	require.NoError(t, err)
	require.NoError(t, srv.PutJSON(bytes.Replace(m, []byte(`"id":"`+piecesostest.SampleAllocationID), []byte(`"id":"`+missingID), 1)))
	err = run(context.Background(), []string{"-url", srv.URL}, &out)
	assert.ErrorContains(t, err, "want a 410")

	// Another failure of the last step is returned as it is. Faults act in order: the
	// first snapshot is only delayed, the second fails.
	srv.Remove(missingID)
	srv.DelayNext(piecesostest.OpAllocationSnapshot, 1, time.Millisecond)
	srv.FailNext(piecesostest.OpAllocationSnapshot, 1, http.StatusInternalServerError, "index corrupt")
	err = run(context.Background(), []string{"-url", srv.URL}, &out)
	assert.ErrorIs(t, err, piecesos.ErrInternalServerError)
	assert.ErrorContains(t, err, "snapshot of "+missingID)

	// A Pieces OS that hangs: the context ends the example.
	hang := newFake(t)
	hang.HangNext(piecesostest.OpAllocationSnapshot, piecesostest.Always)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err = run(ctx, []string{"-url", hang.URL}, &out)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}
