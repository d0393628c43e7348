import { olderPageTime } from './olderPage.ts';

describe('olderPageTime', () => {
  it.each([
    ['2020-07-09 00:00:00', '2020-07-09 00:00:01'],
    ['2020-07-09 23:59:59', '2020-07-10 00:00:00'],
    ['2024-02-28 23:59:59', '2024-02-29 00:00:00'],
    ['2023-12-31 23:59:59', '2024-01-01 00:00:00'],
  ])('%s → %s', (input, expected) => {
    expect(olderPageTime(input)).toBe(expected);
  });

  it('sends an unreadable time as it is', () => {
    expect(olderPageTime('yesterday')).toBe('yesterday');
    expect(olderPageTime('')).toBe('');
  });
});
