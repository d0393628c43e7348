// Rendering in real Chromium: ticket-chat's MessageThread against stream-chat-react's
// VirtualizedMessageList (react-virtuoso) and chatscope's MessageList (not virtualized), same data, same
// 720×600 container, production builds, ONE browser run. Each library has its own browser context (its own
// renderer process, so CDP's main-thread metrics and heap are its own); every pass runs the same scenarios for
// each library in turn, the order rotating per pass, after one warm-up pass; medians.
// Run alone: `npm run build && node bench/render/run.mjs` (RUNS=5 by default).

import { launchChromium, median, serveStatic } from '../shared/chromium.mjs';
import { buildRenderPages, LIBS } from './build.mjs';

export const SIZES = [1_000, 5_000, 10_000];

/** Renderer main-thread time, ms (CDP Performance metrics are cumulative seconds). */
async function busyNow(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

async function openLibrary(browser, url, lib) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const errors = [];
  const offline = [];
  page.on('pageerror', (e) => errors.push(e.stack ?? String(e)));
  page.on('websocket', (ws) => offline.push(ws.url()));
  // No network: anything but the bench's own server is refused, and counted.
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(url)) return route.continue();
    offline.push(route.request().url());
    return route.abort();
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.goto(`${url}/${lib.id}.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const call = (fn, arg) => page.evaluate(([f, a]) => window.bench[f](a), [fn, arg]);
  /** `fn` with the main thread's busy time around it (after a GC, so no earlier garbage is collected in it). */
  const measure = async (fn, arg) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const before = await busyNow(cdp);
    const result = await call(fn, arg);
    const after = await busyNow(cdp);
    return { ...result, busy: after.task - before.task, script: after.script - before.script };
  };
  return { lib, context, page, cdp, errors, offline, call, measure };
}

/** One pass of every scenario on one library's page. */
async function pass(l) {
  const { call, measure, cdp } = l;
  const s = {};
  await l.page.bringToFront();
  await call('reset');
  // What the waiting costs by itself (the call, and the idle frames that end every measurement).
  const floors = [];
  for (let i = 0; i < 3; i++) floors.push((await measure('idle')).busy);
  s.floor = median(floors);
  await call('prepare', 1_000);
  s.mount1k = await measure('mount');

  await call('reset');
  const base = await heapAfterGc(cdp);
  await call('prepare', 10_000);
  s.mount10k = await measure('mount');
  s.heap10k = (await heapAfterGc(cdp)) - base;
  s.elements10k = await call('elements');
  s.scrollTop = await measure('scrollTop');

  await call('reset');
  await call('prepare', 5_000);
  s.mount5k = await measure('mount');
  s.append5k = await measure('append');

  await call('reset');
  await call('prepare', 150);
  s.mount150 = await measure('mount');
  s.append150 = await measure('append');
  s.elements151 = await call('elements');
  await call('reset');
  return s;
}

const TIMED = ['mount1k', 'mount5k', 'mount10k', 'append5k', 'append150', 'scrollTop', 'mount150'];

function summarize(passes) {
  const out = {};
  for (const key of TIMED) {
    const xs = passes.map((p) => p[key]);
    out[key] = {
      busy: median(xs.map((x, i) => x.busy - passes[i].floor)),
      rawBusy: median(xs.map((x) => x.busy)),
      script: median(xs.map((x) => x.script)),
      ms: median(xs.map((x) => x.ms)),
      rows: median(xs.map((x) => x.rows)),
      domRows: median(xs.map((x) => x.domRows ?? 0)),
      jumps: median(xs.map((x) => x.jumps ?? 0)),
    };
  }
  for (const key of ['floor', 'heap10k', 'elements10k', 'elements151'])
    out[key] = median(passes.map((p) => p[key]));
  return out;
}

export async function runRender({ runs = 5, log = () => {} } = {}) {
  const dir = await buildRenderPages();
  const { server, url } = await serveStatic(dir);
  const browser = await launchChromium();
  const libs = [];
  const passes = Object.fromEntries(LIBS.map((lib) => [lib.id, []]));
  try {
    for (const lib of LIBS) libs.push(await openLibrary(browser, url, lib));
    for (const l of libs) await pass(l); // warm-up: JIT, lazily loaded chunks
    for (let run = 0; run < runs; run++) {
      // ours, stream, chatscope; then stream, chatscope, ours; …
      const order = libs.map((_, i) => libs[(i + run) % libs.length]);
      for (const l of order) passes[l.lib.id].push(await pass(l));
      log(`render pass ${run + 1}/${runs} (${order.map((l) => l.lib.id).join(', ')})`);
    }
    for (const l of libs) {
      if (l.errors.length) throw new Error(`${l.lib.id} page errors: ${l.errors.join('; ')}`);
      if (l.offline.length)
        throw new Error(`${l.lib.id} tried the network: ${l.offline.slice(0, 3).join(', ')}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  const results = Object.fromEntries(
    LIBS.map((lib) => [lib.id, { ...summarize(passes[lib.id]), raw: passes[lib.id] }]),
  );
  return { runs, results };
}

const ms = (x) => (Number.isNaN(x) ? '—' : `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`);
const count = (x) => Math.round(x).toLocaleString('en-US');
const mb = (x) => `${(x / 2 ** 20).toFixed(1)} MiB`;
const ratio = (a, b) => (b > 0 && Number.isFinite(a / b) ? (a / b).toFixed(2) : '—');

const SCENARIOS = [
  ['mount1k', 'Mount 1,000 messages'],
  ['mount5k', 'Mount 5,000 messages'],
  ['mount10k', 'Mount 10,000 messages'],
  ['append5k', 'Append 1 message to 5,000'],
  ['append150', 'Append 1 message to 150'],
  ['scrollTop', 'Scroll to the top of 10,000'],
];

/** The rendering tables: main-thread busy time, wall time, and counts. */
export function renderTable({ runs, results }) {
  const { ours, stream, chatscope } = results;
  const head = (what) => [
    `| ${what} (median of ${runs}) | ticket-chat | stream-chat-react | chatscope | ours / stream | ours / chatscope |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const row = (label, pick, fmt) =>
    `| ${label} | ${fmt(pick(ours))} | ${fmt(pick(stream))} | ${fmt(pick(chatscope))} | ${ratio(pick(ours), pick(stream))} | ${ratio(pick(ours), pick(chatscope))} |`;
  const busy = [
    ...head('Main-thread busy time'),
    ...SCENARIOS.map(([k, label]) => row(label, (r) => r[k].busy, ms)),
  ];
  const wall = [
    ...head('Wall time until painted'),
    ...SCENARIOS.map(([k, label]) => row(label, (r) => r[k].ms, ms)),
  ];
  const counts = [
    ...head('Counts'),
    row('Row renders, mounting 10,000', (r) => r.mount10k.rows, count),
    row('Row renders, mounting 1,000', (r) => r.mount1k.rows, count),
    row('Row renders, appending 1 to 5,000', (r) => r.append5k.rows, count),
    row('Row renders, appending 1 to 150', (r) => r.append150.rows, count),
    row('Elements in the DOM, 151 messages', (r) => r.elements151, count),
    row('Elements in the DOM, 10,000 messages', (r) => r.elements10k, count),
    row('JS heap held by the 10,000-message view', (r) => r.heap10k, mb),
  ];
  const raw = SCENARIOS.map(
    ([k, label]) => `${label.toLowerCase()} ${ratio(ours[k].rawBusy, stream[k].rawBusy)}`,
  ).join(', ');
  const note = `Busy time with the wait's own cost left in, ours / stream: ${raw}.`;
  return [busy.join('\n'), note, wall.join('\n'), counts.join('\n')].join('\n\n');
}

/** Section (b) of bench/RESULTS.md: how it was measured, then the tables. */
export function renderSection(render) {
  return `## (b) Rendering in Chromium

Production builds (Vite, minified, React's production build) of one page per library in a 720×600 container,
the same generated messages (two senders, 5–40 words each, 97 s apart, so several days). Peers:
- **stream-chat-react** ${'`VirtualizedMessageList`'} (react-virtuoso) inside ${'`<Chat>`'} and ${'`<Channel>`'}, the virtualized peer. It
  gets the thread offline, the least artificial way we found: the viewer is set without connecting, with ${'`client._setUser`'}
  (it sets the client's user and userID, what stream-chat's and stream-chat-react's test helpers set by hand;
  ${'`connectUser`'} would open a WebSocket); the thread is a queryChannels
  answer built locally and given to ${'`client.hydrateActiveChannels`'} (what ${'`queryChannels`'} does with its HTTP
  answer; the channel is initialized, so ${'`<Channel>`'} sends no request, and the whole thread fits its page);
  an append is a ${'`message.new`'} event given to ${'`client.dispatchEvent`'} (what its WebSocket handler does with
  a frame). Day separators and sender groups are switched on (${'`disableDateSeparator={false}`'},
  ${'`shouldGroupByUser`'}) because ours shows both. Every request other than the page's own is refused and
  would fail the run; none is made.
- **ticket-chat** ${'`MessageThread`'} (the built ${'`dist/`'}): every row in the DOM up to 40 rows (messages and separators), virtualized
  (@tanstack/react-virtual, a lazily loaded chunk that the warm-up pass loads) above.
- **chatscope** ${'`MessageList`'}, used as documented (${'`messages.map(m => <Message model=… />)`'}); it does not
  virtualize: a second row for scale.

Each library runs in its own browser context (its own renderer process) of one Chromium; each pass runs every
scenario for each library in turn (ours, stream, chatscope, then rotated), after one warm-up pass; medians of
${render.runs} passes. Filling each library's store (our caller's array, stream-chat's channel state) is not timed.
**Main-thread busy time** = the renderer's CDP ${'`Performance.getMetrics`'} TaskDuration from the call until the
DOM has not changed for 6 frames (virtualized lists keep measuring and re-rendering after the first paint; that
work counts), after a forced GC, minus what that wait costs on an unchanged page (the call and its idle frames,
measured on each library's page in each pass; median ${ms(render.results.ours.floor)} on ours, ${ms(render.results.stream.floor)} on stream's,
${ms(render.results.chatscope.floor)} on chatscope's). **Wall time** = from the call until the rows are in the DOM and two animation
frames have passed. Scroll to the top = set the scroller's ${'`scrollTop`'} to 0 until the first message is painted
at the top (a virtual list may need more than one jump as its estimates are replaced by measured sizes).
**Row renders** = calls of the row component (ours ${'`ThreadRowView`'}, stream ${'`MessageUI`'}, chatscope ${'`Message`'})
during the call and its settling. Elements = ${'`querySelectorAll("*")`'} in the container. Heap = used JS heap
after a GC with 10,000 messages mounted, minus the same page's heap with nothing mounted (stream's client and
channel state included, the shared message array excluded).

${renderTable(render)}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runRender({ runs: Number(process.env.RUNS ?? 5), log: console.error });
  console.log(renderSection(out));
  console.log(JSON.stringify(out.results, (k, v) => (k === 'raw' ? undefined : v), 1));
}
