/**
 * Regression (found in review): cross-tab polling. Real timers, two providers on one channel stand in for two tabs (as in
 * src/query/crossTab.test.tsx).
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { onTestFinished } from 'vitest';
import { useTicketChatContext } from '../../src/query/TicketChatProvider.tsx';
import { useInstantMessages } from '../../src/query/useInstantMessages.ts';
import { useUnread } from '../../src/query/useUnread.ts';
import { crossTabOn, installSimulator } from '../harness.tsx';
import { installLocks } from '../support/locks.ts';

const { sim } = installSimulator();
installLocks();

describe.runIf(typeof BroadcastChannel !== 'undefined')('cross-tab: a follower-only thread', () => {
  test('a thread open only in a follower tab gets loaded (the leader shows only a badge)', async () => {
    sim().addTicket({ id: 'c1', unread: 1, messages: [{ content: 'hello' }] });
    const channel = `tc-review-${Math.random()}`;
    const a = crossTabOn(channel);
    const b = crossTabOn(channel);
    // Tab A: the ticket list with a badge; it becomes the leader.
    const ha = renderHook(() => ({ u: useUnread('c1', { intervalMs: 300 }), ctx: useTicketChatContext() }), {
      wrapper: a.wrapper,
    });
    onTestFinished(() => ha.unmount());
    await waitFor(() => expect(ha.result.current.ctx.isPollingLeader).toBe(true), { timeout: 5000 });
    // Tab B: the user opens the ticket's chat.
    const hb = renderHook(
      () => ({ t: useInstantMessages('c1', { intervalMs: 200 }), ctx: useTicketChatContext() }),
      {
        wrapper: b.wrapper,
      },
    );
    onTestFinished(() => hb.unmount());
    await act(() => new Promise<void>((r) => setTimeout(r, 1500)));
    expect(hb.result.current.ctx.isPollingLeader).toBe(false);
    await waitFor(() => expect(hb.result.current.t.messages.map((m) => m.content)).toEqual(['hello']), {
      timeout: 4000,
    });
  }, 15_000);
});
