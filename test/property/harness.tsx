/** Shared set-up for the query-layer tests: simulator behind MSW, a real client, fake timers, visibility. */
import { focusManager, onlineManager, type QueryClient } from '@tanstack/react-query';
import { act } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
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

/** One MSW server per file; `sim()` gives this test's fresh model. */
export function installSimulator(opts: Parameters<typeof createServiceModel>[0] = {}) {
  const server = setupServer();
  let model: ServiceModel = createServiceModel(opts);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    model = createServiceModel(opts);
    server.resetHandlers(...createHandlers(model));
  });
  afterAll(() => server.close());
  return {
    sim: () => model,
    /** Swap the model (the property test makes one per run). */
    reset(next: ServiceModel) {
      model = next;
      server.resetHandlers(...createHandlers(model));
    },
  };
}

/** Fake timers + a visible, online page for every test; real timers and a clean QueryClient after. */
export function installFakeClock() {
  beforeEach(() => {
    vi.useFakeTimers(FAKE_TIMERS);
    setVisibility('visible');
    focusManager.setFocused(undefined);
    onlineManager.setOnline(true);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
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

export const pollRequests = (model: ServiceModel) => model.requests.filter((r) => r.endpoint === 'poll');
export const unreadRequests = (model: ServiceModel) => model.requests.filter((r) => r.endpoint === 'unread');

export const cursorOf = (url: string): string | null => new URL(url).searchParams.get('last_message_time_id');
