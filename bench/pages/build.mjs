// Builds the bench pages of this folder (Vite, minified, React production build) against the built
// library in dist/, like a portal's production build. Output: bench/.tmp/pages-dist.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
export const pagesOut = path.resolve(here, '../.tmp/pages-dist');

export async function buildBenchPages() {
  await build({
    configFile: false,
    root: here,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      target: 'es2022',
      outDir: pagesOut,
      emptyOutDir: true,
      rolldownOptions: { input: { idle: path.join(here, 'idle.html') } },
    },
  });
  return pagesOut;
}
