/**
 * One HTTP exchange: headers, per-request timeout, caller cancellation, the 401 retry rule, and mapping of
 * every failure to `TicketChatError`. The token goes only into the X-Auth-Token header.
 */
import { TicketChatError } from './errors.ts';
import type { TokenSource } from './types.ts';

export interface RequestConfig {
  endpoint: string;
  token: TokenSource;
  language: string;
  timeZone: string;
  timeoutMs: number;
  fetch: typeof fetch | undefined;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path below the endpoint, segments already encoded. */
  path: string;
  query?: [string, string][];
  json?: unknown;
  signal?: AbortSignal | undefined;
  /** `json`: a JSON object is required; `void`: empty or a JSON object; `blob`: the raw body. */
  expect: 'json' | 'void' | 'blob';
}

/** Gateway throttling ("flow control"): back off for seconds. */
const THROTTLE = /^APIGW?\.0308$/;
const DEFAULT_THROTTLE_MS = 5000;
// setTimeout fires at once beyond this; treat longer timeouts as none.
const MAX_TIMER = 2_147_483_647;

/** Success markers some gateways put in error_code: "", "0", "OSM.00000000". */
const isErrorCode = (code: string): boolean => code !== '' && !/^(?:[\w-]+\.)?0+$/.test(code);

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `error_code`/`error_msg` of a body, stringified; the message is capped and scrubbed of the token. */
function errorFields(body: unknown, token: string): { code?: string; message?: string } {
  if (!isObject(body)) return {};
  const out: { code?: string; message?: string } = {};
  const code = body.error_code;
  const message = body.error_msg;
  if (typeof code === 'string' || typeof code === 'number') out.code = String(code);
  if (typeof message === 'string' && message !== '') {
    out.message = (token ? message.split(token).join('***') : message).slice(0, 500);
  }
  return out;
}

/** Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function createRequester(config: RequestConfig) {
  const base = config.endpoint.replace(/\/+$/, '');

  async function readToken(): Promise<string> {
    if (typeof config.token === 'string') return config.token;
    let token: unknown;
    try {
      token = await config.token();
    } catch (cause) {
      throw new TicketChatError('auth', 'The token function failed', { cause });
    }
    if (typeof token !== 'string' || token === '') {
      throw new TicketChatError('auth', 'The token function returned no token');
    }
    return token;
  }

  function urlOf(spec: RequestSpec): string {
    const location = (globalThis as { location?: { href: string } }).location;
    const url = new URL(base + spec.path, location?.href);
    for (const [key, value] of spec.query ?? []) url.searchParams.append(key, value);
    return url.href;
  }

  /** One fetch, body read to the end, under the timeout and the caller's signal. */
  async function attempt(spec: RequestSpec, token: string) {
    const { signal } = spec;
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal ? abortReason(signal) : undefined);
    signal?.addEventListener('abort', onAbort);
    let timedOut = false;
    const timer =
      config.timeoutMs <= MAX_TIMER
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, config.timeoutMs)
        : undefined;
    const headers: Record<string, string> = {
      'X-Auth-Token': token,
      'X-Language': config.language,
      'X-Time-Zone': config.timeZone,
    };
    if (spec.json !== undefined) headers['Content-Type'] = 'application/json';
    try {
      // Looked up per call, so MSW or a polyfill installed after client creation applies.
      const fetchFn = config.fetch ?? globalThis.fetch;
      const response = await fetchFn.call(globalThis, urlOf(spec), {
        method: spec.method,
        headers,
        body: spec.json === undefined ? null : JSON.stringify(spec.json),
        signal: controller.signal,
      });
      const okBlob = spec.expect === 'blob' && response.ok;
      const body = okBlob ? await response.blob() : await response.text();
      return { response, body };
    } catch (cause) {
      // Cancellation is not a failure: rethrow the caller's reason so React Query recognises it.
      if (signal?.aborted) throw abortReason(signal);
      if (timedOut) {
        throw new TicketChatError('timeout', `No answer within ${config.timeoutMs} ms`, { retryable: true });
      }
      throw new TicketChatError('network', 'Network request failed', { cause, retryable: true });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Runs the exchange; resolves with the JSON object, `{}` (void) or a Blob. */
  return async function request(spec: RequestSpec): Promise<unknown> {
    if (spec.signal?.aborted) throw abortReason(spec.signal);
    let token = await readToken();
    let { response, body } = await attempt(spec, token);
    if (response.status === 401 && typeof config.token === 'function') {
      // Expired token: ask the function again and retry exactly once.
      token = await readToken();
      ({ response, body } = await attempt(spec, token));
    }
    const { status } = response;
    if (typeof body !== 'string') {
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json')) return body;
      // A JSON answer may still be an error inside a 200.
      const json = parseJson(await body.text());
      const fields = errorFields(json, token);
      if (fields.code !== undefined && isErrorCode(fields.code)) throw apiError(fields, status);
      return body;
    }
    const json = body === '' ? undefined : parseJson(body);
    if (status === 401) {
      const { code, message } = errorFields(json, token);
      throw new TicketChatError('auth', message ?? 'Not authorised (HTTP 401)', { status, code });
    }
    if (!response.ok) {
      const { code, message } = errorFields(json, token);
      const throttled = code !== undefined && THROTTLE.test(code);
      const retryAfterMs =
        parseRetryAfter(response.headers.get('retry-after')) ?? (throttled ? DEFAULT_THROTTLE_MS : undefined);
      throw new TicketChatError('http', message ?? `HTTP ${status}`, {
        status,
        code,
        retryable: status >= 500 || status === 408 || status === 429 || throttled,
        retryAfterMs,
      });
    }
    if (body.trim() === '' && spec.expect === 'void') return {};
    if (!isObject(json)) {
      throw new TicketChatError(
        'decode',
        json === undefined ? 'Response is not JSON' : 'Response is not a JSON object',
        {
          status,
        },
      );
    }
    const fields = errorFields(json, token);
    if (fields.code !== undefined && isErrorCode(fields.code)) throw apiError(fields, status);
    return json;
  };
}

function apiError(fields: { code?: string; message?: string }, status: number): TicketChatError {
  const throttled = THROTTLE.test(fields.code ?? '');
  return new TicketChatError('api', fields.message ?? `Error ${fields.code}`, {
    status,
    code: fields.code,
    retryable: throttled,
    retryAfterMs: throttled ? DEFAULT_THROTTLE_MS : undefined,
  });
}
