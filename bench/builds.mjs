// The two library builds section (f) compares, both `vite build` of this repository's source with its own
// vite.config.ts, into bench/.tmp/builds/:
//   lazy   "lazy thread (as shipped)": the build as it ships (what `npm run build` writes to dist/).
//   eager  "eager thread": the same build plus one bench-only Vite plugin (eagerThread, below; never in the
//          shipped config) that makes the chat chunk's `import('./TicketChat.tsx')` a static import, so
//          the thread and the composer are in the page's first load. Nothing else differs.
// `node bench/builds.mjs` builds both and prints where.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILDS_DIR = path.join(root, 'bench/.tmp/builds');
const CHAT_CHUNK = '/src/components/TicketChat/chatChunk.ts';
// The load itself (the other `import('./TicketChat.tsx')` in the file is a type).
const DYNAMIC_IMPORT = "import('./TicketChat.tsx').then(";
const SERVER_PRELOAD = "if (typeof window === 'undefined') preloadTicketChat().catch(nothing);";

/** Replaces the one occurrence of `find` in `code`; throws when there is none or more than one. */
function replaceOnce(code, find, replacement) {
  const at = code.indexOf(find);
  if (at < 0 || code.indexOf(find, at + 1) >= 0) {
    throw new Error(`eagerThread: expected exactly one ${JSON.stringify(find)} in ${CHAT_CHUNK}`);
  }
  return code.slice(0, at) + replacement + code.slice(at + find.length);
}

/**
 * Bench-only: chatChunk.ts imports the thread's module statically instead of with `import()`. The module
 * is then there when chatChunk.ts runs, so its load is started then too (in the shipped build only a
 * server does that): the chunk state is set before the first render, as a static import has it, and
 * `<TicketChat>` renders its thread at once instead of a skeleton frame first. Fails the build if
 * chatChunk.ts no longer has the lines it rewrites.
 */
export function eagerThread() {
  let rewritten = false;
  return {
    name: 'bench-eager-thread',
    enforce: 'pre',
    transform(code, id) {
      if (!id.split('?')[0].endsWith(CHAT_CHUNK)) return null;
      rewritten = true;
      let out = replaceOnce(code, DYNAMIC_IMPORT, 'Promise.resolve(eagerChatChunk).then(');
      out = replaceOnce(out, SERVER_PRELOAD, 'preloadTicketChat().catch(nothing);');
      return { code: `import * as eagerChatChunk from './TicketChat.tsx';\n${out}`, map: null };
    },
    buildEnd() {
      if (!rewritten) this.error(`eagerThread: ${CHAT_CHUNK} was not in the build`);
    },
  };
}

async function viteBuild(outDir, plugins) {
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    root,
    logLevel: 'warn',
    plugins,
    // No "[PLUGIN_TIMINGS]" note about vite-plugin-dts's time in the bench's log (output unaffected).
    build: { outDir, rolldownOptions: { checks: { bundlerTimings: false } } },
  });
  // The built chat-chunk module: the lazy build keeps the dynamic import, the eager one has none.
  const chatChunk = await readFile(path.join(outDir, 'components/TicketChat/chatChunk.js'), 'utf8');
  return { dynamicImport: /import\(\s*["']\.\/TicketChat\.js["']\s*\)/.test(chatChunk) };
}

/**
 * Builds both; returns [{ dist, label, key }] (lazy first: the difference rows read lazy − eager). Throws
 * if the lazy build has no `import('./TicketChat.js')` left in its chat chunk or the eager one still has it.
 */
export async function buildPair({ log = () => {} } = {}) {
  const lazy = path.join(BUILDS_DIR, 'lazy');
  const eager = path.join(BUILDS_DIR, 'eager');
  log('first message: vite build (lazy thread, as shipped)');
  const lazyCheck = await viteBuild(lazy, []);
  log('first message: vite build (eager thread)');
  const eagerCheck = await viteBuild(eager, [eagerThread()]);
  if (!lazyCheck.dynamicImport) throw new Error(`${lazy}: chatChunk.js has no import('./TicketChat.js')`);
  if (eagerCheck.dynamicImport) throw new Error(`${eager}: chatChunk.js still has import('./TicketChat.js')`);
  return [
    { dist: lazy, label: 'lazy thread (as shipped)', key: 'lazy' },
    { dist: eager, label: 'eager thread', key: 'eager' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const b of await buildPair({ log: console.error })) console.log(`${b.label}: ${b.dist}`);
}
