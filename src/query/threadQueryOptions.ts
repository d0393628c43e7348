import type { DataTag, QueryClient, UseQueryOptions } from '@tanstack/react-query';
import type { TicketChatError } from '../client/errors.ts';
import type { PollResult, TicketChatClient } from '../client/types.ts';
import { ticketChatKeys } from './keys.ts';
import {
  DEFAULT_CLOSED_INTERVAL_MS,
  DEFAULT_MAX_BACKOFF_MS,
  pollInterval,
  pollingIntervalMs,
} from './pollingPolicy.ts';
import { mergePoll, type ThreadEntry } from './threadEntry.ts';
import type { UnreadEntry } from './unreadQueries.ts';

export interface ThreadQueryParams {
  client: TicketChatClient;
  caseId: string;
  groupId?: string | undefined;
  /**
   * Poll interval while the page is visible, default 3000; at least 1000 (a smaller one is raised to it), and
   * 0, a negative or a non-finite value means the default.
   */
  intervalMs?: number | undefined;
  /** Interval for closed tickets (status 3, 4, 12), default 60 000. */
  closedIntervalMs?: number | undefined;
  /** Cap of the back-off after errors, default 60 000. */
  maxBackoffMs?: number | undefined;
  /** Where the ticket status (closed tickets poll slowly) is read; without it every ticket counts as open. */
  queryClient?: QueryClient | undefined;
  /** Keep polling while the page is hidden (the provider's `notify`, in the polling tab). Default false. */
  pollWhileHidden?: boolean | undefined;
}

type ThreadQueryKey = ReturnType<typeof ticketChatKeys.thread>;

/**
 * What react-query's `queryOptions` would return (the key tagged with the entry's type). Built without
 * calling it, an identity function: `ticket-chat/server` imports this module and must not load React.
 */
export type ThreadQueryOptions = UseQueryOptions<
  ThreadEntry,
  TicketChatError,
  ThreadEntry,
  ThreadQueryKey
> & {
  queryKey: DataTag<ThreadQueryKey, ThreadEntry, TicketChatError>;
};

/** A thread entry from a first poll answer (what `prefetchQuery(threadQueryOptions(…))` stores). */
export function threadEntryFromPoll(result: PollResult, caseId: string): ThreadEntry {
  return mergePoll(undefined, { result, caseId, startedAt: 0 }).entry;
}

/**
 * The polling query of one thread. The query function sends the cached cursor, then merges the answer into
 * the entry that is in the cache WHEN THE ANSWER ARRIVES (local messages added meanwhile survive). React
 * Query runs at most one fetch per query at a time (which is what rules out stale answers) and aborts it
 * on unmount. The entry is plain data: `queryClient.prefetchQuery(threadQueryOptions({ client, caseId }))`
 * on a server, `JSON.stringify(dehydrate(…))`, `hydrate`, and polling continues from the prefetched cursor.
 */
export function threadQueryOptions({
  client,
  caseId,
  groupId,
  intervalMs: askedIntervalMs,
  closedIntervalMs = DEFAULT_CLOSED_INTERVAL_MS,
  maxBackoffMs = DEFAULT_MAX_BACKOFF_MS,
  queryClient,
  pollWhileHidden = false,
}: ThreadQueryParams): ThreadQueryOptions {
  const intervalMs = pollingIntervalMs(askedIntervalMs, 3000);
  const queryKey = ticketChatKeys.thread(caseId, groupId) as ThreadQueryOptions['queryKey'];
  const unreadKey = ticketChatKeys.unread(caseId, groupId);
  const ticketStatus = () => queryClient?.getQueryData<UnreadEntry>(unreadKey)?.status ?? undefined;
  return {
    queryKey,
    queryFn: async ({ signal, client: cache }) => {
      const startedAt = Date.now();
      const cursor = cache.getQueryData<ThreadEntry>(queryKey)?.cursor;
      const result = await client.pollMessages({
        caseIds: [caseId],
        ...(cursor ? { cursor } : {}),
        groupId,
        signal,
      });
      return mergePoll(cache.getQueryData<ThreadEntry>(queryKey), {
        result,
        caseId,
        startedAt,
        sentCursor: cursor,
      }).entry;
    },
    // Merged by identity: deep structural sharing would cost O(thread) per poll for nothing.
    structuralSharing: false,
    retry: false,
    // A remount within one interval reuses the entry; focus/reconnect poll at once regardless.
    staleTime: intervalMs,
    refetchOnWindowFocus: 'always',
    refetchOnReconnect: 'always',
    refetchIntervalInBackground: pollWhileHidden,
    refetchInterval: (query) =>
      pollInterval(query, { intervalMs, closedIntervalMs, maxBackoffMs }, ticketStatus),
  };
}
