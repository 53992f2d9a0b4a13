//go:build windows

package piecesos

import (
	"errors"
	"syscall"
)

// wsaeconnrefused is WSAECONNREFUSED, the error Windows sockets report for a refused
// connection; it is not syscall.ECONNREFUSED, an invented value on Windows.
const wsaeconnrefused = syscall.Errno(10061)

// isConnRefused reports whether err is (or wraps) a refused connection: nothing listens on the
// port. Windows reports WSAECONNREFUSED.
func isConnRefused(err error) bool {
	return errors.Is(err, wsaeconnrefused) || errors.Is(err, syscall.ECONNREFUSED)
}
