//go:build !windows

package piecesos

import (
	"errors"
	"syscall"
)

// isRefused reports whether err is a refused connection. It is a stopgap until client.go has
// isConnRefused, which should replace it.
func isRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }
