#!/usr/bin/env bash
# Measures the window's lists with BENCH_RECORDS (default 10,000) records of each
# kind against the real backend: `wails dev` serves the production bundle of the
# frontend with live bindings to the Go backend, and frontend/bench/lists.mjs drives
# Debian's Chromium (headless) at a 1024 px window. Prints the figures; fails when a
# budget is missed or a badge is cut.
#
# The data is made once by backend/bench/seed (through the backend's services) and
# kept in test-results/bench-data-N; each run works on a fresh copy of it. The vault
# passphrase is the bench's own, for this throwaway data only.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ACMEDESK_UI_SESSION:-}" ]; then
  export ACMEDESK_UI_SESSION=1
  exec scripts/with-keychain.sh xvfb-run -a -s "-screen 0 1280x900x24" "$0" "$@"
fi
PATH="$PATH:$(go env GOPATH)/bin"
records="${BENCH_RECORDS:-10000}"
passphrase=acmedesk-bench-data
# Not the end-to-end tests' port: both can run on one machine.
url="http://localhost:${BENCH_PORT:-34125}"
mkdir -p test-results
cache="test-results/bench-data-$records"
if [ ! -f "$cache/acmedesk.db" ]; then
  # Seeded in memory (tmpfs) where there is one: 40,000 transactions without waiting for the disk.
  work="$(mktemp -d -p "$([ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")")"
  go build -tags webkit2_41 -o test-results/seed ./backend/bench/seed
  echo "$passphrase" | ACMEDESK_HOME="$work/data" test-results/seed -n "$records"
  rm -rf "$cache" && cp -r "$work/data" "$cache" && rm -rf "$work"
fi
run="$(mktemp -d)"
export ACMEDESK_HOME="$run/acmedesk"
cp -r "$cache" "$ACMEDESK_HOME"

# A lego folder for the import preview: accounts at Let's Encrypt, one at a CA ACME Desk does not know.
lego="$run/lego"
for acct in "ops-team-with-a-long-address@infrastructure.example.com|acme-v02.api.letsencrypt.org|https://acme-v02.api.letsencrypt.org/acme/acct/123456789" \
  "web@example.org|acme-staging-v02.api.letsencrypt.org|https://acme-staging-v02.api.letsencrypt.org/acme/acct/987654" \
  "lab@internal.example|ca.internal.example_9000|https://ca.internal.example:9000/acme/acct/42"; do
  IFS='|' read -r email host kid <<<"$acct"
  dir="$lego/accounts/$host/$email"
  mkdir -p "$dir/keys"
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/keys/$email.key" 2>/dev/null
  printf '{"email":"%s","registration":{"body":{"status":"valid","contact":["mailto:%s"]},"uri":"%s"}}\n' "$email" "$email" "$kid" >"$dir/account.json"
done

log=test-results/bench-wails-dev.log
dev=""
stop() {
  set +e
  [ -n "$dev" ] && kill -- -"$dev" 2>/dev/null
  for _ in $(seq 1 50); do { [ -n "$dev" ] && kill -0 -- -"$dev" 2>/dev/null; } || break; sleep 0.2; done
  [ -n "$dev" ] && kill -KILL -- -"$dev" 2>/dev/null
  rm -rf "$run"
  return 0
}
trap stop EXIT
# The production bundle, served by `vite preview` in place of the dev server (see
# scripts/bench-vite-preview.sh): React's production build, one script to load.
dist="$run/dist"
(cd frontend && node_modules/.bin/vite build --outDir "$dist" --emptyOutDir --logLevel warn)
BENCH_DIST="$dist" npm_config_script_shell="$PWD/scripts/bench-vite-preview.sh" setsid wails dev -tags webkit2_41 -s -noreload -nogorebuild -viteservertimeout 180 -m -devserver "${url#http://}" >"$log" 2>&1 &
dev=$!
for _ in $(seq 1 240); do
  curl -fs "$url" >/dev/null 2>&1 && break
  kill -0 $dev 2>/dev/null || { echo "wails dev exited:"; tail -40 "$log"; exit 1; }
  grep -q 'No version running' "$log" && { echo "wails dev could not build the app:"; tail -30 "$log"; exit 1; }
  sleep 1
done
curl -fs "$url" >/dev/null || { echo "wails dev did not serve $url in 240 s:"; tail -40 "$log"; exit 1; }
cd frontend
BENCH_URL="$url" BENCH_PASSPHRASE="$passphrase" BENCH_RECORDS="$records" BENCH_LEGO_DIR="$lego" node bench/lists.mjs
