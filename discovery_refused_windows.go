//go:build windows

package piecesos

import (
	"errors"
	"syscall"
)

// wsaeconnrefused is WSAECONNREFUSED, the Winsock error of a refused connection; the syscall
// package does not name it, and syscall.ECONNREFUSED is another value on Windows.
const wsaeconnrefused = syscall.Errno(10061)

// isRefused reports whether err is a refused connection. It is a stopgap until client.go has
// isConnRefused, which should replace it.
func isRefused(err error) bool {
	return errors.Is(err, wsaeconnrefused) || errors.Is(err, syscall.ECONNREFUSED)
}
