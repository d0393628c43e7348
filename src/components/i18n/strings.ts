import { enUSBadge, enPluralSuffix as s, zhCNBadge } from './badgeStrings.ts';
import { enUSCore, zhCNCore } from './coreStrings.ts';

/**
 * The user-visible strings of every component, one object per locale.
 * To add a string: add a typed key to `TicketChatStrings`, then a value in `enUS` and `zhCN`
 * (the compiler refuses a catalog that misses a key). Values that depend on a number or a name are
 * functions, so plural rules and word order stay in the catalog, not in components. The strings a first
 * load shows are in badgeStrings.ts (the badge, the error boundary's alert) and coreStrings.ts (status, the
 * chat's header and skeleton); this module holds the rest and loads with the thread and the composer.
 */
export interface TicketChatStrings {
  /** Accessible name of the unread badge (the visible text may be capped, this never is). */
  unreadMessages: (count: number) => string;

  statusPendingAcceptance: string;
  statusInProgress: string;
  statusAwaitingConfirmation: string;
  statusCompleted: string;
  statusWithdrawn: string;
  statusInvalid: string;
  statusAwaitingFeedback: string;
  statusUnknown: string;

  /** Accessible name of an attachment chip that downloads. */
  downloadAttachment: (name: string) => string;

  threadLabel: string;
  threadLoading: string;
  threadEmpty: string;
  today: string;
  yesterday: string;
  unreadSeparator: string;
  unknownSender: string;
  /** Sender label of the user's own messages still on their way (they carry no name yet). */
  you: string;
  sending: string;
  /** A send whose outcome is unknown (the connection dropped): the next poll tells whether it arrived. */
  checking: string;
  sendFailed: string;
  /** Why a send failed: the service answered busy (5xx, 429, throttled). */
  sendFailedBusy: string;
  /** Why a send failed: no connection, and the next poll did not find it. */
  sendFailedOffline: string;
  /** Why a send failed: the service refused it without saying why. */
  sendFailedRefused: string;
  retry: string;
  /** Drops a failed message. */
  discard: string;
  /** Closes an alert. */
  dismiss: string;
  loadOlder: string;
  loadingOlder: string;
  /** The "jump to latest" button shown while the reader is scrolled up. */
  newMessagesBelow: (count: number) => string;
  /** Live-region text for a batch holding one message. */
  announceMessage: (sender: string, text: string) => string;
  /** Live-region text for a batch holding several messages. */
  announceMessages: (count: number) => string;
  /** Stands in for the text of a message that only carries attachments. */
  attachmentsOnly: (count: number) => string;
  /** Live-region text when a send fails (once per failure, however many rows show it). */
  announceSendFailed: string;
  /** A render error replaced the thread or the chat (the error boundary's alert). */
  renderFailed: string;
  /** A render error replaced an unread badge. */
  unreadFailed: string;
  /** The chat's code failed to load after the server's HTML showed it (the messages stay; Retry beside). */
  chatCodeFailed: string;

  // TicketChat (connected composite)
  chatTitle: string;
  ticketNumber: (caseId: string) => string;
  /** The undocumented two-state `imstatus` flag, worded neutrally. */
  liveChatAvailable: string;
  liveChatUnavailable: string;
  /** Network or timeout: polling retries by itself. */
  reconnecting: string;
  /** The service answered 5xx, 429 or throttled: polling retries by itself, later. */
  serviceBusy: string;
  /** The library's own code did not load (`CODE_LOAD_FAILED`): polling retries by itself. */
  codeLoadFailed: string;
  /** When the next automatic try is, while reconnecting. */
  nextTryIn: (seconds: number) => string;
  /** Tries at once instead of waiting for the back-off. */
  retryNow: string;
  /** A poll failed in a way retrying later will not fix by itself; `detail` is the server's message. */
  chatLoadFailed: (detail: string) => string;
  chatDecodeFailed: string;
  /** The case id cannot be valid: a mistake of the page, not something to retry. */
  chatInvalidTicket: string;
  /** The group id cannot be valid (as chatInvalidTicket). */
  chatInvalidGroup: string;
  olderFailed: string;
  downloadFailed: (name: string) => string;
  /** Said politely once a download has been handed to the browser. */
  downloaded: (name: string) => string;
  sessionExpired: string;
  sessionExpiredHint: string;
  signIn: string;

  // Composer
  composerLabel: string;
  composerPlaceholder: string;
  composerHint: string;
  /** The hint on a touch screen, where Enter adds a line and only the button sends. */
  composerHintTouch: string;
  /** Under a draft kept while sending is impossible (e.g. the ticket closed). */
  composerDraftKept: string;
  send: string;
  composerEmpty: string;
  composerOverLimit: (max: number) => string;
  charactersLeft: (count: number) => string;
  charactersOver: (count: number) => string;
  composerUnavailable: string;
  composerClosed: string;
  composerSignedOut: string;
  /** The attach button's accessible name (the upload UI's own strings load with it). */
  attachFiles: string;
}

const enNewMessages = (n: number) => `${n} new message${s(n)}`;
const zhNewMessages = (n: number) => `${n} 条新消息`;

export const enUS: TicketChatStrings = {
  ...enUSBadge,
  ...enUSCore,
  threadLabel: 'Messages',
  threadEmpty: 'No messages yet. Send one to start the conversation.',
  today: 'Today',
  yesterday: 'Yesterday',
  unreadSeparator: 'New messages',
  unknownSender: 'Unknown sender',
  you: 'You',
  sending: 'Sending…',
  checking: 'Checking…',
  sendFailed: 'Not sent.',
  sendFailedBusy: 'The service is busy.',
  sendFailedOffline: 'No connection.',
  sendFailedRefused: 'The service refused it.',
  discard: 'Discard',
  dismiss: 'Dismiss',
  loadOlder: 'Load earlier messages',
  loadingOlder: 'Loading earlier messages…',
  newMessagesBelow: enNewMessages,
  announceMessage: (sender, text) => `New message from ${sender}: ${text}`,
  announceMessages: enNewMessages,
  attachmentsOnly: (n) => `${n} attachment${s(n)}`,
  announceSendFailed: 'Message not sent.',
  reconnecting: 'Connection lost. Reconnecting…',
  serviceBusy: 'The service is busy. Retrying…',
  codeLoadFailed: "Part of the chat couldn't load. Retrying… (reloading the page may help)",
  nextTryIn: (seconds) => (seconds <= 1 ? 'Trying again now' : `Next try in ${seconds} s`),
  retryNow: 'Retry now',
  chatLoadFailed: (detail) => `Couldn't update the conversation: ${detail}`,
  chatDecodeFailed: "Couldn't read the server's answer. New messages may be missing.",
  chatInvalidTicket: "This ticket can't be shown (invalid ticket number).",
  chatInvalidGroup: "This ticket can't be shown (invalid group id).",
  olderFailed: "Couldn't load earlier messages.",
  downloadFailed: (name) => `Couldn't download ${name}.`,
  downloaded: (name) => `Downloaded ${name}`,
  sessionExpired: 'Your session has expired.',
  sessionExpiredHint: 'Sign in again, then retry to continue the conversation.',
  signIn: 'Sign in',
  composerLabel: 'Message',
  composerHintTouch: 'Tap Send to send; Return adds a new line',
  composerDraftKept: 'Your unsent message is kept above: select it to copy.',
  composerEmpty: 'Type a message to send.',
  composerOverLimit: (max) => `The message is over the ${max}-character limit. Shorten it to send.`,
  charactersLeft: (n) => `${n} character${s(n)} left`,
  charactersOver: (n) => `${n} character${s(n)} too many`,
  composerUnavailable: "Messages can't be sent right now.",
  composerClosed: "This ticket is closed, so new messages can't be sent.",
  composerSignedOut: 'Sign in again to send messages.',
  attachFiles: 'Attach files',
};

export const zhCN: TicketChatStrings = {
  ...zhCNBadge,
  ...zhCNCore,
  threadLabel: '消息',
  threadEmpty: '暂无消息，发送一条消息开始对话。',
  today: '今天',
  yesterday: '昨天',
  unreadSeparator: '以下为新消息',
  unknownSender: '未知发送者',
  you: '我',
  sending: '发送中…',
  checking: '确认中…',
  sendFailed: '发送失败。',
  sendFailedBusy: '服务繁忙。',
  sendFailedOffline: '无网络连接。',
  sendFailedRefused: '服务拒绝了此消息。',
  discard: '删除',
  dismiss: '关闭',
  loadOlder: '加载更早的消息',
  loadingOlder: '正在加载更早的消息…',
  newMessagesBelow: zhNewMessages,
  announceMessage: (sender, text) => `来自 ${sender} 的新消息：${text}`,
  announceMessages: zhNewMessages,
  attachmentsOnly: (n) => `${n} 个附件`,
  announceSendFailed: '消息未发送。',
  reconnecting: '连接已断开，正在重新连接…',
  serviceBusy: '服务繁忙，正在重试…',
  codeLoadFailed: '部分聊天功能未能加载，正在重试…（刷新页面可能有帮助）',
  nextTryIn: (seconds) => (seconds <= 1 ? '正在重试' : `${seconds} 秒后重试`),
  retryNow: '立即重试',
  chatLoadFailed: (detail) => `无法更新对话：${detail}`,
  chatDecodeFailed: '无法解析服务器的响应，可能缺少新消息。',
  chatInvalidTicket: '无法显示此工单（工单编号无效）。',
  chatInvalidGroup: '无法显示此工单（群组编号无效）。',
  olderFailed: '无法加载更早的消息。',
  downloadFailed: (name) => `无法下载 ${name}。`,
  downloaded: (name) => `已下载 ${name}`,
  sessionExpired: '您的登录已过期。',
  sessionExpiredHint: '请重新登录，然后重试以继续对话。',
  signIn: '登录',
  composerLabel: '消息',
  composerHintTouch: '点按“发送”发送消息，回车键换行',
  composerDraftKept: '未发送的消息保留在上方，可选中后复制。',
  composerEmpty: '请输入消息后再发送。',
  composerOverLimit: (max) => `消息超过 ${max} 个字符的上限，请删减后再发送。`,
  charactersLeft: (n) => `还可输入 ${n} 个字符`,
  charactersOver: (n) => `超出 ${n} 个字符`,
  composerUnavailable: '暂时无法发送消息。',
  composerClosed: '工单已关闭，无法发送新消息。',
  composerSignedOut: '请重新登录后发送消息。',
  attachFiles: '添加附件',
};
