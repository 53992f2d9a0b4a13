//go:build windows

package piecesos

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestIsConnRefusedWindows: WSAECONNREFUSED, as Windows reports it inside a dial error, is a
// refused connection.
func TestIsConnRefusedWindows(t *testing.T) {
	dial := &url.Error{Op: "Get", URL: "http://127.0.0.1:1", Err: &net.OpError{Op: "dial", Net: "tcp",
		Err: &os.SyscallError{Syscall: "connectex", Err: syscall.Errno(10061)}}}
	assert.True(t, isConnRefused(dial))
	assert.True(t, (&TransportError{Err: fmt.Errorf("x: %w", dial)}).Is(ErrConnectionRefused))
	assert.False(t, isConnRefused(&net.OpError{Op: "read", Err: syscall.Errno(10054)}), "WSAECONNRESET")
}
