/**
 * Regression (black-box review): a send whose server copy carries a time minutes before the user's now (the
 * service's clock behind, or the PC fast) was not recognised: an ambiguous send turned `failed` beside its
 * delivered copy (Retry would post it twice), an accepted one showed a second `sent` copy for a few polls.
 */
import { act, renderHook } from '@testing-library/react';
import { useInstantMessages } from '../../src/query/useInstantMessages.ts';
import { useSendMessage } from '../../src/query/useSendMessage.ts';
import { advance, installQueryHarness, makeClient, providerFor, waitForInAct } from '../harness.tsx';
import { hostileSend } from '../support/hostileService.ts';

const { server, sim } = installQueryHarness();
const MINUTE = 60_000;

type Thread = { messages: { content: string; delivery?: string }[] };
const view = (thread: Thread) =>
  thread.messages.map((m) => (m.delivery ? `${m.content} (${m.delivery})` : m.content));

function chat() {
  const { wrapper } = providerFor(makeClient());
  return renderHook(() => ({ thread: useInstantMessages('c1'), sender: useSendMessage('c1') }), { wrapper });
}

describe.each([
  ['lost answer', true],
  ['accepted', false],
])('the server copy of a send (%s) settles it whatever its time', (_what, loseAnswer) => {
  test.each([-600, -30, -10, -5, -2, 5, 60, 480])('copy at %i minutes', async (minutes) => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello', at: Date.now() - 11 * 60 * MINUTE }] });
    server.use(hostileSend(sim, { loseAnswer, shiftMs: minutes * MINUTE }));
    const { result } = chat();
    await waitForInAct(() => expect(view(result.current.thread)).toEqual(['hello']));
    act(() => result.current.sender.send('hi there'));
    // The first poll that carries the copy settles the send: no second copy meanwhile, no failed one after.
    await waitForInAct(() => expect(view(result.current.thread)).toContain('hi there'));
    expect(view(result.current.thread)).toHaveLength(2);
    await advance(30_000);
    expect(view(result.current.thread)).toHaveLength(2);
    expect(view(result.current.thread)).toContain('hi there');
    expect(sim().requests.filter((r) => r.endpoint === 'send')).toHaveLength(1);
  });
});
