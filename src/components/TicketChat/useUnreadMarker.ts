import { useEffect, useRef, useState } from 'react';
import type { ThreadMessage } from '../../query/types.ts';

/**
 * Where the "New messages" separator goes when the chat opens: before the Nth-newest support message, N
 * being the unread count first seen for this ticket. Decided once per ticket, when the thread has loaded,
 * and then frozen: marking read (which zeroes the count) and later arrivals must not move it.
 */
export function useUnreadMarker(
  caseId: string,
  messages: readonly ThreadMessage[],
  threadLoaded: boolean,
  unreadCount: number | undefined,
): string | null | undefined {
  // The first count seen, before auto mark-read zeroes it (it may arrive before the thread).
  const firstCount = useRef<{ caseId: string; count: number } | null>(null);
  if (unreadCount !== undefined && firstCount.current?.caseId !== caseId) {
    firstCount.current = { caseId, count: unreadCount };
  }
  const [marker, setMarker] = useState<{ caseId: string; key: string | null } | null>(null);
  const decided = marker?.caseId === caseId;
  const count = firstCount.current?.caseId === caseId ? firstCount.current.count : undefined;

  useEffect(() => {
    if (decided || !threadLoaded || count === undefined) return;
    let key: string | null = null;
    let left = count;
    for (let i = messages.length - 1; i >= 0 && left > 0; i--) {
      const m = messages[i];
      if (m?.fromSupport && m.delivery === undefined) {
        key = m.key;
        left--;
      }
    }
    setMarker({ caseId, key: count > 0 ? key : null });
  }, [decided, threadLoaded, count, messages, caseId]);

  return decided ? marker.key : undefined;
}
