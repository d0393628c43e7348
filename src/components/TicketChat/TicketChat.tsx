import { useCallback, useEffect, useId, useMemo, useReducer, useRef, useState } from 'react';
import { isClosedTicketStatus } from '../../client/model.ts';
import type { Attachment } from '../../client/types.ts';
import { caseIdProblem } from '../../client/validate.ts';
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
import { MessageThread, type MessageThreadHandle } from '../MessageThread/MessageThread.tsx';
import { MessageThreadSkeleton } from '../MessageThread/MessageThreadSkeleton.tsx';
import { ChatAlerts } from './ChatAlerts.tsx';
import { ChatHeader } from './ChatHeader.tsx';
import { chatView } from './chatView.ts';
import { useAttachmentDownload } from './useAttachmentDownload.ts';
import { useAttachmentUploader } from './useAttachmentUploader.ts';
import { useFocusRescue } from './useFocusRescue.ts';
import { useUnreadMarker } from './useUnreadMarker.ts';

export { preloadThumbnail } from '../ImagePreview/ImageAttachment.tsx';
// The lazy MessageThread (LazyMessageThread.tsx) loads this chunk too: one chunk for both. A server's
// preload also loads the thumbnails' chunk (chatChunk.ts).
export { MessageThread };

export interface TicketChatProps {
  caseId: string;
  groupId?: string | undefined;
  /** Poll interval of the thread while the page is visible, default 3000 ms, at least 1000 (≤ 0 or not finite: the default). */
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
 * The whole conversation of one ticket: header (ticket status, live-chat flag), connection line, alerts,
 * thread, composer. Must be inside `<TicketChatProvider>`. `chatView` decides the state; an error never
 * hides messages already shown. This module is the lazy chunk: the package's `TicketChat` is the one in
 * LazyTicketChat.tsx (same props, this view behind a Suspense boundary); this one renders synchronously.
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

/** The chat without its error boundary: what the lazy `TicketChat` loads and wraps in its own. */
export function TicketChatView(props: TicketChatProps) {
  const { caseId, groupId, timeZone, onAttachmentClick, className } = props;
  const { language } = useTicketChatLocale();
  const client = useTicketChatClient();
  const locale = resolveLocale(props.locale ?? language);
  const strings = getStrings(locale);
  const titleId = useId();
  // "", ".", ".." or over 64 characters can never work (sending puts the id in a URL path): nothing polls.
  const caseIdError = useMemo(() => caseIdProblem(caseId), [caseId]);
  const unread = useUnread(caseId, { groupId, enabled: !caseIdError });
  // Marks read only once the reader sees the newest message: the "New messages" marker is decided (the
  // thread may then open above the unread ones) and the thread is at its end. Read from refs when the rule
  // is checked; `seenVersion` makes a new question on every change of either.
  const threadRef = useRef<MessageThreadHandle | null>(null);
  const markerDecidedRef = useRef(false);
  const [seenVersion, bumpSeen] = useReducer((n: number) => n + 1, 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: seenVersion is the reason to ask again
  const readerSeesNewest = useCallback(
    () => markerDecidedRef.current && (threadRef.current?.isAtEnd() ?? false),
    [seenVersion],
  );
  const thread = useInstantMessages(caseId, {
    groupId,
    enabled: !caseIdError,
    intervalMs: props.intervalMs,
    markReadWhenVisible: readerSeesNewest,
  });
  const { send, retry, discard } = useSendMessage(caseId, { groupId });
  const { busyIds, failed, done, dismissFailed, download } = useAttachmentDownload(groupId);
  const { messages, refetch } = thread;
  const view = chatView(
    {
      messageCount: messages.length,
      hasLoaded: thread.hasLoaded,
      error: thread.error,
      authRequired: thread.authRequired,
      isReconnecting: thread.isReconnecting,
      nextRetryAt: thread.nextRetryAt,
    },
    unread,
    caseIdError,
  );
  const unreadFromKey = useUnreadMarker(caseId, messages, thread.hasLoaded && !thread.error, unread.count);
  // Without a count (its poll failed) no marker comes: the thread's end is then the only rule.
  const markerDecided = unreadFromKey !== undefined || unread.error !== null;
  markerDecidedRef.current = markerDecided;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a decision is a reason to ask again
  useEffect(bumpSeen, [markerDecided]);

  const ticketStatus = unread.status ?? thread.ticketStatus;
  const closed = isClosedTicketStatus(ticketStatus);
  const authRequired = view.state === 'auth';
  // A bad case id (or group id) is the page's mistake: no Retry (nothing would change), no composer, and
  // the detail goes to the developer's console, not the user.
  const inputError = view.state === 'invalid' ? view.error : null;
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

  // Attachments: the composer uploads through the client; files dropped anywhere on the chat are taken.
  const { uploader, previews } = useAttachmentUploader(groupId, locale);
  const sectionRef = useRef<HTMLElement | null>(null);

  return (
    <section
      ref={sectionRef}
      className={className ? `tc-chat ${className}` : 'tc-chat'}
      aria-labelledby={titleId}
      data-state={view.state}
      data-closed={closed || undefined}
    >
      <ChatHeader
        titleId={titleId}
        title={props.title ?? strings.chatTitle}
        caseId={caseId}
        headingLevel={props.headingLevel ?? 2}
        ticketStatus={ticketStatus}
        statusKnown={unread.count !== undefined && !unread.error}
        liveChat={thread.chatStatus}
        locale={locale}
        strings={strings}
      />
      <ChatAlerts
        view={view}
        strings={strings}
        locale={locale}
        containerRef={alertsRef}
        onFocusLost={focusComposer}
        onRetryNow={refetch}
        onRetry={() => {
          refetch();
          if (authRequired) unread.refetch();
        }}
        onSignIn={props.onSignIn}
        olderError={thread.olderError}
        onRetryOlder={thread.loadOlder}
        failedDownload={failed}
        onRetryDownload={download}
        onDismissDownload={dismissFailed}
      />
      <div className="tc-visually-hidden" role="status">
        {done && strings.downloaded(done.name)}
      </div>
      <div className="tc-chat__body">
        {/* The empty-thread message only after a poll found nothing (see chatView). */}
        {view.body === 'none' ? null : view.body === 'skeleton' ? (
          <MessageThreadSkeleton locale={locale} />
        ) : (
          // A host's onAttachmentClick takes every attachment, images too (no built-in previews then).
          <ImagePreviewContext.Provider value={onAttachmentClick ? null : previews}>
            <MessageThread
              ref={threadRef}
              onAtEndChange={bumpSeen}
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
              onDiscard={(m) => {
                composerRef.current?.focus();
                discard(m.key);
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
