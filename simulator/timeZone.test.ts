import { formatWallClock, parseTimeZone, parseWallClock, type TimeZoneSpec } from './timeZone.ts';

const INSTANT = Date.parse('2020-07-08T16:00:00Z');

function zone(text: string): TimeZoneSpec {
  const parsed = parseTimeZone(text);
  if (!parsed) throw new Error(`zone ${text} not understood`);
  return parsed;
}

describe('formatWallClock', () => {
  test.each([
    ['GMT+8', '2020-07-09 00:00:00'],
    ['GMT-3', '2020-07-08 13:00:00'],
    ['GMT+05:30', '2020-07-08 21:30:00'],
    ['GMT-09:30', '2020-07-08 06:30:00'],
    ['UTC', '2020-07-08 16:00:00'],
    ['GMT', '2020-07-08 16:00:00'],
    ['Asia/Shanghai', '2020-07-09 00:00:00'],
    ['America/New_York', '2020-07-08 12:00:00'],
  ])('%s', (name, expected) => {
    expect(formatWallClock(INSTANT, zone(name))).toBe(expected);
  });

  test('drops milliseconds instead of rounding', () => {
    expect(formatWallClock(INSTANT + 999, zone('UTC'))).toBe('2020-07-08 16:00:00');
  });

  test('IANA zones follow daylight saving time', () => {
    expect(formatWallClock(Date.parse('2020-01-08T16:00:00Z'), zone('America/New_York'))).toBe(
      '2020-01-08 11:00:00',
    );
  });
});

describe('parseTimeZone', () => {
  test.each(['GMT+15', 'GMT+05:75', 'Mars/Olympus', '+08:00x', ''])('rejects %j', (text) => {
    expect(parseTimeZone(text)).toBeUndefined();
  });
});

describe('parseWallClock', () => {
  test.each(['GMT+8', 'GMT-3', 'GMT+05:30', 'UTC', 'Asia/Shanghai', 'America/New_York'])(
    'is the inverse of formatting in %s (start of the second)',
    (name) => {
      const z = zone(name);
      expect(parseWallClock(formatWallClock(INSTANT + 456, z), z)).toBe(INSTANT);
    },
  );

  test.each(['2020-07-09', '2020-02-30 00:00:00', '2020-07-09 24:00:00', '2020-07-09T00:00:00'])(
    'rejects %j',
    (text) => {
      expect(parseWallClock(text, zone('GMT+8'))).toBeUndefined();
    },
  );
});
