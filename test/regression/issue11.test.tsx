/**
 * Issue 11: the behaviours the query layer got wrong, each driven from outside through the public hooks
 * against the simulator (with the hostile but contract-abiding service of test/support). Items 3, 9, 10 of
 * the client alone are in issue11-client.test.ts.
 */
import { act, render, renderHook } from '@testing-library/react';
import { createHandlers } from '../../simulator/index.ts';
import { useInstantMessages } from '../../src/query/useInstantMessages.ts';
import { useSendMessage } from '../../src/query/useSendMessage.ts';
import { useUnread } from '../../src/query/useUnread.ts';
import {
  advance,
  cursorOf,
  installQueryHarness,
  makeClient,
  pollRequests,
  providerFor,
  unreadRequests,
  waitForInAct,
} from '../harness.tsx';
import {
  cutTo400,
  hostileSend,
  INNER_BASE_URL,
  squashWhitespace,
  steppingCursor,
} from '../support/hostileService.ts';

const { server, sim } = installQueryHarness();

const Badge = ({ id }: { id: string }) => <>{useUnread(id).count}</>;
const Badges = ({ ids }: { ids: string[] }) => ids.map((id) => <Badge key={id} id={id} />);

const markReads = () => sim().requests.filter((r) => r.endpoint === 'markRead');
const sends = () => sim().requests.filter((r) => r.endpoint === 'send');
type Thread = { messages: { content: string; delivery?: string }[] };
const view = (thread: Thread) =>
  thread.messages.map((m) => (m.delivery ? `${m.content} (${m.delivery})` : m.content));

function chat(caseId = 'c1') {
  const { wrapper } = providerFor(makeClient());
  return renderHook(
    () => ({
      thread: useInstantMessages(caseId, { markReadWhenVisible: true }),
      sender: useSendMessage(caseId),
      unread: useUnread(caseId),
    }),
    { wrapper },
  );
}

test('item 1: a thread whose polls were slow and then failed is never marked read', async () => {
  sim().addTicket({ id: 'c1', unread: 2, messages: [{ content: 'support 1' }, { content: 'support 2' }] });
  sim().injectFault({ kind: 'latency', ms: 20_000 }, { endpoint: 'poll' });
  const { result } = chat();
  await waitForInAct(() => expect(result.current.unread.count).toBe(2));
  // The slow poll times out (15 s), then every poll fails for a while.
  sim().injectFault({ kind: 'http', status: 503 }, { endpoint: 'poll', times: 20 });
  await advance(60_000);
  expect(result.current.thread.messages).toEqual([]);
  expect(markReads()).toHaveLength(0);
  expect(sim().ticket('c1')?.unread).toBe(2);
});

test('item 2: a long message whose server copy is cut to 400 characters shows once and settles', async () => {
  sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
  server.use(hostileSend(sim, { store: (c) => cutTo400(squashWhitespace(c)) }));
  const { result } = chat();
  await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
  const long = `${'lorem  ipsum '.repeat(150)}the end`; // 1957 characters, double spaces
  act(() => result.current.sender.send(long));
  await advance(10_000);
  await waitForInAct(() => expect(view(result.current.thread)).toHaveLength(2));
  expect(result.current.thread.messages.every((m) => m.delivery === undefined)).toBe(true);
});

test('item 3: the cursor sent is exactly the last answer, also after the server clock stepped back', async () => {
  sim().addTicket({ id: 'c1', messages: [{ content: 'first' }] });
  server.use(...createHandlers(sim(), { baseUrl: INNER_BASE_URL }));
  const stepping = steppingCursor();
  server.use(stepping.handler);
  const { result } = chat();
  await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
  await advance(3000);
  stepping.log.stepBack();
  await advance(3000);
  sim().post('c1', { content: 'after the step back' });
  await advance(6000);
  await waitForInAct(() => expect(view(result.current.thread)).toEqual(['first', 'after the step back']));
  // Every request sent the previous answer's token, character for character.
  expect(stepping.log.sent.slice(1)).toEqual(stepping.log.answered.slice(0, stepping.log.sent.length - 1));
});

test('item 4: two identical messages sent within one second show twice', async () => {
  vi.setSystemTime(Math.ceil(Date.now() / 1000) * 1000 + 10);
  sim().addTicket({ id: 'c1', messages: [{ content: 'hello', at: Date.now() - 60_000 }] });
  const { result } = chat();
  await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
  act(() => result.current.sender.send('ok'));
  // The first copy arrives in its own answer before the second send.
  await waitForInAct(() => expect(view(result.current.thread)).toEqual(['hello', 'ok']), { interval: 5 });
  act(() => result.current.sender.send('ok'));
  await advance(6000);
  await waitForInAct(() => expect(view(result.current.thread)).toEqual(['hello', 'ok', 'ok']));
  const copies =
    sim()
      .ticket('c1')
      ?.messages.filter((m) => m.content === 'ok') ?? [];
  expect(Math.floor((copies[0]?.at ?? 0) / 1000)).toBe(Math.floor((copies[1]?.at ?? 1) / 1000));
});

test('item 5: a send whose answer was lost is checked against the next poll, never offered for a blind Retry', async () => {
  sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
  server.use(hostileSend(sim, { loseAnswer: true }));
  const { wrapper } = providerFor(makeClient());
  const seen = new Set<string>();
  const { result } = renderHook(
    () => {
      const thread = useInstantMessages('c1');
      for (const v of view(thread)) seen.add(v);
      return { thread, sender: useSendMessage('c1') };
    },
    { wrapper },
  );
  await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
  act(() => result.current.sender.send('did it arrive?'));
  await advance(6000);
  await waitForInAct(() => expect(view(result.current.thread)).toEqual(['hello', 'did it arrive?']));
  expect(seen).not.toContain('did it arrive? (failed)');
  expect(sends()).toHaveLength(1);
});

test('item 5: a lost send that did not arrive is offered for Retry after the check', async () => {
  sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
  sim().injectFault({ kind: 'drop' }, { endpoint: 'send' });
  const { result } = chat();
  await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
  act(() => result.current.sender.send('lost'));
  await advance(6000);
  await waitForInAct(() => expect(view(result.current.thread)).toEqual(['hello', 'lost (failed)']));
});

test('item 6: disabled hooks send nothing; an unmounted badge leaves the batch', async () => {
  sim().addTicket({ id: 'a' });
  sim().addTicket({ id: 'b' });
  const { wrapper } = providerFor(makeClient());
  renderHook(() => [useUnread('a', { enabled: false }), useInstantMessages('a', { enabled: false })], {
    wrapper,
  });
  await advance(120_000);
  expect(sim().requests).toEqual([]);
  const page = render(<Badges ids={['a', 'b']} />, { wrapper });
  await advance(20);
  page.rerender(<Badges ids={['a']} />);
  await advance(30_000);
  expect(unreadRequests(sim()).map((r) => r.caseIds)).toEqual([['a', 'b'], ['a']]);
});

test('item 7: older history keeps the server order of messages in one second', async () => {
  sim().initialPageSize = 2;
  const base = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
  sim().addTicket({
    id: 'c1',
    messages: [
      { content: 'a', at: base },
      { content: 'b', at: base + 10_100 },
      { content: 'c', at: base + 10_500 },
      { content: 'd', at: base + 20_000 },
    ],
  });
  const { result } = chat();
  await waitForInAct(() => expect(view(result.current.thread)).toEqual(['c', 'd']));
  act(() => result.current.thread.loadOlder());
  await waitForInAct(() => expect(result.current.thread.hasOlder).toBe(false));
  expect(view(result.current.thread)).toEqual(['a', 'b', 'c', 'd']);
});

test('item 8: two views of one ticket send one mark-read per new support message', async () => {
  sim().addTicket({ id: 'c1', unread: 1, messages: [{ content: 'hello' }] });
  const { wrapper } = providerFor(makeClient());
  const { result } = renderHook(
    () => ({
      one: useInstantMessages('c1', { markReadWhenVisible: true }),
      two: useInstantMessages('c1', { markReadWhenVisible: true }),
      unread: useUnread('c1'),
    }),
    { wrapper },
  );
  await waitForInAct(() => expect(markReads()).toHaveLength(1));
  sim().post('c1', { content: 'a reply' });
  await advance(3000);
  await waitForInAct(() => expect(result.current.one.messages).toHaveLength(2));
  await advance(3000);
  expect(markReads()).toHaveLength(2);
  expect(pollRequests(sim()).every((r) => cursorOf(r.url) !== 'NaN')).toBe(true);
});
