import '../../styles.css';
import { within } from '@testing-library/dom';
import { type ComponentProps, createRef } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { server } from 'vitest/browser';
import { contrast, luminance } from '../../../test/colors.ts';
import { customer, engineer, makeMessage, makeThread } from '../../../test/support/messages.ts';
import type { ThreadMessage } from '../../query/types.ts';
import { MessageThread, type MessageThreadHandle, type MessageThreadProps } from './MessageThread.tsx';
import { ThreadRowView, type ThreadRowViewProps } from './ThreadRowView.tsx';

// The props plus `ref` (forwardRef adds it outside MessageThreadProps).
type MountProps = ComponentProps<typeof MessageThread>;

const frames = (n = 2) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });

let root: Root | null = null;
let host: HTMLDivElement | null = null;

afterEach(() => {
  root?.unmount();
  host?.remove();
  root = null;
  host = null;
});

async function mount(props: MountProps) {
  host = document.createElement('div');
  host.style.cssText = 'height: 400px; width: 420px; display: flex; flex-direction: column;';
  document.body.append(host);
  const r = createRoot(host);
  root = r;
  let current = props;
  const update = async (next: Partial<MountProps>) => {
    current = { ...current, ...next };
    flushSync(() => r.render(<MessageThread {...current} />));
    await frames(3);
  };
  await update({});
  const viewport = host.querySelector('.tc-thread__viewport') as HTMLDivElement;
  return { update, viewport, host };
}

const distanceFromBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight;

/** The first message row visible at the top of the viewport, and its offset from the viewport top. */
function topVisible(viewport: HTMLElement) {
  const top = viewport.getBoundingClientRect().top;
  for (const el of viewport.querySelectorAll<HTMLElement>('[data-message-key]')) {
    const rect = el.getBoundingClientRect();
    if (rect.bottom > top + 1) return { key: el.dataset.messageKey as string, offset: rect.top - top };
  }
  throw new Error('no visible message');
}
function offsetOf(viewport: HTMLElement, key: string) {
  const el = viewport.querySelector<HTMLElement>(`[data-message-key="${key}"]`);
  if (!el) throw new Error(`${key} not rendered`);
  return el.getBoundingClientRect().top - viewport.getBoundingClientRect().top;
}
/**
 * Scrolls as a reader does: an input event first (the thread tells the reader's scrolls from its own
 * re-measuring by that: a bare `scrollTop` write while rows are still being measured is taken for the latter).
 */
async function scrollTo(viewport: HTMLElement, top: number) {
  viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: top - viewport.scrollTop, bubbles: true }));
  viewport.scrollTop = top;
  await frames(3);
}
const newer = (thread: ThreadMessage[], n: number, extra: Partial<ThreadMessage> = {}) => {
  const last = thread[thread.length - 1]?.createdAt?.getTime() ?? Date.UTC(2024, 2, 10);
  return Array.from({ length: n }, (_, i) =>
    makeMessage({
      ...engineer,
      content: `newer ${i}`,
      createdAt: new Date(last + (i + 1) * 60_000),
      ...extra,
    }),
  );
};
const older = (thread: ThreadMessage[], n: number) => {
  const first = thread[0]?.createdAt?.getTime() ?? Date.UTC(2024, 2, 10);
  return Array.from({ length: n }, (_, i) =>
    makeMessage({
      ...(i % 4 < 2 ? engineer : customer),
      content: i % 3 === 0 ? `older ${i}\nwith a second line\nand a third` : `older ${i}`,
      createdAt: new Date(first - (n - i) * 60_000),
    }),
  );
};
const jumpButton = (host: HTMLElement) => host.querySelector<HTMLButtonElement>('.tc-thread__jump');
const live = (host: HTMLElement) => (host.querySelector('[aria-live="polite"]') as HTMLElement).textContent;

describe.each([
  ['plain', 60],
  ['virtual', 400],
])('scroll rules (%s list)', (mode, size) => {
  const base = { locale: 'en', timeZone: 'UTC', virtualizeAfter: 200 } as const;
  async function mountThread(thread: ThreadMessage[], extra: Partial<MessageThreadProps> = {}) {
    const m = await mount({ ...base, messages: thread, ...extra });
    await vi.waitFor(() => expect(m.host.querySelector('.tc-thread')).toHaveAttribute('data-mode', mode));
    await frames(3);
    return m;
  }

  it('opens a long unread tail at the unread separator, then keeps the scroll rules', async () => {
    let thread = makeThread(size);
    const unreadFromKey = thread.at(-30)?.key;
    const { update, viewport, host } = await mountThread(thread, { unreadFromKey });
    const separator = () => viewport.querySelector<HTMLElement>('[data-kind="unread"]');
    await vi.waitFor(() => {
      const el = separator();
      expect(el).not.toBeNull();
      const offset = (el as HTMLElement).getBoundingClientRect().top - viewport.getBoundingClientRect().top;
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(16);
    });
    await frames(6);
    const before = topVisible(viewport);
    expect(distanceFromBottom(viewport)).toBeGreaterThan(8);
    // Not pinned: what arrives below is counted, the reader stays.
    thread = [...thread, ...newer(thread, 2)];
    await update({ messages: thread });
    expect(Math.abs(offsetOf(viewport, before.key) - before.offset)).toBeLessThanOrEqual(2);
    expect(jumpButton(host)).toHaveTextContent('2 new messages');
  });

  it('lands at the separator when the unread marker is decided just after the thread (TicketChat)', async () => {
    const thread = makeThread(size);
    const { update, viewport } = await mountThread(thread);
    await update({ unreadFromKey: thread.at(-40)?.key });
    await vi.waitFor(() => {
      const el = viewport.querySelector<HTMLElement>('[data-kind="unread"]');
      expect(el).not.toBeNull();
      const offset = (el as HTMLElement).getBoundingClientRect().top - viewport.getBoundingClientRect().top;
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(16);
    });
  });

  it('opens a short unread tail pinned to the bottom, and stays pinned', async () => {
    let thread = makeThread(size);
    const unreadFromKey = thread.at(-2)?.key;
    const { update, viewport, host } = await mountThread(thread, { unreadFromKey });
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    expect(viewport.querySelector('[data-kind="unread"]')).not.toBeNull();
    thread = [...thread, ...newer(thread, 2)];
    await update({ messages: thread });
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    expect(jumpButton(host)).toBeNull();
  });

  it('starts at the bottom and stays pinned when messages arrive', async () => {
    let thread = makeThread(size);
    const { update, viewport } = await mountThread(thread);
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    thread = [...thread, ...newer(thread, 2)];
    await update({ messages: thread });
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    expect(viewport.querySelector(`[data-message-key="${thread.at(-1)?.key}"]`)).not.toBeNull();
  });

  it('scrolled up: keeps the reader in place, counts new messages, jumps on click', async () => {
    let thread = makeThread(size);
    const { update, viewport, host } = await mountThread(thread);
    await scrollTo(viewport, viewport.scrollTop - 900);
    const before = topVisible(viewport);
    thread = [...thread, ...newer(thread, 3)];
    await update({ messages: thread });
    expect(Math.abs(offsetOf(viewport, before.key) - before.offset)).toBeLessThanOrEqual(2);
    expect(jumpButton(host)).toHaveTextContent('3 new messages');
    thread = [...thread, ...newer(thread, 1)];
    await update({ messages: thread });
    expect(jumpButton(host)).toHaveTextContent('4 new messages');
    jumpButton(host)?.click();
    await frames(4);
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    expect(jumpButton(host)).toBeNull();
    expect(document.activeElement).toBe(viewport);
  });

  it('scrolls to the bottom when the user sends, even when scrolled up', async () => {
    let thread = makeThread(size);
    const { update, viewport } = await mountThread(thread);
    await scrollTo(viewport, viewport.scrollTop - 900);
    expect(distanceFromBottom(viewport)).toBeGreaterThan(100);
    thread = [...thread, ...newer(thread, 1, { ...customer, key: 'local:1', delivery: 'sending' })];
    await update({ messages: thread });
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    expect(viewport.querySelector('[data-message-key="local:1"]')).not.toBeNull();
  });

  it('keeps the visible message at the same offset when older messages are prepended', async () => {
    let thread = makeThread(size);
    const { update, viewport, host } = await mountThread(thread, { hasOlder: true, onLoadOlder: () => {} });
    await scrollTo(viewport, viewport.scrollTop - 700);
    const before = topVisible(viewport);
    thread = [...older(thread, 50), ...thread];
    await update({ messages: thread });
    await frames(4);
    expect(Math.abs(offsetOf(viewport, before.key) - before.offset)).toBeLessThanOrEqual(2);
    expect(jumpButton(host)).toBeNull();
    // and once more, from near the top
    await scrollTo(viewport, 400);
    const again = topVisible(viewport);
    thread = [...older(thread, 30), ...thread];
    await update({ messages: thread });
    await frames(4);
    expect(Math.abs(offsetOf(viewport, again.key) - again.offset)).toBeLessThanOrEqual(2);
  });

  it('asks for older messages when the reader scrolls near the top, once per load', async () => {
    const onLoadOlder = vi.fn();
    const thread = makeThread(size);
    const { viewport, update } = await mountThread(thread, { hasOlder: true, onLoadOlder });
    await scrollTo(viewport, 500);
    await scrollTo(viewport, 50);
    await scrollTo(viewport, 10);
    expect(onLoadOlder).toHaveBeenCalledTimes(1);
    await update({ isLoadingOlder: true });
    await update({ isLoadingOlder: false, messages: [...older(thread, 20), ...thread] });
    await scrollTo(viewport, viewport.scrollTop + 300);
    await scrollTo(viewport, 20);
    expect(onLoadOlder).toHaveBeenCalledTimes(2);
  });

  it('announces each batch once and nothing on first render', async () => {
    let thread = makeThread(size);
    const { update, host } = await mountThread(thread);
    expect(live(host)).toBe('');
    thread = [...thread, ...newer(thread, 1, { content: 'All fixed' })];
    await update({ messages: thread });
    expect(live(host)).toBe('New message from Li Wei: All fixed');
    thread = [...thread, ...newer(thread, 3)];
    await update({ messages: thread });
    expect(live(host)).toBe('3 new messages');
  });
});

describe('scrolling on request', () => {
  it('scrolls to the bottom through the ref and when scrollToBottomSignal changes', async () => {
    const ref = createRef<MessageThreadHandle>();
    const { update, viewport } = await mount({
      messages: makeThread(60),
      locale: 'en',
      ref,
      scrollToBottomSignal: 0,
    });
    await scrollTo(viewport, 100);
    ref.current?.scrollToBottom();
    await frames(2);
    expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8);
    await scrollTo(viewport, 100);
    await update({ scrollToBottomSignal: 1 });
    expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8);
  });

  it('stays at the bottom when a growing thread switches to the virtual list', async () => {
    let thread = makeThread(150);
    const { update, viewport, host } = await mount({ messages: thread, locale: 'en', virtualizeAfter: 160 });
    expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8);
    thread = [...thread, ...newer(thread, 20)];
    await update({ messages: thread });
    await vi.waitFor(() => expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'virtual'));
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8), { timeout: 3000 });
    await frames(6);
    expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8);
    expect(jumpButton(host)).toBeNull();
  });

  it('keeps the reader in place when a growing thread switches to the virtual list', async () => {
    let thread = makeThread(150);
    const { update, viewport, host } = await mount({ messages: thread, locale: 'en', virtualizeAfter: 160 });
    await scrollTo(viewport, viewport.scrollTop - 800);
    const before = topVisible(viewport);
    thread = [...thread, ...newer(thread, 20)];
    await update({ messages: thread });
    await vi.waitFor(() => expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'virtual'));
    // Rows are measured over several frames (more of them on a loaded machine): wait until they settle,
    // then check that the place holds.
    const drift = () => Math.abs(offsetOf(viewport, before.key) - before.offset);
    await vi.waitFor(() => expect(drift()).toBeLessThanOrEqual(2), { timeout: 3000 });
    await frames(6);
    expect(drift()).toBeLessThanOrEqual(2);
    expect(jumpButton(host)).toHaveTextContent('20 new messages');
  });
});

describe('long threads', () => {
  it('mounts 10,000 messages virtualized, pinned to the bottom, and keeps the rules', async () => {
    let thread = makeThread(10_000);
    const { update, viewport, host } = await mount({ messages: thread, locale: 'en', timeZone: 'UTC' });
    await vi.waitFor(() => expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'virtual'));
    await frames(4);
    expect(viewport.querySelectorAll('[data-message-key]').length).toBeLessThan(100);
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    expect(viewport.querySelector(`[data-message-key="${thread.at(-1)?.key}"]`)).not.toBeNull();

    thread = [...thread, ...newer(thread, 1)];
    await update({ messages: thread });
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));

    await scrollTo(viewport, viewport.scrollTop - 3000);
    const before = topVisible(viewport);
    thread = [...thread, ...newer(thread, 2)];
    await update({ messages: thread });
    expect(Math.abs(offsetOf(viewport, before.key) - before.offset)).toBeLessThanOrEqual(2);
    expect(jumpButton(host)).toHaveTextContent('2 new messages');

    thread = [...older(thread, 100), ...thread];
    await update({ messages: thread });
    await frames(4);
    expect(Math.abs(offsetOf(viewport, before.key) - before.offset)).toBeLessThanOrEqual(2);
    expect(viewport.querySelectorAll('[data-message-key]').length).toBeLessThan(100);

    jumpButton(host)?.click();
    await frames(4);
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    expect(viewport.querySelector(`[data-message-key="${thread.at(-1)?.key}"]`)).not.toBeNull();
  });

  it('opens at its end without rendering rows from the start of the thread', async () => {
    // Counts renders of the memoized row (React calls the memo's inner `type` only when the row renders);
    // swapped before the mount, as React reads `type` when it creates a fiber.
    const memoRow = ThreadRowView as typeof ThreadRowView & { type: (props: ThreadRowViewProps) => unknown };
    const inner = memoRow.type;
    const rendered: string[] = [];
    memoRow.type = (props: ThreadRowViewProps) => {
      rendered.push(props.row.key);
      return inner(props);
    };
    try {
      const thread = makeThread(10_000);
      const { viewport, host } = await mount({ messages: thread, locale: 'en', timeZone: 'UTC' });
      await vi.waitFor(() =>
        expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'virtual'),
      );
      await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
      await frames(6);
      const start = new Set(thread.slice(0, 1000).map((m) => m.key));
      expect(rendered.filter((key) => start.has(key))).toEqual([]);
      expect(viewport.querySelector(`[data-message-key="${thread.at(-1)?.key}"]`)).not.toBeNull();
    } finally {
      memoRow.type = inner;
    }
  });

  it('opens at an unread separator older than the rows shown before the virtualizer loads', async () => {
    const thread = makeThread(2000);
    const unreadFromKey = thread.at(-600)?.key;
    const { viewport, host } = await mount({
      messages: thread,
      unreadFromKey,
      locale: 'en',
      timeZone: 'UTC',
    });
    await vi.waitFor(() => expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'virtual'));
    await vi.waitFor(() => {
      const el = viewport.querySelector<HTMLElement>('[data-kind="unread"]');
      expect(el).not.toBeNull();
      const offset = (el as HTMLElement).getBoundingClientRect().top - viewport.getBoundingClientRect().top;
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(16);
    });
    expect(viewport.querySelectorAll('[data-message-key]').length).toBeLessThan(100);
  });

  it('virtualizes a thread of 151 messages: the rows near the end in the DOM, not all of them', async () => {
    const thread = makeThread(151);
    const { viewport, host } = await mount({ messages: thread, locale: 'en', timeZone: 'UTC' });
    await vi.waitFor(() => expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'virtual'));
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    await frames(4);
    expect(viewport.querySelector(`[data-message-key="${thread.at(-1)?.key}"]`)).not.toBeNull();
    expect(viewport.querySelectorAll('[data-message-key]').length).toBeLessThan(40);
  });

  // Not in WebKitGTK: there a script's scrollTop write on the scroller is undone before the next frame while
  // a link inside it has the focus (also without the kept row), so the test cannot scroll away.
  it.skipIf(server.browser === 'webkit')(
    'keeps the row holding the focus rendered while the reader scrolls away, and only while it does',
    async () => {
      const thread = makeThread(151).map((m, i) =>
        i === 150 ? { ...m, content: 'Steps: https://help.example.com/kb/1' } : m,
      );
      const last = thread[150] as ThreadMessage;
      const { viewport, host } = await mount({ messages: thread, locale: 'en', timeZone: 'UTC' });
      await vi.waitFor(() =>
        expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'virtual'),
      );
      await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
      const link = await vi.waitFor(() => {
        const found = viewport.querySelector<HTMLAnchorElement>(`[data-message-key="${last.key}"] a`);
        expect(found).not.toBeNull();
        return found as HTMLAnchorElement;
      });
      link.focus();
      expect(document.activeElement).toBe(link);
      // Far up: the rows around the focused one leave the DOM.
      await scrollTo(viewport, viewport.scrollTop - 3000);
      const neighbour = `[data-message-key="${thread[148]?.key}"]`;
      await vi.waitFor(() => expect(viewport.querySelector(neighbour)).toBeNull());
      await frames(4);
      expect(link.isConnected).toBe(true);
      expect(document.activeElement).toBe(link);
      // Focus elsewhere: the row is let go like any other out of view.
      viewport.focus();
      await scrollTo(viewport, 600);
      await vi.waitFor(() => expect(viewport.querySelector(`[data-message-key="${last.key}"]`)).toBeNull());
    },
  );

  it('does not load the virtualizer for a short thread', async () => {
    const { host } = await mount({ messages: makeThread(20), locale: 'en' });
    expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'plain');
    expect(host.querySelector('[data-virtual]')).toBeNull();
  });
});

describe('the day while scrolling', () => {
  const NOW = new Date('2024-03-10T12:00:00Z');
  /** `perDay` messages a minute apart on each of the three days up to NOW (UTC), sides alternating. */
  const threeDays = (perDay: number) =>
    [8, 9, 10].flatMap((day) =>
      Array.from({ length: perDay }, (_, i) =>
        makeMessage({
          ...(i % 4 < 2 ? engineer : customer),
          key: `d${day}-${i}`,
          content: `Day ${day}, message ${i}`,
          createdAt: new Date(Date.UTC(2024, 2, day, 9, i)),
        }),
      ),
    );
  /** Until the list stops moving by itself (rows measured, the opening scroll to the end done), as a
   * person would look before scrolling. */
  async function quiet(viewport: HTMLElement) {
    let still = 0;
    let last = '';
    for (let frame = 0; still < 10 && frame < 600; frame++) {
      await frames(1);
      const now = `${viewport.scrollTop}/${viewport.scrollHeight}`;
      still = now === last ? still + 1 : 0;
      last = now;
    }
  }
  /** The day separator a person sees at the top edge of the thread, if one is drawn there. */
  function separatorAtTop(viewport: HTMLElement): HTMLElement | null {
    const box = viewport.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + 12);
    return hit?.closest<HTMLElement>('.tc-separator[data-kind="day"]') ?? null;
  }
  /** Its label. */
  const labelAtTop = (viewport: HTMLElement) => separatorAtTop(viewport)?.textContent ?? null;
  /**
   * Puts the row of `key` at the top of the viewport. A virtual list renders only the rows near the view:
   * the reader's scrolling (half a viewport at a time, towards the row) brings it into the DOM first.
   */
  async function scrollRowToTop(viewport: HTMLElement, thread: readonly ThreadMessage[], key: string) {
    const order = (k: string | undefined) => thread.findIndex((m) => m.key === k);
    for (let step = 0; step < 100; step++) {
      const row = viewport.querySelector<HTMLElement>(`[data-row-key="${key}"]`);
      if (row) {
        const offset = row.getBoundingClientRect().top - viewport.getBoundingClientRect().top;
        await scrollTo(viewport, viewport.scrollTop + offset);
        return;
      }
      const below = order(topVisible(viewport).key) < order(key);
      const half = viewport.clientHeight / 2;
      await scrollTo(viewport, viewport.scrollTop + (below ? half : -half));
    }
    throw new Error(`${key} not rendered`);
  }
  /** The day separator row (not the virtual list's pinned copy) showing `label`. */
  const separatorRow = (viewport: HTMLElement, label: string) =>
    within(viewport)
      .getAllByText(label)
      .map((el) => el.closest('.tc-separator') as HTMLElement)
      .find((el) => !el.closest('.tc-thread__sticky-day')) as HTMLElement;

  // 90 messages: above the default threshold, the virtual list; with a higher one, every row in the DOM.
  it.each([
    ['plain', 200],
    ['virtual', undefined],
  ])(
    'keeps the day of the top row at the top edge while scrolling (%s list)',
    async (mode, virtualizeAfter) => {
      const thread = threeDays(30);
      const { viewport, host } = await mount({
        messages: thread,
        locale: 'en',
        timeZone: 'UTC',
        now: NOW,
        virtualizeAfter,
      });
      await vi.waitFor(() => expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', mode));
      // Opened at the newest: today's separator is far above, yet "Today" shows at the top.
      await vi.waitFor(() => expect(labelAtTop(viewport)).toBe('Today'));
      await quiet(viewport);
      await scrollRowToTop(viewport, thread, 'd9-15');
      await vi.waitFor(() => expect(labelAtTop(viewport)).toBe('Yesterday'));
      await scrollRowToTop(viewport, thread, 'd8-20');
      await vi.waitFor(() => expect(labelAtTop(viewport)).toBe('Fri, Mar 8'));
      // Messages pass under it: the label is opaque.
      const label = separatorAtTop(viewport) as HTMLElement;
      expect(getComputedStyle(label).backgroundColor).not.toBe('rgba(0, 0, 0, 0)');
      // Scrolled just past a day's first rows, the next day's separator is in its own place, not pinned.
      await scrollRowToTop(viewport, thread, 'd9-29');
      await vi.waitFor(() => expect(labelAtTop(viewport)).toBe('Yesterday'));
      const next = separatorRow(viewport, 'Today');
      expect(next.getBoundingClientRect().top - viewport.getBoundingClientRect().top).toBeGreaterThan(20);
    },
  );

  it('does the same in a virtualized thread', async () => {
    const thread = makeThread(10_000); // a message a minute: about a week
    const { viewport, host } = await mount({ messages: thread, locale: 'en', timeZone: 'UTC', now: NOW });
    await vi.waitFor(() => expect(host.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'virtual'));
    await vi.waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(8));
    await vi.waitFor(() => expect(labelAtTop(viewport)).toBe('Today'));
    // Days before: a dated label (the thread starts on 3 March).
    // The reader's own scroll (a wheel first, as a person's would be) ends any settling of the pin.
    viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true }));
    await quiet(viewport);
    await scrollTo(viewport, viewport.scrollTop / 2);
    // The virtualizer renders the rows of the new range a moment later.
    await vi.waitFor(() => expect(topVisible(viewport).offset).toBeLessThanOrEqual(0));
    const { key } = topVisible(viewport);
    const date = thread.find((m) => m.key === key)?.createdAt as Date;
    const expected = new Intl.DateTimeFormat('en-US', {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(date);
    expect(expected).toMatch(/Mar [4-8]$/);
    await vi.waitFor(() => expect(labelAtTop(viewport)).toBe(expected));
  });
});

describe('own messages on their way', () => {
  it('look pending (lighter bubble, clock, readable "Sending…") under the same "You" label', async () => {
    const sent = makeMessage({ ...customer, key: 'c-sent', content: 'Delivered one' });
    const sending = makeMessage({
      ...customer,
      key: 'local:1',
      replier: '',
      replierName: '',
      content: 'On its way',
      delivery: 'sending',
      createdAt: new Date((sent.createdAt as Date).getTime() + 30_000),
    });
    const { viewport } = await mount({ messages: [sent, sending], locale: 'en', timeZone: 'UTC' });
    const row = (key: string) => viewport.querySelector(`[data-message-key="${key}"]`) as HTMLElement;
    const bubble = (key: string) => row(key).querySelector('.tc-msg__bubble') as HTMLElement;
    expect([...viewport.querySelectorAll('.tc-msg__sender')].map((el) => el.textContent)).toEqual(['You']);
    const status = within(row('local:1')).getByText('Sending…');
    // The clock: drawn before the text, in its colour.
    const clock = getComputedStyle(status, '::before');
    expect(Number.parseFloat(clock.width)).toBeGreaterThanOrEqual(10);
    expect(clock.backgroundColor).toBe(getComputedStyle(status).color);
    expect(Number.parseFloat(getComputedStyle(status).fontSize)).toBeGreaterThanOrEqual(12);
    const pending = getComputedStyle(bubble('local:1'));
    const delivered = getComputedStyle(bubble('c-sent'));
    expect(pending.backgroundColor).not.toBe(delivered.backgroundColor);
    expect(pending.borderTopStyle).toBe('dashed');
    expect(luminance(pending.backgroundColor)).toBeGreaterThan(luminance(delivered.backgroundColor));
    expect(contrast(getComputedStyle(status).color, pending.backgroundColor)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(pending.color, pending.backgroundColor)).toBeGreaterThanOrEqual(4.5);
  });
});
