/**
 * The client's time zone option: a fixed offset or an IANA name, checked when the client is created (the
 * reading of `create_time` in it, `parseWallClock`, loads with the message methods). Formatters are cached per
 * zone name.
 */

/** A fixed UTC offset in minutes (east positive), or an IANA zone name Intl understands. */
export type ResolvedTimeZone = { offsetMinutes: number } | { iana: string };

// GMT+8, GMT-3, GMT+05:30, GMT+0530, UTC+8, +08:00 (the prefix is optional).
const FIXED_OFFSET = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for a zone this engine does not know. */
export function formatterFor(iana: string): Intl.DateTimeFormat {
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

/** Understands `GMT±H[H][[:]MM]`, `UTC`, `GMT` and IANA names; null for anything else. */
export function resolveTimeZone(timeZone: string): ResolvedTimeZone | null {
  const name = timeZone.trim();
  if (/^(?:UTC|GMT|Z)$/i.test(name)) return { offsetMinutes: 0 };
  const fixed = FIXED_OFFSET.exec(name);
  if (fixed) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3] ?? 0);
    return hours > 14 || minutes > 59
      ? null
      : { offsetMinutes: Number(`${fixed[1]}${hours * 60 + minutes}`) };
  }
  try {
    formatterFor(name); // "" and unknown names throw; the formatter is cached, so this is cheap next time
    return { iana: name };
  } catch {
    return null;
  }
}
