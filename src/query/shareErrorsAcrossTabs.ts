import type { QueryClient } from '@tanstack/react-query';
import { TicketChatError, type TicketChatErrorKind } from '../client/errors.ts';
import { isTicketChatKey } from './keys.ts';
import { toTicketChatError } from './toTicketChatError.ts';

/** What crosses the channel: an Error does not survive structured cloning as a TicketChatError. */
interface SharedError {
  queryHash: string;
  kind: TicketChatErrorKind;
  message: string;
  status?: number;
  code?: string;
  retryable: boolean;
  retryAfterMs?: number;
  errorUpdatedAt: number;
}

/** The part of broadcast-channel's BroadcastChannel used here (passed in: it is loaded lazily). */
export interface ErrorChannel {
  postMessage(message: SharedError): Promise<unknown>;
  onmessage: ((message: SharedError) => void) | null;
  close(): Promise<unknown>;
}

/**
 * The cache broadcast only copies successful fetches, so a follower tab would show a stale thread with no
 * sign that the leader's polls are failing (or that the token expired). This copies failed fetches too:
 * the follower's query enters the same error state (data kept), and the leader's next success clears it.
 * Returns the stop function.
 */
export function shareErrorsAcrossTabs(queryClient: QueryClient, channel: ErrorChannel): () => void {
  const cache = queryClient.getQueryCache();
  const unsubscribe = cache.subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'error') return;
    // Only ticket-chat's queries: a portal's own queries in a shared QueryClient stay in their tab.
    if (!isTicketChatKey(event.query.queryKey)) return;
    const { queryHash, state } = event.query;
    const error = toTicketChatError(state.error);
    void channel
      .postMessage({
        queryHash,
        kind: error.kind,
        message: error.message,
        ...(error.status !== undefined ? { status: error.status } : {}),
        ...(error.code !== undefined ? { code: error.code } : {}),
        retryable: error.retryable,
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
        errorUpdatedAt: state.errorUpdatedAt,
      })
      .catch(() => undefined);
  });
  channel.onmessage = ({ queryHash, kind, message, errorUpdatedAt, ...fields }) => {
    const query = cache.get(queryHash);
    // Only a query this tab shows, and never one fetching here (a user's retry owns its own outcome).
    if (!query || query.state.fetchStatus === 'fetching') return;
    const error = new TicketChatError(kind, message, fields);
    query.setState({
      ...query.state,
      status: 'error',
      error,
      errorUpdatedAt,
      errorUpdateCount: query.state.errorUpdateCount + 1,
      fetchFailureCount: query.state.fetchFailureCount + 1,
      fetchFailureReason: error,
    });
  };
  return () => {
    unsubscribe();
    channel.onmessage = null;
  };
}
