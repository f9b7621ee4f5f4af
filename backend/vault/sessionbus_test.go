//go:build !darwin && !windows

package vault

import (
	"os"
	"path/filepath"
	"testing"
)

// Without a D-Bus session (a bare server), asking the keychain must not
// autolaunch one: godbus would run dbus-launch, and the dbus-daemon and
// gnome-keyring-daemon it starts outlive the command.
func TestNoSessionBusIsNotAutolaunched(t *testing.T) {
	bin, marker := t.TempDir(), filepath.Join(t.TempDir(), "dbus-launch-ran")
	fake := "#!/bin/sh\ntouch '" + marker + "'\nexit 1\n"
	if err := os.WriteFile(filepath.Join(bin, "dbus-launch"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	for _, call := range []func() error{
		func() error { _, err := (SystemKeychain{}).Get(keychainService, "probe"); return err },
		func() error { return (SystemKeychain{}).Set(keychainService, "probe", "x") },
		func() error { return (SystemKeychain{}).Delete(keychainService, "probe") },
	} {
		call() // answered by a systemd user bus if this machine has one; never by a launched one
		if _, err := os.Stat(marker); err == nil {
			t.Fatal("asking the keychain ran dbus-launch")
		}
	}
}
