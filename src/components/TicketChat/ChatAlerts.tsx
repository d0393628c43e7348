import type { Ref } from 'react';
import type { Attachment } from '../../client/types.ts';
import type { TicketChatStrings } from '../i18n/strings.ts';
import { ThreadAlert } from '../MessageThread/ThreadAlert.tsx';
import type { ChatView } from './chatView.ts';

export interface ChatAlertsProps {
  view: ChatView;
  strings: TicketChatStrings;
  locale: string;
  /** Receives the container (focus rescue when a focused Retry goes away). */
  containerRef: Ref<HTMLDivElement>;
  /** Retry of the load-failed alert and of the session banner. */
  onRetry: () => void;
  /**
   * The expired-session banner's only action, "Sign in"; polling resumes after it (after its promise
   * settles, if it returns one). Without it the banner offers Retry.
   */
  onSignIn?: (() => unknown) | undefined;
  olderFailed: boolean;
  onRetryOlder: () => void;
  /** The attachment whose download failed, if any. */
  failedDownload: Attachment | null;
  onRetryDownload: (attachment: Attachment) => void;
  onDismissDownload: () => void;
}

/** The chat's alerts: expired session, invalid ticket, load failed, older history, download. */
export function ChatAlerts(props: ChatAlertsProps) {
  const { view, strings, locale, failedDownload, onSignIn } = props;
  const main = view.state === 'auth' || view.state === 'invalid' || view.state === 'error';
  if (!main && !props.olderFailed && !failedDownload) return null;
  return (
    <div ref={props.containerRef} className="tc-chat__alerts">
      {view.state === 'auth' ? (
        // Polling has stopped until the user acts; the portal owns the sign-in flow.
        <div className="tc-chat__session" role="alert">
          <div className="tc-chat__session-text">
            <strong className="tc-chat__session-title">{strings.sessionExpired}</strong>
            <span>{strings.sessionExpiredHint}</span>
          </div>
          <div className="tc-chat__session-actions">
            {onSignIn ? (
              // One step: the portal signs in, then polling resumes (after its promise, if it returns one).
              <button
                type="button"
                className="tc-chat__button"
                data-variant="primary"
                onClick={() => {
                  Promise.resolve(onSignIn()).then(props.onRetry, () => {});
                }}
              >
                {strings.signIn}
              </button>
            ) : (
              <button type="button" className="tc-chat__button" onClick={props.onRetry}>
                {strings.retry}
              </button>
            )}
          </div>
        </div>
      ) : view.state === 'invalid' ? (
        <ThreadAlert message={strings.chatInvalidTicket} locale={locale} />
      ) : (
        view.state === 'error' && (
          <ThreadAlert
            message={
              view.error.kind === 'decode'
                ? strings.chatDecodeFailed
                : strings.chatLoadFailed(view.error.message)
            }
            onRetry={props.onRetry}
            locale={locale}
          />
        )
      )}
      {props.olderFailed && (
        <ThreadAlert message={strings.olderFailed} onRetry={props.onRetryOlder} locale={locale} />
      )}
      {failedDownload && (
        <ThreadAlert
          message={strings.downloadFailed(failedDownload.name)}
          onRetry={() => props.onRetryDownload(failedDownload)}
          onDismiss={props.onDismissDownload}
          locale={locale}
        />
      )}
    </div>
  );
}
