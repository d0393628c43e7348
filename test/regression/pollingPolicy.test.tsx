/**
 * Regression (found in review): after throttling the pollers must not poll FASTER than a healthy client does.
 */
import { renderHook } from '@testing-library/react';
import { useInstantMessages } from '../../src/query/useInstantMessages.ts';
import { useUnread } from '../../src/query/useUnread.ts';
import {
  advance,
  installQueryHarness,
  makeClient,
  pollRequests,
  providerFor,
  unreadRequests,
  waitForInAct,
} from '../harness.tsx';

const { sim } = installQueryHarness();

describe('back-off after throttling', () => {
  test('gateway throttling (APIG.0308, no Retry-After) does not make the 30 s unread poller ask again after 5 s', async () => {
    sim().addTicket({ id: 'c1', unread: 1 });
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => useUnread('c1'), { wrapper });
    await advance(20);
    await waitForInAct(() => expect(result.current.count).toBe(1));
    sim().injectFault({ kind: 'throttle' }, { endpoint: 'unread' });
    await advance(30_000); // the regular poll gets throttled
    await waitForInAct(() => expect(result.current.error?.code).toBe('APIG.0308'));
    const afterThrottle = unreadRequests(sim()).length;
    await advance(10_000);
    // Backing off means waiting at least as long as the healthy interval, not 6x less.
    expect(unreadRequests(sim()).length).toBe(afterThrottle);
  });

  test('a 429 with Retry-After: 1 does not bring the next 10 s poll forward to 1 s', async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hi' }] });
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(() => useInstantMessages('c1', { intervalMs: 10_000 }), { wrapper });
    await waitForInAct(() => expect(result.current.messages).toHaveLength(1));
    sim().injectFault({ kind: 'rateLimit', retryAfterSeconds: 1 }, { endpoint: 'poll' });
    await advance(10_000);
    await waitForInAct(() => expect(result.current.error?.status).toBe(429));
    const afterLimit = pollRequests(sim()).length;
    await advance(2_000);
    // Retry-After is a minimum wait; the client's own interval (10 s) is the floor of a healthy poller.
    expect(pollRequests(sim()).length).toBe(afterLimit);
  });
});
