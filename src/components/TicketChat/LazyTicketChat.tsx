import { hashKey, useQueryClient } from '@tanstack/react-query';
import { memo, Suspense, useEffect, useId, useRef, useState } from 'react';
import { caseIdProblem } from '../../client/validate.ts';
import { ticketChatKeys } from '../../query/keys.ts';
import { useTicketChatContext, useTicketChatLocale } from '../../query/TicketChatProvider.tsx';
import { threadQueryOptions } from '../../query/threadQueryOptions.ts';
import { useUnread } from '../../query/useUnread.ts';
import { ChatErrorBoundary, type ChatErrorInfo } from '../ChatErrorBoundary/ChatErrorBoundary.tsx';
import { getCoreStrings } from '../i18n/coreStrings.ts';
import { resolveLocale } from '../i18n/localeTag.ts';
import { MessageThreadSkeleton } from '../MessageThread/MessageThreadSkeleton.tsx';
import { RetryAlert } from '../MessageThread/RetryAlert.tsx';
import { useIsomorphicLayoutEffect } from '../shared/hydration.ts';
import { ChatHeader } from './ChatHeader.tsx';
import {
  ChatChunkServerGate,
  forgetChunkFailure,
  loadedChatChunk,
  retryChatChunk,
  useChatChunk,
  useChunkFailureWhileHydrating,
} from './chatChunk.ts';
import type { TicketChatProps } from './TicketChat.tsx';

// The thread, the composer and everything only they use are the chat chunk (chatChunk.ts), loaded at the
// first mount (or by `preloadTicketChat`). Once loaded it renders synchronously: a server that awaited the
// preload puts the whole chat in renderToString's HTML, and the browser hydrates it inside the same
// Suspense boundary (React keeps the server HTML until the chunk is there).
function LoadedView(props: TicketChatProps) {
  // Waited for as long as the client waits for its own code: then the chat's alert (a late chunk still
  // renders, at Retry).
  const View = useChatChunk(useTicketChatContext().client.timeoutMs)?.TicketChatView ?? TicketChatShell;
  return <View {...props} />;
}

// Memoized: while the boundary still hydrates (its chunk loading), any update that reaches it makes React
// 18 and 19 throw the server's HTML away and show the fallback (unless the update is a transition). A
// re-render of the portal with the same props (its callbacks may be new functions) must not reach it.
const ChatBody = memo(function ChatBody(props: TicketChatProps) {
  return (
    <Suspense fallback={<TicketChatShell {...props} />}>
      <LoadedView {...props} />
    </Suspense>
  );
});

/**
 * A failed chunk load while the chat hydrates the server's HTML: the messages stay (the boundary keeps
 * waiting), this alert says so beside them, and its Retry loads the chunk again.
 */
function ChatChunkFailure(props: { locale: string; onError: NonNullable<TicketChatProps['onError']> }) {
  const failure = useChunkFailureWhileHydrating();
  const { onError } = props;
  useEffect(() => {
    if (failure) onError(failure.error, {});
  }, [failure, onError]);
  return (
    failure && (
      <RetryAlert
        message={getCoreStrings(props.locale).chatCodeFailed}
        onRetry={retryChatChunk}
        locale={props.locale}
      />
    )
  );
}

/**
 * The whole conversation of one ticket: header (ticket status, live-chat flag), connection line, alerts,
 * thread, composer. Must be inside `<TicketChatProvider>`. The header and a skeleton of the thread and the
 * composer render at once; the thread query and the chunk with the rest start together at mount.
 */
export function TicketChat(props: TicketChatProps) {
  // The callbacks ChatBody gets: the same functions at every render, calling the latest props' (read when
  // called, never while rendering).
  const latest = useRef(props);
  useIsomorphicLayoutEffect(() => {
    latest.current = props;
  });
  const [steady] = useState<{
    [Name in 'onAttachmentClick' | 'onSignIn' | 'onError']-?: NonNullable<TicketChatProps[Name]>;
  }>(() => ({
    onAttachmentClick: (attachment, message) => latest.current.onAttachmentClick?.(attachment, message),
    onSignIn: () => latest.current.onSignIn?.(),
    onError: (error, info) => latest.current.onError?.(error, info),
  }));
  const { language } = useTicketChatLocale();
  const { caseId, groupId, intervalMs } = props;
  const { client, isPollingLeader, leaderThreads } = useTicketChatContext();
  const queryClient = useQueryClient();
  // A layout effect: the prefetch starts in the first commit, before the browser paints it, not after (its
  // poll is sent as soon as the client's message code is there).
  useIsomorphicLayoutEffect(() => {
    // Loaded: the thread's own query fetches at once. Else the poll must not wait for the chunk (nor for
    // the client's message code: preloadTicketChat started it while rendering). The same rule as the
    // thread's query: no poll for a bad id, nor where another tab polls this thread. A thread already in
    // the cache (a server's, dehydrated) is not fetched before the chunk: the server's HTML still waiting
    // for it would then hydrate against newer messages (a mismatch); the view's own query polls once
    // mounted.
    if (loadedChatChunk() || caseIdProblem(caseId)) return;
    const key = ticketChatKeys.thread(caseId, groupId);
    if (queryClient.getQueryData(key) !== undefined) return;
    if (!isPollingLeader && leaderThreads.has(hashKey(key))) return;
    void queryClient.prefetchQuery(threadQueryOptions({ client, queryClient, caseId, groupId, intervalMs }));
  }, [client, queryClient, caseId, groupId, intervalMs, isPollingLeader, leaderThreads]);
  const locale = props.locale ?? language;
  return (
    <ChatErrorBoundary
      onError={(error: unknown, info: ChatErrorInfo) => {
        // Shown: the boundary's Retry loads the chunk again.
        forgetChunkFailure(error);
        props.onError?.(error, info);
      }}
      locale={locale}
      resetKey={`${caseId}\n${groupId}`}
    >
      <ChatChunkFailure locale={locale} onError={steady.onError} />
      <ChatChunkServerGate />
      <ChatBody
        {...props}
        onAttachmentClick={props.onAttachmentClick && steady.onAttachmentClick}
        onSignIn={props.onSignIn && steady.onSignIn}
        onError={props.onError && steady.onError}
      />
    </ChatErrorBoundary>
  );
}

/**
 * What `<TicketChat>` shows until its chunk is there: the same header, the thread's skeleton and the
 * composer's box in the chat's layout (nothing moves when the chunk replaces it). Nothing in it is
 * operable: the field takes no focus until the real composer is there.
 */
export function TicketChatShell(props: TicketChatProps) {
  const { caseId, groupId } = props;
  const { language } = useTicketChatLocale();
  const locale = resolveLocale(props.locale ?? language);
  const strings = getCoreStrings(locale);
  const titleId = useId();
  const unread = useUnread(caseId, { groupId, enabled: !caseIdProblem(caseId) });
  return (
    <section
      className={props.className ? `tc-chat ${props.className}` : 'tc-chat'}
      aria-labelledby={titleId}
      aria-busy="true"
      data-state="loading"
    >
      <ChatHeader
        titleId={titleId}
        title={props.title ?? strings.chatTitle}
        caseId={caseId}
        headingLevel={props.headingLevel ?? 2}
        ticketStatus={unread.status}
        statusKnown={unread.count !== undefined && !unread.error}
        liveChat={undefined}
        locale={locale}
        strings={strings}
      />
      <div className="tc-chat__body">
        <MessageThreadSkeleton locale={locale} />
      </div>
      <div className="tc-composer tc-chat__composer" data-loading="" aria-hidden="true">
        <div className="tc-composer__box">
          <span className="tc-composer__attach" />
          <textarea
            className="tc-composer__field"
            rows={1}
            readOnly
            tabIndex={-1}
            placeholder={strings.composerPlaceholder}
          />
          <span className="tc-composer__send" aria-disabled="true">
            <svg viewBox="0 0 20 20" width="18" height="18" focusable="false" />
            <span className="tc-composer__send-label">{strings.send}</span>
          </span>
        </div>
        <div className="tc-composer__footer">
          <span className="tc-composer__hint">{strings.composerHint}</span>
        </div>
      </div>
    </section>
  );
}
