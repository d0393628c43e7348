import { useCallback, useId, useState } from 'react';
import type { Attachment } from '../../client/types.ts';
import { CLOSED_TICKET_STATUSES } from '../../query/pollingPolicy.ts';
import { useTicketChatLocale } from '../../query/TicketChatProvider.tsx';
import type { ThreadMessage } from '../../query/types.ts';
import { useInstantMessages } from '../../query/useInstantMessages.ts';
import { useSendMessage } from '../../query/useSendMessage.ts';
import { useUnread } from '../../query/useUnread.ts';
import { Composer } from '../Composer/Composer.tsx';
import { getStrings, resolveLocale } from '../i18n/locale.ts';
import { MessageThread } from '../MessageThread/MessageThread.tsx';
import { MessageThreadSkeleton } from '../MessageThread/MessageThreadSkeleton.tsx';
import { ThreadAlert } from '../MessageThread/ThreadAlert.tsx';
import { ChatHeader } from './ChatHeader.tsx';
import { alertTextOf, presentationOf } from './describeError.ts';
import { SessionExpired } from './SessionExpired.tsx';
import { useAttachmentDownload } from './useAttachmentDownload.ts';
import { useUnreadMarker } from './useUnreadMarker.ts';

export interface TicketChatProps {
  caseId: string;
  groupId?: string;
  /** Poll interval of the thread while the page is visible, default 3000 ms. */
  intervalMs?: number;
  /** Language of the texts, e.g. 'en-US' or 'zh-cn'. Default: the client's language. */
  locale?: string;
  /** The VIEWER's IANA time zone for times and day separators. Default: the browser's. */
  timeZone?: string;
  /** Replaces the built-in download (e.g. to preview files). */
  onAttachmentClick?: (attachment: Attachment, message: ThreadMessage) => void;
  /** Called from the "Sign in" button of the expired-session state (the portal owns sign-in). */
  onSignIn?: () => void;
  /** Header title, default the catalog's "Support chat". */
  title?: string;
  /** Level of the header's heading, default 2. */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  className?: string;
}

/**
 * The whole conversation of one ticket: header (ticket status, live-chat flag), thread, composer, and
 * the error states. Must be inside `<TicketChatProvider>`. An error never hides messages already shown.
 */
export function TicketChat(props: TicketChatProps) {
  const { caseId, groupId, intervalMs, timeZone, onAttachmentClick, onSignIn, className } = props;
  const { language } = useTicketChatLocale();
  const locale = resolveLocale(props.locale ?? language);
  const strings = getStrings(locale);
  const titleId = useId();

  const group = groupId !== undefined ? { groupId } : {};
  const unread = useUnread(caseId, group);
  // Mark read only once the first unread answer is in: it also carries the ticket status, and the batcher
  // drops answers for a case whose mark-read is in flight.
  const unreadKnown = unread.count !== undefined || unread.error !== null;
  const thread = useInstantMessages(caseId, {
    ...group,
    ...(intervalMs !== undefined ? { intervalMs } : {}),
    markReadWhenVisible: unreadKnown,
  });
  const sender = useSendMessage(caseId, group);
  const attachments = useAttachmentDownload(groupId);

  const unreadFromKey = useUnreadMarker(
    caseId,
    thread.messages,
    !thread.isLoading && thread.error === null,
    unread.count,
  );
  const ticketStatus = unread.status ?? thread.ticketStatus;
  const closed = ticketStatus !== undefined && CLOSED_TICKET_STATUSES.has(ticketStatus);
  const { messages, error, refetch } = thread;
  const presentation = error ? presentationOf(error) : null;
  const authRequired = presentation === 'auth' || unread.error?.kind === 'auth';
  const reconnecting = presentation === 'reconnecting';

  const { refetch: refetchUnread } = unread;
  const retryAfterAuth = useCallback(() => {
    refetch();
    refetchUnread();
  }, [refetch, refetchUnread]);

  // Bumped on every send: MessageThread scrolls to the bottom when it changes.
  const [sentCount, setSentCount] = useState(0);
  const { send, retry } = sender;
  const onSend = useCallback(
    (content: string) => {
      send(content);
      setSentCount((n) => n + 1);
    },
    [send],
  );
  const onRetry = useCallback((m: ThreadMessage) => retry(m.key), [retry]);

  const state = authRequired
    ? 'auth'
    : presentation === 'alert'
      ? 'error'
      : reconnecting
        ? 'reconnecting'
        : thread.isLoading
          ? 'loading'
          : 'ready';
  // Nothing to show yet: a skeleton, also while reconnecting (an empty-thread message would be wrong).
  const showSkeleton = messages.length === 0 && (thread.isLoading || reconnecting);

  const classes = className ? `tc-chat ${className}` : 'tc-chat';
  return (
    <section
      className={classes}
      aria-labelledby={titleId}
      data-state={state}
      data-closed={closed || undefined}
    >
      <ChatHeader
        caseId={caseId}
        title={props.title ?? strings.chatTitle}
        titleId={titleId}
        headingLevel={props.headingLevel ?? 2}
        ticketStatus={ticketStatus}
        showStatus={ticketStatus !== undefined || (unread.count !== undefined && unread.error === null)}
        chatStatus={thread.chatStatus}
        locale={locale}
        strings={strings}
      />
      {/* Always mounted, so screen readers pick up the text when it appears. */}
      <div className="tc-chat__connection" role="status" data-visible={reconnecting || undefined}>
        {reconnecting && (
          <>
            <span className="tc-chat__spinner" aria-hidden="true" />
            {strings.reconnecting}
          </>
        )}
      </div>
      {(authRequired || presentation === 'alert' || thread.olderError || attachments.failure) && (
        <div className="tc-chat__alerts">
          {authRequired ? (
            <SessionExpired strings={strings} onRetry={retryAfterAuth} onSignIn={onSignIn} />
          ) : (
            error &&
            presentation === 'alert' && (
              <ThreadAlert message={alertTextOf(error, strings)} onRetry={refetch} locale={locale} />
            )
          )}
          {thread.olderError && (
            <ThreadAlert message={strings.olderFailed} onRetry={thread.loadOlder} locale={locale} />
          )}
          {attachments.failure && (
            <ThreadAlert
              message={strings.downloadFailed(attachments.failure.attachment.name)}
              onRetry={() => attachments.failure && attachments.download(attachments.failure.attachment)}
              locale={locale}
            />
          )}
        </div>
      )}
      <div className="tc-chat__body">
        {showSkeleton ? (
          <MessageThreadSkeleton locale={locale} />
        ) : (
          <MessageThread
            messages={messages}
            locale={locale}
            timeZone={timeZone}
            onAttachmentClick={onAttachmentClick ?? ((a: Attachment) => attachments.download(a))}
            busyAttachmentIds={attachments.busyIds}
            unreadFromKey={unreadFromKey}
            onLoadOlder={thread.loadOlder}
            hasOlder={thread.hasOlder}
            isLoadingOlder={thread.isLoadingOlder}
            onRetry={onRetry}
            scrollToBottomSignal={sentCount}
          />
        )}
      </div>
      <Composer
        className="tc-chat__composer"
        locale={locale}
        onSend={onSend}
        disabled={closed || authRequired}
        disabledReason={closed ? strings.composerClosed : strings.composerSignedOut}
      />
    </section>
  );
}
