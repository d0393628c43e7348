// Shared by the end-to-end scripts: Chromium launch options, a step runner and the counts file.
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const REPORT = new URL('../../.e2e-report.json', import.meta.url);

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * Steps run in order and depend on each other, so the first failure ends the run (counted once).
 * `run(fn)` executes the steps in `fn`, then `cleanup`, then prints the counts and adds them to the report.
 */
export function createSteps() {
  const passed = [];
  const step = async (name, fn) => {
    await fn();
    passed.push(name);
    console.log(`  ✓ ${name}`);
  };
  const run = async (fn, cleanup) => {
    let failed = 0;
    try {
      await fn(step);
    } catch (error) {
      failed = 1;
      console.error(
        `  ✗ after ${passed.length} passed step(s): ${String(error?.message ?? error).split('\n')[0]}`,
      );
    } finally {
      await cleanup?.();
    }
    console.log(`${passed.length} passed, ${failed} failed`);
    await addToReport({ passed: passed.length, failed });
    return failed === 0;
  };
  return { step, run };
}

/** scripts/e2e.sh deletes the report first; each script adds its counts (.ci/run adds them to vitest's). */
export async function addToReport({ passed, failed }) {
  const before = await readFile(REPORT, 'utf8').then(JSON.parse, () => ({ passed: 0, failed: 0 }));
  await writeFile(REPORT, JSON.stringify({ passed: before.passed + passed, failed: before.failed + failed }));
}
