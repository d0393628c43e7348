// Requests per polling interval, in real Chromium against the simulator (simulator/, strict wire model)
// served over HTTP by Node: MSW's `getResponse` answers /osm/* with the simulator's handlers, and every
// request is counted from `model.requests`. Pollers = distinct tabs (by Referer) that sent unread requests.
import { importBundled } from './shared/bundle.mjs';
import { launchChromium, serveStatic } from './shared/chromium.mjs';

export const BADGES = [1, 10, 50, 150];
export const TABS = [1, 3, 5];
const INTERVAL = 1_500;
const WINDOW = 4_500; // 3 intervals

/**
 * The simulator (its handlers answer /osm/*) and the static files of `dir` on one origin. `staticLatencyMs`
 * delays each file (bench/firstMessage.mjs).
 */
export async function startServer(dir, { staticLatencyMs = 0 } = {}) {
  // msw stays external: one copy of it, shared by the simulator's handlers and `getResponse` below.
  const sim = await importBundled('simulator/index.ts', 'simulator.mjs', { external: ['msw'] });
  const { getResponse } = await import('msw');
  const model = sim.createServiceModel();
  for (let i = 0; i < Math.max(...BADGES); i++)
    model.addTicket({ id: `case-${i}`, messages: [{ content: `hello ${i}` }] });
  // The long thread of bench/idle.mjs and bench/firstMessage.mjs.
  const start = Date.now() - 1_000 * 60_000;
  model.addTicket({
    id: 'thread-1000',
    messages: Array.from({ length: 1000 }, (_, i) => ({
      content: `message ${i} ${'lorem ipsum '.repeat(4)}`,
      replierType: i % 3 === 0 ? 0 : 1,
      at: start + i * 60_000,
    })),
  });
  // A short thread, as most tickets have (bench/firstMessage.mjs).
  model.addTicket({
    id: 'thread-30',
    messages: Array.from({ length: 30 }, (_, i) => ({
      content: `message ${i} ${'lorem ipsum '.repeat(4)}`,
      replierType: i % 3 === 0 ? 0 : 1,
      at: start + i * 60_000,
    })),
  });
  const log = [];
  let handlers = [];
  const extra = (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/bench-config.json') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: sim.TEST_TOKEN }));
      return true;
    }
    if (!url.pathname.startsWith('/osm/')) return false;
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(`${base}${req.url}`, {
        method: req.method,
        headers: Object.entries(req.headers).filter(([, v]) => typeof v === 'string'),
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
      });
      const entry = { at: Date.now(), referer: req.headers.referer ?? '', path: url.pathname, bytes: 0 };
      log.push(entry);
      const response = (await getResponse(handlers, request)) ?? new Response('not found', { status: 404 });
      const answer = Buffer.from(await response.arrayBuffer());
      entry.bytes = answer.length;
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(answer);
    });
    return true;
  };
  const { server, url: base } = await serveStatic(dir, extra, { latencyMs: staticLatencyMs });
  handlers = sim.createHandlers(model, { baseUrl: `${base}/osm` });
  return { server, base, model, log };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Unread requests (and pollers) seen during WINDOW ms, after the pages have settled. */
async function observe(srv, pages, settleMs) {
  await sleep(settleMs);
  // Align the window to mid-interval: wait for the next unread request, then half an interval, so a
  // window of k intervals holds exactly k polls of a steady poller (no edge effects).
  const seen = srv.log.length;
  const until = Date.now() + 2 * INTERVAL;
  while (
    Date.now() < until &&
    !srv.log.slice(seen).some((l) => l.path.endsWith('/cases/instant-messages/unread'))
  )
    await sleep(10);
  await sleep(INTERVAL / 2);
  const from = srv.model.requests.length;
  const logFrom = srv.log.length;
  await sleep(WINDOW);
  const reqs = srv.model.requests.slice(from).filter((r) => r.endpoint === 'unread');
  const pollers = new Set(
    srv.log
      .slice(logFrom)
      .filter((l) => l.path.endsWith('/cases/instant-messages/unread'))
      .map((l) => l.referer),
  );
  for (const p of pages) await p.close();
  await sleep(INTERVAL); // let closed pages' requests drain
  return {
    perInterval: reqs.length / (WINDOW / INTERVAL),
    ids: reqs.reduce((s, r) => s + r.caseIds.length, 0),
    pollers: pollers.size,
  };
}

export async function runRequests({ dir, log = () => {} }) {
  const srv = await startServer(dir);
  const browser = await launchChromium();
  const out = { interval: INTERVAL, window: WINDOW, badges: [], tabs: [] };
  try {
    for (const n of BADGES) {
      const row = { n };
      for (const mode of ['batched', 'naive']) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${srv.base}/requests.html?mode=${mode}&n=${n}&interval=${INTERVAL}`);
        await page.waitForFunction(() => window.benchReady === true);
        row[mode] = await observe(srv, [page], 1_500);
        await context.close();
      }
      out.badges.push(row);
      log(`requests: ${n} badges`);
    }
    for (const [tabs, crossTab] of [...TABS.map((t) => [t, true]), [TABS.at(-1), false]]) {
      // Tabs of one origin share a browser context (BroadcastChannel reaches them); 10 badges each.
      const context = await browser.newContext();
      const pages = [];
      for (let t = 0; t < tabs; t++) {
        const page = await context.newPage();
        await page.goto(
          `${srv.base}/requests.html?mode=batched&n=10&interval=${INTERVAL}&tab=${t}${crossTab ? '' : '&crossTab=0'}`,
        );
        await page.waitForFunction(() => window.benchReady === true);
        pages.push(page);
      }
      const r = await observe(srv, pages, 2_500);
      await context.close();
      out.tabs.push({ tabs, crossTab, ...r });
      log(`requests: ${tabs} tabs${crossTab ? '' : ' (crossTab off)'}`);
    }
  } finally {
    await browser.close();
    srv.server.close();
  }
  return out;
}

const f = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

export function requestsTables(r) {
  const a = [
    `| Badges on the page | ticket-chat useUnread: requests / interval | naive useQuery + refetchInterval: requests / interval | naive / ours | case ids polled / interval (ours, naive) |`,
    '| ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of r.badges) {
    a.push(
      `| ${row.n} | ${f(row.batched.perInterval)} | ${f(row.naive.perInterval)} | ${(row.naive.perInterval / row.batched.perInterval).toFixed(1)}× | ${f(row.batched.ids / (r.window / r.interval))}, ${f(row.naive.ids / (r.window / r.interval))} |`,
    );
  }
  const b = [
    '| Open tabs (10 badges each) | tabs that polled (pollers) | unread requests / interval, all tabs |',
    '| --- | ---: | ---: |',
  ];
  for (const row of r.tabs) {
    const label = row.crossTab ? String(row.tabs) : `${row.tabs}, control: \`crossTab={false}\``;
    b.push(`| ${label} | ${row.pollers} | ${f(row.perInterval)} |`);
  }
  return `${a.join('\n')}\n\n${b.join('\n')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { buildRenderPages } = await import('./render/build.mjs');
  const dir = await buildRenderPages();
  const r = await runRequests({ dir, log: console.log });
  console.log(requestsTables(r));
  console.log(JSON.stringify(r));
}
