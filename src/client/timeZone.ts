/**
 * `create_time` has no offset: it is wall-clock time in the request's X-Time-Zone. This module reads it
 * back into an instant. Pure.
 */
import { formatterFor, type ResolvedTimeZone, resolveTimeZone } from './zone.ts';

// "YYYY-MM-DD HH:mm:ss", also with a "T" separator, without seconds, or with a fraction.
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** Offset (ms) of an IANA zone from UTC at an instant. */
function ianaOffsetAt(iana: string, epochMs: number): number {
  // Every part asked for in formatterFor is present.
  const f = {} as Record<Intl.DateTimeFormatPartTypes, number>;
  for (const part of formatterFor(iana).formatToParts(epochMs)) f[part.type] = Number(part.value);
  // The wall clock read as UTC; setUTCFullYear keeps years below 100 literal, unlike Date.UTC. Some engines
  // print midnight as "24" even with h23.
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(f.year, f.month - 1, f.day);
  return asUtc.setUTCHours(f.hour % 24, f.minute, f.second) - Math.floor(epochMs / 1000) * 1000;
}

const DAY = 86_400_000;

/**
 * `create_time` as wall-clock time in `timeZone` → Date; null when the text or the zone is not understood.
 * IANA zones: the instant lies within ±14 h of the wall clock read as UTC, so the offsets a day before and
 * a day after bound it. Equal → done. Otherwise try both: in an overlap the earlier instant wins, in a gap
 * the pre-transition offset is used (02:30 in a spring-forward gap becomes 03:30, like Temporal's default).
 */
export function parseWallClock(createTime: string, timeZone: string | ResolvedTimeZone): Date | null {
  const zone = typeof timeZone === 'string' ? resolveTimeZone(timeZone) : timeZone;
  const m = zone && typeof createTime === 'string' ? WALL_CLOCK.exec(createTime.trim()) : null;
  if (!zone || !m) return null;
  const [, date, hourMinute, second = '00', fraction = ''] = m;
  // The wall clock as UTC in the exact ECMAScript date-time format, so every engine reads it alike.
  const wall = `${date}T${hourMinute}:${second}.${fraction.padEnd(3, '0')}Z`;
  const local = Date.parse(wall);
  // A field out of range (Feb 30, 24:00, :60) is NaN or rolls over (toJSON: null or other text).
  if (new Date(local).toJSON() !== wall) return null;
  if ('offsetMinutes' in zone) return new Date(local - zone.offsetMinutes * 60_000);
  const before = ianaOffsetAt(zone.iana, local - DAY);
  const after = ianaOffsetAt(zone.iana, local + DAY);
  if (before === after) return new Date(local - before);
  const early = local - before;
  const late = local - after;
  const earlyFits = ianaOffsetAt(zone.iana, early) === before;
  const lateFits = ianaOffsetAt(zone.iana, late) === after;
  if (earlyFits && lateFits) return new Date(Math.min(early, late));
  if (lateFits && !earlyFits) return new Date(late);
  return new Date(early);
}
