import { forwardRef, Suspense } from 'react';
import { ChatErrorBoundary, type ChatErrorInfo } from '../ChatErrorBoundary/ChatErrorBoundary.tsx';
import { ChatChunkServerGate, forgetChunkFailure, useChatChunk } from '../TicketChat/chatChunk.ts';
import type { MessageThreadHandle, MessageThreadProps } from './MessageThread.tsx';
import { MessageThreadSkeleton } from './MessageThreadSkeleton.tsx';

// The package's `MessageThread`: the thread lives in the chat chunk (chatChunk.ts) with `TicketChat`'s,
// so a page that imports only the badges or the hooks never loads it, whatever its bundler. Only types
// come from MessageThread.tsx here: nothing of the thread's files is reached statically.

function Skeleton({ locale, className }: Pick<MessageThreadProps, 'locale' | 'className'>) {
  return (
    <MessageThreadSkeleton
      {...(locale === undefined ? {} : { locale })}
      {...(className ? { className } : {})}
    />
  );
}

const LoadedThread = forwardRef<MessageThreadHandle, MessageThreadProps>(function LoadedThread(props, ref) {
  const chunk = useChatChunk();
  if (!chunk) return <Skeleton locale={props.locale} className={props.className} />;
  const { MessageThread } = chunk;
  return <MessageThread {...props} ref={ref} />;
});

/**
 * The message list of one ticket (see MessageThread.tsx for what it does). Its code loads at the first
 * mount, with `TicketChat`'s thread and composer: until then it shows the thread's skeleton, and the ref's
 * handle attaches when the thread renders. `preloadTicketChat()` loads it beforehand (await it before
 * `renderToString`; streaming renderers wait by themselves).
 *
 * `forwardRef`, not a `ref` prop: React 18 strips `ref` from props, so the handle would never attach there.
 */
export const MessageThread = forwardRef<MessageThreadHandle, MessageThreadProps>(
  function MessageThread(props, ref) {
    return (
      <ChatErrorBoundary
        onError={(error: unknown, info: ChatErrorInfo) => {
          // Shown: the boundary's Retry loads the chunk again.
          forgetChunkFailure(error);
          props.onError?.(error, info);
        }}
        locale={props.locale}
      >
        <ChatChunkServerGate />
        <Suspense fallback={<Skeleton locale={props.locale} className={props.className} />}>
          <LoadedThread {...props} ref={ref} />
        </Suspense>
      </ChatErrorBoundary>
    );
  },
);
