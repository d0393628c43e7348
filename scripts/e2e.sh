#!/usr/bin/env bash
# End-to-end test of the demo support portal: build it, serve it on 127.0.0.1, drive it in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
npx vite build --config demo/vite.config.ts --logLevel warn
node test/e2e/portal.e2e.mjs
