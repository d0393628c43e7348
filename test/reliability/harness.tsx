/** Set-up shared by the reliability suites: simulator behind MSW, a real client, fake timers, visibility. */
import { focusManager, onlineManager, type QueryClient } from '@tanstack/react-query';
import { act } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import {
  createHandlers,
  createServiceModel,
  type ServiceModel,
  TEST_BASE_URL,
  TEST_TOKEN,
} from '../../simulator/index.ts';
import { createTicketChatClient } from '../../src/client/index.ts';
import type { TicketChatClient, TicketChatClientOptions } from '../../src/client/types.ts';
import { createTicketChatQueryClient, TicketChatProvider } from '../../src/query/index.ts';

export const FAKE_TIMERS: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
};

/** One MSW server per file, a fresh model per test; `server` is exposed for its lifecycle events. */
export function installSimulator(opts: Parameters<typeof createServiceModel>[0] = {}) {
  const server = setupServer();
  let model: ServiceModel = createServiceModel(opts);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    server.events.removeAllListeners();
    model = createServiceModel(opts);
    server.resetHandlers(...createHandlers(model));
  });
  afterAll(() => server.close());
  return { server, sim: () => model };
}

export function resetPageState(): void {
  setVisibility('visible');
  focusManager.setFocused(undefined);
  onlineManager.setOnline(true);
}

export function makeClient(overrides: Partial<TicketChatClientOptions> = {}): TicketChatClient {
  return createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN, ...overrides });
}

export function providerFor(
  client: TicketChatClient,
  queryClient: QueryClient = createTicketChatQueryClient(),
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TicketChatProvider client={client} queryClient={queryClient} crossTab={false}>
      {children}
    </TicketChatProvider>
  );
  return { wrapper, queryClient };
}

export function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}

export async function advance(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

/** Advances in `stepMs` steps until `done()` holds; fails after `maxMs` of simulated time. */
export async function advanceUntil(done: () => boolean, stepMs: number, maxMs: number): Promise<number> {
  let spent = 0;
  while (!done()) {
    if (spent >= maxMs) throw new Error(`condition not reached within ${maxMs} simulated ms`);
    await advance(stepMs);
    spent += stepMs;
  }
  return spent;
}

export const pollRequests = (model: ServiceModel) => model.requests.filter((r) => r.endpoint === 'poll');
