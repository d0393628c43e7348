import type { TicketChatLocale } from './localeTag.ts';
import { resolveLocale } from './localeTag.ts';
import type { TicketChatStrings } from './strings.ts';

/**
 * The strings of what a chat's first load shows besides the badge's and the error boundary's (those are in
 * badgeStrings.ts): the ticket status, the chat's header, its skeleton, and the label of `AttachmentChip` (the
 * root exports it statically). Part of every catalog (strings.ts spreads them); kept apart so that a chat whose
 * thread has not loaded yet does not load the whole catalog, and a page of badges loads none of them.
 */
export type TicketChatCoreStrings = Pick<
  TicketChatStrings,
  | 'statusPendingAcceptance'
  | 'statusInProgress'
  | 'statusAwaitingConfirmation'
  | 'statusCompleted'
  | 'statusWithdrawn'
  | 'statusInvalid'
  | 'statusAwaitingFeedback'
  | 'statusUnknown'
  | 'threadLoading'
  | 'chatTitle'
  | 'ticketNumber'
  | 'liveChatAvailable'
  | 'liveChatUnavailable'
  | 'composerPlaceholder'
  | 'composerHint'
  | 'send'
  | 'downloadAttachment'
  | 'chatCodeFailed'
>;

export const enUSCore: TicketChatCoreStrings = {
  statusPendingAcceptance: 'Pending acceptance',
  statusInProgress: 'In progress',
  statusAwaitingConfirmation: 'Awaiting your confirmation',
  statusCompleted: 'Completed',
  statusWithdrawn: 'Withdrawn',
  statusInvalid: 'Invalid',
  statusAwaitingFeedback: 'Awaiting feedback',
  statusUnknown: 'Unknown status',
  threadLoading: 'Loading messages…',
  chatTitle: 'Support chat',
  ticketNumber: (id) => `Ticket ${id}`,
  liveChatAvailable: 'Live chat available',
  liveChatUnavailable: 'Live chat unavailable',
  composerPlaceholder: 'Write a message…',
  composerHint: 'Enter to send, Shift+Enter for a new line',
  send: 'Send',
  downloadAttachment: (name) => `Download ${name}`,
  chatCodeFailed: "The chat didn't finish loading.",
};

export const zhCNCore: TicketChatCoreStrings = {
  statusPendingAcceptance: '待受理',
  statusInProgress: '处理中',
  statusAwaitingConfirmation: '待您确认',
  statusCompleted: '已完成',
  statusWithdrawn: '已撤销',
  statusInvalid: '已失效',
  statusAwaitingFeedback: '待反馈',
  statusUnknown: '未知状态',
  threadLoading: '正在加载消息…',
  chatTitle: '在线沟通',
  ticketNumber: (id) => `工单 ${id}`,
  liveChatAvailable: '在线沟通可用',
  liveChatUnavailable: '在线沟通不可用',
  composerPlaceholder: '输入消息…',
  composerHint: '按 Enter 发送，Shift+Enter 换行',
  send: '发送',
  downloadAttachment: (name) => `下载 ${name}`,
  chatCodeFailed: '聊天未能加载完成。',
};

const catalogs: Record<TicketChatLocale, TicketChatCoreStrings> = { 'zh-CN': zhCNCore, 'en-US': enUSCore };

/** The first-load strings for a language tag (resolved with `resolveLocale`). */
export function getCoreStrings(language?: string | null): TicketChatCoreStrings {
  return catalogs[resolveLocale(language)];
}
