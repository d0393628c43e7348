/** How each injected fault turns into an MSW answer. */
import { delay, HttpResponse } from 'msw';
import type { Fault } from './types.ts';

/** What the handler does after a fault: answer with this Response, or go on (maybe shuffling). */
export type FaultOutcome = { respond: Response } | { proceed: true; shuffle: boolean };

const DEFAULT_CODES: Record<number, string> = {
  400: 'OSM.0001',
  401: 'OSM.0002',
  403: 'OSM.0003',
  404: 'APIG.0101',
  429: 'APIG.0308',
  500: 'OSM.0004',
};

export function errorBody(code: string, message: string): { error_code: string; error_msg: string } {
  return { error_code: code, error_msg: message };
}

const MALFORMED_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><p>Session expired, please sign in again.</p></body></html>';

/** Resolves when the client aborts the request; never otherwise (an unanswered request). */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export async function applyFault(fault: Fault, request: Request): Promise<FaultOutcome> {
  switch (fault.kind) {
    case 'http': {
      const code =
        fault.code ?? DEFAULT_CODES[fault.status] ?? (fault.status >= 500 ? 'OSM.0004' : 'OSM.0001');
      const message = fault.message ?? `Simulated HTTP ${fault.status}`;
      return { respond: HttpResponse.json(errorBody(code, message), { status: fault.status }) };
    }
    case 'rateLimit':
      return {
        respond: HttpResponse.json(errorBody('APIGW.0429', 'Too many requests'), {
          status: 429,
          headers: { 'Retry-After': String(fault.retryAfterSeconds) },
        }),
      };
    case 'throttle': {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      return {
        respond: HttpResponse.json(errorBody('APIG.0308', 'The API is throttled, try again later'), {
          status: 429,
          headers,
        }),
      };
    }
    case 'apiErrorIn200':
      return {
        respond: HttpResponse.json(
          errorBody(fault.code ?? 'OSM.01010001', fault.message ?? 'Parameter validation failed'),
          { status: 200 },
        ),
      };
    case 'malformed':
      return {
        respond: new HttpResponse(fault.body ?? MALFORMED_PAGE, {
          status: 200,
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
        }),
      };
    case 'drop':
      return { respond: HttpResponse.error() };
    case 'latency':
      await delay(fault.ms);
      return { proceed: true, shuffle: false };
    case 'timeout':
      // Never answers; settles only when the client gives up, so nothing is left pending after an abort.
      await untilAborted(request.signal);
      return { respond: HttpResponse.error() };
    case 'shuffle':
      return { proceed: true, shuffle: true };
  }
}

/** A new array in a different order than the input whenever it has two or more elements. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  if (out.length > 1 && out.every((item, i) => item === items[i])) out.reverse();
  return out;
}
