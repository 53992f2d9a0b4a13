//go:build !windows

package piecesos

import (
	"errors"
	"syscall"
)

// resIsConnReset reports whether err is (or wraps) a connection reset by the peer.
func resIsConnReset(err error) bool {
	return errors.Is(err, syscall.ECONNRESET)
}
