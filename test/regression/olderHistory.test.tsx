/**
 * Regression (found in review): older-history pages vs. the live thread and pending local messages.
 */
import { act, renderHook } from '@testing-library/react';
import { useInstantMessages } from '../../src/query/useInstantMessages.ts';
import { useSendMessage } from '../../src/query/useSendMessage.ts';
import { advance, installQueryHarness, makeClient, providerFor, waitForInAct } from '../harness.tsx';

const { sim } = installQueryHarness();

const view = (r: { current: { thread: { messages: { content: string; delivery?: string }[] } } }) =>
  r.current.thread.messages.map((m) => (m.delivery ? `${m.content} (${m.delivery})` : m.content));

describe('older history', () => {
  test('an old customer message loaded by loadOlder must not swallow a pending local message with the same text', async () => {
    sim().initialPageSize = 2;
    const t0 = Date.now() - 3_600_000;
    sim().addTicket({
      id: 'c1',
      messages: [
        { content: 'first', at: t0 },
        { content: 'thanks', replierType: 0, at: t0 + 60_000 }, // the customer said "thanks" an hour ago
        { content: 'agent a', at: t0 + 120_000 },
        { content: 'agent b', at: t0 + 180_000 },
      ],
    });
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(
      () => ({ thread: useInstantMessages('c1', { olderPageSize: 10 }), sender: useSendMessage('c1') }),
      { wrapper },
    );
    await waitForInAct(() => expect(view(result)).toEqual(['agent a', 'agent b']));
    // The send hangs (then times out after the client's 15 s): it will FAIL.
    sim().injectFault({ kind: 'timeout' }, { endpoint: 'send' });
    act(() => result.current.sender.send('thanks'));
    await advance(0);
    expect(view(result)).toEqual(['agent a', 'agent b', 'thanks (sending)']);
    act(() => result.current.thread.loadOlder());
    await waitForInAct(() => expect(result.current.thread.messages.length).toBeGreaterThanOrEqual(4));
    await advance(16_000); // the send times out
    await waitForInAct(() => expect(result.current.sender.isError).toBe(true));
    // The user's unsent message must still be there, marked failed, so they can retry it.
    expect(view(result)).toEqual(['first', 'thanks', 'agent a', 'agent b', 'thanks (failed)']);
  });

  test('messages sharing a second with the oldest loaded message are not lost across the page boundary', async () => {
    sim().initialPageSize = 2;
    const base = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
    sim().addTicket({
      id: 'c1',
      messages: [
        { content: 'a', at: base },
        { content: 'b (same second as c)', at: base + 10_100 },
        { content: 'c', at: base + 10_500 },
        { content: 'd', at: base + 20_000 },
      ],
    });
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => ({ thread: useInstantMessages('c1', { olderPageSize: 10 }) }), {
      wrapper,
    });
    await waitForInAct(() => expect(view(result)).toEqual(['c', 'd']));
    act(() => result.current.thread.loadOlder());
    await waitForInAct(() => expect(result.current.thread.hasOlder).toBe(false));
    expect(view(result)).toHaveLength(4);
  });
});
