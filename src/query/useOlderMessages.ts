import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TicketChatError } from '../client/errors.ts';
import { ticketChatKeys } from './keys.ts';
import { isLocalKey, mergeOlder, type ThreadEntry, threadHasOlder } from './mergeThread.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import { threadQueryOptions } from './threadQueryOptions.ts';

export interface UseOlderMessagesOptions {
  groupId?: string;
  /** Page size, 1..100, default 50. */
  limit?: number;
}

export interface UseOlderMessagesResult {
  /** Loads one page older than the oldest loaded message into the same thread entry. */
  loadOlder: () => void;
  /** False once the ticket's first message is loaded or a page came back short. */
  hasOlder: boolean;
  isLoadingOlder: boolean;
  olderError: TicketChatError | null;
}

/** Older history for a thread, merged at the front of the thread's cache entry (same identity rule). */
export function useOlderMessages(
  caseId: string,
  options: UseOlderMessagesOptions = {},
): UseOlderMessagesResult {
  const { groupId, limit = 50 } = options;
  const { client } = useTicketChatContext();
  const queryClient = useQueryClient();
  const threadKey = ticketChatKeys.thread(caseId, groupId);
  const { data: hasOlder = false } = useQuery({
    ...threadQueryOptions({ client, queryClient, caseId, groupId }),
    enabled: false,
    select: threadHasOlder,
  });
  const mutation = useMutation<void, TicketChatError, void>({
    mutationKey: [...threadKey, 'older'],
    mutationFn: async () => {
      const entry = queryClient.getQueryData<ThreadEntry>(threadKey);
      const oldest = entry?.messages.find((m) => !isLocalKey(m.key));
      if (!oldest || !threadHasOlder(entry)) return;
      const result = await client.loadOlderMessages({
        caseId,
        before: { createTime: oldest.createTime, type: oldest.type },
        limit,
        ...(groupId !== undefined ? { groupId } : {}),
      });
      queryClient.setQueryData<ThreadEntry>(threadKey, (current) => mergeOlder(current, result, limit));
    },
  });
  const { mutate, isPending } = mutation;
  const loadOlder = useCallback(() => {
    if (!isPending) mutate();
  }, [mutate, isPending]);
  return { loadOlder, hasOlder, isLoadingOlder: isPending, olderError: mutation.error };
}
