//go:build !bindings

package session

import (
	"runtime"
	"testing"
)

func TestCheckDisplay(t *testing.T) {
	t.Setenv("DISPLAY", ":99")
	t.Setenv("WAYLAND_DISPLAY", "")
	if err := CheckDisplay(); err != nil {
		t.Fatalf("with DISPLAY: %v", err)
	}
	t.Setenv("DISPLAY", "")
	err := CheckDisplay()
	if runtime.GOOS == "linux" && err != ErrNoDisplay {
		t.Fatalf("without a display on Linux: %v", err)
	}
	t.Setenv("WAYLAND_DISPLAY", "wayland-0")
	if err := CheckDisplay(); err != nil {
		t.Fatalf("with WAYLAND_DISPLAY: %v", err)
	}
}
