// One small driver for the end-to-end scripts, the same in every engine: tabs that navigate, run a
// function in the page, wait for a condition in the page, click and type with the engine's own input
// events, count requests and collect page errors. Two back ends behind it (test/engines.mjs):
// puppeteer-core for Chromium (CDP) and Firefox ESR (WebDriver BiDi), selenium-webdriver for WebKitGTK
// (WebKitWebDriver, classic WebDriver). Scripts use only what is here, so a flow is written once.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES, launchPuppeteer, launchWebKit } from '../engines.mjs';

/** Timeout of every wait on a page. */
export const WAIT = 15_000;
/** How often a condition in the page is checked while waiting for it. */
const POLL_MS = 50;

/** The engine named by E2E_ENGINE (default chromium). */
export function engineFromEnv() {
  const engine = process.env.E2E_ENGINE ?? 'chromium';
  if (!ENGINES.includes(engine)) throw new Error(`E2E_ENGINE must be one of ${ENGINES.join(', ')}`);
  return engine;
}

// Runs in the page: the element matching `selector` whose text contains `text` (any, when no text).
const locate = ([selector, text]) =>
  [...document.querySelectorAll(selector)].find((el) => !text || el.textContent.includes(text)) ?? null;

// Runs in the page after each navigation: keep every request's timing entry (the default buffer holds 250)
// and, where the back end has no page-error event, collect uncaught errors and rejections.
const prepare = (collectErrors) => {
  performance.setResourceTimingBufferSize(100_000);
  if (!collectErrors || window.__e2eErrors) return;
  window.__e2eErrors = [];
  window.addEventListener('error', (e) => window.__e2eErrors.push(String(e.error?.message ?? e.message)));
  window.addEventListener('unhandledrejection', (e) =>
    window.__e2eErrors.push(String(e.reason?.message ?? e.reason)),
  );
};
// Runs in the page: how many requests whose path ends with `suffix` have completed.
const countRequests = (suffix) =>
  performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith(suffix)).length;

/**
 * A folder for the files a browser uploads, removed when it closes: the page reads a picked file from disk
 * lazily (when it is sent), so each stays until then. `write({ name, bytes })` returns the file's absolute path.
 */
async function uploadFolder() {
  const folder = await mkdtemp(join(tmpdir(), 'ticket-chat-e2e-'));
  let count = 0;
  return {
    async write({ name, bytes }) {
      // A folder per file: the page sees the file's own name, and two uploads of one name do not collide.
      const own = join(folder, String(count++));
      await mkdir(own);
      const path = join(own, name);
      await writeFile(path, bytes);
      return path;
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

/** The calls every tab has, built on a back end's `evaluate`. */
function withCommon(tab) {
  return Object.assign(tab, {
    /** Resolves with the first truthy value of `fn(arg)` in the page; fails after WAIT with `what`. */
    async waitFor(fn, arg, what = 'a condition in the page') {
      const deadline = Date.now() + WAIT;
      for (;;) {
        const value = await tab.evaluate(fn, arg);
        if (value) return value;
        if (Date.now() > deadline) {
          const errors = await tab.errors().catch(() => []);
          const seen = errors.length ? ` (page errors: ${errors.join(' | ')})` : '';
          throw new Error(`${tab.engine}: timed out waiting for ${what}${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    /** Waits until the element matching `selector` (default the whole page) contains `text`. */
    waitForText(text, selector = 'body') {
      return tab.waitFor(
        ([s, t]) => [...document.querySelectorAll(s)].some((el) => el.textContent.includes(t)),
        [selector, text],
        `"${text}" in ${selector}`,
      );
    },
    /** Completed requests whose URL path ends with `suffix` (resource timing: the same in every engine). */
    requests: (suffix) => tab.evaluate(countRequests, suffix),
    /** Waits until more than `count` such requests have completed. */
    waitForRequests: (suffix, count) =>
      tab.waitFor(
        ([s, n]) =>
          performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith(s))
            .length > n,
        [suffix, count],
        `a request to …${suffix}`,
      ),
  });
}

/** Chromium or Firefox through puppeteer-core. */
async function openPuppeteer(engine) {
  const browser = await launchPuppeteer(engine);
  const uploads = await uploadFolder();
  const newTab = async ({ width = 1280, height = 800 } = {}) => {
    // A window per page, like WebKit's: a background tab would be hidden, and hidden tabs stop polling.
    const page = await browser.newPage({ type: 'window' });
    await page.setViewport({ width, height }).catch(async (error) => {
      // Firefox ESR 140 has no emulation.setScreenOrientationOverride, which puppeteer sends beside the
      // viewport (it tolerates a missing setTouchOverride the same way): the viewport itself is set.
      if (!/unknown command emulation\.setScreenOrientationOverride/.test(String(error?.message)))
        throw error;
      await page.waitForFunction(
        (w, h) => innerWidth === w && innerHeight === h,
        { timeout: WAIT },
        width,
        height,
      );
    });
    const errors = [];
    page.on('pageerror', (e) => {
      const message = String(e?.message ?? e);
      // Firefox also reports a request the service worker failed on purpose (the simulator's dropped
      // connection: MSW answers with Response.error()) as a page error; it is a network failure the client
      // handles, not a script error, and Chromium and WebKit do not report it. Likewise (seen once in five
      // runs, right after the language switch replaced the client while a poll was in flight) a request
      // the page aborted while MSW's worker handled it: "‘’ … intercepted the request and encountered an
      // unexpected error".
      if (
        engine === 'firefox' &&
        /^Failed to load ‘[^’]*’\. A ServiceWorker (passed an Error Response|intercepted the request and encountered an unexpected error)/.test(
          message,
        )
      )
        return;
      errors.push(message);
    });
    const element = async (selector, text) => {
      const handle = await page.waitForFunction(locate, { timeout: WAIT, polling: POLL_MS }, [
        selector,
        text,
      ]);
      return handle.asElement() ?? Promise.reject(new Error(`${engine}: no ${selector} "${text ?? ''}"`));
    };
    return withCommon({
      engine,
      async goto(url) {
        await page.goto(url);
        await page.evaluate(prepare, false);
      },
      evaluate: (fn, arg) => page.evaluate(fn, arg),
      async click(selector, text) {
        await (await element(selector, text)).click();
      },
      async type(selector, value) {
        await (await element(selector)).type(value);
      },
      /**
       * Picks `file` ({ name, bytes }) in the `<input type="file">` matching `selector`, as a person would
       * in the file dialog; the input may be hidden behind a button (CDP and BiDi set files on it as is).
       */
      async upload(selector, file) {
        const path = await uploads.write(file);
        await (await element(selector)).uploadFile(path);
      },
      /** Turns the mouse wheel over the element's centre by `deltaY` pixels (negative: up). */
      async wheel(selector, deltaY) {
        await (await element(selector)).hover();
        await page.mouse.wheel({ deltaY });
      },
      errors: async () => [...errors],
      async screenshot(path) {
        await page.screenshot({ path });
      },
      close: () => page.close(),
    });
  };
  return {
    engine,
    newTab,
    async close() {
      await browser.close();
      await uploads.remove();
    },
  };
}

/** WebKitGTK through WebKitWebDriver: one session, one window per tab, commands queued per window. */
async function openWebKit() {
  const engine = 'webkit';
  const { driver, quit } = await launchWebKit();
  const uploads = await uploadFolder();
  let queue = Promise.resolve();
  let current = await driver.getWindowHandle();
  let firstFree = true;
  /** Runs `fn` with `handle` as the session's window; one command at a time across tabs. */
  const inWindow = (handle, fn) => {
    const next = queue.then(async () => {
      if (current !== handle) {
        await driver.switchTo().window(handle);
        current = handle;
      }
      return fn();
    });
    queue = next.catch(() => {});
    return next;
  };
  const newTab = async ({ width = 1280, height = 800 } = {}) => {
    const handle = await inWindow(current, async () => {
      // A separate window, not a tab: a background tab would be hidden, unlike the other engines' pages.
      if (!firstFree) await driver.switchTo().newWindow('window');
      firstFree = false;
      current = await driver.getWindowHandle();
      await driver.manage().window().setRect({ width, height });
      return current;
    });
    const run = (fn) => inWindow(handle, fn);
    const element = async (selector, text) => {
      const deadline = Date.now() + WAIT;
      for (;;) {
        const found = await run(() => driver.executeScript(locate, [selector, text]));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`${engine}: no ${selector} "${text ?? ''}"`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    };
    return withCommon({
      engine,
      async goto(url) {
        await run(async () => {
          await driver.get(url);
          await driver.executeScript(prepare, true);
        });
      },
      evaluate: (fn, arg) => run(() => driver.executeScript(fn, arg)),
      async click(selector, text) {
        const el = await element(selector, text);
        await run(() => el.click());
      },
      async type(selector, value) {
        const el = await element(selector);
        await run(() => el.sendKeys(value));
      },
      // WebDriver's "element send keys" on a file input sets its files from the path (the browser and
      // the driver run on this machine, so no remote file detector).
      async upload(selector, file) {
        const path = await uploads.write(file);
        const el = await element(selector);
        await run(() => el.sendKeys(path));
      },
      async wheel(selector, deltaY) {
        const el = await element(selector);
        await run(async () => {
          await driver.actions().scroll(0, 0, 0, deltaY, el).perform();
          // Release the input state: WebKitWebDriver otherwise takes the next wheel's delta from this one.
          await driver.actions().clear();
        });
      },
      // Collected in the page from the end of navigation on (WebDriver classic has no page-error event).
      errors: () => run(() => driver.executeScript(() => window.__e2eErrors ?? [])),
      async screenshot(path) {
        const png = await run(() => driver.takeScreenshot());
        await writeFile(path, png, 'base64');
      },
      close: () => run(() => driver.close()),
    });
  };
  return {
    engine,
    newTab,
    async close() {
      await quit();
      await uploads.remove();
    },
  };
}

/** The engine's browser; `newTab()` opens a page (pages of one browser share origin storage and channels). */
export function openBrowser(engine) {
  return engine === 'webkit' ? openWebKit() : openPuppeteer(engine);
}
