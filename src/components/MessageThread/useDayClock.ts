import { useEffect, useState } from 'react';
import { calendarDayOf } from '../i18n/format.ts';

/**
 * A clock for "Today" / "Yesterday": the time of the last check, replaced only when the calendar day in
 * `timeZone` changed, so a minute's tick re-renders nothing. Also checked when the page becomes visible
 * (timers sleep with the laptop). `fixed` wins (tests, stories).
 */
export function useDayClock(
  fixed: Date | undefined,
  timeZone: string | undefined,
  intervalMs = 60_000,
): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (fixed) return;
    const check = () =>
      setNow((previous) => {
        const next = new Date();
        return calendarDayOf(next, timeZone).epochDay === calendarDayOf(previous, timeZone).epochDay
          ? previous
          : next;
      });
    check();
    const id = setInterval(check, intervalMs);
    document.addEventListener('visibilitychange', check);
    return () => {
      clearInterval(id);
      document.removeEventListener('visibilitychange', check);
    };
  }, [fixed, timeZone, intervalMs]);
  return fixed ?? now;
}
