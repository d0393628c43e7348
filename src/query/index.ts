export { crossTabSupported } from './crossTab.ts';
export { type ThreadQueryKey, ticketChatKeys, type UnreadQueryKey } from './keys.ts';
export {
  addLocalMessage,
  baseKeyOf,
  emptyThread,
  isLocalKey,
  markLocalAccepted,
  mergeOlder,
  mergeThread,
  newerCursor,
  setLocalDelivery,
  type ThreadEntry,
  threadHasOlder,
} from './mergeThread.ts';
export {
  backoffDelay,
  CLOSED_TICKET_STATUSES,
  DEFAULT_CLOSED_INTERVAL_MS,
  DEFAULT_MAX_BACKOFF_MS,
  delayAfterError,
  type PollingPolicy,
  threadRefetchInterval,
} from './pollingPolicy.ts';
export {
  createTicketChatQueryClient,
  type TicketChatContextValue,
  TicketChatProvider,
  type TicketChatProviderProps,
  useTicketChatClient,
  useTicketChatContext,
  useTicketChatLocale,
} from './TicketChatProvider.tsx';
export { type ThreadQueryParams, threadQueryOptions } from './threadQueryOptions.ts';
export type { Delivery, ThreadMessage } from './types.ts';
export { DEFAULT_UNREAD_INTERVAL_MS, getUnreadBatcher, UnreadBatcher } from './unreadBatcher.ts';
export { type UseAutoMarkReadOptions, useAutoMarkRead } from './useAutoMarkRead.ts';
export {
  type UseInstantMessagesOptions,
  type UseInstantMessagesResult,
  useInstantMessages,
} from './useInstantMessages.ts';
export { type UseMarkReadOptions, useMarkRead } from './useMarkRead.ts';
export {
  type UseOlderMessagesOptions,
  type UseOlderMessagesResult,
  useOlderMessages,
} from './useOlderMessages.ts';
export { type SendMessageVariables, type UseSendMessageOptions, useSendMessage } from './useSendMessage.ts';
export { type UseUnreadOptions, type UseUnreadResult, unreadQueryOptions, useUnread } from './useUnread.ts';
