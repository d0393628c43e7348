// Rendering in real Chromium: ticket-chat's MessageThread vs chatscope's MessageList, same data,
// same 720×600 container, production builds. Per library: one warm-up pass (JIT, and our lazily
// loaded virtualizer chunk, as on any page after its first long thread), then RUNS passes; medians.

import { launchChromium, median, serveStatic } from '../shared/chromium.mjs';
import { buildRenderPages, LIBS } from './build.mjs';

export const SIZES = [1_000, 5_000, 10_000];

export async function runRender({ runs = 5, log = () => {} } = {}) {
  const dir = await buildRenderPages();
  const { server, url } = await serveStatic(dir);
  const browser = await launchChromium();
  const results = {};
  try {
    for (const lib of LIBS) {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${url}/${lib.id}.html`);
      await page.waitForFunction(() => window.benchReady === true);
      const call = (fn, arg) => page.evaluate(([f, a]) => window.bench[f](a), [fn, arg]);
      const settle = () => page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
      // Warm-up.
      await call('mount', 5_000);
      await settle();
      await call('append');
      await call('reset');
      const r = {
        mount: Object.fromEntries(SIZES.map((n) => [n, []])),
        append: [],
        appendRows: [],
        appendSmall: [],
        appendSmallRows: [],
        mountDomRows: {},
      };
      for (let run = 0; run < runs; run++) {
        // 5,000 last: the append runs on that mount, after it settled.
        for (const n of [1_000, 10_000, 5_000]) {
          await call('reset');
          const m = await call('mount', n);
          r.mount[n].push(m.ms);
          r.mountDomRows[n] = m.domRows;
          await settle();
        }
        const a = await call('append');
        r.append.push(a.ms);
        r.appendRows.push(a.rows);
        // A short thread (below our 200-row virtualization threshold): every row is in the DOM.
        await call('reset');
        await call('mount', 150);
        await settle();
        const s = await call('append');
        r.appendSmall.push(s.ms);
        r.appendSmallRows.push(s.rows);
        log(`render ${lib.id} run ${run + 1}/${runs}`);
      }
      await page.close();
      if (errors.length) throw new Error(`${lib.id} page errors: ${errors.join('; ')}`);
      results[lib.id] = {
        mount: Object.fromEntries(SIZES.map((n) => [n, median(r.mount[n])])),
        mountDomRows: r.mountDomRows,
        append: median(r.append),
        appendRows: median(r.appendRows),
        appendRowsAll: r.appendRows,
        appendSmall: median(r.appendSmall),
        appendSmallRows: median(r.appendSmallRows),
        raw: r,
      };
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { runs, results };
}

const fmt = (ms) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
const ratio = (a, b) =>
  `${(a / b).toPrecision(2)}× (${a <= b ? `${(b / a).toPrecision(3)}× less` : `${(a / b).toPrecision(3)}× more`})`;

export function renderTable({ runs, results }) {
  const ours = results.ours;
  const peer = results.chatscope;
  const lines = [
    `| Scenario (median of ${runs}) | ticket-chat MessageThread | chatscope MessageList | ours / chatscope |`,
    '| --- | ---: | ---: | ---: |',
  ];
  for (const n of SIZES) {
    lines.push(
      `| Mount ${n.toLocaleString('en-US')} messages | ${fmt(ours.mount[n])} | ${fmt(peer.mount[n])} | ${ratio(ours.mount[n], peer.mount[n])} |`,
    );
  }
  lines.push(
    `| Append 1 message to 5,000 | ${fmt(ours.append)} | ${fmt(peer.append)} | ${ratio(ours.append, peer.append)} |`,
  );
  lines.push(
    `| Row components rendered on that append | ${ours.appendRows} | ${peer.appendRows} | ${ratio(ours.appendRows, peer.appendRows)} |`,
  );
  lines.push(
    `| Append 1 message to 150 (no virtualization) | ${fmt(ours.appendSmall)} | ${fmt(peer.appendSmall)} | ${ratio(ours.appendSmall, peer.appendSmall)} |`,
  );
  lines.push(
    `| Row components rendered on that append | ${ours.appendSmallRows} | ${peer.appendSmallRows} | ${ratio(ours.appendSmallRows, peer.appendSmallRows)} |`,
  );
  lines.push(
    `| Rows in the DOM after mounting 10,000 | ${ours.mountDomRows[10_000]} | ${peer.mountDomRows[10_000]} | — |`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runRender({ runs: Number(process.env.RUNS ?? 5), log: console.log });
  console.log(renderTable(out));
  console.log(JSON.stringify(out.results, (k, v) => (k === 'raw' ? undefined : v), 1));
}
