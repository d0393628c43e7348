/**
 * Fault matrix: for each fault the simulator can inject, what the user sees while it lasts (through
 * `useInstantMessages`), and that the thread recovers afterwards with nothing lost and nothing duplicated.
 */
import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Fault, ServiceModel } from '../../simulator/index.ts';
import { TEST_TOKEN } from '../../simulator/index.ts';
import type { TicketChatErrorKind } from '../../src/client/errors.ts';
import { preloadTicketChat, TicketChat } from '../../src/components/TicketChat/index.ts';
import { type UseInstantMessagesResult, useInstantMessages } from '../../src/query/index.ts';
import {
  advance,
  advanceUntil,
  installFakeClock,
  installSimulator,
  makeClient,
  pollRequests,
  providerFor,
} from '../harness.tsx';

const INTERVAL = 3000;
const TIMEOUT_MS = 2000;
const CASE = 'case-1';

const { sim } = installSimulator();
// The chat's thread is a lazy chunk; these cases time its states against the thread's polls, not the import.
beforeAll(() => preloadTicketChat());

installFakeClock();

/** What the hook shows while the fault lasts. `null` kind: no error is ever shown. */
interface DuringFault {
  kind: TicketChatErrorKind | null;
  /** TicketChat's `data-state` meanwhile (derived from the kind, stated here so the table reads as a spec). */
  chat: 'ready' | 'reconnecting' | 'error' | 'auth';
  isReconnecting?: boolean;
  authRequired?: boolean;
  status?: number;
  code?: string;
  retryAfterMs?: number;
}

interface FaultCase {
  name: string;
  /** Makes the fault happen; returns what recovery needs (e.g. a fresh token). */
  arrange: (model: ServiceModel, env: { setToken: (t: string) => void }) => void;
  during: DuringFault;
  /** After the error shows, polling must stay stopped (auth). */
  pollingStops?: boolean;
  /** Undoes the fault that does not end by itself, then the user presses retry. */
  recover?: (model: ServiceModel, env: { setToken: (t: string) => void; pressRetry: () => void }) => void;
  /** Minimum gap before the next poll after the error (Retry-After). */
  minGapMs?: number;
  /** Several new messages are posted during the fault (shuffle matters only with more than one). */
  burst?: boolean;
}

const inject =
  (fault: Fault, times = 2) =>
  (model: ServiceModel) =>
    model.injectFault(fault, { endpoint: 'poll', times });

const faultCases: FaultCase[] = [
  {
    name: 'HTTP 500 OSM.0004',
    arrange: inject({ kind: 'http', status: 500 }),
    during: {
      kind: 'http',
      chat: 'reconnecting',
      status: 500,
      code: 'OSM.0004',
      isReconnecting: true,
      authRequired: false,
    },
  },
  {
    name: 'HTTP 503 (gateway)',
    arrange: inject({ kind: 'http', status: 503 }),
    during: { kind: 'http', chat: 'reconnecting', status: 503, isReconnecting: true, authRequired: false },
  },
  {
    name: '429 with Retry-After: 7',
    arrange: inject({ kind: 'rateLimit', retryAfterSeconds: 7 }, 1),
    during: { kind: 'http', chat: 'reconnecting', status: 429, retryAfterMs: 7000, isReconnecting: true },
    minGapMs: 7000,
  },
  {
    name: 'gateway throttling APIG.0308 (no Retry-After: back off in seconds)',
    arrange: inject({ kind: 'throttle' }, 1),
    during: { kind: 'http', chat: 'reconnecting', status: 429, code: 'APIG.0308', isReconnecting: true },
    minGapMs: 1000,
  },
  {
    name: 'gateway throttling APIG.0308 with Retry-After: 4',
    arrange: inject({ kind: 'throttle', retryAfterSeconds: 4 }, 1),
    during: {
      kind: 'http',
      chat: 'reconnecting',
      status: 429,
      code: 'APIG.0308',
      retryAfterMs: 4000,
      isReconnecting: true,
    },
    minGapMs: 4000,
  },
  {
    name: 'timeout (no answer)',
    arrange: inject({ kind: 'timeout' }),
    during: { kind: 'timeout', chat: 'reconnecting', isReconnecting: true, authRequired: false },
  },
  {
    name: 'dropped connection',
    arrange: inject({ kind: 'drop' }),
    during: { kind: 'network', chat: 'reconnecting', isReconnecting: true, authRequired: false },
  },
  {
    name: 'error inside HTTP 200',
    arrange: inject({ kind: 'apiErrorIn200', code: 'OSM.01010002', message: 'Case is locked' }),
    during: {
      kind: 'api',
      chat: 'error',
      status: 200,
      code: 'OSM.01010002',
      isReconnecting: false,
      authRequired: false,
    },
  },
  {
    name: 'malformed body (HTML sign-in page in a 200)',
    arrange: inject({ kind: 'malformed' }),
    during: { kind: 'decode', chat: 'error', isReconnecting: false, authRequired: false },
  },
  {
    name: 'malformed body (truncated JSON)',
    arrange: inject({ kind: 'malformed', body: '{"immsg":[{"incident_id":"case-1","message_list":[{"con' }),
    during: { kind: 'decode', chat: 'error', isReconnecting: false, authRequired: false },
  },
  {
    name: 'shuffled message list',
    arrange: inject({ kind: 'shuffle' }, 3),
    during: { kind: null, chat: 'ready' },
    burst: true,
  },
  {
    name: 'inclusive cursor (boundary message sent again)',
    arrange: (model) => {
      model.cursorMode = 'inclusive';
    },
    during: { kind: null, chat: 'ready' },
    burst: true,
  },
  {
    name: 'expired token, refreshed token available at once',
    arrange: (model, { setToken }) => {
      model.expireAllTokens();
      setToken(model.issueToken());
    },
    during: { kind: null, chat: 'ready' },
  },
  {
    name: 'expired token, no new token yet (sign-in state)',
    arrange: (model) => model.expireAllTokens(),
    during: {
      kind: 'auth',
      chat: 'auth',
      status: 401,
      code: 'OSM.0002',
      authRequired: true,
      isReconnecting: false,
    },
    pollingStops: true,
    // The user presses the sign-in state's Retry once a new token is available.
    recover: (model, { setToken, pressRetry }) => {
      setToken(model.issueToken());
      pressRetry();
    },
  },
];

let current: UseInstantMessagesResult | undefined;
function HookView(): ReactNode {
  current = useInstantMessages(CASE, { intervalMs: INTERVAL });
  return null;
}

/** The thread as the server holds it: unique contents in time order (no identity-rule corner here). */
const serverContents = (model: ServiceModel) => model.ticket(CASE)?.messages.map((m) => m.content) ?? [];

describe('fault matrix', () => {
  it.each(faultCases)('$name', async (fc) => {
    const model = sim();
    const t0 = Date.now();
    model.addTicket({
      id: CASE,
      messages: [
        { content: 'hello', replierType: 0, at: t0 - 60_000 },
        { content: 'how can I help?', at: t0 - 50_000 },
        { content: 'the VM does not boot', replierType: 0, at: t0 - 40_000 },
      ],
    });
    let token = TEST_TOKEN;
    const env = {
      setToken: (t: string) => {
        token = t;
      },
    };
    const client = makeClient({ token: () => token, timeoutMs: TIMEOUT_MS });
    const { wrapper, queryClient } = providerFor(client);
    // The hook's view and TicketChat share one thread query (one poller).
    const Wrapper = wrapper;
    const page = render(
      <Wrapper>
        <HookView />
        <TicketChat caseId={CASE} intervalMs={INTERVAL} timeZone="UTC" locale="en-US" />
      </Wrapper>,
    );
    const view = () => current as UseInstantMessagesResult;
    const chat = () => page.container.querySelector<HTMLElement>('section.tc-chat');
    const rows = () => [...page.container.querySelectorAll<HTMLElement>('[data-message-key]')];

    // Initial load.
    await advanceUntil(() => view().messages.length === 3, 100, 10_000);
    expect(view().error).toBeNull();
    const before = view().messages.map((m) => m.key);

    // Fault + new messages while it lasts (the recovery has to fetch them).
    fc.arrange(model, env);
    model.post(CASE, { content: 'rebooting now' });
    if (fc.burst) {
      await advance(1000);
      model.post(CASE, { content: 'it is up again', replierType: 0 });
      await advance(1000);
      model.post(CASE, { content: 'great, closing soon' });
    }

    const pollsBefore = pollRequests(model).length;
    if (fc.during.kind !== null) {
      await advanceUntil(() => view().error !== null, 100, INTERVAL + TIMEOUT_MS + 1000);
      const shown = view();
      const error = shown.error;
      expect(error?.kind).toBe(fc.during.kind);
      expect(error?.name).toBe('TicketChatError');
      if (fc.during.status !== undefined) expect(error?.status).toBe(fc.during.status);
      if (fc.during.code !== undefined) expect(error?.code).toBe(fc.during.code);
      if (fc.during.retryAfterMs !== undefined) expect(error?.retryAfterMs).toBe(fc.during.retryAfterMs);
      if (fc.during.isReconnecting !== undefined) expect(shown.isReconnecting).toBe(fc.during.isReconnecting);
      if (fc.during.authRequired !== undefined) expect(shown.authRequired).toBe(fc.during.authRequired);
      // The thread is kept while the fault lasts: the same messages, no placeholder, no loading state.
      expect(shown.messages.map((m) => m.key)).toEqual(before);
      expect(shown.isLoading).toBe(false);
      expect(chat()?.dataset.state).toBe(fc.during.chat);
      expect(rows().map((r) => r.dataset.messageKey)).toEqual(before);

      const failedAt = Date.now();
      if (fc.minGapMs !== undefined) {
        await advanceUntil(() => pollRequests(model).length > pollsBefore + 1, 100, 60_000);
        const next = pollRequests(model)[pollsBefore + 1];
        // The next poll honours the server's wait (allowing for the 100 ms stepping).
        expect((next?.at ?? 0) - failedAt).toBeGreaterThanOrEqual(fc.minGapMs - 100);
      }
      if (fc.pollingStops) {
        const count = pollRequests(model).length;
        await advance(10 * 60_000);
        expect(pollRequests(model).length, 'no polling after an auth error').toBe(count);
        expect(view().authRequired).toBe(true);
        expect(view().messages.map((m) => m.key)).toEqual(before);
      }
    } else {
      // No error is ever shown, at any step.
      for (let t = 0; t < 4 * INTERVAL; t += 250) {
        await advance(250);
        expect(view().error).toBeNull();
        expect(chat()?.dataset.state).toBe('ready');
      }
    }

    fc.recover?.(model, {
      ...env,
      pressRetry: () => {
        const retry = [...page.container.querySelectorAll<HTMLButtonElement>('[role="alert"] button')].find(
          (b) => b.textContent === 'Retry',
        );
        expect(retry, 'a Retry button in the alert').toBeDefined();
        act(() => retry?.click());
      },
    });

    // Recovery: the longest back-off (60 s cap), then clean polls.
    await advanceUntil(
      () => view().error === null && view().messages.length === serverContents(model).length,
      1000,
      90_000,
    );
    await advance(3 * INTERVAL);
    const thread = view().messages;
    expect(view().error).toBeNull();
    expect(view().isReconnecting).toBe(false);
    expect(view().authRequired).toBe(false);
    // Nothing lost, nothing duplicated, in order, earlier keys kept stable.
    expect(thread.map((m) => m.content)).toEqual(serverContents(model));
    expect(new Set(thread.map((m) => m.key)).size).toBe(thread.length);
    expect(thread.slice(0, 3).map((m) => m.key)).toEqual(before);
    for (let i = 1; i < thread.length; i++) {
      expect(thread[i]?.createdAt?.getTime() ?? 0).toBeGreaterThanOrEqual(
        thread[i - 1]?.createdAt?.getTime() ?? 0,
      );
    }
    expect(thread.every((m) => m.delivery === undefined)).toBe(true);
    // The user sees the same: ready, the whole thread, no alert.
    expect(chat()?.dataset.state).toBe('ready');
    expect(rows().map((r) => r.dataset.messageKey)).toEqual(thread.map((m) => m.key));
    expect(page.container.querySelector('[role="alert"]')).toBeNull();
    page.unmount();
    queryClient.clear();
  });
});
