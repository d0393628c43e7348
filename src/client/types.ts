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
  /**
   * The longest wait, in milliseconds, for one step of a call, default 15 000: each HTTP request (an upload
   * that is still sending restarts it, as each 4 KiB of a download do), and, on a method's first use, loading
   * its code (`CODE_LOAD_FAILED`).
   */
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

/** POST /v2/servicerequest/accessorys (multipart `file` + `form_data`). */
export interface UploadAttachmentRequest {
  file: Blob;
  /** 1..256 characters; default the File's own name (a bare Blob needs one). */
  fileName?: string | undefined;
  groupId?: string | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Bytes of the file sent so far, and its size. From a counted streaming body where the engine sends one
   * (Chromium over HTTP/2+, Node); elsewhere only at the start (0) and the end.
   */
  onProgress?: ((loaded: number, total: number) => void) | undefined;
}

export interface AttachmentLimitsRequest {
  signal?: AbortSignal | undefined;
}

/** The service's upload limits. A limit the service does not state is `Infinity`; no types: any type. */
export interface AttachmentLimits {
  /** Attachments per message. */
  maxCount: number;
  /** Per file (the wire says MB: × 1024²). */
  maxSizeBytes: number;
  /** Allowed extensions ("png") or media types ("image/png"), lower case, as the service lists them. */
  fileTypes: string[];
}

/** GET /v2/servicerequest/accessorys/{accessory_id}/access-url */
export interface AttachmentUrlRequest {
  attachmentId: string;
  /** Sent as `incident_id`. */
  caseId?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface TicketChatClient {
  readonly language: string;
  readonly timeZone: string;
  /**
   * The `timeoutMs` option as used (`createTicketChatClient` sets it; default 15 000). `<TicketChat>` bounds
   * the wait for its own code by it too: a chat chunk that has not arrived by then shows the same alert as
   * one that failed to load. Optional for a client of your own: without it that wait is unbounded.
   */
  readonly timeoutMs?: number | undefined;
  listUnread(req: ListUnreadRequest): Promise<UnreadCount[]>;
  pollMessages(req: PollMessagesRequest): Promise<PollResult>;
  sendMessage(req: SendMessageRequest): Promise<void>;
  markRead(req: MarkReadRequest): Promise<void>;
  downloadAttachment(req: DownloadAttachmentRequest): Promise<Blob>;
  loadOlderMessages(req: LoadOlderRequest): Promise<OlderMessagesResult>;
  /** Uploads a file; resolves with the attachment to pass to `sendMessage`. */
  uploadAttachment(req: UploadAttachmentRequest): Promise<Attachment>;
  /** The upload limits, asked once per client (a failed answer is asked again next time). */
  attachmentLimits(req?: AttachmentLimitsRequest): Promise<AttachmentLimits>;
  /** A signed URL that fetches the file without the token (an http(s) URL from the service). */
  attachmentUrl(req: AttachmentUrlRequest): Promise<string>;
}
