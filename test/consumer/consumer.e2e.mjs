// Consumer test, run by scripts/consumer.sh with the throwaway app's directory: the packed package must
// import in Node without a DOM, build in a Vite app, and render <TicketChat> with its stylesheet.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { preview } from 'vite';
import { createSteps, launchChromium } from '../e2e/harness.mjs';

const WAIT = 15_000;
const GREETING = 'Hello from the consumer backend: your ticket is being handled.';
const app = process.argv[2];
if (!app) throw new Error('usage: node test/consumer/consumer.e2e.mjs <appDir>');
const run$ = promisify(execFile);
const inApp = (file, args) => run$(file, args, { cwd: app, timeout: 60_000 });

let browser;
let server;
const { run } = createSteps();
const ok = await run(
  async (step) => {
    await step('consumer: the package imports in Node without a DOM', async () => {
      // Both entry points; a rejected import() fails the process.
      const code = "await import('ticket-chat'); await import('ticket-chat/client');";
      await inApp(process.execPath, ['--input-type=module', '-e', code]);
      await inApp(process.execPath, ['-e', "import('ticket-chat')"]);
    });
    await step('consumer: the Vite app builds against the tarball', async () => {
      await inApp(process.execPath, ['node_modules/vite/bin/vite.js', 'build']);
    });
    server = await preview({ root: app, configFile: `${app}/vite.config.mjs` });
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('the consumer app is not served');
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.setDefaultTimeout(WAIT);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const log = page.getByRole('region').getByRole('log');

    await step('consumer: <TicketChat> renders the served message', async () => {
      await page.goto(base);
      await log.getByText(GREETING).waitFor();
    });
    await step("consumer: the package's stylesheet applies", async () => {
      // `container-name: tc-chat` comes only from ticket-chat/styles.css.
      const container = await page.locator('.tc-chat').evaluate((el) => getComputedStyle(el).containerName);
      if (container !== 'tc-chat') throw new Error(`.tc-chat has container-name "${container}"`);
    });
    await step(
      "consumer: the theme colours survive the app's CSS build (Vite's default targets)",
      async () => {
        // Vite 8 lowers light-dark() for its default targets into a polyfill that leaves colours invalid
        // (transparent): the stylesheet must not depend on it. Headless Chromium prefers light.
        const [surface, bubble] = await Promise.all([
          page.locator('.tc-chat').evaluate((el) => getComputedStyle(el).backgroundColor),
          log.getByText(GREETING).evaluate((el) => {
            let node = el;
            while (node && getComputedStyle(node).backgroundColor === 'rgba(0, 0, 0, 0)')
              node = node.parentElement;
            return node?.className ?? '';
          }),
        ]);
        if (surface !== 'rgb(246, 247, 249)') throw new Error(`.tc-chat background is ${surface}`);
        if (!String(bubble).includes('tc-msg__bubble'))
          throw new Error(`the message has no bubble (first painted: ${bubble})`);
        // data-theme="dark" on the page root switches the built colours too.
        const dark = await page.evaluate(() => {
          document.documentElement.dataset.theme = 'dark';
          return getComputedStyle(document.querySelector('.tc-chat')).backgroundColor;
        });
        if (dark !== 'rgb(17, 20, 24)') throw new Error(`dark .tc-chat background is ${dark}`);
      },
    );
    await step('consumer: no page errors', async () => {
      if (errors.length) throw new Error(errors.join('\n'));
    });
  },
  async () => {
    await browser?.close();
    await server?.close();
  },
);
process.exit(ok ? 0 : 1);
