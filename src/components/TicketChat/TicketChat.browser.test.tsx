/**
 * Real Chromium: the simulator behind MSW's service worker, the real client and provider. A keyboard-only
 * send, and screenshots (light/dark × en/zh, plus the error states) written to screenshots/ (git-ignored).
 */
import '../../styles.css';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { page, userEvent } from 'vitest/browser';
import { TEST_TOKEN } from '../../../simulator/index.ts';
import { installBrowserSimulator } from '../../../test/browserSimulator.ts';
import { createTicketChatClient } from '../../client/index.ts';
import { TicketChatProvider } from '../../query/index.ts';
import { createTicketChatQueryClient } from '../../query/TicketChatProvider.tsx';
import { TicketChat, type TicketChatProps } from './TicketChat.tsx';

const BASE = '/osm';
const { sim } = installBrowserSimulator({ baseUrl: BASE, viewport: { width: 520, height: 720 } });
let root: Root | null = null;
let host: HTMLDivElement | null = null;

afterEach(() => {
  root?.unmount();
  host?.remove();
  root = null;
  host = null;
});

const MIN = 60_000;
function seed(status = 1) {
  const now = Date.now();
  sim().addTicket({
    id: 'CS20250315000333',
    status,
    chatStatus: 1,
    messages: [
      {
        content: 'Our RDS instance has been at 100% CPU since 09:00 and queries time out.',
        replierType: 0,
        replierName: 'Li Wei',
        at: now - 42 * MIN,
      },
      {
        content: 'Thanks, we are looking at it. Could you send the slow query log?',
        replierName: 'Zhang Min (Support)',
        at: now - 38 * MIN,
      },
      {
        content: 'Here it is.',
        replierType: 0,
        replierName: 'Li Wei',
        attachments: [{ id: 'att-1', name: 'slow-query-2025-03-15.log' }],
        at: now - 30 * MIN,
      },
      {
        content:
          '收到。慢查询主要来自 orders 表的全表扫描，建议在 customer_id 上添加索引。\nDetails: https://support.example.com/kb/rds-index',
        replierName: 'Zhang Min (Support)',
        at: now - 12 * MIN,
      },
    ],
  });
}

async function mount(
  props: Partial<TicketChatProps> = {},
  theme: 'light' | 'dark' = 'light',
  language = 'en-us',
  token: () => string = () => TEST_TOKEN,
) {
  const client = createTicketChatClient({ endpoint: BASE, token, language });
  host = document.createElement('div');
  host.dataset.theme = theme;
  host.style.cssText = `block-size: 600px; inline-size: 440px; padding: 16px; box-sizing: border-box;
    background: ${theme === 'dark' ? '#0b0d10' : '#e9edf2'};`;
  document.body.append(host);
  const r = createRoot(host);
  root = r;
  flushSync(() =>
    r.render(
      <TicketChatProvider client={client} queryClient={createTicketChatQueryClient()} crossTab={false}>
        <TicketChat caseId="CS20250315000333" timeZone="Asia/Shanghai" {...props} />
      </TicketChatProvider>,
    ),
  );
  return host;
}

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

describe('TicketChat in Chromium', () => {
  test('a ticket that opens above its unread replies is marked read only once the reader scrolls to them', async () => {
    const now = Date.now();
    sim().addTicket({
      id: 'CS20250315000333',
      unread: 40,
      messages: Array.from({ length: 80 }, (_, i) => ({
        content: `Reply ${i + 1}: we are checking the slow queries on the primary and the replica.`,
        replierName: i < 40 ? 'Li Wei' : 'Zhang Min (Support)',
        ...(i < 40 ? { replierType: 0 as const } : {}),
        at: now - (80 - i) * MIN,
      })),
    });
    const markReads = () => sim().requests.filter((r) => r.endpoint === 'markRead');
    const el = await mount({ intervalMs: 300 });
    // Opened at the separator: the first unread reply is in view, the newest ones are below the fold.
    await expect.element(page.getByText(/^Reply 41:/)).toBeVisible();
    const viewport = el.querySelector('.tc-thread__viewport') as HTMLElement;
    const separatorTop = () => {
      const separator = viewport.querySelector<HTMLElement>('[data-kind="unread"]');
      return separator ? separator.getBoundingClientRect().top - viewport.getBoundingClientRect().top : NaN;
    };
    await expect.poll(separatorTop, { timeout: 5000 }).toBeLessThan(40);
    expect(viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight).toBeGreaterThan(200);
    const polls = () => sim().requests.filter((r) => r.endpoint === 'poll').length;
    const seen = polls();
    await expect.poll(polls, { timeout: 5000 }).toBeGreaterThan(seen + 2);
    expect(markReads()).toHaveLength(0);
    // The reader scrolls down to the newest reply: now it was seen.
    viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: viewport.scrollHeight, bubbles: true }));
    viewport.scrollTop = viewport.scrollHeight;
    await expect.poll(() => markReads().length, { timeout: 5000 }).toBe(1);
    await frames();
    expect(markReads()).toHaveLength(1);
  });

  test('keyboard only: Tab to the message field, type, Enter sends, the message shows and is delivered', async () => {
    seed();
    const el = await mount();
    await expect.element(page.getByText('Here it is.')).toBeVisible();
    const field = page.getByRole('textbox', { name: 'Message' });
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 12 && document.activeElement !== field.element(); i++) await userEvent.tab();
    expect(document.activeElement).toBe(field.element());
    await userEvent.keyboard('Hello from the keyboard');
    await userEvent.keyboard('{Enter}');
    // The row shows at once as pending; on a loaded machine the server copy may already have replaced it
    // by the time we look, so accept either (the pending state itself is covered by the send tests).
    const rowsWithText = () =>
      [...el.querySelectorAll<HTMLElement>('[data-message-key]')].filter((r) =>
        r.textContent?.includes('Hello from the keyboard'),
      );
    await expect.poll(() => rowsWithText().length, { timeout: 5000 }).toBe(1);
    await expect.element(field).toHaveValue('');
    expect(document.activeElement).toBe(field.element());
    // The server copy replaces the local one: one row, no delivery state.
    await expect
      .poll(() => rowsWithText().map((r) => r.dataset.delivery ?? 'delivered'), { timeout: 5000 })
      .toEqual(['delivered']);
    // Pinned to the newest message.
    const viewport = el.querySelector('.tc-thread__viewport') as HTMLElement;
    await expect
      .poll(() => viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight)
      .toBeLessThan(4);
  });

  test('focus moves to the message field when the focused Retry goes away, never to <body>', async () => {
    seed();
    let token = TEST_TOKEN;
    await mount({ intervalMs: 500 }, 'light', 'en-us', () => token);
    await expect.element(page.getByText('Here it is.')).toBeVisible();
    const field = page.getByRole('textbox', { name: 'Message' });

    // A failed message: its Retry vanishes as the message turns "sending" again.
    sim().injectFault({ kind: 'http', status: 500 }, { endpoint: 'send' });
    await userEvent.click(field);
    await userEvent.keyboard('Please escalate.{Enter}');
    const rowRetry = page.getByRole('log').getByRole('button', { name: 'Retry' });
    await expect.element(rowRetry).toBeVisible();
    (rowRetry.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement).toBe(field.element());
    await expect.element(page.getByText('Not sent.', { exact: true })).not.toBeInTheDocument();

    // The expired-session banner: it unmounts once Retry works, with Retry focused.
    sim().expireAllTokens();
    const banner = page.getByRole('alert');
    await expect.element(banner.getByText('Your session has expired.'), { timeout: 15_000 }).toBeVisible();
    // Nothing typed: the composer is a notice until the session is back.
    await expect.element(field).not.toBeInTheDocument();
    const retry = banner.getByRole('button', { name: 'Retry' });
    (retry.element() as HTMLElement).focus();
    token = sim().issueToken();
    await userEvent.keyboard('{Enter}');
    await expect.element(banner).not.toBeInTheDocument();
    expect(document.activeElement).toBe(field.element());
    await expect.element(field).not.toHaveAttribute('aria-disabled');
  });

  test('the connection banner appears over the thread: its top does not move, Retry now is reachable', async () => {
    seed();
    const el = await mount({ intervalMs: 500 });
    await expect.element(page.getByText('Here it is.')).toBeVisible();
    // The header is complete (status pill and live-chat flag change its height when they arrive).
    await expect.element(page.getByText('In progress')).toBeVisible();
    await expect.element(page.getByText('Live chat available')).toBeVisible();
    await frames();
    const viewport = el.querySelector('.tc-thread__viewport') as HTMLElement;
    const top = viewport.getBoundingClientRect().top;
    const height = viewport.getBoundingClientRect().height;
    sim().injectFault({ kind: 'http', status: 503 }, { endpoint: 'poll', times: 50 });
    await expect.element(page.getByText('The service is busy. Retrying…'), { timeout: 5000 }).toBeVisible();
    await frames();
    expect(viewport.getBoundingClientRect().top).toBe(top);
    expect(viewport.getBoundingClientRect().height).toBe(height);
    // Under the header, in front of the thread; "Retry now" is the element at its own centre (not covered).
    const retryNow = page.getByRole('button', { name: 'Retry now' }).element() as HTMLElement;
    const box = retryNow.getBoundingClientRect();
    expect(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)).toBe(retryNow);
    const header = el.querySelector('.tc-chat__header') as HTMLElement;
    expect(Math.round(box.top)).toBeGreaterThanOrEqual(Math.round(header.getBoundingClientRect().bottom));
    sim().clearFaults();
    await expect
      .poll(() => el.querySelector('.tc-chat__connection[data-visible]'), { timeout: 5000 })
      .toBeNull();
    expect(viewport.getBoundingClientRect().top).toBe(top);
  });

  test('the field grows with its content up to about six lines, then scrolls', async () => {
    seed();
    await mount();
    const field = page.getByRole('textbox', { name: 'Message' });
    await expect.element(field).toBeVisible();
    const textarea = field.element() as HTMLTextAreaElement;
    const oneLine = textarea.getBoundingClientRect().height;
    await userEvent.click(field);
    await userEvent.keyboard('one{Shift>}{Enter}{/Shift}two{Shift>}{Enter}{/Shift}three');
    await frames();
    const threeLines = textarea.getBoundingClientRect().height;
    expect(threeLines).toBeGreaterThan(oneLine * 1.8);
    await userEvent.keyboard('{Shift>}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{/Shift}');
    await frames();
    const capped = textarea.getBoundingClientRect().height;
    expect(capped).toBeLessThan(oneLine * 5);
    expect(textarea.scrollHeight).toBeGreaterThan(textarea.clientHeight);
  });

  test.each([
    ['en-us', 'light'],
    ['en-us', 'dark'],
    ['zh-cn', 'light'],
    ['zh-cn', 'dark'],
  ] as const)('screenshot %s %s', async (language, theme) => {
    seed();
    const el = await mount({}, theme, language);
    await expect.element(page.getByText('Here it is.')).toBeVisible();
    await expect.element(page.getByText(language === 'zh-cn' ? '处理中' : 'In progress')).toBeVisible();
    const chat = el.querySelector('.tc-chat') as HTMLElement;
    expect(getComputedStyle(chat).backgroundColor).toBe(
      theme === 'dark' ? 'rgb(17, 20, 24)' : 'rgb(246, 247, 249)',
    );
    // Composer docked at the bottom of the container.
    const composer = el.querySelector('.tc-composer') as HTMLElement;
    expect(
      Math.abs(composer.getBoundingClientRect().bottom - chat.getBoundingClientRect().bottom),
    ).toBeLessThan(2);
    await frames();
    await page.screenshot({ element: el, path: `../../../screenshots/chat-${language}-${theme}.png` });
  });

  test('screenshot: closed ticket, over-limit draft and errors', async () => {
    seed(3);
    const el = await mount({}, 'light');
    await expect.element(page.getByText('Completed')).toBeVisible();
    await expect
      .element(page.getByText("This ticket is closed, so new messages can't be sent."))
      .toBeVisible();
    await page.screenshot({ element: el, path: '../../../screenshots/chat-en-us-closed.png' });
  });

  test('screenshot: expired session and reconnecting', async () => {
    seed();
    const el = await mount({ intervalMs: 500, onSignIn: () => {} }, 'dark');
    await expect.element(page.getByText('Here it is.')).toBeVisible();
    sim().injectFault({ kind: 'drop' }, { endpoint: 'poll', times: 50 });
    await expect.element(page.getByText('Connection lost. Reconnecting…')).toBeVisible();
    await page.screenshot({ element: el, path: '../../../screenshots/chat-en-us-reconnecting.png' });
    sim().clearFaults();
    sim().expireAllTokens();
    await expect.element(page.getByText('Your session has expired.'), { timeout: 15_000 }).toBeVisible();
    await page.screenshot({ element: el, path: '../../../screenshots/chat-en-us-expired.png' });
  });

  test('screenshot: over-limit draft', async () => {
    seed();
    const el = await mount({}, 'light');
    const field = page.getByRole('textbox', { name: 'Message' });
    await expect.element(field).toBeVisible();
    await userEvent.fill(field, 'x'.repeat(2012));
    await expect.element(page.getByText('12 characters too many')).toBeVisible();
    await frames();
    await page.screenshot({ element: el, path: '../../../screenshots/chat-en-us-over-limit.png' });
  });
});

describe('theme (tokens.css: light/dark toggles + color-scheme)', () => {
  const LIGHT_SURFACE = 'rgb(246, 247, 249)';
  const DARK_SURFACE = 'rgb(17, 20, 24)';
  // Plain markup is enough: .tc-chat paints var(--tc-color-surface), the rest is the stylesheet.
  function chatUnder(html: string) {
    host = document.createElement('div');
    host.innerHTML = html;
    document.body.append(host);
    return host.querySelector('.tc-chat') as HTMLElement;
  }
  const surface = (el: HTMLElement) => getComputedStyle(el).backgroundColor;

  test('data-theme on a distant ancestor wins over the OS preference on the component root', () => {
    const chat = chatUnder(
      '<div data-theme="dark"><section><div><div class="tc-chat"></div></div></section></div>',
    );
    expect(surface(chat)).toBe(DARK_SURFACE);
    expect(getComputedStyle(chat).colorScheme).toBe('dark');
  });

  test('the nearest data-theme wins, and data-theme on the root itself works', () => {
    const nested = chatUnder(
      '<div data-theme="dark"><div data-theme="light"><section><div class="tc-chat"></div></section></div></div>',
    );
    expect(surface(nested)).toBe(LIGHT_SURFACE);
    host?.remove();
    const own = chatUnder('<div data-theme="light"><div class="tc-chat" data-theme="dark"></div></div>');
    expect(surface(own)).toBe(DARK_SURFACE);
  });

  test('without data-theme the root follows the OS (light dark); the host page is left alone', () => {
    const chat = chatUnder('<div><div class="tc-chat"></div></div>');
    expect(getComputedStyle(chat).colorScheme).toBe('light dark');
    expect(surface(chat)).toBe(
      matchMedia('(prefers-color-scheme: dark)').matches ? DARK_SURFACE : LIGHT_SURFACE,
    );
    expect(getComputedStyle(document.documentElement).colorScheme).toBe('normal');
  });
});
