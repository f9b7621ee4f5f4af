//go:build !darwin && !windows

package vault

import (
	"errors"
	"os"

	"github.com/godbus/dbus/v5"
)

// errNoSessionBus: no D-Bus session is running, so no Secret Service can answer.
var errNoSessionBus = errors.New("no D-Bus session bus is running (DBUS_SESSION_BUS_ADDRESS is not set)")

// sessionBus makes sure a session bus is there before go-keyring asks for
// one: without it, godbus autolaunches a dbus-daemon (and D-Bus activation a
// gnome-keyring-daemon) that outlive the command. Connecting without
// autolaunch also finds the systemd user bus and records its address for go-keyring.
func sessionBus() error {
	if address := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); address != "" && address != "autolaunch:" {
		return nil
	}
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return errNoSessionBus
	}
	return conn.Close()
}
