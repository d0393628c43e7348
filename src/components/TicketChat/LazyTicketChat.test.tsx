import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import { installSimulator, makeClient } from '../../../test/harness.tsx';
import { holdChatChunk } from '../../../test/support/chatChunk.ts';
import { CODE_LOAD_FAILED, type TicketChatError } from '../../client/errors.ts';
import { prefetchThread } from '../../server/prefetch.ts';

const { sim } = installSimulator();
beforeEach(() => {
  sim().addTicket({ id: 'c1', messages: [{ content: 'hello from support', at: Date.UTC(2026, 0, 5) }] });
});
afterEach(() => {
  vi.doUnmock('./TicketChat.tsx');
});

/** A fresh copy of the lazy TicketChat whose chunk fails to load while `failing()` says so. */
async function freshPackage(failing: () => boolean) {
  vi.resetModules();
  vi.doMock('./TicketChat.tsx', async (original) => {
    if (failing()) throw new TypeError('Failed to fetch dynamically imported module');
    return original();
  });
  const [{ TicketChat }, { TicketChatProvider }, { createTicketChatQueryClient }] = await Promise.all([
    import('./LazyTicketChat.tsx'),
    import('../../query/TicketChatProvider.tsx'),
    import('../../query/TicketChatProvider.tsx'),
  ]);
  return { TicketChat, TicketChatProvider, createTicketChatQueryClient };
}

test("a chunk that fails to load is the chat's alert with a Retry, which loads it again", async () => {
  let failing = true;
  const { TicketChat, TicketChatProvider, createTicketChatQueryClient } = await freshPackage(() => failing);
  const onError = vi.fn();
  render(
    <TicketChatProvider
      client={makeClient({ language: 'en-us' })}
      queryClient={createTicketChatQueryClient()}
      crossTab={false}
    >
      <TicketChat caseId="c1" timeZone="UTC" onError={onError} />
    </TicketChatProvider>,
  );
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toMatch(/couldn't show the conversation/i);
  expect(onError).toHaveBeenCalledTimes(1);
  // Was the engine's own error (a TypeError in browsers): one TicketChatError whatever the engine, the
  // import's failure as its cause (which Vitest wraps; a browser's would be the TypeError itself).
  // (This test imports the modules afresh: the class is another copy, so its shape is checked.)
  const error = onError.mock.calls[0]?.[0] as TicketChatError;
  expect(error.name).toBe('TicketChatError');
  expect(error).toMatchObject({ kind: 'network', code: CODE_LOAD_FAILED, retryable: true });
  expect(String((error.cause as Error & { cause?: unknown }).cause ?? error.cause)).toContain(
    'dynamically imported module',
  );
  failing = false;
  await userEvent.click(screen.getByRole('button', { name: /retry/i }));
  expect(await screen.findByText('hello from support')).toBeTruthy();
  expect(screen.queryByRole('alert')).toBeNull();
  expect(onError).toHaveBeenCalledTimes(1);
});

test('the thread poll starts at mount, before the chunk is there', async () => {
  const { release, restore } = holdChatChunk();
  onTestFinished(restore);
  const { TicketChat } = await import('./LazyTicketChat.tsx');
  const { TicketChatProvider, createTicketChatQueryClient } = await import(
    '../../query/TicketChatProvider.tsx'
  );
  render(
    <TicketChatProvider
      client={makeClient({ language: 'en-us' })}
      queryClient={createTicketChatQueryClient()}
      crossTab={false}
    >
      <TicketChat caseId="c1" timeZone="UTC" />
    </TicketChatProvider>,
  );
  expect(screen.getByRole('heading').textContent).toBe('Support chat');
  await vi.waitFor(() => expect(sim().requests.filter((r) => r.endpoint === 'poll')).toHaveLength(1));
  expect(screen.queryByText('hello from support')).toBeNull();
  release();
  expect(await screen.findByText('hello from support')).toBeTruthy();
  // The chat reused the answer in the cache: still one poll.
  expect(sim().requests.filter((r) => r.endpoint === 'poll')).toHaveLength(1);
});

test("in a browser the preload loads the chat's chunk only, never the thumbnails' (they load with a first image)", async () => {
  vi.resetModules();
  const thumbnailLoaded = vi.fn();
  vi.doMock('../ImagePreview/Thumbnail.tsx', async (original) => {
    thumbnailLoaded();
    return original();
  });
  try {
    const { preloadTicketChat } = await import('./LazyTicketChat.tsx').then(() => import('./chatChunk.ts'));
    await preloadTicketChat();
    expect(thumbnailLoaded).not.toHaveBeenCalled();
  } finally {
    vi.doUnmock('../ImagePreview/Thumbnail.tsx');
  }
});

/** Counts the imports of the client's message code during this test (a module mock that loads the original). */
function watchMessageCodeLoads() {
  const loads = vi.fn();
  vi.doMock('../../client/messageMethods.ts', async (original) => {
    loads();
    return original();
  });
  onTestFinished(() => {
    vi.doUnmock('../../client/messageMethods.ts');
  });
  return loads;
}

test("the chat's render starts the client's message code with its chunk: no commit, no effect needed", async () => {
  // The first poll awaits that code: started by an effect, its download would wait for the first commit.
  const { restore } = holdChatChunk();
  onTestFinished(restore);
  const messageCodeLoads = watchMessageCodeLoads();
  const { TicketChat } = await import('./LazyTicketChat.tsx');
  const { TicketChatProvider, createTicketChatQueryClient } = await import(
    '../../query/TicketChatProvider.tsx'
  );
  // renderToString runs no effect at all (and the thread's prefetch is one).
  const html = renderToString(
    <TicketChatProvider
      client={makeClient({ language: 'en-us' })}
      queryClient={createTicketChatQueryClient()}
      crossTab={false}
    >
      <TicketChat caseId="c1" timeZone="UTC" />
    </TicketChatProvider>,
  );
  expect(html).toContain('data-state="loading"');
  await vi.waitFor(() => expect(messageCodeLoads).toHaveBeenCalledTimes(1));
  expect(sim().requests.filter((r) => r.endpoint === 'poll')).toHaveLength(0);
});

test("preloadTicketChat() starts the client's message code too (the SSR and hover preloads)", async () => {
  const { release, restore } = holdChatChunk();
  onTestFinished(restore);
  const messageCodeLoads = watchMessageCodeLoads();
  const { preloadTicketChat } = await import('./chatChunk.ts');
  const loaded = preloadTicketChat();
  await vi.waitFor(() => expect(messageCodeLoads).toHaveBeenCalledTimes(1));
  release();
  await loaded;
  expect(messageCodeLoads).toHaveBeenCalledTimes(1);
});

// (A Retry before the chunk arrives imports it again, which a browser serves from the same download; Vitest's
// module mocks do not reliably hold that second import, so this test retries once the chunk is there.)
test("a chunk that never arrives is the chat's alert after the client's timeoutMs (CODE_LOAD_FAILED); a late chunk renders at Retry", async () => {
  const { release, restore } = holdChatChunk();
  onTestFinished(restore);
  const client = makeClient({ language: 'en-us', timeoutMs: 5000 });
  const { TicketChat } = await import('./LazyTicketChat.tsx');
  const { loadedChatChunk } = await import('./chatChunk.ts');
  const { TicketChatProvider, createTicketChatQueryClient } = await import(
    '../../query/TicketChatProvider.tsx'
  );
  // The thread is in the cache (no poll meanwhile): only the chunk is awaited.
  const queryClient = createTicketChatQueryClient();
  await prefetchThread(queryClient, { client, caseId: 'c1' });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
  const onError = vi.fn();
  render(
    <TicketChatProvider client={client} queryClient={queryClient} crossTab={false}>
      <TicketChat caseId="c1" timeZone="UTC" onError={onError} />
    </TicketChatProvider>,
  );
  const state = () => document.querySelector('.tc-chat')?.getAttribute('data-state');
  await act(() => vi.advanceTimersByTimeAsync(4999));
  expect(screen.queryByRole('alert')).toBeNull();
  expect(state()).toBe('loading');
  await act(() => vi.advanceTimersByTimeAsync(1));
  expect(screen.getByRole('alert').textContent).toMatch(/couldn't show the conversation/i);
  expect(onError).toHaveBeenCalledTimes(1);
  expect(onError.mock.calls[0]?.[0]).toMatchObject({
    name: 'TicketChatError',
    kind: 'network',
    code: CODE_LOAD_FAILED,
    retryable: true,
    message: expect.stringContaining('5000 ms'),
  });

  // The late chunk still completes: the alert stays until Retry, which renders the chat at once.
  vi.useRealTimers();
  release();
  await vi.waitFor(() => expect(loadedChatChunk()).toBeDefined());
  await userEvent.click(screen.getByRole('button', { name: /retry/i }));
  expect(await screen.findByText('hello from support')).toBeTruthy();
  expect(screen.queryByRole('alert')).toBeNull();
  expect(onError).toHaveBeenCalledTimes(1);
});
