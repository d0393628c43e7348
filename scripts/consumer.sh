#!/usr/bin/env bash
# Consumer test: pack the package, install the tarball into a throwaway Vite app (in a temp dir, deleted
# afterwards), then test/consumer/consumer.e2e.mjs imports it in Node, builds the app and renders
# <TicketChat> in Chromium. Dependencies come from the local npm cache when present, at the repo's versions;
# CONSUMER_REACT=18.3.1 installs that react/react-dom instead (scripts/e2e.sh runs both 19 and 18.3).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ -f dist/index.js ] || npm run build
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ticket-chat-consumer.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
app=$tmp/app
cp -R test/consumer/app "$app"
node - "$repo" "$tmp/$tarball" "$app/package.json" "${CONSUMER_REACT:-}" <<'NODE'
const fs = require('node:fs');
const [repo, tarball, out, react] = process.argv.slice(2);
const version = (name) =>
  JSON.parse(fs.readFileSync(`${repo}/node_modules/${name}/package.json`, 'utf8')).version;
const deps = ['react', 'react-dom', '@tanstack/react-query', 'vite', '@vitejs/plugin-react', 'msw'];
const pkg = {
  name: 'ticket-chat-consumer',
  private: true,
  type: 'module',
  dependencies: {
    'ticket-chat': `file:${tarball}`,
    ...Object.fromEntries(deps.map((name) => [name, version(name)])),
    ...(react ? { react, 'react-dom': react } : {}),
  },
};
fs.writeFileSync(out, `${JSON.stringify(pkg, null, 2)}\n`);
NODE
(cd "$app" && npm install --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p "$app/public"
cp "$app/node_modules/msw/lib/mockServiceWorker.js" "$app/public/"
node test/consumer/consumer.e2e.mjs "$app"
