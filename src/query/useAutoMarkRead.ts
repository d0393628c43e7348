import { focusManager, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { lastSupportKey } from './mergeThread.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import { threadQueryOptions } from './threadQueryOptions.ts';
import { useMarkRead } from './useMarkRead.ts';
import { unreadQueryOptions } from './useUnread.ts';

export interface UseAutoMarkReadOptions {
  groupId?: string | undefined;
  /** Default true. */
  enabled?: boolean | undefined;
}

const subscribeFocus = (onChange: () => void) => focusManager.subscribe(onChange);
const isFocused = () => focusManager.isFocused();

/**
 * While the thread is on screen and the page is visible, marks the ticket read whenever a new support
 * message arrives (or the ticket's badge shows unread). Observes the caches only; never polls itself.
 * Returns nothing; `useInstantMessages(caseId, { markReadWhenVisible: true })` calls it for you.
 */
export function useAutoMarkRead(caseId: string, options: UseAutoMarkReadOptions = {}): void {
  const { groupId, enabled = true } = options;
  const { client } = useTicketChatContext();
  const queryClient = useQueryClient();
  const visible = useSyncExternalStore(subscribeFocus, isFocused, () => true);
  const { data: latestSupport } = useQuery({
    ...threadQueryOptions({ client, queryClient, caseId, groupId }),
    enabled: false,
    select: lastSupportKey,
  });
  const { data: unread } = useQuery({
    ...unreadQueryOptions(client, caseId, groupId),
    select: (u) => u.unread,
  });
  const markRead = useMarkRead(caseId, { groupId });
  // The newest support message already marked, per thread (a different ticket starts fresh).
  const marked = useRef<{ thread: string; key: string | undefined }>({ thread: '', key: undefined });
  const { mutate, isPending } = markRead;
  const thread = `${caseId}\u0000${groupId ?? ''}`;

  useEffect(() => {
    if (!enabled || !visible || isPending) return;
    const known = marked.current.thread === thread ? marked.current.key : undefined;
    const newSupport = latestSupport !== undefined && latestSupport !== known;
    if (!newSupport && !(unread !== undefined && unread > 0)) return;
    marked.current = { thread, key: latestSupport };
    mutate();
  }, [enabled, visible, isPending, latestSupport, unread, mutate, thread]);
}
