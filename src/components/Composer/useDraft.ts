import { useCallback, useEffect, useRef, useState } from 'react';
import { keepDraft, readDraft, storeDraft } from './draftStorage.ts';

/** How long typing must pause before the draft is written to storage. */
const WRITE_DELAY_MS = 400;

/**
 * The composer's text, kept as the draft under `key` (none: plain state). A new `key` shows that key's
 * draft; storage writes are debounced and flushed when the key changes, on unmount and on `pagehide`.
 * Returns the text, its setter, and `clear` (after a send) bound to the key it was rendered with.
 */
export function useDraft(
  key: string | undefined,
  persist: boolean,
): [text: string, setText: (text: string) => void, clear: () => void] {
  const load = (k: string | undefined) => ({ key: k, text: k === undefined ? '' : readDraft(k, persist) });
  const [state, setState] = useState(() => load(key));
  let current = state;
  if (state.key !== key) {
    // Another ticket: its own draft, in this same render (no flash of the previous one).
    current = load(key);
    setState(current);
  }

  const pending = useRef<{ key: string; text: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const write = pending.current;
    pending.current = null;
    if (write) storeDraft(write.key, write.text);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key flushes the previous key's write
  useEffect(() => {
    if (!persist) return;
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [persist, flush, key]);

  const setText = (text: string) => {
    setState({ key, text });
    if (key === undefined) return;
    keepDraft(key, text);
    if (!persist) return;
    pending.current = { key, text };
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, WRITE_DELAY_MS);
  };
  const clear = () => {
    setState((s) => (s.key === key ? { key, text: '' } : s));
    if (key === undefined) return;
    keepDraft(key, '');
    if (pending.current?.key === key) {
      clearTimeout(timer.current);
      pending.current = null;
    }
    if (persist) storeDraft(key, '');
  };
  return [current.text, setText, clear];
}
