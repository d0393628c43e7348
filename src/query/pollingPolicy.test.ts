import { createTicketChatClient } from '../client/createClient.ts';
import { TicketChatError } from '../client/errors.ts';
import {
  backoffDelay,
  DEFAULT_CLOSED_INTERVAL_MS,
  DEFAULT_MAX_BACKOFF_MS,
  delayAfterError,
  pollInterval,
  pollingIntervalMs,
} from './pollingPolicy.ts';
import { threadQueryOptions } from './threadQueryOptions.ts';
import { unreadBatchOptions } from './unreadQueries.ts';

const MIN = 60_000;
const policy = (intervalMs: number) => ({
  intervalMs,
  closedIntervalMs: DEFAULT_CLOSED_INTERVAL_MS,
  maxBackoffMs: DEFAULT_MAX_BACKOFF_MS,
});
const healthy = () => ({ state: { error: null, errorUpdateCount: 0, errorUpdatedAt: 0 } });

describe('pollInterval', () => {
  it('uses the closed interval for a closed ticket when it is the longer one', () => {
    expect(pollInterval(healthy(), policy(3_000), () => 3)).toBe(DEFAULT_CLOSED_INTERVAL_MS);
    expect(pollInterval(healthy(), policy(3_000), () => 1)).toBe(3_000);
  });

  it.each([3, 4, 12])('never polls a closed ticket (status %i) faster than an open one', (status) => {
    expect(pollInterval(healthy(), policy(10 * MIN), () => status)).toBe(10 * MIN);
  });

  it('backs off after an error without ever polling faster than the interval', () => {
    const query = { state: { error: new Error('boom') as unknown, errorUpdateCount: 1, errorUpdatedAt: 0 } };
    const delay = pollInterval(query, policy(10 * MIN), () => 1);
    expect(delay).toBe(10 * MIN);
  });
});

describe('backoffDelay', () => {
  it('doubles per error up to the cap, with jitter in the upper half', () => {
    expect(backoffDelay(1_000, 1, 60_000, 0)).toBe(1_000);
    expect(backoffDelay(1_000, 1, 60_000, 1)).toBe(2_000);
    expect(backoffDelay(1_000, 3, 60_000, 1)).toBe(8_000);
    expect(backoffDelay(1_000, 30, 60_000, 1)).toBe(60_000);
    expect(backoffDelay(1_000, 30, 60_000, 0)).toBe(30_000);
  });

  it('caps at the interval, not below it, when the interval is longer than maxMs', () => {
    for (const random of [0, 0.5, 1]) {
      for (const errors of [1, 2, 5, 40]) {
        expect(backoffDelay(10 * MIN, errors, 60_000, random)).toBe(10 * MIN);
      }
    }
  });

  it('keeps the jitter at or above the interval when the cap is less than twice the interval', () => {
    for (const random of [0, 0.25, 1]) {
      const delay = backoffDelay(45_000, 1, 60_000, random);
      expect(delay).toBeGreaterThanOrEqual(45_000);
      expect(delay).toBeLessThanOrEqual(60_000);
    }
    expect(backoffDelay(45_000, 1, 60_000, 0)).toBe(45_000);
    expect(backoffDelay(45_000, 1, 60_000, 1)).toBe(60_000);
  });
});

describe('delayAfterError', () => {
  it('stops on auth and input errors', () => {
    expect(delayAfterError(new TicketChatError('auth', 'x'), 1, 3_000, 60_000, 0)).toBe(false);
  });

  it('follows Retry-After, otherwise backs off no faster than the interval', () => {
    const limited = new TicketChatError('http', 'x', { retryAfterMs: 30_000 });
    expect(delayAfterError(limited, 1, 3_000, 60_000, 0)).toBe(30_000);
    expect(delayAfterError(new Error('network'), 1, 10 * MIN, 60_000, 0.5)).toBe(10 * MIN);
  });
});

// Was: no lower bound (intervalMs 1 made 391 polls in 2 s) and 0, -1, NaN, Infinity polled about once
// (attack2 finding 6).
describe("the caller's interval", () => {
  it.each([
    [1, 1000],
    [999, 1000],
    [1000, 1000],
    [4500, 4500],
    [0, 3000],
    [-1, 3000],
    [Number.NaN, 3000],
    [Number.POSITIVE_INFINITY, 3000],
    [undefined, 3000],
  ])('%s ms polls every %s ms', (asked, polled) => {
    expect(pollingIntervalMs(asked, 3000)).toBe(polled);
  });

  it('is applied by the thread and unread-batch queries', () => {
    const client = createTicketChatClient({ endpoint: 'http://api.test', token: 't' });
    const fresh = () => ({ state: { error: null, errorUpdateCount: 0, errorUpdatedAt: 0 } }) as never;
    for (const [asked, thread, batch] of [
      [1, 1000, 1000],
      [Number.NaN, 3000, 30_000],
      [0, 3000, 30_000],
    ] as const) {
      const threadOptions = threadQueryOptions({ client, caseId: 'c1', intervalMs: asked });
      const batchOptions = unreadBatchOptions({ client, intervalMs: asked });
      expect([threadOptions.staleTime, batchOptions.staleTime]).toEqual([thread, batch]);
      const interval = (o: { refetchInterval?: unknown }) =>
        (o.refetchInterval as (q: never) => unknown)(fresh());
      expect([interval(threadOptions), interval(batchOptions)]).toEqual([thread, batch]);
    }
  });
});
