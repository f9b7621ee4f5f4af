#!/usr/bin/env bash
# Runs a command in a private D-Bus session with an unlocked GNOME Keyring, so
# go-keyring talks to a real Secret Service (as on a Linux desktop) and the
# user's own keychain is never touched. The command runs only once the keyring
# daemon owns org.freedesktop.secrets with its login keyring unlocked (a client
# that came earlier would get a second, locked keyring by D-Bus activation);
# the daemon and the bus are stopped when the command ends.
set -euo pipefail
export XDG_DATA_HOME="$(mktemp -d)"
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
dbus-run-session -- bash -euo pipefail -c '
  bus() { dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus "org.freedesktop.DBus.$1" "${@:2}"; }
  secrets() { dbus-send --session --print-reply=literal --dest=org.freedesktop.secrets "$@"; }
  fail() { echo "with-keychain: $*" >&2; exit 1; }

  echo -n acmedesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  # The daemon forks; wait (bounded) for it to claim the Secret Service name.
  for _ in $(seq 200); do
    [ "$(bus NameHasOwner string:org.freedesktop.secrets | tr -d "[:space:]")" = booleantrue ] && break
    sleep 0.05
  done
  pid=$(bus GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk "{print \$2}") ||
    fail "GNOME Keyring did not claim org.freedesktop.secrets"
  trap "kill $pid 2>/dev/null || true" EXIT

  login=/org/freedesktop/secrets/collection/login
  alias=$(secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default | tr -d "[:space:]")
  [ "$alias" = "$login" ] || fail "the default keyring is \"$alias\", not the unlocked login keyring"
  locked=$(secrets $login org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked | awk "{print \$NF}")
  [ "$locked" = false ] || fail "GNOME Keyring did not unlock its login keyring (Locked: $locked)"

  "$@"' with-keychain "$@"
