import { type RefObject, useEffect, useMemo, useState } from 'react';
import type { TicketChatLocale } from '../i18n/locale.ts';
import type { TicketChatStrings } from '../i18n/strings.ts';
import { dayLabel } from './ThreadRowView.tsx';
import type { ThreadRow } from './threadLayout.ts';

/** The height the label covers at the top of the viewport, with its margin, in rem (it grows with text). */
const BAND_REM = 2.25;

export interface StickyDayProps {
  rows: readonly ThreadRow[];
  viewportRef: RefObject<HTMLDivElement | null>;
  contentRef: RefObject<HTMLDivElement | null>;
  locale: TicketChatLocale;
  strings: TicketChatStrings;
  timeZone: string | undefined;
  now: Date;
}

/**
 * The day of the topmost visible row, pinned to the top of the thread once that day's own separator has
 * scrolled away. One overlay outside the scroller (works the same with plain and virtualized rows, where
 * `position: sticky` cannot); decorative, since the separators in the list already say it.
 */
export function StickyDay({ rows, viewportRef, contentRef, ...label }: StickyDayProps) {
  const [dayKey, setDayKey] = useState<string | null>(null);
  const indexOf = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);

  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const update = () => {
      frame = 0;
      const content = contentRef.current;
      if (!content) return;
      const top = viewport.getBoundingClientRect().top;
      const band = BAND_REM * Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
      // Rows are in the DOM in display order: the first whose bottom is below the top edge, by bisection.
      const elements = content.querySelectorAll<HTMLElement>('[data-row-key]');
      let low = 0;
      let high = elements.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((elements[middle] as HTMLElement).getBoundingClientRect().bottom <= top + 1) low = middle + 1;
        else high = middle;
      }
      const key = elements[low]?.dataset.rowKey;
      // A separator under the label's band (the day's own, the next day's, "New messages") says enough
      // itself and must not be covered.
      for (let i = low; i < elements.length; i++) {
        const element = elements[i] as HTMLElement;
        if (element.getBoundingClientRect().top >= top + band) break;
        if (element.dataset.kind !== 'message') return setDayKey(null);
      }
      let stuck: string | null = null;
      for (let i = key === undefined ? -1 : (indexOf.get(key) ?? -1); i >= 0; i--) {
        const row = rows[i] as ThreadRow;
        if (row.kind === 'day') {
          stuck = row.key;
          break;
        }
      }
      setDayKey(stuck);
    };
    let frame = requestAnimationFrame(update);
    const schedule = () => {
      frame ||= requestAnimationFrame(update);
    };
    viewport.addEventListener('scroll', schedule, { passive: true });
    // Rows mounted after the scroll (the virtualizer renders the new range a moment later).
    const observer = new MutationObserver(schedule);
    observer.observe(viewport, { childList: true, subtree: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      viewport.removeEventListener('scroll', schedule);
    };
  }, [rows, indexOf, viewportRef, contentRef]);

  const row = dayKey === null ? undefined : rows[indexOf.get(dayKey) ?? -1];
  if (row?.kind !== 'day') return null;
  return (
    <div className="tc-thread__sticky-day" aria-hidden="true">
      {dayLabel(row, label)}
    </div>
  );
}
