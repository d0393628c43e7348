/** `ticket-chat/client`: the framework-free client (no React). */
export { createTicketChatClient, mergeCursors } from './createClient.ts';
export type { TicketChatErrorKind, TicketChatErrorOptions } from './errors.ts';
export { isTicketChatError, TicketChatError } from './errors.ts';
export type { KeyFields } from './messageKey.ts';
export { assignKeys, messageBaseKey } from './messageKey.ts';
export type { ResolvedTimeZone } from './timeZone.ts';
export { parseWallClock, resolveTimeZone } from './timeZone.ts';
export type * from './types.ts';
