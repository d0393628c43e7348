// Where a first load's weight is: for one `.size-limit.json` check (default the first), each dist module of the
// first-load chunks with its minified bytes and the min+gzip bytes the first load would lose without it (the
// module replaced by a stub of its exports, so what only it imports leaves too). Run after `npm run build`:
//   node bench/size-modules.mjs [check index] [how many rows, default 30]
// Bundled as bench/size-budget.mjs limits it: Rolldown, code splitting, peers external, gzip -9 of the
// first-load chunks.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(await readFile(path.join(root, '.size-limit.json'), 'utf8'));
const check = config[Number(process.argv[2] ?? 0)];
const rows = Number(process.argv[3] ?? 30);
if (!check?.import) throw new Error('pick a .size-limit.json check that has an `import`');
const names = check.import.replace(/[{}]/g, '').trim();
const code = `import ${check.import} from ${JSON.stringify(path.join(root, check.path))};\nconsole.log(${names});`;
const external = [...(check.ignore ?? []), 'react/jsx-runtime', 'react-dom/client', 'scheduler'];

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

/** First-load min+gzip bytes and each first-load module's minified bytes, with `stubbed` replaced. */
async function firstLoad(stubbed) {
  const bundle = await rolldown({
    input: 'entry',
    external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
    logLevel: 'silent',
    plugins: [
      {
        name: 'entry-and-stub',
        resolveId: (id) => (id === 'entry' ? id : undefined),
        load: async (id) =>
          id === 'entry'
            ? code
            : id === stubbed
              ? { code: await stubOf(id), moduleSideEffects: false }
              : undefined,
      },
    ],
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
  let gz = 0;
  const modules = new Map();
  for (const name of first) {
    const chunk = chunks.get(name);
    gz += gzipSync(chunk.code, { level: 9 }).length;
    for (const [id, info] of Object.entries(chunk.modules)) modules.set(id, info.renderedLength);
  }
  return { gz, modules };
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
