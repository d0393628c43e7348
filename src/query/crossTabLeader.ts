import { focusManager, type QueryClient } from '@tanstack/react-query';
import type { TicketChatClient } from '../client/types.ts';
import { isTicketChatKey, ticketChatKeys } from './keys.ts';
import type { LeaderThreads } from './leaderThreads.ts';
import { type ErrorChannel, shareErrorsAcrossTabs } from './shareErrorsAcrossTabs.ts';
import { shareUnreadAcrossTabs } from './shareUnreadAcrossTabs.ts';

/** The leader repeats which threads it polls this often; followers forget an announcement after TTL. */
const ANNOUNCE_MS = 3000;
const ANNOUNCE_TTL_MS = 8000;

/** A view of `target` whose method `name` is replaced; every other method stays bound to `target`. */
function overriding<T extends object>(target: T, name: keyof T, value: unknown): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop === name) return value;
      const v = Reflect.get(t, prop, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

/**
 * The QueryClient as the cache broadcast sees it: only ticket-chat's queries. A portal that shares its
 * QueryClient with the provider keeps its own queries (profile, billing…) in their tab. A success that
 * brought nothing new (React Query reports one for every poll; the merge keeps the same entry) is not
 * broadcast: an idle thread sends nothing.
 */
function ownQueriesOnly(queryClient: QueryClient): QueryClient {
  const cache = queryClient.getQueryCache();
  const sent = new WeakMap<object, unknown>();
  const subscribe: typeof cache.subscribe = (listener) =>
    cache.subscribe((event) => {
      if (!isTicketChatKey(event.query.queryKey)) return;
      if (event.type === 'updated' && event.action.type === 'success') {
        const data = event.query.state.data;
        if (sent.has(event.query) && sent.get(event.query) === data) return;
        sent.set(event.query, data);
      }
      listener(event);
    });
  const filtered = overriding(cache, 'subscribe', subscribe);
  return overriding(queryClient, 'getQueryCache', () => filtered);
}

interface ThreadsChannel {
  postMessage(hashes: string[]): Promise<unknown>;
  onmessage: ((hashes: string[]) => void) | null;
  close(): Promise<unknown>;
}

/** While leading: tells the followers which threads this tab polls, on every change and every few seconds. */
function announceThreads(queryClient: QueryClient, channel: ThreadsChannel): () => void {
  const cache = queryClient.getQueryCache();
  let last: string | undefined;
  let live = true;
  // broadcast-channel throws synchronously once closed; a microtask queued by the last unmount may come late.
  const post = (hashes: string[]) => {
    try {
      channel.postMessage(hashes).catch(() => undefined);
    } catch {
      // closed meanwhile: nobody to tell
    }
  };
  const announce = (repeat: boolean) => {
    if (!live) return;
    const hashes = cache
      .findAll({ queryKey: ticketChatKeys.threads() })
      .filter((q) => q.isActive())
      .map((q) => q.queryHash);
    const text = hashes.join('\n');
    if (!repeat && text === last) return;
    last = text;
    post(hashes);
  };
  const timer = setInterval(() => announce(true), ANNOUNCE_MS);
  // Many observer events in one tick (a page of badges mounting) make one announcement.
  let queued = false;
  const unsubscribe = cache.subscribe((event) => {
    if (queued || !event.type.startsWith('observer') || !isTicketChatKey(event.query.queryKey)) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      announce(false);
    });
  });
  announce(true);
  return () => {
    live = false;
    clearInterval(timer);
    unsubscribe();
    post([]);
  };
}

/**
 * Leader election (broadcast-channel) among the VISIBLE tabs: a tab applies when it is shown and resigns
 * when hidden (a hidden tab pauses its polling, so as leader it would leave the visible tabs without data).
 * The leader polls what it shows and the badges of the other tabs; `broadcastQueryClient` copies its cache
 * updates to them, `shareErrorsAcrossTabs` its failures, and the thread announcements let a follower poll a
 * thread the leader does not show. Loaded lazily (see crossTab.ts). Returns the stop function;
 * `onLeadershipChange(true)` also when no usable channel exists (this tab then polls on its own).
 */
export function startCrossTab(
  queryClient: QueryClient,
  client: TicketChatClient,
  channelName: string,
  onLeadershipChange: (isLeader: boolean) => void,
  leaderThreads: LeaderThreads,
): () => void {
  let stopped = false;
  const cleanups: (() => void)[] = [];
  void (async () => {
    const [{ BroadcastChannel: Channel, createLeaderElection }, { broadcastQueryClient }] = await Promise.all(
      [import('broadcast-channel'), import('@tanstack/query-broadcast-client-experimental')],
    );
    if (stopped) return;
    cleanups.push(
      broadcastQueryClient({
        queryClient: ownQueriesOnly(queryClient) as never,
        broadcastChannel: `${channelName}:cache`,
      }),
    );
    const errors = new Channel(`${channelName}:errors`) as unknown as ErrorChannel;
    const stopErrors = shareErrorsAcrossTabs(queryClient, errors);
    cleanups.push(() => {
      stopErrors();
      void errors.close();
    });
    const threads = new Channel(`${channelName}:threads`) as unknown as ThreadsChannel;
    threads.onmessage = (hashes) => leaderThreads.set(hashes, ANNOUNCE_TTL_MS);
    cleanups.push(() => void threads.close());

    // One election per visible period, each on its own channel object (a dead elector cannot apply again).
    type Run = {
      channel: InstanceType<typeof Channel>;
      elector: ReturnType<typeof createLeaderElection>;
      /** Set while leading: stops the announcements and the polling of the other tabs' badges. */
      stopLeading?: () => void;
    };
    let current: Run | undefined;
    const apply = () => {
      if (current || stopped) return;
      const channel = new Channel(`${channelName}:leader`);
      const run: Run = { channel, elector: createLeaderElection(channel, { responseTime: 250 }) };
      current = run;
      // Two leaders (a frozen tab woke up): both step down and apply again; one wins.
      run.elector.onduplicate = () => {
        resign();
        apply();
      };
      void run.elector.awaitLeadership().then(() => {
        if (current !== run || stopped) return;
        leaderThreads.set([], 0);
        const stopAnnouncing = announceThreads(queryClient, threads);
        const stopBadges = shareUnreadAcrossTabs(queryClient, client);
        run.stopLeading = () => {
          stopBadges();
          stopAnnouncing();
        };
        onLeadershipChange(true);
      });
    };
    const resign = () => {
      const run = current;
      current = undefined;
      if (!run) return;
      if (run.stopLeading) {
        run.stopLeading();
        onLeadershipChange(false);
      }
      void run.elector.die().finally(() => run.channel.close());
    };
    cleanups.push(focusManager.subscribe((visible) => (visible ? apply() : resign())));
    cleanups.push(resign);
    if (focusManager.isFocused()) apply();
  })().catch(() => {
    if (!stopped) onLeadershipChange(true);
  });
  return () => {
    stopped = true;
    // Reverse order: the leader resigns (and says so) before the channels close.
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  };
}
