#!/usr/bin/env bash
# End-to-end tests: the demo support portal (one tab, two tabs sharing one poller, the demo's own controls)
# in Chromium, Firefox ESR and WebKitGTK (E2E_ENGINES narrows the list), and the packed package in a
# throwaway consumer app with React 19 and with React 18.3, in Chromium. Each script adds its step counts to .e2e-report.json
# (.ci/run adds them to vitest's); a script that dies before reporting counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -f .e2e-report.json

failures() { node -p 'try { require("./.e2e-report.json").failed } catch { 0 }'; }
status=0
run() {
  local before
  before=$(failures)
  echo "e2e: $* (at ${SECONDS}s)"
  if ! "$@"; then
    status=1
    if [ "$(failures)" = "$before" ]; then
      node -e '
        const fs = require("node:fs");
        const r = fs.existsSync(".e2e-report.json") ? JSON.parse(fs.readFileSync(".e2e-report.json", "utf8")) : { passed: 0, failed: 0 };
        fs.writeFileSync(".e2e-report.json", JSON.stringify({ ...r, failed: r.failed + 1 }));'
    fi
  fi
}

run npx vite build --config demo/vite.config.ts --logLevel warn
if [ "$status" -eq 0 ]; then
  for engine in ${E2E_ENGINES:-chromium firefox webkit}; do
    # Every engine here has BroadcastChannel; two-tabs.e2e.mjs fails if one lacks it.
    run env E2E_ENGINE="$engine" node test/e2e/portal.e2e.mjs
    run env E2E_ENGINE="$engine" node test/e2e/two-tabs.e2e.mjs
    run env E2E_ENGINE="$engine" node test/e2e/demo-controls.e2e.mjs
  done
fi
run scripts/consumer.sh
run env CONSUMER_REACT=18.3.1 scripts/consumer.sh
run scripts/nextjs-example.sh
node -e '
  const r = require("./.e2e-report.json");
  for (const [engine, n] of Object.entries(r.engines ?? {})) console.log(`e2e ${engine}: ${n.passed} passed, ${n.failed} failed`);
  console.log(`e2e total: ${r.passed} passed, ${r.failed} failed`);'
echo "e2e took ${SECONDS}s"
exit "$status"
