/**
 * Bad input: every invalid argument of PUBLIC_API.md rejects with a TicketChatError of kind 'input' whose
 * message names the argument, before any request; presentational components given odd props render
 * something sensible without throwing.
 */
import { render, renderHook } from '@testing-library/react';
import { TEST_BASE_URL, TEST_TOKEN } from '../../simulator/index.ts';
import { createTicketChatClient, TicketChatError } from '../../src/client/index.ts';
import type { TicketChatClient } from '../../src/client/types.ts';
import {
  AttachmentChip,
  MessageThread,
  preloadTicketChat,
  TicketStatus,
  UnreadBadge,
} from '../../src/components/index.ts';
import { useInstantMessages } from '../../src/query/index.ts';
import type { ThreadMessage } from '../../src/query/types.ts';
import { advance, installFakeClock, installSimulator, makeClient, providerFor } from '../harness.tsx';
import { makeMessage } from '../support/messages.ts';

const { server, sim } = installSimulator();
let requests: string[] = [];
beforeEach(() => {
  requests = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(`${request.method} ${request.url}`);
  });
  sim().addTicket({ id: 'case-1', messages: [{ content: 'hi' }] });
});

const id64 = 'x'.repeat(64);
const id65 = 'x'.repeat(65);
const client = (): TicketChatClient => makeClient();

interface BadCall {
  name: string;
  /** The argument the message must name. */
  argument: string;
  call: (c: TicketChatClient) => Promise<unknown>;
}

const badCalls: BadCall[] = [
  { name: 'listUnread: empty caseIds', argument: 'caseIds', call: (c) => c.listUnread({ caseIds: [] }) },
  {
    name: 'listUnread: empty case id',
    argument: 'caseIds',
    call: (c) => c.listUnread({ caseIds: ['ok', ''] }),
  },
  {
    name: 'listUnread: 65-char case id',
    argument: 'caseIds',
    call: (c) => c.listUnread({ caseIds: [id65] }),
  },
  {
    name: 'listUnread: 65-char groupId',
    argument: 'groupId',
    call: (c) => c.listUnread({ caseIds: ['case-1'], groupId: id65 }),
  },
  {
    name: 'listUnread: caseIds not an array',
    argument: 'caseIds',
    call: (c) => c.listUnread({ caseIds: 'case-1' as unknown as string[] }),
  },
  { name: 'pollMessages: empty caseIds', argument: 'caseIds', call: (c) => c.pollMessages({ caseIds: [] }) },
  {
    name: 'pollMessages: empty case id',
    argument: 'caseIds',
    call: (c) => c.pollMessages({ caseIds: [''] }),
  },
  {
    name: 'pollMessages: 65-char case id',
    argument: 'caseIds',
    call: (c) => c.pollMessages({ caseIds: ['case-1', id65] }),
  },
  {
    name: 'pollMessages: 65-char groupId',
    argument: 'groupId',
    call: (c) => c.pollMessages({ caseIds: ['case-1'], groupId: id65 }),
  },
  {
    name: 'pollMessages: cursor not a string',
    argument: 'cursor',
    call: (c) =>
      c.pollMessages({ caseIds: ['case-1'], cursor: { toString: () => '1' } as unknown as string }),
  },
  {
    name: 'sendMessage: empty case id',
    argument: 'caseId',
    call: (c) => c.sendMessage({ caseId: '', content: 'x' }),
  },
  {
    name: 'sendMessage: 65-char case id',
    argument: 'caseId',
    call: (c) => c.sendMessage({ caseId: id65, content: 'x' }),
  },
  {
    name: 'sendMessage: case id ".." (path traversal)',
    argument: 'caseId',
    call: (c) => c.sendMessage({ caseId: '..', content: 'x' }),
  },
  {
    name: 'sendMessage: empty content',
    argument: 'content',
    call: (c) => c.sendMessage({ caseId: 'case-1', content: '' }),
  },
  {
    name: 'sendMessage: 2001-char content',
    argument: 'content',
    call: (c) => c.sendMessage({ caseId: 'case-1', content: 'y'.repeat(2001) }),
  },
  {
    name: 'sendMessage: 65-char groupId',
    argument: 'groupId',
    call: (c) => c.sendMessage({ caseId: 'case-1', content: 'x', groupId: id65 }),
  },
  {
    name: 'sendMessage: empty attachment id',
    argument: 'attachmentIds',
    call: (c) => c.sendMessage({ caseId: 'case-1', content: 'x', attachmentIds: ['a1', ''] }),
  },
  {
    name: 'sendMessage: 65-char attachment id',
    argument: 'attachmentIds',
    call: (c) => c.sendMessage({ caseId: 'case-1', content: 'x', attachmentIds: [id65] }),
  },
  {
    name: 'sendMessage: attachment id not a string',
    argument: 'attachmentIds',
    call: (c) => c.sendMessage({ caseId: 'case-1', content: 'x', attachmentIds: [42 as unknown as string] }),
  },
  { name: 'markRead: empty case id', argument: 'caseId', call: (c) => c.markRead({ caseId: '' }) },
  { name: 'markRead: 65-char case id', argument: 'caseId', call: (c) => c.markRead({ caseId: id65 }) },
  { name: 'markRead: case id "."', argument: 'caseId', call: (c) => c.markRead({ caseId: '.' }) },
  {
    name: 'markRead: 65-char groupId',
    argument: 'groupId',
    call: (c) => c.markRead({ caseId: 'case-1', groupId: id65 }),
  },
  {
    name: 'downloadAttachment: empty attachment id',
    argument: 'attachmentId',
    call: (c) => c.downloadAttachment({ attachmentId: '' }),
  },
  {
    name: 'downloadAttachment: 65-char attachment id',
    argument: 'attachmentId',
    call: (c) => c.downloadAttachment({ attachmentId: id65 }),
  },
  {
    name: 'downloadAttachment: attachment id ".."',
    argument: 'attachmentId',
    call: (c) => c.downloadAttachment({ attachmentId: '..' }),
  },
  {
    name: 'loadOlderMessages: empty case id',
    argument: 'caseId',
    call: (c) => c.loadOlderMessages({ caseId: '', before: { createTime: '2024-01-01 00:00:00', type: 1 } }),
  },
  {
    name: 'loadOlderMessages: limit 0',
    argument: 'limit',
    call: (c) =>
      c.loadOlderMessages({
        caseId: 'case-1',
        before: { createTime: '2024-01-01 00:00:00', type: 1 },
        limit: 0,
      }),
  },
  {
    name: 'loadOlderMessages: limit 101',
    argument: 'limit',
    call: (c) =>
      c.loadOlderMessages({
        caseId: 'case-1',
        before: { createTime: '2024-01-01 00:00:00', type: 1 },
        limit: 101,
      }),
  },
  {
    name: 'loadOlderMessages: limit 1.5',
    argument: 'limit',
    call: (c) =>
      c.loadOlderMessages({
        caseId: 'case-1',
        before: { createTime: '2024-01-01 00:00:00', type: 1 },
        limit: 1.5,
      }),
  },
];

/** Runs `call` (sync throw or rejection alike) and returns what it threw. */
async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function expectInputError(error: unknown, argument: string): void {
  expect(error).toBeInstanceOf(TicketChatError);
  expect((error as TicketChatError).kind).toBe('input');
  expect((error as TicketChatError).retryable).toBe(false);
  expect((error as TicketChatError).message).toContain(argument);
}

describe('client: bad input rejects with kind "input" naming the argument, before any request', () => {
  it.each(badCalls)('$name', async ({ argument, call }) => {
    const c = client();
    const error = await failureOf(() => call(c));
    expectInputError(error, argument);
    expect(requests).toEqual([]);
  });

  it.each([
    ['empty endpoint', 'endpoint', { endpoint: '', token: TEST_TOKEN }],
    ['empty token string', 'token', { endpoint: TEST_BASE_URL, token: '' }],
    ['5001-char token', 'token', { endpoint: TEST_BASE_URL, token: 't'.repeat(5001) }],
    ['empty language', 'language', { endpoint: TEST_BASE_URL, token: TEST_TOKEN, language: '' }],
    [
      '33-char time zone',
      'timeZone',
      { endpoint: TEST_BASE_URL, token: TEST_TOKEN, timeZone: 'G'.repeat(33) },
    ],
  ] as const)('createTicketChatClient: %s', async (_name, argument, options) => {
    const error = await failureOf(() => createTicketChatClient(options));
    expectInputError(error, argument);
    expect(requests).toEqual([]);
  });

  it('the same calls at their limits are accepted (the checks are not off by one)', async () => {
    const c = client();
    sim().addTicket({ id: id64 });
    await c.listUnread({ caseIds: [id64], groupId: 'g'.repeat(64) });
    await c.pollMessages({ caseIds: [id64], cursor: '1'.repeat(64).replace(/^1/, '9') });
    await c.sendMessage({ caseId: 'case-1', content: 'y'.repeat(2000) });
    await c.markRead({ caseId: 'case-1' });
    expect(requests).toHaveLength(4);
  });

  it('over 100 case ids is not an error: split into requests of at most 100', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `case-${i}`);
    await client().listUnread({ caseIds: ids });
    expect(requests).toHaveLength(2);
    const sizes = requests.map(
      (r) => new URL(r.split(' ')[1] as string).searchParams.getAll('case_ids').length,
    );
    expect(sizes.sort()).toEqual([100, 50]);
  });
});

describe('hooks: a bad case id is an input error shown once, with no request and no polling', () => {
  installFakeClock();

  it.each([
    ['empty', ''],
    ['65 chars', id65],
  ])('useInstantMessages with a %s case id', async (_name, caseId) => {
    const { wrapper, queryClient } = providerFor(makeClient());
    const hook = renderHook(() => useInstantMessages(caseId, { intervalMs: 1000 }), { wrapper });
    await advance(30_000);
    expect(hook.result.current.error?.kind).toBe('input');
    expect(hook.result.current.error?.message).toContain('caseId');
    expect(hook.result.current.messages).toEqual([]);
    expect(requests).toEqual([]);
    hook.unmount();
    queryClient.clear();
  });
});

// ---------- components ----------
const base = makeMessage({
  key: 'k#0',
  content: 'hello',
  createdAt: new Date(Date.UTC(2024, 2, 1, 2, 0, 0)),
  createTime: '2024-03-01 10:00:00',
});

describe('components: odd props render something sensible', () => {
  // The package's MessageThread is lazy: loaded, it renders synchronously.
  beforeAll(() => preloadTicketChat());
  it.each([-1, -0.5, 0, Number.NaN, Number.NEGATIVE_INFINITY])(
    'UnreadBadge count=%s renders nothing',
    (count) => {
      const { container } = render(<UnreadBadge count={count} />);
      expect(container.textContent).toBe('');
    },
  );

  it('UnreadBadge count=Infinity renders a capped badge, not "Infinity"', () => {
    const { container } = render(<UnreadBadge count={Number.POSITIVE_INFINITY} locale="en-US" />);
    // Either nothing or a capped "99+"; never the words Infinity/NaN.
    expect(container.textContent ?? '').not.toMatch(/Infinity|NaN/);
  });

  it.each([
    [2.7, '2'],
    [150, '99+'],
  ])('UnreadBadge count=%s shows %s', (count, shown) => {
    const { container } = render(<UnreadBadge count={count} />);
    expect(container.querySelector('[aria-hidden="true"]')?.textContent).toBe(shown);
  });

  it.each([Number.NaN, 0, -5, Number.POSITIVE_INFINITY])(
    'UnreadBadge max=%s falls back to a sane cap',
    (max) => {
      const { container } = render(<UnreadBadge count={500} max={max} />);
      expect(container.textContent ?? '').not.toMatch(/Infinity|NaN|-/);
      expect(container.textContent).not.toBe('');
    },
  );

  it.each([
    ['unknown code 99', 99],
    ['null', null],
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['negative', -1],
    ['fraction', 1.5],
  ])('TicketStatus %s shows "unknown"', (_name, status) => {
    const { container } = render(<TicketStatus status={status} locale="en-US" />);
    const pill = container.firstElementChild as HTMLElement;
    expect(pill.dataset.status).toBe('unknown');
    expect(pill.textContent).toMatch(/unknown/i);
  });

  it('TicketStatus of a known code is not unknown (control)', () => {
    const { container } = render(<TicketStatus status={1} locale="en-US" />);
    expect((container.firstElementChild as HTMLElement).dataset.status).toBe('1');
  });

  it('AttachmentChip with an empty name still renders an accessible chip', () => {
    const { container, getByRole } = render(
      <AttachmentChip attachment={{ id: 'a1', name: '' }} onClick={() => {}} locale="en-US" />,
    );
    const button = getByRole('button');
    expect(button.getAttribute('aria-label')?.trim()).not.toBe('');
    expect(container.textContent).not.toMatch(/undefined|null/);
  });

  it('AttachmentChip with an empty id and name, not clickable', () => {
    const { container } = render(<AttachmentChip attachment={{ id: '', name: '' }} />);
    expect(container.firstElementChild).not.toBeNull();
  });

  it('MessageThread with an empty list shows the empty state', () => {
    const { container } = render(<MessageThread messages={[]} locale="en-US" />);
    expect(container.querySelector('.tc-thread__empty')?.textContent).toBeTruthy();
  });

  it('MessageThread with empty/unparseable fields (as the client produces them) renders every message', () => {
    const messages: ThreadMessage[] = [
      { ...base, key: 'a#0', content: '', replierName: '', replier: '', createdAt: null, createTime: '' },
      { ...base, key: 'b#0', replierType: null, type: null, createdAt: null, createTime: 'garbage' },
      { ...base, key: 'c#0', attachments: [{ id: '', name: '' }] },
    ];
    const { container } = render(<MessageThread messages={messages} locale="en-US" timeZone="UTC" />);
    expect(container.querySelectorAll('[data-message-key]')).toHaveLength(3);
    expect(container.textContent).not.toMatch(/undefined|null|NaN|Invalid Date/);
  });

  it('MessageThread tolerates null/undefined names and ids from untyped callers', () => {
    const loose = [
      { ...base, key: 'e#0', replierName: null },
      { ...base, key: undefined, replier: undefined, content: 'no key' },
    ] as unknown as ThreadMessage[];
    const { container } = render(<MessageThread messages={loose} locale="en-US" timeZone="UTC" />);
    expect(container.textContent).toContain('hello');
    expect(container.textContent).toContain('no key');
    // Each row still has a key of its own.
    const keys = [...container.querySelectorAll<HTMLElement>('[data-message-key]')].map(
      (r) => r.dataset.messageKey,
    );
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    expect(keys).not.toContain('undefined');
  });

  it('MessageThread with an Invalid Date createdAt (new Date(NaN)) falls back to createTime', () => {
    const invalid = new Date(Number.NaN);
    const messages: ThreadMessage[] = [
      { ...base, key: 'n#0', content: 'bad date', createdAt: invalid, createTime: '2024-13-99 99:99:99' },
      { ...base, key: 'n#1', content: 'bad date too', createdAt: invalid, createTime: 'later' },
    ];
    const { container } = render(<MessageThread messages={messages} locale="en-US" timeZone="UTC" />);
    expect(container.querySelectorAll('[data-message-key]')).toHaveLength(2);
    // Like null: no day separator, no group, the raw createTime instead of a formatted time.
    expect(container.querySelector('[data-kind="day"]')).toBeNull();
    expect(container.querySelector('[data-message-key="n#0"]')?.getAttribute('data-group')).toBe('single');
    expect(container.querySelector('time')).toBeNull();
    expect(container.textContent).toContain('2024-13-99 99:99:99');
    expect(container.textContent).not.toMatch(/undefined|null|NaN|Invalid Date/);
  });

  it('MessageThread with null-ish fields from untyped (JS) callers renders and hands back the originals', () => {
    const nullName = { id: 'att-1', name: null };
    const loose = [
      { ...base, key: 'c#0', content: null },
      { ...base, key: 'a#0', content: 'attachments missing (A)', attachments: null },
      { ...base, key: 'u#0', content: 'attachments missing (B)', attachments: undefined },
      { ...base, key: 'f#0', content: 'file without a name', attachments: [nullName] },
      { ...base, key: 'd#0', content: 'no date', createdAt: undefined, createTime: 'sometime' },
    ] as unknown as ThreadMessage[];
    const clicked: unknown[] = [];
    const { container, rerender } = render(
      <MessageThread
        messages={loose}
        locale="en-US"
        timeZone="UTC"
        onAttachmentClick={(a, m) => clicked.push(a, m)}
      />,
    );
    expect(container.querySelectorAll('[data-message-key]')).toHaveLength(5);
    expect(container.textContent).toContain('attachments missing (A)');
    expect(container.textContent).toContain('sometime');
    expect(container.textContent).not.toMatch(/undefined|null|NaN|Invalid Date/);
    const chip = container.querySelector<HTMLButtonElement>('.tc-attachment-chip');
    expect(chip?.getAttribute('aria-label')?.trim()).toBeTruthy();
    chip?.click();
    // The caller gets its own objects back, not the component's fixed copies.
    expect(clicked[0]).toBe(nullName);
    expect(clicked[1]).toBe(loose[3]);
    // Re-rendering with the same list reuses the fixed copies (the row keeps its DOM node).
    const row = container.querySelector('[data-message-key="f#0"]');
    rerender(<MessageThread messages={[...loose]} locale="en-US" timeZone="UTC" />);
    expect(container.querySelector('[data-message-key="f#0"]')).toBe(row);
  });
});
