import type { TicketChatLocale } from './localeTag.ts';
import { resolveLocale } from './localeTag.ts';
import type { TicketChatStrings } from './strings.ts';

/**
 * The strings of what a first load shows: the badges, the ticket status, the chat's header, its skeleton
 * the error boundary's alert, and the label of `AttachmentChip` (the root exports it statically). Part of every catalog (strings.ts spreads them); kept apart so that a page
 * with only badges, or a chat whose thread has not loaded yet, does not load the whole catalog.
 */
export type TicketChatCoreStrings = Pick<
  TicketChatStrings,
  | 'unreadMessages'
  | 'statusPendingAcceptance'
  | 'statusInProgress'
  | 'statusAwaitingConfirmation'
  | 'statusCompleted'
  | 'statusWithdrawn'
  | 'statusInvalid'
  | 'statusAwaitingFeedback'
  | 'statusUnknown'
  | 'threadLoading'
  | 'retry'
  | 'dismiss'
  | 'renderFailed'
  | 'unreadFailed'
  | 'chatTitle'
  | 'ticketNumber'
  | 'liveChatAvailable'
  | 'liveChatUnavailable'
  | 'composerPlaceholder'
  | 'composerHint'
  | 'send'
  | 'downloadAttachment'
>;

// Every English noun here takes a plain "-s": the plural rule yields just the suffix.
const enPlural = new Intl.PluralRules('en-US');
export const enPluralSuffix = (count: number): string => (enPlural.select(count) === 'one' ? '' : 's');
const s = enPluralSuffix;

export const enUSCore: TicketChatCoreStrings = {
  unreadMessages: (n) => `${n} unread message${s(n)}`,
  statusPendingAcceptance: 'Pending acceptance',
  statusInProgress: 'In progress',
  statusAwaitingConfirmation: 'Awaiting your confirmation',
  statusCompleted: 'Completed',
  statusWithdrawn: 'Withdrawn',
  statusInvalid: 'Invalid',
  statusAwaitingFeedback: 'Awaiting feedback',
  statusUnknown: 'Unknown status',
  threadLoading: 'Loading messages…',
  retry: 'Retry',
  dismiss: 'Dismiss',
  renderFailed: "Couldn't show the conversation.",
  unreadFailed: "Couldn't show the unread count.",
  chatTitle: 'Support chat',
  ticketNumber: (id) => `Ticket ${id}`,
  liveChatAvailable: 'Live chat available',
  liveChatUnavailable: 'Live chat unavailable',
  composerPlaceholder: 'Write a message…',
  composerHint: 'Enter to send, Shift+Enter for a new line',
  send: 'Send',
  downloadAttachment: (name) => `Download ${name}`,
};

export const zhCNCore: TicketChatCoreStrings = {
  unreadMessages: (n) => `${n} 条未读消息`,
  statusPendingAcceptance: '待受理',
  statusInProgress: '处理中',
  statusAwaitingConfirmation: '待您确认',
  statusCompleted: '已完成',
  statusWithdrawn: '已撤销',
  statusInvalid: '已失效',
  statusAwaitingFeedback: '待反馈',
  statusUnknown: '未知状态',
  threadLoading: '正在加载消息…',
  retry: '重试',
  dismiss: '关闭',
  renderFailed: '无法显示对话。',
  unreadFailed: '无法显示未读消息数。',
  chatTitle: '在线沟通',
  ticketNumber: (id) => `工单 ${id}`,
  liveChatAvailable: '在线沟通可用',
  liveChatUnavailable: '在线沟通不可用',
  composerPlaceholder: '输入消息…',
  composerHint: '按 Enter 发送，Shift+Enter 换行',
  send: '发送',
  downloadAttachment: (name) => `下载 ${name}`,
};

const catalogs: Record<TicketChatLocale, TicketChatCoreStrings> = { 'zh-CN': zhCNCore, 'en-US': enUSCore };

/** The first-load strings for a language tag (resolved with `resolveLocale`). */
export function getCoreStrings(language?: string | null): TicketChatCoreStrings {
  return catalogs[resolveLocale(language)];
}
