/**
 * Date and time display, Intl only. Everything here is in the VIEWER's time zone and locale;
 * the server's zone was already applied when the client turned create_time into a Date.
 *
 * No string an Intl formatter produced is ever parsed: engines and ICU versions format differently
 * (WebKitGTK's en-CA is "12/01/2026", not "2026-12-01"). Calendar days come from `formatToParts` numbers
 * (Latin digits and the Gregorian calendar asked for explicitly), or from Date arithmetic in the browser's
 * own zone; `format()` output is only ever shown.
 */
import type { TicketChatLocale } from './locale.ts';

// Intl formatters are costly to create: one per locale, zone and options.
const cache = new Map<string, Intl.DateTimeFormat>();

// A zone this engine does not know (a typo in a prop, an old engine) would make every formatter throw:
// such a zone is replaced by the browser's, once per name.
const zoneChecks = new Map<string, string | undefined>();
function usableZone(timeZone: string | undefined): string | undefined {
  if (timeZone === undefined) return undefined;
  if (!zoneChecks.has(timeZone)) {
    let usable: string | undefined;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      usable = timeZone;
    } catch {
      usable = undefined;
    }
    zoneChecks.set(timeZone, usable);
  }
  return zoneChecks.get(timeZone);
}

function formatter(
  locale: string,
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const zone = usableZone(timeZone);
  const id = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    cache.set(id, f);
  }
  return f;
}

/** A day of the Gregorian calendar; `epochDay` counts days from 1970-01-01, so neighbours differ by 1. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
  epochDay: number;
}

const DAY_MS = 86_400_000;

function calendarDay(year: number, month: number, day: number): CalendarDay {
  const utc = new Date(0);
  // setUTCFullYear keeps years below 100 literal, unlike Date.UTC.
  utc.setUTCFullYear(year, month - 1, day);
  return { year, month, day, epochDay: Math.floor(utc.getTime() / DAY_MS) };
}

// The digits an engine may still use when it ignores `numberingSystem` (Arabic-Indic, Persian).
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0];
/** The value of a numeric part, or NaN when it holds anything but digits. */
function partValue(text: string): number {
  let value = 0;
  if (text.length === 0) return Number.NaN;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
    if (zero === undefined) return Number.NaN;
    value = value * 10 + (code - zero);
  }
  return value;
}

// The day and the wall-clock time, in Latin digits and the Gregorian calendar.
const DAY_PARTS: Intl.DateTimeFormatOptions = {
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
};

/** The day of `time` in `zone`, and the zone's offset then (wall clock minus UTC, ms; NaN if unknown). */
function zonedDay(time: number, zone: string): { day: CalendarDay; offset: number } | null {
  const v: Record<string, number> = {};
  for (const part of formatter('en-US', zone, DAY_PARTS).formatToParts(time))
    v[part.type] = partValue(part.value);
  const { year = 0, month = 0, day = 0, hour = 24, minute = 60, second = 60 } = v;
  if (!(year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const calendar = calendarDay(year, month, day);
  // Any time of day missing or out of range (NaN fails every test): no offset, so nothing is remembered.
  const known = hour <= 23 && minute <= 59 && second <= 59;
  const wall = calendar.epochDay * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
  return { day: calendar, offset: known ? wall + (((time % 1000) + 1000) % 1000) - time : Number.NaN };
}

/**
 * Per zone, the day last found and where it starts if the zone's offset holds all day. A second instant
 * inside that span checks the offset at both of its ends, once: the same, then no offset change falls
 * inside (zones change at most once a day) and every instant of it is on that day, with no formatting.
 * A thread's messages mostly share days: a few formatToParts calls a day instead of one a message.
 */
const daySpans = new Map<string, { day: CalendarDay; start: number; offset: number; checked?: boolean }>();

function calendarDayInZone(time: number, zone: string): CalendarDay | undefined {
  const span = daySpans.get(zone);
  if (span && time >= span.start && time < span.start + DAY_MS && span.checked !== false) {
    span.checked ??= [span.start, span.start + DAY_MS - 1].every(
      (edge) => zonedDay(edge, zone)?.offset === span.offset,
    );
    if (span.checked) return span.day;
  }
  const zoned = zonedDay(time, zone);
  // A day found to hold an offset change stays formatted instant by instant.
  if (zoned && !Number.isNaN(zoned.offset) && span?.day.epochDay !== zoned.day.epochDay) {
    daySpans.set(zone, { ...zoned, start: zoned.day.epochDay * DAY_MS - zoned.offset });
  }
  return zoned?.day;
}

/**
 * The calendar day `date` falls on in `timeZone` (undefined: the browser's zone, by Date arithmetic).
 * A formatter that yields no usable numbers falls back to the browser's zone rather than failing.
 */
export function calendarDayOf(date: Date, timeZone?: string): CalendarDay {
  const zone = usableZone(timeZone);
  return (
    (zone && calendarDayInZone(date.getTime(), zone)) ||
    calendarDay(date.getFullYear(), date.getMonth() + 1, date.getDate())
  );
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of a calendar day (built from numbers, never from formatted text). */
export function dayKeyText(day: CalendarDay): string {
  return `${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`;
}

/** 'YYYY-MM-DD' of the calendar day `date` falls on in `timeZone` (undefined: the browser's zone). */
export function dayKeyOf(date: Date, timeZone?: string): string {
  return dayKeyText(calendarDayOf(date, timeZone));
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
  const sameYear = calendarDayOf(date, timeZone).year === calendarDayOf(now, timeZone).year;
  return formatter(locale, timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: sameYear ? undefined : 'numeric',
  }).format(date);
}
