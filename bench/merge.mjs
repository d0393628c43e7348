// Merge cost: add 10 new messages to threads of 1,000 / 10,000 / 100,000 with the real `mergePoll`
// (src/query/threadEntry.ts, bundled by esbuild to bench/.tmp). Each sample merges into the entry the
// previous sample produced (the production path: a plain entry, found by binary search); the thread is
// rebuilt outside the timed region whenever it has grown by 10%, so every sample sees N..1.1N messages.
import { Bench } from 'tinybench';
import { importBundled } from './shared/bundle.mjs';
import { makeMessage, makeThread } from './shared/messages.mjs';

/** The O(n log n) approach DESIGN.md warns against, for scale: concat, de-duplicate by key, sort. */
function naiveMerge(messages, incoming) {
  const seen = new Set();
  const all = [];
  for (const m of [...messages, ...incoming]) {
    if (seen.has(m.key)) continue;
    seen.add(m.key);
    all.push(m);
  }
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function runMerge({ sizes = [1_000, 10_000, 100_000], time = 300 } = {}) {
  const { mergePoll } = await importBundled('src/query/threadEntry.ts', 'threadEntry.mjs');
  const mergeThread = (entry, result) => mergePoll(entry, { result, startedAt: 0 }).entry;
  const bench = new Bench({ time, iterations: 10, warmupTime: 100, warmupIterations: 5 });
  const info = [];
  for (const n of sizes) {
    const base = makeThread(n);
    const fresh = () =>
      mergeThread(undefined, {
        messages: base,
        statuses: [],
        cursor: String(base.at(-1).createdAt.getTime()),
      });
    let entry = fresh();
    let next = n;
    let batch = [];
    const prepare = () => {
      if (entry.server.length >= n * 1.1) {
        entry = fresh();
        next = n;
      }
      batch = Array.from({ length: 10 }, (_, j) => makeMessage(next + j));
      next += 10;
    };
    const poll = () => ({ messages: batch, statuses: [], cursor: String(batch.at(-1).createdAt.getTime()) });
    bench.add(
      `mergeThread +10 into ${n}`,
      () => {
        entry = mergeThread(entry, poll());
      },
      { beforeEach: prepare },
    );
    // A poll with nothing new (the common case): must return the same entry.
    let idle;
    bench.add(
      `mergeThread +0 into ${n}`,
      () => {
        idle = mergeThread(entry, { messages: [], statuses: [], cursor: entry.cursor });
      },
      { beforeEach: () => (entry = entry.server.length >= n * 1.1 ? fresh() : entry) },
    );
    // The floor: the one copy of the array an immutable append costs (React needs a new array).
    let copied;
    bench.add(`array concat +10 onto ${n}`, () => {
      copied = entry.server.concat(batch);
    });
    let naive = base;
    bench.add(
      `naive concat+dedupe+sort +10 into ${n}`,
      () => {
        naive = naiveMerge(naive, batch);
      },
      {
        beforeEach: () => {
          if (naive.length >= n * 1.1) naive = base;
          batch = Array.from({ length: 10 }, (_, j) => makeMessage(naive.length + j));
        },
      },
    );
    info.push({ n, check: () => idle === entry && copied !== entry.server });
  }
  await bench.run();
  const byName = new Map(bench.tasks.map((t) => [t.name, t.result]));
  const med = (name) => byName.get(name)?.latency?.p50 ?? Number.NaN;
  const samples = (name) =>
    byName.get(name)?.latency?.samplesCount ?? byName.get(name)?.latency?.samples?.length;
  return sizes.map((n) => ({
    n,
    plus10: med(`mergeThread +10 into ${n}`),
    plus10Samples: samples(`mergeThread +10 into ${n}`),
    plus0: med(`mergeThread +0 into ${n}`),
    copy: med(`array concat +10 onto ${n}`),
    naive: med(`naive concat+dedupe+sort +10 into ${n}`),
    sameEntryOnIdle: info.find((i) => i.n === n).check(),
  }));
}

const us = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

export function mergeTable(rows) {
  const first = rows[0];
  const lines = [
    '| Thread length | mergeThread +10 new (median) | vs 1,000 | one array copy alone (median) | mergeThread, nothing new (median) | same entry returned | naive concat+dedupe+sort +10 (median) |',
    '| ---: | ---: | ---: | ---: | ---: | :---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.n.toLocaleString('en-US')} | ${us(r.plus10)} | ${(r.plus10 / first.plus10).toFixed(1)}× | ${us(r.copy)} | ${us(r.plus0)} | ${r.sameEntryOnIdle ? 'yes' : 'NO'} | ${us(r.naive)} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runMerge();
  console.log(mergeTable(rows));
  console.log(rows);
}
