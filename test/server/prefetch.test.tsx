// Server prefetch → JSON.stringify(dehydrate) → hydrate → renderToString → hydrateRoot, against the simulator.
import { dehydrate, hydrate, QueryClient } from '@tanstack/react-query';
import { setupServer } from 'msw/node';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { createHandlers, createServiceModel, TEST_BASE_URL, TEST_TOKEN } from '../../simulator/index.ts';
import { createTicketChatClient } from '../../src/client/createClient.ts';
import { CaseUnreadBadge, preloadTicketChat, TicketChat } from '../../src/components/index.ts';
import { ticketChatKeys } from '../../src/query/keys.ts';
import { TicketChatProvider } from '../../src/query/TicketChatProvider.tsx';
import { prefetchThread, prefetchUnread } from '../../src/server/index.ts';
import { holdChatChunk } from '../support/chatChunk.ts';

const model = createServiceModel();
const server = setupServer(...createHandlers(model));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
// What a server does before renderToString (the thread and the composer are a lazy chunk; a Node server
// starts loading it with the package, this test runs where `window` exists).
beforeAll(() => preloadTicketChat());
afterAll(() => server.close());
afterEach(() => model.clearFaults());

const CASE = 'ssr-1';
model.addTicket({
  id: CASE,
  messages: [
    { content: 'first from support', at: Date.UTC(2026, 0, 5, 2) },
    { content: 'latest from support', at: Date.UTC(2026, 0, 5, 3) },
  ],
});
model.ticket(CASE)!.unread = 2;

const client = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN, language: 'en-us' });
const app = (queryClient: QueryClient) => (
  <TicketChatProvider client={client} queryClient={queryClient} crossTab={false}>
    <CaseUnreadBadge caseId={CASE} />
    <TicketChat caseId={CASE} intervalMs={100} timeZone="UTC" locale="en-us" />
  </TicketChatProvider>
);

async function serverState(): Promise<string> {
  const queryClient = new QueryClient();
  await Promise.all([
    prefetchThread(queryClient, { client, caseId: CASE }),
    prefetchUnread(queryClient, { client, caseIds: [CASE] }),
  ]);
  return JSON.stringify(dehydrate(queryClient));
}

const hydrated = (state: string) => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  hydrate(queryClient, JSON.parse(state));
  return queryClient;
};

test('the prefetched entries are under the keys the hooks read and survive JSON', async () => {
  const queryClient = new QueryClient();
  await prefetchThread(queryClient, { client, caseId: CASE });
  await prefetchUnread(queryClient, { client, caseIds: [CASE] });
  expect(queryClient.getQueryData(ticketChatKeys.unread(CASE))).toEqual({
    caseId: CASE,
    unread: 2,
    status: 1,
  });
  const thread = queryClient.getQueryData(ticketChatKeys.thread(CASE));
  expect(thread).toMatchObject({
    server: [{ content: 'first from support' }, { content: 'latest from support' }],
    local: [],
    polled: true,
    cursor: String(Date.UTC(2026, 0, 5, 3)),
  });
  // Plain data: what the server cached is exactly what the browser gets back from JSON.
  const [query] = hydrated(JSON.stringify(dehydrate(queryClient)))
    .getQueryCache()
    .findAll({ queryKey: ticketChatKeys.thread(CASE) });
  expect(query?.state.data).toEqual(thread);
});

test('renderToString from the dehydrated cache shows the messages and the badge, no skeleton', async () => {
  const html = renderToString(app(hydrated(await serverState())));
  expect(html).toContain('first from support');
  expect(html).toContain('latest from support');
  expect(html).toContain('data-state="ready"');
  expect(html).not.toContain('data-state="loading"');
  expect(html).toMatch(/2 unread/);
});

test('hydration is clean and polling goes on from the prefetched cursor, never fetching the thread again', {
  timeout: 10_000,
}, async () => {
  const state = await serverState();
  const cursor = JSON.parse(state).queries.find((q: { queryKey: unknown[] }) => q.queryKey[1] === 'thread')
    .state.data.cursor as string;
  const container = document.createElement('div');
  container.innerHTML = renderToString(app(hydrated(state)));
  document.body.append(container);
  const errors: unknown[] = [];
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => errors.push(args));
  const polls = () =>
    model.requests.filter((r) => r.endpoint === 'poll').map((r) => new URL(r.url).searchParams);
  const before = polls().length;
  // A browser's hydration, not a test's act() batches: React's act warnings would be noise here.
  const actEnvironment = (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  const clientCache = hydrated(state);
  let root: ReturnType<typeof hydrateRoot> | undefined;
  try {
    root = hydrateRoot(container, app(clientCache), { onRecoverableError: (e) => errors.push(e) });
    await vi.waitFor(() => expect(container.querySelector('[data-state="ready"]')).not.toBeNull());
    expect(container.textContent).toContain('latest from support');
    model.post(CASE, { content: 'after hydration' });
    await vi.waitFor(() => expect(container.textContent).toContain('after hydration'), { timeout: 4000 });
    const after = polls().slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]!.get('last_message_time_id')).toBe(cursor);
    expect(after.every((query) => query.has('last_message_time_id'))).toBe(true);
    expect(clientCache.getQueryState(ticketChatKeys.thread(CASE))?.error ?? null).toBeNull();
    expect(errors).toEqual([]);
  } finally {
    root?.unmount();
    container.remove();
    consoleError.mockRestore();
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = actEnvironment;
  }
});

test('hydration before the lazy chunk is there keeps the server HTML, then hydrates it without a mismatch', {
  timeout: 10_000,
}, async () => {
  const state = await serverState();
  const container = document.createElement('div');
  container.innerHTML = renderToString(app(hydrated(state)));
  const serverRows = container.querySelectorAll('[data-state="ready"] .tc-msg').length;
  expect(serverRows).toBeGreaterThan(1);
  document.body.append(container);
  // A fresh copy of the package, as a browser has it before its chunk arrived: the chunk waits for `release`.
  const { release, restore } = holdChatChunk();
  const fresh = await import('../../src/index.ts');
  const freshClient = fresh.createTicketChatClient({
    endpoint: TEST_BASE_URL,
    token: TEST_TOKEN,
    language: 'en-us',
  });
  const errors: unknown[] = [];
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => errors.push(args));
  const actEnvironment = (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  const clientCache = hydrated(state);
  let root: ReturnType<typeof hydrateRoot> | undefined;
  try {
    root = hydrateRoot(
      container,
      <fresh.TicketChatProvider client={freshClient} queryClient={clientCache} crossTab={false}>
        <fresh.CaseUnreadBadge caseId={CASE} />
        <fresh.TicketChat caseId={CASE} intervalMs={100} timeZone="UTC" locale="en-us" />
      </fresh.TicketChatProvider>,
      { onRecoverableError: (e) => errors.push(e) },
    );
    // The badge hydrated (its query has an observer): the page is live, the chat still waits for its chunk.
    await vi.waitFor(() =>
      expect(
        clientCache
          .getQueryCache()
          .find({ queryKey: ticketChatKeys.unread(CASE) })
          ?.getObserversCount(),
      ).toBeGreaterThan(0),
    );
    // Meanwhile the server's rows stay (no skeleton in between, nothing client-rendered over them).
    expect(container.querySelectorAll('[data-state="ready"] .tc-msg').length).toBe(serverRows);
    expect(container.querySelector('[data-state="loading"]')).toBeNull();
    expect(errors).toEqual([]);
    release();
    model.post(CASE, { content: 'after a late chunk' });
    await vi.waitFor(() => expect(container.textContent).toContain('after a late chunk'), { timeout: 4000 });
    expect(errors).toEqual([]);
  } finally {
    release();
    root?.unmount();
    restore();
    container.remove();
    consoleError.mockRestore();
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = actEnvironment;
  }
});

test("a group's prefetch lands under that group's keys only", async () => {
  const queryClient = new QueryClient();
  await prefetchThread(queryClient, { client, caseId: CASE, groupId: 'g1' });
  await prefetchUnread(queryClient, { client, caseIds: [CASE], groupId: 'g1' });
  expect(queryClient.getQueryData(ticketChatKeys.thread(CASE, 'g1'))).toMatchObject({ polled: true });
  expect(queryClient.getQueryData(ticketChatKeys.unread(CASE, 'g1'))).toMatchObject({ caseId: CASE });
  expect(queryClient.getQueryData(ticketChatKeys.thread(CASE))).toBeUndefined();
  expect(queryClient.getQueryData(ticketChatKeys.unread(CASE))).toBeUndefined();
});

test('a failed request leaves the cache empty (the browser then fetches); bad arguments throw', async () => {
  model.injectFault({ kind: 'http', status: 500 }, { endpoint: 'poll' });
  model.injectFault({ kind: 'http', status: 500 }, { endpoint: 'unread' });
  const queryClient = new QueryClient();
  await prefetchThread(queryClient, { client, caseId: CASE });
  await prefetchUnread(queryClient, { client, caseIds: [CASE] });
  expect(queryClient.getQueryData(ticketChatKeys.thread(CASE))).toBeUndefined();
  expect(queryClient.getQueryData(ticketChatKeys.unread(CASE))).toBeUndefined();
  // Nothing failed is dehydrated: the browser starts from a skeleton and its own first poll.
  expect(dehydrate(queryClient).queries).toEqual([]);
  await expect(prefetchThread(queryClient, { client, caseId: '' })).rejects.toMatchObject({ kind: 'input' });
  await expect(prefetchUnread(queryClient, { client, caseIds: [] })).rejects.toMatchObject({ kind: 'input' });
});
