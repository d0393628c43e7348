import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetPageState, setVisibility } from '../../test/harness.tsx';
import { customer, makeMessage } from '../../test/support/messages.ts';
import type { Message } from '../client/types.ts';
import { ticketChatKeys } from './keys.ts';
import { startNotify, type TicketChatNotifyOptions, titleWithCount } from './notify.ts';
import { threadEntryFromPoll } from './threadQueryOptions.ts';
import type { UnreadEntry } from './unreadQueries.ts';

/** A stand-in for the browser's Notification with a settable permission; records what was shown. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static shown: FakeNotification[] = [];
  static requestPermission = vi.fn(async () => FakeNotification.permission);
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

const CASE = 'CS1';
const history = [
  makeMessage({ caseId: CASE, content: 'Hello, how can we help?' }),
  makeMessage({ caseId: CASE, ...customer, content: 'My invoice is wrong' }),
];
let queryClient: QueryClient;
let thread: Message[];
/** The thread's cache entry after a poll that brought `messages` (what the query function writes). */
const arrive = (...messages: Message[]) => {
  thread = [...thread, ...messages];
  queryClient.setQueryData(
    ticketChatKeys.thread(CASE),
    threadEntryFromPoll({ messages: thread, statuses: [], cursor: String(thread.length) }, CASE),
  );
};
const reply = (content: string) => makeMessage({ caseId: CASE, content, replierName: 'Li Wei' });

/** The notifier as the provider starts it; `notify` is the prop, `isLeader` whether this tab polls. */
function start({
  isLeader = true,
  notify = true,
}: {
  isLeader?: boolean;
  notify?: boolean | TicketChatNotifyOptions;
} = {}) {
  return startNotify({
    queryClient,
    language: 'en',
    tag: 'ticket-chat:notify',
    live: { current: { isLeader, notify } },
  });
}

beforeEach(() => {
  resetPageState();
  queryClient = new QueryClient();
  thread = [];
  arrive(...history);
  document.title = 'Support portal';
  FakeNotification.permission = 'default';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  vi.stubGlobal('Notification', FakeNotification);
});
afterEach(() => {
  vi.unstubAllGlobals();
  queryClient.clear();
  resetPageState();
});

describe('the title count', () => {
  it('counts support replies that arrive while hidden and restores the title when shown', () => {
    const stop = start();
    setVisibility('hidden');
    expect(document.title).toBe('Support portal'); // the history the page had is not new
    arrive(reply('We are checking'));
    expect(document.title).toBe('(1) Support portal');
    arrive(makeMessage({ caseId: CASE, ...customer, content: 'Thanks' }), reply('Found it'));
    expect(document.title).toBe('(2) Support portal'); // the customer's own message does not count
    setVisibility('visible');
    expect(document.title).toBe('Support portal');
    stop();
  });

  it('counts nothing while the page is visible', () => {
    const stop = start();
    arrive(reply('Visible reply'));
    expect(document.title).toBe('Support portal');
    stop();
  });

  it("keeps the portal's own title change and counts on it", () => {
    const stop = start();
    setVisibility('hidden');
    arrive(reply('One'));
    document.title = 'Ticket CS1 – Support portal'; // the portal navigated meanwhile
    arrive(reply('Two'));
    expect(document.title).toBe('(2) Ticket CS1 – Support portal');
    setVisibility('visible');
    expect(document.title).toBe('Ticket CS1 – Support portal');
    stop();
  });

  it('counts the rise of an unread count for a case without a thread (a badge)', () => {
    const stop = start();
    const key = ticketChatKeys.unread('CS2');
    queryClient.setQueryData<UnreadEntry>(key, { caseId: 'CS2', unread: 1, status: 1 });
    setVisibility('hidden');
    queryClient.setQueryData<UnreadEntry>(key, { caseId: 'CS2', unread: 3, status: 1 });
    expect(document.title).toBe('(2) Support portal');
    stop();
    expect(document.title).toBe('Support portal'); // stopping restores too
  });

  it('formats the count before the title', () => {
    expect(titleWithCount('Portal', 0)).toBe('Portal');
    expect(titleWithCount('Portal', 12)).toBe('(12) Portal');
    // Was uncapped ("(65535) Portal") while the badge said 99+ (attack2, minor).
    expect(titleWithCount('Portal', 99)).toBe('(99) Portal');
    expect(titleWithCount('Portal', 100)).toBe('(99+) Portal');
  });
});

describe('the system notification', () => {
  it('is never shown, nor asked for, without permission', () => {
    for (const permission of ['default', 'denied'] as const) {
      FakeNotification.permission = permission;
      const stop = start();
      setVisibility('hidden');
      arrive(reply(`A reply (${permission})`));
      expect(document.title).toBe('(1) Support portal');
      setVisibility('visible');
      stop();
    }
    expect(FakeNotification.shown).toHaveLength(0);
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
  });

  it('shows one plain-text notification per burst when granted, closed when the page is shown', () => {
    FakeNotification.permission = 'granted';
    const stop = start();
    setVisibility('hidden');
    arrive(reply('<b>Refund issued</b>'));
    arrive(reply('Anything else?'));
    expect(FakeNotification.shown).toHaveLength(1);
    const [first] = FakeNotification.shown;
    expect(first?.title).toBe('New reply from support');
    expect(first?.options.body).toBe('Li Wei: <b>Refund issued</b>'); // text, as the message says
    expect(first?.options.tag).toBe('ticket-chat:notify');
    setVisibility('visible');
    expect(first?.closed).toBe(true);
    // The next burst gets its own.
    setVisibility('hidden');
    arrive(reply('One more thing'));
    expect(FakeNotification.shown).toHaveLength(2);
    stop();
  });

  it('cuts a long reply and can be worded by the portal', () => {
    FakeNotification.permission = 'granted';
    const stop = start({
      notify: { notificationText: ({ count, caseId }) => ({ title: caseId, body: `${count}` }) },
    });
    setVisibility('hidden');
    arrive(reply('x'.repeat(500)));
    expect(FakeNotification.shown[0]?.title).toBe(CASE);
    expect(FakeNotification.shown[0]?.options.body).toBe('1');
    stop();
    FakeNotification.shown = [];
    const stopDefault = start();
    setVisibility('hidden');
    arrive(reply('y'.repeat(500)));
    expect(FakeNotification.shown[0]?.options.body).toBe(`Li Wei: ${'y'.repeat(139)}…`);
    stopDefault();
  });

  // Was: non-strings went to the Notification unchecked, and a throwing function showed nothing (attack2, minor).
  it.each([
    ['non-strings', () => ({ title: 5, body: { x: 1 } }), '5', '[object Object]'],
    ['a missing body', () => ({ title: 'T' }), 'T', 'Li Wei: Hi'],
    [
      'a function that throws',
      () => {
        throw new Error('portal bug');
      },
      'New reply from support',
      'Li Wei: Hi',
    ],
  ])('a portal wording with %s still notifies, in text', (_label, wording, title, body) => {
    FakeNotification.permission = 'granted';
    const stop = start({ notify: { notificationText: wording as never } });
    setVisibility('hidden');
    arrive(reply('Hi'));
    expect(FakeNotification.shown[0]?.title).toBe(title);
    expect(FakeNotification.shown[0]?.options.body).toBe(body);
    stop();
  });

  it('is left to the polling leader: a follower tab only counts in its title', () => {
    FakeNotification.permission = 'granted';
    const stop = start({ isLeader: false });
    setVisibility('hidden');
    arrive(reply('From the leader'));
    expect(document.title).toBe('(1) Support portal');
    expect(FakeNotification.shown).toHaveLength(0);
    stop();
  });

  it('can be turned off while the title still counts', () => {
    FakeNotification.permission = 'granted';
    const stop = start({ notify: { notification: false } });
    setVisibility('hidden');
    arrive(reply('Quiet'));
    expect(document.title).toBe('(1) Support portal');
    expect(FakeNotification.shown).toHaveLength(0);
    stop();
  });
});

describe('the favicon dot', () => {
  beforeEach(() => {
    // jsdom draws nothing and loads no image: a canvas that yields a fixed URL, an image that loads.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      new Proxy({}, { get: () => () => undefined }) as never,
    );
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,DOT');
    vi.spyOn(HTMLImageElement.prototype, 'src', 'set').mockImplementation(function (this: HTMLImageElement) {
      queueMicrotask(() => this.onload?.(new Event('load')));
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const link of document.head.querySelectorAll('link')) link.remove();
  });

  it("replaces the page's icon while counting and puts back its exact href", async () => {
    document.head.insertAdjacentHTML('beforeend', '<link rel="icon" href="./favicon.svg?v=2">');
    const stop = start();
    setVisibility('hidden');
    arrive(reply('Dot please'));
    const link = document.head.querySelector('link[rel="icon"]');
    await vi.waitFor(() => expect(link?.getAttribute('href')).toBe('data:image/png;base64,DOT'));
    setVisibility('visible');
    expect(link?.getAttribute('href')).toBe('./favicon.svg?v=2');
    expect(document.head.querySelectorAll('link')).toHaveLength(1);
    stop();
  });

  it('adds an icon when the page has none and removes it when seen', async () => {
    const stop = start();
    setVisibility('hidden');
    arrive(reply('Dot please'));
    await vi.waitFor(() => expect(document.head.querySelectorAll('link[rel="icon"]')).toHaveLength(1));
    setVisibility('visible');
    expect(document.head.querySelectorAll('link')).toHaveLength(0);
    stop();
  });

  it('is not drawn when the page is shown before the icon loaded', async () => {
    document.head.insertAdjacentHTML('beforeend', '<link rel="icon" href="/icon.png">');
    const stop = start();
    setVisibility('hidden');
    arrive(reply('Quick look'));
    setVisibility('visible'); // before the image's load event
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await Promise.resolve();
    expect(document.head.querySelector('link')?.getAttribute('href')).toBe('/icon.png');
    stop();
  });
});
