import { type Query, type QueryClient, QueryObserver } from '@tanstack/react-query';
import type { TicketChatClient } from '../client/types.ts';
import { ticketChatKeys } from './keys.ts';
import { unreadBatchOptions, unreadQueryOptions } from './unreadQueries.ts';

const UNREAD_PREFIX = ticketChatKeys.unreads(undefined).slice(0, 2);

function unreadTarget(query: Query): { caseId: string; groupId: string | undefined } | null {
  const key = query.queryKey;
  if (key.length !== 4 || key[0] !== UNREAD_PREFIX[0] || key[1] !== UNREAD_PREFIX[1]) return null;
  const [, , group, caseId] = key;
  if (typeof caseId !== 'string') return null;
  return { caseId, groupId: typeof group === 'string' ? group : undefined };
}

/**
 * In the leader tab, polls the unread counts that follower tabs' badges ask for. A follower's `useUnread`
 * creates its cache entry, the cache broadcast creates the same entry here, and this subscribes its id to
 * the group's batcher until the entry is garbage-collected. Returns the stop function.
 */
export function shareUnreadAcrossTabs(queryClient: QueryClient, client: TicketChatClient): () => void {
  const held = new Map<string, () => void>();
  const hold = (query: Query) => {
    const target = unreadTarget(query);
    if (!target || held.has(query.queryHash)) return;
    // An enabled observer enrols the case in its group's batch (and keeps the entry from being
    // garbage-collected here while the other tab still shows its badge: that tab's removal releases it).
    const unobserve = new QueryObserver(
      queryClient,
      unreadQueryOptions(client, target.caseId, target.groupId),
    ).subscribe(() => undefined);
    const unpoll = new QueryObserver(
      queryClient,
      unreadBatchOptions({ client, groupId: target.groupId }),
    ).subscribe(() => undefined);
    held.set(query.queryHash, () => {
      unobserve();
      unpoll();
    });
  };
  const release = (query: Query) => {
    held.get(query.queryHash)?.();
    held.delete(query.queryHash);
  };
  // Only entries no badge of this tab observes: those came from another tab. This tab's own badges enrol
  // themselves while mounted and leave the batch when unmounted (holding them too kept every badge this
  // tab ever showed in the batch for good).
  const holdIfForeign = (query: Query) => {
    if (query.getObserversCount() === 0) hold(query);
  };
  const cache = queryClient.getQueryCache();
  for (const query of cache.getAll()) holdIfForeign(query);
  // A badge of this tab subscribes right after its entry is added: look once that has happened.
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const unsubscribe = cache.subscribe((event) => {
    if (event.type === 'added') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        holdIfForeign(event.query);
      }, 0);
      timers.add(timer);
    } else if (event.type === 'removed') release(event.query);
  });
  return () => {
    for (const timer of timers) clearTimeout(timer);
    unsubscribe();
    for (const stop of held.values()) stop();
    held.clear();
  };
}
