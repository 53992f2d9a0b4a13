//go:build unix

package piecesos_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

// A port file that is a named pipe (FIFO) would block an open until a writer comes; Discover
// refuses it at once and goes on to the next route.
func TestDiscoverPortFileFIFO(t *testing.T) {
	checkGoroutines(t)
	path := filepath.Join(t.TempDir(), ".port.txt")
	require.NoError(t, syscall.Mkfifo(path, 0o600))
	t.Cleanup(func() {
		// Should an open be blocked on the FIFO, a writer releases it.
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	srv, port := fakePort(t)
	done := make(chan struct{})
	var (
		got     *piecesos.DiscoveryResult
		err     error
		elapsed time.Duration
	)
	go func() {
		defer close(done)
		start := time.Now()
		got, err = piecesos.DiscoverDetails(context.Background(), only(t, piecesos.DiscoverPortFile(path), piecesos.DiscoverPortRange(port, port))...)
		elapsed = time.Since(start)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Discover blocked on a FIFO port file")
	}
	t.Logf("FIFO port file: Discover returned in %v (bound %v)", elapsed, piecesos.DefaultDiscoverTimeout)
	assert.Less(t, elapsed, piecesos.DefaultDiscoverTimeout)
	require.NoError(t, err)
	assert.Equal(t, srv.URL, got.URL, "the next route was tried")
	require.Len(t, got.Tried, 1)
	assert.Equal(t, piecesos.DiscoveryRoutePortFile, got.Tried[0].Route)
	assert.EqualError(t, got.Tried[0].Err, "not a regular file: a named pipe")
}

// Through a symbolic link, a device or a socket is refused as well.
func TestDiscoverPortFileNotRegular(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "zero")
	require.NoError(t, os.Symlink("/dev/zero", link))
	sock := filepath.Join(dir, "s")
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	require.NoError(t, err)
	defer syscall.Close(fd)
	require.NoError(t, syscall.Bind(fd, &syscall.SockaddrUnix{Name: sock}))
	for path, want := range map[string]string{
		link: "not a regular file: a device",
		sock: "not a regular file: a socket",
	} {
		start := time.Now()
		_, err := piecesos.DiscoverURL(context.Background(), only(t, piecesos.DiscoverPortFile(path))...)
		assert.Less(t, time.Since(start), piecesos.DefaultDiscoverTimeout)
		var nr *piecesos.NotRunningError
		require.ErrorAs(t, err, &nr)
		require.Len(t, nr.Tried, 1)
		assert.EqualError(t, nr.Tried[0].Err, want, path)
	}
}
