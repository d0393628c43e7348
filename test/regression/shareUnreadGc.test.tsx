/**
 * Regression (found in review): the leader keeps polling a follower tab's badge for as long as the follower
 * shows it, and only then. Real timers; two providers on one channel stand in for two tabs (as in
 * src/query/crossTab.test.tsx).
 */
import { act, render, renderHook, waitFor } from '@testing-library/react';
import { onTestFinished } from 'vitest';
import { useTicketChatContext } from '../../src/query/TicketChatProvider.tsx';
import { useUnread } from '../../src/query/useUnread.ts';
import { crossTabOn, installSimulator, unreadRequests } from '../harness.tsx';
import { installLocks } from '../support/locks.ts';

const { sim } = installSimulator();
installLocks();

const realTime = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

/** The case ids the unread requests asked for during `ms` of real time. */
async function askedDuring(ms: number): Promise<string[]> {
  const before = unreadRequests(sim()).length;
  await realTime(ms);
  return unreadRequests(sim())
    .slice(before)
    .flatMap((r) => r.caseIds);
}

/** Tab A renders first and leads; tab B renders `follower`. */
async function leaderAndFollower<L, F>(leader: () => L, follower: () => F) {
  const channel = `tc-review-${Math.random()}`;
  const a = crossTabOn(channel);
  const b = crossTabOn(channel);
  const ha = renderHook(() => ({ view: leader(), ctx: useTicketChatContext() }), { wrapper: a.wrapper });
  onTestFinished(() => ha.unmount());
  await waitFor(() => expect(ha.result.current.ctx.isPollingLeader).toBe(true), { timeout: 5000 });
  const hb = renderHook(() => ({ view: follower(), ctx: useTicketChatContext() }), { wrapper: b.wrapper });
  onTestFinished(() => hb.unmount());
  return { a, ha, hb };
}

function Leads({ onChange }: { onChange: (isLeader: boolean) => void }) {
  onChange(useTicketChatContext().isPollingLeader);
  return null;
}

function Badge({ caseId }: { caseId: string }) {
  const { count } = useUnread(caseId, { intervalMs: 200 });
  return <output aria-label={caseId}>{count ?? ''}</output>;
}

describe.runIf(typeof BroadcastChannel !== 'undefined')('cross-tab badges', () => {
  test("the leader still polls a follower's badge after its cache's gcTime", async () => {
    sim().addTicket({ id: 'c1', unread: 2 });
    const { a, hb } = await leaderAndFollower(
      () => null,
      () => useUnread('c1', { intervalMs: 300 }),
    );
    a.queryClient.setDefaultOptions({
      queries: { ...a.queryClient.getDefaultOptions().queries, gcTime: 50 },
    });
    await waitFor(() => expect(hb.result.current.view.count).toBe(2), { timeout: 5000 });
    expect(hb.result.current.ctx.isPollingLeader).toBe(false);
    await realTime(500); // well past the leader's gcTime
    // The leader's batch runs at the default 30 s: a refetch shows whether it still asks for c1.
    await act(() => a.queryClient.refetchQueries({ queryKey: ['ticket-chat', 'unread-batch'] }));
    expect(unreadRequests(sim()).at(-1)?.caseIds).toContain('c1');
  }, 15_000);

  // Issue 11 item 6: the leader held every unread entry of its cache, its own badges too, so a badge
  // unmounted long ago was still polled (the set only grew in a long-lived tab).
  test('the leader stops polling its own badge once it is unmounted', async () => {
    sim().addTicket({ id: 'c1', unread: 2 });
    sim().addTicket({ id: 'c2', unread: 1 });
    const channel = `tc-review-${Math.random()}`;
    const a = crossTabOn(channel);
    const b = crossTabOn(channel);
    let leads = false;
    const tabA = (badge: boolean) => (
      <a.wrapper>
        <Leads onChange={(value) => (leads = value)} />
        {badge ? <Badge caseId="c1" /> : null}
      </a.wrapper>
    );
    const ra = render(tabA(true));
    onTestFinished(() => ra.unmount());
    await waitFor(() => expect(leads).toBe(true), { timeout: 5000 });
    const rb = render(
      <b.wrapper>
        <Badge caseId="c2" />
      </b.wrapper>,
    );
    onTestFinished(() => rb.unmount());
    await waitFor(
      () => {
        expect(ra.getByLabelText('c1').textContent).toBe('2');
        expect(rb.getByLabelText('c2').textContent).toBe('1');
      },
      { timeout: 5000 },
    );
    ra.rerender(tabA(false));
    await realTime(300); // a batch already under way may still ask for c1
    const asked = await askedDuring(1000);
    expect(asked).toContain('c2');
    expect(asked).not.toContain('c1');
  }, 15_000);
});
