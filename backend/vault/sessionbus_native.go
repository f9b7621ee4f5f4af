//go:build darwin || windows

package vault

// sessionBus: macOS and Windows keychains need no D-Bus session.
func sessionBus() error { return nil }
