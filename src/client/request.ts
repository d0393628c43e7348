/**
 * One HTTP exchange: headers, per-request timeout, caller cancellation, the 401 retry rule, and mapping of
 * every failure to `TicketChatError`. The token goes only into the X-Auth-Token header.
 * Positional arguments rather than a spec object: property names survive minification, parameters don't.
 */
import { readErrorBody } from './decode.ts';
import { redactToken, TicketChatError } from './errors.ts';
import type { TokenSource } from './types.ts';
import { inputError } from './validate.ts';

export type Query = [string, string][];

/**
 * `json`: a JSON object is required; `text`: the same, resolved as `{ body, text }` (the source text too);
 * `void`: empty or a JSON object; `blob`: the file as sent (see `isErrorEnvelope`).
 */
/**
 * Reads a 2xx answer's body as a file; `restartTimer` restarts the timeout (a reader calls it as data
 * arrives, so the timeout bounds a stall, not a long download); `signal` aborts at the timeout or the
 * caller's abort.
 */
export type FileReader = (response: Response, restartTimer: () => void, signal: AbortSignal) => Promise<Blob>;
export type Expect = 'json' | 'text' | 'void' | FileReader;
/** What a request with `expect: 'text'` resolves with: the parsed object and the text it came from. */
export type TextAnswer = { body: unknown; text: string };

/** Where a download may still be an error: a JSON body holding nothing but error fields. */
const ERROR_FIELDS = new Set(['error_code', 'error_msg']);
const isErrorEnvelope = (value: unknown): boolean =>
  isObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => ERROR_FIELDS.has(k));

/**
 * A body made afresh for each attempt (a stream is read once; the 401 retry needs another). `restartTimer`
 * restarts the timeout: an upload that is still moving bytes has not timed out. `untimed`: progress cannot
 * be observed (no streaming body), so no timeout applies and the caller's signal alone ends the exchange.
 */
export type BodyMaker = (restartTimer: () => void) => {
  body: BodyInit;
  type: string;
  streaming?: boolean;
  untimed?: boolean;
};

/** Gateway throttling ("flow control"): back off for seconds. */
const THROTTLE = /^APIGW?\.0308$/;
const THROTTLE_MS = 5000;
// setTimeout fires at once beyond this; treat longer timeouts as none.
export const MAX_TIMER = 2_147_483_647;

/**
 * A URL resolved against the page, so an endpoint may be a bare path ("/osm") in a browser. Where there is no
 * page (a server) a relative endpoint is an `input` error naming it.
 */
export function pageUrl(path: string, endpoint: string): URL {
  const page = (globalThis as { location?: { href: string } }).location?.href;
  try {
    return new URL(path, page);
  } catch {
    throw inputError(
      'endpoint',
      page === undefined
        ? `"${endpoint}" is relative and there is no page to resolve it against (pass an absolute URL on a server)`
        : `"${endpoint}" is not a URL`,
    );
  }
}

/** What fetch refuses in a header value (it would reject with a TypeError, before any request). */
const NOT_IN_HEADER = /[\0\r\n]|[^\0-\xff]/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The longest Retry-After obeyed: a longer one (hours, a date next year) would leave a chat that looks dead,
 * and past 2^31 - 1 ms a timer fires at once, which would poll in a loop.
 */
export const MAX_RETRY_AFTER_MS = 300_000;

/** Retry-After: delta-seconds or an HTTP date, in ms from now, at most MAX_RETRY_AFTER_MS. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  const ms = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  return Number.isNaN(ms) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}

export function createRequester(
  endpoint: string,
  tokenSource: TokenSource,
  language: string,
  timeZone: string,
  timeoutMs: number,
  ownFetch: typeof fetch | undefined,
) {
  const base = `${endpoint.replace(/\/+$/, '')}/v2/servicerequest`;

  async function readToken(): Promise<string> {
    const token = typeof tokenSource === 'string' ? tokenSource : await callTokenSource(tokenSource);
    // A programming error, not a connection problem: no retry. The message never holds the token.
    if (NOT_IN_HEADER.test(token))
      throw inputError('token', 'holds a line break, NUL or a character beyond Latin-1 (not a header value)');
    return token;
  }

  async function callTokenSource(tokenSource: () => string | Promise<string>): Promise<string> {
    let cause: unknown;
    // `then` also catches a function that throws synchronously.
    const token = await Promise.resolve()
      .then(tokenSource)
      .catch((error: unknown) => {
        cause = error;
      });
    if (typeof token !== 'string' || token === '') {
      throw new TicketChatError('auth', 'No token', { cause });
    }
    return token;
  }

  /** Runs the exchange; resolves with the JSON object, `{}` (void) or a Blob. `path` segments are encoded. */
  return async function request(
    method: 'GET' | 'POST',
    path: string,
    query: Query,
    signal: AbortSignal | undefined,
    expect: Expect,
    /** A JSON value, or a `BodyMaker` (multipart uploads). */
    json?: unknown,
  ): Promise<unknown> {
    if (signal?.aborted) throw TicketChatError.aborted(signal);
    const url = pageUrl(base + path, endpoint);
    for (const [key, value] of query) url.searchParams.append(key, value);

    /** One fetch, body read to the end, under the timeout and the caller's signal. */
    async function attempt(token: string) {
      // The caller may have cancelled while an async token function was running.
      if (signal?.aborted) throw TicketChatError.aborted(signal);
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal && TicketChatError.aborted(signal));
      signal?.addEventListener('abort', onAbort);
      // The timeout aborts with its own error, so the catch below tells it from the caller's abort.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const restartTimer = () => {
        clearTimeout(timer);
        if (timeoutMs <= MAX_TIMER)
          timer = setTimeout(
            () =>
              controller.abort(
                new TicketChatError('timeout', `No answer within ${timeoutMs} ms`, { retryable: true }),
              ),
            timeoutMs,
          );
      };
      const made = typeof json === 'function' ? (json as BodyMaker)(restartTimer) : undefined;
      if (!made?.untimed) restartTimer();
      try {
        // Looked up per call, so MSW or a polyfill installed after client creation applies.
        const response = await (ownFetch ?? globalThis.fetch).call(globalThis, url.href, {
          method,
          headers: {
            'X-Auth-Token': token,
            'X-Language': language,
            'X-Time-Zone': timeZone,
            ...(json !== undefined && { 'Content-Type': made ? made.type : 'application/json' }),
          },
          body: made ? made.body : json === undefined ? null : JSON.stringify(json),
          signal: controller.signal,
          // A streaming body must say so (fetch standard); engines without streaming bodies never see one.
          ...(made?.streaming && { duplex: 'half' }),
        } as RequestInit);
        return [
          response,
          typeof expect === 'function' && response.ok
            ? await expect(response, restartTimer, controller.signal)
            : await response.text(),
        ] as const;
      } catch (cause) {
        // Cancellation is not a failure: rethrow the caller's reason so React Query recognises it.
        if (signal?.aborted) throw TicketChatError.aborted(signal);
        throw controller.signal.aborted
          ? controller.signal.reason
          : new TicketChatError('network', 'Network error', { cause, retryable: true });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    }

    let token = await readToken();
    let [response, body] = await attempt(token);
    if (response.status === 401 && typeof tokenSource === 'function') {
      // Expired token: ask the function again and retry exactly once.
      token = await readToken();
      [response, body] = await attempt(token);
    }
    const { status, ok, headers } = response;
    // A file is a file: a 2xx download is returned as sent, whatever its JSON mentions, unless it is
    // served inline as JSON holding nothing but error fields (the service's error inside a 200).
    const asFile = typeof body !== 'string';
    if (
      asFile &&
      (/attachment/i.test(headers.get('content-disposition') ?? '') ||
        !headers.get('content-type')?.includes('json'))
    )
      return body;
    const text = typeof body === 'string' ? body : await body.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: `parsed` stays undefined, which every check below treats as "no object".
    }
    if (asFile && !isErrorEnvelope(parsed)) return body;

    // error_code stringified; error_msg capped and scrubbed of the token.
    const { error_code: c, error_msg: m } = readErrorBody(parsed);
    // Both fields are server text that ends up in messages and logs: scrub the token from each, cap each.
    const scrub = (text: string, max: number) => redactToken(text, token).slice(0, max);
    const code = c == null ? undefined : scrub(String(c), 64);
    const message = m ? scrub(m, 500) : undefined;
    const throttled = THROTTLE.test(code ?? '');
    if (status === 401) throw new TicketChatError('auth', message ?? 'HTTP 401', { status, code });
    // Success markers some gateways put in error_code: "", "0", "OSM.00000000". A 2xx with another code is
    // an `api` error.
    if (!ok || (code !== undefined && !/^(?:(?:[\w-]+\.)?0+)?$/.test(code))) {
      throw new TicketChatError(ok ? 'api' : 'http', message ?? (ok ? `Error ${code}` : `HTTP ${status}`), {
        status,
        code,
        retryable: throttled || (!ok && (status >= 500 || status === 408 || status === 429)),
        retryAfterMs:
          (ok ? undefined : parseRetryAfter(headers.get('retry-after'))) ??
          (throttled ? THROTTLE_MS : undefined),
      });
    }
    if (typeof body !== 'string') return body;
    if (expect === 'void' && body.trim() === '') return {};
    if (!isObject(parsed)) throw new TicketChatError('decode', 'Response is not a JSON object', { status });
    return expect === 'text' ? { body: parsed, text } : parsed;
  };
}
