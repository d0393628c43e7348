import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TicketChatError } from '../client/errors.ts';
import { olderPageTime } from '../client/model.ts';
import { ticketChatKeys } from './keys.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import { mergeOlder, type ThreadEntry } from './threadEntry.ts';

export interface UseOlderMessagesOptions {
  groupId?: string | undefined;
  /** Page size, 1..100, default 50. */
  limit?: number | undefined;
  /** Whether older history may exist (`threadView(entry).hasOlder`); nothing is asked otherwise. */
  hasOlder: boolean;
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
export function useOlderMessages(caseId: string, options: UseOlderMessagesOptions): UseOlderMessagesResult {
  const { groupId, limit = 50, hasOlder } = options;
  const { client } = useTicketChatContext();
  const queryClient = useQueryClient();
  const threadKey = ticketChatKeys.thread(caseId, groupId);
  const mutation = useMutation<void, TicketChatError, void>({
    mutationKey: [...threadKey, 'older'],
    mutationFn: async () => {
      const oldest = queryClient.getQueryData<ThreadEntry>(threadKey)?.server[0];
      if (!oldest) return;
      // Asked from the oldest message's second on, so same-second messages are not skipped (see
      // olderPageTime); the page grows by the messages of that second already shown, which come back too.
      const entry = queryClient.getQueryData<ThreadEntry>(threadKey);
      const shown = entry?.server.filter((m) => m.createTime === oldest.createTime).length ?? 0;
      const pageSize = Math.min(limit + shown, MAX_PAGE);
      const page = (createTime: string) =>
        client.loadOlderMessages({
          caseId,
          before: { createTime, type: oldest.type },
          limit: pageSize,
          groupId,
        });
      const merge = (result: Awaited<ReturnType<typeof page>>) => {
        let grew = false;
        queryClient.setQueryData<ThreadEntry>(threadKey, (current) => {
          const merged = mergeOlder(current, result, pageSize);
          grew = merged.added.length > 0;
          return merged.entry;
        });
        return grew;
      };
      const result = await page(olderPageTime(oldest.createTime));
      // A full page of what is already shown (that second alone fills it): step past the second instead.
      if (!merge(result) && result.messages.length >= pageSize) merge(await page(oldest.createTime));
    },
  });
  const { mutate, isPending } = mutation;
  const loadOlder = useCallback(() => {
    if (!isPending && hasOlder) mutate();
  }, [mutate, isPending, hasOlder]);
  return { loadOlder, hasOlder, isLoadingOlder: isPending, olderError: mutation.error };
}
