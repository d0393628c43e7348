/**
 * calendarDayOf remembers the day it last found per zone and the instants that day spans, so a thread's
 * messages on one day cost one formatting, not one each. It must give the day a fresh formatter gives for
 * every instant, also on days with an offset change (DST, Lord Howe's half hour, Santiago's midnight).
 */
import { calendarDayOf, dayKeyText } from './format.ts';

/** The day straight from formatToParts, nothing remembered. */
function referenceDay(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    calendar: 'gregory',
    numberingSystem: 'latn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const value = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${value('year').padStart(4, '0')}-${value('month')}-${value('day')}`;
}

const cases: [string, string][] = [
  ['America/New_York', '2024-03-09T12:00:00Z'], // spring forward on the 10th
  ['America/New_York', '2024-11-02T12:00:00Z'], // fall back on the 3rd
  ['Australia/Lord_Howe', '2024-04-06T00:00:00Z'], // half an hour back
  ['America/Santiago', '2024-04-06T00:00:00Z'], // back from 24:00 to 23:00
  ['America/Santiago', '2024-09-07T00:00:00Z'], // midnight does not exist
  ['Asia/Kolkata', '2024-06-01T00:00:00Z'],
  ['Pacific/Chatham', '2024-04-06T00:00:00Z'],
  ['Europe/London', '2024-03-30T00:00:00Z'],
  ['UTC', '2024-01-01T00:00:00Z'],
];

describe('calendarDayOf over consecutive instants', () => {
  it.each(cases)('gives the formatted day for every instant in %s from %s', (zone, from) => {
    const start = Date.parse(from);
    const mismatches: string[] = [];
    // Three days in 7-minute steps, then a step back in time and forward again (out-of-order messages).
    const times = Array.from({ length: (3 * 24 * 60) / 7 }, (_, i) => start + i * 7 * 60_000);
    times.push(start + 30 * 3_600_000, start + 12 * 3_600_000, start + 47 * 3_600_000);
    for (const time of times) {
      const date = new Date(time);
      const got = dayKeyText(calendarDayOf(date, zone));
      const want = referenceDay(date, zone);
      if (got !== want) mismatches.push(`${date.toISOString()}: ${got}, want ${want}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps epochDay consecutive across a 23-hour day', () => {
    const zone = 'America/New_York';
    const before = calendarDayOf(new Date('2024-03-10T04:00:00Z'), zone);
    const during = calendarDayOf(new Date('2024-03-10T20:00:00Z'), zone);
    const after = calendarDayOf(new Date('2024-03-11T04:30:00Z'), zone);
    expect([during.epochDay - before.epochDay, after.epochDay - during.epochDay]).toEqual([1, 1]);
  });
});
