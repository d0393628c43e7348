/**
 * `ticket-chat/client`: the framework-free client (no React). Only the promised surface: helpers such as
 * `mergeCursors`, `assignKeys` or `parseWallClock` stay exported from their own modules for the tests.
 */
export { createTicketChatClient } from './createClient.ts';
export type { TicketChatErrorKind, TicketChatErrorOptions } from './errors.ts';
export { CODE_LOAD_FAILED, isTicketChatError, TicketChatError } from './errors.ts';
export type {
  Attachment,
  AttachmentLimits,
  AttachmentLimitsRequest,
  AttachmentUrlRequest,
  ChatStatus,
  DownloadAttachmentRequest,
  ListUnreadRequest,
  LoadOlderRequest,
  MarkReadRequest,
  Message,
  OlderMessagesResult,
  PollMessagesRequest,
  PollResult,
  SendMessageRequest,
  TicketChatClient,
  TicketChatClientOptions,
  TokenSource,
  UnreadCount,
  UploadAttachmentRequest,
} from './types.ts';
