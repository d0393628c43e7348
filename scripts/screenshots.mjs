#!/usr/bin/env node
// Screenshots of every Storybook story in four ways — light, dark, a 375 px touch screen, and a 1280 px
// window at 200 % zoom — in Debian's Chromium, into screenshots/storybook/ (git-ignored), to look at.
// Builds Storybook once when storybook-static/ is missing (or with --build), serves it statically.
// Usage: node scripts/screenshots.mjs [--build] [filter]   (filter: part of a story id, e.g. ticketchat)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromiumLaunch.mjs';

const root = new URL('..', import.meta.url).pathname;
const STATIC = join(root, 'storybook-static');
const OUT = join(root, 'screenshots', 'storybook');
const args = process.argv.slice(2);
const filter = args.find((a) => !a.startsWith('--'))?.toLowerCase();

/** name → browser context options and the theme global. 200 %: the CSS viewport of a 1280×900 window. */
const VARIANTS = {
  light: { theme: 'light', context: { viewport: { width: 1024, height: 800 } } },
  dark: { theme: 'dark', context: { viewport: { width: 1024, height: 800 }, colorScheme: 'dark' } },
  'touch-375': {
    theme: 'light',
    context: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  },
  'zoom-200': { theme: 'light', context: { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 } },
};

if (args.includes('--build') || !existsSync(join(STATIC, 'index.json'))) {
  const build = spawnSync('npm', ['run', 'build-storybook', '--', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const server = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  const file = join(STATIC, path.endsWith('/') ? `${path}index.html` : path);
  if (!file.startsWith(STATIC)) return response.writeHead(403).end();
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(await readFile(join(STATIC, 'index.json'), 'utf8'));
const stories = Object.values(index.entries)
  .filter((e) => e.type === 'story' && (!filter || e.id.includes(filter)))
  .sort((a, b) => a.id.localeCompare(b.id));
// A filtered run replaces only its own stories' pictures.
if (!filter) await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const problems = [];
const warnings = [];
let count = 0;
try {
  for (const [variant, { theme, context: options }] of Object.entries(VARIANTS)) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      const text = `${variant} ${page.url()}: ${error.message}`;
      // The browser's background update check of MSW's worker, cut off by the next navigation now and then
      // in a long run ("Failed to update a ServiceWorker … Not found"): not the story's error.
      if (/^Failed to update a ServiceWorker/.test(error.message)) warnings.push(text);
      else problems.push(text);
    });
    for (const story of stories) {
      const url = `${base}/iframe.html?id=${story.id}&viewMode=story&globals=theme:${theme}`;
      await page.goto(url);
      // The story's render, loaders and play function have run (or failed) when the phase says so.
      const phase = await page
        .waitForFunction(
          () => {
            const p = window.__STORYBOOK_PREVIEW__?.currentRender?.phase;
            return ['completed', 'finished', 'errored', 'aborted'].includes(p) && p;
          },
          undefined,
          { timeout: 30_000 },
        )
        .then((h) => h.jsonValue())
        .catch(() => 'timed out');
      if (phase !== 'completed' && phase !== 'finished') problems.push(`${variant} ${story.id}: ${phase}`);
      await page.evaluate(() => document.fonts.ready);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.screenshot({ path: join(OUT, `${story.id}--${variant}.png`), fullPage: true });
      count++;
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${count} screenshots of ${stories.length} stories in ${OUT}`);
if (warnings.length) console.warn(`warnings:\n${warnings.join('\n')}`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
