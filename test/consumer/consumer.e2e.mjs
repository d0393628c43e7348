// Consumer test, run by scripts/consumer.sh with the throwaway app's directory: the packed package must
// import in Node without a DOM, build in a Vite app, and render <TicketChat> and <CaseUnreadBadge> with its
// stylesheet in Chromium under StrictMode, with the React the app installed (CONSUMER_REACT: 19 or 18.3).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { preview } from 'vite';
import { openBrowser } from '../e2e/driver.mjs';
import { createSteps } from '../e2e/harness.mjs';

const GREETING = 'Hello from the consumer backend: your ticket is being handled.';
const LOG = 'section.tc-chat [role="log"]';
const app = process.argv[2];
if (!app) throw new Error('usage: node test/consumer/consumer.e2e.mjs <appDir>');
const run$ = promisify(execFile);
const inApp = (file, args) => run$(file, args, { cwd: app, timeout: 60_000 });
const installed = JSON.parse(await readFile(`${app}/node_modules/react/package.json`, 'utf8')).version;
const react = `React ${installed.split('.').slice(0, 2).join('.')}`;

let browser;
let server;
const { run } = createSteps('chromium');
const ok = await run(
  async (step) => {
    await step(`consumer (${react}): the package imports in Node without a DOM`, async () => {
      // Both entry points; a rejected import() fails the process.
      const code = "await import('ticket-chat'); await import('ticket-chat/client');";
      await inApp(process.execPath, ['--input-type=module', '-e', code]);
      await inApp(process.execPath, ['-e', "import('ticket-chat')"]);
    });
    await step(`consumer (${react}): the Vite app builds against the tarball`, async () => {
      await inApp(process.execPath, ['node_modules/vite/bin/vite.js', 'build']);
    });
    server = await preview({ root: app, configFile: `${app}/vite.config.mjs` });
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('the consumer app is not served');
    browser = await openBrowser('chromium');
    const tab = await browser.newTab({ width: 1024, height: 768 });

    await step(`consumer (${react}): <TicketChat> renders the served message in StrictMode`, async () => {
      await tab.goto(base);
      await tab.waitForText(GREETING, LOG);
      const version = await tab.evaluate(() => window.consumerBackend.react);
      if (version !== installed) throw new Error(`the page runs React ${version}, not ${installed}`);
    });
    await step(`consumer (${react}): a support reply arrives by polling`, async () => {
      await tab.evaluate(() => window.consumerBackend.reply('A reply the next poll brings.'));
      await tab.waitForText('A reply the next poll brings.', LOG);
    });
    await step(`consumer (${react}): a sent message appears and is delivered`, async () => {
      const text = 'Sent from the consumer app.';
      await tab.type('section.tc-chat textarea', text);
      await tab.click('section.tc-chat button', 'Send');
      await tab.waitFor(
        (t) =>
          [...document.querySelectorAll('[data-message-key]')].some(
            (el) =>
              el.textContent.includes(t) &&
              !el.querySelector('[data-delivery]') &&
              !el.closest('[data-delivery]'),
          ),
        text,
        'the sent message to be delivered',
      );
    });
    await step(`consumer (${react}): the nav-bar badge shows the other ticket's unread count`, async () => {
      await tab.waitForText('2 unread messages', '#other-ticket');
    });
    await step(`consumer (${react}): the package's stylesheet applies`, async () => {
      // `container-name: tc-chat` comes only from ticket-chat/styles.css.
      const container = await tab.evaluate(
        () => getComputedStyle(document.querySelector('.tc-chat')).containerName,
      );
      if (container !== 'tc-chat') throw new Error(`.tc-chat has container-name "${container}"`);
    });
    await step(
      `consumer (${react}): the theme colours survive the app's CSS build (Vite's default targets)`,
      async () => {
        // Vite 8 lowers light-dark() for its default targets into a polyfill that leaves colours invalid
        // (transparent): the stylesheet must not depend on it. Headless Chromium prefers light.
        const [surface, bubble] = await tab.evaluate((greeting) => {
          // The deepest element holding the text: descendants come after their ancestors.
          let node =
            [...document.querySelectorAll('[data-message-key] *')]
              .filter((el) => el.textContent.includes(greeting))
              .at(-1) ?? null;
          while (node && getComputedStyle(node).backgroundColor === 'rgba(0, 0, 0, 0)')
            node = node.parentElement;
          return [
            getComputedStyle(document.querySelector('.tc-chat')).backgroundColor,
            node?.className ?? '',
          ];
        }, GREETING);
        if (surface !== 'rgb(246, 247, 249)') throw new Error(`.tc-chat background is ${surface}`);
        if (!String(bubble).includes('tc-msg__bubble'))
          throw new Error(`the message has no bubble (first painted: ${bubble})`);
        // data-theme="dark" on the page root switches the built colours too.
        const dark = await tab.evaluate(() => {
          document.documentElement.dataset.theme = 'dark';
          return getComputedStyle(document.querySelector('.tc-chat')).backgroundColor;
        });
        if (dark !== 'rgb(17, 20, 24)') throw new Error(`dark .tc-chat background is ${dark}`);
      },
    );
    await step(
      `consumer (${react}): <MessageThread> on its own renders, and its ref gets the handle`,
      async () => {
        await tab.waitForText('A thread rendered on its own.', '#standalone-thread [role="log"]');
        const handle = await tab.evaluate(() => window.consumerBackend.threadHandle());
        if (handle !== 'function') throw new Error(`the MessageThread ref's scrollToBottom is ${handle}`);
      },
    );
    await step(`consumer (${react}): no page errors`, async () => {
      const errors = await tab.errors();
      if (errors.length) throw new Error(errors.join('\n'));
    });
  },
  async () => {
    await browser?.close();
    await server?.close();
  },
);
process.exit(ok ? 0 : 1);
