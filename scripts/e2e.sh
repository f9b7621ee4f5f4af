#!/usr/bin/env bash
# End-to-end: `wails dev` serves the real frontend with live bindings to the real
# Go backend on :34115; Playwright drives Debian's Chromium against it. A local
# Pebble (backend/acmetest/devpebble) plays the CA on :14000.
# Needs a display and a keychain session: run it through scripts/ui-tests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PATH:$(go env GOPATH)/bin"
: "${ACMEDESK_HOME:?set ACMEDESK_HOME to a fresh folder}"
url=http://localhost:34115
log=test-results/wails-dev.log
mkdir -p test-results
pebble="" dev=""
# Stops what this script started and waits (bounded) until it is gone, so the
# next step (the smoke run) finds the data folder free.
stop() {
  set +e
  [ -n "$dev" ] && kill -- -"$dev" 2>/dev/null
  [ -n "$pebble" ] && kill "$pebble" 2>/dev/null
  for _ in $(seq 1 50); do
    { [ -n "$dev" ] && kill -0 -- -"$dev" 2>/dev/null; } || { [ -n "$pebble" ] && kill -0 "$pebble" 2>/dev/null; } || return 0
    sleep 0.2
  done
  [ -n "$dev" ] && kill -KILL -- -"$dev" 2>/dev/null
  [ -n "$pebble" ] && kill -KILL "$pebble" 2>/dev/null
  return 0
}
trap stop EXIT
go build -o test-results/devpebble ./backend/acmetest/devpebble
test-results/devpebble -addr 127.0.0.1:14000 -root test-results/pebble-root.pem >test-results/devpebble.log 2>&1 &
pebble=$!
# -nogorebuild: the run tests the tree as it was when it started; a .go file
# saved meanwhile would otherwise rebuild and restart the backend mid-test.
# -viteservertimeout: Vite's first start on a loaded machine takes longer than
# Wails' default 10 s.
setsid wails dev -tags webkit2_41 -s -noreload -nogorebuild -viteservertimeout 180 -m >"$log" 2>&1 &
dev=$!
for i in $(seq 1 240); do
  if curl -fs "$url" >/dev/null 2>&1; then break; fi
  if ! kill -0 $dev 2>/dev/null; then echo "wails dev exited:"; tail -40 "$log"; exit 1; fi
  # With -nogorebuild a failed first build stays failed: say so now, not in 240 s.
  if grep -q 'No version running' "$log"; then echo "wails dev could not build the app:"; grep -v 'KnownStructs\|Not found: time.Time' "$log" | tail -30; exit 1; fi
  sleep 1
done
curl -fs "$url" >/dev/null || { echo "wails dev did not serve $url in 240 s:"; tail -40 "$log"; exit 1; }
for i in $(seq 1 120); do
  grep -q '^directory:' test-results/devpebble.log && break
  kill -0 $pebble 2>/dev/null || break
  sleep 0.5
done
grep -q '^directory:' test-results/devpebble.log || { echo "devpebble did not start:"; cat test-results/devpebble.log; exit 1; }
cd frontend
# A real certbot account folder for the import test, registered at the local Pebble.
rm -rf ../test-results/certbot
REQUESTS_CA_BUNDLE=../test-results/pebble-root.pem timeout 300 certbot register --server https://127.0.0.1:14000/dir \
  --agree-tos -m certbot-e2e@example.com --non-interactive --config-dir ../test-results/certbot/config \
  --work-dir ../test-results/certbot/work --logs-dir ../test-results/certbot/logs >../test-results/certbot.log 2>&1 \
  || { echo "certbot register failed:"; cat ../test-results/certbot.log; exit 1; }
# Every wait inside a test is bounded; --test-timeout bounds a test that still hangs (10 min).
E2E_URL="$url" E2E_PEBBLE_URL=https://127.0.0.1:14000/dir E2E_PEBBLE_ROOT=../test-results/pebble-root.pem E2E_CERTBOT_DIR="$(cd ../test-results/certbot/config && pwd)" \
  node --test --test-concurrency=1 --test-timeout=600000 e2e/*.e2e.mjs
