// The public React Query surface only. Cache helpers (mergeThread, …), the unread batcher, the polling
// policy and the lower-level hooks stay exported from their own modules, for tests and the components.
export { type ThreadQueryKey, ticketChatKeys, type UnreadQueryKey } from './keys.ts';
export type { ThreadEntry } from './mergeThread.ts';
export { TicketChatProvider, type TicketChatProviderProps } from './TicketChatProvider.tsx';
export { type ThreadQueryParams, threadQueryOptions } from './threadQueryOptions.ts';
export type { Delivery, ThreadMessage } from './types.ts';
export {
  type UseInstantMessagesOptions,
  type UseInstantMessagesResult,
  useInstantMessages,
} from './useInstantMessages.ts';
export {
  type SendMessageVariables,
  type UseSendMessageOptions,
  type UseSendMessageResult,
  useSendMessage,
} from './useSendMessage.ts';
export { type UseUnreadOptions, type UseUnreadResult, unreadQueryOptions, useUnread } from './useUnread.ts';
