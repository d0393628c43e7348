// The public React Query surface only. Cache helpers (threadEntry.ts, unreadQueries.ts), the polling
// policy and the lower-level hooks stay exported from their own modules, for tests and the components.
export { type ThreadQueryKey, ticketChatKeys, type UnreadQueryKey } from './keys.ts';
export { requestNotificationPermission } from './notificationPermission.ts';
export type { NotifyReply, TicketChatNotifyOptions } from './notify.ts';
export { TicketChatProvider, type TicketChatProviderProps } from './TicketChatProvider.tsx';
export type { LocalMessage, StoredMessage, ThreadEntry, ThreadView } from './threadEntry.ts';
export { type ThreadQueryParams, threadEntryFromPoll, threadQueryOptions } from './threadQueryOptions.ts';
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
