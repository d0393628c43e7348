// Bundle size, measured the same way for every library: esbuild (bundle, minify, ESM, browser, code
// splitting so lazy chunks stay separate), peers external, then gzip -9 of each output file.
// "First load" = the entry chunk plus every chunk it imports statically; dynamic-import chunks are
// reported apart as "lazy". CSS is minified by esbuild and gzipped the same way.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, 'bench/.tmp/size');

const REACT = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client', 'scheduler'];

/**
 * What each row bundles. `external` = the library's peers (what the host app already has); `target` = the
 * first-load goal of issue 15 (min+gzip bytes).
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
    name: 'ticket-chat: badge only (useUnread, UnreadBadge, TicketChatProvider, createTicketChatClient)',
    short: 'ticket-chat badge',
    target: 8_000,
    code: `import { useUnread, UnreadBadge, TicketChatProvider, createTicketChatClient } from ${q('dist/index.js')};\nconsole.log(useUnread, UnreadBadge, TicketChatProvider, createTicketChatClient);`,
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

/**
 * Bundles `code` (an entry module) and returns its first-load size: the entry chunk plus the chunks it
 * imports statically. Chunks reached only through `import()` are counted apart as lazy.
 */
export async function measureJs(target, dir) {
  await mkdir(dir, { recursive: true });
  const entry = path.join(dir, 'entry.mjs');
  await writeFile(entry, target.code);
  const result = await build({
    entryPoints: { entry },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir: path.join(dir, 'out'),
    external: target.external,
    metafile: true,
    write: true,
    logLevel: 'silent',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty', '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'empty', '.woff2': 'empty' },
    absWorkingDir: root,
  });
  const outputs = result.metafile.outputs;
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
  let firstMin = 0;
  let firstGz = 0;
  let lazyGz = 0;
  for (const file of Object.keys(outputs)) {
    if (!file.endsWith('.js')) continue;
    const buf = await readFile(path.join(root, file));
    if (first.has(file)) {
      firstMin += buf.length;
      firstGz += gz(buf);
    } else lazyGz += gz(buf);
  }
  // Biggest inputs of the first load, for "what dominates".
  const byPackage = new Map();
  for (const file of first) {
    for (const [input, info] of Object.entries(outputs[file].inputs)) {
      const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const owner = m ? m[1] : input;
      byPackage.set(owner, (byPackage.get(owner) ?? 0) + info.bytesInOutput);
    }
  }
  const top = [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return { firstMin, firstGz, lazyGz, chunks: first.size, top };
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

export async function measureSizes() {
  await rm(tmp, { recursive: true, force: true });
  const rows = [];
  for (const [i, target] of targets.entries()) {
    const dir = path.join(tmp, String(i));
    try {
      const js = await measureJs(target, dir);
      const css = await measureCss(target.css);
      rows.push({ ...target, js, css });
    } catch (e) {
      const first = e.errors?.[0]?.text ?? String(e.message ?? e).split('\n')[0];
      rows.push({ ...target, error: first });
    }
  }
  return rows;
}

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

/** "≤ 15 kB: within" or "≤ 15 kB: OVER by 8.7 kB"; "–" for rows without a target. */
export function targetCell(row) {
  if (row.target === undefined || !row.js) return '–';
  const over = row.js.firstGz - row.target;
  return `≤ ${kB(row.target).replace('.0 kB', ' kB')}: ${over <= 0 ? 'within' : `OVER by ${kB(over)}`}`;
}

export function sizeTable(rows) {
  const lines = [
    '| What | External (peers) | JS first load, min | JS first load, min+gzip | Target (issue 15) | Lazy JS, gzip | CSS, min+gzip |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const ext = r.external
      .filter((e) => !REACT.includes(e) || e === 'react')
      .join(', ')
      .replace('react', 'react, react-dom');
    if (r.error) {
      lines.push(`| ${r.name} | ${ext} | not measured: ${r.error.replace(/\|/g, '\\|')} | | | | |`);
      continue;
    }
    lines.push(
      `| ${r.name} | ${ext} | ${kB(r.js.firstMin)} | **${kB(r.js.firstGz)}** | ${targetCell(r)} | ${r.js.lazyGz ? kB(r.js.lazyGz) : '–'} | ${r.css ? kB(r.css.gz) : '–'} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measureSizes();
  console.log(sizeTable(rows));
  for (const r of rows) if (r.js) console.log(r.short, r.js.top.map(([k, v]) => `${k} ${kB(v)}`).join(', '));
}
