//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"

	"acmedesk/backend/apperr"
)

// Lock takes the lock bbolt takes on the database at path (an exclusive
// flock), without reading the file: it works on a damaged one too. Nothing
// else can open the database until release; CodeDatabaseInUse when another
// process has it open. A missing file needs no lock.
func Lock(path string) (release func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return func() {}, nil
	}
	if err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInternal, "Cannot open ACME Desk's database.", "Check that "+path+" is readable and writable by you.")
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, apperr.Wrap(err, apperr.CodeDatabaseInUse, "ACME Desk's data is in use by "+readHolder(path)+".", "Close it, then try again.")
	}
	return func() { f.Close() }, nil
}
