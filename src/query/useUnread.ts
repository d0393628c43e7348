import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { TicketChatError } from '../client/errors.ts';
import type { TicketChatClient, UnreadCount } from '../client/types.ts';
import { caseIdProblem } from '../client/validate.ts';
import { ticketChatKeys } from './keys.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import { DEFAULT_UNREAD_INTERVAL_MS, getUnreadBatcher } from './unreadBatcher.ts';

export interface UseUnreadOptions {
  groupId?: string | undefined;
  /** Default 30 000. Badges of one group poll at the smallest interval any of them asks for. */
  intervalMs?: number | undefined;
  enabled?: boolean | undefined;
}

export interface UseUnreadResult {
  count: number | undefined;
  /** Ticket status code from the unread endpoint. */
  status: number | undefined;
  isLoading: boolean;
  error: TicketChatError | null;
  /** Poll the whole batch now. */
  refetch: () => void;
}

/**
 * Reads one case's unread entry. The entry is written by the group's batcher (never fetched per badge,
 * hence `enabled: false`); `queryFn` exists for imperative `fetchQuery`/`ensureQueryData` callers.
 */
export function unreadQueryOptions(client: TicketChatClient, caseId: string, groupId?: string) {
  return {
    queryKey: ticketChatKeys.unread(caseId, groupId),
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<UnreadCount> => {
      const [count] = await client.listUnread({
        caseIds: [caseId],
        ...(groupId !== undefined ? { groupId } : {}),
        signal,
      });
      return count ?? { caseId, unread: 0, status: null };
    },
    staleTime: Number.POSITIVE_INFINITY,
    enabled: false,
  } as const;
}

/** The unread count of one ticket; every `useUnread` of a group shares ONE request per interval. */
export function useUnread(caseId: string, options: UseUnreadOptions = {}): UseUnreadResult {
  const { groupId, intervalMs = DEFAULT_UNREAD_INTERVAL_MS, enabled = true } = options;
  const { client, isPollingLeader } = useTicketChatContext();
  const queryClient = useQueryClient();
  const batcher = getUnreadBatcher(queryClient, client, groupId);
  // One bad id (say "" while the portal's data loads) would make the client refuse the whole group's
  // request: it stays out of the batch and only its own badge reports the error.
  const inputError = useMemo(() => caseIdProblem(caseId), [caseId]);
  const polls = enabled && inputError === null;

  useEffect(() => batcher.setLeader(isPollingLeader), [batcher, isPollingLeader]);
  useEffect(
    () => (polls ? batcher.subscribe(caseId, intervalMs) : undefined),
    [batcher, caseId, intervalMs, polls],
  );

  const { data } = useQuery(unreadQueryOptions(client, caseId, groupId));
  const batchError = useSyncExternalStore(batcher.subscribeState, batcher.getError, batcher.getError);
  const error = inputError ?? batchError;
  const refetch = useCallback(() => batcher.refresh(), [batcher]);
  return {
    count: data?.unread,
    status: data?.status ?? undefined,
    isLoading: polls && data === undefined && error === null,
    error,
    refetch,
  };
}
