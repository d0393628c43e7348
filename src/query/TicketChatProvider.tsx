import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  startTransition,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { isTicketChatError } from '../client/errors.ts';
import type { TicketChatClient } from '../client/types.ts';
import { crossTabSupported } from './crossTab.ts';
import { isThreadKey } from './keys.ts';
import { createLeaderThreads, type LeaderThreads } from './leaderThreads.ts';
import type { TicketChatNotifyOptions } from './notify.ts';
import { isUnreadBatch } from './unreadQueries.ts';

/**
 * Badges stopped by an expired token resume when a thread poll succeeds again (the portal signed the user
 * in and refetched): that proves the token works. Returns the unsubscribe.
 */
function resumeBadgesAfterSignIn(queryClient: QueryClient): () => void {
  return queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual) return;
    if (!isThreadKey(event.query.queryKey)) return;
    void queryClient.refetchQueries({
      predicate: (q) => isUnreadBatch(q) && isTicketChatError(q.state.error) && q.state.error.kind === 'auth',
    });
  });
}

export interface TicketChatContextValue {
  client: TicketChatClient;
  /** The client's X-Language, for components' texts. */
  language: string;
  /** The client's X-Time-Zone (the zone `create_time` was read in, not necessarily the viewer's). */
  timeZone: string;
  /** False in a follower tab when cross-tab polling is on: the leader polls and shares its cache. */
  isPollingLeader: boolean;
  /** In a follower tab, the threads the leader polls (the follower polls the others itself). */
  leaderThreads: LeaderThreads;
  /** `notify` is on and this tab polls: its queries keep polling while the page is hidden. */
  pollWhileHidden: boolean;
}

/**
 * Starts what a lazily imported module provides (cross-tab code stays out of the first load) unless the
 * effect was cleaned up meanwhile; returns the cleanup. `onFail` runs when the module cannot load.
 */
function lazily<M>(load: Promise<M>, start: (m: M) => () => void, onFail?: () => void): () => void {
  let stop: (() => void) | undefined;
  let live = true;
  load.then(
    (m) => {
      if (live) stop = start(m);
    },
    () => live && onFail?.(),
  );
  return () => {
    live = false;
    stop?.();
  };
}

const TicketChatContext = createContext<TicketChatContextValue | null>(null);

export interface TicketChatProviderProps {
  client: TicketChatClient;
  /** Default: the QueryClient of an enclosing QueryClientProvider, else one created here. */
  queryClient?: QueryClient | undefined;
  /**
   * One poller across the tabs of this origin (one BroadcastChannel + a Web Lock for the election, loaded
   * lazily). Default: on in browsers with BroadcastChannel, off in jsdom.
   */
  crossTab?: boolean | undefined;
  /**
   * Name of the BroadcastChannel (and, suffixed `:leader`, of the Web Lock) for cross-tab sync; tabs with
   * different clients/users should use different names. Default: `'ticket-chat'`.
   */
  crossTabChannel?: string | undefined;
  /**
   * While the page is hidden and support replies arrive: a count in the document title ("(2) …"), a dot
   * on the favicon, and a system notification if the user has already allowed them (this never asks: call
   * `requestNotificationPermission()` from a click). Cleared when the page is shown again. The polling tab
   * keeps polling while hidden (with cross-tab on, one tab for all, which also shows the one notification
   * of a burst). Loaded lazily. Default: off.
   */
  notify?: boolean | TicketChatNotifyOptions | undefined;
  children?: ReactNode | undefined;
}

/** Defaults for queries this provider creates: polling handles retries, focus refetch is opted into per query. */
export function createTicketChatQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export function TicketChatProvider({
  client,
  queryClient,
  crossTab = crossTabSupported(),
  crossTabChannel = 'ticket-chat',
  notify = false,
  children,
}: TicketChatProviderProps) {
  const ambient = useContext(QueryClientContext);
  // Created once, used only when neither a prop nor an enclosing provider supplies a client (cheap if unused).
  const [fallback] = useState(createTicketChatQueryClient);
  const qc = queryClient ?? ambient ?? fallback;
  const [isLeader, setLeaderNow] = useState(!crossTab);
  // A transition: an urgent context change would make React client-render every chat whose hydration
  // still waits for its chunk (the server's thread replaced by the skeleton until the chunk arrives).
  const [setLeader] = useState(() => (leader: boolean) => startTransition(() => setLeaderNow(leader)));
  const [leaderThreads] = useState(createLeaderThreads);

  useEffect(() => resumeBadgesAfterSignIn(qc), [qc]);

  const notifying = notify !== false;
  // Read by the notifier when replies arrive (the options may be a new object on every render).
  const live = useRef({ isLeader, notify });
  live.current = { isLeader, notify };
  useEffect(() => {
    if (!notifying) return;
    return lazily(import('./notify.ts'), (m) =>
      m.startNotify({ queryClient: qc, language: client.language, tag: `${crossTabChannel}:notify`, live }),
    );
  }, [notifying, qc, client.language, crossTabChannel]);

  useEffect(() => {
    if (!crossTab) {
      setLeader(true);
      return;
    }
    setLeader(false);
    // No usable channel: this tab polls on its own.
    return lazily(
      import('./crossTabSync.ts'),
      (m) =>
        m.startCrossTab(qc, client, crossTabChannel, setLeader, leaderThreads, {
          pollWhileHidden: notifying,
        }),
      () => setLeader(true),
    );
  }, [crossTab, crossTabChannel, qc, client, leaderThreads, notifying, setLeader]);

  const value = useMemo<TicketChatContextValue>(
    () => ({
      client,
      language: client.language,
      timeZone: client.timeZone,
      isPollingLeader: isLeader,
      leaderThreads,
      pollWhileHidden: notifying && isLeader,
    }),
    [client, isLeader, leaderThreads, notifying],
  );
  return (
    <QueryClientProvider client={qc}>
      <TicketChatContext.Provider value={value}>{children}</TicketChatContext.Provider>
    </QueryClientProvider>
  );
}

export function useTicketChatContext(): TicketChatContextValue {
  const value = useContext(TicketChatContext);
  if (!value) throw new Error('ticket-chat hooks must be used inside <TicketChatProvider client={…}>');
  return value;
}

export function useTicketChatClient(): TicketChatClient {
  return useTicketChatContext().client;
}

/** The client's language and time zone (for formatting; display still uses the viewer's zone). */
export function useTicketChatLocale(): { language: string; timeZone: string } {
  const { language, timeZone } = useTicketChatContext();
  return useMemo(() => ({ language, timeZone }), [language, timeZone]);
}
