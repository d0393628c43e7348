/**
 * `code` of the error for the library's own code that did not arrive (its chunk failed to load, or took longer
 * than `timeoutMs`): kind `network`, retryable, and nothing was sent, so a retry is safe.
 */
export const CODE_LOAD_FAILED = 'CODE_LOAD_FAILED';

export type TicketChatErrorKind = 'auth' | 'http' | 'api' | 'network' | 'timeout' | 'decode' | 'input';

export interface TicketChatErrorOptions {
  status?: number | undefined;
  code?: string | undefined;
  retryable?: boolean | undefined;
  /** Milliseconds the server asked us to wait (Retry-After, gateway throttling). */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * The one error type the library throws. `kind` drives the UI (reconnecting, alert, sign-in);
 * messages never contain the token. The caller's cancellation (its `signal` aborted) is kind `network`,
 * `code: 'ABORTED'`, not retryable, with the signal's reason as `cause`.
 */
export class TicketChatError extends Error {
  override readonly name = 'TicketChatError';
  readonly kind: TicketChatErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(kind: TicketChatErrorKind, message: string, { cause, ...fields }: TicketChatErrorOptions = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    // status, code, retryAfterMs: an undefined one stays undefined, as the declared field already is.
    Object.assign(this, fields);
    this.retryable = fields.retryable ?? (kind === 'network' || kind === 'timeout');
  }

  /**
   * The rejection for a caller's abort. React Query settles a cancelled query itself and ignores what the
   * query function rejects with afterwards, so this never shows as a query error. (A static: the lazily
   * loaded upload code reaches it through the class it is handed.)
   */
  static aborted(signal: AbortSignal): TicketChatError {
    return new TicketChatError('network', 'Aborted', {
      code: 'ABORTED',
      retryable: false,
      cause: signal.reason,
    });
  }
}

/**
 * `text` with every copy of `token` replaced by `***`: as written, in any letter case, and with any of its
 * characters percent-encoded (either hex case, once or twice: `%2B`, `%2b`, `%252B`), and its base64. Every error text built
 * from what the service sent passes here; the token never reaches a message, a log or the DOM.
 */
export function redactToken(text: string, token: string): string {
  if (token === '') return text;
  const encoder = new TextEncoder();
  let pattern = '';
  for (const c of token) {
    const bytes = Array.from(encoder.encode(c), (b) => `%(?:25)?${b.toString(16).padStart(2, '0')}`);
    pattern += `(?:${c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')}|${bytes.join('')})`;
  }
  // Its base64 too (standard or URL-safe, padded or not), as a service may echo an encoded credential.
  const base64 = btoa(token).replace(/=+$/, '').replace(/[+/]/g, '[+/_-]');
  return text.replace(new RegExp(`${pattern}|${base64}=*`, 'gi'), '***');
}

/**
 * The failure of the library's own `what` code to load (`problem`: "could not load", "did not load within …
 * ms"): nothing was sent, so a retry is safe. One error, whatever the engine rejected the import with.
 */
export const codeLoadFailed = (what: string, problem: string, cause?: unknown): TicketChatError =>
  new TicketChatError('network', `The library's ${what} code ${problem}`, { code: CODE_LOAD_FAILED, cause });

export function isTicketChatError(value: unknown): value is TicketChatError {
  return value instanceof TicketChatError;
}
