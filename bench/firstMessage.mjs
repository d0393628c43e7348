// Time to first message: how long a cold page takes to show the first message row of a `<TicketChat>`.
//
// Each library build (a `dist/` directory) is bundled into a page the way a portal's production build
// would bundle it (esbuild: bundle, minify, ESM, code splitting, so the build's own lazy chunks stay lazy
// chunks of the page; React and React Query bundled in, as the portal has them), and those files are
// served over HTTP by Node beside the simulator, which answers every request after SIM_LATENCY ms.
// Every run is a new browser context (no HTTP cache, no service worker, nothing warm but the browser
// process), in Chromium; the provider keeps its defaults (cross-tab on: one tab leads at once). The page records, on performance.now()'s clock:
//   mount       just before `root.render(<TicketChat>)` (the token is read before it)
//   first row   when a message row (`[data-message-key]`) is first in the DOM with a non-empty box
//               (a MutationObserver; the frame that paints it follows)
//   first poll  when the thread's first poll answer had arrived (resource timing): the rest of
//               "mount → first row" is the page's own work (scripts, chunks, rendering)
// Reported: median of RUNS for "mount → first row" and "navigation start → first row", per build, per
// thread length (30 messages: plain list; 1,000: the virtualized list), per static-file latency (0 ms:
// files from a nearby cache; 50 ms: as far away as the API), interleaved run by run; and the script bytes
// (minified, not compressed) that had arrived by the first row.
//
// `node bench/firstMessage.mjs [--dist dist[=label]]… [--runs 9]`, e.g.
//   node bench/firstMessage.mjs --dist /tmp/base/dist=TicketChat --dist dist='lazy-thread build'
// Without --dist: this repository's dist/ (labelled "TicketChat").

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startServer } from './requests.mjs';
import { launchChromium, median } from './shared/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench/.tmp/first-message');
export const SIM_LATENCY = 50;
export const THREADS = [
  { id: 'thread-30', messages: 30 },
  { id: 'thread-1000', messages: 1000 },
];
export const STATIC_LATENCIES = [0, 50];

const entryCode = (dist) => `
import { createRoot } from 'react-dom/client';
import { TicketChat, TicketChatProvider, createTicketChatClient } from ${JSON.stringify(path.join(dist, 'index.js'))};

const params = new URLSearchParams(location.search);
const caseId = params.get('thread');
const seen = () => {
  for (const row of document.querySelectorAll('[data-message-key]')) {
    const box = row.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return true;
  }
  return false;
};
const { token } = await (await fetch('/bench-config.json')).json();
const client = createTicketChatClient({ endpoint: location.origin + '/osm', token });
const container = document.getElementById('root');
const observer = new MutationObserver(() => {
  if (window.benchFirstRow === undefined && seen()) {
    window.benchFirstRow = performance.now();
    observer.disconnect();
  }
});
// Attribute changes too: a row that gets its box through a class or style change counts when it does.
observer.observe(container, { childList: true, subtree: true, attributes: true });
window.benchMount = performance.now();
createRoot(container).render(
  <TicketChatProvider client={client}>
    <TicketChat caseId={caseId} intervalMs={3000} />
  </TicketChatProvider>,
);
`;

const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>time to first message</title>
    <link rel="stylesheet" href="./styles.css" />
    <style>
      html, body { margin: 0; font: 14px system-ui, sans-serif; }
      #root { width: 720px; height: 600px; display: flex; flex-direction: column; }
      #root > * { flex: 1 1 auto; min-height: 0; }
    </style>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./entry.js"></script>
  </body>
</html>
`;

/** Bundles the page of one build into `<out>/<i>/`; returns its directory name. */
async function buildPage(dist, i) {
  const dir = path.join(out, String(i));
  await mkdir(dir, { recursive: true });
  const entry = path.join(dir, 'entry.jsx');
  await writeFile(entry, entryCode(dist));
  await build({
    entryPoints: { entry },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    jsx: 'automatic',
    outdir: dir,
    // A dist outside the repository (e.g. /tmp/base/dist) finds React and React Query here.
    nodePaths: [path.join(root, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty' },
    logLevel: 'silent',
    legalComments: 'none',
  });
  await writeFile(path.join(dir, 'index.html'), html);
  await writeFile(path.join(dir, 'styles.css'), await readFile(path.join(dist, 'styles.css')));
  return String(i);
}

async function oneRun(browser, srv, { page: pageDir, thread }) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${srv.base}/${pageDir}/index.html?thread=${thread}`);
  await page.waitForFunction(() => window.benchFirstRow !== undefined, null, { timeout: 30_000 });
  const t = await page.evaluate(() => ({
    mount: window.benchMount,
    firstRow: window.benchFirstRow,
    // Script files that had arrived by the first row (resource timing; the server does not compress).
    jsBytes: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js') && e.responseEnd <= window.benchFirstRow)
      .reduce((s, e) => s + e.encodedBodySize, 0),
    // The first poll of the thread (not the unread batch): when its answer had arrived.
    pollEnd: performance
      .getEntriesByType('resource')
      .find((e) => new URL(e.name).pathname.endsWith('/cases/instant-messages'))?.responseEnd,
  }));
  await context.close();
  return {
    fromMount: t.firstRow - t.mount,
    fromNavigation: t.firstRow,
    pollAnswered: (t.pollEnd ?? Number.NaN) - t.mount,
    jsBytes: t.jsBytes,
  };
}

/**
 * `builds`: [{ dist, label }]. Returns one row per (build, thread, static latency) with the medians.
 */
export async function runFirstMessage({ builds, runs = 9, log = () => {} }) {
  await rm(out, { recursive: true, force: true });
  const pages = [];
  for (const [i, b] of builds.entries()) pages.push({ ...b, page: await buildPage(path.resolve(b.dist), i) });
  const rows = [];
  const load = [];
  const browser = await launchChromium();
  try {
    for (const staticLatency of STATIC_LATENCIES) {
      const srv = await startServer(out, { staticLatencyMs: staticLatency });
      srv.model.injectFault({ kind: 'latency', ms: SIM_LATENCY }, { times: 1e9 });
      try {
        const samples = new Map();
        const key = (p, t) => `${p.page}/${t.id}`;
        // One warm-up per page (the browser process, not the page: every run has a fresh context).
        for (const p of pages) await oneRun(browser, srv, { page: p.page, thread: THREADS[0].id });
        for (let run = 0; run < runs; run++) {
          for (const thread of THREADS) {
            for (const p of pages) {
              const k = key(p, thread);
              if (!samples.has(k)) samples.set(k, []);
              samples.get(k).push(await oneRun(browser, srv, { page: p.page, thread: thread.id }));
              load.push(os.loadavg()[0]);
            }
          }
        }
        for (const thread of THREADS) {
          for (const p of pages) {
            const s = samples.get(key(p, thread));
            rows.push({
              label: p.label,
              dist: p.dist,
              thread: thread.messages,
              staticLatency,
              fromMount: median(s.map((x) => x.fromMount)),
              fromNavigation: median(s.map((x) => x.fromNavigation)),
              pollAnswered: median(s.map((x) => x.pollAnswered)),
              jsBytes: median(s.map((x) => x.jsBytes)),
              runs: s.length,
              fromMountRange: [
                Math.min(...s.map((x) => x.fromMount)),
                Math.max(...s.map((x) => x.fromMount)),
              ],
            });
          }
        }
        log(`first message: static files at ${staticLatency} ms`);
      } finally {
        srv.server.close();
      }
    }
  } finally {
    await browser.close();
  }
  return { simLatency: SIM_LATENCY, runs, builds: pages, rows, load };
}

const ms = (x) => `${Math.round(x)} ms`;

export function firstMessageTable(r) {
  const lines = [
    `| build | thread | static files | mount → first row (median of ${r.runs}) | min–max | mount → first poll answered | navigation → first row | JS arrived by then (min) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of r.rows) {
    lines.push(
      `| ${row.label} | ${row.thread.toLocaleString('en-US')} messages | ${row.staticLatency} ms | **${ms(row.fromMount)}** | ${ms(row.fromMountRange[0])}–${ms(row.fromMountRange[1])} | ${ms(row.pollAnswered)} | ${ms(row.fromNavigation)} | ${(row.jsBytes / 1000).toFixed(1)} kB |`,
    );
  }
  lines.push(
    '',
    `Builds: ${r.builds.map((b) => `${b.label} = \`${b.dist}\``).join('; ')}. Load average (1 min) during the runs: ${Math.min(...r.load).toFixed(2)}–${Math.max(...r.load).toFixed(2)} on ${os.cpus().length} cores.`,
  );
  return lines.join('\n');
}

/** `--dist dir[=label]` values → builds; the first unlabelled one is "TicketChat", the second "lazy-thread build". */
export function parseBuilds(values) {
  const defaults = ['TicketChat', 'lazy-thread build'];
  return (values.length ? values : [path.join(root, 'dist')]).map((v, i) => {
    const at = v.indexOf('=');
    return at < 0
      ? { dist: v, label: defaults[i] ?? `build ${i + 1}` }
      : { dist: v.slice(0, at), label: v.slice(at + 1) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', multiple: true, default: [] },
      runs: { type: 'string', default: '9' },
    },
  });
  const r = await runFirstMessage({
    builds: parseBuilds(values.dist),
    runs: Number(values.runs),
    log: console.error,
  });
  console.log(firstMessageTable(r));
}
