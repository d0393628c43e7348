import { useState, useSyncExternalStore } from 'react';
import { detached, loadMessageCode } from '../../client/createClient.ts';
import { codeLoadFailed, TicketChatError } from '../../client/errors.ts';
import { useServerRendered } from '../shared/hydration.ts';

// The chunk with the thread, the composer and everything only they use: one `import()` for the lazy
// `TicketChat` and the lazy `MessageThread`, so a bundler makes one chunk of it and one load serves both.
type ChatChunk = typeof import('./TicketChat.tsx');

let chunk: ChatChunk | undefined;
let loading: Promise<void> | undefined;
// A failed (or late) load, until a Retry loads again: thrown to an error boundary by a browser's own render,
// shown beside the chat (ChatChunkFailure) by a view still hydrating the server's HTML.
let failed: { error: unknown } | undefined;
const listeners = new Set<() => void>();
// A no-op: what a caught rejection does, and the failure where there is none.
const nothing = (): undefined => undefined;
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
  return load();
}

/**
 * The load, started if none is under way (with the message code's). A view that starts it bounds it by its
 * client's `timeoutMs`, as the client bounds the loads of its own code: a chunk not there by then fails as
 * a failed load does, with a `CODE_LOAD_FAILED` error (its Retry loads again, which a browser serves from
 * the same download), and a late chunk still completes: a chat hydrating the server's HTML renders once it is
 * there (its alert goes), a chat whose error boundary shows the alert renders at its Retry, at once.
 */
function load(ms?: number): Promise<void> {
  if (loading) return loading;
  loadMessageCode().catch(nothing);
  loading = detached(
    import('./TicketChat.tsx').then(async (module) => {
      // renderToString cannot wait for the thumbnails' lazy chunk either; a browser loads it with the
      // first image it shows, never eagerly. A thumbnail that failed to load suspends (its placeholder).
      if (typeof window === 'undefined') await module.preloadThumbnail().catch(nothing);
      // Also a late chunk: a view waiting for it renders now (one showing the failed-load alert, at Retry).
      chunk = module;
      failed = undefined;
      changed();
    }),
    undefined,
    ms,
    () => codeLoadFailed('chat', `did not load within ${ms} ms`),
  ).catch((cause: unknown) => {
    // What a failed import rejects with differs by engine (a TypeError in browsers): always this error.
    const error = cause instanceof TicketChatError ? cause : codeLoadFailed('chat', 'could not load', cause);
    loading = undefined;
    failed = { error };
    changed();
    throw error;
  });
  return loading;
}

// On a server the chunk loads with the package: a render after that never waits for it.
if (typeof window === 'undefined') preloadTicketChat().catch(nothing);

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
 * bounded by `timeoutMs` when given, and rendering again when it arrives, fails or is late). While it
 * loads, a server render or a hydration suspends (a thrown promise works with React 18 and 19 alike;
 * hydration keeps the server's HTML until it is there); a browser's own render gets undefined and shows
 * its placeholder as content (React holds a revealed Suspense fallback up to 300 ms more). A failed or
 * late load is thrown to the error boundary, except while hydrating: an error there would make React
 * replace the server's messages; the view keeps waiting (the failure and its Retry show beside it,
 * ChatChunkFailure) and hydrates once a load succeeds.
 */
export function useChatChunk(timeoutMs?: number): ChatChunk | undefined {
  const fromServer = useServerRendered();
  // Renders again at each change: the chunk's arrival, a failure, a wait past its bound.
  useSyncExternalStore(subscribe, current, current);
  // Started while rendering (idempotent, as React.lazy does), not after the commit: it goes out sooner.
  const pending = chunk || failed ? undefined : load(timeoutMs);
  pending?.catch(nothing);
  if (chunk) return chunk;
  // Settles at the next change: a Retry's load (pending again), its success or failure.
  if (failed && fromServer)
    throw new Promise<void>((resolve) => {
      const unsubscribe = subscribe(() => {
        unsubscribe();
        resolve();
      });
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
const current = () => chunk ?? failed;
const failure = () => (chunk ? undefined : failed);

/**
 * The failed load of a chat hydrating the server's HTML, for an alert beside that chat (which keeps the
 * server's messages; `retryChatChunk` lets hydration go on). Always undefined where the chat did not come
 * from a server's HTML: its error boundary shows the failure.
 */
export function useChunkFailureWhileHydrating(): { error: unknown } | undefined {
  // Whether this chat was hydrated, decided at its first render (a server's or the hydration's).
  const [hydrated] = useState(useServerRendered());
  return useSyncExternalStore(subscribe, hydrated ? failure : nothing, nothing);
}

/** Forgets the failure: the hydrating view waiting for that change loads the chunk again. */
export function retryChatChunk(): void {
  forgetChunkFailure(failed?.error);
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
