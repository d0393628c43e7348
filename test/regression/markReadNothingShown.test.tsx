/**
 * Regression (black-box review): a poll answered no messages while the unread count said 3, and a
 * mark-read POST went out although nothing that could be unread was shown.
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
  waitForInAct,
} from '../harness.tsx';

const { sim } = installQueryHarness();
const markReads = () => sim().requests.filter((r) => r.endpoint === 'markRead');

function chat() {
  const { wrapper } = providerFor(makeClient());
  return renderHook(
    () => ({ thread: useInstantMessages('c1', { markReadWhenVisible: true }), unread: useUnread('c1') }),
    { wrapper },
  );
}

test.each([
  ['no messages', []],
  ['only the customer’s own messages', [{ content: 'mine', replierType: 0 as const }]],
])('unread 3 but the thread shows %s: nothing is marked read', async (_what, messages) => {
  sim().addTicket({ id: 'c1', unread: 3, messages });
  const { result } = chat();
  await waitForInAct(() => expect(result.current.unread.count).toBe(3));
  await waitForInAct(() => expect(result.current.thread.hasLoaded).toBe(true));
  await advance(10_000);
  expect(pollRequests(sim()).length).toBeGreaterThan(1);
  expect(markReads()).toHaveLength(0);
  expect(result.current.unread.count).toBe(3);
});

test('once a support message is shown, the ticket is marked read', async () => {
  sim().addTicket({ id: 'c1', unread: 3, messages: [] });
  const { result } = chat();
  await waitForInAct(() => expect(result.current.thread.hasLoaded).toBe(true));
  sim().post('c1', { content: 'from support' });
  await advance(10_000);
  expect(markReads()).toHaveLength(1);
  expect(result.current.thread.messages.map((m) => m.content)).toEqual(['from support']);
});
