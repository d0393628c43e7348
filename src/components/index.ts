// The public components and their props. Helpers (linkify, getThreadLayout, format*, …) and the
// building blocks TicketChat composes (Composer, ThreadAlert, …) stay in their folders' index files.
export { AttachmentChip, type AttachmentChipProps } from './AttachmentChip/index.ts';
export { CaseUnreadBadge, type CaseUnreadBadgeProps } from './CaseUnreadBadge/index.ts';
export { MessageThread, type MessageThreadHandle, type MessageThreadProps } from './MessageThread/index.ts';
export { preloadTicketChat, TicketChat, type TicketChatProps } from './TicketChat/index.ts';
export { TicketStatus, type TicketStatusProps } from './TicketStatus/index.ts';
export { UnreadBadge, type UnreadBadgeProps } from './UnreadBadge/index.ts';
