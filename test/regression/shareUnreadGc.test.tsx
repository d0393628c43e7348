/**
 * Regression (found in review): the leader keeps polling a follower tab's badge for as long as the follower shows it.
 * shareUnreadAcrossTabs is driven directly: the cache broadcast's "added" is what creates the leader's
 * (observer-less) entry, so the test creates it the same way.
 */

import { renderHook } from '@testing-library/react';
import { ticketChatKeys } from '../../src/query/keys.ts';
import { shareUnreadAcrossTabs } from '../../src/query/shareUnreadAcrossTabs.ts';
import { createTicketChatQueryClient } from '../../src/query/TicketChatProvider.tsx';
import { useUnread } from '../../src/query/useUnread.ts';
import {
  advance,
  installQueryHarness,
  makeClient,
  providerFor,
  unreadRequests,
  waitForInAct,
} from '../harness.tsx';

const { sim } = installQueryHarness();

test("the leader still polls a follower's badge after the cache's gcTime (5 min)", async () => {
  sim().addTicket({ id: 'c1', unread: 2 });
  const leader = createTicketChatQueryClient();
  const stop = shareUnreadAcrossTabs(leader, makeClient());
  // What broadcastQueryClient does on the follower's "added" message: build the entry, no observer.
  leader.getQueryCache().build(leader, { queryKey: ticketChatKeys.unread('c1') });
  await advance(20);
  await waitForInAct(() => expect(unreadRequests(sim()).length).toBeGreaterThan(0));
  // The follower's badge stays mounted the whole time; the leader must keep asking for c1.
  await advance(6 * 60_000);
  const before = unreadRequests(sim()).length;
  await advance(60_000);
  const asked = unreadRequests(sim())
    .slice(before)
    .flatMap((r) => r.caseIds);
  stop();
  expect(asked).toContain('c1');
});

// Issue 11 item 6: the leader held every unread entry of its cache, its own badges too, so a badge
// unmounted long ago was still polled (the set only grew in a long-lived tab).
test('the leader stops polling its own badge once it is unmounted', async () => {
  sim().addTicket({ id: 'c1', unread: 2 });
  sim().addTicket({ id: 'c2', unread: 1 });
  const client = makeClient();
  const { wrapper, queryClient } = providerFor(client);
  const stop = shareUnreadAcrossTabs(queryClient, client);
  const own = renderHook(() => useUnread('c1'), { wrapper });
  const other = renderHook(() => useUnread('c2'), { wrapper });
  await advance(20);
  await waitForInAct(() => expect(own.result.current.count).toBe(2));
  own.unmount();
  await advance(60_000);
  const before = unreadRequests(sim()).length;
  await advance(60_000);
  const asked = unreadRequests(sim())
    .slice(before)
    .flatMap((r) => r.caseIds);
  stop();
  other.unmount();
  expect(asked).toContain('c2');
  expect(asked).not.toContain('c1');
});
