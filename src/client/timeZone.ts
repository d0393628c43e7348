/**
 * `create_time` has no offset: it is wall-clock time in the request's X-Time-Zone. This module reads it
 * back into an instant. Pure; formatters and resolved zones are cached per zone name.
 */

/** A fixed UTC offset in minutes (east positive), or an IANA zone name Intl understands. */
export type ResolvedTimeZone = { offsetMinutes: number } | { iana: string };

// GMT+8, GMT-3, GMT+05:30, GMT+0530, UTC+8, +08:00 (the prefix is optional).
const FIXED_OFFSET = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
// "YYYY-MM-DD HH:mm:ss", also with a "T" separator, without seconds, or with a fraction.
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

const resolved = new Map<string, ResolvedTimeZone | null>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(iana: string): Intl.DateTimeFormat {
  let formatter = formatters.get(iana);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(iana, formatter);
  }
  return formatter;
}

function resolveUncached(text: string): ResolvedTimeZone | null {
  const name = text.trim();
  if (name === '') return null;
  if (/^(?:UTC|GMT|Z)$/i.test(name)) return { offsetMinutes: 0 };
  const fixed = FIXED_OFFSET.exec(name);
  if (fixed) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return { offsetMinutes: (fixed[1] === '-' ? -1 : 1) * (hours * 60 + minutes) };
  }
  try {
    formatterFor(name);
    return { iana: name };
  } catch {
    return null; // RangeError: not a zone this engine knows
  }
}

/** Understands `GMT±H[H][[:]MM]`, `UTC`, `GMT` and IANA names; null for anything else. */
export function resolveTimeZone(timeZone: string): ResolvedTimeZone | null {
  let zone = resolved.get(timeZone);
  if (zone === undefined) {
    zone = resolveUncached(timeZone);
    resolved.set(timeZone, zone);
  }
  return zone;
}

/** Epoch ms of a wall clock read as if it were UTC (4-digit years stay literal, unlike Date.UTC). */
function wallAsUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/** Offset (ms) of an IANA zone from UTC at an instant. */
function ianaOffsetAt(iana: string, epochMs: number): number {
  const f: Record<string, number> = {};
  for (const part of formatterFor(iana).formatToParts(epochMs)) f[part.type] = Number(part.value);
  const whole = Math.floor(epochMs / 1000) * 1000;
  // Some engines print midnight as "24" even with h23.
  const asUtc = wallAsUtc(
    f.year ?? 1970,
    f.month ?? 1,
    f.day ?? 1,
    (f.hour ?? 0) % 24,
    f.minute ?? 0,
    f.second ?? 0,
    0,
  );
  return asUtc - whole;
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
  const n = (i: number): number => Number(m[i] ?? 0);
  const [year, month, day, hour, minute, second] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  const ms = Number((m[7] ?? '').padEnd(3, '0'));
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  const local = wallAsUtc(year, month, day, hour, minute, second, ms);
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

function daysIn(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
