// End-to-end: two tabs of the built demo portal on one ticket share ONE poller (leader election +
// cache broadcast), in one engine (E2E_ENGINE). Each page runs its own simulator behind its own MSW worker
// client, so a reply posted to the leader's simulator can reach the follower only through the cross-tab
// cache sync. It needs BroadcastChannel: every engine here has it, and the first step fails if one lacks it.
// Usage: E2E_ENGINE=webkit node test/e2e/two-tabs.e2e.mjs [baseUrl]  (default: serves demo/dist).
import { openPortal, postAgentReply } from './harness.mjs';

/** How long both tabs are watched: the thread polls every 3 s, so a leader polls at least twice. */
const WINDOW_MS = 7_000;
const BILLING = 'CS20250310000088';
const POLL = '/cases/instant-messages';
const UNREAD_POLL = '/cases/instant-messages/unread';
const LOG = 'section.tc-chat [role="log"]';

const { base, browser, run } = await openPortal();

/** A tab of the portal on the billing ticket; its polls are counted in the page (resource timing). */
async function openTab(name) {
  const page = await browser.newTab({ width: 1280, height: 800 });
  const tab = { name, page };
  await page.goto(`${base}?quiet#/tickets/${BILLING}`);
  return tab;
}
const polls = (tab) => tab.page.requests(POLL);
/** The page's clock (performance.now()): the time base of its resource timing entries. */
const pageNow = (tab) => tab.page.evaluate(() => performance.now());
/** Start times of the tab's ended thread polls (an entry exists once answered; in Firefox also once aborted). */
const pollStarts = (tab) =>
  tab.page.evaluate(
    (suffix) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.endsWith(suffix))
        .map((e) => e.startTime),
    POLL,
  );
/** Simulates the tab being hidden or shown: the visibility state and its event, as the browser sends them. */
const setHidden = (tab, hidden) =>
  tab.page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (h ? 'hidden' : 'visible'),
    });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, hidden);
const counts = async (tabs) =>
  (
    await Promise.all(
      tabs.map(
        async (t) => `${t.name}: ${await polls(t)} polls, ${await t.page.requests(UNREAD_POLL)} unread polls`,
      ),
    )
  ).join('; ');
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Grants notifications in the page with a stand-in for the browser's Notification that records what is
 * shown (a driven browser cannot answer the permission prompt, and no engine shows one headless).
 */
const grantNotifications = (tab) =>
  tab.page.evaluate(() => {
    window.__notifications = [];
    class Recorded {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      constructor(title, options) {
        window.__notifications.push({ title, body: options?.body, tag: options?.tag });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: Recorded });
  });
const notifications = (tab) => tab.page.evaluate(() => window.__notifications ?? []);
const title = (tab) => tab.page.evaluate(() => document.title);
const TITLE = 'Support portal · ticket-chat demo';
/** `from`'s own simulator posts a reply on the billing ticket; it must show in `shownIn`'s thread. */
async function replyShows(from, shownIn, text) {
  await postAgentReply(from.page, BILLING, text);
  await shownIn.page.waitForText(text, LOG);
}

const ok = await run(async (step) => {
  // Pages of one browser share the origin's BroadcastChannel and Web Locks, like two real tabs.
  let tabs = [];
  let leader;
  let follower;

  await step('two tabs: both show the ticket history', async () => {
    tabs = [await openTab('tab A')];
    await tabs[0].page.waitForText('The refund has been issued', LOG);
    if (!(await tabs[0].page.evaluate(() => typeof BroadcastChannel === 'function'))) {
      throw new Error('this engine has no BroadcastChannel');
    }
    tabs.push(await openTab('tab B'));
    // The second tab starts as a follower: it has the history through the cache sync (and maybe its own
    // first poll, below).
    await tabs[1].page.waitForText('The refund has been issued', LOG);
    for (const tab of tabs) tab.shownAt = await pageNow(tab);
  });
  await step(`two tabs: only one page starts polls over ${WINDOW_MS / 1000} s`, async () => {
    // Polls are told apart by when they STARTED: the follower's one poll from before it heard the leader
    // may still be answered inside the window.
    const since = await Promise.all(tabs.map(pageNow));
    await pause(WINDOW_MS); // an observation window: the polls both tabs start in it are the result
    const started = await Promise.all(
      tabs.map(async (t, i) => (await pollStarts(t)).filter((at) => at > since[i]).length),
    );
    const polling = tabs.filter((_, i) => started[i] > 0);
    if (polling.length !== 1)
      throw new Error(
        `expected exactly one polling page (started in the window: ${started.join(', ')}; ${await counts(tabs)})`,
      );
    leader = polling[0];
    follower = tabs.find((t) => t !== leader);
    console.log(`    ${await counts(tabs)} (since each page opened)`);
  });
  await step(
    "two tabs: the follower polled its thread at most once, before it had the leader's thread; badges never",
    async () => {
      // A new tab polls its thread at open, before it can have heard the leader; when the leader says it
      // covers the thread (its messages are here by then) that poll is dropped if still on its way, and
      // the tab starts none.
      const starts = await pollStarts(follower);
      if (
        starts.length > 1 ||
        starts.some((at) => at > follower.shownAt) ||
        (await follower.page.requests(UNREAD_POLL)) !== 0
      ) {
        throw new Error(
          `the follower polled (${await counts(tabs)}; thread polls started at ${starts.map(Math.round).join(', ')} ms, history shown by ${Math.round(follower.shownAt)} ms)`,
        );
      }
    },
  );
  await step("two tabs: the follower shows a reply from the leader's backend", async () => {
    const polled = await polls(follower);
    await replyShows(leader, follower, 'Your duplicate charge has been reversed (two-tab check).');
    if ((await polls(follower)) !== polled) throw new Error(`the follower polled (${await counts(tabs)})`);
  });
  await step('two tabs: when the leader tab is hidden, the visible tab takes over polling', async () => {
    // A hidden tab pauses its polling, so it must hand over the lead (the visibility is simulated: the
    // driven pages all count as visible).
    const started = Date.now();
    const followerPolls = await polls(follower);
    await setHidden(leader, true);
    await follower.page.waitForRequests(POLL, followerPolls);
    console.log(`    took over after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const hiddenPolls = await polls(leader);
    await pause(4_000); // an observation window: the hidden tab must not poll in it
    if ((await polls(leader)) !== hiddenPolls)
      throw new Error(`the hidden tab kept polling (${await counts(tabs)})`);
    // Shown again, the old leader stays a follower: the roles swap.
    await setHidden(leader, false);
    [leader, follower] = [follower, leader];
  });
  await step(
    'two tabs, notify: with both tabs hidden one keeps polling; a burst of replies is ONE notification',
    async () => {
      await Promise.all(tabs.map(grantNotifications));
      // The follower first: the leader, hidden with nobody visible waiting, keeps the lead (notify is on).
      await setHidden(follower, true);
      await setHidden(leader, true);
      const polled = await polls(leader);
      await leader.page.waitForRequests(POLL, polled);
      await postAgentReply(leader.page, BILLING, 'Refund sent (hidden check one).');
      await leader.page.waitFor((t) => document.title === t, `(1) ${TITLE}`, 'the title count (1)');
      await postAgentReply(leader.page, BILLING, 'And the invoice is corrected (hidden check two).');
      for (const tab of tabs)
        await tab.page.waitFor(
          (t) => document.title === t,
          `(2) ${TITLE}`,
          `${tab.name}: the title count (2)`,
        );
      const shown = (await Promise.all(tabs.map(notifications))).flat();
      if (shown.length !== 1)
        throw new Error(`expected one notification for the burst, got ${JSON.stringify(shown)}`);
      const [note] = shown;
      if (!note.body?.endsWith(': Refund sent (hidden check one).') || note.tag !== 'ticket-chat:notify')
        throw new Error(`unexpected notification ${JSON.stringify(note)}`);
      if ((await notifications(leader)).length !== 1)
        throw new Error('the notification came from the follower');
      const icon = await follower.page.evaluate(() => document.querySelector('link[rel~="icon"]')?.href);
      if (!icon?.startsWith('data:image/png')) throw new Error(`no dotted favicon in the follower (${icon})`);
    },
  );
  await step('two tabs, notify: the tab shown takes the lead, its title and icon are restored', async () => {
    const followerPolls = await polls(follower);
    await setHidden(follower, false);
    await follower.page.waitForRequests(POLL, followerPolls);
    await follower.page.waitFor((t) => document.title === t, TITLE, 'the title without a count');
    const icon = await follower.page.evaluate(() =>
      document.querySelector('link[rel~="icon"]')?.getAttribute('href'),
    );
    if (icon?.startsWith('data:')) throw new Error(`the favicon was not restored (${icon})`);
    if ((await title(leader)) !== `(2) ${TITLE}`) throw new Error('the hidden tab lost its count');
    await setHidden(leader, false);
    await leader.page.waitFor((t) => document.title === t, TITLE, 'the title without a count');
    [leader, follower] = [follower, leader];
  });
  await step('two tabs, notify: a tab opened while the poller is hidden takes the lead at once', async () => {
    await setHidden(follower, true);
    await setHidden(leader, true);
    const polled = await polls(leader);
    await leader.page.waitForRequests(POLL, polled); // hidden, it still polls (nobody visible wanted the lead)
    const extra = await openTab('tab C');
    // More than the one poll a follower makes before it is covered: the new, visible tab leads.
    await extra.page.waitForRequests(POLL, 1);
    const hiddenPolls = await polls(leader);
    await pause(4_000); // an observation window: the tab that handed over must not poll in it
    if ((await polls(leader)) !== hiddenPolls)
      throw new Error(`the hidden tab kept polling (${await counts([...tabs, extra])})`);
    extra.closedErrors = await extra.page.errors();
    await extra.page.close();
    tabs.push(extra);
    // Shown again in this order, the old leader stands first and leads again.
    await setHidden(leader, false);
    await setHidden(follower, false);
  });
  await step('two tabs: the follower takes over polling within 15 s after the leader closes', async () => {
    const started = Date.now();
    const followerPolls = await polls(follower);
    const errors = await leader.page.errors();
    await leader.page.close();
    await follower.page.waitForRequests(POLL, followerPolls);
    console.log(`    took over after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    leader.closedErrors = errors;
  });
  await step('two tabs: the new poller shows a reply from its own backend', async () => {
    await replyShows(follower, follower, 'Anything else we can help with? (after the takeover)');
  });
  await step('two tabs: no page errors', async () => {
    const all = await Promise.all(
      tabs.map(async (t) => (t.closedErrors ?? (await t.page.errors())).map((e) => `${t.name}: ${e}`)),
    );
    const errors = all.flat();
    if (errors.length) throw new Error(errors.join('\n'));
  });
});
process.exit(ok ? 0 : 1);
