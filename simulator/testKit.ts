/** Test helpers for the simulator's own tests: one MSW server per file, real fetch calls. */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createHandlers, TEST_BASE_URL } from './handlers.ts';
import { createServiceModel, TEST_TOKEN } from './model.ts';
import type { ServiceModel } from './types.ts';

/** Wire JSON, probed loosely by the tests (shape checks are the assertions themselves). */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire JSON
export type Json = any;

export const API = `${TEST_BASE_URL}/v2/servicerequest`;

/** Installs a server around the file's tests; `current()` is a fresh model per test. */
export function installSimulator(opts: Parameters<typeof createServiceModel>[0] = {}): () => ServiceModel {
  const server = setupServer();
  let model: ServiceModel = createServiceModel(opts);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    model = createServiceModel(opts);
    server.use(...createHandlers(model));
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return () => model;
}

export interface CallOptions {
  query?: [string, string][];
  headers?: Record<string, string>;
  /** null: send no token. */
  token?: string | null;
  method?: 'GET' | 'POST';
  body?: BodyInit;
  signal?: AbortSignal;
}

export function call(path: string, opts: CallOptions = {}): Promise<Response> {
  const url = new URL(`${API}${path}`);
  for (const [k, v] of opts.query ?? []) url.searchParams.append(k, v);
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? TEST_TOKEN : opts.token;
  if (token !== null) headers['X-Auth-Token'] = token;
  if (typeof opts.body === 'string' && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  return fetch(url, { method: opts.method ?? 'GET', headers, body: opts.body, signal: opts.signal });
}

export async function callJson(
  path: string,
  opts: CallOptions = {},
): Promise<{ status: number; body: Json }> {
  const response = await call(path, opts);
  return { status: response.status, body: await response.json() };
}

export const ids = (...caseIds: string[]): [string, string][] => caseIds.map((id) => ['case_ids', id]);

export const poll = (caseIds: string[], cursor?: string, headers?: Record<string, string>) =>
  callJson('/cases/instant-messages', {
    query: [
      ...ids(...caseIds),
      ...(cursor === undefined ? [] : [['last_message_time_id', cursor] as [string, string]]),
    ],
    headers,
  });
