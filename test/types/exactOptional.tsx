/**
 * Consumers compiling with `exactOptionalPropertyTypes: true` forward possibly-undefined values
 * (`groupId={maybe}`); the public props and options must accept an explicit `undefined` (TS2375 otherwise).
 * Type-checked only, by test/types/tsconfig.json (`npm run typecheck`); never executed.
 */
import { createRef } from 'react';
import type {
  DownloadAttachmentRequest,
  ListUnreadRequest,
  LoadOlderRequest,
  MarkReadRequest,
  PollMessagesRequest,
  SendMessageRequest,
  TicketChatClientOptions,
  TicketChatErrorOptions,
} from '../../src/client/index.ts';
// Not in the package entry (building blocks and lower-level hooks), but their options are checked alike.
import {
  Composer,
  type ComposerHandle,
  type ComposerProps,
} from '../../src/components/Composer/Composer.tsx';
import type { ThreadAlertProps } from '../../src/components/MessageThread/ThreadAlert.tsx';
import type { ThreadLayoutOptions } from '../../src/components/MessageThread/threadLayout.ts';
import {
  type AttachmentChipProps,
  type CaseUnreadBadgeProps,
  MessageThread,
  type MessageThreadHandle,
  type MessageThreadProps,
  type SendMessageVariables,
  type ThreadQueryParams,
  type TicketChatClient,
  type TicketChatProps,
  type TicketChatProviderProps,
  type TicketStatusProps,
  type UnreadBadgeProps,
  type UseInstantMessagesOptions,
  type UseSendMessageOptions,
  type UseUnreadOptions,
} from '../../src/index.ts';
import type { UseMarkReadOptions } from '../../src/query/useMarkRead.ts';
import type { UseOlderMessagesOptions } from '../../src/query/useOlderMessages.ts';
import type {
  PrefetchThreadRequest,
  PrefetchUnreadRequest,
  TicketChatProxyOptions,
  ToNodeHandlerOptions,
} from '../../src/server/index.ts';

declare const maybe: string | undefined;
declare const maybeNumber: number | undefined;
declare const maybeBoolean: boolean | undefined;
declare const client: TicketChatClient;
const u = undefined;

export const clientOptions: TicketChatClientOptions = {
  endpoint: '/api',
  token: 't',
  language: maybe,
  timeZone: u,
  fetch: u,
  timeoutMs: maybeNumber,
};
// A client of one's own (a wrapper, a test double) may leave timeoutMs out: the chat's code wait is unbounded.
export const ownClient: TicketChatClient = { ...client, timeoutMs: u };
export const errorOptions: TicketChatErrorOptions = {
  status: u,
  code: u,
  retryable: u,
  retryAfterMs: u,
  cause: u,
};
export const requests: [
  ListUnreadRequest,
  PollMessagesRequest,
  SendMessageRequest,
  MarkReadRequest,
  DownloadAttachmentRequest,
  LoadOlderRequest,
] = [
  { caseIds: [], groupId: maybe, signal: u },
  { caseIds: [], cursor: maybe, groupId: maybe, signal: u },
  { caseId: 'c', content: 'x', attachmentIds: u, groupId: maybe, signal: u },
  { caseId: 'c', groupId: maybe, signal: u },
  { attachmentId: 'a', groupId: maybe, signal: u },
  { caseId: 'c', before: { createTime: '', type: null }, limit: maybeNumber, groupId: maybe, signal: u },
];

export const ticketChat: TicketChatProps = {
  caseId: 'c',
  groupId: maybe,
  intervalMs: maybeNumber,
  locale: maybe,
  timeZone: maybe,
  onAttachmentClick: u,
  onSignIn: u,
  title: maybe,
  headingLevel: u,
  className: maybe,
};
export const caseUnreadBadge: CaseUnreadBadgeProps = {
  caseId: 'c',
  groupId: maybe,
  max: maybeNumber,
  locale: maybe,
  intervalMs: maybeNumber,
  className: maybe,
};
export const unreadBadge: UnreadBadgeProps = { count: 1, max: maybeNumber, locale: maybe, className: maybe };
export const ticketStatus: TicketStatusProps = { status: 1, locale: maybe, className: maybe };
export const attachmentChip: AttachmentChipProps = {
  attachment: { id: 'a', name: 'a.txt' },
  onClick: u,
  busy: maybeBoolean,
  locale: maybe,
  className: maybe,
};
export const threadAlert: ThreadAlertProps = {
  message: 'm',
  onRetry: u,
  retryLabel: maybe,
  locale: maybe,
  className: maybe,
};
export const messageThread: MessageThreadProps = {
  messages: [],
  locale: maybe,
  timeZone: maybe,
  onAttachmentClick: u,
  busyAttachmentIds: u,
  unreadFromKey: maybe,
  onLoadOlder: u,
  hasOlder: maybeBoolean,
  isLoadingOlder: maybeBoolean,
  onRetry: u,
  scrollToBottomSignal: u,
  className: maybe,
  now: u,
  virtualizeAfter: maybeNumber,
  groupWindowMs: maybeNumber,
};
export const threadLayout: ThreadLayoutOptions = {
  now: new Date(),
  timeZone: maybe,
  unreadFromKey: maybe,
  groupWindowMs: maybeNumber,
};
export const composer: ComposerProps = {
  onSend: () => {},
  locale: maybe,
  maxLength: maybeNumber,
  counterThreshold: maybeNumber,
  disabled: maybeBoolean,
  disabledReason: maybe,
  placeholder: maybe,
  className: maybe,
};

export const instantMessages: UseInstantMessagesOptions = {
  groupId: maybe,
  intervalMs: maybeNumber,
  enabled: maybeBoolean,
  markReadWhenVisible: maybeBoolean,
  olderPageSize: maybeNumber,
  maxBackoffMs: maybeNumber,
  closedIntervalMs: maybeNumber,
};
export const sendOptions: UseSendMessageOptions = { groupId: maybe };
export const unreadOptions: UseUnreadOptions = {
  groupId: maybe,
  intervalMs: maybeNumber,
  enabled: maybeBoolean,
};
export const sendVariables: SendMessageVariables = { content: 'x', attachments: u, localKey: maybe };
export const olderOptions: UseOlderMessagesOptions = { groupId: maybe, limit: maybeNumber, hasOlder: true };
export const markRead: UseMarkReadOptions = { groupId: maybe };
export const provider: TicketChatProviderProps = {
  client,
  queryClient: u,
  crossTab: maybeBoolean,
  crossTabChannel: maybe,
  children: u,
};
export const threadQuery: Omit<ThreadQueryParams, 'queryClient'> = {
  client,
  caseId: 'c',
  groupId: maybe,
  intervalMs: maybeNumber,
  closedIntervalMs: maybeNumber,
  maxBackoffMs: maybeNumber,
};

// The imperative handles are reached through `ref` (forwardRef, so React 18 passes it too).
const threadRef = createRef<MessageThreadHandle>();
const composerRef = createRef<ComposerHandle>();
export const elements = [
  <MessageThread key="t" ref={threadRef} messages={[]} locale={maybe} hasOlder={maybeBoolean} />,
  <Composer key="c" ref={composerRef} onSend={() => {}} disabledReason={maybe} />,
];

export const proxyOptions: TicketChatProxyOptions = {
  target: 'https://osm.example',
  token: () => 't',
  basePath: maybe,
  fetch: u,
  timeoutMs: maybeNumber,
  maxJsonBytes: maybeNumber,
  maxUploadBytes: maybeNumber,
  rateLimit: { key: () => 'u', burst: maybeNumber, perSecond: maybeNumber },
};
export const nodeHandlerOptions: ToNodeHandlerOptions = { basePath: maybe };
export const prefetchThreadRequest: PrefetchThreadRequest = { client, caseId: 'c1', groupId: maybe };
export const prefetchUnreadRequest: PrefetchUnreadRequest = { client, caseIds: ['c1'], groupId: maybe };
