// Time to first message: how long a cold page takes to show the first message row of a `<TicketChat>`,
// for the build as shipped (its thread and composer in a lazy chunk) and for the same source with the
// thread in the first load (bench/builds.mjs): whether the lazy chunk delays the first rows.
//
// Each library build (a `dist/` directory) is bundled into a page the way a portal's production build
// would bundle it (esbuild: bundle, minify, ESM, code splitting, so the build's own lazy chunks stay lazy
// chunks of the page; React and React Query bundled in, as the portal has them, one copy each: this
// repository's node_modules, checked), and those files are served over HTTP by Node beside the simulator,
// which answers every request after SIM_LATENCY ms.
// Every run is a new browser context (no HTTP cache, no service worker, nothing warm but the browser
// process), in Chromium; the provider keeps its defaults (cross-tab on: one tab leads at once). The page records, on performance.now()'s clock:
//   mount       just before `root.render(<TicketChat>)` (the token is read before it)
//   first row   when a message row (`[data-message-key]`) is first in the DOM with a non-empty box
//               (a MutationObserver; the frame that paints it follows), and the keys of the rows with a
//               box then (both builds must show the same)
//   first poll  when the thread's first poll answer had arrived (resource timing): the rest of
//               "mount → first row" is the page's own work (scripts, chunks, rendering)
// Reported: median of RUNS for "mount → first row" and "navigation start → first row", per build, per
// thread length (30 messages: plain list; 1,000: the virtualized list), per static-file latency (0 ms:
// files from a nearby cache; 50 ms: as far away as the API), interleaved run by run (each run starts with
// the other build); the script files and bytes (minified, not compressed) that had arrived by the first
// row. With two builds, a difference row per thread and latency: the median of the per-run differences
// (first build − second, the two runs of one round paired). Below the table, each page's first load
// (esbuild's metafile: the entry and the chunks it imports statically) and where the chat chunk is.
//
// `node bench/firstMessage.mjs [--dist dist[=label]]… [--runs 9]`. Without --dist: builds this source
// twice (bench/builds.mjs), "lazy thread (as shipped)" and "eager thread". With --dist, those dist/
// directories as they are, e.g.
//   node bench/firstMessage.mjs --dist /tmp/base/dist=TicketChat --dist dist='lazy-thread build'

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildPair } from './builds.mjs';
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
const hasBox = (row) => {
  const box = row.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
};
const seen = () => {
  for (const row of document.querySelectorAll('[data-message-key]')) if (hasBox(row)) return true;
  return false;
};
const { token } = await (await fetch('/bench-config.json')).json();
const client = createTicketChatClient({ endpoint: location.origin + '/osm', token });
const container = document.getElementById('root');
const observer = new MutationObserver(() => {
  if (window.benchFirstRow === undefined && seen()) {
    window.benchFirstRow = performance.now();
    // After the timestamp: which rows those are (the builds are compared on them).
    window.benchRows = [...document.querySelectorAll('[data-message-key]')]
      .filter(hasBox)
      .map((row) => row.getAttribute('data-message-key'));
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

// Packages a page must hold one copy of (a second React breaks hooks; a second React Query, the provider).
const SINGLE_COPY = ['react', 'react-dom', 'scheduler', '@tanstack/react-query', '@tanstack/query-core'];

/**
 * What esbuild put in a page (its metafile): the first load (the entry and the chunks it imports
 * statically, transitively), the chunks behind an `import()`, where the build's chat chunk module
 * (components/TicketChat/TicketChat.js) went, and the package directories React and React Query came from.
 */
async function pageShape(metafile, dir) {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
  // (esbuild also names the targets of `import()` entry points.)
  const entry = outputs.find(([, o]) => o.entryPoint?.endsWith('/entry.jsx'))?.[0];
  const firstLoad = new Set([entry]);
  for (const file of firstLoad) {
    for (const i of metafile.outputs[file].imports) if (i.kind === 'import-statement') firstLoad.add(i.path);
  }
  const chat = outputs.find(([, o]) =>
    Object.keys(o.inputs).some((input) => input.endsWith('/components/TicketChat/TicketChat.js')),
  )?.[0];
  const gzip = async (file) => gzipSync(await readFile(path.join(root, file)), { level: 9 }).length;
  const sum = async (files) => {
    let bytes = 0;
    let gzipped = 0;
    for (const file of files) {
      bytes += metafile.outputs[file].bytes;
      gzipped += await gzip(file);
    }
    return { files: files.length, bytes, gzip: gzipped };
  };
  const copies = new Map(SINGLE_COPY.map((name) => [name, new Set()]));
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules)\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m && copies.has(m[2])) copies.get(m[2]).add(path.resolve(root, m[1], m[2]));
  }
  const lazyFiles = outputs.map(([file]) => file).filter((file) => !firstLoad.has(file));
  return {
    dir: path.relative(root, dir),
    firstLoad: await sum([...firstLoad]),
    lazy: await sum(lazyFiles),
    chat: chat && {
      file: path.basename(chat),
      inFirstLoad: firstLoad.has(chat),
      separate: chat !== entry,
      bytes: metafile.outputs[chat].bytes,
    },
    copies: Object.fromEntries([...copies].map(([name, dirs]) => [name, [...dirs]])),
  };
}

/** Bundles the page of one build into `<out>/<i>/`; returns its directory name and shape. */
async function buildPage(dist, i) {
  const dir = path.join(out, String(i));
  await mkdir(dir, { recursive: true });
  const entry = path.join(dir, 'entry.jsx');
  await writeFile(entry, entryCode(dist));
  const { metafile } = await build({
    entryPoints: { entry },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    jsx: 'automatic',
    outdir: dir,
    absWorkingDir: root,
    metafile: true,
    // A dist outside the repository (e.g. /tmp/base/dist) finds React and React Query here.
    nodePaths: [path.join(root, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty' },
    logLevel: 'silent',
    legalComments: 'none',
  });
  await writeFile(path.join(dir, 'index.html'), html);
  await writeFile(path.join(dir, 'styles.css'), await readFile(path.join(dist, 'styles.css')));
  const shape = await pageShape(metafile, dir);
  for (const [name, dirs] of Object.entries(shape.copies)) {
    const only = path.join(root, 'node_modules', name);
    if (dirs.length > 1 || (dirs.length === 1 && dirs[0] !== only)) {
      throw new Error(`${dist}: its page has ${name} from ${dirs.join(', ')} (expected only ${only})`);
    }
  }
  if (shape.copies.react.length !== 1 || shape.copies['react-dom'].length !== 1) {
    throw new Error(`${dist}: its page has no React from ${path.join(root, 'node_modules')}`);
  }
  return { page: String(i), shape };
}

/** The default pair must be what it claims: the chat chunk lazy in one, in the entry file in the other. */
function checkPair(pages) {
  const lazy = pages.find((p) => p.key === 'lazy');
  const eager = pages.find((p) => p.key === 'eager');
  if (!lazy || !eager) return;
  if (!lazy.shape.chat || lazy.shape.chat.inFirstLoad) {
    throw new Error(`${lazy.label}: the chat chunk is not a lazy chunk of its page`);
  }
  if (!eager.shape.chat || eager.shape.chat.separate || !eager.shape.chat.inFirstLoad) {
    throw new Error(`${eager.label}: the thread is not in its page's entry file`);
  }
}

async function oneRun(browser, srv, { page: pageDir, thread }) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${srv.base}/${pageDir}/index.html?thread=${thread}`);
  await page.waitForFunction(() => window.benchFirstRow !== undefined, null, { timeout: 30_000 });
  const t = await page.evaluate(() => {
    // Script files that had arrived by the first row (resource timing; the server does not compress).
    const scripts = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js') && e.responseEnd <= window.benchFirstRow);
    return {
      mount: window.benchMount,
      firstRow: window.benchFirstRow,
      rows: window.benchRows.join('\n'),
      jsFiles: scripts.length,
      jsBytes: scripts.reduce((s, e) => s + e.encodedBodySize, 0),
      // The first poll of the thread (not the unread batch): when its answer had arrived.
      pollEnd: performance
        .getEntriesByType('resource')
        .find((e) => new URL(e.name).pathname.endsWith('/cases/instant-messages'))?.responseEnd,
    };
  });
  await context.close();
  return {
    fromMount: t.firstRow - t.mount,
    fromNavigation: t.firstRow,
    pollAnswered: (t.pollEnd ?? Number.NaN) - t.mount,
    jsFiles: t.jsFiles,
    jsBytes: t.jsBytes,
    rows: t.rows,
  };
}

const MEASURES = ['fromMount', 'fromNavigation', 'pollAnswered', 'jsFiles', 'jsBytes'];
const range = (xs) => [Math.min(...xs), Math.max(...xs)];

/**
 * `builds`: [{ dist, label }] (default: the lazy and eager builds of this source, bench/builds.mjs).
 * Returns one row per (build, thread, static latency) with the medians; with two builds, after each pair
 * of rows a difference row (first − second) with the medians of the per-run differences.
 */
export async function runFirstMessage({ builds, runs = 9, log = () => {} }) {
  builds ??= await buildPair({ log });
  await rm(out, { recursive: true, force: true });
  const pages = [];
  for (const [i, b] of builds.entries()) pages.push({ ...b, ...(await buildPage(path.resolve(b.dist), i)) });
  checkPair(pages);
  const paired = pages.length === 2;
  const rows = [];
  const load = [];
  // Rounds in which both builds showed the same rows at their first row, of all rounds.
  const sameRows = { same: 0, of: 0, differing: [] };
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
          // Each run starts with the next build: with two, they alternate going first.
          const order = pages.map((_, i) => pages[(i + run) % pages.length]);
          for (const thread of THREADS) {
            for (const p of order) {
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
              ...Object.fromEntries(MEASURES.map((m) => [m, median(s.map((x) => x[m]))])),
              runs: s.length,
              fromMountRange: range(s.map((x) => x.fromMount)),
            });
          }
          if (!paired) continue;
          const [a, b] = pages.map((p) => samples.get(key(p, thread)));
          const diff = (m) => a.map((x, i) => x[m] - b[i][m]);
          rows.push({
            label: `${pages[0].key ?? pages[0].label} − ${pages[1].key ?? pages[1].label}`,
            difference: true,
            thread: thread.messages,
            staticLatency,
            ...Object.fromEntries(MEASURES.map((m) => [m, median(diff(m))])),
            runs: a.length,
            fromMountRange: range(diff('fromMount')),
          });
          for (const [i, x] of a.entries()) {
            sameRows.of++;
            if (x.rows === b[i].rows) sameRows.same++;
            else sameRows.differing.push({ thread: thread.messages, staticLatency, run: i });
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
  return {
    simLatency: SIM_LATENCY,
    runs,
    builds: pages.map(({ page, ...p }) => p),
    rows,
    load,
    sameRows: paired ? sameRows : undefined,
  };
}

const ms = (x) => `${Math.round(x)} ms`;
const kB = (x) => `${(x / 1000).toFixed(1)} kB`;
const signed = (x, unit) => {
  const text = unit(Math.abs(x));
  return x === 0 || text === unit(0) ? text : `${x > 0 ? '+' : '−'}${text}`;
};
const shortPath = (p) => (path.resolve(p).startsWith(`${root}/`) ? path.relative(root, path.resolve(p)) : p);
const files = (n) => `${n} file${n === 1 ? '' : 's'}`;

function shapeLine(b) {
  const { firstLoad, lazy, chat } = b.shape;
  const where = !chat
    ? 'no components/TicketChat/TicketChat.js in it'
    : chat.inFirstLoad
      ? chat.separate
        ? `the thread in a separate first-load chunk (${chat.file}, ${kB(chat.bytes)})`
        : 'the thread in the entry file (no separate chat chunk)'
      : `the thread in a lazy chunk (${chat.file}, ${kB(chat.bytes)})`;
  return `- ${b.label}: first load ${files(firstLoad.files)}, **${kB(firstLoad.bytes)}** minified (${kB(firstLoad.gzip)} gzip); ${files(lazy.files)} behind an \`import()\` (${kB(lazy.bytes)}); ${where}. React, React DOM, React Query: one copy each, \`node_modules/\` of this repository.`;
}

export function firstMessageTable(r) {
  const lines = [
    `| build | thread | static files | mount → first row (median of ${r.runs}) | min–max | mount → first poll answered | navigation → first row | JS arrived by then (minified) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of r.rows) {
    const cells = row.difference
      ? [
          `*${row.label}*`,
          `**${signed(row.fromMount, ms)}**`,
          `${signed(row.fromMountRange[0], ms)} to ${signed(row.fromMountRange[1], ms)}`,
          signed(row.pollAnswered, ms),
          signed(row.fromNavigation, ms),
          `${signed(row.jsFiles, String)} file${Math.abs(row.jsFiles) === 1 ? '' : 's'}, ${signed(row.jsBytes, kB)}`,
        ]
      : [
          row.label,
          `**${ms(row.fromMount)}**`,
          `${ms(row.fromMountRange[0])}–${ms(row.fromMountRange[1])}`,
          ms(row.pollAnswered),
          ms(row.fromNavigation),
          `${files(row.jsFiles)}, ${kB(row.jsBytes)}`,
        ];
    const [label, ...rest] = cells;
    lines.push(
      `| ${label} | ${row.thread.toLocaleString('en-US')} messages | ${row.staticLatency} ms | ${rest.join(' | ')} |`,
    );
  }
  lines.push('', 'Pages (esbuild metafile):', ...r.builds.map(shapeLine));
  if (r.sameRows) {
    const { same, of, differing } = r.sameRows;
    lines.push(
      `- Rows at the first row: the same message keys in both builds in ${same} of ${of} paired runs${
        differing.length
          ? ` (differing: ${differing.map((d) => `${d.thread} messages, ${d.staticLatency} ms, run ${d.run + 1}`).join('; ')})`
          : ''
      }.`,
    );
  }
  lines.push(
    '',
    `Builds: ${r.builds.map((b) => `${b.label} = \`${shortPath(b.dist)}\``).join('; ')}. Load average (1 min) during the runs: ${Math.min(...r.load).toFixed(2)}–${Math.max(...r.load).toFixed(2)} on ${os.cpus().length} cores.`,
  );
  return lines.join('\n');
}

/**
 * `--dist dir[=label]` values → builds; the first unlabelled one is "TicketChat", the second "lazy-thread
 * build". None: undefined (runFirstMessage builds the lazy and eager pair).
 */
export function parseBuilds(values) {
  if (!values.length) return undefined;
  const defaults = ['TicketChat', 'lazy-thread build'];
  return values.map((v, i) => {
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
