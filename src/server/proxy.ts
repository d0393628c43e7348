/**
 * `createTicketChatProxy`: a fetch-standard handler for the portal's /osm route. It forwards the contract's
 * endpoints only, with the token of the user's server session, and nothing the browser must not decide.
 * Fetch-standard APIs only (Request, Response, streams), so it runs on Node >= 20 and edge runtimes.
 */
import { normaliseBasePath, segmentsBelow } from './path.ts';
import {
  type Body,
  DOWNLOAD,
  forwardedQuery,
  jsonAnswer,
  matchRoute,
  PREFIX,
  Refusal,
  refusal,
  SECURITY_HEADERS,
} from './routes.ts';
import { scrubberFor, scrubJson } from './scrub.ts';
import { createTokenBuckets, type RateLimitOptions } from './tokenBucket.ts';

export interface TicketChatProxyOptions {
  /** The API's regional endpoint, e.g. `https://osm.ap-southeast-1.myhuaweicloud.com`. */
  target: string;
  /** The IAM token for THIS user's request (from the server session). Never sent to the browser. */
  token: (request: Request) => string | Promise<string>;
  /** Where the portal mounts the proxy. Default `"/osm"`. */
  basePath?: string | undefined;
  /** Default: `globalThis.fetch`, looked up per request. */
  fetch?: typeof fetch | undefined;
  /**
   * Milliseconds allowed for each wait: the `token` lookup, reading the browser's JSON body, the upstream's
   * response headers (JSON and error answers: their whole body), and any pause in a download. Default 30 000.
   */
  timeoutMs?: number | undefined;
  /** Largest JSON request body (send, mark read). Default 64 KiB. */
  maxJsonBytes?: number | undefined;
  /** Largest upload body, multipart framing included. Default 11 MiB (the service's 10 MB file limit + framing). */
  maxUploadBytes?: number | undefined;
  /** Per-user token bucket; over it the answer is 429 with Retry-After, and the upstream is not called. */
  rateLimit?: RateLimitOptions | undefined;
  /**
   * Origins besides the request's own allowed to send POSTs (send, mark read, upload), e.g.
   * `["https://admin.portal.example"]`. Default none: a POST whose `Origin` is another origin, or whose
   * `Sec-Fetch-Site` is `same-site` or `cross-site`, is refused with 403.
   */
  allowedOrigins?: readonly string[] | undefined;
}

export type TicketChatProxy = (request: Request) => Promise<Response>;

/** X-Language / X-Time-Zone: 1..32 printable ASCII characters (no CR/LF), else not passed on. */
const HEADER_VALUE = /^[\x21-\x7e][\x20-\x7e]{0,31}$/;
/**
 * The token as a header value: 16..5000 printable ASCII characters. IAM tokens are thousands of characters; a
 * shorter one is a placeholder that could not be told apart from message text when scrubbing answers.
 */
const TOKEN_VALUE = /^[\x21-\x7e]{16,5000}$/;
/** Upstream response headers passed to the browser; every other one (Set-Cookie included) is dropped. */
const RESPONSE_HEADERS = ['content-type', 'content-disposition', 'retry-after', 'etag', 'last-modified'];
/** JSON and error answers are read whole (to scrub the token from them) up to this size; larger is a 502. */
const MAX_ANSWER_BYTES = 2 ** 23;
const NO_BODY_STATUS = [204, 205, 304];
/** setTimeout's largest delay. */
const MAX_TIMEOUT = 2 ** 31 - 1;

/** Reads a body up to `max` bytes; more throws `over` (after cancelling the rest). */
async function readCapped(
  body: ReadableStream<Uint8Array<ArrayBuffer>> | null,
  max: number,
  over: () => Refusal,
): Promise<Blob> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const reader = body?.getReader();
  try {
    for (;;) {
      const read = await reader?.read();
      if (!read || read.done) break;
      size += read.value.byteLength;
      if (size > max) throw over();
      chunks.push(read.value);
    }
  } catch (error) {
    // Not awaited: a source that never answers must not hold this up.
    reader?.cancel().catch(() => {});
    throw error;
  }
  return new Blob(chunks);
}

/** `work` settled, or `late()` thrown after `ms` (then `onLate` runs, e.g. to cancel a read). */
async function withDeadline<T>(work: Promise<T>, ms: number, late: () => Refusal): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A positive whole number of at most `max`, or the default; anything else is a TypeError naming the option. */
function positive(name: string, value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new TypeError(`${name}: expected a whole number from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

/** A download's bytes, erroring (so the browser sees a broken download, not a short one) after `ms` idle. */
function idleLimited(body: ReadableStream<Uint8Array>, ms: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await withDeadline(
            reader.read(),
            ms,
            () => new Refusal(504, 'The download stalled'),
          );
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          reader.cancel().catch(() => {});
          controller.error(error);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

export function createTicketChatProxy(options: TicketChatProxyOptions): TicketChatProxy {
  const target = new URL(options.target);
  if (!/^https?:$/.test(target.protocol)) throw new TypeError('target: not an http(s) URL');
  const upstreamBase = `${target.origin}${target.pathname.replace(/\/+$/, '')}${PREFIX}`;
  if (typeof options.token !== 'function') throw new TypeError('token: not a function');
  const basePath = normaliseBasePath(options.basePath ?? '/osm');
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 30_000, MAX_TIMEOUT);
  const maxJsonBytes = positive('maxJsonBytes', options.maxJsonBytes, 64 * 1024);
  const maxUploadBytes = positive('maxUploadBytes', options.maxUploadBytes, 11 * 1024 * 1024);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('fetch: not a function');
  }
  const rateLimit = options.rateLimit;
  if (rateLimit !== undefined && typeof rateLimit?.key !== 'function') {
    throw new TypeError('rateLimit.key: not a function');
  }
  const take = rateLimit && createTokenBuckets(rateLimit.burst ?? 20, rateLimit.perSecond ?? 5);
  const allowedOrigins = new Set(
    (options.allowedOrigins ?? []).map((origin) => {
      if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
        throw new TypeError(`allowedOrigins: "${origin}" is not an origin (scheme://host:port)`);
      }
      return origin;
    }),
  );

  /**
   * A cross-site page may post forms (multipart) with the user's cookies: state changes come from the portal.
   * A browser's `Origin` decides when sent: it must be the request's own origin (scheme, host and port) or an
   * allowed one. `Sec-Fetch-Site` (which a page cannot set either) refuses on its own, never overrules it.
   */
  function refuseForeignOrigin(request: Request, url: URL): void {
    const origin = request.headers.get('origin');
    if (origin !== null && allowedOrigins.has(origin)) return;
    const site = request.headers.get('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') throw new Refusal(403, 'Cross-site request');
    // The scheme as the server sees it, with the Host the browser sent (a page cannot set it): frameworks may
    // rebuild `request.url` with another host name.
    const own = `${url.protocol}//${request.headers.get('host') ?? url.host}`;
    if (origin !== null && origin !== own) throw new Refusal(403, 'Cross-origin request');
  }

  /** Checks the body against the route and returns what to send upstream. */
  async function requestBody(request: Request, kind: Body): Promise<BodyInit | null> {
    if (kind === 'none') return null;
    const type = request.headers.get('content-type') ?? '';
    const length = Number(request.headers.get('content-length') ?? 0);
    const max = kind === 'json' ? maxJsonBytes : maxUploadBytes;
    const over = () => new Refusal(413, `Request body over ${max} bytes`);
    if (length > max) throw over();
    if (kind === 'json') {
      if (!/^application\/json\s*(?:;|$)/i.test(type)) throw new Refusal(415, 'Expected application/json');
      return withDeadline(
        readCapped(request.body, max, over),
        timeoutMs,
        () => new Refusal(408, 'The request body timed out'),
      );
    }
    if (!/^multipart\/form-data;\s*boundary=/i.test(type))
      throw new Refusal(415, 'Expected multipart/form-data');
    if (!request.body) throw new Refusal(400, 'Empty upload');
    // Streamed: counted on the way through and cut off past the cap.
    let size = 0;
    return request.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > max) controller.error(over());
          else controller.enqueue(chunk);
        },
      }),
    );
  }

  /** The headers sent upstream: an allowlist, never what the browser sent as token, cookie or host. */
  function upstreamHeaders(request: Request, token: string, kind: Body): Headers {
    const headers = new Headers({ 'X-Auth-Token': token, Accept: 'application/json, */*' });
    for (const name of ['x-language', 'x-time-zone']) {
      const value = request.headers.get(name);
      if (value !== null && HEADER_VALUE.test(value)) headers.set(name, value);
    }
    if (kind !== 'none') headers.set('Content-Type', request.headers.get('content-type') ?? '');
    return headers;
  }

  /**
   * What a portal function (`token`, `rateLimit.key`) returns within `timeoutMs`, else `late` is thrown. One
   * that throws is a 500 saying `failed`: its error may carry session details, neither echoed nor logged.
   */
  async function lookup(work: () => unknown, late: Refusal, failed: string): Promise<unknown> {
    try {
      return await withDeadline(Promise.resolve().then(work), timeoutMs, () => late);
    } catch (error) {
      throw error === late ? late : new Refusal(500, failed);
    }
  }

  /**
   * The upstream's answer for the browser: its status, allowlisted headers, no token. A success body as sent
   * (scrubbed); an error only as the API's envelope.
   */
  async function passOn(upstream: Response, token: string, download: boolean): Promise<Response> {
    const { status } = upstream;
    const scrub = scrubberFor(token);
    const headers = new Headers(SECURITY_HEADERS);
    for (const name of RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null && scrub(value) === value) headers.set(name, value);
    }
    const unknown = status < 200 || status > 599;
    if (unknown || NO_BODY_STATUS.includes(status)) {
      await upstream.body?.cancel().catch(() => {});
      return unknown ? refusal(502, 'Bad upstream status') : new Response(null, { status, headers });
    }
    const ok = status < 300;
    const type = headers.get('content-type') ?? '';
    const json = /^[^;]*\bjson\b/i.test(type);
    if (ok && download) {
      // A file, whatever its type: streamed untouched, never shown inline on the portal's origin.
      if (!/^attachment\b/i.test(headers.get('content-disposition') ?? '')) {
        headers.set('Content-Disposition', 'attachment');
      }
      return new Response(upstream.body && idleLimited(upstream.body, timeoutMs), { status, headers });
    }
    // Every answer but a download (JSON, by the contract, or an error): read whole (bounded) so a token the
    // upstream echoes never reaches the browser.
    const bytes = await readCapped(
      upstream.body,
      MAX_ANSWER_BYTES,
      () => new Refusal(502, 'Upstream answer too large'),
    );
    const text = await bytes.text();
    // The scrubber reads UTF-8 JSON or text: a success of another type or charset could hide the token from it,
    // so it is a 502. UTF-16 and UTF-32 (BOM or not, whatever the label) put NULs, which UTF-8 JSON never
    // holds, beside the token's ASCII characters.
    if (
      ok &&
      (!(json || /^(text\/|$)/i.test(type)) || /charset=(?!"?utf-8\b)/i.test(type) || text.includes('\0'))
    )
      throw new Refusal(502, 'Bad upstream answer');
    // Decoded strings are scrubbed in JSON; any other text holding the token is withheld.
    const scrubbed = ok && json ? scrubJson(text, scrub) : undefined;
    const out = scrubbed ?? text;
    if (ok && scrub(out) === out) return new Response(scrubbed ?? bytes, { status, headers });
    // An error reaches the page only as the API's envelope: its two fields, scrubbed. An HTML page, other JSON
    // or no body gets the generic one.
    const retryAfter = headers.get('retry-after');
    let parsed: { error_code?: unknown; error_msg?: unknown } | undefined;
    try {
      if (!ok) parsed = JSON.parse(text);
    } catch {}
    const field = (value: unknown) =>
      typeof value === 'string' || typeof value === 'number' ? scrub(String(value)) : undefined;
    return jsonAnswer(
      status,
      {
        error_code: field(parsed?.error_code) ?? `PROXY.${status}`,
        error_msg: field(parsed?.error_msg) ?? 'The ticket API answered with an error',
      },
      retryAfter ? { 'Retry-After': retryAfter } : {},
    );
  }

  return async function ticketChatProxy(request: Request): Promise<Response> {
    try {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new Refusal(400, 'Bad request URL');
      }
      const segments = segmentsBelow(url.pathname, basePath);
      const route = matchRoute(segments, request.method);
      const query = forwardedQuery(route, url.searchParams);
      if (route.method === 'POST') refuseForeignOrigin(request, url);
      if (take) {
        const failed = 'Rate limit key lookup failed';
        const key = await lookup(() => rateLimit!.key(request), new Refusal(500, failed), failed);
        // An empty key would put every such request in one shared bucket.
        if (typeof key !== 'string' || key === '') throw new Refusal(500, failed);
        const wait = take(key);
        if (wait > 0) throw new Refusal(429, 'Too many requests', { 'Retry-After': String(wait) });
      }
      const body = await requestBody(request, route.body);
      const token = await lookup(
        () => options.token(request),
        new Refusal(504, 'Token lookup timed out'),
        'Token lookup failed',
      );
      if (typeof token !== 'string' || !TOKEN_VALUE.test(token)) throw new Refusal(401, 'No session');
      const path = segments.map(encodeURIComponent).join('/');
      const upstreamUrl = `${upstreamBase}/${path}${query.size ? `?${query}` : ''}`;

      const controller = new AbortController();
      const onAbort = () => controller.abort(request.signal.reason);
      request.signal.addEventListener('abort', onAbort);
      let timedOut = false;
      /** A refusal as thrown; else 504 after `timeoutMs`, or 502 saying `message`. */
      const failure = (error: unknown, message: string) =>
        error instanceof Refusal
          ? error
          : new Refusal(timedOut ? 504 : 502, timedOut ? 'The ticket API did not answer in time' : message);
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      try {
        let upstream: Response;
        try {
          upstream = await (options.fetch ?? globalThis.fetch)(upstreamUrl, {
            method: route.method,
            headers: upstreamHeaders(request, token, route.body),
            body,
            signal: controller.signal,
            redirect: 'manual',
            // Needed by Node's fetch for a streamed request body.
            ...(body instanceof ReadableStream && { duplex: 'half' }),
          } as RequestInit);
        } catch (error) {
          const cause = (error as { cause?: unknown } | null)?.cause;
          throw cause instanceof Refusal ? cause : failure(error, 'The ticket API is unreachable');
        }
        try {
          return await passOn(upstream, token, route.path === DOWNLOAD);
        } catch (error) {
          throw failure(error, 'The ticket API answer broke off');
        }
      } finally {
        clearTimeout(timer);
        request.signal.removeEventListener('abort', onAbort);
      }
    } catch (error) {
      if (error instanceof Refusal) return refusal(error.status, error.message, error.headers);
      if (error instanceof DOMException && error.name === 'AbortError') return refusal(504, 'Aborted');
      // Unexpected: a generic answer; the error may hold request details and is not echoed.
      return refusal(502, 'Proxy error');
    }
  };
}
