#!/usr/bin/env bash
# The tests that need a display: end-to-end tests of the real frontend against
# the real Go backend in headless Chromium, then a smoke run of the built
# binary: its window must report itself ready with the vault unlocked and as
# many keys as the CLI lists, and its screenshot must not be blank. Both run
# under Xvfb inside one private keychain session, over one data folder, so the
# smoke run opens the vault and keys the end-to-end tests made.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ACMEDESK_UI_SESSION:-}" ]; then
  export ACMEDESK_UI_SESSION=1
  exec scripts/with-keychain.sh xvfb-run -a -s "-screen 0 1280x900x24" "$0" "$@"
fi
export ACMEDESK_HOME="$(mktemp -d)/acmedesk"
mkdir -p test-results
scripts/e2e.sh
scripts/smoke.sh build/bin/acmedesk test-results/smoke.png
