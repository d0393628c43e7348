// Where a first load's weight is: for one `.size-limit.json` check (default the first), each dist module of the
// first-load chunks with its rendered bytes (before minifying) and the min+gzip bytes the first load would lose
// without it (the module replaced by a stub of its exports, so what only it imports leaves too). Run after
// `npm run build`:
//   node bench/size-modules.mjs [check index] [how many rows, default 30]
// Bundled as bench/size-budget.mjs limits it, by the same function (bench/size.mjs's measureRolldown): Rolldown,
// code splitting, peers external, gzip -9 of the first-load chunks.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureRolldown } from './size.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(await readFile(path.join(root, '.size-limit.json'), 'utf8'));
const check = config[Number(process.argv[2] ?? 0)];
const rows = Number(process.argv[3] ?? 30);
if (!check?.import) throw new Error('pick a .size-limit.json check that has an `import`');
const names = check.import.replace(/[{}]/g, '').trim();
const code = `import ${check.import} from ${JSON.stringify(path.join(root, check.path))};\nconsole.log(${names});`;
const external = check.ignore ?? [];
const dir = path.join(root, 'bench/.tmp/size-modules');

/** A module's export names, read from the `export { … }` statements the dist build writes. */
async function stubOf(file) {
  const source = await readFile(file, 'utf8');
  const exported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) =>
    m[1]
      .split(',')
      .map((part) =>
        part
          .trim()
          .split(/\s+as\s+/)
          .pop(),
      )
      .filter(Boolean),
  );
  return exported.map((name) => `export const ${name} = () => null;`).join('\n');
}

/** First-load min+gzip bytes and each first-load module's rendered bytes, with `stubbed` replaced. */
async function firstLoad(stubbed) {
  const stub = {
    name: 'stub',
    load: async (id) => (id === stubbed ? { code: await stubOf(id), moduleSideEffects: false } : undefined),
  };
  const { firstGz, modules } = await measureRolldown({ code, external, dir, plugins: [stub] });
  return { gz: firstGz, modules };
}

const base = await firstLoad(undefined);
console.log(`${check.name}\nfirst load ${(base.gz / 1000).toFixed(2)} kB min+gzip\n`);
console.log('rendered B  gzip B saved without it  module');
const measured = [];
for (const [input, min] of base.modules) {
  const file = input;
  if (!file.startsWith(path.join(root, 'dist')) || min === 0) continue;
  measured.push({ input: path.relative(root, file), min, saved: base.gz - (await firstLoad(file)).gz });
}
measured.sort((a, b) => b.saved - a.saved);
for (const m of measured.slice(0, rows))
  console.log(`${String(m.min).padStart(10)}  ${String(m.saved).padStart(20)}  ${m.input}`);
