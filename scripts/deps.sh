#!/usr/bin/env bash
# Installs what building and testing ACME Desk needs and is missing: Debian/Ubuntu
# packages (WebKitGTK, Xvfb, GNOME Keyring, Chromium), the Wails CLI, and the
# frontend's npm packages. Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
WAILS_VERSION=v2.16.0
PACKAGES=(libgtk-3-dev libwebkit2gtk-4.1-dev pkg-config build-essential
  xvfb x11-utils xauth imagemagick xdotool gnome-keyring dbus-x11 libsecret-tools chromium
  certbot)

if command -v apt-get >/dev/null; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    echo "Installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "Not a Debian/Ubuntu system: install Go, Node.js and the Wails prerequisites yourself (see README)." >&2
fi

command -v go >/dev/null || { echo "Go is missing: install Go 1.25 or newer." >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js/npm is missing: install Node.js 20.19 or newer." >&2; exit 1; }
GOBIN="$(go env GOPATH)/bin"
if ! "$GOBIN/wails" version 2>/dev/null | grep -q "$WAILS_VERSION"; then
  go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
fi
if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules ]; then
  (cd frontend && npm ci --no-audit --no-fund)
fi
