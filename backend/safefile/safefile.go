// Package safefile opens the files people name (a key to import, a
// passphrase file, a backup) and the files found in a folder being imported:
// regular files only, refused above a size bound before anything is read,
// read whole. A named pipe, a device or a folder is refused without
// blocking: opening a FIFO for reading waits for a writer, and /dev/zero
// never ends.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"acmedesk/backend/apperr"
)

var (
	// ErrNotRegular: the path is a folder, a named pipe, a device or a socket.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the file is larger than the bound given.
	ErrTooLarge = errors.New("too large")
)

// Open opens path for reading when it is a regular file of at most max bytes.
func Open(path string, max int64) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%w: it is %s", ErrNotRegular, kind(st.Mode()))
	}
	if st.Size() > max {
		f.Close()
		return nil, fmt.Errorf("%w: %s, more than the %s a file of this kind can be", ErrTooLarge, size(st.Size()), size(max))
	}
	return f, nil
}

// Read returns the whole content of path, a regular file of at most max bytes.
func Read(path string, max int64) ([]byte, error) {
	f, err := Open(path, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max { // it grew since it was opened
		return nil, fmt.Errorf("%w: more than the %s a file of this kind can be", ErrTooLarge, size(max))
	}
	return data, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Refusal is the message for an error of Open or Read: what was wrong with
// the file at path, which the user knows as a what ("key file", "backup file").
func Refusal(err error, what, path string) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return apperr.Newf(apperr.CodeNotFound, "Check the path.", "The %s %s does not exist.", what, path)
	case errors.Is(err, fs.ErrPermission):
		return apperr.Newf(apperr.CodeInvalidInput, "Check its permissions, or run as the user who can read it.", "Cannot read the %s %s: permission denied.", what, path)
	case errors.Is(err, ErrNotRegular), errors.Is(err, ErrTooLarge):
		return apperr.Newf(apperr.CodeInvalidInput, "Give the "+what+" itself, as a regular file.", "Cannot use %s as the %s: %v.", path, what, unwrapped(err))
	}
	return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot read the "+what+" "+path+".", "Check that it is a readable file.")
}

// unwrapped is the reason after the sentinel ("it is a named pipe (FIFO)").
func unwrapped(err error) string {
	s := err.Error()
	for _, sentinel := range []error{ErrNotRegular, ErrTooLarge} {
		if after, ok := strings.CutPrefix(s, sentinel.Error()+": "); ok {
			return after
		}
	}
	return s
}
