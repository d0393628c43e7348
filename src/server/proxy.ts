/**
 * `createTicketChatProxy`: a fetch-standard handler for the portal's /osm route. It forwards the contract's
 * endpoints only, with the token of the user's server session, and nothing the browser must not decide.
 * Fetch-standard APIs only (Request, Response, streams), so it runs on Node >= 20 and edge runtimes.
 */
import { normaliseBasePath, segmentsBelow } from './path.ts';
import { type Body, forwardedQuery, matchRoute, PREFIX, Refusal } from './routes.ts';
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
  /** Milliseconds to wait for the upstream's response headers (JSON: its whole body). Default 30 000. */
  timeoutMs?: number | undefined;
  /** Largest JSON request body (send, mark read). Default 64 KiB. */
  maxJsonBytes?: number | undefined;
  /** Largest upload body, multipart framing included. Default 11 MiB (the service's 10 MB file limit + framing). */
  maxUploadBytes?: number | undefined;
  /** Per-user token bucket; over it the answer is 429 with Retry-After, and the upstream is not called. */
  rateLimit?: RateLimitOptions | undefined;
}

export type TicketChatProxy = (request: Request) => Promise<Response>;

/** X-Language / X-Time-Zone: 1..32 printable ASCII characters (no CR/LF), else not passed on. */
const HEADER_VALUE = /^[\x21-\x7e][\x20-\x7e]{0,31}$/;
/** The token as a header value: 1..5000 printable ASCII characters. */
const TOKEN_VALUE = /^[\x21-\x7e]{1,5000}$/;
/** Upstream response headers passed to the browser; every other one (Set-Cookie included) is dropped. */
const RESPONSE_HEADERS = ['content-type', 'content-disposition', 'retry-after', 'etag', 'last-modified'];
/** JSON answers are read whole (to scrub the token from them) up to this size; larger is a 502. */
const MAX_JSON_ANSWER = 8 * 1024 * 1024;
const NO_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** The proxy's own answers: the API's error shape, so the client reports them as usual. */
function refusal(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error_code: `PROXY.${status}`, error_msg: message }), {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'application/json', ...headers },
  });
}

/** Every answer is private and never rendered as a page of the portal's origin (an HTML attachment would be). */
const securityHeaders = (): Record<string, string> => ({
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
});

/** The token replaced in upstream text; a token this short is a placeholder whose replacing would garble JSON. */
const scrub = (text: string, token: string): string =>
  token.length < 8 ? text : text.split(token).join('***');

/** Reads a request body up to `max` bytes; more is a 413. */
async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  max: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new Refusal(413, `Request body over ${max} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export function createTicketChatProxy(options: TicketChatProxyOptions): TicketChatProxy {
  const target = new URL(options.target);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new TypeError('target: not an http(s) URL');
  }
  const upstreamBase = `${target.origin}${target.pathname.replace(/\/+$/, '')}${PREFIX}`;
  if (typeof options.token !== 'function') throw new TypeError('token: not a function');
  const basePath = normaliseBasePath(options.basePath ?? '/osm');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxJsonBytes = options.maxJsonBytes ?? 64 * 1024;
  const maxUploadBytes = options.maxUploadBytes ?? 11 * 1024 * 1024;
  const rateLimit = options.rateLimit;
  const take = rateLimit && createTokenBuckets(rateLimit.burst ?? 20, rateLimit.perSecond ?? 5);

  /** Checks the body against the route and returns what to send upstream. */
  async function requestBody(request: Request, kind: Body): Promise<BodyInit | null> {
    if (kind === 'none') return null;
    const type = request.headers.get('content-type') ?? '';
    const length = Number(request.headers.get('content-length') ?? 0);
    const max = kind === 'json' ? maxJsonBytes : maxUploadBytes;
    if (length > max) throw new Refusal(413, `Request body over ${max} bytes`);
    if (kind === 'json') {
      if (!/^application\/json\s*(?:;|$)/i.test(type)) throw new Refusal(415, 'Expected application/json');
      return readCapped(request.body, max);
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
          if (size > max) controller.error(new Refusal(413, `Request body over ${max} bytes`));
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

  async function tokenFor(request: Request): Promise<string> {
    let token: unknown;
    try {
      token = await options.token(request);
    } catch {
      // The thrown error may carry session details: neither echoed nor logged.
      throw new Refusal(500, 'Token lookup failed');
    }
    if (typeof token !== 'string' || !TOKEN_VALUE.test(token)) throw new Refusal(401, 'No session');
    return token;
  }

  /** The upstream's answer for the browser: status and body as sent, allowlisted headers, no token. */
  async function passOn(upstream: Response, token: string): Promise<Response> {
    if (upstream.status < 200 || upstream.status > 599) return refusal(502, 'Bad upstream status');
    const headers = new Headers(securityHeaders());
    for (const name of RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null && !value.includes(token)) headers.set(name, value);
    }
    if (NO_BODY_STATUS.has(upstream.status)) {
      await upstream.body?.cancel();
      return new Response(null, { status: upstream.status, headers });
    }
    if (/json/i.test(headers.get('content-type') ?? '')) {
      // JSON answers are small; read whole so a token the upstream echoes (in error_msg, say) is scrubbed.
      const text = await upstream.text();
      if (text.length > MAX_JSON_ANSWER) return refusal(502, 'Upstream answer too large');
      return new Response(scrub(text, token), { status: upstream.status, headers });
    }
    // Downloads stream through; an attachment is never shown inline on the portal's origin.
    if (upstream.url.includes('/accessorys/')) {
      const disposition = headers.get('content-disposition');
      headers.set(
        'Content-Disposition',
        disposition && /^attachment\b/i.test(disposition) ? disposition : 'attachment',
      );
    }
    return new Response(upstream.body, { status: upstream.status, headers });
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
      // A cross-site page may post forms (multipart) with the user's cookies: state changes come from the portal.
      if (route.method === 'POST' && request.headers.get('sec-fetch-site') === 'cross-site') {
        throw new Refusal(403, 'Cross-site request');
      }
      if (take) {
        let key: string;
        try {
          key = await rateLimit.key(request);
        } catch {
          throw new Refusal(500, 'Rate limit key lookup failed');
        }
        const wait = take(key);
        if (wait > 0) throw new Refusal(429, 'Too many requests', { 'Retry-After': String(wait) });
      }
      const body = await requestBody(request, route.body);
      const token = await tokenFor(request);
      const path = segments.map(encodeURIComponent).join('/');
      const upstreamUrl = `${upstreamBase}/${path}${query.size ? `?${query}` : ''}`;

      const controller = new AbortController();
      const onAbort = () => controller.abort(request.signal.reason);
      request.signal.addEventListener('abort', onAbort);
      let timedOut = false;
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
          if (error instanceof Refusal) throw error;
          const cause = (error as { cause?: unknown } | null)?.cause;
          if (cause instanceof Refusal) throw cause;
          if (timedOut) throw new Refusal(504, 'The ticket API did not answer in time');
          throw new Refusal(502, 'The ticket API is unreachable');
        }
        return await passOn(upstream, token);
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
