import {
  focusManager,
  hashKey,
  type Query,
  type QueryClient,
  type QueryKey,
  QueryObserver,
} from '@tanstack/react-query';
import { TicketChatError, type TicketChatErrorKind } from '../client/errors.ts';
import type { Message, TicketChatClient } from '../client/types.ts';
import { isThreadKey, isTicketChatKey, ticketChatKeys } from './keys.ts';
import type { LeaderThreads } from './leaderThreads.ts';
import { mergePoll, type StoredMessage, type ThreadEntry } from './threadEntry.ts';
import { threadQueryOptions } from './threadQueryOptions.ts';
import { toTicketChatError } from './toTicketChatError.ts';
import { isUnreadEntryKey } from './unreadEntryKey.ts';
import { DEFAULT_UNREAD_INTERVAL_MS, unreadBatchOptions, unreadQueryOptions } from './unreadQueries.ts';

/** A thread another tab shows, with the interval its view polls at. */
interface ShownThread {
  key: QueryKey;
  intervalMs: number;
}

/** A group whose badges another tab shows, with the smallest interval they ask for. */
interface ShownBatch {
  groupId: string | null;
  intervalMs: number;
}

/** What crosses the channel: an Error does not survive structured cloning as a TicketChatError. */
interface SharedError {
  kind: TicketChatErrorKind;
  message: string;
  status?: number;
  code?: string;
  retryable: boolean;
  retryAfterMs?: number;
}

type Post =
  /** What a tab shows (`hello`: it just started, and every tab answers with what it shows). */
  | {
      type: 'shows';
      tab: string;
      hello: boolean;
      threads: ShownThread[];
      unread: QueryKey[];
      batches: ShownBatch[];
    }
  | { type: 'bye'; tab: string }
  /** A visible tab asked for the lead: a leader that stayed on while hidden hands it over. */
  | { type: 'stand'; tab: string }
  /** From the leader: the thread hashes it polls ([] when it resigns). */
  | { type: 'covers'; tab: string; hashes: string[] }
  /** A thread's news: the server messages the sender did not have before (or all of them) + the small fields. */
  | {
      type: 'thread';
      key: QueryKey;
      added: StoredMessage[];
      cursor: string | null;
      liveChat: number | null;
      reachedStart: boolean;
      startedAt: number;
    }
  /** Any other ticket-chat query's data (an unread entry: small) or, for `data: undefined`, its recovery. */
  | { type: 'data'; key: QueryKey; data: unknown }
  | { type: 'error'; key: QueryKey; error: SharedError; errorUpdatedAt: number };

const sharedError = (e: unknown): SharedError => {
  const error = toTicketChatError(e);
  return {
    kind: error.kind,
    message: error.message,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.code !== undefined ? { code: error.code } : {}),
    retryable: error.retryable,
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  };
};

// Keeps `sentAt` (a copy that settled a send of this browser, in whichever tab): twins follow the same rule in
// every tab (threadEntry.ts). Views drop it.
const message = ({ at, ...m }: StoredMessage): Message => ({
  ...m,
  createdAt: at === null ? null : new Date(at),
});

const BATCH = ticketChatKeys.unreadBatch(undefined)[1];
const DEFAULT_THREAD_INTERVAL_MS = 3000;

/** The interval an observer of a thread or batch polls at (their options set `staleTime` to it). */
const intervalOf = (observers: readonly { options: { staleTime?: unknown } }[], fallback: number) =>
  Math.min(
    ...observers.map((o) => (typeof o.options.staleTime === 'number' ? o.options.staleTime : fallback)),
  );

/**
 * Cross-tab polling on ONE BroadcastChannel (`channelName`) and one Web Lock (`channelName:leader`).
 *
 * - Election: a VISIBLE tab requests the lock and leads while it holds it; hidden, it releases it (a
 *   hidden tab pauses its polling and would starve the others). The browser hands the lock to the next
 *   waiting visible tab at once when the leader hides or closes: no heartbeat.
 * - Every tab announces the threads and badges it shows (on start, and when its views mount or unmount);
 *   the leader polls the union (its own views + observers for the others') and says which threads it
 *   covers; a follower's views poll only what the leader does not cover (see useInstantMessages), its
 *   badges never (the leader holds them). A poll it started before it heard that (a new tab's first) is
 *   dropped when the leader says it covers the thread.
 * - Ticket-chat queries' changes travel as deltas: for a thread the server messages it did not have + the
 *   cursor and small fields (a receiver merges them with `mergePoll`: replays add nothing, its own sends
 *   settle); for an unread entry the entry; errors as plain fields (data kept) until the next success.
 *   A success that changed nothing is not posted; with no other tab, nothing is posted at all.
 * - `pollWhileHidden` (the provider's `notify`): a leader that hides keeps the lead and polls in the
 *   background while no visible tab asks for it (so with every tab hidden, one tab still polls and
 *   notifies); it hands the lead over when one does (the lock's queue, or a `stand` post). If that hidden
 *   leader closes, no hidden tab takes over: nothing polls until a tab is shown again.
 * Returns the stop function. `onLeadershipChange(true)` also when Web Locks or BroadcastChannel are
 * missing (this tab then polls on its own).
 */
export function startCrossTab(
  queryClient: QueryClient,
  client: TicketChatClient,
  channelName: string,
  onLeadershipChange: (isLeader: boolean) => void,
  leaderThreads: LeaderThreads,
  { pollWhileHidden = false }: { pollWhileHidden?: boolean } = {},
): () => void {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks || typeof BroadcastChannel === 'undefined') {
    onLeadershipChange(true);
    return () => undefined;
  }
  const cache = queryClient.getQueryCache();
  const channel = new BroadcastChannel(channelName);
  const tab = Math.random().toString(36).slice(2);
  const peers = new Map<string, { threads: ShownThread[]; unread: QueryKey[]; batches: ShownBatch[] }>();
  // A new tab knows no peers yet: what it shows, its goodbye and its bid for the lead go out regardless.
  const post = (m: Post) => {
    if (m.type === 'shows' || m.type === 'bye' || m.type === 'stand' || peers.size > 0)
      channel.postMessage(m);
  };

  // ---- outgoing changes (the QueryCache seam); what came from another tab is not sent back
  const received = new WeakSet<object>();
  const sentThread = new WeakMap<Query, ThreadEntry>();
  const sentData = new WeakMap<Query, string>();
  const failed = new WeakSet<Query>();
  const fetchStarted = new WeakMap<Query, number>();
  const threadPost = (
    key: QueryKey,
    entry: ThreadEntry,
    added: StoredMessage[],
    startedAt: number,
  ): Post => ({
    type: 'thread',
    key,
    added,
    cursor: entry.cursor,
    liveChat: entry.liveChat,
    reachedStart: entry.reachedStart,
    startedAt,
  });
  const onSuccess = (query: Query) => {
    const { data } = query.state;
    if (data === undefined) return;
    const recovering = failed.delete(query);
    if (isThreadKey(query.queryKey)) {
      const next = data as ThreadEntry;
      const prev = sentThread.get(query);
      sentThread.set(query, next);
      if (received.has(next)) return;
      const same =
        prev !== undefined &&
        prev.server === next.server &&
        prev.cursor === next.cursor &&
        prev.liveChat === next.liveChat &&
        prev.reachedStart === next.reachedStart;
      if (same && !recovering) return; // nothing new, or only this tab's own local messages changed
      const n = prev?.server.length ?? 0;
      // A poll appends (O(k) posted); anything else (an older page, an insert) posts the whole list.
      const appended =
        prev !== undefined && next.server.length >= n && next.server[n - 1] === prev.server[n - 1];
      const added = appended ? next.server.slice(n) : next.server;
      post(threadPost(query.queryKey, next, added, fetchStarted.get(query) ?? 0));
      return;
    }
    if (!isUnreadEntryKey(query.queryKey)) {
      // The group's batch: its counts travel in the entries; only its recovery from an error matters.
      if (recovering) post({ type: 'data', key: query.queryKey, data: undefined });
      return;
    }
    const text = JSON.stringify(data);
    const before = sentData.get(query);
    sentData.set(query, text);
    if (text === before && !recovering) return;
    post({ type: 'data', key: query.queryKey, data });
  };
  const unsubscribeCache = cache.subscribe((event) => {
    const { query } = event;
    if (!isTicketChatKey(query.queryKey)) return;
    if (event.type === 'updated') {
      const { action } = event;
      if (action.type === 'fetch') fetchStarted.set(query, Date.now());
      else if (action.type === 'success') onSuccess(query);
      else if (action.type === 'error') {
        failed.add(query);
        post({
          type: 'error',
          key: query.queryKey,
          error: sharedError(query.state.error),
          errorUpdatedAt: query.state.errorUpdatedAt,
        });
      }
    } else if (
      event.type === 'observerAdded' ||
      event.type === 'observerRemoved' ||
      event.type === 'removed'
    ) {
      queueChanged();
    }
  });

  // ---- incoming changes
  const apply = (m: Extract<Post, { key: QueryKey }>) => {
    const query = cache.get(hashKey(m.key));
    // Only queries this tab has; an error never lands on one fetching here (a user's retry owns its outcome).
    // A received change is applied with setQueryData/setState and remembered, so it is not posted back.
    if (!query) return;
    if (m.type === 'error') {
      if (query.state.fetchStatus === 'fetching') return;
      const { kind, message: text, ...fields } = m.error;
      const error = new TicketChatError(kind, text, fields);
      query.setState({
        status: 'error',
        error,
        errorUpdatedAt: m.errorUpdatedAt,
        errorUpdateCount: query.state.errorUpdateCount + 1,
        fetchFailureCount: query.state.fetchFailureCount + 1,
        fetchFailureReason: error,
      });
      return;
    }
    if (m.type === 'data') {
      if (m.data === undefined) {
        if (query.state.status === 'error')
          query.setState({ status: 'success', error: null, fetchFailureCount: 0, fetchFailureReason: null });
        return;
      }
      sentData.set(query, JSON.stringify(m.data)); // what every tab has now: not to be sent back
      queryClient.setQueryData(m.key, m.data);
      return;
    }
    const current = query.state.data as ThreadEntry | undefined;
    const merged = mergePoll(current, {
      result: {
        messages: m.added.map(message),
        statuses: m.liveChat === null ? [] : [{ caseId: String(m.key[2]), status: m.liveChat }],
        cursor: m.cursor,
      },
      startedAt: m.startedAt,
    }).entry;
    const entry = merged.reachedStart || !m.reachedStart ? merged : { ...merged, reachedStart: true };
    if (entry === current && query.state.status !== 'error') return;
    received.add(entry);
    sentThread.set(query, entry);
    queryClient.setQueryData(m.key, entry);
  };

  // ---- what this tab shows, and (as leader) what it polls for the others
  const adopted = new Map<string, () => void>(); // thread hash → stop its observer
  const held = new Map<string, () => void>(); // unread entry hash → stop its observer
  const heldBatches = new Map<string | null, { intervalMs: number; stop: () => void }>();
  const ours = new Set<object>();
  const ownObservers = (query: Query) => query.observers.filter((o) => !ours.has(o));
  const shown = () => {
    const threads: ShownThread[] = [];
    const unread: QueryKey[] = [];
    const batches: ShownBatch[] = [];
    for (const query of cache.findAll({ queryKey: ticketChatKeys.all })) {
      const own = ownObservers(query);
      if (!own.length) continue;
      const key = query.queryKey;
      if (isThreadKey(key)) threads.push({ key, intervalMs: intervalOf(own, DEFAULT_THREAD_INTERVAL_MS) });
      else if (isUnreadEntryKey(key)) unread.push(key);
      else if (key[1] === BATCH)
        batches.push({
          groupId: key[2] as string | null,
          intervalMs: intervalOf(own, DEFAULT_UNREAD_INTERVAL_MS),
        });
    }
    return { threads, unread, batches };
  };
  const observe = (options: object) => {
    const observer = new QueryObserver(queryClient, options as never);
    ours.add(observer);
    const unsubscribe = observer.subscribe(() => undefined);
    return () => {
      unsubscribe();
      ours.delete(observer);
    };
  };
  let leading = false;
  let covered = '';
  const lead = () => {
    const threads = new Map<string, ShownThread>();
    const unread = new Map<string, QueryKey>();
    const batches = new Map<string | null, number>();
    if (leading) {
      for (const peer of peers.values()) {
        for (const t of peer.threads) threads.set(hashKey(t.key), t);
        for (const key of peer.unread) unread.set(hashKey(key), key);
        for (const b of peer.batches)
          batches.set(b.groupId, Math.min(b.intervalMs, batches.get(b.groupId) ?? b.intervalMs));
      }
    }
    // Threads: an observer for what another tab shows and this one does not (two would poll twice).
    for (const [hash, stop] of adopted) {
      const own = cache.get(hash);
      if (!threads.has(hash) || (own && ownObservers(own).length > 0)) {
        stop();
        adopted.delete(hash);
      }
    }
    for (const [hash, { key, intervalMs }] of threads) {
      const own = cache.get(hash);
      if (adopted.has(hash) || (own && ownObservers(own).length > 0)) continue;
      const [, , caseId, groupId] = key as readonly [string, string, string, string | null];
      adopted.set(
        hash,
        observe(
          threadQueryOptions({
            client,
            queryClient,
            caseId,
            groupId: groupId ?? undefined,
            intervalMs,
            pollWhileHidden,
          }),
        ),
      );
    }
    // Badges: an enabled observer enrols the case in its group's batch (and keeps the entry from gc);
    // one batch observer per group polls at the smallest interval the other tabs' badges ask for.
    for (const [hash, stop] of held) {
      if (!unread.has(hash)) {
        stop();
        held.delete(hash);
      }
    }
    for (const [hash, key] of unread) {
      if (held.has(hash)) continue;
      const [, , group, caseId] = key as readonly [string, string, string | null, string];
      held.set(hash, observe(unreadQueryOptions(client, caseId, group ?? undefined)));
    }
    for (const [group, batch] of heldBatches) {
      if (batches.get(group) === batch.intervalMs) continue;
      batch.stop();
      heldBatches.delete(group);
    }
    for (const [group, intervalMs] of batches) {
      if (heldBatches.has(group)) continue;
      const stop = observe({
        ...unreadBatchOptions({ client, groupId: group ?? undefined, intervalMs }),
        refetchIntervalInBackground: pollWhileHidden,
      });
      heldBatches.set(group, { intervalMs, stop });
    }
    if (!leading) return;
    const hashes = cache
      .findAll({ queryKey: ticketChatKeys.threads() })
      .filter((q) => q.isActive())
      .map((q) => q.queryHash);
    const text = hashes.join('\n');
    if (text === covered) return;
    covered = text;
    post({ type: 'covers', tab, hashes });
  };
  let announced = '';
  /** `change`: only when it differs from the last announcement and some other tab listens. */
  const announce = (why: 'hello' | 'reply' | 'change') => {
    const { threads, unread, batches } = shown();
    const text = JSON.stringify([threads, unread, batches]);
    if (why === 'change' && (text === announced || peers.size === 0)) return;
    announced = text;
    post({ type: 'shows', tab, hello: why === 'hello', threads, unread, batches });
  };
  // Many observer events in one tick (a page of badges mounting) make one announcement.
  let queued = false;
  function queueChanged() {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      if (stopped) return;
      announce('change');
      if (leading) lead();
    });
  }

  // ---- the channel
  let leaderTab: string | undefined;
  channel.onmessage = ({ data: m }: MessageEvent<Post>) => {
    if (m.type === 'shows') {
      const before = peers.get(m.tab);
      peers.set(m.tab, { threads: m.threads, unread: m.unread, batches: m.batches });
      // A reply to this tab's hello may carry the first peer: what changed since the hello (views that
      // mounted while no peer was known, so nothing was posted) goes out now.
      if (m.hello) announce('reply');
      else if (!before) announce('change');
      if (!leading) return;
      // A tab that now shows a thread or badge gets what this tab has of it.
      const had = new Set(
        [...(before?.threads.map((t) => t.key) ?? []), ...(before?.unread ?? [])].map(hashKey),
      );
      for (const key of [...m.threads.map((t) => t.key), ...m.unread]) {
        const query = had.has(hashKey(key)) ? undefined : cache.get(hashKey(key));
        const data = query?.state.data;
        if (data === undefined) continue;
        if (isThreadKey(key)) post(threadPost(key, data as ThreadEntry, (data as ThreadEntry).server, 0));
        else post({ type: 'data', key, data });
      }
      if (m.hello) covered = ''; // the newcomer has to hear what is covered
      lead();
    } else if (m.type === 'stand') {
      if (leading && !focusManager.isFocused()) resign();
    } else if (m.type === 'bye') {
      peers.delete(m.tab);
      if (m.tab === leaderTab) leaderThreads.set([]);
      if (leading) lead();
    } else if (m.type === 'covers') {
      // A resignation counts only from the tab that covered last (it may arrive after the next leader's word).
      if (m.hashes.length > 0) {
        leaderTab = m.tab;
        // A poll this tab started before it heard the leader (a new tab's first, maybe still waiting for
        // the lazily loaded message code) is dropped once the leader's messages are here (a thread this
        // tab announced): the leader's answers come here too. Revert keeps them (setQueryData updated
        // the state it reverts to). Without them (a prefetch no view observes yet, so not announced) the
        // poll is this tab's only way to its thread and goes on.
        if (!leading)
          for (const hash of m.hashes) {
            const query = leaderThreads.has(hash) ? undefined : cache.get(hash);
            if (query?.state.fetchStatus === 'fetching' && query.state.data !== undefined)
              void queryClient.cancelQueries({ queryKey: query.queryKey, exact: true });
          }
        leaderThreads.set(m.hashes);
      } else if (m.tab === leaderTab) {
        leaderTab = undefined;
        leaderThreads.set([]);
      }
    } else apply(m);
  };

  // ---- election
  let stopped = false;
  let request: { controller: AbortController; release?: () => void } | undefined;
  const stand = () => {
    if (request || stopped) return;
    const current: { controller: AbortController; release?: () => void } = {
      controller: new AbortController(),
    };
    request = current;
    void locks
      .request(`${channelName}:leader`, { signal: current.controller.signal }, () => {
        if (request !== current) return undefined;
        return new Promise<void>((resolve) => {
          current.release = resolve;
          leading = true;
          leaderThreads.set([]);
          covered = '';
          lead();
          onLeadershipChange(true);
        });
      })
      .catch(() => undefined); // aborted while waiting
    post({ type: 'stand', tab });
  };
  const resign = () => {
    const current = request;
    request = undefined;
    if (!current) return;
    current.controller.abort();
    if (!current.release) return;
    leading = false;
    lead(); // stops what it polled for the others
    covered = '';
    post({ type: 'covers', tab, hashes: [] });
    onLeadershipChange(false);
    current.release();
  };
  /** Hidden: resign, unless polling while hidden and no visible tab waits for the lock. */
  const hide = () => {
    if (!pollWhileHidden || !request?.release || typeof locks.query !== 'function') return resign();
    const lockName = `${channelName}:leader`;
    void locks.query().then(
      ({ pending = [] }) => {
        if (!focusManager.isFocused() && pending.some((p) => p.name === lockName)) resign();
      },
      () => resign(),
    );
  };
  const unsubscribeFocus = focusManager.subscribe((visible) => (visible ? stand() : hide()));
  const bye = () => post({ type: 'bye', tab });
  // Back from the back/forward cache: the others forgot this tab at its pagehide.
  const back = (event: PageTransitionEvent) => event.persisted && announce('hello');
  window.addEventListener('pagehide', bye);
  window.addEventListener('pageshow', back);
  announce('hello');
  if (focusManager.isFocused()) stand();

  return () => {
    stopped = true;
    unsubscribeFocus();
    unsubscribeCache();
    window.removeEventListener('pagehide', bye);
    window.removeEventListener('pageshow', back);
    resign();
    bye();
    channel.close();
  };
}
