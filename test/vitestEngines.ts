// A Vitest browser provider for the engines Playwright cannot drive here: Firefox ESR (puppeteer-core over
// WebDriver BiDi; Playwright's BiDi needs commands this Firefox lacks, and Debian has no geckodriver for
// webdriverio) and WebKitGTK (selenium-webdriver + WebKitWebDriver, MiniBrowser). It only opens Vitest's
// tester page: tests run in the page and report over Vitest's own channel, so they must not need the
// provider's commands (no `userEvent` or `page.screenshot`): plain DOM tests, such as the scroll rules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBrowserProvider } from '@vitest/browser';
import type { BrowserProvider, BrowserProviderOption } from 'vitest/node';
import { launchPuppeteer, launchWebKit } from './engines.mjs';

type Engine = 'firefox' | 'webkit';

/** Vitest's preview provider's dist: its page-side locators (DOM queries) serve this provider too. */
const previewDist = path.dirname(fileURLToPath(import.meta.resolve('@vitest/browser-preview')));

class DebianEngineProvider implements BrowserProvider {
  name = 'debian-engine';
  supportsParallelism = false;
  distRoot = previewDist;
  initScripts = [path.join(previewDist, 'locators.js')];
  private closeBrowser: (() => Promise<void>) | null = null;

  constructor(private readonly engine: Engine) {}

  getCommandsContext() {
    return {};
  }

  async openPage(_sessionId: string, url: string) {
    if (this.engine === 'firefox') {
      const browser = await launchPuppeteer('firefox');
      this.closeBrowser = () => browser.close();
      const [page] = await browser.pages();
      await (page ?? (await browser.newPage())).goto(url);
    } else {
      const { driver, quit } = await launchWebKit();
      this.closeBrowser = quit;
      await driver.get(url);
    }
  }

  async close() {
    await this.closeBrowser?.();
    this.closeBrowser = null;
  }
}

/** `browser.provider` for one engine; the project's instance is `{ browser: engine }`. */
export function debianEngine(engine: Engine): BrowserProviderOption {
  return defineBrowserProvider({
    name: 'debian-engine',
    providerFactory: () => new DebianEngineProvider(engine),
  });
}
