// Size budget check that reads `.size-limit.json` (size-limit's own format: path, import, ignore, limit,
// gzip): first-load chunks only (chunks behind a dynamic import() are not part of the first load),
// min+gzip. Entries without `import` are measured as the file itself, gzipped. Exits 1 when an entry passes
// its limit.
//
// The limit holds for Rolldown (the bundler of Vite, splitting by what each chunk uses, as webpack does).
// The esbuild figure (bench/size.mjs's measure, the one that compares peers) is printed beside it: esbuild
// gives a chunk to every FILE that a lazy chunk uses and the entry reaches through any static import, so a
// lazy module the root index re-exports (MessageThread, useInstantMessages, …) counts as first load there.
//
// Why not size-limit itself: size-limit 13+ needs Node 22 (`fs/promises.glob`) and this project runs on
// Node 20; size-limit 12's esbuild preset has no code splitting, so it would count the lazy virtualizer
// and cross-tab chunks as first load. The same .size-limit.json works with `npx size-limit` on Node 22+.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { gz, measureJs } from './size.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(await readFile(path.join(root, '.size-limit.json'), 'utf8'));

function parseLimit(limit) {
  if (limit === undefined) return undefined;
  const m = String(limit)
    .trim()
    .match(/^([\d.]+)\s*(B|kB|KB|KiB|MB)?$/);
  if (!m) throw new Error(`.size-limit.json: cannot read limit "${limit}"`);
  const unit = { B: 1, kB: 1000, KB: 1000, KiB: 1024, MB: 1e6 }[m[2] ?? 'B'];
  return Number(m[1]) * unit;
}

/** First-load and lazy min+gzip bytes of `code` bundled by Rolldown (minified, ESM, `external` kept out). */
async function measureRolldown(code, external, dir) {
  await mkdir(dir, { recursive: true });
  const input = path.join(dir, 'entry.mjs');
  await writeFile(input, code);
  const bundle = await rolldown({
    input,
    external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'es', minify: true });
  await bundle.close();
  const chunks = new Map(output.filter((o) => o.type === 'chunk').map((o) => [o.fileName, o]));
  const first = new Set();
  const stack = [output.find((o) => o.type === 'chunk' && o.isEntry).fileName];
  while (stack.length) {
    const name = stack.pop();
    if (first.has(name)) continue;
    first.add(name);
    for (const imported of chunks.get(name).imports) if (chunks.has(imported)) stack.push(imported);
  }
  let firstGz = 0;
  let lazyGz = 0;
  for (const [name, chunk] of chunks) {
    const size = gzipSync(chunk.code, { level: 9 }).length;
    if (first.has(name)) firstGz += size;
    else lazyGz += size;
  }
  return { firstGz, lazyGz };
}

let failed = 0;
for (const [i, check] of config.entries()) {
  const file = path.join(root, check.path);
  let size;
  let note = '';
  if (check.import) {
    const names = check.import.replace(/[{}]/g, '').trim();
    const code = `import ${check.import} from ${JSON.stringify(file)};\nconsole.log(${names});`;
    const external = check.ignore ?? [];
    const dir = path.join(root, 'bench/.tmp/size-budget', String(i));
    const r = await measureRolldown(code, external, path.join(dir, 'rolldown'));
    const e = await measureJs({ code, external }, path.join(dir, 'esbuild'));
    size = r.firstGz;
    const kB = (n) => `${(n / 1000).toFixed(2)} kB`;
    note = ` (+ ${kB(r.lazyGz)} lazy, loaded on demand; esbuild: ${kB(e.firstGz)} + ${kB(e.lazyGz)} lazy)`;
  } else {
    size = gz(await readFile(file));
  }
  const limit = parseLimit(check.limit);
  const over = limit !== undefined && size > limit;
  if (over) failed++;
  const status =
    limit === undefined ? 'reported' : over ? `OVER the ${check.limit} limit` : `within ${check.limit}`;
  console.log(
    `${over ? '✖' : '✔'} ${check.name}\n    ${(size / 1000).toFixed(2)} kB min+gzip${note}: ${status}`,
  );
}
if (failed) {
  console.error(`\n${failed} size budget(s) exceeded`);
  process.exit(1);
}
