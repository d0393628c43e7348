import { useEffect, useState, useSyncExternalStore } from 'react';
import { loadMessageCode } from '../../client/createClient.ts';
import { useServerRendered } from '../shared/hydration.ts';

// The chunk with the thread, the composer and everything only they use: one `import()` for the lazy
// `TicketChat` and the lazy `MessageThread`, so a bundler makes one chunk of it and one load serves both.
type ChatChunk = typeof import('./TicketChat.tsx');

let chunk: ChatChunk | undefined;
let loading: Promise<void> | undefined;
// A failed load, until a Retry loads again: thrown to an error boundary by a browser's own render, shown
// beside the chat (ChatChunkFailure) by a view still hydrating the server's HTML.
let failed: { error: unknown } | undefined;
const listeners = new Set<() => void>();
const changed = () => {
  for (const listener of listeners) listener();
};

/**
 * Loads the chunk `<TicketChat>` renders its thread and composer from, and `<MessageThread>` its thread
 * (on a server also the image thumbnails' chunk), and starts loading the client's message code, which the
 * first messages need too (their poll then does not wait for the first commit to start that download).
 * Both components start it themselves at mount; await it before `renderToString` for the server HTML to
 * hold the messages (streaming renderers such as Next.js's wait for it by themselves). Resolves at once
 * when loaded; rejects if the chunk fails.
 */
export function preloadTicketChat(): Promise<void> {
  if (!loading) loadMessageCode().catch(() => {});
  loading ??= import('./TicketChat.tsx').then(
    async (module) => {
      // renderToString cannot wait for the thumbnails' lazy chunk either; a browser loads it with the
      // first image it shows, never eagerly. A thumbnail that failed to load suspends (its placeholder).
      if (typeof window === 'undefined') await module.preloadThumbnail().catch(() => {});
      chunk = module;
      failed = undefined;
      changed();
    },
    (error: unknown) => {
      loading = undefined;
      failed = { error };
      changed();
      throw error;
    },
  );
  return loading;
}

// On a server the chunk loads with the package: a render after that never waits for it.
if (typeof window === 'undefined') preloadTicketChat().catch(() => {});

/** The chunk if it is there, else undefined (no load started). */
export function loadedChatChunk(): ChatChunk | undefined {
  return chunk;
}

/** For an error boundary's onError: the load failure it shows is forgotten, so its Retry loads again. */
export function forgetChunkFailure(error: unknown): void {
  if (failed?.error !== error) return;
  failed = undefined;
  changed();
}

/**
 * The chunk for a render below a Suspense boundary: the module once loaded (starting the load otherwise,
 * and rendering again when it arrives). While it loads, a server render or a hydration suspends (a thrown
 * promise works with React 18 and 19 alike; hydration keeps the server's HTML until it is there); a
 * browser's own render gets undefined and shows its placeholder as content (React holds a revealed
 * Suspense fallback up to 300 ms more). A failed load is thrown to the error boundary, except while
 * hydrating: an error there would make React replace the server's messages; the view keeps waiting (the
 * failure and its Retry show beside it, ChatChunkFailure) and hydrates once a load succeeds.
 */
export function useChatChunk(): ChatChunk | undefined {
  const fromServer = useServerRendered();
  const [, setArrived] = useState(false);
  // Started while rendering (idempotent, as React.lazy does), not after the commit: it goes out sooner.
  const pending = chunk || failed ? undefined : preloadTicketChat();
  pending?.catch(() => {});
  useEffect(() => {
    const arrived = () => setArrived(true);
    pending?.then(arrived, arrived);
  }, [pending]);
  if (chunk) return chunk;
  // Settles at the next change: a Retry's load (pending again), its success or failure.
  if (failed && fromServer)
    throw new Promise<void>((resolve) => {
      const once = () => {
        listeners.delete(once);
        resolve();
      };
      listeners.add(once);
    });
  if (failed) throw failed.error;
  if (fromServer) throw pending;
  return undefined;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
const failure = () => (chunk ? undefined : failed);
const noFailure = () => undefined;

/**
 * The failed load of a chat hydrating the server's HTML, for an alert beside that chat (which keeps the
 * server's messages; `retryChatChunk` lets hydration go on). Always undefined where the chat did not come
 * from a server's HTML: its error boundary shows the failure.
 */
export function useChunkFailureWhileHydrating(): { error: unknown } | undefined {
  // Whether this chat was hydrated, decided at its first render (a server's or the hydration's).
  const [hydrated] = useState(useServerRendered());
  const current = useSyncExternalStore(subscribe, failure, noFailure);
  return hydrated ? current : undefined;
}

/** Forgets the failure and loads the chunk again. */
export function retryChatChunk(): void {
  if (failed) forgetChunkFailure(failed.error);
  preloadTicketChat().catch(() => {});
}

/**
 * On a server, waits for the chunk ABOVE a Suspense boundary: a streaming renderer then holds the page
 * (or the host's own boundary) until the view renders with its content, instead of streaming the
 * placeholder first. renderToString cannot wait: `preloadTicketChat()` before it. Renders nothing.
 */
export function ChatChunkServerGate(): null {
  if (typeof window === 'undefined' && !chunk && !failed) throw preloadTicketChat();
  return null;
}
