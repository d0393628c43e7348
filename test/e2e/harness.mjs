// Shared by the end-to-end scripts: the demo portal under test in the engine named by E2E_ENGINE
// (test/e2e/driver.mjs), a step runner and the counts file.
import { readFile, writeFile } from 'node:fs/promises';
import { preview } from 'vite';
import { engineFromEnv, openBrowser, WAIT } from './driver.mjs';

export { WAIT };

const REPORT = new URL('../../.e2e-report.json', import.meta.url);

/**
 * The built demo portal at the URL given as the script's argument, or demo/dist served by `vite preview`,
 * plus the engine's browser. `run(fn)` is `createSteps(engine).run` with a cleanup that closes both.
 */
export async function openPortal() {
  const engine = engineFromEnv();
  const server = process.argv[2]
    ? null
    : await preview({ configFile: 'demo/vite.config.ts', preview: { port: 0 } });
  const base = process.argv[2] ?? server?.resolvedUrls?.local[0];
  if (!base) throw new Error('no URL to test');
  const browser = await openBrowser(engine);
  const { run } = createSteps(engine);
  const close = async () => {
    await browser.close();
    await server?.close();
  };
  return { base, browser, engine, run: (fn) => run(fn, close) };
}

/** Has the demo page's own simulator post an agent reply (demo/main.tsx exposes `ticketChatDemo`). */
export function postAgentReply(tab, ticketId, content) {
  return tab.evaluate(([id, text]) => window.ticketChatDemo.postAgentReply(id, text), [ticketId, content]);
}

/**
 * Steps run in order and depend on each other, so the first failure ends the run (counted once).
 * Names are printed with the engine. `run(fn)` executes the steps in `fn`, then `cleanup`, then prints the counts and adds them to the report.
 */
export function createSteps(engine) {
  const passed = [];
  const step = async (name, fn) => {
    await fn();
    passed.push(name);
    console.log(`  ✓ [${engine}] ${name}`);
  };
  const run = async (fn, cleanup) => {
    let failed = 0;
    try {
      await fn(step);
    } catch (error) {
      failed = 1;
      console.error(
        `  ✗ [${engine}] after ${passed.length} passed step(s): ${String(error?.message ?? error).split('\n')[0]}`,
      );
    } finally {
      await cleanup?.();
    }
    console.log(`${engine}: ${passed.length} passed, ${failed} failed`);
    await addToReport({ passed: passed.length, failed }, engine);
    return failed === 0;
  };
  return { step, run };
}

/**
 * scripts/e2e.sh deletes the report first; each script adds its counts, in total and per engine
 * (.ci/run adds the totals to vitest's).
 */
export async function addToReport({ passed, failed }, engine = 'chromium') {
  const before = await readFile(REPORT, 'utf8').then(JSON.parse, () => ({ passed: 0, failed: 0 }));
  const engines = { ...before.engines };
  const mine = engines[engine] ?? { passed: 0, failed: 0 };
  engines[engine] = { passed: mine.passed + passed, failed: mine.failed + failed };
  await writeFile(
    REPORT,
    JSON.stringify({ passed: before.passed + passed, failed: before.failed + failed, engines }),
  );
}
