/**
 * The virtualized list, loaded with a dynamic import only once a thread has more rows than about fit a
 * view (MessageThread's virtualizeAfter; the virtualizer is ~10 kB, a short ticket never needs it). Sizes are measured per row and cached by row key, so they
 * survive prepends; anchorTo 'end' keeps the visible row in place when older rows are inserted above.
 */
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, type RefObject, useCallback, useImperativeHandle, useRef, useState } from 'react';
import { useIsomorphicLayoutEffect } from '../shared/hydration.ts';
import type { RowsHandle } from './rowsHandle.ts';
import type { ThreadRow } from './threadLayout.ts';

export interface VirtualRowsProps {
  rows: readonly ThreadRow[];
  viewportRef: RefObject<HTMLDivElement | null>;
  contentRef: RefObject<HTMLDivElement | null>;
  handleRef: RefObject<RowsHandle | null>;
  renderRow: (row: ThreadRow) => ReactNode;
}

// First guesses of a row's height before it is measured (14px text, ~18px lines, ~80 characters a line);
// closer guesses mean smaller corrections as rows get measured.
const LINE_PX = 18;
const CHARACTERS_PER_LINE = 80;
const estimate = (row: ThreadRow | undefined): number => {
  if (row?.kind !== 'message') return 36;
  const lines = Math.min(12, Math.max(1, Math.ceil(row.message.content.length / CHARACTERS_PER_LINE)));
  const startsGroup = row.groupPosition === 'first' || row.groupPosition === 'single';
  return (startsGroup ? 58 : 32) + lines * LINE_PX;
};

function estimatedTotal(rows: readonly ThreadRow[]): number {
  let total = 0;
  for (const row of rows) total += estimate(row);
  return total;
}

/** Index of the row holding the focus, -1 when the focus is not in a row. */
function focusedRowIndex(content: HTMLElement | null, rows: readonly ThreadRow[]): number {
  const active = typeof document === 'undefined' ? null : document.activeElement;
  if (!content || !active || !content.contains(active)) return -1;
  const key = active.closest<HTMLElement>('[data-row-key]')?.dataset.rowKey;
  return key === undefined ? -1 : rows.findIndex((row) => row.key === key);
}

const initialViewportHeight = () => (typeof window === 'undefined' ? 0 : window.innerHeight);

export default function VirtualRows({
  rows,
  viewportRef,
  contentRef,
  handleRef,
  renderRow,
}: VirtualRowsProps) {
  // Stable per rows: the virtualizer recomputes every row's position whenever getItemKey changes identity.
  const estimateSize = useCallback((i: number) => estimate(rows[i]), [rows]);
  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  // The "load older" area sits above the rows inside the same scroller: its height, observed (reading it
  // while rendering, or in every commit, would force a layout each time).
  const [scrollMargin, setScrollMargin] = useState(0);
  // The row holding the focus stays rendered wherever the reader scrolls (a link, a Retry): unmounting it
  // would drop the focus to <body>. Asked whenever the range changes, while that row is still in the DOM;
  // by its key, as a prepend moves its index. (No focus events: an engine whose window is not focused
  // moves the focus without them.)
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const focused = focusedRowIndex(contentRef.current, rowsRef.current);
      if (focused < 0 || indexes.includes(focused)) return indexes;
      return [...indexes, focused].sort((a, b) => a - b);
    },
    [contentRef],
  );
  // Changes of the virtualizer, and the last one React committed. A change re-renders us asynchronously
  // (useFlushSync off), after any number of frames: until then the rows stand where they were.
  const changesRef = useRef(0);
  const committedRef = useRef(0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    // Our own element's parent is the scroller: it exists when our layout effects run (the parent's ref
    // is attached only after them).
    getScrollElement: () => contentRef.current?.parentElement ?? viewportRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 4,
    scrollMargin,
    anchorTo: 'end',
    scrollEndThreshold: 8,
    useFlushSync: false,
    // A thread opens at its newest rows: start there, with the window's height as a first guess of the
    // viewport's, so the first render already holds the rows that stay (none from the top of the thread).
    initialOffset: () => Math.max(0, estimatedTotal(rows) - initialViewportHeight()),
    initialRect: { width: 0, height: initialViewportHeight() },
    onChange: () => {
      changesRef.current += 1;
    },
  });
  useIsomorphicLayoutEffect(() => {
    const content = contentRef.current;
    if (!content) return;
    const read = () => setScrollMargin(content.offsetTop);
    read();
    // What sits above us in the scroller (the "load older" area) changes that offset when it resizes.
    const top = content.previousElementSibling;
    if (!top || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(top);
    return () => observer.disconnect();
  }, [contentRef]);

  useImperativeHandle(
    handleRef,
    () => ({
      scrollToEnd: () => virtualizer.scrollToEnd(),
      revealKey: (key, offset) => {
        const index = rows.findIndex((r) => r.key === key);
        const item = index < 0 ? undefined : virtualizer.measurementsCache[index];
        if (!item) return false;
        const viewport = viewportRef.current;
        if (!viewport) return false;
        // A plain write, not scrollToOffset: the virtualizer's reconcile loop would keep the absolute
        // target while rows get measured, fighting the anchor correction that follows.
        viewport.scrollTop = Math.max(0, item.start - offset);
        return true;
      },
      isLayoutPending: () => changesRef.current !== committedRef.current,
    }),
    [virtualizer, rows, viewportRef],
  );

  const margin = virtualizer.options.scrollMargin;
  const items = virtualizer.getVirtualItems();
  // What this render shows; a change during the commit (rows measured as they attach) stays pending.
  const rendersChange = changesRef.current;
  useIsomorphicLayoutEffect(() => {
    committedRef.current = rendersChange;
  });
  // The day of the top row, pinned like the plain list's sticky separators (which cannot stick here: each
  // row is positioned on its own). Not while a separator itself is the top row.
  const offset = virtualizer.scrollOffset ?? 0;
  let day: ThreadRow | undefined;
  const top = items.find((item) => item.end > offset);
  for (let i = top && rows[top.index]?.kind !== 'day' ? top.index : -1; i >= 0 && !day; i--) {
    if (rows[i]?.kind === 'day') day = rows[i];
  }
  return (
    <div
      ref={contentRef}
      className="tc-thread__rows"
      data-virtual=""
      style={{ position: 'relative', blockSize: virtualizer.getTotalSize() }}
    >
      {day && (
        <div className="tc-thread__sticky-day" aria-hidden="true">
          {renderRow(day)}
        </div>
      )}
      {items.map((item) => {
        const row = rows[item.index];
        return row ? (
          <div
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            className="tc-thread__vrow"
            style={{ transform: `translateY(${item.start - margin}px)` }}
          >
            {renderRow(row)}
          </div>
        ) : null;
      })}
    </div>
  );
}
