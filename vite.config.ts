/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type Plugin } from 'vite';
import dts from 'vite-plugin-dts';
import { chromiumArgs, chromiumPath } from './test/chromiumLaunch.mjs';
import { debianEngine } from './test/vitestEngines.ts';

const root = path.dirname(fileURLToPath(import.meta.url));
const isLibBuild = !process.env.STORYBOOK && !process.env.VITEST;
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const externalPackages = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });

/** Emits `dist/styles.css` from `src/styles.css` and the component sheets it `@import`s, in order. */
function stylesheet(): Plugin {
  const entry = path.join(root, 'src/styles.css');
  const inline = (file: string): string =>
    readFileSync(file, 'utf8').replace(/@import\s+['"](.+?)['"];?/g, (_m, rel: string) =>
      inline(path.resolve(path.dirname(file), rel)),
    );
  return {
    name: 'ticket-chat-stylesheet',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'styles.css', source: inline(entry) });
    },
  };
}

const chromium = playwright({
  launchOptions: {
    executablePath: chromiumPath,
    args: ['--headless', ...chromiumArgs],
  },
});
// A fresh object per project: sharing one `browser` object fails ("project name already defined").
const browser = () => ({
  enabled: true,
  headless: true,
  provider: chromium,
  instances: [{ browser: 'chromium' as const }],
  screenshotFailures: false,
});

// Browser tests that run in all three engines. Chromium runs every browser test; Firefox ESR and WebKitGTK run
// these: what scrolls, measures, formats dates and decides the chat is seen (plain DOM), and the flows driven by the engine's own input
// through `userEvent` (test/vitestEngines.ts): attachments (picker, paste, drop, uploads), the lightbox's keys
// and focus, the composer's keys. Firefox runs both sets in one browser. WebKitGTK runs the input set in a
// browser of its own: in one browser after the other files, its WebDriver input lost the tester frame
// (NoSuchFrameError) or Tab left focus on the body (2 of 3 runs).
const plainDom = [
  'src/components/MessageThread/MessageThread.browser.test.tsx',
  'src/components/TicketChat/TicketChat.markRead.browser.test.tsx',
  'src/components/i18n/**/*.browser.test.{ts,tsx}',
  'test/reliability/threadDates.browser.test.tsx',
];
const engineInput = [
  'src/components/Composer/Composer.attachments.browser.test.tsx',
  'src/components/Composer/Composer.keyboard.browser.test.tsx',
  'src/components/ImagePreview/ImagePreview.browser.test.tsx',
];
/** A project running browser tests in Firefox ESR or WebKitGTK (test/vitestEngines.ts). */
const otherEngine = (
  engine: 'firefox' | 'webkit',
  { name, include, groupOrder }: { name: string; include: string[]; groupOrder: number },
) => ({
  extends: true as const,
  test: {
    name,
    globals: true,
    setupFiles: ['./test/setup.browser.ts'],
    include,
    browser: {
      enabled: true,
      // The provider launches Firefox headless and WebKit in a virtual display itself.
      headless: false,
      provider: debianEngine(engine),
      instances: [{ browser: engine }],
      screenshotFailures: false,
    },
    sequence: { groupOrder },
  },
});

export default defineConfig({
  plugins: [
    react(),
    isLibBuild && dts({ tsconfigPath: './tsconfig.build.json' }),
    isLibBuild && stylesheet(),
  ],
  // Pre-bundled up front: discovering them mid-run reloads the browser tests with a second copy of React.
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      '@tanstack/react-query',
      '@tanstack/react-virtual',
      'msw/browser',
    ],
  },
  build: {
    lib: {
      entry: {
        index: 'src/index.ts',
        'client/index': 'src/client/index.ts',
        'server/index': 'src/server/index.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      // Dependencies and peers stay imports: the portal's bundler resolves (and de-duplicates) them.
      external: (id) => externalPackages.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    emptyOutDir: true,
  },
  test: {
    // .ci/run asks for a JSON report to print its closing "N passed, N failed" line.
    reporters: process.env.TEST_REPORT_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.TEST_REPORT_JSON ? { json: process.env.TEST_REPORT_JSON } : {},
    // How long `expect.element` / `expect.poll` wait for a condition (default 1 s): a mount, a lazy chunk and
    // a few requests take longer than that on a busy 2-core CI machine in WebKit. A budget, not a measure.
    expect: { poll: { timeout: 5000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          globals: true,
          setupFiles: ['./test/setup.ts'],
          include: ['src/**/*.test.{ts,tsx}', 'simulator/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.{ts,tsx}', 'test/e2e/**', 'node_modules/**'],
          // One group at a time: on a 2-core CI machine, jsdom workers and two Chromiums side by side
          // starve the browser tests' frames and timers.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          globals: true,
          setupFiles: ['./test/setup.browser.ts'],
          include: ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'],
          browser: browser(),
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: path.join(root, '.storybook') })],
        test: { name: 'storybook', browser: browser(), sequence: { groupOrder: 2 } },
      },
      otherEngine('firefox', {
        name: 'browser-firefox',
        include: [...plainDom, ...engineInput],
        groupOrder: 3,
      }),
      otherEngine('webkit', { name: 'browser-webkit', include: plainDom, groupOrder: 4 }),
      otherEngine('webkit', { name: 'browser-webkit-input', include: engineInput, groupOrder: 5 }),
    ],
  },
});
