// Debian's Chromium and the flags for running it headless in CI, shared by vitest's browser projects
// (vite.config.ts) and the end-to-end scripts (test/e2e/harness.mjs). Plain JS so Node runs it as is.

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
