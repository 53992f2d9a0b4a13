package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/piecesostest"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of the server's logger.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var urlLine = regexp.MustCompile(`serving at (http://127\.0\.0\.1:\d+)\n`)

// start runs the command in the background; it returns the URL it serves and a function
// that stops it and returns its error.
func start(t *testing.T, args ...string) (url string, stdout, stderr *syncBuffer, stop func() error) {
	t.Helper()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, args, stdout, stderr) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() { cancel(); err = <-errc })
		return err
	}
	t.Cleanup(func() { _ = stop() })
	require.Eventually(t, func() bool { return urlLine.MatchString(stdout.String()) }, 5*time.Second, 5*time.Millisecond, stdout.String())
	return urlLine.FindStringSubmatch(stdout.String())[1], stdout, stderr, stop
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Accept", "application/json, text/plain")
	resp, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

func TestRunServesUntilCancelled(t *testing.T) {
	url, stdout, stderr, stop := start(t, "-addr", "127.0.0.1:0")
	status, body := get(t, url+"/allocation/"+piecesostest.SampleAllocationID)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, piecesostest.SampleAllocationID)
	status, _ = get(t, url+"/.well-known/health")
	assert.Equal(t, http.StatusOK, status)
	status, _ = get(t, url+"/nowhere")
	assert.Equal(t, http.StatusNotFound, status)

	require.NoError(t, stop())
	out := stdout.String()
	assert.Contains(t, out, "sample allocation "+piecesostest.SampleAllocationID)
	assert.Contains(t, out, "export PIECES_OS_URL="+url)
	assert.Contains(t, out, "stopped after 3 requests, 1 contract violations")
	assert.Contains(t, stderr.String(), "piecesostest request")
	assert.Contains(t, stderr.String(), "no such path: /nowhere")

	_, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	assert.Error(t, err, "the port is released")
}

func TestRunWellKnown(t *testing.T) {
	url, _, _, stop := start(t, "-addr", "127.0.0.1:0", "-quiet")
	status, body := get(t, url+"/.well-known/version")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, piecesostest.DefaultVersion, body)
	status, body = get(t, url+"/.well-known/installation/path")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, piecesostest.DefaultInstallationPath, body)
	require.NoError(t, stop())

	url, stdout, _, stop := start(t, "-addr", "127.0.0.1:0", "-quiet", "-version", "13.0.0-beta.1", "-installation-path", `C:\Program Files\Pieces OS`)
	_, body = get(t, url+"/.well-known/version")
	assert.Equal(t, "13.0.0-beta.1", body)
	_, body = get(t, url+"/.well-known/installation/path")
	assert.Equal(t, `C:\Program Files\Pieces OS`, body)
	require.NoError(t, stop())
	assert.Contains(t, stdout.String(), "fake Pieces OS 13.0.0-beta.1 serving at "+url)
}

func TestRunReadyAfter(t *testing.T) {
	// Never ready within the test: every request answers 503.
	url, stdout, _, stop := start(t, "-addr", "127.0.0.1:0", "-quiet", "-ready-after", "1h")
	assert.Contains(t, stdout.String(), "every request answers 503 for 1h0m0s")
	for _, path := range []string{"/.well-known/health", "/.well-known/version", "/allocation/" + piecesostest.SampleAllocationID} {
		status, body := get(t, url+path)
		assert.Equal(t, http.StatusServiceUnavailable, status, path)
		assert.Contains(t, body, "not ready", path)
	}
	require.NoError(t, stop())
	assert.NotContains(t, stdout.String(), "piecesos-fake: ready")

	// Ready soon: a client that waits for the health check gets through.
	url, stdout, _, stop = start(t, "-addr", "127.0.0.1:0", "-quiet", "-ready-after", "50ms")
	require.Eventually(t, func() bool {
		status, _ := get(t, url+"/.well-known/health")
		return status == http.StatusOK
	}, 10*time.Second, 10*time.Millisecond)
	status, _ := get(t, url+"/allocation/"+piecesostest.SampleAllocationID)
	assert.Equal(t, http.StatusOK, status)
	require.NoError(t, stop())
	assert.Contains(t, stdout.String(), "piecesos-fake: ready\n")
}

func TestRunEmptyQuiet(t *testing.T) {
	url, stdout, stderr, stop := start(t, "-addr", "127.0.0.1:0", "-empty", "-quiet")
	status, body := get(t, url+"/allocation/"+piecesostest.SampleAllocationID)
	assert.Equal(t, http.StatusGone, status)
	assert.Equal(t, "Cloud not found.", body)
	require.NoError(t, stop())
	assert.NotContains(t, stdout.String(), "sample allocation")
	assert.Empty(t, stderr.String())
}

func TestRunErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-nope"}, &stdout, &stderr)
	assert.ErrorContains(t, err, "flag provided but not defined")
	assert.Contains(t, stderr.String(), "-addr")

	err = run(context.Background(), []string{"-h"}, &stdout, &stderr)
	assert.ErrorIs(t, err, flag.ErrHelp)

	err = run(context.Background(), []string{"extra"}, &stdout, &stderr)
	assert.ErrorContains(t, err, "unexpected arguments")

	err = run(context.Background(), []string{"-ready-after", "-1s"}, &stdout, &stderr)
	assert.ErrorContains(t, err, "-ready-after -1s: want a duration of zero or more")
	err = run(context.Background(), []string{"-ready-after", "soon"}, &stdout, &stderr)
	assert.ErrorContains(t, err, "invalid value")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	err = run(context.Background(), []string{"-addr", ln.Addr().String()}, &stdout, &stderr)
	// The listen error as the system words it ("address already in use", or "Only one usage
	// of each socket address …" on Windows).
	_, want := net.Listen("tcp", ln.Addr().String())
	require.Error(t, want)
	assert.EqualError(t, err, want.Error())
}

// TestSignal builds the command and stops it with SIGTERM.
func TestSignal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := t.TempDir() + "/piecesos-fake"
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-quiet")
	var stdout syncBuffer
	cmd.Stdout = &stdout
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	require.Eventually(t, func() bool { return urlLine.MatchString(stdout.String()) }, 10*time.Second, 10*time.Millisecond)
	url := urlLine.FindStringSubmatch(stdout.String())[1]
	status, _ := get(t, url+"/.well-known/health")
	assert.Equal(t, http.StatusOK, status)

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.NoError(t, err, "exit status 0 after SIGTERM")
	case <-time.After(10 * time.Second):
		t.Fatal("did not stop on SIGTERM")
	}
	assert.Contains(t, stdout.String(), "stopped after 1 requests, 0 contract violations")
}
