// Bundle size: each row's entry bundled as a portal's production build would bundle it, by three bundlers
// (Rolldown: Vite 8's bundler; esbuild; webpack 5 with terser), each minifying, ESM, browser, code splitting
// so lazy chunks stay separate, the library's peers external; then gzip -9 of each output chunk.
// "First load" = the entry chunk plus every chunk it imports statically; chunks reached only through
// `import()` are reported apart as "lazy". CSS is minified by esbuild and gzipped the same way.
// `node bench/size.mjs` prints section (a) of bench/RESULTS.md alone (run `npm run build` first).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion } from 'esbuild';
import { rolldown, VERSION as rolldownVersion } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, 'bench/.tmp/size');

const REACT = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client', 'scheduler'];
const ALL = ['rolldown', 'esbuild', 'webpack'];

/**
 * What each row bundles. `external` = the library's peers (what the host app already has); `target` = the
 * first-load goal of issue 15 (min+gzip bytes). Every row is measured by the three bundlers.
 */
export const targets = [
  {
    name: 'ticket-chat: whole widget (TicketChat, CaseUnreadBadge, TicketChatProvider, createTicketChatClient)',
    short: 'ticket-chat widget',
    target: 15_000,
    code: `import { TicketChat, CaseUnreadBadge, TicketChatProvider, createTicketChatClient } from ${q('dist/index.js')};\nconsole.log(TicketChat, CaseUnreadBadge, TicketChatProvider, createTicketChatClient);`,
    external: [...REACT, '@tanstack/react-query'],
    css: ['dist/styles.css'],
  },
  {
    name: 'ticket-chat: client entry (ticket-chat/client: createTicketChatClient)',
    short: 'ticket-chat client',
    target: 4_000,
    code: `import { createTicketChatClient } from ${q('dist/client/index.js')};\nconsole.log(createTicketChatClient);`,
    external: [...REACT, '@tanstack/react-query'],
    css: [],
  },
  {
    name: 'ticket-chat: server entry (ticket-chat/server: createTicketChatProxy, toNodeHandler)',
    short: 'ticket-chat server',
    code: `import { createTicketChatProxy, toNodeHandler } from ${q('dist/server/index.js')};\nconsole.log(createTicketChatProxy, toNodeHandler);`,
    external: [...REACT, '@tanstack/react-query'],
    css: [],
  },
  {
    name: 'ticket-chat: badge only (CaseUnreadBadge, TicketChatProvider, createTicketChatClient)',
    short: 'ticket-chat badge',
    target: 8_000,
    code: `import { CaseUnreadBadge, TicketChatProvider, createTicketChatClient } from ${q('dist/index.js')};\nconsole.log(CaseUnreadBadge, TicketChatProvider, createTicketChatClient);`,
    external: [...REACT, '@tanstack/react-query'],
    css: [],
  },
  {
    name: 'ticket-chat: MessageThread alone (the rendering peer of chatscope MessageList)',
    short: 'ticket-chat MessageThread',
    code: `import { MessageThread } from ${q('dist/index.js')};\nconsole.log(MessageThread);`,
    external: [...REACT, '@tanstack/react-query'],
    css: ['dist/styles.css'],
  },
  {
    name: '@chatscope/chat-ui-kit-react: MessageList + Message + styles.min.css',
    short: 'chatscope',
    code: `import { MessageList, Message } from '@chatscope/chat-ui-kit-react';\nconsole.log(MessageList, Message);`,
    external: [...REACT, 'prop-types'],
    css: ['node_modules/@chatscope/chat-ui-kit-styles/dist/default/styles.min.css'],
  },
  {
    name: 'stream-chat-react: Chat + Channel + MessageList + dist/css/index.css (stream-chat external, it is a peer)',
    short: 'stream-chat-react',
    code: `import { Chat, Channel, MessageList } from 'stream-chat-react';\nconsole.log(Chat, Channel, MessageList);`,
    external: [
      ...REACT,
      'stream-chat',
      '@breezystack/lamejs',
      '@emoji-mart/data',
      'emoji-mart',
      'modern-normalize',
    ],
    css: ['node_modules/stream-chat-react/dist/css/index.css'],
  },
  {
    name: 'stream-chat-react + stream-chat (the same, with its required peer client bundled)',
    short: 'stream-chat-react + stream-chat',
    code: `import { Chat, Channel, MessageList } from 'stream-chat-react';\nimport { StreamChat } from 'stream-chat';\nconsole.log(Chat, Channel, MessageList, StreamChat);`,
    external: [...REACT, '@breezystack/lamejs', '@emoji-mart/data', 'emoji-mart', 'modern-normalize'],
    css: ['node_modules/stream-chat-react/dist/css/index.css'],
  },
];

function q(rel) {
  return JSON.stringify(path.join(root, rel));
}

export const gz = (buf) => gzipSync(buf, { level: 9 }).length;

const isExternal = (external, id) => external.some((name) => id === name || id.startsWith(`${name}/`));

const assets = {
  '.css': 'empty',
  '.svg': 'dataurl',
  '.png': 'dataurl',
  '.woff': 'empty',
  '.woff2': 'empty',
};

/** Writes `code` as `dir/entry.mjs` (and `files`, relative to `dir`); returns the entry's path. */
async function writeEntry({ code, dir, files = {} }) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const entry = path.join(dir, 'entry.mjs');
  await writeFile(entry, code);
  return entry;
}

/**
 * Sums the chunks: `first` names the first-load ones, `code(name)` gives a chunk's text. `withCode` keeps
 * the first load's text (for the esbuild proof below).
 */
function tally(names, first, code, withCode) {
  let firstMin = 0;
  let firstGz = 0;
  let lazyGz = 0;
  let firstCode = '';
  for (const name of names) {
    const text = code(name);
    if (first.has(name)) {
      firstMin += Buffer.byteLength(text);
      firstGz += gz(text);
      if (withCode) firstCode += text;
    } else lazyGz += gz(text);
  }
  return { firstMin, firstGz, lazyGz, chunks: first.size, ...(withCode ? { firstCode } : {}) };
}

/** Bytes per package (dist files one by one) of a first load, largest first; the bench's entry left out. */
function largest(byInput) {
  const byPackage = new Map();
  for (const [input, bytes] of byInput) {
    if (path.basename(input) === 'entry.mjs') continue;
    const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const owner = m ? m[1] : path.relative(root, input);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytes);
  }
  return [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
}

/**
 * Rolldown (what `vite build` runs): bundles `code` minified as ESM with `external` kept out and returns its
 * first load (the entry chunk and the chunks it imports statically), its lazy chunks' gzip bytes, and the
 * rendered bytes (before minifying) of each first-load module (`modules`). `plugins` are passed on (bench/size-modules.mjs
 * stubs a module with one).
 */
export async function measureRolldown({ code, external, dir, plugins = [], files, withCode = false }) {
  const input = await writeEntry({ code, dir, files });
  const bundle = await rolldown({
    input,
    external: (id) => isExternal(external, id),
    platform: 'browser',
    moduleTypes: assets,
    transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    logLevel: 'silent',
    plugins,
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
  const modules = new Map();
  for (const name of first)
    for (const [id, info] of Object.entries(chunks.get(name).modules))
      if (info.renderedLength > 0) modules.set(id, info.renderedLength);
  const sums = tally(chunks.keys(), first, (name) => chunks.get(name).code, withCode);
  return { ...sums, modules, top: largest(modules) };
}

/**
 * esbuild: bundles `code` (bundle, minify, ESM, browser, code splitting) and returns the same figures as
 * measureRolldown, `modules` with each first-load input's minified bytes from esbuild's metafile.
 */
export async function measureEsbuild({ code, external, dir, files, withCode = false }) {
  const entry = await writeEntry({ code, dir, files });
  const result = await build({
    entryPoints: { entry },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir: path.join(dir, 'out'),
    external,
    metafile: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: assets,
    absWorkingDir: root,
  });
  const outputs = result.metafile.outputs;
  const text = new Map(result.outputFiles.map((f) => [path.relative(root, f.path), f.text]));
  // The chunk named after the entry: chunks behind an import() carry an `entryPoint` in the metafile too.
  const entryOut = Object.keys(outputs).find((k) => path.basename(k) === 'entry.js');
  const first = new Set();
  const visit = (file) => {
    if (first.has(file)) return;
    first.add(file);
    for (const imp of outputs[file].imports)
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(entryOut);
  const modules = new Map();
  for (const file of first)
    for (const [input, info] of Object.entries(outputs[file].inputs))
      if (info.bytesInOutput > 0) modules.set(path.join(root, input), info.bytesInOutput);
  const js = Object.keys(outputs).filter((file) => file.endsWith('.js'));
  return { ...tally(js, first, (file) => text.get(file), withCode), modules, top: largest(modules) };
}

/**
 * webpack 5, production mode (terser, scope hoisting, tree shaking, splitChunks at its defaults: async
 * chunks only), ESM output, the peers external as ESM imports. First load = the entrypoint's files, which
 * include webpack's runtime (module registry and chunk loader: see webpackRuntime).
 */
export async function measureWebpack({ code, external, dir, files, withCode = false }) {
  const entry = await writeEntry({ code, dir, files });
  const out = path.join(dir, 'out');
  // Loaded here, not at the top: `npm run size` imports this module and never bundles with webpack.
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((resolve, reject) =>
    webpack(
      {
        mode: 'production',
        context: dir,
        target: ['web', 'es2022'],
        entry: { entry },
        output: { path: out, clean: true, module: true, chunkFormat: 'module', chunkLoading: 'import' },
        experiments: { outputModule: true },
        externalsType: 'module',
        externals: [
          ({ request }, callback) => (isExternal(external, request) ? callback(null, request) : callback()),
        ],
        module: {
          rules: [
            { test: /\.(css|woff2?)$/, type: 'asset/resource' },
            { test: /\.(svg|png)$/, type: 'asset/inline' },
          ],
        },
        devtool: false,
        performance: { hints: false },
        infrastructureLogging: { level: 'error' },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
  if (stats.hasErrors()) throw new Error(stats.compilation.errors[0].message.split('\n')[0]);
  const first = new Set(stats.compilation.entrypoints.get('entry').getFiles());
  const js = Object.keys(stats.compilation.assets).filter((name) => /\.m?js$/.test(name));
  const text = new Map();
  for (const name of js) text.set(name, await readFile(path.join(out, name), 'utf8'));
  return tally(js, first, (name) => text.get(name), withCode);
}

const measure = { rolldown: measureRolldown, esbuild: measureEsbuild, webpack: measureWebpack };

/**
 * webpack's runtime, which every webpack app with a lazy chunk already ships once: the first load of an app
 * that is only one dynamic import, under measureWebpack's config.
 */
export function webpackRuntime(dir) {
  return measureWebpack({
    code: `import('./lazy.mjs').then((m) => console.log(m.lazy));`,
    files: { 'lazy.mjs': `export const lazy = 'lazy';` },
    external: [],
    dir,
  });
}

/**
 * The minimal case of esbuild's chunking: a package whose index re-exports a and b and offers a lazy chunk
 * that uses b; the app imports only a and the lazy loader. Each bundler's first load is searched for b's code.
 */
export const proofFiles = {
  'pkg/package.json': JSON.stringify({ type: 'module', sideEffects: false }),
  'pkg/index.js': `export { a } from './a.js';\nexport { b } from './b.js';\nexport const lazy = () => import('./chunk.js');\n`,
  'pkg/a.js': `export const a = () => 'code of a';\n`,
  'pkg/b.js': `export const b = () => 'code of b';\n`,
  'pkg/chunk.js': `import { b } from './b.js';\nexport const chunk = () => b();\n`,
};
const proofCode = `import { a, lazy } from './pkg/index.js';\nconsole.log(a(), lazy);\n`;

export async function esbuildProof(dir) {
  const result = {};
  for (const bundler of ALL) {
    const m = await measure[bundler]({
      code: proofCode,
      files: proofFiles,
      external: [],
      dir: path.join(dir, bundler),
      withCode: true,
    });
    result[bundler] = {
      chunks: m.chunks,
      a: m.firstCode.includes('code of a'),
      b: m.firstCode.includes('code of b'),
    };
  }
  return result;
}

export async function measureCss(files) {
  if (files.length === 0) return null;
  let min = '';
  for (const f of files) {
    const src = await readFile(path.join(root, f), 'utf8');
    const out = await build({
      stdin: { contents: src, loader: 'css', sourcefile: f },
      bundle: false,
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    min += out.outputFiles[0].text;
  }
  return { min: Buffer.byteLength(min), gz: gz(Buffer.from(min)) };
}

/** Every row by each of its bundlers, webpack's runtime and the esbuild proof. */
export async function measureSizes() {
  await rm(tmp, { recursive: true, force: true });
  const rows = [];
  for (const [i, target] of targets.entries()) {
    const js = {};
    const modules = {};
    for (const bundler of ALL) {
      try {
        const figures = await measure[bundler]({
          code: target.code,
          external: target.external,
          dir: path.join(tmp, String(i), bundler),
        });
        modules[bundler] = figures.modules;
        delete figures.modules;
        js[bundler] = figures;
      } catch (e) {
        js[bundler] = { error: e.errors?.[0]?.text ?? String(e.message ?? e).split('\n')[0] };
      }
    }
    // Our files in esbuild's first load that Rolldown's first load leaves out, with esbuild's minified bytes.
    const esbuildOnly =
      modules.esbuild && modules.rolldown
        ? [...modules.esbuild]
            .filter(([file]) => file.startsWith(path.join(root, 'dist/')) && !modules.rolldown.has(file))
            .map(([file, bytes]) => [path.relative(path.join(root, 'dist'), file), bytes])
        : [];
    rows.push({ ...target, js, esbuildOnly, css: await measureCss(target.css) });
  }
  const runtime = await webpackRuntime(path.join(tmp, 'webpack-runtime'));
  const proof = await esbuildProof(path.join(tmp, 'proof'));
  const { version: webpackVersion } = (await import('webpack')).default;
  const versions = { rolldown: rolldownVersion, esbuild: esbuildVersion, webpack: webpackVersion };
  return { rows, runtime, proof, versions };
}

const kB = (n) => `${(n / 1000).toFixed(2)} kB`;

/** "met" or "over by 0.37 kB" against the row's target; undefined for rows without one. */
function verdict(row, bytes) {
  if (row.target === undefined) return undefined;
  const over = bytes - row.target;
  return over <= 0 ? 'met' : `over by ${kB(over)}`;
}

function cell(row, figures, bytes = figures?.firstGz) {
  if (!figures) return 'not measured';
  if (figures.error) return `not measured: ${figures.error.replace(/\|/g, '\\|')}`;
  const v = verdict(row, bytes);
  return `**${kB(bytes)}**${v ? `: ${v}` : ''}`;
}

export function sizeTable({ rows, runtime }) {
  const lines = [
    '| What | External (peers) | Target (issue 15) | Rolldown | esbuild | webpack | webpack, less its runtime | First load, min (Rolldown / esbuild / webpack) | Lazy JS, gzip (Rolldown) | CSS, min+gzip |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const ext = r.external
      .filter((e) => !REACT.includes(e) || e === 'react')
      .join(', ')
      .replace('react', 'react, react-dom');
    const { rolldown: rd, esbuild: eb, webpack: wp } = r.js;
    const lessRuntime = wp && !wp.error ? cell(r, wp, wp.firstGz - runtime.firstGz) : '–';
    const min = ALL.map((b) => (r.js[b]?.firstMin ? kB(r.js[b].firstMin) : '–')).join(' / ');
    lines.push(
      `| ${r.name} | ${ext} | ${r.target ? `≤ ${r.target / 1000} kB` : '–'} | ${cell(r, rd)} | ${cell(r, eb)} | ${wp ? cell(r, wp) : '–'} | ${lessRuntime} | ${min} | ${rd?.lazyGz ? kB(rd.lazyGz) : '–'} | ${r.css ? kB(r.css.gz) : '–'} |`,
    );
  }
  return lines.join('\n');
}

const yesNo = (b) => (b ? 'yes' : 'no');

/** Section (a) of bench/RESULTS.md. */
export function sizeSection(sizes) {
  const { rows, runtime, proof, versions } = sizes;
  const ours = rows.filter((r) => r.target !== undefined);
  const dominant = (r) =>
    r.js.rolldown?.top?.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} kB`).join(', ') ?? '';
  const verdicts = (r) => {
    const parts = ALL.filter((b) => r.js[b] && !r.js[b].error).map(
      (b) => `${b} ${kB(r.js[b].firstGz)}: ${verdict(r, r.js[b].firstGz)}`,
    );
    const wp = r.js.webpack;
    if (wp && !wp.error) {
      const less = wp.firstGz - runtime.firstGz;
      parts.push(`webpack less its runtime ${kB(less)}: ${verdict(r, less)}`);
    }
    return `- ${r.short} ≤ ${r.target / 1000} kB: ${parts.join('; ')}`;
  };
  const esbuildOnly = (r) => {
    const files = r.esbuildOnly.map(([file, bytes]) => `${file} ${bytes} B`).join(', ');
    return `- ${r.short} (first-load chunks: Rolldown ${r.js.rolldown?.chunks}, esbuild ${r.js.esbuild?.chunks}): ${files || 'none'}`;
  };
  const p = (b) =>
    `${b}: ${proof[b].chunks} first-load chunk${proof[b].chunks === 1 ? '' : 's'}, b's code in it: **${yesNo(proof[b].b)}**`;
  return `## (a) Bundle size

Each row is bundled by Rolldown ${versions.rolldown} (Vite 8's bundler), esbuild ${versions.esbuild} and webpack ${versions.webpack}
(production mode: terser, splitChunks at its defaults), each as a portal's production build would: minify, ESM,
browser, code splitting, \`process.env.NODE_ENV = "production"\`, each library's peers external; gzip level 9 per
output chunk, summed. "First load" = the entry chunk and the chunks it imports statically (min+gzip); chunks
behind a dynamic \`import()\` are "lazy". Ours is measured from the BUILT \`dist/\` files, like \`.size-limit.json\`
(\`npm run size\`, the CI budget: Rolldown and esbuild); the peers' rows are measured the same way. webpack's first
load includes its runtime (module registry and chunk loader), which an app built with webpack ships once whatever
it imports: an app that is only one dynamic import has a **${kB(runtime.firstGz)}** first load
(${kB(runtime.firstMin)} min) under the same config, and "less its runtime" subtracts that (gzip sizes do not add
up exactly, so that column is close, not exact). CSS: each library's stylesheet, minified by esbuild, gzip.

${sizeTable(sizes)}

Targets of issue 15 (first-load JS, min+gzip), met or over, per bundler:
${ours.map(verdicts).join('\n')}

Why esbuild's first load is larger: esbuild assigns code to chunks per source FILE, by which entry points (the
app and each \`import()\`) reach the file through the import graph, before tree shaking. So a file that the root
index re-exports and that a lazy chunk (the chat's thread and composer) also uses becomes a shared chunk that the
app's entry imports statically, used or not; Rolldown and webpack drop the re-exports an app does not use first,
so such a file stays in the lazy chunk. In this run, our files in esbuild's first load and not in Rolldown's
(esbuild's minified bytes):
${ours.map(esbuildOnly).join('\n')}

The smallest case, measured in this run (bench/.tmp/size/proof: \`pkg/index.js\` re-exports \`a\` and \`b\` and has
\`lazy = () => import('./chunk.js')\`, chunk.js uses \`b\`, the app imports only \`a\` and \`lazy\`):
${ALL.map(p).join('; ')}.

Largest inputs of our first loads with Rolldown (each module's rendered bytes before minifying, as
bench/size-modules.mjs counts them):
${ours.map((r) => `- ${r.short}: ${dominant(r)}`).join('\n')}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  console.log(sizeSection(await measureSizes()));
  console.error(`size section measured in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
