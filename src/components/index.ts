// The public components and their props. Helpers (linkify, getThreadLayout, format*, …) and the
// building blocks TicketChat composes (Composer, ThreadAlert, …) stay in their folders' index files.
export { AttachmentChip, type AttachmentChipProps } from './AttachmentChip/index.ts';
export { CaseUnreadBadge, type CaseUnreadBadgeProps } from './CaseUnreadBadge/index.ts';
// MessageThread is the lazy wrapper: the thread's files load with TicketChat's chunk, never statically.
export { MessageThread } from './MessageThread/LazyMessageThread.tsx';
export type { MessageThreadHandle, MessageThreadProps } from './MessageThread/MessageThread.tsx';
export { preloadTicketChat, TicketChat, type TicketChatProps } from './TicketChat/index.ts';
export { TicketStatus, type TicketStatusProps } from './TicketStatus/index.ts';
export { UnreadBadge, type UnreadBadgeProps } from './UnreadBadge/index.ts';
