//go:build !bindings

// Package session tells whether the window can open in this session.
package session

import (
	"errors"
	"os"
	"runtime"
)

// ErrNoDisplay says a Linux session has no graphical display (GTK would panic with a stack trace).
var ErrNoDisplay = errors.New("no graphical session (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open. The command line works here: acmedesk --help")

// CheckDisplay returns ErrNoDisplay on Linux without DISPLAY or WAYLAND_DISPLAY.
func CheckDisplay() error {
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return ErrNoDisplay
	}
	return nil
}
