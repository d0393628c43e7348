import { isTicketChatKey, ticketChatKeys } from './keys.ts';

/**
 * Whether a query key is one case's unread entry (not the group's batch). Its own module: only the lazily
 * loaded cross-tab and notify code use it, so it stays out of the first load.
 */
export const isUnreadEntryKey = (
  queryKey: readonly unknown[],
): queryKey is readonly [string, string, string | null, string] =>
  isTicketChatKey(queryKey) &&
  queryKey[1] === ticketChatKeys.unreads()[1] &&
  queryKey.length === 4 &&
  typeof queryKey[3] === 'string';
