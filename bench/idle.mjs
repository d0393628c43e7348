// One idle tab: 50 badges and a 1,000-message thread, both polling every second, nothing new arriving.
// Measured in real Chromium against the simulator for WINDOW ms after the page settled, scaled to a
// minute: main-thread CPU (CDP Performance.getMetrics TaskDuration) and what the page posted on
// BroadcastChannels (count and bytes of the JSON of each message), cross-tab on and off.

import { startServer } from './requests.mjs';
import { launchChromium } from './shared/chromium.mjs';

const INTERVAL = 1_000;
const WINDOW = 20_000;
const SETTLE = 5_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Counts every BroadcastChannel post of the page (the cross-tab layer's only way out). */
const countPosts = () => {
  const stats = { posts: 0, bytes: 0 };
  window.benchBroadcast = stats;
  const post = BroadcastChannel.prototype.postMessage;
  BroadcastChannel.prototype.postMessage = function (message) {
    stats.posts++;
    try {
      stats.bytes += JSON.stringify(message)?.length ?? 0;
    } catch {
      // not JSON-able (structured clone only): counted, not sized
    }
    return post.call(this, message);
  };
};

export async function runIdle({ dir, log = () => {} }) {
  const srv = await startServer(dir);
  const browser = await launchChromium();
  const rows = [];
  try {
    for (const crossTab of [true, false]) {
      const context = await browser.newContext();
      await context.addInitScript(countPosts);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(
        `${srv.base}/requests.html?mode=idle&n=50&interval=${INTERVAL}${crossTab ? '' : '&crossTab=0'}`,
      );
      await page.waitForFunction(() => document.getElementById('thread-length')?.textContent === '1000');
      await sleep(SETTLE);
      const task = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
      const broadcast = () => page.evaluate(() => ({ ...window.benchBroadcast }));
      const [cpu0, b0, r0] = [await task(), await broadcast(), srv.model.requests.length];
      await sleep(WINDOW);
      const [cpu1, b1, r1] = [await task(), await broadcast(), srv.model.requests.length];
      const perMinute = 60_000 / WINDOW;
      rows.push({
        crossTab,
        cpuMsPerMin: (cpu1 - cpu0) * 1000 * perMinute,
        postsPerMin: (b1.posts - b0.posts) * perMinute,
        bytesPerMin: (b1.bytes - b0.bytes) * perMinute,
        requestsPerMin: (r1 - r0) * perMinute,
      });
      await context.close();
      log(`idle: cross-tab ${crossTab ? 'on' : 'off'}`);
    }
  } finally {
    await browser.close();
    srv.server.close();
  }
  return { interval: INTERVAL, window: WINDOW, rows };
}

export function idleTable(r) {
  const lines = [
    '| one idle tab | main-thread CPU ms / min | BroadcastChannel posts / min | broadcast bytes / min | requests / min |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of r.rows) {
    lines.push(
      `| cross-tab ${row.crossTab ? 'on' : 'off'} | ${row.cpuMsPerMin.toFixed(0)} | ${row.postsPerMin.toFixed(0)} | ${Math.round(row.bytesPerMin).toLocaleString('en-US')} | ${row.requestsPerMin.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { buildRenderPages } = await import('./render/build.mjs');
  const r = await runIdle({ dir: await buildRenderPages(), log: console.error });
  console.log(idleTable(r));
  console.log(JSON.stringify(r));
}
