/**
 * Token hygiene over a whole session (poll, unread, send, mark read, older messages, download, a 401 with
 * token refresh, errors of every kind, a server that echoes the token back): a distinctive token never
 * appears in a request URL or body, the DOM, console output, any error (message, stack, JSON, cause), web
 * storage, or the React Query cache.
 */
import { act, render } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { type Fault, TEST_BASE_URL } from '../../simulator/index.ts';
import { isTicketChatError } from '../../src/client/index.ts';
import { CaseUnreadBadge } from '../../src/components/CaseUnreadBadge/index.ts';
import { TicketChat } from '../../src/components/TicketChat/index.ts';
import { useInstantMessages, useSendMessage } from '../../src/query/index.ts';
import { useMarkRead } from '../../src/query/useMarkRead.ts';
import { advance, installFakeClock, installSimulator, makeClient, providerFor } from '../harness.tsx';

const TOKEN = 'TKN-7f3a9c51-SECRET-e2b8d4';
const REFRESHED = 'TKN-0c19aa47-RENEWED-5d3e71';
/** Fragments distinctive enough that finding one means the token leaked (even truncated). */
const NEEDLES = [TOKEN, REFRESHED, '7f3a9c51', 'SECRET-e2b8', '0c19aa47', 'RENEWED-5d3e'];
const API = `${TEST_BASE_URL}/v2/servicerequest`;
const CASE = 'case-1';

const { server, sim } = installSimulator();

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

installFakeClock();
afterEach(() => {
  vi.restoreAllMocks();
});

/** JSON of anything, including Maps, Sets, Errors (message, stack, own props, cause) and Dates. */
function dump(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, function replacer(_key, v: unknown) {
    if (typeof v === 'function') return `[function ${(v as { name?: string }).name ?? ''}]`;
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return '[circular]';
    seen.add(v);
    if (v instanceof Map) return { map: [...v.entries()] };
    if (v instanceof Set) return { set: [...v] };
    if (v instanceof Error) {
      const own: Record<string, unknown> = {};
      for (const k of Object.getOwnPropertyNames(v)) own[k] = (v as unknown as Record<string, unknown>)[k];
      return { ...own, name: v.name, message: v.message, stack: v.stack, cause: v.cause, text: String(v) };
    }
    return v;
  });
}

/** Module-level probe component (hooks not exercised by TicketChat itself); exposes actions and errors. */
const probe: {
  send?: (content: string) => void;
  markRead?: () => void;
  loadOlder?: () => void;
  errors: unknown[];
} = { errors: [] };
function Probe() {
  const thread = useInstantMessages(CASE, { intervalMs: 3000 });
  const sender = useSendMessage(CASE);
  const marker = useMarkRead(CASE);
  probe.send = sender.send;
  probe.markRead = marker.markRead;
  probe.loadOlder = thread.loadOlder;
  for (const e of [thread.error, thread.olderError, sender.error, marker.error]) if (e) probe.errors.push(e);
  return null;
}

const leaks = (where: string, text: string) =>
  NEEDLES.filter((n) => text.includes(n)).map((n) => `${where}: ${n}`);

describe('token hygiene', () => {
  it('a whole session never exposes the token outside the X-Auth-Token header', async () => {
    const model = sim();
    model.tokens.add(TOKEN);
    const t0 = Date.now();
    model.addTicket({
      id: CASE,
      status: 1,
      unread: 2,
      messages: Array.from({ length: 8 }, (_, i) => ({
        content: `history ${i}`,
        at: t0 - (8 - i) * 60_000,
        attachments: i === 7 ? [{ id: 'acc-1', name: 'trace.log' }] : [],
      })),
    });
    model.initialPageSize = 3;

    // Everything that leaves the page through MSW: URL, headers, body.
    const requestTexts: string[] = [];
    let headerSeen = 0;
    server.events.on('request:start', async ({ request }) => {
      requestTexts.push(request.url);
      if (request.headers.get('x-auth-token') === TOKEN || request.headers.get('x-auth-token') === REFRESHED)
        headerSeen++;
      for (const [name, value] of request.headers)
        if (name !== 'x-auth-token') requestTexts.push(`${name}: ${value}`);
      if (request.method === 'POST') requestTexts.push(await request.clone().text());
    });

    const consoleText: string[] = [];
    for (const method of CONSOLE_METHODS) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleText.push(args.map((a) => (typeof a === 'string' ? a : dump(a))).join(' '));
      });
    }

    const errors = probe.errors;
    errors.length = 0;
    const actions = probe;
    let token = TOKEN;
    const client = makeClient({ token: () => token, timeoutMs: 2000, language: 'en-us' });
    const { wrapper: Wrapper, queryClient } = providerFor(client);

    const view = render(
      <Wrapper>
        <CaseUnreadBadge caseId={CASE} />
        <TicketChat caseId={CASE} intervalMs={3000} timeZone="UTC" />
        <Probe />
      </Wrapper>,
    );
    const snapshots: string[] = [];
    const snap = () => snapshots.push(document.documentElement.outerHTML);

    // Poll and unread.
    await advance(3000);
    snap();
    // Older history, a send, a mark-read, a download.
    act(() => actions.loadOlder?.());
    await advance(100);
    act(() => actions.send?.('my first reply'));
    await advance(100);
    act(() => actions.markRead?.());
    await advance(3000);
    snap();
    const blob = await client.downloadAttachment({ attachmentId: 'acc-1' });
    expect(blob.size).toBeGreaterThan(0);

    // Errors of every kind on the poll, each shown in the UI.
    const faults: Fault[] = [
      { kind: 'http', status: 500 },
      { kind: 'http', status: 403 },
      { kind: 'rateLimit', retryAfterSeconds: 1 },
      { kind: 'throttle', retryAfterSeconds: 1 },
      { kind: 'timeout' },
      { kind: 'drop' },
      { kind: 'apiErrorIn200' },
      { kind: 'malformed' },
    ];
    for (const fault of faults) {
      model.injectFault(fault, { endpoint: 'poll' });
      await advance(2500);
      snap();
      await advance(65_000);
      snap();
    }
    // Errors on the other endpoints, straight from the client.
    for (const endpoint of ['send', 'markRead', 'download', 'more', 'unread'] as const) {
      model.injectFault({ kind: 'http', status: 500 }, { endpoint });
    }
    for (const call of [
      () => client.sendMessage({ caseId: CASE, content: 'x' }),
      () => client.markRead({ caseId: CASE }),
      () => client.downloadAttachment({ attachmentId: 'acc-1' }),
      () =>
        client.loadOlderMessages({ caseId: CASE, before: { createTime: '2030-01-01 00:00:00', type: 1 } }),
      () => client.listUnread({ caseIds: [CASE] }),
      () => client.downloadAttachment({ attachmentId: 'no-such-file' }),
      () => client.pollMessages({ caseIds: [CASE], cursor: 'not-digits' }),
    ]) {
      await call().catch((e: unknown) => errors.push(e));
    }

    // A server that echoes the token back: in an error body, an error inside a 200, a 401, a decode failure.
    const echo = `token ${TOKEN} rejected`;
    server.use(
      http.get(`${API}/cases/instant-messages/unread`, () =>
        HttpResponse.json({ error_code: 'OSM.0003', error_msg: echo }, { status: 403 }),
      ),
      http.post(`${API}/cases/:id/message`, () =>
        HttpResponse.json({ error_code: `X.${TOKEN}`, error_msg: echo }),
      ),
      http.post(`${API}/cases/:id/instant-messages/unread`, () =>
        HttpResponse.json({ error_code: 'OSM.0002', error_msg: echo }, { status: 401 }),
      ),
      http.get(`${API}/cases/:id/instant-messages/more`, () =>
        HttpResponse.json({ count: TOKEN, message_list: [] }),
      ),
      http.get(`${API}/accessorys/:id`, () => HttpResponse.text(`<html>${TOKEN}</html>`, { status: 502 })),
    );
    for (const call of [
      () => client.listUnread({ caseIds: [CASE] }),
      () => client.sendMessage({ caseId: CASE, content: 'x' }),
      () => client.markRead({ caseId: CASE }),
      () =>
        client.loadOlderMessages({ caseId: CASE, before: { createTime: '2030-01-01 00:00:00', type: 1 } }),
      () => client.downloadAttachment({ attachmentId: 'acc-1' }),
    ]) {
      await call().then(
        () => errors.push(new Error('expected a failure')),
        (e: unknown) => errors.push(e),
      );
    }
    server.resetHandlers(...server.listHandlers().slice(5));
    await advance(35_000);
    snap();

    // Expiry: first the refresh is not there yet (sign-in state), then it is.
    model.expireAllTokens();
    await advance(35_000);
    snap();
    model.tokens.add(REFRESHED);
    token = REFRESHED;
    await advance(65_000);
    act(() => {
      for (const button of view.container.querySelectorAll<HTMLButtonElement>('.tc-chat__alerts button'))
        button.click();
    });
    await advance(10_000);
    snap();
    act(() => actions.send?.('after refresh'));
    await advance(10_000);
    snap();

    // The session really exercised the token and every error kind (controls: the test can fail).
    expect(headerSeen).toBeGreaterThan(20);
    const kinds = new Set(errors.filter(isTicketChatError).map((e) => e.kind));
    // The echoed token reached the client and was scrubbed from the server's message.
    expect(errors.some((e) => isTicketChatError(e) && e.message === 'token *** rejected')).toBe(true);
    expect([...kinds].sort()).toEqual(['api', 'auth', 'decode', 'http', 'network', 'timeout']);
    expect(sim().requests.some((r) => r.endpoint === 'more')).toBe(true);
    expect(sim().requests.some((r) => r.endpoint === 'send')).toBe(true);
    expect(sim().requests.some((r) => r.endpoint === 'markRead')).toBe(true);
    expect(sim().requests.filter((r) => r.endpoint === 'download').length).toBeGreaterThan(0);

    const storage = [localStorage, sessionStorage].flatMap((s) =>
      Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`),
    );
    const cache = dump({
      queries: queryClient
        .getQueryCache()
        .getAll()
        .map((q) => ({ key: q.queryKey, state: q.state })),
      mutations: queryClient
        .getMutationCache()
        .getAll()
        .map((m) => ({ key: m.options.mutationKey, state: m.state })),
    });
    const found = [
      ...requestTexts.flatMap((t) => leaks('request', t)),
      ...snapshots.flatMap((t) => leaks('DOM', t)),
      ...leaks('DOM (final)', document.documentElement.outerHTML),
      ...consoleText.flatMap((t) => leaks('console', t)),
      ...errors.flatMap((e) =>
        leaks(`error ${(e as Error).message}`, `${dump(e)} ${String(e)} ${(e as Error).stack}`),
      ),
      ...storage.flatMap((t) => leaks('storage', t)),
      ...leaks('query cache', cache),
    ];
    expect(found).toEqual([]);
    view.unmount();
    queryClient.clear();
  }, 60_000);
});
