import { useSyncExternalStore } from 'react';

const COARSE = '(pointer: coarse)';
const media = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(COARSE) : null;

function subscribe(onChange: () => void): () => void {
  const subscribed = media();
  subscribed?.addEventListener('change', onChange);
  // Also asked again on the reader's next pointer press or focus: Chromium's emulation toggle (device mode)
  // was seen to flip `matches` without a change event reaching this list.
  const recheck = ['pointerdown', 'focusin'] as const;
  for (const type of recheck) window.addEventListener(type, onChange, { capture: true, passive: true });
  return () => {
    subscribed?.removeEventListener('change', onChange);
    for (const type of recheck) window.removeEventListener(type, onChange, { capture: true });
  };
}
const isCoarse = (): boolean => media()?.matches ?? false;

/**
 * True while the primary pointer is coarse (a touch screen): follows changes (a tablet docked to a
 * keyboard and trackpad, a device-mode toggle). False on the server and where `matchMedia` is missing.
 */
export function useCoarsePointer(): boolean {
  return useSyncExternalStore(subscribe, isCoarse, () => false);
}
