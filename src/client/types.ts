/** Public data shapes of the framework-free client. Field docs are the wire contract, read once. */

export type TokenSource = string | (() => string | Promise<string>);

export interface TicketChatClientOptions {
  /** Base URL; may carry a path prefix ("/osm", "https://host/x"). */
  endpoint: string;
  /** X-Auth-Token. A function is asked again (once) after a 401. */
  token: TokenSource;
  /** X-Language, default "zh-cn". */
  language?: string | undefined;
  /** X-Time-Zone, default "GMT+8". Also the zone `create_time` is read in. */
  timeZone?: string | undefined;
  /** Default: globalThis.fetch, looked up at call time (so MSW and polyfills installed later still apply). */
  fetch?: typeof fetch | undefined;
  /** Per-request timeout in milliseconds, default 15 000. */
  timeoutMs?: number | undefined;
}

export interface UnreadCount {
  caseId: string;
  unread: number;
  /** Ticket status code (0 pending acceptance, 1 in progress, …); null when the server sent none. */
  status: number | null;
}

export interface ChatStatus {
  caseId: string;
  status: number | null;
}

export interface Attachment {
  id: string;
  name: string;
}

export interface Message {
  /** Stable derived identity (the wire format has no id): `${hash}#${occurrence}`. */
  key: string;
  caseId: string;
  /** Plain text. Never render as HTML. */
  content: string;
  /** `create_time` read as wall-clock time in the client's time zone; null if unparseable. */
  createdAt: Date | null;
  /** `create_time` exactly as received. */
  createTime: string;
  replier: string;
  replierName: string;
  /** 0 customer, 1 support engineer, 2 third party, 3 undocumented; null when missing. */
  replierType: number | null;
  /** Wire `type`: 0 customer message, 1 support engineer message; null when missing. */
  type: number | null;
  /** Derived from replier_type, else type. */
  fromSupport: boolean;
  isFirstMessage: boolean;
  attachments: Attachment[];
}

export interface PollResult {
  statuses: ChatStatus[];
  /** Oldest first (sorted by createdAt, stable), as returned for all requested tickets. */
  messages: Message[];
  /** `last_message_time_id` as the string form of what was received; null when absent. */
  cursor: string | null;
}

export interface OlderMessagesResult {
  /** Oldest first. */
  messages: Message[];
  /** Total the server reports, when it does. */
  count: number | null;
}

export interface ListUnreadRequest {
  caseIds: string[];
  groupId?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface PollMessagesRequest {
  caseIds: string[];
  cursor?: string | undefined;
  groupId?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface SendMessageRequest {
  caseId: string;
  content: string;
  attachmentIds?: string[] | undefined;
  groupId?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface MarkReadRequest {
  caseId: string;
  groupId?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface DownloadAttachmentRequest {
  attachmentId: string;
  groupId?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Messages older than `before` (GET …/cases/{case_id}/instant-messages/more). */
export interface LoadOlderRequest {
  caseId: string;
  /** The oldest loaded message: its raw `createTime` and `type` are sent. */
  before: Pick<Message, 'createTime' | 'type'>;
  /** 1..100, default 50. */
  limit?: number | undefined;
  groupId?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface TicketChatClient {
  readonly language: string;
  readonly timeZone: string;
  listUnread(req: ListUnreadRequest): Promise<UnreadCount[]>;
  pollMessages(req: PollMessagesRequest): Promise<PollResult>;
  sendMessage(req: SendMessageRequest): Promise<void>;
  markRead(req: MarkReadRequest): Promise<void>;
  downloadAttachment(req: DownloadAttachmentRequest): Promise<Blob>;
  loadOlderMessages(req: LoadOlderRequest): Promise<OlderMessagesResult>;
}
