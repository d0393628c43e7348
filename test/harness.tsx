/**
 * Shared set-up for the jsdom suites that drive the query layer (src/query tests, test/property,
 * test/reliability): the simulator behind MSW, a real client and provider, fake timers, page visibility.
 */
import { focusManager, onlineManager, type QueryClient } from '@tanstack/react-query';
import { act } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, onTestFinished, vi } from 'vitest';
import {
  createHandlers,
  createServiceModel,
  type ServiceModel,
  TEST_BASE_URL,
  TEST_TOKEN,
} from '../simulator/index.ts';
import { createTicketChatClient } from '../src/client/index.ts';
import type { TicketChatClient, TicketChatClientOptions } from '../src/client/types.ts';
import { TicketChatProvider } from '../src/query/index.ts';
import { createTicketChatQueryClient } from '../src/query/TicketChatProvider.tsx';

export const FAKE_TIMERS: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
};

/**
 * One MSW server per file and a fresh model per test (`sim()`). `server` is exposed for its lifecycle
 * events (listeners are dropped before each test); `reset` swaps the model (the property test makes one per run).
 */
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
  return {
    server,
    sim: () => model,
    reset(next: ServiceModel) {
      model = next;
      server.resetHandlers(...createHandlers(model));
    },
  };
}

/** A visible, focused-by-default, online page. */
export function resetPageState(): void {
  setVisibility('visible');
  focusManager.setFocused(undefined);
  onlineManager.setOnline(true);
}

/** Fake timers and a fresh page state for every test; real timers after. */
export function installFakeClock() {
  beforeEach(() => {
    vi.useFakeTimers(FAKE_TIMERS);
    resetPageState();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** The set-up every fake-clock query suite needs: the simulator behind MSW, then the fake clock. */
export function installQueryHarness(opts: Parameters<typeof createServiceModel>[0] = {}) {
  const simulator = installSimulator(opts);
  installFakeClock();
  return simulator;
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

/**
 * A "tab" for cross-tab tests: a provider with its own client and QueryClient on `channel` (two of them in
 * one document talk through BroadcastChannel like two tabs). The QueryClient is cleared when the test ends.
 */
export function crossTabOn(
  channel: string,
  { notify = false, client = makeClient() }: { notify?: boolean; client?: TicketChatClient } = {},
) {
  const queryClient = createTicketChatQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TicketChatProvider
      client={client}
      queryClient={queryClient}
      crossTab
      crossTabChannel={channel}
      notify={notify}
    >
      {children}
    </TicketChatProvider>
  );
  onTestFinished(() => queryClient.clear());
  return { wrapper, queryClient };
}

export function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  // Mounted hooks re-render on the event right away: inside act(), as React expects in tests.
  act(() => {
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
}

export async function advance(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

// Captured at import, before any test fakes the clock: waitForInAct waits real time between its checks.
const realSetTimeout = globalThis.setTimeout;

/**
 * vi.waitFor for the fake-clock suites, with the clock moved inside act(). Like vi.waitFor it moves the fake
 * clock `interval` ms before each check and waits `interval` real ms between checks (MSW answers need real
 * turns of the event loop), so timings stay as before; unlike it, the React updates that the fired timers
 * cause happen inside act(), as React expects in tests.
 */
export async function waitForInAct<T>(
  check: () => T,
  { interval = 50, timeout = 1000 }: { interval?: number; timeout?: number } = {},
): Promise<T> {
  const start = performance.now();
  for (;;) {
    act(() => {
      vi.advanceTimersByTime(interval);
    });
    try {
      return check();
    } catch (error) {
      if (performance.now() - start >= timeout) throw error;
    }
    await new Promise((resolve) => realSetTimeout(resolve, interval));
  }
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
export const unreadRequests = (model: ServiceModel) => model.requests.filter((r) => r.endpoint === 'unread');

export const cursorOf = (url: string): string | null => new URL(url).searchParams.get('last_message_time_id');
