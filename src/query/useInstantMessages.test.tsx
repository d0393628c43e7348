import { focusManager } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { TEST_TOKEN } from '../../simulator/index.ts';
import {
  advance,
  cursorOf,
  installQueryHarness,
  makeClient,
  pollRequests,
  providerFor,
  setVisibility,
  waitForInAct,
} from '../../test/harness.tsx';
import { ticketChatKeys } from './keys.ts';
import { useInstantMessages } from './useInstantMessages.ts';

const { sim } = installQueryHarness();

const contents = (r: { current: { messages: { content: string }[] } }) =>
  r.current.messages.map((m) => m.content);

function seed() {
  sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }, { content: 'how can I help?' }] });
}

/** A loaded thread whose session then expired (auth error shown); `renewToken` makes the token function return a fresh one. */
async function renderWithExpiredSession() {
  seed();
  let token = TEST_TOKEN;
  const { wrapper } = providerFor(makeClient({ token: () => token }));
  const { result } = renderHook(() => useInstantMessages('c1'), { wrapper });
  await waitForInAct(() => expect(result.current.messages).toHaveLength(2));
  sim().expireAllTokens();
  await advance(3000);
  await waitForInAct(() => expect(result.current.authRequired).toBe(true));
  const renewToken = () => {
    token = sim().issueToken();
  };
  return { result, renewToken };
}

describe('useInstantMessages', () => {
  test('first poll sends no cursor, later polls pass the cursor back; new messages append', async () => {
    seed();
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => useInstantMessages('c1'), { wrapper });
    expect(result.current.isLoading).toBe(true);
    await waitForInAct(() => expect(contents(result)).toEqual(['hello', 'how can I help?']));
    expect(result.current.isLoading).toBe(false);
    expect(result.current.chatStatus).toBe(1);
    sim().post('c1', { content: 'thanks', replierType: 0 });
    await advance(3000);
    await waitForInAct(() => expect(contents(result)).toEqual(['hello', 'how can I help?', 'thanks']));
    const polls = pollRequests(sim());
    expect(cursorOf(polls[0]!.url)).toBeNull();
    expect(cursorOf(polls[1]!.url)).not.toBeNull();
    expect(polls).toHaveLength(2);
  });

  test('two components showing one thread share one poller; remount reuses the entry', async () => {
    seed();
    const { wrapper } = providerFor(makeClient());
    const a = renderHook(() => useInstantMessages('c1'), { wrapper });
    const b = renderHook(() => useInstantMessages('c1'), { wrapper });
    await waitForInAct(() => expect(b.result.current.messages).toHaveLength(2));
    await advance(3000 * 4);
    // initial + one per interval, not two
    expect(pollRequests(sim())).toHaveLength(5);
    expect(sim().inFlight('poll')).toBe(0);
    b.unmount();
    const c = renderHook(() => useInstantMessages('c1'), { wrapper });
    expect(c.result.current.messages).toHaveLength(2); // from cache at once
    await advance(3000 * 2);
    expect(pollRequests(sim())).toHaveLength(7);
    a.unmount();
    c.unmount();
  });

  test('unmount aborts and stops polling', async () => {
    seed();
    sim().injectFault({ kind: 'latency', ms: 2000 }, { endpoint: 'poll' });
    const { wrapper } = providerFor(makeClient());
    const { unmount } = renderHook(() => useInstantMessages('c1'), { wrapper });
    await advance(10);
    expect(pollRequests(sim())).toHaveLength(1);
    unmount();
    await advance(60_000);
    expect(pollRequests(sim())).toHaveLength(1);
    expect(sim().deliveries).toHaveLength(0); // the slow answer was never delivered (aborted)
  });

  test("React Query's cancellation of a poll in flight is not shown as an error; the next poll runs", async () => {
    seed();
    sim().injectFault({ kind: 'latency', ms: 2000 }, { endpoint: 'poll', times: 1 });
    const { wrapper, queryClient } = providerFor(makeClient());
    const { result } = renderHook(() => useInstantMessages('c1'), { wrapper });
    await advance(10);
    expect(pollRequests(sim())).toHaveLength(1);
    await act(() => queryClient.cancelQueries());
    await advance(2500);
    expect(result.current.error).toBeNull();
    await advance(3000);
    expect(pollRequests(sim()).length).toBeGreaterThan(1);
    expect(result.current.error).toBeNull();
    expect(result.current.messages).toHaveLength(2);
  });

  test('errors keep the messages, back off exponentially, Retry-After wins, then recover', async () => {
    seed();
    // Math.random → 1: no jitter, so the back-off is exactly 2 s, 4 s, 8 s for interval 1 s.
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => useInstantMessages('c1', { intervalMs: 1000 }), { wrapper });
    await waitForInAct(() => expect(result.current.messages).toHaveLength(2));
    sim().injectFault({ kind: 'http', status: 503 }, { endpoint: 'poll', times: 3 });
    // then a 429 whose Retry-After (20 s) beats the 16 s back-off
    sim().injectFault({ kind: 'rateLimit', retryAfterSeconds: 20 }, { endpoint: 'poll' });
    await advance(1000);
    await waitForInAct(() => expect(result.current.error?.kind).toBe('http'));
    expect(result.current.isReconnecting).toBe(true);
    expect(result.current.messages).toHaveLength(2);
    sim().post('c1', { content: 'back' });
    await advance(2000 + 4000 + 8000 + 20_000 + 1000 + 10);
    await waitForInAct(() => expect(result.current.error).toBeNull());
    expect(contents(result)).toEqual(['hello', 'how can I help?', 'back']);
    const at = pollRequests(sim()).map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    expect(gaps.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 20_000, 1000]);
    vi.mocked(Math.random).mockRestore();
  });

  test('auth error stops polling until refetch with a new token from the token function', async () => {
    const { result, renewToken } = await renderWithExpiredSession();
    expect(result.current.messages).toHaveLength(2);
    const n = sim().requests.length;
    await advance(120_000);
    expect(sim().requests.length).toBe(n);
    renewToken();
    result.current.refetch();
    await waitForInAct(() => expect(result.current.error).toBeNull());
    await advance(3000);
    expect(pollRequests(sim()).length).toBeGreaterThan(0);
    expect(sim().requests.length).toBe(n + 2);
  });

  test('auth recovery on focus', async () => {
    const { result, renewToken } = await renderWithExpiredSession();
    renewToken();
    setVisibility('hidden');
    setVisibility('visible');
    await advance(10);
    await waitForInAct(() => expect(result.current.error).toBeNull());
  });

  test('a hidden page sends no polls; visible polls at once', async () => {
    seed();
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => useInstantMessages('c1'), { wrapper });
    await waitForInAct(() => expect(result.current.messages).toHaveLength(2));
    setVisibility('hidden');
    const n = pollRequests(sim()).length;
    await advance(60_000);
    expect(pollRequests(sim())).toHaveLength(n);
    sim().post('c1', { content: 'while away' });
    setVisibility('visible');
    await advance(1);
    await waitForInAct(() => expect(result.current.messages).toHaveLength(3));
    expect(pollRequests(sim())).toHaveLength(n + 1);
    // React Query's focusManager drives the same switch
    act(() => focusManager.setFocused(false));
    await advance(30_000);
    expect(pollRequests(sim())).toHaveLength(n + 1);
    act(() => focusManager.setFocused(true));
    await advance(1);
    expect(pollRequests(sim())).toHaveLength(n + 2);
  });

  test('a closed ticket (status from the unread cache) polls slowly', async () => {
    seed();
    const { wrapper, queryClient } = providerFor(makeClient());
    queryClient.setQueryData(ticketChatKeys.unread('c1'), { caseId: 'c1', unread: 0, status: 3 });
    const { result } = renderHook(() => useInstantMessages('c1'), { wrapper });
    await waitForInAct(() => expect(result.current.messages).toHaveLength(2));
    expect(result.current.ticketStatus).toBe(3);
    await advance(59_000);
    expect(pollRequests(sim())).toHaveLength(1);
    await advance(1_000);
    expect(pollRequests(sim())).toHaveLength(2);
  });

  test('never two polls in flight, even with refetch() during a slow poll', async () => {
    seed();
    sim().injectFault({ kind: 'latency', ms: 5000 }, { endpoint: 'poll', times: 3 });
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => useInstantMessages('c1', { intervalMs: 1000 }), { wrapper });
    await advance(100);
    result.current.refetch();
    result.current.refetch();
    await advance(100);
    expect(sim().inFlight('poll')).toBe(1);
    await advance(5000);
    await waitForInAct(() => expect(result.current.messages).toHaveLength(2));
    expect(pollRequests(sim())).toHaveLength(1);
  });

  test('loadOlder merges older history at the front', async () => {
    sim().initialPageSize = 2;
    sim().addTicket({
      id: 'c1',
      messages: Array.from({ length: 5 }, (_, i) => ({
        content: `m${i}`,
        at: Date.now() - (5 - i) * 60_000,
      })),
    });
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => useInstantMessages('c1', { olderPageSize: 2 }), { wrapper });
    await waitForInAct(() => expect(contents(result)).toEqual(['m3', 'm4']));
    expect(result.current.hasOlder).toBe(true);
    result.current.loadOlder();
    await waitForInAct(() => expect(contents(result)).toEqual(['m1', 'm2', 'm3', 'm4']));
    result.current.loadOlder();
    await waitForInAct(() => expect(contents(result)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']));
    expect(result.current.hasOlder).toBe(false);
  });
});
