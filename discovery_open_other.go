//go:build !unix

package piecesos

import "os"

// openPortFile opens the port file for reading. On Windows a named pipe (a path under
// \\.\pipe\) opens or fails at once rather than waiting for a writer, and the file is looked
// at again once open, so a pipe or device is refused before it is read.
func openPortFile(path string) (*os.File, error) {
	return os.Open(path)
}
