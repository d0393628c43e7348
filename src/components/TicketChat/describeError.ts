import type { TicketChatError } from '../../client/errors.ts';
import type { TicketChatStrings } from '../i18n/strings.ts';

/**
 * How the chat treats a poll error (DESIGN "Errors the user sees"): transient failures only say
 * "reconnecting" (polling backs off and recovers by itself), an expired session asks to sign in, anything
 * else is an alert the user can retry.
 */
export type ErrorPresentation = 'reconnecting' | 'auth' | 'alert';

export function presentationOf(error: TicketChatError): ErrorPresentation {
  if (error.kind === 'auth') return 'auth';
  if (error.kind === 'network' || error.kind === 'timeout') return 'reconnecting';
  if (error.kind === 'http' && error.retryable) return 'reconnecting';
  return 'alert';
}

/** The alert text: our sentence in the user's language, plus the server's own words when it sent some. */
export function alertTextOf(error: TicketChatError, strings: TicketChatStrings): string {
  if (error.kind === 'decode') return strings.chatDecodeFailed;
  return strings.chatLoadFailed(error.message);
}
