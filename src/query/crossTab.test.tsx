import { hashKey, QueryObserver, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { onTestFinished } from 'vitest';
import {
  crossTabOn,
  installSimulator,
  makeClient,
  pollRequests,
  setVisibility,
} from '../../test/harness.tsx';
import { installLocks } from '../../test/support/locks.ts';
import type { TicketChatClient } from '../client/types.ts';
import { startCrossTab } from './crossTabSync.ts';
import { ticketChatKeys } from './keys.ts';
import { createLeaderThreads } from './leaderThreads.ts';
import { createTicketChatQueryClient, useTicketChatContext } from './TicketChatProvider.tsx';
import type { ThreadEntry } from './threadEntry.ts';
import { threadQueryOptions } from './threadQueryOptions.ts';
import { useInstantMessages } from './useInstantMessages.ts';
import { useSendMessage } from './useSendMessage.ts';
import { useUnread } from './useUnread.ts';

// Real timers: leader election and the channel run on their own clocks. Two providers with two
// QueryClients in one document stand in for two tabs (BroadcastChannel delivers between them).
const { sim } = installSimulator();
installLocks();

/** A second of real time, inside act(): the updates that the polling brings meanwhile are React's to flush. */
const realSecond = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 1000)));

/** Two tabs on a fresh channel, each rendering `view`; unmounted and cleared when the test ends. */
function twoTabs<T>(view: () => T, options: { notify?: boolean } = {}) {
  const channel = `tc-test-${Math.random()}`;
  const a = crossTabOn(channel, options);
  const b = crossTabOn(channel, options);
  const ha = renderHook(view, { wrapper: a.wrapper });
  const hb = renderHook(view, { wrapper: b.wrapper });
  onTestFinished(() => {
    ha.unmount();
    hb.unmount();
  });
  return [ha, hb] as const;
}

type Tab = {
  result: { current: { ctx: { isPollingLeader: boolean }; thread?: { messages: readonly unknown[] } } };
};

async function electedLeader<T extends Tab>(tabs: readonly [T, T], messages?: number) {
  await waitFor(
    () => {
      expect(tabs.filter((h) => h.result.current.ctx.isPollingLeader)).toHaveLength(1);
      if (messages !== undefined)
        for (const h of tabs) expect(h.result.current.thread?.messages).toHaveLength(messages);
    },
    { timeout: 5000 },
  );
  const [a, b] = tabs;
  return a.result.current.ctx.isPollingLeader ? ([a, b] as const) : ([b, a] as const);
}

describe.runIf(typeof BroadcastChannel !== 'undefined')('cross-tab polling', () => {
  test('one tab polls, the other receives its cache updates', async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const view = () => ({
      thread: useInstantMessages('c1', { intervalMs: 200 }),
      ctx: useTicketChatContext(),
    });
    const [ha, hb] = twoTabs(view);
    await waitFor(() => expect(ha.result.current.thread.messages).toHaveLength(1), { timeout: 5000 });
    await waitFor(() => expect(hb.result.current.thread.messages).toHaveLength(1), { timeout: 5000 });
    sim().post('c1', { content: 'from support' });
    await waitFor(() => expect(hb.result.current.thread.messages).toHaveLength(2), { timeout: 5000 });
    // Until the election settles each tab polls what it shows; then exactly one leads.
    const leaders = () => [ha, hb].filter((h) => h.result.current.ctx.isPollingLeader).length;
    await waitFor(() => expect(leaders()).toBe(1), { timeout: 5000 });
    await realSecond(); // the leader's first announcement reaches the follower
    const before = pollRequests(sim()).length;
    await realSecond();
    const during = pollRequests(sim()).length - before;
    // one poller at 200 ms: about 5 polls a second, not 10
    expect(during).toBeGreaterThan(0);
    expect(during).toBeLessThanOrEqual(7);
    expect(hb.result.current.thread.messages.map((m) => m.content)).toEqual(['hello', 'from support']);
  }, 15_000);

  test("the leader polls the followers' badges; counts reach the follower", async () => {
    sim().addTicket({ id: 'c1', unread: 4 });
    const view = () => ({ unread: useUnread('c1', { intervalMs: 300 }), ctx: useTicketChatContext() });
    const [ha, hb] = twoTabs(view);
    await waitFor(
      () => {
        expect(ha.result.current.unread.count).toBe(4);
        expect(hb.result.current.unread.count).toBe(4);
      },
      { timeout: 5000 },
    );
    const before = sim().requests.filter((r) => r.endpoint === 'unread').length;
    await realSecond();
    const during = sim().requests.filter((r) => r.endpoint === 'unread').length - before;
    expect(during).toBeGreaterThan(0);
    expect(during).toBeLessThanOrEqual(4); // one poller at 300 ms, not two
    sim().post('c1', { content: 'new' });
    await waitFor(() => expect(hb.result.current.unread.count).toBe(5), { timeout: 5000 });
  }, 15_000);
  test("the leader's failed polls reach the follower (messages kept) and its recovery clears them", async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const view = () => ({
      thread: useInstantMessages('c1', { intervalMs: 200, maxBackoffMs: 200 }),
      ctx: useTicketChatContext(),
    });
    const [ha, hb] = twoTabs(view);
    await waitFor(() => expect(hb.result.current.thread.messages).toHaveLength(1), { timeout: 5000 });
    const follower = ha.result.current.ctx.isPollingLeader ? hb : ha;
    sim().injectFault({ kind: 'http', status: 503 }, { endpoint: 'poll', times: 3 });
    await waitFor(
      () => {
        const { error, isReconnecting } = follower.result.current.thread;
        expect(error).toMatchObject({ name: 'TicketChatError', kind: 'http', status: 503 });
        expect(isReconnecting).toBe(true);
      },
      { timeout: 5000 },
    );
    expect(follower.result.current.thread.messages.map((m) => m.content)).toEqual(['hello']);
    sim().post('c1', { content: 'back again' });
    await waitFor(
      () => {
        expect(follower.result.current.thread.error).toBeNull();
        expect(follower.result.current.thread.messages).toHaveLength(2);
      },
      { timeout: 5000 },
    );
  }, 15_000);

  /** Every message any tab posts from now until the test ends (Node's BroadcastChannel stands in). */
  function recordPosts() {
    const posts: { type: string; added?: unknown[]; key?: unknown[] }[] = [];
    const post = BroadcastChannel.prototype.postMessage;
    const spy = vi.spyOn(BroadcastChannel.prototype, 'postMessage').mockImplementation(function (
      this: BroadcastChannel,
      message: unknown,
    ) {
      posts.push(message as (typeof posts)[number]);
      post.call(this, message);
    });
    onTestFinished(() => spy.mockRestore());
    return posts;
  }

  test('a poll that brings nothing posts nothing; one that brings a message posts that message', async () => {
    const history = Array.from({ length: 200 }, (_, i) => ({ content: `old ${i}` }));
    sim().addTicket({ id: 'c1', messages: history });
    const view = () => ({
      thread: useInstantMessages('c1', { intervalMs: 200 }),
      ctx: useTicketChatContext(),
    });
    const [ha, hb] = twoTabs(view);
    await electedLeader([ha, hb], 200);
    await realSecond(); // the election's and the first answers' posts are done
    const posts = recordPosts();
    const polls = pollRequests(sim()).length;
    await realSecond();
    expect(pollRequests(sim()).length).toBeGreaterThan(polls); // the leader kept polling…
    expect(posts).toEqual([]); // …and posted nothing
    sim().post('c1', { content: 'new' });
    await waitFor(() => expect(hb.result.current.thread.messages).toHaveLength(201), { timeout: 5000 });
    expect(ha.result.current.thread.messages).toHaveLength(201);
    const threadPosts = posts.filter((p) => p.type === 'thread');
    expect(threadPosts).toHaveLength(1);
    expect(threadPosts[0]?.added).toHaveLength(1);
  }, 15_000);

  test('when the leader tab closes, the other takes over at once', async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const view = () => ({
      thread: useInstantMessages('c1', { intervalMs: 200 }),
      ctx: useTicketChatContext(),
    });
    const [ha, hb] = twoTabs(view);
    const [leader, follower] = await electedLeader([ha, hb]);
    leader.unmount();
    await waitFor(() => expect(follower.result.current.ctx.isPollingLeader).toBe(true), { timeout: 3000 });
    sim().post('c1', { content: 'after' });
    await waitFor(() => expect(follower.result.current.thread.messages).toHaveLength(2), { timeout: 3000 });
  }, 15_000);

  test('with notify, one tab keeps polling while every tab is hidden, and its news reach the other', async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const view = () => ({
      thread: useInstantMessages('c1', { intervalMs: 200 }),
      ctx: useTicketChatContext(),
    });
    const [ha, hb] = twoTabs(view, { notify: true });
    const [leader, follower] = await electedLeader([ha, hb], 1);
    onTestFinished(() => setVisibility('visible'));
    setVisibility('hidden');
    await realSecond(); // the hidden leader checks that no visible tab waits for the lead
    expect(leader.result.current.ctx.isPollingLeader).toBe(true);
    expect(follower.result.current.ctx.isPollingLeader).toBe(false);
    const before = pollRequests(sim()).length;
    await realSecond();
    const during = pollRequests(sim()).length - before;
    expect(during).toBeGreaterThan(0); // hidden, yet polling: one poller at 200 ms
    expect(during).toBeLessThanOrEqual(7);
    sim().post('c1', { content: 'while hidden' });
    await waitFor(() => expect(follower.result.current.thread.messages).toHaveLength(2), { timeout: 5000 });
  }, 15_000);

  test('without notify, no tab polls while every tab is hidden', async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const view = () => ({
      thread: useInstantMessages('c1', { intervalMs: 200 }),
      ctx: useTicketChatContext(),
    });
    const tabs = twoTabs(view);
    await electedLeader(tabs, 1);
    onTestFinished(() => setVisibility('visible'));
    setVisibility('hidden');
    await realSecond();
    const before = pollRequests(sim()).length;
    await realSecond();
    expect(pollRequests(sim()).length).toBe(before);
    expect(tabs.filter((h) => h.result.current.ctx.isPollingLeader)).toHaveLength(0);
  }, 15_000);

  test("the portal's own queries never cross tabs", async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const channel = `tc-test-${Math.random()}`;
    const a = crossTabOn(channel);
    const b = crossTabOn(channel);
    const profile = (version: string) => () =>
      useQuery({ queryKey: ['profile'], queryFn: () => version, staleTime: Number.POSITIVE_INFINITY });
    const view = (version: string) => () => ({
      thread: useInstantMessages('c1', { intervalMs: 200 }),
      profile: profile(version)(),
    });
    const posts = recordPosts();
    const ha = renderHook(view('a'), { wrapper: a.wrapper });
    const hb = renderHook(view('b'), { wrapper: b.wrapper });
    onTestFinished(() => {
      ha.unmount();
      hb.unmount();
    });
    await waitFor(() => expect(hb.result.current.thread.messages).toHaveLength(1), { timeout: 5000 });
    act(() => a.queryClient.setQueryData(['profile'], 'changed in a'));
    await realSecond();
    expect(hb.result.current.profile.data).toBe('b');
    expect(posts.some((p) => p.key?.[0] === 'profile')).toBe(false);
  }, 15_000);

  test('without Web Locks each tab polls on its own', async () => {
    Reflect.deleteProperty(navigator, 'locks');
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const view = () => ({
      thread: useInstantMessages('c1', { intervalMs: 200 }),
      ctx: useTicketChatContext(),
    });
    const [ha, hb] = twoTabs(view);
    await waitFor(
      () => {
        expect(ha.result.current.ctx.isPollingLeader).toBe(true);
        expect(hb.result.current.ctx.isPollingLeader).toBe(true);
        expect(hb.result.current.thread.messages).toHaveLength(1);
      },
      { timeout: 5000 },
    );
  }, 15_000);

  test("a follower's own send is settled by the leader's poll: shown once, as sent by the server", async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const view = () => ({
      thread: useInstantMessages('c1', { intervalMs: 200 }),
      send: useSendMessage('c1'),
      ctx: useTicketChatContext(),
    });
    const [ha, hb] = twoTabs(view);
    const [, follower] = await electedLeader([ha, hb], 1);
    await act(async () => {
      follower.result.current.send.send('thanks');
    });
    await waitFor(
      () => {
        const mine = follower.result.current.thread.messages.filter((m) => m.content === 'thanks');
        expect(mine).toHaveLength(1);
        expect(mine[0]?.key.startsWith('local:')).toBe(false);
      },
      { timeout: 5000 },
    );
    await realSecond();
    expect(follower.result.current.thread.messages.map((m) => m.content)).toEqual(['hello', 'thanks']);
  }, 15_000);

  test('a first poll of a new tab that has not left when the leader covers its thread is never sent', async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const channel = `tc-test-${Math.random()}`;
    // Long intervals: the leader polls once at mount, then nothing within this test.
    const view = () => ({
      thread: useInstantMessages('c1', { intervalMs: 60_000 }),
      ctx: useTicketChatContext(),
    });
    const ha = renderHook(view, { wrapper: crossTabOn(channel).wrapper });
    onTestFinished(() => ha.unmount());
    await waitFor(
      () => {
        expect(ha.result.current.ctx.isPollingLeader).toBe(true);
        expect(ha.result.current.thread.messages).toHaveLength(1);
      },
      { timeout: 5000 },
    );
    // Tab B opens; its first poll waits, as behind the lazily loaded message code (a slow chunk), until
    // after the leader's word.
    const { slow, load, waiting } = slowFirstPolls();
    const hb = renderHook(view, { wrapper: crossTabOn(channel, { client: slow }).wrapper });
    onTestFinished(() => hb.unmount());
    const thread = hashKey(ticketChatKeys.thread('c1'));
    await waitFor(
      () => {
        expect(hb.result.current.ctx.leaderThreads.has(thread)).toBe(true);
        expect(hb.result.current.thread.messages.map((m) => m.content)).toEqual(['hello']);
      },
      { timeout: 5000 },
    );
    expect(waiting).toHaveLength(1); // B's own first poll, asked before it heard the leader
    const polls = pollRequests(sim()).length;
    load();
    await act(() => Promise.allSettled(waiting));
    // The leader covers the thread and B has its messages: B's poll is not sent (it would duplicate the
    // leader's); nothing B shows is lost.
    expect(pollRequests(sim()).length).toBe(polls);
    expect(hb.result.current.thread.messages.map((m) => m.content)).toEqual(['hello']);
    expect(hb.result.current.thread.error).toBeNull();
  }, 15_000);

  test("a new tab's poll goes on when the leader covers a thread it has not announced (no view yet)", async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    const channel = `tc-test-${Math.random()}`;
    const ha = renderHook(
      () => ({ thread: useInstantMessages('c1', { intervalMs: 60_000 }), ctx: useTicketChatContext() }),
      { wrapper: crossTabOn(channel).wrapper },
    );
    onTestFinished(() => ha.unmount());
    await waitFor(() => expect(ha.result.current.thread.messages).toHaveLength(1), { timeout: 5000 });
    // Tab B prefetches the thread (as TicketChat does while its chunk loads): no view observes it, so B's
    // announcement does not name it and the leader sends it nothing, but covers it (it shows it itself).
    const { slow, load, waiting } = slowFirstPolls();
    const b = crossTabOn(channel, { client: slow });
    const prefetched = b.queryClient.prefetchQuery(
      threadQueryOptions({ client: slow, queryClient: b.queryClient, caseId: 'c1' }),
    );
    const hb = renderHook(() => useTicketChatContext(), { wrapper: b.wrapper });
    onTestFinished(() => hb.unmount());
    await waitFor(
      () => expect(hb.result.current.leaderThreads.has(hashKey(ticketChatKeys.thread('c1')))).toBe(true),
      {
        timeout: 5000,
      },
    );
    expect(waiting).toHaveLength(1);
    load();
    await act(() => prefetched);
    // Its own poll was the only way to the thread: it went out and its answer is there.
    expect(b.queryClient.getQueryData<ThreadEntry>(ticketChatKeys.thread('c1'))?.server).toHaveLength(1);
  }, 15_000);

  test('what a new tab starts showing before any tab has answered its hello is announced', async () => {
    sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
    sim().addTicket({ id: 'c2', messages: [{ content: 'only in B' }] });
    const channel = `tc-test-${Math.random()}`;
    const ha = renderHook(
      () => ({ thread: useInstantMessages('c1', { intervalMs: 60_000 }), ctx: useTicketChatContext() }),
      { wrapper: crossTabOn(channel).wrapper },
    );
    onTestFinished(() => ha.unmount());
    await waitFor(() => expect(ha.result.current.ctx.isPollingLeader).toBe(true), { timeout: 5000 });
    // Tab B says hello, and in the same task (before the leader's reply can arrive) a view of a thread
    // only B shows mounts.
    const queryClient = createTicketChatQueryClient();
    const client = makeClient();
    const leaderThreads = createLeaderThreads();
    const stop = startCrossTab(queryClient, client, channel, () => undefined, leaderThreads);
    const view = new QueryObserver(queryClient, {
      ...threadQueryOptions({ client, queryClient, caseId: 'c2' }),
      enabled: false,
    });
    const unsubscribe = view.subscribe(() => undefined);
    onTestFinished(() => {
      unsubscribe();
      stop();
      queryClient.clear();
    });
    // The leader hears of it and polls it for B.
    await waitFor(() => expect(leaderThreads.has(hashKey(ticketChatKeys.thread('c2')))).toBe(true), {
      timeout: 5000,
    });
    await waitFor(
      () =>
        expect(
          queryClient.getQueryData<ThreadEntry>(ticketChatKeys.thread('c2'))?.server.map((m) => m.content),
        ).toEqual(['only in B']),
      { timeout: 5000 },
    );
  }, 15_000);
});

/** A client whose polls wait (as behind a slow chunk of message code) until `load()`. */
function slowFirstPolls() {
  let load: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => {
    load = resolve;
  });
  const real = makeClient();
  const waiting: Promise<unknown>[] = [];
  const slow: TicketChatClient = {
    ...real,
    pollMessages: (request) => {
      const call = loaded.then(() => real.pollMessages(request));
      waiting.push(call);
      return call;
    },
  };
  return { slow, load, waiting };
}
