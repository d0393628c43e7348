import { isFromSupport, olderPageTime } from './model.ts';

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

describe('isFromSupport', () => {
  it.each([
    [0, 1, false],
    [1, 0, true],
    [2, 0, true],
    [3, 0, false],
    [3, 1, true],
    [null, 1, true],
    [null, 0, false],
    [null, null, false],
  ])('replier_type %j, type %j → %j', (replierType, type, expected) => {
    expect(isFromSupport(replierType, type)).toBe(expected);
  });
});
