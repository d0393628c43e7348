// The idle portal: one tab with 50 unread badges and a 1,000-message thread, everything polling every
// second, nothing new arriving. Real Chromium against the simulator (bench/requests.mjs serves it), one page
// per variant (bench/pages/idle.jsx):
//   ours, cross-tab on   ticket-chat's CaseUnreadBadge × 50 + TicketChat (the defaults)
//   ours, cross-tab off  the same with `crossTab={false}`
//   naive                one useQuery per badge (refetchInterval) + one useQuery refetching the whole thread
//                        each interval, mapped to rows (no memo, no virtualization): a portal without us
//   ours, 2 tabs         two tabs of one profile, cross-tab on (the leader polls for both)
// Rounds interleave the variants (ours on, ours off, naive, 2 tabs; the next round starts one later);
// each round opens the variant in a new browser context, waits until it settled, then measures one
// window. Figures are the sums over all rounds scaled to a minute:
//   - main-thread busy time: CDP Performance.getMetrics TaskDuration, with its script / layout / style
//     parts (wall time of tasks, so a loaded machine inflates it);
//   - CPU time of all the browser's processes (SystemInfo.getProcessInfo: renderers, network service,
//     GPU, browser), which load does not inflate;
//   - BroadcastChannel posts and bytes (the JSON length of each posted message);
//   - requests and bytes answered; JS heap growth (used heap after a forced GC at the window's start and end).
//
// `node bench/idle.mjs [--rounds 3] [--window 20000] [--profile ours-on|ours-off|naive|ours-2tabs]`:
// --profile also records a CPU profile (of the first tab) of one more window of that variant into
// bench/.tmp/idle-<variant>.cpuprofile (open it in Chrome DevTools) and prints its heaviest functions.

import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './requests.mjs';
import { launchChromium } from './shared/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const IDLE_BADGES = 50;
const INTERVAL = 1_000;
const SETTLE = 10_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const VARIANTS = [
  { id: 'ours-on', label: 'ticket-chat, cross-tab on', query: 'mode=ours' },
  { id: 'ours-off', label: 'ticket-chat, cross-tab off', query: 'mode=ours&crossTab=0' },
  { id: 'naive', label: 'naive useQuery', query: 'mode=naive' },
  // Two tabs of one profile: the leader polls for both and an idle poll posts nothing to the follower.
  // Its figures are both tabs' together; it is compared with two naive tabs (2 × the naive row).
  { id: 'ours-2tabs', label: 'ticket-chat, 2 tabs, cross-tab on', query: 'mode=ours', tabs: 2 },
];

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

const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];

async function metrics(cdp) {
  const list = (await cdp.send('Performance.getMetrics')).metrics;
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function usedHeapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp)).JSHeapUsedSize;
}

/** Opens `variant` (its tabs as pages of one new context), waits until each shows the thread, then SETTLE ms. */
async function openSettled(browser, srv, variant) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await context.addInitScript(countPosts);
  const tabs = [];
  for (let t = 0; t < (variant.tabs ?? 1); t++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(
      `${srv.base}/idle.html?${variant.query}&n=${IDLE_BADGES}&interval=${INTERVAL}&thread=thread-1000`,
    );
    await page.waitForFunction(() => document.querySelector('[data-message-key]') !== null, null, {
      timeout: 30_000,
    });
    tabs.push({ page, cdp });
  }
  await sleep(SETTLE);
  return { context, tabs };
}

const sumOver = async (tabs, read) => {
  const out = {};
  for (const tab of tabs)
    for (const [k, v] of Object.entries(await read(tab))) out[k] = (out[k] ?? 0) + (v ?? 0);
  return out;
};

/** CPU seconds so far of every process of the browser, by pid (CDP SystemInfo.getProcessInfo). */
async function processCpu(browserCdp) {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  return new Map(processInfo.map((p) => [p.id, p]));
}

/** CPU ms between two `processCpu` readings, by process type (renderer, browser, GPU, network…). */
function processCpuDelta(before, after) {
  const byType = {};
  for (const [pid, { type, cpuTime }] of after) {
    // 'network.mojom.NetworkService' → 'network' (utility processes are named by their service).
    const name = type.split('.mojom.')[0];
    byType[name] = (byType[name] ?? 0) + (cpuTime - (before.get(pid)?.cpuTime ?? 0)) * 1000;
  }
  return byType;
}

/**
 * One window of every tab of `open`: sums over the tabs (`tabCpu`: each tab's main-thread busy ms, in
 * opening order). `processCpu`: CPU time of all the browser's processes (renderers, network service,
 * browser, GPU), which the machine's load does not inflate the way it does busy (wall) time.
 */
async function measureWindow(srv, browserCdp, { tabs }, windowMs) {
  const heap = async () => sumOver(tabs, async ({ cdp }) => ({ heap: await usedHeapAfterGc(cdp) }));
  // Each tab's metrics, and their sums (the busy time of each tab is kept apart too).
  const cpu = async () => {
    const each = await Promise.all(tabs.map(({ cdp }) => metrics(cdp)));
    const total = Object.fromEntries(METRICS.map((k) => [k, each.reduce((s, m) => s + m[k], 0)]));
    return { ...total, tabs: each.map((m) => m.TaskDuration) };
  };
  const broadcast = () => sumOver(tabs, ({ page }) => page.evaluate(() => ({ ...window.benchBroadcast })));
  const heap0 = await heap();
  const m0 = await cpu();
  const b0 = await broadcast();
  const r0 = srv.model.requests.length;
  const l0 = srv.log.length;
  const p0 = await processCpu(browserCdp);
  await sleep(windowMs);
  const p1 = await processCpu(browserCdp);
  const m1 = await cpu();
  const b1 = await broadcast();
  const r1 = srv.model.requests.length;
  const answered = srv.log.slice(l0).reduce((s, l) => s + l.bytes, 0);
  const heap1 = await heap();
  return {
    ms: windowMs,
    ...Object.fromEntries(METRICS.map((k) => [k, (m1[k] - m0[k]) * 1000])),
    posts: b1.posts - b0.posts,
    broadcastBytes: b1.bytes - b0.bytes,
    requests: r1 - r0,
    answeredBytes: answered,
    heapGrowth: heap1.heap - heap0.heap,
    heapEnd: heap1.heap,
    tabCpu: m1.tabs.map((x, i) => (x - m0.tabs[i]) * 1000),
    processCpuByType: processCpuDelta(p0, p1),
  };
}

/** Per-minute figures of one variant: sums over its windows, scaled to 60 s; `rounds` keeps each window's CPU. */
function perMinute(windows) {
  for (const w of windows) w.processCpu = Object.values(w.processCpuByType).reduce((a, b) => a + b, 0);
  const total = windows.reduce((s, w) => s + w.ms, 0);
  const scale = 60_000 / total;
  const sum = (k) => windows.reduce((s, w) => s + w[k], 0) * scale;
  return {
    measuredMs: total,
    cpuMsPerMin: sum('TaskDuration'),
    processCpuByTypeMsPerMin: Object.fromEntries(
      [...new Set(windows.flatMap((w) => Object.keys(w.processCpuByType)))].map((type) => [
        type,
        windows.reduce((s, w) => s + (w.processCpuByType[type] ?? 0), 0) * scale,
      ]),
    ),
    scriptMsPerMin: sum('ScriptDuration'),
    layoutMsPerMin: sum('LayoutDuration'),
    styleMsPerMin: sum('RecalcStyleDuration'),
    postsPerMin: sum('posts'),
    broadcastBytesPerMin: sum('broadcastBytes'),
    requestsPerMin: sum('requests'),
    answeredBytesPerMin: sum('answeredBytes'),
    heapGrowthPerMin: sum('heapGrowth'),
    heapEnd: Math.max(...windows.map((w) => w.heapEnd)),
    processCpuMsPerMin: sum('processCpu'),
    roundsCpuMsPerMin: windows.map((w) => (w.TaskDuration * 60_000) / w.ms),
    tabsCpuMsPerMin: (windows[0]?.tabCpu ?? []).map(
      (_, t) => windows.reduce((s, w) => s + w.tabCpu[t], 0) * scale,
    ),
    windows,
  };
}

/** The heaviest functions of a CPU profile by self time (ms), "name url:line". */
export function topSelfTime(profile, count = 25) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

export async function runIdle({ dir, rounds = 3, windowMs = 20_000, profile, log = () => {} }) {
  const srv = await startServer(dir);
  const browser = await launchChromium();
  const browserCdp = await browser.newBrowserCDPSession();
  const windows = new Map(VARIANTS.map((v) => [v.id, []]));
  const load = [];
  let profiled;
  try {
    for (let round = 0; round < rounds; round++) {
      // Each round starts one variant later, so no variant always follows the same one.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
      for (const variant of order) {
        const open = await openSettled(browser, srv, variant);
        load.push(os.loadavg()[0]);
        windows.get(variant.id).push(await measureWindow(srv, browserCdp, open, windowMs));
        await open.context.close();
        log(`idle: round ${round + 1}/${rounds}, ${variant.label}`);
      }
    }
    if (profile) {
      const variant = VARIANTS.find((v) => v.id === profile);
      if (!variant) throw new Error(`--profile: one of ${VARIANTS.map((v) => v.id).join(', ')}`);
      const open = await openSettled(browser, srv, variant);
      const { cdp } = open.tabs[0];
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await sleep(windowMs);
      const { profile: cpu } = await cdp.send('Profiler.stop');
      await open.context.close();
      const file = path.join(root, `bench/.tmp/idle-${variant.id}.cpuprofile`);
      await writeFile(file, JSON.stringify(cpu));
      profiled = { variant: variant.id, file, top: topSelfTime(cpu) };
    }
  } finally {
    await browser.close();
    srv.server.close();
  }
  const rows = VARIANTS.map((v) => ({ ...v, ...perMinute(windows.get(v.id)) }));
  return { interval: INTERVAL, windowMs, rounds, badges: IDLE_BADGES, load, rows, profiled };
}

const int = (x) => Math.round(x).toLocaleString('en-US');
/** "renderer 800, network 200, …": the processes that used CPU, the busiest first. */
const byType = (row) =>
  Object.entries(row.processCpuByTypeMsPerMin)
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([type, ms]) => `${type} ${int(ms)}`)
    .join(', ');
const kB = (x) => `${(x / 1000).toFixed(1)} kB`;

export function idleTable(r) {
  const naive = r.rows.find((row) => row.id === 'naive');
  const lines = [
    '| idle portal, per minute | CPU busy ms (main thread) | ours / naive | of which script, layout, style ms | CPU busy ms per round | CPU time ms, all browser processes | ours / naive | BroadcastChannel posts | broadcast bytes | requests | bytes answered | JS heap growth | JS heap after GC (largest window end) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of r.rows) {
    const tabs = row.tabs ?? 1;
    const ratio = (k) =>
      row === naive
        ? '1'
        : `${(row[k] / (tabs * naive[k])).toFixed(2)}×${tabs > 1 ? ` (vs ${tabs} naive tabs)` : ''}`;
    const label =
      tabs > 1
        ? `${row.label}: both tabs (CPU busy per tab, in opening order: ${row.tabsCpuMsPerMin.map(int).join(', ')})`
        : row.label;
    lines.push(
      `| ${label} | **${int(row.cpuMsPerMin)}** | ${ratio('cpuMsPerMin')} | ${int(row.scriptMsPerMin)}, ${int(row.layoutMsPerMin)}, ${int(row.styleMsPerMin)} | ${row.roundsCpuMsPerMin.map(int).join(', ')} | ${int(row.processCpuMsPerMin)} (${byType(row)}) | ${ratio('processCpuMsPerMin')} | ${int(row.postsPerMin)} | ${int(row.broadcastBytesPerMin)} | ${int(row.requestsPerMin)} | ${kB(row.answeredBytesPerMin)} | ${kB(row.heapGrowthPerMin)} | ${(row.heapEnd / 1e6).toFixed(2)} MB |`,
    );
  }
  // The one-tab rows (cross-tab on and off) against the one-tab naive portal.
  const oneTab = r.rows.filter((row) => row !== naive && (row.tabs ?? 1) === 1);
  const worst = (k) => Math.max(...oneTab.map((row) => row[k])) / naive[k];
  const busy = worst('cpuMsPerMin');
  const time = worst('processCpuMsPerMin');
  lines.push(
    '',
    `Goal (issue 15): ours ≤ 0.3× naive CPU. This run, the worse of one tab with cross-tab on or off: main-thread busy ${busy.toFixed(2)}×, CPU time of all processes ${time.toFixed(2)}× (${Math.max(busy, time) <= 0.3 ? 'met' : 'NOT met'}). Load average (1 min) during the windows: ${Math.min(...r.load).toFixed(2)}–${Math.max(...r.load).toFixed(2)} on ${os.cpus().length} cores.`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      window: { type: 'string', default: '20000' },
      profile: { type: 'string' },
    },
  });
  const { buildBenchPages } = await import('./pages/build.mjs');
  const r = await runIdle({
    dir: await buildBenchPages(),
    rounds: Number(values.rounds),
    windowMs: Number(values.window),
    profile: values.profile,
    log: console.error,
  });
  console.log(idleTable(r));
  if (r.profiled) {
    console.log(`\nCPU profile of ${r.profiled.variant}: ${r.profiled.file}\nheaviest self time (ms):`);
    for (const [name, ms] of r.profiled.top) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
  }
}
