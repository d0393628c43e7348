// Builds one production page per library (Vite, minified, React production build), plus requests.html.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
export const renderOut = path.resolve(here, '../.tmp/render-dist');

/** The libraries compared by the render bench; `id` names the entry (`<id>.jsx`) and its page. */
export const LIBS = [
  { id: 'ours', label: 'ticket-chat MessageThread' },
  { id: 'stream', label: 'stream-chat-react VirtualizedMessageList' },
  { id: 'chatscope', label: 'chatscope MessageList' },
];

/**
 * `<lib>.html` for each library, from page.template.html: the pages differ only in their entry. They stay
 * separate HTML entries (not one page choosing a chunk), so each entry keeps its top-level side effects
 * (package.json marks everything but CSS side-effect free) and its stylesheet is linked in <head>.
 */
function libraryPages() {
  const pages = new Map(LIBS.map(({ id }) => [path.join(here, `${id}.html`), id]));
  const template = readFileSync(path.join(here, 'page.template.html'), 'utf8');
  return {
    name: 'bench-library-pages',
    enforce: 'pre',
    resolveId: (id) => (pages.has(id) ? id : null),
    load: (id) => (pages.has(id) ? template.replaceAll('{{lib}}', pages.get(id)) : null),
  };
}

export async function buildRenderPages() {
  await build({
    configFile: false,
    root: here,
    base: './',
    logLevel: 'warn',
    plugins: [libraryPages(), react()],
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      target: 'es2022',
      outDir: renderOut,
      emptyOutDir: true,
      rolldownOptions: {
        input: {
          ...Object.fromEntries(LIBS.map(({ id }) => [id, path.join(here, `${id}.html`)])),
          requests: path.join(here, 'requests.html'),
        },
      },
    },
  });
  return renderOut;
}
