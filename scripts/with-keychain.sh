#!/usr/bin/env bash
# Runs a command in a private D-Bus session with an unlocked GNOME Keyring, so
# go-keyring talks to a real Secret Service (as on a Linux desktop) and the
# user's own keychain is never touched.
set -euo pipefail
export XDG_DATA_HOME="$(mktemp -d)"
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
dbus-run-session -- bash -c '
  echo -n acmedesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$@"' with-keychain "$@"
