/**
 * Wall-clock formatting and parsing for the simulator's `create_time` fields.
 * Written independently of `src/` on purpose: the simulator must not share the client's bugs.
 */

export type TimeZoneSpec = { kind: 'fixed'; offsetMinutes: number } | { kind: 'iana'; name: string };

const FIXED_OFFSET = /^(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function ianaFormatter(name: string): Intl.DateTimeFormat {
  let formatter = formatters.get(name);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(name, formatter);
  }
  return formatter;
}

/** `GMT±H`, `GMT±HH:MM`, `UTC±…`, bare `UTC`/`GMT`, or an IANA name; undefined when not understood. */
export function parseTimeZone(text: string): TimeZoneSpec | undefined {
  const trimmed = text.trim();
  if (/^(?:UTC|GMT|Z)$/i.test(trimmed)) return { kind: 'fixed', offsetMinutes: 0 };
  const fixed = FIXED_OFFSET.exec(trimmed);
  if (fixed) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3] ?? '0');
    if (hours > 14 || minutes > 59) return undefined;
    const sign = fixed[1] === '-' ? -1 : 1;
    return { kind: 'fixed', offsetMinutes: sign * (hours * 60 + minutes) };
  }
  try {
    ianaFormatter(trimmed);
    return { kind: 'iana', name: trimmed };
  } catch {
    return undefined;
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(epochMs: number, zone: TimeZoneSpec): WallClock {
  if (zone.kind === 'fixed') {
    const shifted = new Date(epochMs + zone.offsetMinutes * 60_000);
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
    };
  }
  const fields: Record<string, number> = {};
  for (const part of ianaFormatter(zone.name).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    // Some engines still print midnight as "24" despite h23.
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

const wallClockAsUtc = (w: WallClock): number =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** Offset of the zone from UTC at that instant, in ms. */
function offsetAt(epochMs: number, zone: TimeZoneSpec): number {
  if (zone.kind === 'fixed') return zone.offsetMinutes * 60_000;
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtc(wallClockOf(wholeSecond, zone)) - wholeSecond;
}

/** `YYYY-MM-DD HH:mm:ss` wall clock of the instant in the zone (milliseconds dropped). */
export function formatWallClock(epochMs: number, zone: TimeZoneSpec): string {
  const w = wallClockOf(epochMs, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/**
 * Epoch ms of the START of the second that `text` names in the zone; undefined if malformed.
 * In a DST overlap the earlier instant wins; in a gap the wall clock is read with the pre-gap offset.
 */
export function parseWallClock(text: string, zone: TimeZoneSpec): number | undefined {
  const m = WALL_CLOCK.exec(text);
  if (!m) return undefined;
  const w: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
  };
  const asUtc = wallClockAsUtc(w);
  const check = new Date(asUtc);
  if (
    check.getUTCMonth() + 1 !== w.month ||
    check.getUTCDate() !== w.day ||
    w.hour > 23 ||
    w.minute > 59 ||
    w.second > 59
  ) {
    return undefined;
  }
  // Two refinement steps settle the offset for every real zone (offsets change rarely).
  const first = asUtc - offsetAt(asUtc, zone);
  const second = asUtc - offsetAt(first, zone);
  const earlier = Math.min(first, second);
  return formatWallClock(earlier, zone) === text ? earlier : second;
}
