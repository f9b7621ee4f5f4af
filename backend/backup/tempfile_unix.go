//go:build unix

package backup

import (
	"os"
	"syscall"
)

// hold marks a temporary file as being written: a lock that ends with the
// process, however it ends.
func hold(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) }

// abandoned reports whether no living process holds the temporary file at path.
func abandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return hold(f) == nil
}
