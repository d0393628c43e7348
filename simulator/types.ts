/** Public shapes of the simulator (see simulator/README.md for the choices where the API docs are silent). */

export interface SimMessageInput {
  content: string;
  /** Default: 'agent-1' for support, 'customer-1' for the customer, 'partner-1' for third parties. */
  replier?: string;
  replierName?: string;
  /** Default 1 (support). */
  replierType?: 0 | 1 | 2 | 3;
  /** Default from replierType: 0 for the customer, 1 otherwise. */
  type?: 0 | 1;
  attachments?: { id: string; name: string }[];
  /** Server time in epoch ms; default Date.now() (follows fake timers). */
  at?: number;
}

export interface SimMessage extends Required<Omit<SimMessageInput, 'at' | 'attachments'>> {
  at: number;
  attachments: { id: string; name: string }[];
  isFirst: boolean;
  /** Model-wide unique, increasing with `at`. */
  seq: number;
}

export interface SimTicket {
  id: string;
  status: number;
  chatStatus: 0 | 1;
  messages: SimMessage[];
  unread: number;
}

/** 'upload' and 'limits' are additions to the agreed union (the neighbouring upload endpoints). */
export type Endpoint =
  | 'unread'
  | 'poll'
  | 'send'
  | 'markRead'
  | 'download'
  | 'more'
  | 'history'
  | 'accessUrl'
  | 'upload'
  | 'limits';

export type Fault =
  | { kind: 'http'; status: number; code?: string; message?: string }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'throttle'; retryAfterSeconds?: number }
  | { kind: 'apiErrorIn200'; code?: string; message?: string }
  | { kind: 'malformed'; body?: string }
  | { kind: 'drop' }
  | { kind: 'latency'; ms: number }
  | { kind: 'timeout' }
  | { kind: 'shuffle' };

export interface RequestLogEntry {
  endpoint: Endpoint;
  method: string;
  url: string;
  caseIds: string[];
  at: number;
  /** Whether an X-Auth-Token header was sent; the token itself is never stored. */
  hadToken: boolean;
}

/** What one 200 poll answer delivered, per ticket (by message seq, in the order sent). */
export type Delivery = { caseId: string; seqs: number[] }[];

export interface Accessory {
  id: string;
  name: string;
  /** File content served by the download endpoint. */
  bytes: Uint8Array;
}

export interface ServiceModel {
  cursorMode: 'strict' | 'inclusive';
  quirks: boolean;
  initialPageSize: number;
  /** `unread` (extension): initial unread count; the given messages themselves do not raise it. */
  addTicket(t: {
    id: string;
    status?: number;
    chatStatus?: 0 | 1;
    messages?: SimMessageInput[];
    unread?: number;
  }): SimTicket;
  ticket(id: string): SimTicket | undefined;
  tickets(): SimTicket[];
  post(caseId: string, msg: SimMessageInput): SimMessage;
  setStatus(caseId: string, status: number): void;
  setChatStatus(caseId: string, status: 0 | 1): void;
  /** Extension: what the mark-read endpoint does. */
  markRead(caseId: string): void;
  tokens: Set<string>;
  issueToken(): string;
  expireAllTokens(): void;
  injectFault(fault: Fault, opts?: { endpoint?: Endpoint; times?: number }): void;
  clearFaults(): void;
  requests: RequestLogEntry[];
  inFlight(endpoint?: Endpoint): number;
  deliveries: Delivery[];
  /** Extension: attachment files known to the download endpoints (posted or uploaded). */
  accessories: Map<string, Accessory>;
}
