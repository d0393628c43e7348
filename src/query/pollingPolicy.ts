import { isTicketChatError } from '../client/errors.ts';
import { isClosedTicketStatus } from '../client/model.ts';

export interface PollingPolicy {
  intervalMs: number;
  /** Interval once the ticket is closed (the longer of this and intervalMs applies). */
  closedIntervalMs?: number | undefined;
  /** Cap of the exponential back-off after errors (never below intervalMs). */
  maxBackoffMs: number;
}

export const DEFAULT_CLOSED_INTERVAL_MS = 60_000;
/** The shortest poll interval: a smaller one (seconds typed as ms) would hammer the service. */
export const MIN_INTERVAL_MS = 1000;

/**
 * A caller's poll interval as polled: `fallback` (the default) when it is missing, not a number, not finite or
 * not above 0; otherwise at least MIN_INTERVAL_MS (1000).
 */
export const pollingIntervalMs = (intervalMs: number | undefined, fallback: number): number =>
  typeof intervalMs === 'number' && Number.isFinite(intervalMs) && intervalMs > 0
    ? Math.max(MIN_INTERVAL_MS, intervalMs)
    : fallback;
export const DEFAULT_MAX_BACKOFF_MS = 60_000;

/**
 * Delay before the next poll after `consecutiveErrors` failures: interval·2^n capped, with "equal jitter"
 * (half fixed, half random) so many clients that failed together do not come back together. Neither the cap
 * nor the jitter goes below the interval itself: backing off must not poll faster than a healthy client.
 */
export function backoffDelay(
  intervalMs: number,
  consecutiveErrors: number,
  maxMs: number,
  random: number,
): number {
  const exp = Math.min(Math.max(maxMs, intervalMs), intervalMs * 2 ** Math.min(consecutiveErrors, 16));
  // The jitter's lower half must not undercut the interval either (e.g. interval 45 s, cap 60 s).
  const low = Math.min(exp, Math.max(exp / 2, intervalMs));
  return Math.round(low + (exp - low) * random);
}

/** What to do after an error: `false` = stop until something external (refetch, focus) restarts. */
export function delayAfterError(
  error: unknown,
  consecutiveErrors: number,
  intervalMs: number,
  maxBackoffMs: number,
  random: number,
): number | false {
  if (isTicketChatError(error)) {
    // A new token is needed; the client asks the token function again on the next attempt (refetch/focus).
    if (error.kind === 'auth' || error.kind === 'input') return false;
    // The server's word wins over our own back-off when it asks for a longer wait; a shorter one (or the
    // gateway's default throttle pause) never makes us ask sooner than the normal interval.
    if (error.retryAfterMs !== undefined && error.retryAfterMs > 0)
      return Math.max(error.retryAfterMs, intervalMs);
  }
  return backoffDelay(intervalMs, consecutiveErrors, maxBackoffMs, random);
}

interface ErrorTrack {
  /** errorUpdateCount at the last success: consecutive errors = count now - baseline. */
  baseline: number;
  jitterFor: number;
  jitter: number;
  /** When the next attempt after the current error is due (epoch ms), null when none is scheduled. */
  nextAt: number | null;
}
const tracks = new WeakMap<object, ErrorTrack>();

type PolledQuery = {
  state: { error: unknown; errorUpdateCount: number; errorUpdatedAt: number; data?: unknown };
};

/**
 * `refetchInterval` for a polling query. Re-evaluated by React Query after every update of the query, so
 * the jitter is fixed per error (keyed by errorUpdateCount) to keep the timer from being re-rolled.
 * `ticketStatus` (threads) slows polling down for a closed ticket.
 */
export function pollInterval(
  query: PolledQuery,
  policy: PollingPolicy,
  ticketStatus?: () => number | undefined,
): number | false {
  const state = query.state;
  let track = tracks.get(query);
  if (!track) {
    track = { baseline: 0, jitterFor: -1, jitter: 0, nextAt: null };
    tracks.set(query, track);
  }
  if (state.error === null || state.error === undefined) {
    // A refetch of a query without data clears its error while it runs: that is no success.
    if (state.data !== undefined || state.errorUpdateCount === 0) track.baseline = state.errorUpdateCount;
    track.nextAt = null;
    // A closed ticket expects nothing new: never poll it faster than an open one.
    return isClosedTicketStatus(ticketStatus?.())
      ? Math.max(policy.closedIntervalMs ?? DEFAULT_CLOSED_INTERVAL_MS, policy.intervalMs)
      : policy.intervalMs;
  }
  if (track.jitterFor !== state.errorUpdateCount) {
    track.jitterFor = state.errorUpdateCount;
    track.jitter = Math.random();
  }
  const consecutive = Math.max(1, state.errorUpdateCount - track.baseline);
  const delay = delayAfterError(
    state.error,
    consecutive,
    policy.intervalMs,
    policy.maxBackoffMs,
    track.jitter,
  );
  track.nextAt = delay === false ? null : state.errorUpdatedAt + delay;
  return delay;
}

/** When the next poll after the query's current error is due (epoch ms), or null (none, or no error). */
export const nextRetryAt = (query: object | undefined): number | null =>
  (query && tracks.get(query)?.nextAt) ?? null;
