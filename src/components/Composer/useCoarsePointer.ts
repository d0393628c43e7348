import { useSyncExternalStore } from 'react';

const COARSE = '(pointer: coarse)';
const media = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(COARSE) : null;

function subscribe(onChange: () => void): () => void {
  const list = media();
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}
const isCoarse = (): boolean => media()?.matches ?? false;

/**
 * True while the primary pointer is coarse (a touch screen): follows changes (a tablet docked to a
 * keyboard and trackpad, a device-mode toggle). False on the server and where `matchMedia` is missing.
 */
export function useCoarsePointer(): boolean {
  return useSyncExternalStore(subscribe, isCoarse, () => false);
}
