import { act, renderHook } from '@testing-library/react';
import {
  advance,
  installQueryHarness,
  makeClient,
  pollRequests,
  providerFor,
  waitForInAct,
} from '../../test/harness.tsx';
import { CODE_LOAD_FAILED, TicketChatError } from '../client/errors.ts';
import { useInstantMessages } from './useInstantMessages.ts';
import { sendFailureOf, useSendMessage } from './useSendMessage.ts';
import { useUnread } from './useUnread.ts';

const { sim } = installQueryHarness();

function renderThread() {
  sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
  const { wrapper } = providerFor(makeClient());
  return renderHook(() => ({ thread: useInstantMessages('c1'), sender: useSendMessage('c1') }), { wrapper });
}

const view = (r: { current: { thread: { messages: { content: string; delivery?: string }[] } } }) =>
  r.current.thread.messages.map((m) => (m.delivery ? `${m.content} (${m.delivery})` : m.content));

describe('useSendMessage', () => {
  test('appears at once as sending, then the server copy replaces it without a duplicate', async () => {
    const { result } = renderThread();
    await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
    sim().injectFault({ kind: 'latency', ms: 500 }, { endpoint: 'send' });
    act(() => result.current.sender.send('my question'));
    await advance(0);
    expect(view(result)).toEqual(['hello', 'my question (sending)']);
    expect(result.current.thread.messages[1]?.key).toMatch(/^local:/);
    await advance(500);
    await waitForInAct(() => expect(view(result)).toEqual(['hello', 'my question']));
    // it was fetched by an immediate poll, not the 3 s tick
    expect(pollRequests(sim())).toHaveLength(2);
    await advance(9000);
    expect(view(result)).toEqual(['hello', 'my question']);
    expect(result.current.thread.messages[1]?.fromSupport).toBe(false);
  });

  test("attachments and no text: the content is their names' stand-in, cut at 2000, as every caller gets", async () => {
    const { result } = renderThread();
    await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
    const long = 'n'.repeat(254);
    const attachments = ['a.png', ...Array.from({ length: 9 }, (_, i) => `${i}${long}`)].map((name, i) => {
      sim().accessories.set(`acc-${i}`, { id: `acc-${i}`, name, bytes: new Uint8Array(1) });
      return { id: `acc-${i}`, name };
    });
    act(() => result.current.sender.send('', attachments.slice(0, 1)));
    await waitForInAct(() => expect(view(result)).toEqual(['hello', '📎 a.png']));
    act(() => result.current.sender.send('  ', attachments));
    const stored = () => sim().ticket('c1')?.messages ?? [];
    await waitForInAct(() => expect(stored()).toHaveLength(3));
    expect(stored()[1]).toMatchObject({ content: '📎 a.png', attachments: [{ id: 'acc-0' }] });
    expect(stored()[2]?.content).toHaveLength(2000);
    expect(stored()[2]?.content.startsWith('📎 a.png, 0nnn')).toBe(true);
    expect(stored()[2]?.attachments).toHaveLength(10);
  });

  test('a failed send stays, marked failed; retry sends it again and it is replaced once', async () => {
    const { result } = renderThread();
    await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
    sim().injectFault({ kind: 'http', status: 500, code: 'OSM.0004' }, { endpoint: 'send' });
    act(() => result.current.sender.send('try me'));
    await advance(10);
    await waitForInAct(() => expect(view(result)).toEqual(['hello', 'try me (failed)']));
    expect(result.current.sender.error?.kind).toBe('http');
    await advance(6000); // polls go on; the failed message is kept
    expect(view(result)).toEqual(['hello', 'try me (failed)']);
    const key = result.current.thread.messages[1]?.key as string;
    sim().injectFault({ kind: 'latency', ms: 100 }, { endpoint: 'send' });
    act(() => result.current.sender.retry(key));
    await advance(0);
    expect(view(result)).toEqual(['hello', 'try me (sending)']);
    await advance(100);
    await waitForInAct(() => expect(view(result)).toEqual(['hello', 'try me']));
    expect(
      sim()
        .ticket('c1')
        ?.messages.map((m) => m.content),
    ).toEqual(['hello', 'try me']);
  });

  test("a send whose code did not load is 'failed' at once, never 'checking' (nothing left the page)", async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const client = makeClient();
    const notLoaded = new TicketChatError('network', "The library's message code could not load", {
      code: CODE_LOAD_FAILED,
    });
    // The code is gone from then on: no poll can settle a 'checking' message.
    let gone = false;
    const { wrapper } = providerFor({
      ...client,
      pollMessages: (req) => (gone ? Promise.reject(notLoaded) : client.pollMessages(req)),
      sendMessage: () => {
        gone = true;
        return Promise.reject(notLoaded);
      },
    });
    const { result } = renderHook(
      () => ({ thread: useInstantMessages('c1'), sender: useSendMessage('c1') }),
      { wrapper },
    );
    await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
    act(() => result.current.sender.send('try me'));
    await advance(0);
    expect(view(result)).toEqual(['hello', 'try me (failed)']);
    expect(result.current.thread.messages[1]).toMatchObject({
      failure: { reason: 'offline', resendable: true },
    });
  });

  // Was: twins arriving in different answers were folded into one (the old stated limitation). Two accepted
  // POSTs prove two messages (issue 11 item 4): both show, none stays pending.
  test('two identical sends: both settle and both show, none stays pending', async () => {
    const { result } = renderThread();
    await waitForInAct(() => expect(result.current.thread.messages).toHaveLength(1));
    sim().injectFault({ kind: 'latency', ms: 100 }, { endpoint: 'send', times: 2 });
    act(() => {
      result.current.sender.send('ok');
      result.current.sender.send('ok');
    });
    await advance(0);
    expect(view(result)).toEqual(['hello', 'ok (sending)', 'ok (sending)']);
    await advance(3100);
    await waitForInAct(() => expect(view(result).some((v) => v.includes('('))).toBe(false));
    expect(
      sim()
        .ticket('c1')
        ?.messages.filter((m) => m.content === 'ok'),
    ).toHaveLength(2);
    expect(view(result)).toEqual(['hello', 'ok', 'ok']);
  });
});

describe('useAutoMarkRead', () => {
  test('marks read when a support message arrives while visible; badge goes to 0', async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }], unread: 1 });
    const { wrapper } = providerFor(makeClient());
    const { result } = renderHook(
      () => ({ thread: useInstantMessages('c1', { markReadWhenVisible: true }), unread: useUnread('c1') }),
      { wrapper },
    );
    await advance(20);
    await waitForInAct(() => expect(sim().requests.filter((r) => r.endpoint === 'markRead')).toHaveLength(1));
    await waitForInAct(() => expect(result.current.unread.count).toBe(0));
    sim().post('c1', { content: 'a reply' });
    await advance(3000);
    await waitForInAct(() => expect(sim().requests.filter((r) => r.endpoint === 'markRead')).toHaveLength(2));
    expect(sim().ticket('c1')?.unread).toBe(0);
    await advance(30_000);
    expect(result.current.unread.count).toBe(0);
    // nothing new: no more mark-read calls
    expect(sim().requests.filter((r) => r.endpoint === 'markRead')).toHaveLength(2);
  });

  test('does nothing when disabled', async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }], unread: 1 });
    const { wrapper } = providerFor(makeClient());
    renderHook(() => [useInstantMessages('c1', { markReadWhenVisible: false }), useUnread('c1')], {
      wrapper,
    });
    await advance(5000);
    expect(sim().requests.filter((r) => r.endpoint === 'markRead')).toHaveLength(0);
  });
});

describe('sendFailureOf', () => {
  test('a send whose code did not load is known not to have left: failed, and safe to send again by itself', () => {
    const notLoaded = new TicketChatError('network', "The library's message code could not load", {
      code: CODE_LOAD_FAILED,
    });
    expect(sendFailureOf(notLoaded)).toEqual({ reason: 'offline', resendable: true });
    // A lost connection may have delivered it: the next poll decides, no resend.
    expect(sendFailureOf(new TicketChatError('network', 'Network error'))).toEqual({ reason: 'offline' });
  });

  test("a refusal as busy keeps the service's Retry-After, so the send by itself waits for it", () => {
    const busy = new TicketChatError('http', 'HTTP 429', { status: 429, retryAfterMs: 20_000 });
    expect(sendFailureOf(busy)).toEqual({ reason: 'busy', resendable: true, retryAfterMs: 20_000 });
  });
});
