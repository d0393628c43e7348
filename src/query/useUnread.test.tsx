import { act, renderHook } from '@testing-library/react';
import { TEST_TOKEN } from '../../simulator/index.ts';
import {
  advance,
  installQueryHarness,
  makeClient,
  providerFor,
  setVisibility,
  unreadRequests,
  waitForInAct,
} from '../../test/harness.tsx';
import { useInstantMessages } from './useInstantMessages.ts';
import { useMarkRead } from './useMarkRead.ts';
import { useUnread } from './useUnread.ts';

const { sim } = installQueryHarness();

const ids = (n: number, prefix = 'case') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

function seed(caseIds: string[]) {
  caseIds.forEach((id, i) => {
    sim().addTicket({ id, unread: i % 7, status: i % 3 });
  });
}

describe('useUnread batching', () => {
  test.each([
    [1, 1],
    [50, 1],
    [150, 2],
  ])('%i badges → %i request(s) per interval', async (badges, perInterval) => {
    const caseIds = ids(badges);
    seed(caseIds);
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => caseIds.map((id) => useUnread(id)), { wrapper });
    await advance(20);
    await waitForInAct(() => expect(result.current.every((u) => u.count !== undefined)).toBe(true));
    expect(result.current.map((u) => u.count)).toEqual(caseIds.map((_, i) => i % 7));
    expect(result.current[2]?.status).toBe(badges > 2 ? 2 : undefined);
    expect(unreadRequests(sim())).toHaveLength(perInterval); // the first load, batched too
    for (let k = 2; k <= 4; k++) {
      await advance(30_000);
      expect(unreadRequests(sim())).toHaveLength(perInterval * k);
    }
    const asked = unreadRequests(sim())
      .slice(-perInterval)
      .flatMap((r) => r.caseIds);
    expect(new Set(asked)).toEqual(new Set(caseIds));
  });

  test('a badge with a bad case id reports an input error; the other badges of the group still poll', async () => {
    seed(['a', 'b']);
    const { wrapper } = providerFor(makeClient());
    const tooLong = 'x'.repeat(65);
    const { result } = renderHook(() => [useUnread('a'), useUnread(''), useUnread('b'), useUnread(tooLong)], {
      wrapper,
    });
    await advance(20);
    await waitForInAct(() =>
      expect(result.current.map((u) => u.count)).toEqual([0, undefined, 1, undefined]),
    );
    expect(result.current[1]?.error).toMatchObject({ kind: 'input' });
    expect(result.current[1]?.isLoading).toBe(false);
    expect(result.current[3]?.error?.message).toMatch(/longer than 64/);
    expect(result.current[0]?.error).toBeNull();
    expect(unreadRequests(sim()).map((r) => r.caseIds)).toEqual([['a', 'b']]);
  });

  test('the same case in several badges is asked once; counts update on the next tick', async () => {
    seed(['a']);
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => [useUnread('a'), useUnread('a')], { wrapper });
    await advance(20);
    await waitForInAct(() => expect(result.current[0]?.count).toBe(0));
    expect(result.current[0]?.isLoading).toBe(false);
    sim().post('a', { content: 'new reply' });
    await advance(30_000);
    await waitForInAct(() => expect(result.current.map((u) => u.count)).toEqual([1, 1]));
    expect(unreadRequests(sim()).map((r) => r.caseIds)).toEqual([['a'], ['a']]);
  });

  // Was: the late badge's own request (['c']) and the old tick. Now a late badge refreshes its group's batch
  // (one request with every shown id) and the group's tick restarts from there.
  test('a badge joining later gets its count in one quick request, then rides the shared tick', async () => {
    seed(['a', 'b', 'c']);
    const { wrapper } = providerFor(makeClient());
    renderHook(() => [useUnread('a'), useUnread('b')], { wrapper });
    await advance(20);
    expect(unreadRequests(sim())).toHaveLength(1);
    await advance(5_000);
    const late = renderHook(() => useUnread('c'), { wrapper });
    await advance(20);
    await waitForInAct(() => expect(late.result.current.count).toBe(2));
    expect(unreadRequests(sim()).map((r) => r.caseIds)).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]);
    await advance(30_000);
    expect(unreadRequests(sim()).map((r) => r.caseIds)).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
    // last badge gone → no more requests
    late.unmount();
    await advance(30_000);
    expect(unreadRequests(sim()).at(-1)?.caseIds).toEqual(['a', 'b']);
  });

  test('hidden page: no requests; visible: one at once', async () => {
    seed(['a']);
    const { wrapper } = providerFor(makeClient());
    renderHook(() => useUnread('a'), { wrapper });
    await advance(20);
    setVisibility('hidden');
    await advance(120_000);
    expect(unreadRequests(sim())).toHaveLength(1);
    setVisibility('visible');
    await advance(1);
    expect(unreadRequests(sim())).toHaveLength(2);
    await advance(30_000);
    expect(unreadRequests(sim())).toHaveLength(3);
  });

  test('unmounting every badge stops the poller', async () => {
    seed(['a']);
    const { wrapper } = providerFor(makeClient());
    const { unmount } = renderHook(() => useUnread('a'), { wrapper });
    await advance(20);
    unmount();
    await advance(120_000);
    expect(unreadRequests(sim())).toHaveLength(1);
  });

  test('errors are reported and polling backs off, then recovers', async () => {
    seed(['a']);
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const { wrapper } = providerFor(makeClient());
    sim().injectFault({ kind: 'http', status: 500, code: 'OSM.0004' }, { endpoint: 'unread', times: 2 });
    const { result } = renderHook(() => useUnread('a', { intervalMs: 1000 }), { wrapper });
    await advance(20);
    await waitForInAct(() => expect(result.current.error?.kind).toBe('http'));
    expect(result.current.isLoading).toBe(false);
    await advance(10_000);
    await waitForInAct(() => expect(result.current.error).toBeNull());
    expect(result.current.count).toBe(0);
    const at = unreadRequests(sim()).map((r) => r.at);
    expect(at.slice(1, 4).map((t, i) => t - (at[i] as number))).toEqual([2000, 4000, 1000]);
    vi.mocked(Math.random).mockRestore();
  });
});

describe('expired session', () => {
  test('badges stopped by an expired token resume when a thread poll succeeds with a new one', async () => {
    sim().addTicket({ id: 'c1', unread: 1, messages: [{ content: 'hello' }] });
    let token = TEST_TOKEN;
    const { wrapper } = providerFor(makeClient({ token: () => token }));
    const { result } = renderHook(() => ({ badge: useUnread('c1'), thread: useInstantMessages('c1') }), {
      wrapper,
    });
    await advance(20);
    await waitForInAct(() => expect(result.current.badge.count).toBe(1));
    sim().expireAllTokens();
    await advance(30_000);
    await waitForInAct(() => expect(result.current.badge.error?.kind).toBe('auth'));
    // The portal signs the user in again and refetches the thread (not the badges).
    token = sim().issueToken();
    sim().post('c1', { content: 'welcome back' });
    act(() => result.current.thread.refetch());
    await waitForInAct(() => expect(result.current.thread.error).toBeNull());
    await waitForInAct(() => {
      expect(result.current.badge.error).toBeNull();
      expect(result.current.badge.count).toBe(2);
    });
  });
});

describe('mark read', () => {
  test('the count goes to 0 at once and never blinks back, even when a batch answers meanwhile', async () => {
    sim().addTicket({ id: 'a', unread: 3, status: 1 });
    const { wrapper } = providerFor(makeClient());
    const seen: (number | undefined)[] = [];
    const { result } = renderHook(
      () => {
        const unread = useUnread('a', { intervalMs: 1000 });
        seen.push(unread.count);
        return { unread, markRead: useMarkRead('a') };
      },
      { wrapper },
    );
    await advance(20);
    await waitForInAct(() => expect(result.current.unread.count).toBe(3));
    // The mark-read call is slow; a batch answers (still 3 on the server) while it is in flight.
    sim().injectFault({ kind: 'latency', ms: 2500 }, { endpoint: 'markRead' });
    act(() => result.current.markRead.markRead());
    await advance(0); // React Query notifies observers on the next macrotask
    expect(result.current.unread.count).toBe(0);
    await advance(1000);
    expect(unreadRequests(sim()).length).toBeGreaterThanOrEqual(2);
    await advance(5000);
    await waitForInAct(() => expect(result.current.markRead.isSuccess).toBe(true));
    expect(sim().ticket('a')?.unread).toBe(0);
    const afterZero = seen.slice(seen.indexOf(0));
    expect(afterZero.every((c) => c === 0)).toBe(true);
    // a genuinely new message raises it again
    sim().post('a', { content: 'one more' });
    await advance(1000);
    await waitForInAct(() => expect(result.current.unread.count).toBe(1));
  });
});
