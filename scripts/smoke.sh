#!/usr/bin/env bash
# Smoke run of the built binary: it must open a window titled "ACME Desk" and
# draw something (the screenshot is checked to be non-blank). Needs a display
# and a keychain session: run it through scripts/ui-tests.sh.
set -euo pipefail
bin=${1:?binary} shot=${2:?screenshot.png}
"$bin" >test-results/smoke-app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
win=""
for i in $(seq 1 60); do
  win=$(xdotool search --name '^ACME Desk$' 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  kill -0 $app 2>/dev/null || { echo "the app exited:"; cat test-results/smoke-app.log; exit 1; }
  sleep 0.5
done
[ -n "$win" ] || { echo "no window titled ACME Desk appeared"; exit 1; }
sleep 6 # let WebKit render the first page
import -window root "$shot"
# A blank (single-colour) screen has a standard deviation of 0; a rendered page has text and controls.
spread=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
colours=$(convert "$shot" -format '%k' info:)
echo "smoke: window $win, screenshot $shot, grey spread $spread, $colours colours"
awk -v s="$spread" -v c="$colours" 'BEGIN { exit !(s > 0.02 && c > 50) }' || { echo "the screenshot is blank"; exit 1; }
