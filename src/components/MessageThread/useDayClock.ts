import { useEffect, useState } from 'react';
import { calendarDayOf } from '../i18n/format.ts';

/**
 * A clock for "Today" / "Yesterday": checked every minute, but a new Date only when the calendar day in
 * `timeZone` changed, so a tick re-renders nothing. `fixed` wins (tests, stories).
 */
export function useDayClock(fixed: Date | undefined, timeZone: string | undefined): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (fixed) return;
    const id = setInterval(() => {
      const next = new Date();
      setNow((previous) =>
        calendarDayOf(next, timeZone).epochDay === calendarDayOf(previous, timeZone).epochDay
          ? previous
          : next,
      );
    }, 60_000);
    return () => clearInterval(id);
  }, [fixed, timeZone]);
  return fixed ?? now;
}
