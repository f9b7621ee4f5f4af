#!/usr/bin/env bash
# Smoke run of the built binary over the data folder the end-to-end run left
# (ACMEDESK_HOME): the CLI (the same binary given a command) counts the keys
# first; then the window must open, pass its vault gate and log its ready line
# ("ACME Desk ready: vault unlocked, N keys", frontend/src/app/readyLog.ts) with
# the CLI's N, log nothing that identifies a key, and draw something (the
# screenshot is checked to be non-blank). Needs a display and a keychain
# session: run it through scripts/ui-tests.sh.
set -euo pipefail
bin=${1:?binary} shot=${2:?screenshot.png}
log=test-results/smoke-app.log
mkdir -p test-results
app="" tmp=$(mktemp -d)
stop() {
  set +e
  if [ -n "$app" ]; then
    kill "$app" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$app" 2>/dev/null
  fi
  rm -rf "$tmp"
  return 0
}
trap stop EXIT

# What the CLI sees, before the window holds the data folder. The list (public
# keys and names) stays in $tmp; only its length is printed.
ok=""
for i in $(seq 1 20); do
  if timeout 120 "$bin" keys list --json >"$tmp/keys.json" 2>"$tmp/cli.err"; then ok=1; break; fi
  grep -q database_in_use "$tmp/cli.err" || break # only "in use" (the e2e run still stopping) is worth waiting for
  sleep 1
done
[ -n "$ok" ] || { echo "smoke: the CLI could not list the keys:"; cat "$tmp/cli.err"; exit 1; }
want=$(jq 'length' "$tmp/keys.json")
[ "$want" -ge 1 ] || { echo "smoke: the CLI sees no keys in ${ACMEDESK_HOME:-the default data folder}; run it after scripts/e2e.sh (scripts/ui-tests.sh)"; exit 1; }

"$bin" >"$log" 2>&1 &
app=$!
alive() { kill -0 "$app" 2>/dev/null || { echo "smoke: the app exited:"; cat "$log"; exit 1; }; }

win=""
for i in $(seq 1 120); do
  win=$(xdotool search --name '^ACME Desk$' 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  alive
  sleep 0.5
done
[ -n "$win" ] || { echo "smoke: no window titled ACME Desk appeared in 60 s"; cat "$log"; exit 1; }

# The window's own word that it is usable: vault gate passed, first key list loaded.
ready=""
for i in $(seq 1 240); do
  ready=$(grep -m1 -o 'ACME Desk ready: .*' "$log" || true)
  [ -n "$ready" ] && break
  alive
  sleep 0.5
done
[ -n "$ready" ] || { echo "smoke: the window did not log its ready line in 120 s:"; cat "$log"; exit 1; }
[[ $ready =~ ^ACME\ Desk\ ready:\ vault\ ([a-z?]+),\ ([0-9?]+)\ keys?$ ]] || { echo "smoke: unexpected ready line: $ready"; exit 1; }
state=${BASH_REMATCH[1]} got=${BASH_REMATCH[2]}
[ "$state" = unlocked ] || { echo "smoke: the window says the vault is $state, not unlocked"; exit 1; }
[ "$got" = "$want" ] || { echo "smoke: the window shows $got keys, the CLI $want"; exit 1; }

# Nothing that identifies a key reaches the log: no id, fingerprint, thumbprint,
# name (of 6 characters or more, so a short one cannot match by chance) or PEM.
jq -r '.[] | (.id // empty), (.fingerprintSha256 // empty), (.jwkThumbprint // empty), (.name // "" | select(length >= 6))' "$tmp/keys.json" | grep -v '^$' >"$tmp/secrets" || true
echo 'PRIVATE KEY' >>"$tmp/secrets"
echo 'PUBLIC KEY' >>"$tmp/secrets"
if grep -qiF -f "$tmp/secrets" "$log"; then echo "smoke: the app log names a key (see $log)"; exit 1; fi

# The first page is drawn: poll (bounded) until the screenshot is not blank.
# A blank (single-colour) screen has a standard deviation of 0; a rendered page has text and controls.
drawn=""
for i in $(seq 1 30); do
  import -window root "$shot"
  spread=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
  colours=$(convert "$shot" -format '%k' info:)
  if awk -v s="$spread" -v c="$colours" 'BEGIN { exit !(s > 0.02 && c > 50) }'; then drawn=1; break; fi
  alive
  sleep 1
done
echo "smoke: window $win, \"$ready\" (the CLI: $want keys), screenshot $shot, grey spread $spread, $colours colours"
[ -n "$drawn" ] || { echo "smoke: the screenshot stayed blank for 30 s"; exit 1; }
