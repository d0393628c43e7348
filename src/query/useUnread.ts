import { focusManager, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { TicketChatError } from '../client/errors.ts';
import { caseIdProblem } from '../client/validate.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import { DEFAULT_UNREAD_INTERVAL_MS, unreadBatchOptions, unreadQueryOptions } from './unreadQueries.ts';

export { unreadQueryOptions } from './unreadQueries.ts';

export interface UseUnreadOptions {
  groupId?: string | undefined;
  /** Default 30 000. Badges of one group poll at the smallest interval any of them asks for. */
  intervalMs?: number | undefined;
  /** Default true. Disabled: no request, and the case leaves its group's batch. */
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

const subscribeFocus = (onChange: () => void) => focusManager.subscribe(onChange);
const isFocused = () => focusManager.isFocused();

const startedBatch = (query: { state: { data?: unknown; errorUpdateCount: number } }) =>
  query.state.data !== undefined || query.state.errorUpdateCount > 0;

/**
 * The unread count of one ticket. Observing its entry enrols the case in its group's batch; every
 * `useUnread` of a group shares ONE request per interval (see unreadQueries.ts).
 */
export function useUnread(caseId: string, options: UseUnreadOptions = {}): UseUnreadResult {
  const { groupId, intervalMs = DEFAULT_UNREAD_INTERVAL_MS, enabled = true } = options;
  const { client, isPollingLeader, pollWhileHidden } = useTicketChatContext();
  // One bad id (say "" while the portal's data loads) would make the client refuse the whole group's
  // request: it stays out of the batch and only its own badge reports the error.
  const inputError = useMemo(() => caseIdProblem(caseId), [caseId]);
  const shown = enabled && inputError === null;
  // A follower tab's badge shows what the leader polls (the leader holds the entry for it); a hidden page
  // asks for nothing, not even a newly mounted badge's first count (unless `notify` keeps it polling).
  const visible = useSyncExternalStore(subscribeFocus, isFocused, isFocused);
  const polls = shown && isPollingLeader && (visible || pollWhileHidden);
  const entry = useQuery({ ...unreadQueryOptions(client, caseId, groupId), enabled: polls });
  const batch = useQuery({
    ...unreadBatchOptions({ client, groupId, intervalMs }),
    refetchIntervalInBackground: pollWhileHidden,
    // The first batch is started by the entries (after the join window), not by each badge mounting.
    enabled: polls ? startedBatch : false,
    // Only the error concerns a badge (its count is in its own entry).
    select: () => null,
    notifyOnChangeProps: ['error'],
  });
  const error = inputError ?? entry.error ?? batch.error ?? null;
  const { refetch: refetchBatch } = batch;
  const refetch = useCallback(() => {
    void refetchBatch({ cancelRefetch: false });
  }, [refetchBatch]);
  const data = entry.data;
  return {
    count: shown ? data?.unread : undefined,
    status: shown ? (data?.status ?? undefined) : undefined,
    isLoading: shown && data === undefined && error === null,
    error: shown || inputError ? error : null,
    refetch,
  };
}
