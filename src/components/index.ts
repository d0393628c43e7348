export * from './AttachmentChip/index.ts';
export * from './CaseUnreadBadge/index.ts';
export * from './Composer/index.ts';
export * from './i18n/index.ts';
export * from './MessageThread/index.ts';
export * from './TicketChat/index.ts';
export * from './TicketStatus/index.ts';
export * from './UnreadBadge/index.ts';
