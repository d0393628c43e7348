// Server HTML hydrated while the chat's chunk is still on its way (or fails): what the reader sees and can do
// meanwhile, and that React never throws the server's messages away.
import { dehydrate, hydrate, QueryClient } from '@tanstack/react-query';
import { fireEvent } from '@testing-library/react';
import axe from 'axe-core';
import { setupServer } from 'msw/node';
import { createContext, type ReactNode, startTransition, useEffect, useState } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { createHandlers, createServiceModel, TEST_BASE_URL, TEST_TOKEN } from '../../simulator/index.ts';
import { createTicketChatClient } from '../../src/client/createClient.ts';
import { CaseUnreadBadge, preloadTicketChat, TicketChat } from '../../src/components/index.ts';
import { ticketChatKeys } from '../../src/query/keys.ts';
import { TicketChatProvider } from '../../src/query/TicketChatProvider.tsx';
import { prefetchThread, prefetchUnread } from '../../src/server/index.ts';
import { CHAT_CHUNK } from '../support/chatChunk.ts';

const model = createServiceModel();
const server = setupServer(...createHandlers(model));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeAll(() => preloadTicketChat());
afterAll(() => server.close());

const CASE = 'late-1';
model.addTicket({
  id: CASE,
  messages: [
    { content: 'first from support', at: Date.UTC(2026, 0, 5, 2) },
    { content: 'latest from support', at: Date.UTC(2026, 0, 5, 3) },
  ],
});
const client = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN, language: 'en-us' });

async function serverHtml(): Promise<{ html: string; state: string }> {
  const queryClient = new QueryClient();
  await Promise.all([
    prefetchThread(queryClient, { client, caseId: CASE }),
    prefetchUnread(queryClient, { client, caseIds: [CASE] }),
  ]);
  const html = renderToString(
    <TicketChatProvider client={client} queryClient={queryClient} crossTab={false}>
      <CaseUnreadBadge caseId={CASE} />
      <TicketChat caseId={CASE} intervalMs={100} timeZone="UTC" locale="en-us" />
    </TicketChatProvider>,
  );
  return { html, state: JSON.stringify(dehydrate(queryClient)) };
}

/** Resolves once the live composer replaced the server's inert one (its Send is a submit button again). */
const hydrated = (container: HTMLElement) =>
  vi.waitFor(() =>
    expect(container.querySelector('.tc-composer__send')?.getAttribute('type')).toBe('submit'),
  );

/**
 * A fresh copy of the package, as a browser has it before its chunk arrived: each load of the chunk waits
 * for the next `release()` and fails if `fail()` was called instead.
 */
async function browserPackage() {
  const loads: { resolve: () => void; reject: () => void }[] = [];
  let waiting: (() => void) | undefined;
  vi.resetModules();
  vi.doMock(CHAT_CHUNK, async (original) => {
    await new Promise<void>((resolve, reject) => {
      loads.push({
        resolve,
        reject: () => reject(new TypeError('Failed to fetch dynamically imported module')),
      });
      waiting?.();
    });
    return original();
  });
  const fresh = await import('../../src/index.ts');
  const started = () =>
    loads.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => (waiting = resolve));
  return {
    fresh,
    release: async () => {
      await started();
      loads.shift()?.resolve();
    },
    fail: async () => {
      await started();
      loads.shift()?.reject();
    },
  };
}

const rows = (container: HTMLElement) => container.querySelectorAll('[data-state="ready"] .tc-msg').length;
const polls = () => model.requests.filter((r) => r.endpoint === 'poll').length;

/** A portal's parent that sets state once hydrated (an urgent update), rendering its children anew. */
function SettingStateOnMount(props: { children: () => ReactNode; onCommit: (tick: number) => void }) {
  const [tick, setTick] = useState(0);
  useEffect(() => setTick(1), []);
  const { onCommit } = props;
  useEffect(() => {
    onCommit(tick);
  }, [onCommit, tick]);
  return props.children();
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.reverse()) step();
  cleanup = [];
  vi.doUnmock(CHAT_CHUNK);
});

/** Hydrates `app` over `html` the way a browser does (no act() batching), collecting React's reports. */
function hydrateInBrowser(html: string, app: React.ReactNode) {
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const errors: unknown[] = [];
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => errors.push(args));
  const actEnvironment = (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  const root = hydrateRoot(container, app, { onRecoverableError: (e) => errors.push(e) });
  cleanup.push(() => {
    root.unmount();
    container.remove();
    consoleError.mockRestore();
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = actEnvironment;
  });
  return { container, errors };
}

/** Hydrates the server's badge and chat with `fresh`'s own client (its `timeoutMs` when given); `onError` is the chat's. */
function hydrateChatWithBadge(options: {
  fresh: Awaited<ReturnType<typeof browserPackage>>['fresh'];
  html: string;
  state: string;
  timeoutMs?: number;
}) {
  const { fresh } = options;
  const client = fresh.createTicketChatClient({
    endpoint: TEST_BASE_URL,
    token: TEST_TOKEN,
    language: 'en-us',
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  const onError = vi.fn();
  const hydrated = hydrateInBrowser(
    options.html,
    <fresh.TicketChatProvider client={client} queryClient={clientCache(options.state)} crossTab={false}>
      <fresh.CaseUnreadBadge caseId={CASE} />
      <fresh.TicketChat caseId={CASE} intervalMs={100} timeZone="UTC" locale="en-us" onError={onError} />
    </fresh.TicketChatProvider>,
  );
  return { ...hydrated, onError };
}

const aged = (state: { queries: { state: { dataUpdatedAt: number } }[] }, ms: number) => {
  for (const query of state.queries) query.state.dataUpdatedAt -= ms;
  return state;
};

const clientCache = (state: string) => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  hydrate(queryClient, JSON.parse(state));
  return queryClient;
};

test('a portal re-rendering with the same props (new callbacks) while the chunk loads keeps the server messages', async () => {
  const { html, state } = await serverHtml();
  const { fresh, release } = await browserPackage();
  const freshClient = fresh.createTicketChatClient({
    endpoint: TEST_BASE_URL,
    token: TEST_TOKEN,
    language: 'en-us',
  });
  const queryClient = clientCache(state);
  const commits: number[] = [];
  const { container, errors } = hydrateInBrowser(
    html,
    <SettingStateOnMount onCommit={(n) => commits.push(n)}>
      {() => (
        <fresh.TicketChatProvider client={freshClient} queryClient={queryClient} crossTab={false}>
          <fresh.CaseUnreadBadge caseId={CASE} />
          <fresh.TicketChat
            caseId={CASE}
            intervalMs={100}
            timeZone="UTC"
            locale="en-us"
            onSignIn={() => {}}
          />
        </fresh.TicketChatProvider>
      )}
    </SettingStateOnMount>,
  );
  const serverRows = rows(container);
  expect(serverRows).toBeGreaterThan(1);
  // The parent's second render is committed.
  await vi.waitFor(() => expect(commits).toContain(1));
  expect(rows(container)).toBe(serverRows);
  expect(container.querySelector('[data-state="loading"]')).toBeNull();
  await release();
  await hydrated(container);
  expect(rows(container)).toBe(serverRows);
  expect(errors).toEqual([]);
});

test('the server-rendered composer is read-only with no submit button until hydrated, then live, with no mismatch', async () => {
  const { html, state } = await serverHtml();
  const { fresh, release } = await browserPackage();
  const freshClient = fresh.createTicketChatClient({
    endpoint: TEST_BASE_URL,
    token: TEST_TOKEN,
    language: 'en-us',
  });
  const { container, errors } = hydrateInBrowser(
    html,
    <fresh.TicketChatProvider client={freshClient} queryClient={clientCache(state)} crossTab={false}>
      <fresh.CaseUnreadBadge caseId={CASE} />
      <fresh.TicketChat caseId={CASE} intervalMs={100} timeZone="UTC" locale="en-us" />
    </fresh.TicketChatProvider>,
  );
  const field = () => container.querySelector<HTMLTextAreaElement>('.tc-composer__field')!;
  const send = () => container.querySelector<HTMLButtonElement>('.tc-composer__send')!;
  expect(field().readOnly).toBe(true);
  expect(send().type).toBe('button');
  expect(send().getAttribute('aria-disabled')).toBe('true');
  // A click on Send submits nothing natively (jsdom reports a native submit as "not implemented").
  const submitted = vi.fn((event: Event) => event.preventDefault());
  container.querySelector('form')!.addEventListener('submit', submitted);
  send().click();
  expect(submitted).not.toHaveBeenCalled();
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await release();
  await hydrated(container);
  expect(field().readOnly).toBe(false);
  fireEvent.change(field(), { target: { value: 'typed after hydration' } });
  expect(field().value).toBe('typed after hydration');
  expect(errors).toEqual([]);
});

test('a chunk that fails while hydrating keeps the server messages; the alert beside them retries, then hydration goes on', async () => {
  const { html, state } = await serverHtml();
  const { fresh, release, fail } = await browserPackage();
  const { container, errors, onError } = hydrateChatWithBadge({ fresh, html, state });
  const serverRows = rows(container);
  await fail();
  await vi.waitFor(() => expect(container.querySelector('[role="alert"]')).not.toBeNull());
  const alert = container.querySelector('[role="alert"]')!;
  expect(alert.textContent).toMatch(/the chat didn't finish loading/i);
  expect(rows(container)).toBe(serverRows);
  expect(container.textContent).toContain('latest from support');
  expect(onError).toHaveBeenCalledTimes(1);
  alert.querySelector('button')!.click();
  await release();
  await hydrated(container);
  expect(container.querySelector('[role="alert"]')).toBeNull();
  expect(rows(container)).toBe(serverRows);
  expect(errors).toEqual([]);
});

test("a chunk that stalls while hydrating: after the client's timeoutMs the alert beside the server messages, and a late chunk hydrates", async () => {
  const { html, state } = await serverHtml();
  const { fresh, release } = await browserPackage();
  const { container, errors, onError } = hydrateChatWithBadge({ fresh, html, state, timeoutMs: 200 });
  const serverRows = rows(container);
  const alert = () => container.querySelector('[role="alert"]');
  await vi.waitFor(() => expect(alert()).not.toBeNull(), { timeout: 5000 });
  expect(alert()!.textContent).toMatch(/the chat didn't finish loading/i);
  expect(rows(container)).toBe(serverRows);
  expect(container.textContent).toContain('latest from support');
  expect(onError).toHaveBeenCalledTimes(1);
  expect(onError.mock.calls[0]?.[0]).toMatchObject({ kind: 'network', code: fresh.CODE_LOAD_FAILED });
  // The download arrives at last: hydration goes on, the alert goes.
  await release();
  await hydrated(container);
  expect(alert()).toBeNull();
  expect(rows(container)).toBe(serverRows);
  expect(onError).toHaveBeenCalledTimes(1);
  expect(errors).toEqual([]);
});

test('a thread the server put in the cache is not fetched before the chunk: a reply since then cannot mismatch', async () => {
  const { html, state: fresh0 } = await serverHtml();
  // HTML a few seconds old (older than the poll interval: React Query would refetch it at once).
  const state = JSON.stringify(aged(JSON.parse(fresh0), 5000));
  model.post(CASE, { content: 'a reply after the server rendered' });
  const { fresh, release } = await browserPackage();
  const freshClient = fresh.createTicketChatClient({
    endpoint: TEST_BASE_URL,
    token: TEST_TOKEN,
    language: 'en-us',
  });
  const before = polls();
  const queryClient = clientCache(state);
  const { container, errors } = hydrateInBrowser(
    html,
    <fresh.TicketChatProvider client={freshClient} queryClient={queryClient} crossTab={false}>
      <fresh.CaseUnreadBadge caseId={CASE} />
      <fresh.TicketChat caseId={CASE} intervalMs={100} timeZone="UTC" locale="en-us" />
    </fresh.TicketChatProvider>,
  );
  // The page is live (the badge's unread query has its observer: the effects beside the chat ran)...
  await vi.waitFor(() =>
    expect(
      queryClient
        .getQueryCache()
        .find({ queryKey: ticketChatKeys.unread(CASE) })
        ?.getObserversCount(),
    ).toBeGreaterThan(0),
  );
  // ...and the thread is not being fetched behind the server's HTML.
  expect(queryClient.getQueryState(ticketChatKeys.thread(CASE))?.fetchStatus).toBe('idle');
  expect(polls()).toBe(before);
  await release();
  // The view's own query polls once mounted (its interval: at least a second).
  await vi.waitFor(() => expect(container.textContent).toContain('a reply after the server rendered'), {
    timeout: 4000,
  });
  expect(errors).toEqual([]);
});

// What the README asks of a portal: a context of its own changing above the chat while the chunk loads.
const PageContext = createContext(0);
function ChangingContext(props: { transition: boolean; children: ReactNode }) {
  const [value, setValue] = useState(0);
  const { transition } = props;
  useEffect(() => {
    if (transition) startTransition(() => setValue(1));
    else setValue(1);
  }, [transition]);
  return <PageContext.Provider value={value}>{props.children}</PageContext.Provider>;
}

describe('a context of the page changing while the chunk loads (the README claims)', () => {
  const run = async ({ transition, preload }: { transition: boolean; preload: boolean }) => {
    const { html, state } = await serverHtml();
    const { fresh, release } = await browserPackage();
    if (preload) {
      const loaded = fresh.preloadTicketChat();
      await release();
      await loaded;
    }
    const freshClient = fresh.createTicketChatClient({
      endpoint: TEST_BASE_URL,
      token: TEST_TOKEN,
      language: 'en-us',
    });
    const queryClient = clientCache(state);
    const page = hydrateInBrowser(
      html,
      <ChangingContext transition={transition}>
        <fresh.TicketChatProvider client={freshClient} queryClient={queryClient} crossTab={false}>
          <fresh.CaseUnreadBadge caseId={CASE} />
          <fresh.TicketChat caseId={CASE} intervalMs={100} timeZone="UTC" locale="en-us" />
        </fresh.TicketChatProvider>
      </ChangingContext>,
    );
    // Hydrated outside the chat (the badge observes its query), the context changed with it.
    await vi.waitFor(() =>
      expect(
        queryClient
          .getQueryCache()
          .find({ queryKey: ticketChatKeys.unread(CASE) })
          ?.getObserversCount(),
      ).toBeGreaterThan(0),
    );
    return { ...page, release };
  };

  test('urgent: React drops the server messages for the skeleton until the chunk arrives', async () => {
    const { container, release } = await run({ transition: false, preload: false });
    await vi.waitFor(() => expect(container.querySelector('.tc-thread-skeleton')).not.toBeNull());
    expect(rows(container)).toBe(0);
    await release();
    await vi.waitFor(() => expect(rows(container)).toBeGreaterThan(1));
  });

  test('in a transition: the server messages stay and hydrate', async () => {
    const { container, errors, release } = await run({ transition: true, preload: false });
    const serverRows = rows(container);
    expect(serverRows).toBeGreaterThan(1);
    expect(container.querySelector('.tc-thread-skeleton')).toBeNull();
    await release();
    await hydrated(container);
    expect(rows(container)).toBe(serverRows);
    expect(errors).toEqual([]);
  });

  test('urgent after `await preloadTicketChat()` before hydrateRoot: the server messages stay', async () => {
    const { container, errors } = await run({ transition: false, preload: true });
    await hydrated(container);
    expect(rows(container)).toBeGreaterThan(1);
    expect(container.querySelector('.tc-thread-skeleton')).toBeNull();
    expect(errors).toEqual([]);
  });
});
