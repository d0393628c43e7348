#!/usr/bin/env bash
# Checks the built package as a consumer would see it: publint (package.json vs files) and
# arethetypeswrong (types resolve for every entry under node16/bundler resolution). Run after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
npx publint --strict
# esm-only: the package has no CommonJS build on purpose, so the node10/CJS-require rows are not errors.
npx attw --pack . --profile esm-only --exclude-entrypoints ./styles.css
