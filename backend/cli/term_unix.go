//go:build linux || darwin || freebsd || netbsd || openbsd

package cli

import (
	"bufio"
	"context"
	"os"
	"syscall"
	"unsafe"
)

// The standard library's syscall is enough to turn echo off; golang.org/x/term
// would do the same but is not among the module's requirements.

func getTermios(fd uintptr) (*syscall.Termios, error) {
	var t syscall.Termios
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, ioctlGetTermios, uintptr(unsafe.Pointer(&t))); errno != 0 {
		return nil, errno
	}
	return &t, nil
}

func setTermios(fd uintptr, t *syscall.Termios) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, ioctlSetTermios, uintptr(unsafe.Pointer(t))); errno != 0 {
		return errno
	}
	return nil
}

// isTerminal says whether f is a terminal.
func isTerminal(f *os.File) bool {
	_, err := getTermios(f.Fd())
	return err == nil
}

// readPassword reads one line from the terminal f with echo turned off; a
// cancelled ctx (Ctrl-C) ends the wait, with the terminal's echo back on.
func readPassword(ctx context.Context, f *os.File) (string, error) {
	fd := f.Fd()
	old, err := getTermios(fd)
	if err != nil {
		return "", err
	}
	quiet := *old
	quiet.Lflag &^= syscall.ECHO
	quiet.Lflag |= syscall.ICANON | syscall.ISIG
	quiet.Iflag |= syscall.ICRNL
	if err := setTermios(fd, &quiet); err != nil {
		return "", err
	}
	defer setTermios(fd, old)
	return readLine(ctx, bufio.NewReader(f))
}
