import type { TicketChatStrings } from '../i18n/strings.ts';

export interface SessionExpiredProps {
  strings: TicketChatStrings;
  onRetry: () => void;
  /** When given, a "Sign in" button calls it (the portal owns the sign-in flow). */
  onSignIn?: (() => void) | undefined;
}

/** Auth failed even after asking the token function again: polling has stopped until the user acts. */
export function SessionExpired({ strings, onRetry, onSignIn }: SessionExpiredProps) {
  return (
    <div className="tc-chat__session" role="alert">
      <div className="tc-chat__session-text">
        <strong className="tc-chat__session-title">{strings.sessionExpired}</strong>
        <span>{strings.sessionExpiredHint}</span>
      </div>
      <div className="tc-chat__session-actions">
        {onSignIn && (
          <button type="button" className="tc-chat__button" data-variant="primary" onClick={onSignIn}>
            {strings.signIn}
          </button>
        )}
        <button type="button" className="tc-chat__button" onClick={onRetry}>
          {strings.retry}
        </button>
      </div>
    </div>
  );
}
