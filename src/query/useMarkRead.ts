import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TicketChatError } from '../client/errors.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import { getUnreadBatcher } from './unreadBatcher.ts';

export interface UseMarkReadOptions {
  groupId?: string | undefined;
}

/**
 * Marks a ticket's messages read. The unread entry goes to 0 synchronously and stays there: the batcher
 * ignores answers of batches that started before the server call settled (no 0→1→0 blink).
 * Returns the React Query mutation with `mutate`/`markRead` = "mark read now" (no arguments).
 */
export function useMarkRead(caseId: string, options: UseMarkReadOptions = {}) {
  const { groupId } = options;
  const { client } = useTicketChatContext();
  const queryClient = useQueryClient();
  const mutation = useMutation<void, TicketChatError, void>({
    mutationFn: () => client.markRead({ caseId, ...(groupId !== undefined ? { groupId } : {}) }),
    onSettled: () => getUnreadBatcher(queryClient, client, groupId).markReadSettled(caseId),
  });
  const { mutate } = mutation;
  const markRead = useCallback(() => {
    // Zero now, not after React Query's async onMutate: the badge must not show the old count meanwhile.
    getUnreadBatcher(queryClient, client, groupId).markReadStarted(caseId);
    mutate();
  }, [queryClient, client, groupId, caseId, mutate]);
  return { ...mutation, mutate: markRead, markRead };
}
