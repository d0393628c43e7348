// Builds one production page per library (Vite, minified, React production build).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
export const renderOut = path.resolve(here, '../.tmp/render-dist');

export async function buildRenderPages() {
  await build({
    configFile: false,
    root: here,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      target: 'es2022',
      outDir: renderOut,
      emptyOutDir: true,
      rolldownOptions: {
        input: {
          ours: path.join(here, 'ours.html'),
          chatscope: path.join(here, 'chatscope.html'),
          requests: path.join(here, 'requests.html'),
        },
      },
    },
  });
  return renderOut;
}
