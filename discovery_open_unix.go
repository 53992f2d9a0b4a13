//go:build unix

package piecesos

import (
	"os"
	"syscall"
)

// openPortFile opens the port file for reading without blocking: a named pipe put in its place
// after it was looked at opens at once instead of waiting for a writer.
func openPortFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
