import { useEffect, useState, useSyncExternalStore } from 'react';

// The chunk with the thread, the composer and everything only they use: one `import()` for the lazy
// `TicketChat` and the lazy `MessageThread`, so a bundler makes one chunk of it and one load serves both.
type ChatChunk = typeof import('./TicketChat.tsx');

let chunk: ChatChunk | undefined;
let loading: Promise<void> | undefined;
// A failed load, thrown to an error boundary once; its Retry then loads again.
let failed: { error: unknown } | undefined;

/**
 * Loads the chunk `<TicketChat>` renders its thread and composer from, and `<MessageThread>` its thread.
 * Both start it themselves at mount; await it before `renderToString` for the server HTML to hold the
 * messages (streaming renderers such as Next.js's wait for it by themselves). Resolves at once when
 * loaded; rejects if the chunk fails.
 */
export function preloadTicketChat(): Promise<void> {
  loading ??= import('./TicketChat.tsx').then(
    (module) => {
      chunk = module;
    },
    (error: unknown) => {
      loading = undefined;
      failed = { error };
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
  if (failed?.error === error) failed = undefined;
}

const subscribeNothing = () => () => {};

/**
 * The chunk for a render below a Suspense boundary: the module once loaded (starting the load otherwise,
 * and rendering again when it arrives). While it loads, a server render or a hydration suspends (a thrown
 * promise works with React 18 and 19 alike; hydration keeps the server's HTML until it is there); a
 * browser's own render gets undefined and shows its placeholder as content (React holds a revealed
 * Suspense fallback up to 300 ms more). A failed load is thrown to the error boundary.
 */
export function useChatChunk(): ChatChunk | undefined {
  // True while rendering on a server or hydrating its HTML, false in a browser's own renders.
  const fromServer = useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
  const [, setArrived] = useState(false);
  // Started while rendering (idempotent, as React.lazy does), not after the commit: it goes out sooner.
  const pending = chunk || failed ? undefined : preloadTicketChat();
  pending?.catch(() => {});
  useEffect(() => {
    const arrived = () => setArrived(true);
    pending?.then(arrived, arrived);
  }, [pending]);
  if (chunk) return chunk;
  if (failed) throw failed.error;
  if (fromServer) throw pending;
  return undefined;
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
