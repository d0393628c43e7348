import { hashKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { TicketChatError } from '../client/errors.ts';
import { ticketChatKeys } from './keys.ts';
import { nextRetryAt } from './pollingPolicy.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import { type ThreadMessage, threadView } from './threadEntry.ts';
import { threadQueryOptions } from './threadQueryOptions.ts';
import { toTicketChatError } from './toTicketChatError.ts';
import { type UnreadEntry, unreadQueryOptions } from './unreadQueries.ts';
import { useAutoMarkRead } from './useMarkRead.ts';
import { useOlderMessages } from './useOlderMessages.ts';

export interface UseInstantMessagesOptions {
  groupId?: string | undefined;
  /** Poll interval while the page is visible, default 3000, at least 1000. Closed tickets poll at the longer of `closedIntervalMs` (60 s) and `intervalMs`. */
  intervalMs?: number | undefined;
  /** Default true. Disabled: no request. */
  enabled?: boolean | undefined;
  /**
   * Mark the ticket read while this thread is shown on a visible page, once the unread messages were
   * rendered (see `useAutoMarkRead`). A function is also asked, each time the rule is checked, whether
   * the reader sees the newest message (`TicketChat` passes its thread's; pass a new function to have it
   * asked again). Default false; `TicketChat` turns it on.
   */
  markReadWhenVisible?: boolean | (() => boolean) | undefined;
  /** Page size of `loadOlder`, default 50. */
  olderPageSize?: number | undefined;
  /** Cap of the back-off after errors, default 60 000. */
  maxBackoffMs?: number | undefined;
  /** Interval for closed tickets (status 3, 4, 12), default 60 000. */
  closedIntervalMs?: number | undefined;
}

export interface UseInstantMessagesResult {
  /** The whole thread so far, oldest first, no duplicates; local messages carry `delivery`. */
  messages: ThreadMessage[];
  /** The live-chat flag (`imstatus`). */
  chatStatus: number | undefined;
  /** Ticket status when known (from the unread endpoint). */
  ticketStatus: number | undefined;
  /** No thread yet and the first poll is on its way. */
  isLoading: boolean;
  /** At least one poll succeeded (an empty thread is only "empty" then). */
  hasLoaded: boolean;
  /** The last poll's error (messages are kept). Null after a successful poll. */
  error: TicketChatError | null;
  /** Poll now (also the way to resume after an auth error once a new token is available). */
  refetch: () => void;
  /** A poll is in flight. */
  readonly isFetching: boolean;
  /** The last poll failed in a transient way (network, timeout, retryable HTTP): polling continues with back-off. */
  isReconnecting: boolean;
  /** While reconnecting: when the next attempt is due (epoch ms). */
  nextRetryAt: number | null;
  /** The last poll failed with 401 even after asking the token function again: polling is stopped. */
  authRequired: boolean;
  loadOlder: () => void;
  hasOlder: boolean;
  isLoadingOlder: boolean;
  olderError: TicketChatError | null;
}

const EMPTY: ThreadMessage[] = [];

/** The live thread of one ticket: one poller per (caseId, groupId), however many components show it. */
export function useInstantMessages(
  caseId: string,
  options: UseInstantMessagesOptions = {},
): UseInstantMessagesResult {
  const {
    groupId,
    intervalMs = 3000,
    enabled = true,
    markReadWhenVisible = false,
    olderPageSize,
    maxBackoffMs,
    closedIntervalMs,
  } = options;
  const { client, isPollingLeader, leaderThreads, pollWhileHidden } = useTicketChatContext();
  const queryClient = useQueryClient();
  const threadHash = hashKey(ticketChatKeys.thread(caseId, groupId));
  const polledByLeader = useSyncExternalStore(
    leaderThreads.subscribe,
    () => leaderThreads.has(threadHash),
    () => false,
  );
  const query = useQuery({
    ...threadQueryOptions({
      client,
      queryClient,
      caseId,
      groupId,
      intervalMs,
      pollWhileHidden,
      // Undefined ones take threadQueryOptions' defaults.
      maxBackoffMs,
      closedIntervalMs,
    }),
    // A follower tab receives the leader's updates for the threads the leader polls; it polls the
    // others itself (a chat opened only in this tab).
    enabled: enabled && (isPollingLeader || !polledByLeader),
    select: threadView,
  });
  // The ticket status comes with the unread count; observed only (this does not enrol the case).
  const { data: ticketStatus } = useQuery({
    ...unreadQueryOptions(client, caseId, groupId),
    enabled: false,
    select: (u: UnreadEntry) => u.status ?? undefined,
  });
  const view = query.data;
  const older = useOlderMessages(caseId, {
    groupId,
    hasOlder: view?.hasOlder ?? false,
    limit: olderPageSize,
  });
  const error = useMemo(() => (query.error == null ? null : toTicketChatError(query.error)), [query.error]);
  useAutoMarkRead(caseId, {
    groupId,
    enabled: enabled && markReadWhenVisible !== false,
    ...(typeof markReadWhenVisible === 'function' ? { readerSeesNewest: markReadWhenVisible } : {}),
    thread: {
      lastSupportKey: view?.lastSupportKey,
      current: view?.polled === true && error === null,
    },
  });

  const { refetch: refetchQuery } = query;
  // Never cancels a poll in flight: there is at most one request per thread.
  const refetch = useCallback(() => {
    void refetchQuery({ cancelRefetch: false });
  }, [refetchQuery]);
  const kind = error?.kind;
  const isReconnecting =
    kind === 'network' || kind === 'timeout' || (kind === 'http' && error?.retryable === true);
  return {
    messages: view?.messages ?? EMPTY,
    chatStatus: view?.liveChat ?? undefined,
    ticketStatus,
    isLoading: enabled && view === undefined && error === null,
    hasLoaded: view?.polled ?? false,
    error,
    refetch,
    // A getter, so React Query only re-renders for fetch state when a component reads it.
    get isFetching() {
      return query.isFetching;
    },
    isReconnecting,
    nextRetryAt: isReconnecting
      ? nextRetryAt(queryClient.getQueryCache().get(hashKey(ticketChatKeys.thread(caseId, groupId))))
      : null,
    authRequired: kind === 'auth',
    ...older,
  };
}
