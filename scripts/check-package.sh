#!/usr/bin/env bash
# Checks the built package as a consumer would see it: publint (package.json vs files) and
# arethetypeswrong (types resolve for every entry under node16/bundler resolution). Run after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
npx publint --strict
# esm-only: the package has no CommonJS build on purpose, so the node10/CJS-require rows are not errors.
npx attw --pack . --profile esm-only --exclude-entrypoints ./styles.css
# ticket-chat/server runs on servers and edge runtimes: its module graph holds no React, no 'use client',
# no Node built-in and no dependency at all (fetch-standard APIs only).
node --input-type=module -e '
import { build } from "esbuild";
const { metafile } = await build({ entryPoints: ["dist/server/index.js"], bundle: true, write: false,
  platform: "neutral", metafile: true, logLevel: "silent" });
const inputs = Object.keys(metafile.inputs);
const bad = inputs.filter((file) => !file.startsWith("dist/"));
const fs = await import("node:fs");
const directive = inputs.filter((file) => /^\s*["\x27]use client["\x27]/.test(fs.readFileSync(file, "utf8")));
if (bad.length || directive.length) {
  console.error("ticket-chat/server imports more than its own files:", [...bad, ...directive].join(", "));
  process.exit(1);
}
console.log(`ticket-chat/server: ${inputs.length} modules, no dependency, no "use client"`);
'
