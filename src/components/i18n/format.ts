/**
 * Date and time display, Intl only. Everything here is in the VIEWER's time zone and locale;
 * the server's zone was already applied when the client turned create_time into a Date.
 */
import type { TicketChatLocale } from './locale.ts';

// Intl formatters are costly to create: one per locale, zone and options.
const cache = new Map<string, unknown>();
function cached<T>(id: string, make: () => T): T {
  let f = cache.get(id) as T | undefined;
  if (!f) {
    f = make();
    cache.set(id, f);
  }
  return f;
}

const formatter = (locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions) =>
  cached(
    `${locale}|${timeZone}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(locale, { ...options, timeZone }),
  );

/** 'YYYY-MM-DD' of the calendar day `date` falls on in `timeZone` (undefined: the browser's zone). */
export function dayKeyOf(date: Date, timeZone?: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** The day before a 'YYYY-MM-DD' key, computed on the calendar (no 24 h arithmetic across DST). */
export function previousDayKey(dayKey: string): string {
  const [y, m, d] = dayKey.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** Time of day, e.g. "07:05" (zh-CN) or "7:05 AM" (en-US). */
export function formatTimeOfDay(date: Date, locale: TicketChatLocale, timeZone?: string): string {
  const hour = locale === 'zh-CN' ? '2-digit' : 'numeric';
  return formatter(locale, timeZone, { hour, minute: '2-digit' }).format(date);
}

/** A full date and time, for `title` tooltips. */
export function formatDateTime(date: Date, locale: TicketChatLocale, timeZone?: string): string {
  return formatter(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A calendar date for day separators; the year only when it is not the current one. */
export function formatDay(date: Date, locale: TicketChatLocale, timeZone: string | undefined, now: Date) {
  const sameYear = dayKeyOf(date, timeZone).slice(0, 4) === dayKeyOf(now, timeZone).slice(0, 4);
  return formatter(locale, timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: sameYear ? undefined : 'numeric',
  }).format(date);
}

/** Messages younger than this show a relative time ("2 min ago"). */
export const RELATIVE_TIME_LIMIT_MS = 3_600_000;

/**
 * "now" / "2 min ago" for a message under an hour old, else null (the caller shows the time of day).
 * A clock a little ahead of ours (future dates) reads as "now".
 */
export function formatRelativeTime(date: Date, now: Date, locale: TicketChatLocale): string | null {
  const ageMs = now.getTime() - date.getTime();
  if (ageMs >= RELATIVE_TIME_LIMIT_MS) return null;
  // Keyed by the bare locale: date formatter keys always hold a '|'.
  const rtf = cached(locale, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }));
  const minutes = Math.floor(Math.max(ageMs, 0) / 60_000);
  return minutes === 0 ? rtf.format(0, 'second') : rtf.format(-minutes, 'minute');
}
