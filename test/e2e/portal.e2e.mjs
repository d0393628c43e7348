// End-to-end: the built demo portal (simulator in the browser via MSW) in Debian's Chromium.
// Usage: node test/e2e/portal.e2e.mjs [baseUrl]  (default: serves demo/dist with `vite preview`).
import { mkdir } from 'node:fs/promises';
import { openPortal, postAgentReply, WAIT } from './harness.mjs';

const { base, browser, run } = await openPortal();
const ok = await run(async (step) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(WAIT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const BILLING = 'CS20250310000088';
  const nav = page.getByRole('navigation', { name: 'Tickets' });
  const link = (id) => nav.getByRole('link', { name: new RegExp(id) });
  const chat = page.getByRole('region').filter({ has: page.getByRole('log') });

  await step('portal opens with the ticket list', async () => {
    await page.goto(`${base}?quiet`);
    await link(BILLING).waitFor();
  });
  await step('unread badges show in the nav bar', async () => {
    await nav.getByText('3 unread messages').waitFor(); // the RDS ticket
    await link(BILLING).getByText('1 unread message').waitFor();
  });
  await step('a ticket opens with its history', async () => {
    await link(BILLING).click();
    await chat
      .getByRole('log')
      .getByText(/The refund has been issued/)
      .waitFor();
  });
  await step('an agent reply arrives by polling', async () => {
    await postAgentReply(page, BILLING, 'The refund RF-88231 is now visible on your billing page.');
    await chat
      .getByRole('log')
      .getByText('The refund RF-88231 is now visible on your billing page.')
      .waitFor();
  });
  await step('a sent message appears and is delivered', async () => {
    await chat
      .getByRole('textbox', { name: 'Message' })
      .fill('Confirmed, I can see the refund now. Thank you!');
    await chat.getByRole('button', { name: 'Send' }).click();
    const sent = chat.locator('[data-message-key]', {
      hasText: 'Confirmed, I can see the refund now. Thank you!',
    });
    await sent.waitFor();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-message-key]')].some(
          (el) =>
            el.textContent.includes('Confirmed, I can see the refund') &&
            !el.querySelector('[data-delivery]') &&
            !el.closest('[data-delivery]'),
        ),
      undefined,
      { timeout: WAIT },
    );
  });
  await step("the open ticket's badge clears", async () => {
    await page.waitForFunction(
      (id) => {
        const a = [...document.querySelectorAll('nav a')].find((el) => el.textContent.includes(id));
        return a !== undefined && a.querySelector('.tc-unread-badge') === null;
      },
      BILLING,
      { timeout: WAIT },
    );
  });
  await step('no page errors', async () => {
    if (errors.length) throw new Error(errors.join('\n'));
  });
  await mkdir('docs', { recursive: true });
  await page.mouse.move(0, 0);
  // The README's picture is refreshed only on request, so a test run leaves the work tree clean.
  const shot = process.env.UPDATE_DOCS_SCREENSHOT ? 'docs/demo.png' : 'screenshots/demo.png';
  await mkdir('screenshots', { recursive: true });
  await page.screenshot({ path: shot });
  console.log(`  screenshot: ${shot}`);
});
process.exit(ok ? 0 : 1);
