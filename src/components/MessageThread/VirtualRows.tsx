/**
 * The virtualized list, loaded with a dynamic import only once a thread grows long (the virtualizer is
 * ~10 kB; most ticket threads never need it). Sizes are measured per row and cached by row key, so they
 * survive prepends; anchorTo 'end' keeps the visible row in place when older rows are inserted above.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, type RefObject, useImperativeHandle, useLayoutEffect, useReducer } from 'react';
import type { RowsHandle } from './rowsHandle.ts';
import type { ThreadRow } from './threadLayout.ts';

export interface VirtualRowsProps {
  rows: readonly ThreadRow[];
  viewportRef: RefObject<HTMLDivElement | null>;
  contentRef: RefObject<HTMLDivElement | null>;
  handleRef: RefObject<RowsHandle | null>;
  renderRow: (row: ThreadRow) => ReactNode;
}

const estimate = (row: ThreadRow | undefined): number =>
  row?.kind !== 'message' ? 40 : row.groupPosition === 'first' || row.groupPosition === 'single' ? 76 : 48;

export default function VirtualRows({
  rows,
  viewportRef,
  contentRef,
  handleRef,
  renderRow,
}: VirtualRowsProps) {
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: (i) => estimate(rows[i]),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
    // The "load older" area sits above the rows inside the same scroller.
    scrollMargin: contentRef.current?.offsetTop ?? 0,
    anchorTo: 'end',
    scrollEndThreshold: 8,
    useFlushSync: false,
  });

  // The scroller is our parent: its ref is attached AFTER this component's layout effects on mount, so
  // the virtualizer found no scroll element. Render once more, now that it exists.
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    if (!virtualizer.scrollElement) rerender();
  }, [virtualizer]);

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
    }),
    [virtualizer, rows, viewportRef],
  );

  const margin = virtualizer.options.scrollMargin;
  const items = virtualizer.getVirtualItems();
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
