#!/usr/bin/env bash
# npm's script shell while scripts/bench-ui.sh runs `wails dev`: the frontend watcher
# it starts (`npm run dev`) serves the production bundle in $BENCH_DIST with
# `vite preview` instead of Vite's dev server, so the window is measured as it ships.
set -euo pipefail
# npm runs scripts in the frontend folder; the binary is called directly (npx would come back here).
exec node_modules/.bin/vite preview --outDir "$BENCH_DIST"
