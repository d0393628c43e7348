import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TicketChatError } from '../client/errors.ts';
import { ticketChatKeys } from './keys.ts';
import { isLocalKey, mergeOlder, type ThreadEntry, threadHasOlder } from './mergeThread.ts';
import { olderPageTime } from '../client/model.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import { threadQueryOptions } from './threadQueryOptions.ts';

export interface UseOlderMessagesOptions {
  groupId?: string | undefined;
  /** Page size, 1..100, default 50. */
  limit?: number | undefined;
}

export interface UseOlderMessagesResult {
  /** Loads one page older than the oldest loaded message into the same thread entry. */
  loadOlder: () => void;
  /** False once the ticket's first message is loaded or a page came back short. */
  hasOlder: boolean;
  isLoadingOlder: boolean;
  olderError: TicketChatError | null;
}

/** The API's largest page. */
const MAX_PAGE = 100;

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
      if (!entry || !oldest || !threadHasOlder(entry)) return;
      // Asked from the oldest message's second on, so same-second messages are not skipped (see
      // olderPageTime); the page grows by the messages of that second already shown, which come back too.
      const shown = entry.messages.filter((m) => m.createTime === oldest.createTime).length;
      const pageSize = Math.min(limit + shown, MAX_PAGE);
      const page = (createTime: string) =>
        client.loadOlderMessages({
          caseId,
          before: { createTime, type: oldest.type },
          limit: pageSize,
          ...(groupId !== undefined ? { groupId } : {}),
        });
      const merge = (result: Awaited<ReturnType<typeof page>>) => {
        const before = queryClient.getQueryData<ThreadEntry>(threadKey)?.messages.length ?? 0;
        queryClient.setQueryData<ThreadEntry>(threadKey, (current) => mergeOlder(current, result, pageSize));
        return (queryClient.getQueryData<ThreadEntry>(threadKey)?.messages.length ?? 0) > before;
      };
      const result = await page(olderPageTime(oldest.createTime));
      // A full page of what is already shown (that second alone fills it): step past the second instead.
      if (!merge(result) && result.messages.length >= pageSize) merge(await page(oldest.createTime));
    },
  });
  const { mutate, isPending } = mutation;
  const loadOlder = useCallback(() => {
    if (!isPending) mutate();
  }, [mutate, isPending]);
  return { loadOlder, hasOlder, isLoadingOlder: isPending, olderError: mutation.error };
}
