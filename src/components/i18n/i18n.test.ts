import { dayKeyOf, formatDay, formatRelativeTime, formatTimeOfDay, previousDayKey } from './format.ts';
import { getStrings, resolveLocale } from './locale.ts';
import { enUS, zhCN } from './strings.ts';

describe('resolveLocale', () => {
  it.each([
    ['zh-cn', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh_TW', 'zh-CN'],
    ['en-us', 'en-US'],
    ['en', 'en-US'],
    ['en-GB', 'en-US'],
    ['EN_us', 'en-US'],
    ['fr', 'zh-CN'],
    ['', 'zh-CN'],
    [undefined, 'zh-CN'],
    ['english', 'zh-CN'],
  ])('%s → %s', (input, expected) => {
    expect(resolveLocale(input)).toBe(expected);
  });
});

describe('catalogs', () => {
  it('have the same keys in every locale', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(enUS).sort());
  });
  it('use English plural rules', () => {
    expect(getStrings('en').unreadMessages(1)).toBe('1 unread message');
    expect(getStrings('en').unreadMessages(3)).toBe('3 unread messages');
    expect(getStrings('zh-cn').unreadMessages(3)).toBe('3 条未读消息');
  });
});

describe('format', () => {
  const d = new Date('2024-03-01T23:30:00Z');
  it('finds the calendar day in the viewer zone', () => {
    expect(dayKeyOf(d, 'UTC')).toBe('2024-03-01');
    expect(dayKeyOf(d, 'Asia/Shanghai')).toBe('2024-03-02');
    expect(dayKeyOf(d, 'America/Los_Angeles')).toBe('2024-03-01');
  });
  it('steps back one calendar day across months, years and leap days', () => {
    expect(previousDayKey('2024-03-01')).toBe('2024-02-29');
    expect(previousDayKey('2025-01-01')).toBe('2024-12-31');
  });
  it('formats the time of day in the zone and locale', () => {
    expect(formatTimeOfDay(d, 'zh-CN', 'Asia/Shanghai')).toBe('07:30');
    expect(formatTimeOfDay(d, 'en-US', 'UTC')).toBe('11:30 PM');
  });
  it('formats day labels, with the year only for another year', () => {
    const now = new Date('2024-06-01T00:00:00Z');
    expect(formatDay(d, 'en-US', 'UTC', now)).toBe('Fri, Mar 1');
    expect(formatDay(d, 'en-US', 'UTC', new Date('2025-06-01T00:00:00Z'))).toContain('2024');
  });
  it('gives a relative time under an hour, else null', () => {
    const now = new Date(d.getTime() + 2 * 60_000 + 5_000);
    expect(formatRelativeTime(d, now, 'en-US')).toBe('2 min. ago');
    expect(formatRelativeTime(d, new Date(d.getTime() + 10_000), 'en-US')).toBe('now');
    expect(formatRelativeTime(d, new Date(d.getTime() - 60_000), 'en-US')).toBe('now');
    expect(formatRelativeTime(d, now, 'zh-CN')).toBe('2分钟前');
    expect(formatRelativeTime(d, new Date(d.getTime() + 3_600_000), 'en-US')).toBeNull();
  });
});
