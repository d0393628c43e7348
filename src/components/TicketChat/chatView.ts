import type { TicketChatError } from '../../client/errors.ts';

/** What `chatView` needs of the thread (`useInstantMessages`' result has it all). */
export interface ChatThreadState {
  messageCount: number;
  /** A poll has answered. */
  hasLoaded: boolean;
  error: TicketChatError | null;
  authRequired: boolean;
  isReconnecting: boolean;
  nextRetryAt: number | null;
}

/** What `chatView` needs of the unread entry (`useUnread`' result). */
export interface ChatUnreadState {
  error: TicketChatError | null;
}

/**
 * The one state the chat is in, most pressing first. `body` says what the thread area shows: nothing (a
 * bad ticket number, or a failure before anything loaded: the alert says why), the skeleton (the first
 * poll is on its way, or retrying), or the thread (its own empty state only after a poll found nothing).
 */
export type ChatView = { body: 'none' | 'skeleton' | 'thread' } & (
  | { state: 'invalid'; error: TicketChatError }
  | { state: 'auth' }
  | { state: 'error'; error: TicketChatError }
  | { state: 'reconnecting'; error: TicketChatError; nextRetryAt: number | null }
  | { state: 'loading' }
  | { state: 'empty' }
  | { state: 'ready' }
);

/** The chat's view state (DESIGN "Errors the user sees"). Pure. */
export function chatView(
  thread: ChatThreadState,
  unread: ChatUnreadState,
  caseIdError: TicketChatError | null,
): ChatView {
  const { error, hasLoaded, messageCount } = thread;
  const shown = messageCount > 0 || hasLoaded;
  const invalid =
    caseIdError ?? (error?.kind === 'input' ? error : unread.error?.kind === 'input' ? unread.error : null);
  if (invalid) return { state: 'invalid', error: invalid, body: 'none' };
  if (thread.authRequired || unread.error?.kind === 'auth')
    return { state: 'auth', body: shown ? 'thread' : 'none' };
  if (error && thread.isReconnecting)
    return {
      state: 'reconnecting',
      error,
      nextRetryAt: thread.nextRetryAt,
      body: shown ? 'thread' : 'skeleton',
    };
  if (error) return { state: 'error', error, body: shown ? 'thread' : 'none' };
  if (!hasLoaded) return { state: 'loading', body: messageCount > 0 ? 'thread' : 'skeleton' };
  return messageCount > 0 ? { state: 'ready', body: 'thread' } : { state: 'empty', body: 'thread' };
}
