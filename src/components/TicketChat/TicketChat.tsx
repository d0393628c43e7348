import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Attachment } from '../../client/types.ts';
import { caseIdProblem } from '../../client/validate.ts';
import { CLOSED_TICKET_STATUSES } from '../../query/pollingPolicy.ts';
import { useTicketChatClient, useTicketChatLocale } from '../../query/TicketChatProvider.tsx';
import type { ThreadMessage } from '../../query/types.ts';
import { useInstantMessages } from '../../query/useInstantMessages.ts';
import { useSendMessage } from '../../query/useSendMessage.ts';
import { useUnread } from '../../query/useUnread.ts';
import { ChatErrorBoundary, type ChatErrorInfo } from '../ChatErrorBoundary/ChatErrorBoundary.tsx';
import { Composer, type ComposerHandle } from '../Composer/Composer.tsx';
import { draftKeyFor } from '../Composer/draftStorage.ts';
import { ImagePreviewContext } from '../ImagePreview/ImageAttachment.tsx';
import { getStrings, resolveLocale } from '../i18n/locale.ts';
import { MessageThread } from '../MessageThread/MessageThread.tsx';
import { MessageThreadSkeleton } from '../MessageThread/MessageThreadSkeleton.tsx';
import { ThreadAlert } from '../MessageThread/ThreadAlert.tsx';
import { TicketStatus } from '../TicketStatus/TicketStatus.tsx';
import { useAttachmentDownload } from './useAttachmentDownload.ts';
import { useAttachmentUploader } from './useAttachmentUploader.ts';
import { useFocusRescue } from './useFocusRescue.ts';
import { useUnreadMarker } from './useUnreadMarker.ts';

export interface TicketChatProps {
  caseId: string;
  groupId?: string | undefined;
  /** Poll interval of the thread while the page is visible, default 3000 ms. */
  intervalMs?: number | undefined;
  /** Language of the texts, e.g. 'en-US' or 'zh-cn'. Default: the client's language. */
  locale?: string | undefined;
  /** The VIEWER's IANA time zone for times and day separators. Default: the browser's. */
  timeZone?: string | undefined;
  /** Replaces the built-in download (e.g. to preview files). */
  onAttachmentClick?: ((attachment: Attachment, message: ThreadMessage) => void) | undefined;
  /** Called from the "Sign in" button of the expired-session state (the portal owns sign-in). */
  onSignIn?: (() => void) | undefined;
  /** Header title, default the catalog's "Support chat". */
  title?: string | undefined;
  /** Level of the header's heading, default 2. */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6 | undefined;
  className?: string | undefined;
  /**
   * Names the signed-in user (e.g. the `crossTabChannel` given to the provider) so unsent drafts survive a
   * reload in `localStorage`, per ticket. Default none: drafts are kept per ticket in memory only, for
   * the page's lifetime and the provider's client (never shown to another user's client).
   */
  draftScope?: string | undefined;
  /**
   * Called with any error thrown while rendering the chat. A failing thread is replaced by an alert with
   * a Retry and the composer stays; anything else replaces the whole chat, never the host page.
   */
  onError?: ((error: unknown, info: ChatErrorInfo) => void) | undefined;
}

/**
 * The whole conversation of one ticket: header (ticket status, live-chat flag), thread, composer, and
 * the error states. Must be inside `<TicketChatProvider>`. An error never hides messages already shown.
 * (Header and error wiring stay inline: split into components they only relayed props, which costs bytes.)
 */
export function TicketChat(props: TicketChatProps) {
  const { language } = useTicketChatLocale();
  return (
    <ChatErrorBoundary
      onError={props.onError}
      locale={props.locale ?? language}
      resetKey={`${props.caseId}\n${props.groupId}`}
    >
      <TicketChatView {...props} />
    </ChatErrorBoundary>
  );
}

function TicketChatView(props: TicketChatProps) {
  const { caseId, groupId, timeZone, onAttachmentClick, className } = props;
  const { language } = useTicketChatLocale();
  const client = useTicketChatClient();
  const locale = resolveLocale(props.locale ?? language);
  const strings = getStrings(locale);
  const titleId = useId();
  // "", ".", ".." or over 64 characters can never work (sending puts the id in a URL path): nothing polls.
  const caseIdError = useMemo(() => caseIdProblem(caseId), [caseId]);
  const unread = useUnread(caseId, { groupId, enabled: !caseIdError });
  // Mark read only once the first unread answer is in: it also carries the ticket status, and the batcher
  // drops answers for a case whose mark-read is in flight.
  const thread = useInstantMessages(caseId, {
    groupId,
    enabled: !caseIdError,
    intervalMs: props.intervalMs,
    markReadWhenVisible: unread.count !== undefined || unread.error !== null,
  });
  const { send, retry } = useSendMessage(caseId, { groupId });
  const { busyIds, failed, download } = useAttachmentDownload(groupId);
  const { messages, error, refetch, isLoading, isReconnecting: reconnecting, chatStatus } = thread;
  const unreadFromKey = useUnreadMarker(caseId, messages, !isLoading && !error, unread.count);

  const ticketStatus = unread.status ?? thread.ticketStatus;
  const closed = ticketStatus !== undefined && CLOSED_TICKET_STATUSES.has(ticketStatus);
  // Transient failures only say "reconnecting" (polling recovers by itself), an expired session asks to
  // sign in, anything else is an alert the user can retry (DESIGN "Errors the user sees").
  const authRequired = thread.authRequired || unread.error?.kind === 'auth';
  const alert = error && !thread.authRequired && !reconnecting ? error : null;
  // A bad case id (or group id) is the page's mistake: no Retry (nothing would change), no composer, and
  // the detail goes to the developer's console, not the user.
  const inputError =
    caseIdError ?? (error?.kind === 'input' ? error : unread.error?.kind === 'input' ? unread.error : null);
  const loggedRef = useRef<string | null>(null);
  useEffect(() => {
    if (!inputError || loggedRef.current === inputError.message) return;
    loggedRef.current = inputError.message;
    // Input errors name the bad argument, never the token.
    console.error(`ticket-chat: <TicketChat caseId=${JSON.stringify(caseId)}>: ${inputError.message}`);
  }, [inputError, caseId]);
  // Bumped on every send: MessageThread scrolls to the bottom when it changes. (No useCallback below:
  // MessageThread keeps its callbacks in a ref and Composer is not memoized.)
  const [sentCount, setSentCount] = useState(0);
  // A control that disappears while focused (Sign in / Retry once the session is back, a failed message's
  // Retry) would drop focus to <body>, losing the keyboard user's place: the message field takes it.
  const composerRef = useRef<ComposerHandle | null>(null);
  const focusComposer = useCallback(() => composerRef.current?.focus(), []);
  const alertsRef = useFocusRescue(focusComposer);

  const Heading = `h${props.headingLevel ?? 2}` as const;
  // Attachments: the composer uploads through the client; files dropped anywhere on the chat are taken.
  const { uploader, previews } = useAttachmentUploader(groupId, locale);
  const sectionRef = useRef<HTMLElement | null>(null);

  return (
    <section
      ref={sectionRef}
      className={className ? `tc-chat ${className}` : 'tc-chat'}
      aria-labelledby={titleId}
      data-state={
        authRequired
          ? 'auth'
          : alert || inputError
            ? 'error'
            : reconnecting
              ? 'reconnecting'
              : isLoading
                ? 'loading'
                : 'ready'
      }
      data-closed={closed || undefined}
    >
      <header className="tc-chat__header">
        <div className="tc-chat__heading">
          <Heading id={titleId} className="tc-chat__title">
            {props.title ?? strings.chatTitle}
          </Heading>
          <span className="tc-chat__case">{strings.ticketNumber(caseId)}</span>
        </div>
        <div className="tc-chat__badges">
          {/* Not known yet: no pill rather than a misleading "unknown". */}
          {(ticketStatus !== undefined || (unread.count !== undefined && !unread.error)) && (
            <TicketStatus status={ticketStatus} locale={locale} />
          )}
          {/* The undocumented two-state `imstatus` flag: worded neutrally, unknown values show nothing. */}
          {(chatStatus === 0 || chatStatus === 1) && (
            <span className="tc-chat__live" data-available={chatStatus === 1}>
              <span className="tc-chat__live-dot" aria-hidden="true" />
              {chatStatus ? strings.liveChatAvailable : strings.liveChatUnavailable}
            </span>
          )}
        </div>
      </header>
      {/* Always mounted, so screen readers pick up the text when it appears. */}
      <div className="tc-chat__connection" role="status" data-visible={reconnecting || undefined}>
        {reconnecting && (
          <>
            <span className="tc-chat__spinner" aria-hidden="true" />
            {/* The network failed, or the service said 5xx/429/throttled: "connection lost" only for the first. */}
            {error?.kind === 'http' ? strings.serviceBusy : strings.reconnecting}
          </>
        )}
      </div>
      {(authRequired || alert || inputError || thread.olderError || failed) && (
        <div ref={alertsRef} className="tc-chat__alerts">
          {authRequired ? (
            // Polling has stopped until the user acts; the portal owns the sign-in flow.
            <div className="tc-chat__session" role="alert">
              <div className="tc-chat__session-text">
                <strong className="tc-chat__session-title">{strings.sessionExpired}</strong>
                <span>{strings.sessionExpiredHint}</span>
              </div>
              <div className="tc-chat__session-actions">
                {props.onSignIn && (
                  <button
                    type="button"
                    className="tc-chat__button"
                    data-variant="primary"
                    onClick={props.onSignIn}
                  >
                    {strings.signIn}
                  </button>
                )}
                <button
                  type="button"
                  className="tc-chat__button"
                  onClick={() => {
                    refetch();
                    unread.refetch();
                  }}
                >
                  {strings.retry}
                </button>
              </div>
            </div>
          ) : inputError ? (
            <ThreadAlert message={strings.chatInvalidTicket} locale={locale} />
          ) : (
            alert && (
              <ThreadAlert
                message={
                  alert.kind === 'decode' ? strings.chatDecodeFailed : strings.chatLoadFailed(alert.message)
                }
                onRetry={refetch}
                locale={locale}
              />
            )
          )}
          {thread.olderError && (
            <ThreadAlert message={strings.olderFailed} onRetry={thread.loadOlder} locale={locale} />
          )}
          {failed && (
            <ThreadAlert
              message={strings.downloadFailed(failed.name)}
              onRetry={() => download(failed)}
              locale={locale}
            />
          )}
        </div>
      )}
      <div className="tc-chat__body">
        {/* Nothing to show yet: a skeleton, also while reconnecting (an empty-thread message would be wrong). */}
        {inputError ? null : !messages.length && (isLoading || reconnecting) ? (
          <MessageThreadSkeleton locale={locale} />
        ) : (
          // A host's onAttachmentClick takes every attachment, images too (no built-in previews then).
          <ImagePreviewContext.Provider value={onAttachmentClick ? null : previews}>
            <MessageThread
              messages={messages}
              locale={locale}
              timeZone={timeZone}
              onAttachmentClick={onAttachmentClick ?? download}
              busyAttachmentIds={busyIds}
              unreadFromKey={unreadFromKey}
              onLoadOlder={thread.loadOlder}
              hasOlder={thread.hasOlder}
              isLoadingOlder={thread.isLoadingOlder}
              onRetry={(m) => {
                // The row's Retry goes away at once (the message is "sending" again).
                composerRef.current?.focus();
                retry(m.key);
              }}
              scrollToBottomSignal={sentCount}
              onError={props.onError}
            />
          </ImagePreviewContext.Provider>
        )}
      </div>
      <Composer
        ref={composerRef}
        className="tc-chat__composer"
        locale={locale}
        draftKey={draftKeyFor({ scope: props.draftScope, owner: client, caseId, groupId })}
        persistDraft={props.draftScope !== undefined}
        uploader={uploader}
        dropTargetRef={sectionRef}
        onSend={(content, attachments) => {
          send(content, attachments);
          setSentCount((n) => n + 1);
        }}
        disabled={closed || authRequired || inputError !== null}
        disabledReason={
          closed
            ? strings.composerClosed
            : authRequired
              ? strings.composerSignedOut
              : strings.composerUnavailable
        }
      />
    </section>
  );
}
