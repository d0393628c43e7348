// End-to-end: the demo portal's own controls, so every state of the chat can be reached in `npm start`:
// older history beyond the first page, closing and reopening a ticket, switching the language.
// Usage: node test/e2e/demo-controls.e2e.mjs [baseUrl]  (default: serves demo/dist with `vite preview`).
import { openPortal, WAIT } from './harness.mjs';

const { base, browser, run } = await openPortal();
const ok = await run(async (step) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(WAIT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const SSH = 'CS20250312000101';
  const chat = page.getByRole('region').filter({ has: page.getByRole('log') });
  const log = chat.getByRole('log');

  await step('the long ticket opens on its latest page, with older history offered', async () => {
    await page.goto(`${base}?quiet#/tickets/${SSH}`);
    await log.getByText('Could you please try connecting again now?').waitFor();
    const rows = await log.locator('[data-message-key]').count();
    if (rows >= 300) throw new Error(`the first page already holds ${rows} of 300 messages`);
    await chat.getByRole('button', { name: 'Load earlier messages' }).waitFor({ state: 'attached' });
  });
  await step('"Load earlier messages" brings older messages', async () => {
    const before = await page.evaluate(() => document.querySelectorAll('[data-message-key]').length);
    await chat.getByRole('button', { name: 'Load earlier messages' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-message-key]').length > n, before, {
      timeout: WAIT,
    });
  });
  await step('"Close ticket" completes it: the status says so and the composer is disabled', async () => {
    await page.getByRole('button', { name: 'Close ticket' }).click();
    await chat.getByText('Completed').waitFor();
    await chat.getByText('Live chat unavailable').waitFor();
    await page.waitForFunction(
      () => document.querySelector('textarea')?.getAttribute('aria-disabled') === 'true',
      undefined,
      { timeout: WAIT },
    );
  });
  await step('"Reopen ticket" brings the composer back', async () => {
    await page.getByRole('button', { name: 'Reopen ticket' }).click();
    await chat.getByText('In progress').waitFor();
    await page.waitForFunction(
      () => document.querySelector('textarea')?.getAttribute('aria-disabled') !== 'true',
      undefined,
      { timeout: WAIT },
    );
  });
  await step('the language switch shows the portal and the chat in Chinese, and back', async () => {
    await page.getByLabel('Language').selectOption('zh-cn');
    await chat.getByRole('heading', { name: 'ECS：SSH 连接超时' }).waitFor();
    await chat.getByRole('textbox', { name: '消息' }).waitFor();
    await page.getByRole('navigation', { name: '工单' }).waitFor();
    if ((await page.getAttribute('html', 'lang')) !== 'zh-CN') throw new Error('html lang is not zh-CN');
    await page.getByLabel('语言').selectOption('en-us');
    await chat.getByRole('textbox', { name: 'Message' }).waitFor();
  });
  await step('no page errors', async () => {
    if (errors.length) throw new Error(errors.join('\n'));
  });
});
process.exit(ok ? 0 : 1);
