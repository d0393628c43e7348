/**
 * Unread counts as React Query queries. One BATCH query per group asks for every case whose per-case entry
 * has an enabled observer right now (an unmounted or disabled badge leaves the batch), the client splits at
 * 100 ids, and the answer is written into each per-case entry. Every `useUnread` observes the batch with
 * `refetchInterval`; React Query restarts all observers' timers on each update of the query, so however
 * many badges there are, one request goes out per interval. Errors live in the batch query's state.
 */
import { type Query, type QueryClient, queryOptions } from '@tanstack/react-query';
import type { TicketChatError } from '../client/errors.ts';
import type { TicketChatClient, UnreadCount } from '../client/types.ts';
import { ticketChatKeys } from './keys.ts';
import { DEFAULT_MAX_BACKOFF_MS, pollInterval, pollingIntervalMs } from './pollingPolicy.ts';

export const DEFAULT_UNREAD_INTERVAL_MS = 30_000;
/** Badges mounting within this window share their first request. */
export const UNREAD_JOIN_MS = 10;

/**
 * One case's unread entry. `reading` counts mark-read calls in flight and `readAt` is when the last one
 * ended: a count fetched before that is stale (the badge never blinks 0 → 1 → 0), its ticket status is not.
 */
export interface UnreadEntry extends UnreadCount {
  reading?: number;
  readAt?: number;
  /** The newest support message a mark-read covered (two views of one ticket mark it once). */
  readKey?: string;
}

/** Counts by case id, as the last batch answered. */
export type UnreadBatch = Record<string, UnreadCount>;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Case ids of the group's per-case entries that an enabled observer shows now. */
export function observedCaseIds(queryClient: QueryClient, groupId: string | undefined): string[] {
  const prefix = ticketChatKeys.unreads(groupId);
  return queryClient
    .getQueryCache()
    .findAll({ queryKey: prefix })
    .filter((q) => q.queryKey.length === prefix.length + 1 && q.isActive())
    .map((q) => q.queryKey[prefix.length] as string);
}

/** Writes one answered count into its entry, unless a mark-read made it stale; the same object if equal. */
function writeCount(
  queryClient: QueryClient,
  count: UnreadCount,
  groupId: string | undefined,
  startedAt: number,
) {
  queryClient.setQueryData<UnreadEntry>(ticketChatKeys.unread(count.caseId, groupId), (old) => {
    const stale = old !== undefined && ((old.reading ?? 0) > 0 || (old.readAt ?? -1) >= startedAt);
    const unread = stale ? old.unread : count.unread;
    if (old && old.unread === unread && old.status === count.status) return old;
    return { ...old, ...count, unread };
  });
}

function sameBatch(a: UnreadBatch, b: UnreadBatch): boolean {
  const keys = Object.keys(b);
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((k) => a[k]?.unread === b[k]?.unread && a[k]?.status === b[k]?.status);
}

export interface UnreadBatchParams {
  client: TicketChatClient;
  groupId?: string | undefined;
  /**
   * Default 30 000; at least 1000 (a smaller one is raised to it), and 0, a negative or a non-finite value
   * means the default. Badges of a group poll at the smallest interval any of them asks for.
   */
  intervalMs?: number | undefined;
}

/** The group's batch query (observed by every badge of the group; fetched by none of them alone). */
export function unreadBatchOptions({ client, groupId, intervalMs: askedIntervalMs }: UnreadBatchParams) {
  const intervalMs = pollingIntervalMs(askedIntervalMs, DEFAULT_UNREAD_INTERVAL_MS);
  return queryOptions<
    UnreadBatch,
    TicketChatError,
    UnreadBatch,
    ReturnType<typeof ticketChatKeys.unreadBatch>
  >({
    queryKey: ticketChatKeys.unreadBatch(groupId),
    queryFn: async ({ signal, client: cache }) => {
      const caseIds = observedCaseIds(cache, groupId);
      if (caseIds.length === 0) return {};
      const startedAt = Date.now();
      const counts = await client.listUnread({
        caseIds,
        groupId,
        signal,
      });
      const batch: UnreadBatch = {};
      // An id the service left out (a ticket the user cannot see) has nothing unread.
      for (const caseId of caseIds) batch[caseId] = { caseId, unread: 0, status: null };
      for (const count of counts) batch[count.caseId] = count;
      for (const count of Object.values(batch)) writeCount(cache, count, groupId, startedAt);
      // Nothing changed: the same object, so neither observers nor the cross-tab layer do any work.
      const previous = cache.getQueryData<UnreadBatch>(ticketChatKeys.unreadBatch(groupId));
      return previous && sameBatch(previous, batch) ? previous : batch;
    },
    structuralSharing: false,
    retry: false,
    staleTime: intervalMs,
    refetchOnWindowFocus: 'always',
    refetchOnReconnect: 'always',
    refetchIntervalInBackground: false,
    refetchInterval: (query) => pollInterval(query, { intervalMs, maxBackoffMs: DEFAULT_MAX_BACKOFF_MS }),
  });
}

/**
 * One case's entry. Its query function waits for a batch that asked for it (the batch in flight, or a new
 * one), so a badge mounting alone still costs one request for the whole group, never one of its own.
 */
export function unreadQueryOptions(client: TicketChatClient, caseId: string, groupId?: string) {
  const batch = unreadBatchOptions({ client, groupId });
  return queryOptions<UnreadEntry, TicketChatError, UnreadEntry, ReturnType<typeof ticketChatKeys.unread>>({
    queryKey: ticketChatKeys.unread(caseId, groupId),
    queryFn: async ({ client: cache }) => {
      const key = ticketChatKeys.unread(caseId, groupId);
      const since = Date.now();
      // Badges of one render commit (or a few ms apart) ride one request.
      await wait(UNREAD_JOIN_MS);
      for (let round = 0; round < 3; round++) {
        const state = cache.getQueryState<UnreadBatch>(batch.queryKey);
        // A batch that answered for this case since it asked (the batch writes the entry; a mark-read
        // may have kept its count at 0, so the entry is what counts).
        if (state?.data?.[caseId] && state.dataUpdatedAt >= since && state.fetchStatus === 'idle')
          return cache.getQueryData<UnreadEntry>(key) ?? (state.data[caseId] as UnreadCount);
        // The batch in flight (it may not include this case: then the next round asks again), or a new one.
        await cache.fetchQuery({ ...batch, staleTime: 0 });
      }
      return cache.getQueryData<UnreadEntry>(key) ?? { caseId, unread: 0, status: null };
    },
    // Fresh as long as the batch keeps it so; only a badge without data fetches (through the batch).
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    structuralSharing: false,
  });
}

/** Mark-read, optimistically: 0 at once, and answers of batches that started before it ended are stale. */
export function markReadStarted(
  queryClient: QueryClient,
  caseId: string,
  groupId: string | undefined,
  readKey?: string,
): void {
  queryClient.setQueryData<UnreadEntry>(ticketChatKeys.unread(caseId, groupId), (old) => ({
    ...(old ?? { caseId, status: null }),
    unread: 0,
    reading: (old?.reading ?? 0) + 1,
    ...(readKey !== undefined ? { readKey } : {}),
  }));
}

export function markReadSettled(queryClient: QueryClient, caseId: string, groupId: string | undefined): void {
  queryClient.setQueryData<UnreadEntry>(ticketChatKeys.unread(caseId, groupId), (old) =>
    old ? { ...old, reading: Math.max(0, (old.reading ?? 1) - 1), readAt: Date.now() } : old,
  );
}

/** Whether a query is a group's batch (for the cross-tab and session layers). */
export const isUnreadBatch = (query: Query): boolean =>
  query.queryKey[0] === ticketChatKeys.all[0] && query.queryKey[1] === ticketChatKeys.unreadBatch()[1];
