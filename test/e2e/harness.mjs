// Shared by the end-to-end scripts: Chromium, the demo portal under test, a step runner and the counts file.
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { chromiumArgs, chromiumPath } from '../chromiumLaunch.mjs';

const REPORT = new URL('../../.e2e-report.json', import.meta.url);

/** Timeout of every wait on a portal page (each script sets it as the page default). */
export const WAIT = 15_000;

export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/**
 * The built demo portal at the URL given as the script's argument, or demo/dist served by `vite preview`,
 * plus Chromium. `run(fn)` is `createSteps().run` with a cleanup that closes both.
 */
export async function openPortal() {
  const server = process.argv[2]
    ? null
    : await preview({ configFile: 'demo/vite.config.ts', preview: { port: 0 } });
  const base = process.argv[2] ?? server?.resolvedUrls?.local[0];
  if (!base) throw new Error('no URL to test');
  const browser = await launchChromium();
  const { run } = createSteps();
  const close = async () => {
    await browser.close();
    await server?.close();
  };
  return { base, browser, run: (fn) => run(fn, close) };
}

/** Has the demo page's own simulator post an agent reply (demo/main.tsx exposes `ticketChatDemo`). */
export function postAgentReply(page, ticketId, content) {
  return page.evaluate(([id, text]) => window.ticketChatDemo.postAgentReply(id, text), [ticketId, content]);
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
