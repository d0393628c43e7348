// The Next.js example (examples/nextjs, copied to a temporary directory by scripts/nextjs-example.sh with the
// packed package installed): next build → next start on 127.0.0.1, with the route-handler proxy in front of
// the simulator over HTTP, then Chromium. Prints the figures it measured (build time, time to first message).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromiumLaunch.mjs';
import { createSteps, WAIT } from '../e2e/harness.mjs';

// Chromium only, through Playwright: this test reads request headers and console messages.
const launchChromium = () =>
  chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });

const app = process.argv[2];
if (!app) throw new Error('usage: node test/consumer/nextjs.e2e.mjs <appDir>');
const CASE_ID = 'CS20250315000333';
const LATEST = '建议先添加索引';
const next = `${app}/node_modules/next/dist/bin/next`;

/** Starts a process of ours in its own group; resolves once a line of its output matches `ready`. */
function start(command, args, { cwd, env, ready }) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true });
  let output = '';
  const started = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) resolve(match);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited (${code}):\n${output.slice(-2000)}`)),
    );
  });
  const stop = () => {
    if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  return { started, stop, output: () => output };
}

function run(command, args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('exit', (code) => {
      if (code === 0) return resolve(output);
      // The first error line leads (the step runner prints the first line of a failure).
      const first = output.split('\n').find((line) => /error/i.test(line)) ?? `exit code ${code}`;
      reject(new Error(`${first.trim()}\n${output.slice(-3000)}`));
    });
  });
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const env = { NEXT_TELEMETRY_DISABLED: '1' };
const processes = [];
let browser;
const figures = {};
const { run: runSteps } = createSteps('chromium');
const ok = await runSteps(
  async (step) => {
    const simulator = start(process.execPath, ['simulator/serve.mjs', '--port', '0'], {
      cwd: new URL('../..', import.meta.url).pathname,
      ready: /simulator: (http:\/\/127\.0\.0\.1:\d+) \(X-Auth-Token: (\S+)\)/,
    });
    processes.push(simulator);
    const [, simUrl, realToken] = await simulator.started;
    Object.assign(env, { TICKET_API_URL: simUrl, TICKET_API_TOKEN: realToken });

    await step('nextjs: next build (the README snippet prerenders)', async () => {
      const began = performance.now();
      await run(process.execPath, [next, 'build'], { cwd: app, env });
      figures.buildSeconds = ((performance.now() - began) / 1000).toFixed(1);
    });

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = start(process.execPath, [next, 'start', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: app,
      env,
      ready: /Ready in/,
    });
    processes.push(server);
    await server.started;

    // The page prefetches on the server: the first HTML holds the thread, and its dehydrated cache holds the
    // cursor the browser's first poll must send (the RSC payload escapes the quotes).
    let prefetchedCursor;
    await step('nextjs: the first HTML shows the latest message, no skeleton, no token', async () => {
      const html = await (await fetch(`${base}/`)).text();
      if (html.includes(realToken)) throw new Error('the page carries the real token');
      if (!html.includes(LATEST)) throw new Error('the first HTML lacks the latest message');
      if (/data-state="loading"|aria-busy="true"/.test(html))
        throw new Error('the first HTML shows a skeleton');
      prefetchedCursor = /\\*"cursor\\*":\\*"([^"\\]+)/.exec(html)?.[1];
      if (!prefetchedCursor) throw new Error('the first HTML carries no prefetched thread cursor');
    });

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    page.setDefaultTimeout(WAIT);
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || /hydrat/i.test(message.text())) {
        problems.push(`console.${message.type()}: ${message.text()}`);
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    const apiRequests = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/osm/')) apiRequests.push(request);
    });
    const log = page.getByRole('log');
    // Whether the chat ever showed its loading skeleton in the browser (hydration must keep the SSR thread),
    // and when the latest message first entered the document (the parser's insertions are mutations too).
    await page.addInitScript((latest) => {
      new MutationObserver(() => {
        if (document.querySelector('[data-state="loading"], [aria-busy="true"]'))
          window.__skeletonSeen = true;
        if (window.__latestAt === undefined && document.body?.textContent.includes(latest)) {
          window.__latestAt = performance.now();
        }
      }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    }, LATEST);
    const isThreadPoll = (url) => url.pathname.endsWith('/v2/servicerequest/cases/instant-messages');
    const threadPolls = () => apiRequests.map((request) => new URL(request.url())).filter(isThreadPoll);

    // The chat chunk (thread and composer) arrives late, as on a slow network: whatever the page does
    // meanwhile (the cross-tab election, the badges' polls) must not turn its hydration into a client
    // render, which would replace the server's thread by the skeleton until the chunk is there.
    let chatChunkDelayed = false;
    await page.route('**/_next/static/chunks/**', async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      if (body.includes('tc-thread__jump')) {
        chatChunkDelayed = true;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await route.fulfill({ response, body });
    });

    await step('nextjs: the chat shows the ticket messages through the /osm proxy', async () => {
      await page.goto(base);
      await log.getByText(LATEST).waitFor();
      // When the message entered the document (the server's HTML: the delayed chunk does not hold it).
      figures.latestMessageInDocumentMs = Math.round(await page.evaluate(() => window.__latestAt));
    });

    await step('nextjs: after hydration polling continues from the prefetched cursor', async () => {
      if (threadPolls().length === 0)
        await page.waitForRequest((request) => isThreadPoll(new URL(request.url())));
      const polls = threadPolls();
      if (polls.length === 0) throw new Error('the browser never polled the thread');
      const first = polls[0].searchParams.get('last_message_time_id');
      if (first !== prefetchedCursor) {
        throw new Error(
          `the first poll sent last_message_time_id=${first}, not the prefetched ${prefetchedCursor}`,
        );
      }
      if (!chatChunkDelayed) throw new Error('no script with the chat chunk was seen to delay');
      if (await page.evaluate(() => window.__skeletonSeen === true)) {
        throw new Error('the browser showed the loading skeleton');
      }
    });

    await step('nextjs: polling goes on through the proxy', async () => {
      const reply = `Reply posted at ${Date.now()}`;
      const posted = await fetch(`${simUrl}/__simulator/tickets/${CASE_ID}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: reply }),
      });
      if (!posted.ok) throw new Error(`the simulator refused the reply: ${posted.status}`);
      await log.getByText(reply).waitFor();
      const fromScratch = threadPolls().filter((url) => !url.searchParams.get('last_message_time_id'));
      if (fromScratch.length)
        throw new Error(`${fromScratch.length} poll(s) fetched the thread from scratch`);
      figures.threadPolls = threadPolls().length;
      // NEXTJS_SCREENSHOT=/tmp/x.png keeps a picture of the page to look at (never committed).
      if (process.env.NEXTJS_SCREENSHOT) await page.screenshot({ path: process.env.NEXTJS_SCREENSHOT });
    });

    await step('nextjs: no request from the browser carries the real token', async () => {
      if (apiRequests.length < 2) throw new Error(`only ${apiRequests.length} API request(s) seen`);
      const leaked = (
        await Promise.all(apiRequests.map(async (r) => JSON.stringify(await r.allHeaders()) + r.url()))
      ).filter((text) => text.includes(realToken));
      if (leaked.length) throw new Error(`${leaked.length} request(s) carry the real token`);
    });

    await step('nextjs: no console errors, no hydration warnings', async () => {
      if (problems.length) throw new Error(problems.join('\n'));
    });
  },
  async () => {
    await browser?.close();
    for (const child of processes) child.stop();
    process.stdout.write(`nextjs figures: ${JSON.stringify(figures)}\n`);
  },
);
process.exit(ok ? 0 : 1);
