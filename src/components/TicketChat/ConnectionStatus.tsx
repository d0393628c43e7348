import { useEffect, useState } from 'react';
import { CODE_LOAD_FAILED, type TicketChatError } from '../../client/errors.ts';
import type { TicketChatStrings } from '../i18n/strings.ts';
import type { ChatView } from './chatView.ts';

export interface ConnectionStatusProps {
  view: ChatView;
  strings: TicketChatStrings;
  /** "Retry now": polls at once instead of waiting for the back-off. */
  onRetryNow: () => void;
}

/** Whole seconds until `at`, re-rendered every second while there is an `at`. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What the line says for a failure polling retries by itself, by its cause: the network failed, the service
 * said 5xx/429/throttled, or the library's own code did not load (the API may be fine: never "connection lost").
 */
export function connectionProblem(error: TicketChatError, strings: TicketChatStrings): string {
  if (error.code === CODE_LOAD_FAILED) return strings.codeLoadFailed;
  return error.kind === 'http' ? strings.serviceBusy : strings.reconnecting;
}

/**
 * The connection line: always mounted (screen readers pick up its text when it appears). While
 * reconnecting it says so once, politely; when the next try is (a countdown kept out of the live region)
 * and a "Retry now" button.
 */
export function ConnectionStatus({ view, strings, onRetryNow }: ConnectionStatusProps) {
  const reconnecting = view.state === 'reconnecting';
  const seconds = useSecondsUntil(reconnecting ? view.nextRetryAt : null);
  return (
    // The banner hangs over the top of the thread from a zero-height slot: nothing below it moves.
    <div className="tc-chat__connection" role="status" data-visible={reconnecting || undefined}>
      {reconnecting && (
        <div className="tc-chat__connection-banner">
          <span className="tc-chat__spinner" aria-hidden="true" />
          <span>{connectionProblem(view.error, strings)}</span>
          {seconds !== null && (
            <span className="tc-chat__next-try" aria-live="off">
              {strings.nextTryIn(seconds)}
            </span>
          )}
          <button type="button" className="tc-chat__button tc-chat__retry-now" onClick={onRetryNow}>
            {strings.retryNow}
          </button>
        </div>
      )}
    </div>
  );
}
