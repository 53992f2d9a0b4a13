//go:build !windows

package piecesos

import (
	"errors"
	"syscall"
)

// isConnRefused reports whether err is (or wraps) a refused connection: nothing listens on the
// port. Elsewhere than on Windows that is syscall.ECONNREFUSED.
func isConnRefused(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED)
}
