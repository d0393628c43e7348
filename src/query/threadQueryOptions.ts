import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { TicketChatError } from '../client/errors.ts';
import type { TicketChatClient, UnreadCount } from '../client/types.ts';
import { ticketChatKeys } from './keys.ts';
import { mergeThread, type ThreadEntry } from './mergeThread.ts';
import {
  DEFAULT_CLOSED_INTERVAL_MS,
  DEFAULT_MAX_BACKOFF_MS,
  threadRefetchInterval,
} from './pollingPolicy.ts';

export interface ThreadQueryParams {
  client: TicketChatClient;
  queryClient: QueryClient;
  caseId: string;
  groupId?: string | undefined;
  intervalMs?: number | undefined;
  closedIntervalMs?: number | undefined;
  maxBackoffMs?: number | undefined;
}

/**
 * The polling query of one thread. The query function sends the cached cursor, then merges the answer into
 * the entry that is in the cache WHEN THE ANSWER ARRIVES (so local messages added meanwhile survive).
 * React Query runs at most one fetch per query at a time and aborts it (via `signal`) on unmount.
 */
export function threadQueryOptions({
  client,
  queryClient,
  caseId,
  groupId,
  intervalMs = 3000,
  closedIntervalMs = DEFAULT_CLOSED_INTERVAL_MS,
  maxBackoffMs = DEFAULT_MAX_BACKOFF_MS,
}: ThreadQueryParams) {
  const queryKey = ticketChatKeys.thread(caseId, groupId);
  const unreadKey = ticketChatKeys.unread(caseId, groupId);
  const ticketStatus = (): number | undefined =>
    queryClient.getQueryData<UnreadCount>(unreadKey)?.status ??
    queryClient.getQueryData<ThreadEntry>(queryKey)?.ticketStatus ??
    undefined;
  return queryOptions<ThreadEntry, TicketChatError, ThreadEntry, typeof queryKey>({
    queryKey,
    queryFn: async ({ signal, client: qc }) => {
      const before = qc.getQueryData<ThreadEntry>(queryKey);
      const result = await client.pollMessages({
        caseIds: [caseId],
        ...(before?.cursor ? { cursor: before.cursor } : {}),
        ...(groupId !== undefined ? { groupId } : {}),
        signal,
      });
      let next = mergeThread(qc.getQueryData<ThreadEntry>(queryKey), result, caseId);
      const status = qc.getQueryData<UnreadCount>(unreadKey)?.status;
      if (status !== undefined && status !== null && status !== next.ticketStatus)
        next = { ...next, ticketStatus: status };
      return next;
    },
    // The entry holds a Map and is merged by identity; deep structural sharing would be O(thread) per poll.
    structuralSharing: false,
    retry: false,
    // A remount within one interval reuses the entry; focus/reconnect poll at once regardless.
    staleTime: intervalMs,
    refetchOnWindowFocus: 'always',
    refetchOnReconnect: 'always',
    refetchIntervalInBackground: false,
    refetchInterval: (query) =>
      threadRefetchInterval(query, { intervalMs, closedIntervalMs, maxBackoffMs }, ticketStatus),
  });
}
