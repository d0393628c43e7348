#!/usr/bin/env bash
# The README's Next.js example, tested as a consumer would run it: pack the package, copy examples/nextjs
# to a temporary directory (deleted afterwards) with the README's snippets in place of the example's own
# files (they must match), install the tarball with the example's pinned Next.js / React / React Query,
# then test/consumer/nextjs.e2e.mjs builds, starts and drives it in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ -f dist/server/index.js ] || npm run build
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ticket-chat-nextjs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

app=$tmp/app
mkdir -p "$app"
(cd examples/nextjs && tar --exclude=node_modules --exclude=.next --exclude=next-env.d.ts -cf - .) | tar -xf - -C "$app"
# Every README block marked <!-- examples/nextjs/FILE --> is what the app gets as FILE.
node - "$repo/README.md" "$repo/examples/nextjs" "$app" <<'NODE'
const fs = require('node:fs');
const [readme, example, app] = process.argv.slice(2);
const blocks = [...fs.readFileSync(readme, 'utf8').matchAll(/<!-- examples\/nextjs\/(\S+) -->\n```\w*\n([\s\S]*?)```/g)];
if (blocks.length === 0) throw new Error('README: no block marked <!-- examples/nextjs/... -->');
for (const [, file, code] of blocks) {
  if (fs.readFileSync(`${example}/${file}`, 'utf8') !== code) {
    throw new Error(`README's block for examples/nextjs/${file} differs from the file: update one of them`);
  }
  fs.writeFileSync(`${app}/${file}`, code);
  console.log(`nextjs: ${file} is the README's block`);
}
NODE
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
node -e '
const fs = require("node:fs");
const [file, tarball] = process.argv.slice(1);
const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
pkg.dependencies["ticket-chat"] = `file:${tarball}`;
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$app/package.json" "$tmp/$tarball"
(cd "$app" && npm install --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)
node test/consumer/nextjs.e2e.mjs "$app"
