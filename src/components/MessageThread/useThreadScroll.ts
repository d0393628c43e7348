import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { ThreadMessage } from '../../query/types.ts';
import { useIsomorphicLayoutEffect } from '../shared/hydration.ts';
import type { RowsHandle } from './rowsHandle.ts';
import { type SettleCount, settleStep } from './settle.ts';
import { diffThread, type ThreadDiff } from './threadDiff.ts';

/** "At the bottom" tolerates this much (sub-pixel rounding, zoom). */
export const BOTTOM_SLACK_PX = 8;
/** Scrolling up to within this distance of the top asks for older messages. */
const LOAD_OLDER_ZONE_PX = 160;
/** Space kept above the "New messages" separator when a thread opens at it. */
export const UNREAD_LANDING_MARGIN_PX = 8;
/** Row key of the unread separator (threadLayout). */
const UNREAD_ROW_KEY = 'unread';

interface Anchor {
  key: string;
  /** Top of the row relative to the viewport top, px. */
  offset: number;
}

function messageElements(viewport: HTMLElement): HTMLElement[] {
  return Array.from(viewport.querySelectorAll<HTMLElement>('[data-message-key]'));
}

/** The rendered row with this key: a message, or a separator (the unread landing anchors on one). */
function rowElement(viewport: HTMLElement, key: string): HTMLElement | undefined {
  return Array.from(viewport.querySelectorAll<HTMLElement>('[data-row-key]')).find(
    (e) => (e.dataset.messageKey ?? e.dataset.rowKey) === key,
  );
}

const atBottom = (viewport: HTMLElement) =>
  viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight <= BOTTOM_SLACK_PX;

/** The first message whose bottom is below the viewport top (binary search: rows are in DOM order). */
function findAnchor(viewport: HTMLElement): Anchor | null {
  const els = messageElements(viewport);
  const top = viewport.getBoundingClientRect().top;
  let lo = 0;
  let hi = els.length - 1;
  let found: HTMLElement | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const el = els[mid] as HTMLElement;
    if (el.getBoundingClientRect().bottom > top + 1) {
      found = el;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  if (!found) return null;
  return { key: found.dataset.messageKey ?? '', offset: found.getBoundingClientRect().top - top };
}

export interface ThreadScrollOptions {
  viewportRef: RefObject<HTMLDivElement | null>;
  contentRef: RefObject<HTMLDivElement | null>;
  /** The element after the last row: where the thread ends. */
  endRef: RefObject<HTMLDivElement | null>;
  handleRef: RefObject<RowsHandle | null>;
  messages: readonly ThreadMessage[];
  /** Which list renders the rows; a change swaps the DOM, so the reader's place is restored. */
  mode: 'plain' | 'virtual';
  canLoadOlder: boolean;
  /**
   * Key of the first unread message. The first time it is set (on mount, or once the marker is decided
   * just after) and the reader has not scrolled, the view opens at the unread separator, unless
   * everything from it on fits, which keeps the bottom pin.
   */
  unreadFromKey: string | null | undefined;
  onLoadOlder: (() => void) | undefined;
  /** Called once per change of `messages` after the mount (the first render is not a batch). */
  onBatch: (diff: ThreadDiff) => void;
  /** Called when the view starts or stops showing the newest message to the reader (see `isAtEnd`). */
  onAtEndChange?: ((atEnd: boolean) => void) | undefined;
}

/**
 * The scroll rules. Whether the reader is at the bottom, and which message is at the top of the view, are
 * recorded on every scroll event (so they describe the view BEFORE new rows render). After a change:
 * pinned → stay at the bottom; the user sent → go to the bottom; otherwise → put the recorded message
 * back at its recorded offset (works for appends, prepends and re-layouts alike) and count what arrived.
 * Opening with unread messages that do not fit: the unread separator at the top, then the same rules.
 */
export function useThreadScroll(options: ThreadScrollOptions) {
  const { viewportRef, contentRef, handleRef, messages, mode } = options;
  const pinnedRef = useRef(true);
  const anchorRef = useRef<Anchor | null>(null);
  const prevMessagesRef = useRef<readonly ThreadMessage[] | null>(null);
  const lastScrollTopRef = useRef(0);
  const olderRequestedRef = useRef(false);
  /** While set, the recorded anchor is re-applied on every size change and not re-recorded. */
  const settlingRef = useRef(false);
  const settleRunRef = useRef(0);
  const resizedRef = useRef(false);
  /** The open-at-unread decision was taken (or the reader took over first): it happens once. */
  const landedRef = useRef(false);
  const latest = useRef(options);
  latest.current = options;
  const [unseen, setUnseen] = useState(0);
  const reportedAtEndRef = useRef<boolean | null>(null);
  /** The thread's end is on screen (IntersectionObserver); without one (jsdom, old engines), always, as before. */
  const onScreenRef = useRef(typeof IntersectionObserver === 'undefined');
  /**
   * The view follows the newest message (not while it opens at an unread separator above) and the reader can
   * see it: the thread's end intersects the browser's viewport (nothing for display:none, a closed
   * <details>, off-screen or below the fold) and, where the engine tells, is not visibility:hidden or
   * opacity 0. Occlusion by other elements is not detected.
   */
  const isAtEnd = useCallback(
    () =>
      pinnedRef.current &&
      onScreenRef.current &&
      (latest.current.endRef.current?.checkVisibility?.({
        visibilityProperty: true,
        opacityProperty: true,
      }) ??
        true),
    [],
  );
  /** Tells the owner when `isAtEnd` flips. */
  const report = useCallback(() => {
    const atEnd = isAtEnd();
    if (reportedAtEndRef.current === atEnd) return;
    reportedAtEndRef.current = atEnd;
    latest.current.onAtEndChange?.(atEnd);
  }, [isAtEnd]);
  /** The one writer of the bottom pin. */
  const setPinned = useCallback(
    (pinned: boolean) => {
      pinnedRef.current = pinned;
      report();
    },
    [report],
  );

  const scrollToBottom = useCallback(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    setPinned(true);
    viewport.scrollTop = viewport.scrollHeight;
    handleRef.current?.scrollToEnd();
    setUnseen(0);
  }, [viewportRef, handleRef, setPinned]);

  const restore = useCallback(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    if (pinnedRef.current) {
      viewport.scrollTop = viewport.scrollHeight;
      return;
    }
    const anchor = anchorRef.current;
    if (!anchor) return;
    const el = rowElement(viewport, anchor.key);
    if (el) {
      const delta = el.getBoundingClientRect().top - viewport.getBoundingClientRect().top - anchor.offset;
      if (Math.abs(delta) >= 0.5) viewport.scrollTop += delta;
    } else {
      handleRef.current?.revealKey(anchor.key, anchor.offset);
    }
  }, [viewportRef, handleRef]);

  const startSettling = useCallback(
    ({ landing = false }: { landing?: boolean } = {}) => {
      settlingRef.current = true;
      resizedRef.current = false;
      // A newer change restarts the count; the older loop sees it is stale and stops.
      const run = ++settleRunRef.current;
      let count: SettleCount = { frames: 0, quiet: 0 };
      const tick = () => {
        if (!settlingRef.current || run !== settleRunRef.current) return;
        const layoutPending = handleRef.current?.isLayoutPending() ?? false;
        const { done, ...next } = settleStep(count, { resized: resizedRef.current, layoutPending });
        count = next;
        resizedRef.current = false;
        if (!done) {
          requestAnimationFrame(tick);
          return;
        }
        settlingRef.current = false;
        const viewport = viewportRef.current;
        if (!viewport) return;
        // The last render may have moved rows without resizing anything (no observer call): place the
        // anchor once more from the final layout before recording the view again.
        restore();
        anchorRef.current = findAnchor(viewport);
        // An unread landing whose rows, measured, all fit after all: the usual pin.
        if (landing && atBottom(viewport)) setPinned(true);
      };
      requestAnimationFrame(tick);
    },
    [viewportRef, handleRef, restore, setPinned],
  );

  // Record the reader's position on every scroll. Capture phase: at the target, capture listeners run
  // before the virtualizer's own listener, which may re-render synchronously.
  useIsomorphicLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const onScroll = () => {
      const distance = viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight;
      const movedUp = viewport.scrollTop < lastScrollTopRef.current - 0.5;
      lastScrollTopRef.current = viewport.scrollTop;
      // Only moving up leaves the bottom: content growing below (or the virtualizer correcting its
      // estimates) also fires scroll events and must not unpin a reader who did nothing.
      // While settling, scroll events are the rows being measured (the reader's own wheel, touch, pointer or
      // key ends settling first), so they never unpin.
      if (distance <= BOTTOM_SLACK_PX) setPinned(true);
      else if (movedUp && !settlingRef.current) setPinned(false);
      if (pinnedRef.current) setUnseen(0);
      if (!settlingRef.current) anchorRef.current = findAnchor(viewport);
      const { canLoadOlder, onLoadOlder } = latest.current;
      if (movedUp && viewport.scrollTop < LOAD_OLDER_ZONE_PX && canLoadOlder && !olderRequestedRef.current) {
        olderRequestedRef.current = true;
        onLoadOlder?.();
      }
    };
    // The reader taking over ends settling at once.
    const stopSettling = () => {
      settlingRef.current = false;
      landedRef.current = true;
    };
    const intents = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
    viewport.addEventListener('scroll', onScroll, { capture: true, passive: true });
    for (const type of intents) viewport.addEventListener(type, stopSettling, { passive: true });
    return () => {
      viewport.removeEventListener('scroll', onScroll, { capture: true });
      for (const type of intents) viewport.removeEventListener(type, stopSettling);
    };
  }, [viewportRef, setPinned]);

  // Whether the thread's end is on screen. `visibility` is inherited: its transition on the end
  // (MessageThread.css) runs when an ancestor's changes, which moves nothing the observer sees. At its
  // end, not its start: WebKit still answers checkVisibility() with the old value at transitionrun.
  useEffect(() => {
    const end = latest.current.endRef.current;
    if (!end || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) onScreenRef.current = entry.isIntersecting && entry.intersectionRatio > 0;
      report();
    });
    observer.observe(end);
    end.addEventListener('transitionend', report);
    return () => {
      observer.disconnect();
      end.removeEventListener('transitionend', report);
    };
  }, [report]);

  // A new request may be made once the last one finished.
  const canLoadOlder = options.canLoadOlder;
  useEffect(() => {
    if (canLoadOlder) olderRequestedRef.current = false;
  }, [canLoadOlder]);

  // Size changes (fonts, width, the composer growing, virtual rows measured): keep the rule.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a mode change swaps the observed content element
  useIsomorphicLayoutEffect(() => {
    const viewport = viewportRef.current;
    const content = contentRef.current;
    if (!viewport || !content || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      resizedRef.current = true;
      // In virtual mode the virtualizer compensates its own measurements; only the bottom pin is ours.
      if (pinnedRef.current || latest.current.mode === 'plain' || settlingRef.current) restore();
    });
    observer.observe(viewport);
    observer.observe(content);
    return () => observer.disconnect();
  }, [viewportRef, contentRef, restore, mode]);

  useIsomorphicLayoutEffect(() => {
    const prev = prevMessagesRef.current;
    prevMessagesRef.current = messages;
    if (prev === null) {
      scrollToBottom();
      return;
    }
    if (prev === messages) return;
    const diff = diffThread(prev, messages);
    if (diff.sentLocally || diff.replaced) scrollToBottom();
    else {
      if (!pinnedRef.current && latest.current.mode === 'virtual') startSettling();
      restore();
    }
    if (diff.prepended > 0) olderRequestedRef.current = false;
    if (!pinnedRef.current && diff.arrived.length > 0) setUnseen((n) => n + diff.arrived.length);
    if (diff.replaced) setUnseen(0);
    latest.current.onBatch(diff);
  }, [messages, scrollToBottom, restore, startSettling]);

  // Opening at the first unread message. After the bottom pin of the first render, in the same commit:
  // the separator goes UNREAD_LANDING_MARGIN_PX below the top, then settles like any anchor (virtual rows
  // get measured, the virtual list may arrive later: restore finds the separator there by its key).
  const unreadFromKey = options.unreadFromKey;
  useIsomorphicLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (landedRef.current || unreadFromKey == null || !viewport || messages.length === 0) return;
    landedRef.current = true;
    setPinned(false);
    anchorRef.current = { key: UNREAD_ROW_KEY, offset: UNREAD_LANDING_MARGIN_PX };
    restore();
    if (atBottom(viewport)) {
      // Everything from the separator on fits: the usual pin.
      scrollToBottom();
      // A virtual list still measuring may yet grow past the viewport: settle on the separator then.
      if (latest.current.mode === 'plain') return;
      setPinned(false);
    }
    startSettling({ landing: true });
  }, [unreadFromKey, messages, viewportRef, restore, scrollToBottom, startSettling, setPinned]);

  // The rows were swapped between the plain and the virtual list.
  const modeRef = useRef(mode);
  useIsomorphicLayoutEffect(() => {
    if (modeRef.current === mode) return;
    modeRef.current = mode;
    // Pinned or not: the new list's first frames (its scroller set up, rows measured) must not move the reader.
    startSettling();
    restore();
  }, [mode, restore, startSettling]);

  return { unseen, scrollToBottom, isAtEnd };
}
