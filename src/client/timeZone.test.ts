import { parseWallClock } from './timeZone.ts';
import { resolveTimeZone } from './zone.ts';

const iso = (text: string, zone: string) => parseWallClock(text, zone)?.toISOString() ?? null;

describe('resolveTimeZone', () => {
  it.each([
    ['GMT+8', { offsetMinutes: 480 }],
    ['GMT-3', { offsetMinutes: -180 }],
    ['GMT+05:30', { offsetMinutes: 330 }],
    ['GMT+0530', { offsetMinutes: 330 }],
    ['UTC', { offsetMinutes: 0 }],
    ['GMT', { offsetMinutes: 0 }],
    ['utc+14', { offsetMinutes: 840 }],
    ['Asia/Shanghai', { iana: 'Asia/Shanghai' }],
  ])('%s', (name, expected) => expect(resolveTimeZone(name)).toEqual(expected));

  it.each(['', 'GMT+15', 'GMT+05:60', 'Mars/Base', 'nonsense'])('rejects %j', (name) =>
    expect(resolveTimeZone(name)).toBeNull(),
  );
});

describe('parseWallClock', () => {
  it('reads the documented example in the default zone', () => {
    expect(iso('2020-07-09 00:00:00', 'GMT+8')).toBe('2020-07-08T16:00:00.000Z');
  });

  it.each([
    ['2020-07-09 00:00:00', 'GMT-3', '2020-07-09T03:00:00.000Z'],
    ['2020-07-09 00:00:00', 'GMT+05:30', '2020-07-08T18:30:00.000Z'],
    ['2020-07-09 00:00:00', 'GMT+0530', '2020-07-08T18:30:00.000Z'],
    ['2020-07-09 00:00:00', 'UTC', '2020-07-09T00:00:00.000Z'],
    ['2020-07-09T00:00:00', 'GMT', '2020-07-09T00:00:00.000Z'],
    ['2020-07-09 00:00', 'GMT+8', '2020-07-08T16:00:00.000Z'],
    ['2020-07-09 00:00:00', 'Asia/Shanghai', '2020-07-08T16:00:00.000Z'],
    ['2024-02-29 12:00:00', 'UTC', '2024-02-29T12:00:00.000Z'],
    ['0050-01-01 00:00:00', 'UTC', '0050-01-01T00:00:00.000Z'],
  ])('%s in %s', (text, zone, expected) => expect(iso(text, zone)).toBe(expected));

  it('is DST-correct for IANA zones', () => {
    // New York: EST (-5) in winter, EDT (-4) in summer.
    expect(iso('2021-01-15 12:00:00', 'America/New_York')).toBe('2021-01-15T17:00:00.000Z');
    expect(iso('2021-07-15 12:00:00', 'America/New_York')).toBe('2021-07-15T16:00:00.000Z');
    // Just before and after the spring-forward jump (2021-03-14 02:00 → 03:00).
    expect(iso('2021-03-14 01:59:59', 'America/New_York')).toBe('2021-03-14T06:59:59.000Z');
    expect(iso('2021-03-14 03:00:00', 'America/New_York')).toBe('2021-03-14T07:00:00.000Z');
    // In the gap: read with the pre-gap offset (02:30 EST = 03:30 EDT).
    expect(iso('2021-03-14 02:30:00', 'America/New_York')).toBe('2021-03-14T07:30:00.000Z');
    // In the fall-back overlap the earlier instant wins, both west and east of UTC.
    expect(iso('2021-11-07 01:30:00', 'America/New_York')).toBe('2021-11-07T05:30:00.000Z');
    expect(iso('2021-10-31 01:30:00', 'Europe/London')).toBe('2021-10-31T00:30:00.000Z');
    expect(iso('2021-10-31 02:30:00', 'Europe/London')).toBe('2021-10-31T02:30:00.000Z');
    // Southern hemisphere and a half-hour zone.
    expect(iso('2021-01-15 12:00:00', 'Australia/Sydney')).toBe('2021-01-15T01:00:00.000Z');
    expect(iso('2021-07-15 12:00:00', 'Asia/Kolkata')).toBe('2021-07-15T06:30:00.000Z');
  });

  it('round-trips every hour of a DST year in New York', () => {
    const formatter = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'America/New_York',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    for (let t = Date.UTC(2021, 0, 1); t < Date.UTC(2022, 0, 1); t += 3_600_000) {
      const wall = formatter.format(t);
      const back = parseWallClock(wall, 'America/New_York')!.getTime();
      // Exact except in the fall-back hour, where the earlier of the two instants is chosen.
      expect(back === t || back === t - 3_600_000).toBe(true);
      expect(formatter.format(back)).toBe(wall);
    }
  });

  it.each([
    '',
    'yesterday',
    '2020-13-01 00:00:00',
    '2021-02-29 00:00:00',
    '2020-07-09 24:00:00',
    '2020-07-09 00:60:00',
    '2020-07-09 00:00:60',
    '2020/07/09 00:00:00',
    '2020-07-09',
    '1594296177490',
  ])('unparseable %j → null', (text) => expect(parseWallClock(text, 'GMT+8')).toBeNull());

  it('an unknown zone → null', () =>
    expect(parseWallClock('2020-07-09 00:00:00', 'Nowhere/City')).toBeNull());
});
