export type TicketChatErrorKind = 'auth' | 'http' | 'api' | 'network' | 'timeout' | 'decode' | 'input';

export interface TicketChatErrorOptions {
  status?: number;
  code?: string;
  retryable?: boolean;
  /** Milliseconds the server asked us to wait (Retry-After, gateway throttling). */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error type the library throws. `kind` drives the UI (reconnecting, alert, sign-in);
 * messages never contain the token.
 */
export class TicketChatError extends Error {
  override readonly name = 'TicketChatError';
  readonly kind: TicketChatErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(kind: TicketChatErrorKind, message: string, options: TicketChatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.code !== undefined) this.code = options.code;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    this.retryable = options.retryable ?? (kind === 'network' || kind === 'timeout');
  }
}

export function isTicketChatError(value: unknown): value is TicketChatError {
  return value instanceof TicketChatError;
}
