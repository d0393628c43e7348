// End-to-end: the built demo portal (simulator in the browser via MSW) in one engine (E2E_ENGINE:
// chromium, firefox or webkit; scripts/e2e.sh runs all three).
// Usage: E2E_ENGINE=firefox node test/e2e/portal.e2e.mjs [baseUrl]  (default: serves demo/dist).
import { mkdir } from 'node:fs/promises';
import { openPortal, postAgentReply } from './harness.mjs';

const BILLING = 'CS20250310000088';
const SSH = 'CS20250312000101'; // 300 messages: long enough to scroll
const NAV_LINK = 'nav[aria-label="Tickets"] a';
const LOG = 'section.tc-chat [role="log"]';
/** A valid 2x2 PNG (the one the attachment browser tests decode), in memory: no fixture file to keep. */
const SCREENSHOT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEUlEQVR42mNQTX79H4QZYAwAUe4JyQPp1FkAAAAASUVORK5CYII=',
  'base64',
);

// In the page: the thread viewport's distance from the bottom, the first visible message and its offset
// from the viewport's top, and the "new messages" button's text (null when absent).
const threadView = () => {
  const viewport = document.querySelector('.tc-thread__viewport');
  if (!viewport) return null;
  const top = viewport.getBoundingClientRect().top;
  const first = [...viewport.querySelectorAll('[data-message-key]')].find(
    (el) => el.getBoundingClientRect().bottom > top + 1,
  );
  return {
    distance: viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight,
    key: first?.dataset.messageKey ?? null,
    offset: first ? first.getBoundingClientRect().top - top : null,
    jump: document.querySelector('.tc-thread__jump')?.textContent ?? null,
  };
};
const atBottom = () => {
  const v = document.querySelector('.tc-thread__viewport');
  return v !== null && v.scrollHeight - v.scrollTop - v.clientHeight <= 2;
};
// In the page: resolves once the thread's scroll position has held for 5 frames (wheel scrolling may be
// smooth, and the rows it mounts are measured over a few frames).
const settled = () =>
  new Promise((resolve) => {
    const viewport = document.querySelector('.tc-thread__viewport');
    let last = viewport.scrollTop;
    let still = 0;
    const tick = () => {
      still = viewport.scrollTop === last ? still + 1 : 0;
      last = viewport.scrollTop;
      if (still >= 5) resolve(last);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
/** Scrolls the thread up like a reader, with the engine's own wheel input, by `pixels`. */
async function readUp(tab, pixels) {
  await tab.wheel('.tc-thread__viewport', -pixels);
  await tab.evaluate(settled);
}

const { base, browser, engine, run } = await openPortal();
const ok = await run(async (step) => {
  const tab = await browser.newTab({ width: 1280, height: 800 });
  const linkHas = (id, text) =>
    tab.waitFor(
      ([selector, i, t]) =>
        [...document.querySelectorAll(selector)].some(
          (a) => a.textContent.includes(i) && a.textContent.includes(t),
        ),
      [NAV_LINK, id, text],
      `"${text}" on ${id}'s link`,
    );
  async function send(text) {
    await tab.type(`${'section.tc-chat'} textarea`, text);
    await tab.click('section.tc-chat button', 'Send');
    await tab.waitForText(text, LOG);
  }

  await step('portal opens with the ticket list', async () => {
    await tab.goto(`${base}?quiet`);
    await tab.waitForText(BILLING, NAV_LINK);
  });
  await step('unread badges show in the nav bar', async () => {
    await tab.waitForText('3 unread messages', 'nav[aria-label="Tickets"]'); // the RDS ticket
    await linkHas(BILLING, '1 unread message');
  });
  await step('a ticket opens with its history', async () => {
    await tab.click(NAV_LINK, BILLING);
    await tab.waitForText('The refund has been issued', LOG);
  });
  await step('an agent reply arrives by polling', async () => {
    await postAgentReply(tab, BILLING, 'The refund RF-88231 is now visible on your billing page.');
    await tab.waitForText('The refund RF-88231 is now visible on your billing page.', LOG);
  });
  await step('a sent message appears and is delivered', async () => {
    await send('Confirmed, I can see the refund now. Thank you!');
    await tab.waitFor(
      (text) =>
        [...document.querySelectorAll('[data-message-key]')].some(
          (el) =>
            el.textContent.includes(text) &&
            !el.querySelector('[data-delivery]') &&
            !el.closest('[data-delivery]'),
        ),
      'Confirmed, I can see the refund',
      'the sent message to be delivered',
    );
  });
  await step('attaching a screenshot shows its thumbnail after the next poll', async () => {
    const name = 'billing-page-screenshot.png';
    const text = 'Here is what the billing page shows.';
    // The composer's picker: a hidden <input type="file" multiple> behind the "Attach files" button.
    await tab.waitFor(
      () => document.querySelector('section.tc-chat button[aria-label="Attach files"]') !== null,
      undefined,
      'the "Attach files" button',
    );
    await tab.upload('section.tc-chat input[type="file"]', { name, bytes: SCREENSHOT_PNG });
    await tab.waitFor(
      () => document.querySelector('section.tc-chat .tc-pending__item[data-status="done"]') !== null,
      undefined,
      'the upload to finish',
    );
    await send(text);
    // The server's copy (no data-delivery: it came back in a poll) carries the attachment; its thumbnail
    // is an image named by the file, decoded.
    await tab.waitFor(
      ([t, alt]) =>
        [...document.querySelectorAll('[data-message-key]:not([data-delivery])')].some((row) => {
          if (!row.textContent.includes(t)) return false;
          const img = [...row.querySelectorAll('button.tc-thumb img')].find((i) => i.alt === alt);
          return img?.complete && img.naturalWidth > 0;
        }),
      [text, name],
      `the thumbnail of ${name} on the delivered message`,
    );
  });
  await step("the open ticket's badge clears (read)", async () => {
    await tab.waitFor(
      (id) => {
        const a = [...document.querySelectorAll('nav a')].find((el) => el.textContent.includes(id));
        return a !== undefined && a.querySelector('.tc-unread-badge') === null;
      },
      BILLING,
      "the billing ticket's badge to clear",
    );
  });
  await step('a dropped connection says "reconnecting", then polling recovers', async () => {
    await tab.evaluate(() => window.ticketChatDemo.model.injectFault({ kind: 'drop' }, { endpoint: 'poll' }));
    await tab.waitForText('Reconnecting', 'section.tc-chat [role="status"]');
    await postAgentReply(tab, BILLING, 'Sent while you were offline.');
    await tab.waitForText('Sent while you were offline.', LOG);
    await tab.waitFor(
      () => document.querySelector('section.tc-chat')?.dataset.state === 'ready',
      undefined,
      'the chat to be ready again',
    );
  });

  await step('a long thread opens at the bottom, in the virtual list', async () => {
    await tab.click(NAV_LINK, SSH);
    await tab.waitFor((id) => document.querySelector('section.tc-chat')?.textContent.includes(id), SSH);
    // 300 messages: the newest rows show at once, the virtualizer chunk follows (lazy loaded); the
    // reader scrolls once it is in.
    await tab.waitFor(
      () => document.querySelector('.tc-thread')?.dataset.mode === 'virtual',
      undefined,
      'the virtual list',
    );
    await tab.waitFor(atBottom, undefined, 'the long thread at the bottom');
  });
  await step('scrolled up: a new reply keeps the reader in place and offers a jump', async () => {
    await readUp(tab, 3000);
    const before = await tab.evaluate(threadView);
    if (before.distance < 1000)
      throw new Error(`the wheel did not scroll the thread (${JSON.stringify(before)})`);
    await postAgentReply(tab, SSH, 'A reply while you read the history.');
    const after = await tab
      .waitFor(
        () => {
          const jump = document.querySelector('.tc-thread__jump');
          return jump ? true : null;
        },
        undefined,
        'the "new messages" button',
      )
      .then(() => tab.evaluate(threadView));
    if (after.key !== before.key || Math.abs(after.offset - before.offset) > 1) {
      throw new Error(`the reader moved: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
    if (!/1 new message/.test(after.jump)) throw new Error(`jump button says "${after.jump}"`);
  });
  await step('the jump button scrolls to the newest message', async () => {
    await tab.click('.tc-thread__jump');
    await tab.waitFor(atBottom, undefined, 'the thread at the bottom after the jump');
    await tab.waitForText('A reply while you read the history.', LOG);
  });
  await step('sending while scrolled up scrolls to the bottom', async () => {
    await readUp(tab, 1200);
    const view = await tab.evaluate(threadView);
    if (view.distance < 600) throw new Error(`the wheel did not scroll the thread (${JSON.stringify(view)})`);
    await send('Still timing out after the security group change.');
    await tab.waitFor(atBottom, undefined, 'the thread at the bottom after sending');
  });
  await step('no page errors', async () => {
    const errors = await tab.errors();
    if (errors.length) throw new Error(errors.join('\n'));
  });
  await mkdir('screenshots', { recursive: true });
  // The README's picture (Chromium) is refreshed only on request, so a test run leaves the work tree clean.
  const shot =
    process.env.UPDATE_DOCS_SCREENSHOT && engine === 'chromium'
      ? 'docs/demo.png'
      : `screenshots/demo-${engine}.png`;
  // Finished transitions only (the Send button fades to its disabled look after the last send); the
  // spinner's endless animation is not waited for.
  await tab.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished),
    ),
  );
  await tab.screenshot(shot);
  console.log(`  screenshot: ${shot}`);
});
process.exit(ok ? 0 : 1);
