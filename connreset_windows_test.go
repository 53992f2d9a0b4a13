//go:build windows

package piecesos

import (
	"errors"
	"syscall"
)

// wsaeconnreset is WSAECONNRESET, what Windows sockets report for a connection reset by the
// peer; syscall.ECONNRESET is an invented value on Windows.
const wsaeconnreset = syscall.Errno(10054)

// resIsConnReset reports whether err is (or wraps) a connection reset by the peer.
func resIsConnReset(err error) bool {
	return errors.Is(err, wsaeconnreset) || errors.Is(err, syscall.ECONNRESET)
}
