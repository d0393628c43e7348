// End-to-end: two tabs of the built demo portal on one ticket share ONE poller (leader election +
// cache broadcast). Each page runs its own simulator behind its own MSW worker client, so a reply posted
// to the leader's simulator can reach the follower only through the cross-tab cache sync.
// Usage: node test/e2e/two-tabs.e2e.mjs [baseUrl]  (default: serves demo/dist with `vite preview`).
import { openPortal, postAgentReply, WAIT } from './harness.mjs';

/** How long both tabs are watched: the thread polls every 3 s, so a leader polls at least twice. */
const WINDOW_MS = 7_000;
const BILLING = 'CS20250310000088';

const { base, browser, run } = await openPortal();

/** A tab of the portal on the billing ticket, counting its thread polls and batched unread polls. */
async function openTab(context, name) {
  const page = await context.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(WAIT);
  const tab = { name, page, polls: 0, unreadPolls: 0, errors: [] };
  page.on('pageerror', (e) => tab.errors.push(e.message));
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.endsWith('/cases/instant-messages')) tab.polls += 1;
    else if (pathname.endsWith('/cases/instant-messages/unread')) tab.unreadPolls += 1;
  });
  await page.goto(`${base}?quiet#/tickets/${BILLING}`);
  return tab;
}
/** Simulates the tab being hidden or shown: the visibility state and its event, as the browser sends them. */
const setHidden = (page, hidden) =>
  page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (h ? 'hidden' : 'visible'),
    });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, hidden);
const log = (tab) => tab.page.getByRole('region').getByRole('log');
const isPoll = (request) => new URL(request.url()).pathname.endsWith('/cases/instant-messages');
const counts = (tabs) =>
  tabs.map((t) => `${t.name}: ${t.polls} polls, ${t.unreadPolls} unread polls`).join('; ');
/** `from`'s own simulator posts a reply on the billing ticket; it must show in `shownIn`'s thread. */
async function replyShows(from, shownIn, text) {
  await postAgentReply(from.page, BILLING, text);
  await log(shownIn).getByText(text).waitFor();
}

const ok = await run(async (step) => {
  // One context: the two pages share the origin's BroadcastChannel and Web Locks, like two real tabs.
  const context = await browser.newContext();
  let tabs = [];
  let leader;
  let follower;

  await step('two tabs: both show the ticket history', async () => {
    tabs = [await openTab(context, 'tab A')];
    await log(tabs[0])
      .getByText(/The refund has been issued/)
      .waitFor();
    tabs.push(await openTab(context, 'tab B'));
    // The second tab starts as a follower: it has the history only through the cache sync.
    await log(tabs[1])
      .getByText(/The refund has been issued/)
      .waitFor();
  });
  await step(`two tabs: only one page polls over ${WINDOW_MS / 1000} s`, async () => {
    const before = tabs.map((t) => t.polls);
    await tabs[0].page.waitForTimeout(WINDOW_MS);
    const polling = tabs.filter((t, i) => t.polls > before[i]);
    if (polling.length !== 1) throw new Error(`expected exactly one polling page (${counts(tabs)})`);
    leader = polling[0];
    follower = tabs.find((t) => t !== leader);
    console.log(`    ${counts(tabs)} (since each page opened)`);
  });
  await step(
    'two tabs: the follower polled its thread at most once (before the leader covered it), badges never',
    async () => {
      // A new tab shows its thread at once with one poll of its own, then stops when the leader announces it.
      if (follower.polls > 1 || follower.unreadPolls !== 0) {
        throw new Error(`the follower polled (${counts(tabs)})`);
      }
    },
  );
  await step("two tabs: the follower shows a reply from the leader's backend", async () => {
    const polled = follower.polls;
    await replyShows(leader, follower, 'Your duplicate charge has been reversed (two-tab check).');
    if (follower.polls !== polled) throw new Error(`the follower polled (${counts(tabs)})`);
  });
  await step('two tabs: when the leader tab is hidden, the visible tab takes over polling', async () => {
    // A hidden tab pauses its polling, so it must hand over the lead (the visibility is simulated: headless
    // pages of one context all count as visible).
    const started = Date.now();
    const firstPoll = follower.page.waitForRequest(isPoll, { timeout: WAIT });
    await setHidden(leader.page, true);
    await firstPoll;
    console.log(`    took over after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const hiddenPolls = leader.polls;
    await follower.page.waitForTimeout(4_000);
    if (leader.polls !== hiddenPolls) throw new Error(`the hidden tab kept polling (${counts(tabs)})`);
    // Shown again, the old leader stays a follower: the roles swap.
    await setHidden(leader.page, false);
    [leader, follower] = [follower, leader];
  });
  await step('two tabs: the follower takes over polling within 15 s after the leader closes', async () => {
    const started = Date.now();
    const firstPoll = follower.page.waitForRequest(isPoll, { timeout: WAIT });
    await leader.page.close();
    await firstPoll;
    console.log(`    took over after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  await step('two tabs: the new poller shows a reply from its own backend', async () => {
    await replyShows(follower, follower, 'Anything else we can help with? (after the takeover)');
  });
  await step('two tabs: no page errors', async () => {
    const errors = tabs.flatMap((t) => t.errors.map((e) => `${t.name}: ${e}`));
    if (errors.length) throw new Error(errors.join('\n'));
  });
  await context.close();
});
process.exit(ok ? 0 : 1);
