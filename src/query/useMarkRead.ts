import { focusManager, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { TicketChatError } from '../client/errors.ts';
import { ticketChatKeys } from './keys.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import { markReadSettled, markReadStarted, type UnreadEntry, unreadQueryOptions } from './unreadQueries.ts';

export interface UseMarkReadOptions {
  groupId?: string | undefined;
}

/**
 * Marks a ticket's messages read. Optimistic: the unread entry goes to 0 at once (`setQueryData`), and
 * answers of batches that started before the call ended are stale for that case (no 0→1→0 blink); the
 * next poll confirms. `markRead(upToKey?)` records the newest support message it covers.
 */
export function useMarkRead(caseId: string, options: UseMarkReadOptions = {}) {
  const { groupId } = options;
  const { client } = useTicketChatContext();
  const queryClient = useQueryClient();
  const mutation = useMutation<void, TicketChatError, void>({
    mutationKey: [...ticketChatKeys.unread(caseId, groupId), 'mark-read'],
    mutationFn: () => client.markRead({ caseId, groupId }),
    onSettled: () => markReadSettled(queryClient, caseId, groupId),
  });
  const { mutate } = mutation;
  const markRead = useCallback(
    (upToKey?: string) => {
      // Zero now, not after React Query's async onMutate: the badge must not show the old count meanwhile.
      markReadStarted(queryClient, caseId, groupId, upToKey);
      mutate();
    },
    [queryClient, caseId, groupId, mutate],
  );
  return { ...mutation, mutate: markRead, markRead };
}

export interface ShownThread {
  /** The newest support message the view shows. */
  lastSupportKey: string | undefined;
  /** The last poll succeeded (a failed one may have missed what the unread count counts). */
  current: boolean;
}

const subscribeFocus = (onChange: () => void) => focusManager.subscribe(onChange);
const isFocused = () => focusManager.isFocused();

/**
 * While a thread view is shown on a visible page, marks the ticket read when what is unread was rendered.
 * The API has no per-message read flag, only a count of unread support messages, so "rendered" can only
 * mean: the thread's last poll succeeded (it holds everything up to now, and unread messages are the
 * newest), it shows at least one support message, and the count is above 0 or a support message newer
 * than the one last marked arrived. Never for a thread that failed, has not loaded, or shows no support
 * message (a count of 3 beside an empty answer: nothing it counts was seen). The newest marked key lives in
 * the shared unread entry, so two views of one ticket send one request. Observes the caches only.
 */
export function useAutoMarkRead(
  caseId: string,
  {
    groupId,
    enabled = true,
    thread,
    readerSeesNewest,
  }: {
    groupId?: string | undefined;
    enabled?: boolean;
    thread: ShownThread;
    /**
     * Asked when the rule is checked (fresh, not from a render): whether the reader sees the newest
     * message. A view that opened at its unread separator with unread messages below the fold answers
     * false until the reader scrolls down. A new function is a reason to check again.
     */
    readerSeesNewest?: (() => boolean) | undefined;
  },
): void {
  const { client } = useTicketChatContext();
  const queryClient = useQueryClient();
  const visible = useSyncExternalStore(subscribeFocus, isFocused, () => false);
  const unread = useQuery({ ...unreadQueryOptions(client, caseId, groupId), enabled: false });
  const { markRead, isPending } = useMarkRead(caseId, { groupId });
  const { lastSupportKey, current } = thread;
  const count = unread.data?.unread;
  const countFailed = unread.error !== null;

  useEffect(() => {
    if (!enabled || !visible || isPending || !current || lastSupportKey === undefined) return;
    if (readerSeesNewest && !readerSeesNewest()) return;
    // Read now, not from the render: another view of this ticket may have marked it in this commit.
    const entry = queryClient.getQueryData<UnreadEntry>(ticketChatKeys.unread(caseId, groupId));
    if ((entry?.reading ?? 0) > 0) return;
    const marked = entry?.readKey;
    const newSupport = lastSupportKey !== marked;
    const unreadShown = count !== undefined && count > 0;
    if (unreadShown || (newSupport && marked !== undefined)) markRead(lastSupportKey);
    else if (newSupport && (count === 0 || countFailed)) {
      // First sight with nothing unread: remember what is shown, send nothing.
      queryClient.setQueryData<UnreadEntry>(ticketChatKeys.unread(caseId, groupId), (old) =>
        old ? { ...old, readKey: lastSupportKey } : old,
      );
      if (countFailed) markRead(lastSupportKey);
    }
  }, [
    enabled,
    visible,
    isPending,
    current,
    lastSupportKey,
    count,
    countFailed,
    markRead,
    queryClient,
    caseId,
    groupId,
    readerSeesNewest,
  ]);
}
