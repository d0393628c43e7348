import type { RefObject } from 'react';
import { useIsomorphicLayoutEffect } from '../shared/hydration.ts';

/** True where the textarea grows by itself (`field-sizing: content`, Chromium 123+). */
const growsNatively = (): boolean =>
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

/**
 * Fallback for browsers without `field-sizing`: size the textarea to its content on every change.
 * The CSS `max-block-size` (about six lines) caps it; beyond that it scrolls.
 */
export function useAutoGrow(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the text changes
  useIsomorphicLayoutEffect(() => {
    const el = ref.current;
    if (!el || growsNatively()) return;
    el.style.blockSize = 'auto';
    // scrollHeight excludes borders; box-sizing is border-box in our sheet.
    const borders = el.offsetHeight - el.clientHeight;
    if (el.scrollHeight > 0) el.style.blockSize = `${el.scrollHeight + Math.max(0, borders)}px`;
    else el.style.removeProperty('block-size');
  }, [ref, value]);
}
