// Size budget check that reads `.size-limit.json` (size-limit's own format: path, import, ignore, limit,
// gzip) and measures it the way bench/size.mjs does: esbuild with code splitting, first-load chunks only
// (chunks behind a dynamic import() are not part of the first load), min+gzip. Entries without `import`
// are measured as the file itself, gzipped. Exits 1 when an entry passes its limit.
//
// Why not size-limit itself: size-limit 13+ needs Node 22 (`fs/promises.glob`) and this project runs on
// Node 20; size-limit 12's esbuild preset has no code splitting, so it would count the lazy virtualizer
// and cross-tab chunks as first load. The same .size-limit.json works with `npx size-limit` on Node 22+.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

let failed = 0;
for (const [i, check] of config.entries()) {
  const file = path.join(root, check.path);
  let size;
  let note = '';
  if (check.import) {
    const names = check.import.replace(/[{}]/g, '').trim();
    const code = `import ${check.import} from ${JSON.stringify(file)};\nconsole.log(${names});`;
    const r = await measureJs(
      { code, external: check.ignore ?? [] },
      path.join(root, 'bench/.tmp/size-budget', String(i)),
    );
    size = r.firstGz;
    if (r.lazyGz) note = ` (+ ${(r.lazyGz / 1000).toFixed(2)} kB lazy, loaded on demand)`;
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
