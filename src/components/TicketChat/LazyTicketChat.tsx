import { hashKey, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useId } from 'react';
import { caseIdProblem } from '../../client/validate.ts';
import { ticketChatKeys } from '../../query/keys.ts';
import { useTicketChatContext, useTicketChatLocale } from '../../query/TicketChatProvider.tsx';
import { threadQueryOptions } from '../../query/threadQueryOptions.ts';
import { useUnread } from '../../query/useUnread.ts';
import { ChatErrorBoundary, type ChatErrorInfo } from '../ChatErrorBoundary/ChatErrorBoundary.tsx';
import { getCoreStrings } from '../i18n/coreStrings.ts';
import { resolveLocale } from '../i18n/localeTag.ts';
import { MessageThreadSkeleton } from '../MessageThread/MessageThreadSkeleton.tsx';
import { ChatHeader } from './ChatHeader.tsx';
import { ChatChunkServerGate, forgetChunkFailure, loadedChatChunk, useChatChunk } from './chatChunk.ts';
import type { TicketChatProps } from './TicketChat.tsx';

// The thread, the composer and everything only they use are the chat chunk (chatChunk.ts), loaded at the
// first mount (or by `preloadTicketChat`). Once loaded it renders synchronously: a server that awaited the
// preload puts the whole chat in renderToString's HTML, and the browser hydrates it inside the same
// Suspense boundary (React keeps the server HTML until the chunk is there).
function LoadedView(props: TicketChatProps) {
  const chunk = useChatChunk();
  if (!chunk) return <TicketChatShell {...props} />;
  const { TicketChatView } = chunk;
  return <TicketChatView {...props} />;
}

/**
 * The whole conversation of one ticket: header (ticket status, live-chat flag), connection line, alerts,
 * thread, composer. Must be inside `<TicketChatProvider>`. The header and a skeleton of the thread and the
 * composer render at once; the thread query and the chunk with the rest start together at mount.
 */
export function TicketChat(props: TicketChatProps) {
  const { language } = useTicketChatLocale();
  const { caseId, groupId, intervalMs } = props;
  const { client, isPollingLeader, leaderThreads } = useTicketChatContext();
  const queryClient = useQueryClient();
  useEffect(() => {
    // Loaded: the thread's own query fetches at once. Else the poll must not wait for the chunk. The same
    // rule as the thread's query: no poll for a bad id, nor where another tab polls this thread.
    if (loadedChatChunk() || caseIdProblem(caseId)) return;
    if (!isPollingLeader && leaderThreads.has(hashKey(ticketChatKeys.thread(caseId, groupId)))) return;
    void queryClient.prefetchQuery(threadQueryOptions({ client, queryClient, caseId, groupId, intervalMs }));
  }, [client, queryClient, caseId, groupId, intervalMs, isPollingLeader, leaderThreads]);
  return (
    <ChatErrorBoundary
      onError={(error: unknown, info: ChatErrorInfo) => {
        // Shown: the boundary's Retry loads the chunk again.
        forgetChunkFailure(error);
        props.onError?.(error, info);
      }}
      locale={props.locale ?? language}
      resetKey={`${caseId}\n${groupId}`}
    >
      <ChatChunkServerGate />
      <Suspense fallback={<TicketChatShell {...props} />}>
        <LoadedView {...props} />
      </Suspense>
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
