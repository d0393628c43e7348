// Size budget check that reads `.size-limit.json` (size-limit's own format: path, import, ignore, limit,
// gzip): first-load chunks only (chunks behind a dynamic import() are not part of the first load),
// min+gzip. Entries without `import` are measured as the file itself, gzipped. Exits 1 when an entry passes
// a limit.
//
// Each `import` entry is bundled twice, as a portal would, by bench/size.mjs's measureRolldown and
// measureEsbuild (the same functions as the bench's size table): with Rolldown (Vite's bundler, splitting by
// what each chunk uses) against `limit`, and with esbuild (code splitting on) against `esbuildLimit`. esbuild
// gives a chunk to every FILE that a lazy chunk uses and the entry reaches through any static import, so a
// file the root index re-exports and the lazy chat chunk uses (the hooks, AttachmentChip, the thread cache)
// counts as first load there even when unused. webpack (the bench's third bundler) is not a gate here: with
// terser it made this check take 7.8-9.8 s instead of about 1 s (the widget entry alone 3-5 s), and it must stay
// a few seconds.
//
// Why not size-limit itself: size-limit 13+ needs Node 22 (`fs/promises.glob`) and this project runs on
// Node 20; size-limit 12's esbuild preset has no code splitting, so it would count the lazy virtualizer
// and cross-tab chunks as first load. The same .size-limit.json works with `npx size-limit` on Node 22+
// (its `limit`; `esbuildLimit` is this script's).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gz, measureEsbuild, measureRolldown } from './size.mjs';

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

const kB = (n) => `${(n / 1000).toFixed(2)} kB`;

/** One measured figure against its ceiling: the line to print, and whether it passed it. */
function verdict(label, size, lazy, limitText) {
  const limit = parseLimit(limitText);
  const over = limit !== undefined && size > limit;
  const status =
    limit === undefined ? 'reported' : over ? `OVER the ${limitText} limit` : `within ${limitText}`;
  const rest = lazy === undefined ? '' : ` (+ ${kB(lazy)} lazy, loaded on demand)`;
  return { over, line: `    ${over ? '✖' : '✔'} ${label}${kB(size)} min+gzip${rest}: ${status}` };
}

let failed = 0;
for (const [i, check] of config.entries()) {
  const file = path.join(root, check.path);
  const results = [];
  if (check.import) {
    const names = check.import.replace(/[{}]/g, '').trim();
    const code = `import ${check.import} from ${JSON.stringify(file)};\nconsole.log(${names});`;
    const external = check.ignore ?? [];
    const dir = path.join(root, 'bench/.tmp/size-budget', String(i));
    const r = await measureRolldown({ code, external, dir: path.join(dir, 'rolldown') });
    const e = await measureEsbuild({ code, external, dir: path.join(dir, 'esbuild') });
    if (check.limit === undefined || check.esbuildLimit === undefined)
      throw new Error(`.size-limit.json: "${check.name}" needs a limit (Rolldown) and an esbuildLimit`);
    results.push(verdict('Rolldown: ', r.firstGz, r.lazyGz, check.limit));
    results.push(verdict('esbuild:  ', e.firstGz, e.lazyGz, check.esbuildLimit));
  } else {
    results.push(verdict('', gz(await readFile(file)), undefined, check.limit));
  }
  const over = results.some((result) => result.over);
  if (over) failed++;
  console.log(`${over ? '✖' : '✔'} ${check.name}\n${results.map((result) => result.line).join('\n')}`);
}
if (failed) {
  console.error(`\n${failed} size budget(s) exceeded`);
  process.exit(1);
}
