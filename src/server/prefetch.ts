/**
 * Server-side prefetch (React Query's SSR convention: prefetch → `dehydrate` → `HydrationBoundary`), so the
 * first HTML already shows the thread and the badges. The entries land under the keys the hooks read.
 * Like `prefetchQuery`, a failed request leaves the cache empty (the page then fetches in the browser);
 * bad arguments still throw an `input` error.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { TicketChatClient } from '../client/types.ts';
import { checkCaseIds, checkOptional, checkPathId } from '../client/validate.ts';
import { ticketChatKeys } from '../query/keys.ts';
import { threadQueryOptions } from '../query/threadQueryOptions.ts';

export interface PrefetchThreadRequest {
  client: TicketChatClient;
  caseId: string;
  groupId?: string | undefined;
}

export interface PrefetchUnreadRequest {
  client: TicketChatClient;
  caseIds: string[];
  groupId?: string | undefined;
}

/** The thread of `caseId` as the first poll of `useInstantMessages` / `<TicketChat>` would leave it. */
export async function prefetchThread(queryClient: QueryClient, req: PrefetchThreadRequest): Promise<void> {
  const caseId = checkPathId(req.caseId, 'caseId');
  const groupId = checkOptional(req.groupId, 'groupId');
  await queryClient.prefetchQuery(threadQueryOptions({ client: req.client, queryClient, caseId, groupId }));
}

/** The unread count and ticket status of each case, one request per 100 ids, as `useUnread` reads them. */
export async function prefetchUnread(queryClient: QueryClient, req: PrefetchUnreadRequest): Promise<void> {
  const caseIds = checkCaseIds(req.caseIds);
  const groupId = checkOptional(req.groupId, 'groupId');
  let counts: Awaited<ReturnType<TicketChatClient['listUnread']>>;
  try {
    counts = await req.client.listUnread({ caseIds, ...(groupId !== undefined && { groupId }) });
  } catch {
    return;
  }
  const byId = new Map(counts.map((count) => [count.caseId, count]));
  for (const caseId of caseIds) {
    queryClient.setQueryData(
      ticketChatKeys.unread(caseId, groupId),
      byId.get(caseId) ?? { caseId, unread: 0, status: null },
    );
  }
}
