// Debian's three browser engines and how each is launched, shared by vitest's browser projects
// (vite.config.ts, test/vitestEngines.ts) and the end-to-end driver (test/e2e/driver.mjs). Plain JS so Node
// runs it as is. Nothing here downloads a browser or a driver: the binaries come from apt.
//   chromium     Debian `chromium`, over CDP (playwright-core for vitest, puppeteer-core for e2e)
//   firefox      Debian `firefox-esr`, over WebDriver BiDi (puppeteer-core; Debian has no geckodriver)
//   webkit       Debian `webkit2gtk-driver`: WebKitWebDriver + MiniBrowser, classic WebDriver
//                (selenium-webdriver), in a virtual X display (`xvfb-run`) when there is no DISPLAY
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';
import { chromiumArgs, chromiumPath } from './chromiumLaunch.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const miniBrowserPath =
  process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const webKitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? 'WebKitWebDriver';

/** Chromium (CDP) or Firefox ESR (WebDriver BiDi), headless, as a puppeteer-core Browser. */
export function launchPuppeteer(engine) {
  if (engine === 'chromium') {
    return puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  }
  if (engine === 'firefox') {
    return puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath, headless: true });
  }
  throw new Error(`puppeteer does not drive ${engine}`);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * WebKitWebDriver on a free port with a selenium-webdriver session on MiniBrowser. `quit()` ends the
 * session and the driver process group (and the Xvfb that `xvfb-run` started for it).
 */
export async function launchWebKit() {
  const port = await freePort();
  const command = [webKitDriverPath, `--port=${port}`];
  // MiniBrowser needs an X display; xvfb-run -a picks a free one and exits with the driver.
  const [file, ...args] = process.env.DISPLAY ? command : ['xvfb-run', '-a', ...command];
  const child = spawn(file, args, { detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    await exited;
  };
  const server = `http://127.0.0.1:${port}`;
  try {
    await waitForDriver(server, exited);
    const driver = await new Builder()
      .usingServer(server)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
      })
      .build();
    return {
      driver,
      quit: async () => {
        await driver.quit().catch(() => {});
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForDriver(server, exited) {
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 15_000;
  while (!gone && Date.now() < deadline) {
    const ready = await fetch(`${server}/status`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(gone ? 'WebKitWebDriver exited' : 'WebKitWebDriver did not start within 15 s');
}
