/** Test helpers: one MSW server per test file with a log of every request that reached it. */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const BASE = 'http://api.test/osm';
export const API = `${BASE}/v2/servicerequest`;

export function installServer() {
  const server = setupServer();
  const log: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    log.push(request.clone());
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    log.length = 0;
  });
  afterAll(() => server.close());
  return { server, log };
}

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
