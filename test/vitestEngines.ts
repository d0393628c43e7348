// A Vitest browser provider for the engines Playwright cannot drive here: Firefox ESR (puppeteer-core over
// WebDriver BiDi; Playwright's BiDi needs commands this Firefox lacks, and Debian has no geckodriver for
// webdriverio) and WebKitGTK (selenium-webdriver + WebKitWebDriver, MiniBrowser). It opens Vitest's tester
// page; tests run in the page and report over Vitest's own channel. `userEvent` works through the commands
// below, performed with the engine's own input — real pointer and key events, and files set on the input as
// the file dialog would: `click`, `type`, `keyboard`, `tab`, `upload`. Anything else (`page.screenshot`,
// `fill`, `hover`, `wheel`, `dragAndDrop`, ...) is refused by Vitest as unsupported: such tests run in Chromium.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBrowserProvider, parseKeyDef } from '@vitest/browser';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import type { BrowserCommandContext, BrowserProvider, BrowserProviderOption, TestProject } from 'vitest/node';
import { launchPuppeteer, launchWebKit } from './engines.mjs';

type Engine = 'firefox' | 'webkit';

/** Vitest's preview provider's dist: its client files serve this provider too. */
const previewDist = path.dirname(fileURLToPath(import.meta.resolve('@vitest/browser-preview')));
const locators = fileURLToPath(new URL('./vitestEngineLocators.ts', import.meta.url));

/** One key going down or up; `key` is a `KeyboardEvent.key` value ("a", "Enter", "Shift"). */
type KeyStep = { down: boolean; key: string };

/** What each engine's driver does; the commands are written once on top of it. */
interface EngineInput {
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  /** Presses and releases keys in order, to whatever has focus. */
  keys(steps: KeyStep[]): Promise<void>;
  /** Sets the files of an `<input type="file">` from paths on this machine, as the file dialog does. */
  setFiles(selector: string, paths: string[]): Promise<void>;
  close(): Promise<void>;
}

const TESTER = 'iframe[data-vitest="true"]';

/** Firefox over WebDriver BiDi: puppeteer's element handles in the tester frame, its mouse and keyboard. */
async function firefoxInput(browser: Browser, page: Page): Promise<EngineInput> {
  const element = async (selector: string): Promise<ElementHandle<Element>> => {
    const frame = await (await page.waitForSelector(TESTER))?.contentFrame();
    const handle = await frame?.$(selector);
    if (!handle) throw new Error(`firefox: no element matches ${selector}`);
    return handle;
  };
  // The element's centre in the window, after scrolling it into view. Vitest scales the tester frame to fit
  // its panel (a CSS transform), which puppeteer's clickable point over BiDi does not account for.
  const centre = async (selector: string) => {
    const handle = await element(selector);
    const inFrame = await handle.evaluate((el) => {
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const { x, y, width, height } = el.getBoundingClientRect();
      return { x: x + width / 2, y: y + height / 2, frameWidth: window.innerWidth };
    });
    const frame = await page.$eval(TESTER, (el) => {
      const { x, y, width } = el.getBoundingClientRect();
      return { x, y, width };
    });
    const scale = frame.width / inFrame.frameWidth;
    return { x: frame.x + inFrame.x * scale, y: frame.y + inFrame.y * scale };
  };
  return {
    async click(selector) {
      const { x, y } = await centre(selector);
      await page.mouse.click(x, y);
    },
    async focus(selector) {
      await (await element(selector)).focus();
    },
    async keys(steps) {
      // puppeteer's names are KeyboardEvent.key values; any single character is sent as typed.
      for (const { down, key } of steps) {
        const name = key as Parameters<Page['keyboard']['down']>[0];
        await (down ? page.keyboard.down(name) : page.keyboard.up(name));
      }
    },
    async setFiles(selector, paths) {
      await ((await element(selector)) as ElementHandle<HTMLInputElement>).uploadFile(...paths);
    },
    close: () => browser.close(),
  };
}

/** KeyboardEvent.key names to WebDriver's key code points (single characters are sent as they are). */
const WEBDRIVER_KEYS: Record<string, string> = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: ' ',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};

function webDriverKey(key: string): string {
  const code = WEBDRIVER_KEYS[key] ?? ([...key].length === 1 ? key : undefined);
  if (code === undefined) throw new Error(`webkit: no WebDriver key for "${key}"`);
  return code;
}

type WebKit = Awaited<ReturnType<typeof launchWebKit>>;

/** WebKitGTK over classic WebDriver: elements found in the tester frame, WebDriver actions for input. */
async function webKitInput({ driver, quit }: WebKit): Promise<EngineInput> {
  // Into the CURRENT tester frame before every command: Vitest replaces the frame between test files, and
  // a context left in the old one fails the next command with NoSuchFrameError.
  const enterTester = async () => {
    await driver.switchTo().defaultContent();
    await driver.switchTo().frame(await driver.findElement({ css: TESTER }));
  };
  const element = async (selector: string) => {
    await enterTester();
    return driver.findElement({ css: selector });
  };
  return {
    async click(selector) {
      // WebDriver's element click: scrolled into view, a real pointer press at its centre.
      await (await element(selector)).click();
    },
    async focus(selector) {
      await driver.executeScript('arguments[0].focus()', await element(selector));
    },
    async keys(steps) {
      if (steps.length === 0) return;
      await enterTester();
      let actions = driver.actions();
      for (const { down, key } of steps)
        actions = down ? actions.keyDown(webDriverKey(key)) : actions.keyUp(webDriverKey(key));
      await actions.perform();
      // Keys a test holds on purpose ({Shift>}) stay down; otherwise release the input state, or
      // WebKitWebDriver carries it into the next sequence.
      if (steps.filter((s) => s.down).length === steps.filter((s) => !s.down).length)
        await driver.actions().clear();
    },
    async setFiles(selector, paths) {
      // WebDriver's "element send keys" on a file input sets its files, one path per line.
      await (await element(selector)).sendKeys(paths.join('\n'));
    },
    close: quit,
  };
}

/**
 * A folder for the files tests upload, removed with the browser: the page reads a picked file lazily, so each
 * stays until then. A folder per file keeps its own name (the page sees the basename).
 */
async function uploadFolder() {
  const folder = await mkdtemp(path.join(tmpdir(), 'ticket-chat-vitest-'));
  let count = 0;
  return {
    async write(name: string, bytes: Buffer) {
      const own = path.join(folder, String(count++));
      await mkdir(own);
      const file = path.join(own, name);
      await writeFile(file, bytes);
      return file;
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

class DebianEngineProvider implements BrowserProvider {
  name = 'debian-engine';
  supportsParallelism = false;
  distRoot = previewDist;
  initScripts = [locators];
  input: EngineInput | null = null;
  uploads: Awaited<ReturnType<typeof uploadFolder>> | null = null;

  constructor(
    readonly engine: Engine,
    project: TestProject,
  ) {
    for (const [name, command] of Object.entries(commands))
      project.browser?.registerCommand(name as never, command as never);
  }

  getCommandsContext() {
    return {};
  }

  async openPage(_sessionId: string, url: string) {
    await this.close();
    this.uploads = await uploadFolder();
    if (this.engine === 'firefox') {
      const browser = await launchPuppeteer('firefox');
      const page = (await browser.pages())[0] ?? (await browser.newPage());
      this.input = await firefoxInput(browser, page);
      await page.goto(url);
    } else {
      const webKit = await launchWebKit();
      this.input = await webKitInput(webKit);
      await webKit.driver.get(url);
    }
  }

  async close() {
    await this.input?.close();
    await this.uploads?.remove();
    this.input = null;
    this.uploads = null;
  }
}

function inputOf(context: BrowserCommandContext): EngineInput {
  const { input } = context.provider as DebianEngineProvider;
  if (!input) throw new Error('the browser is not open');
  return input;
}

/**
 * Keys of a `userEvent.keyboard` text ("abc{Enter}", "{Shift>}{Enter}{/Shift}") as steps, from the keys
 * still held (`held` is updated): what Vitest's Playwright provider does, with every key a real key event.
 */
function keySteps(text: string, held: Set<string>): KeyStep[] {
  const steps: KeyStep[] = [];
  for (const { keyDef, releasePrevious, releaseSelf, repeat } of parseKeyDef(text)) {
    const key = keyDef.key ?? '';
    if (held.has(key)) {
      steps.push({ down: false, key });
      held.delete(key);
    }
    if (releasePrevious) continue;
    for (let i = 0; i < repeat; i++) steps.push({ down: true, key });
    if (releaseSelf) steps.push({ down: false, key });
    else held.add(key);
  }
  return steps;
}

type KeyboardState = { unreleased?: string[] };
type UploadFile = string | { name: string; mimeType: string; base64: string };

const commands = {
  async __vitest_click(context: BrowserCommandContext, selector: string) {
    await inputOf(context).click(selector);
  },
  async __vitest_keyboard(context: BrowserCommandContext, text: string, state: KeyboardState) {
    const held = new Set(state.unreleased);
    await inputOf(context).keys(keySteps(text, held));
    return { unreleased: [...held] };
  },
  async __vitest_type(
    context: BrowserCommandContext,
    selector: string,
    text: string,
    options: KeyboardState & { skipClick?: boolean; skipAutoClose?: boolean } = {},
  ) {
    const input = inputOf(context);
    // As Playwright's provider: focus the field (no click, which could land on something over it).
    if (!options.skipClick) await input.focus(selector);
    const held = new Set(options.unreleased);
    const steps = keySteps(text, held);
    if (!options.skipAutoClose) for (const key of held) steps.push({ down: false, key });
    await input.keys(steps);
    return { unreleased: options.skipAutoClose ? [...held] : [] };
  },
  async __vitest_tab(context: BrowserCommandContext, options: { shift?: boolean } = {}) {
    const tab: KeyStep[] = [
      { down: true, key: 'Tab' },
      { down: false, key: 'Tab' },
    ];
    const shift = (down: boolean): KeyStep[] => (options.shift ? [{ down, key: 'Shift' }] : []);
    await inputOf(context).keys([...shift(true), ...tab, ...shift(false)]);
  },
  async __vitest_cleanup(context: BrowserCommandContext, state: KeyboardState) {
    await inputOf(context).keys((state.unreleased ?? []).map((key) => ({ down: false, key })));
  },
  async __vitest_upload(context: BrowserCommandContext, selector: string, files: UploadFile[]) {
    const { uploads } = context.provider as DebianEngineProvider;
    if (!uploads) throw new Error('the browser is not open');
    const root = context.project.config.root;
    const paths = await Promise.all(
      files.map((file) =>
        typeof file === 'string'
          ? path.resolve(root, file)
          : uploads.write(file.name, Buffer.from(file.base64, 'base64')),
      ),
    );
    await inputOf(context).setFiles(selector, paths);
  },
};

/** `browser.provider` for one engine; the project's instance is `{ browser: engine }`. */
export function debianEngine(engine: Engine): BrowserProviderOption {
  return defineBrowserProvider({
    name: 'debian-engine',
    providerFactory: (project) => new DebianEngineProvider(engine, project),
  });
}
