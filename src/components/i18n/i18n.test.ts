import { calendarDayOf, dayKeyOf, formatDay, formatTimeOfDay } from './format.ts';
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
  it('numbers calendar days so that neighbours differ by one, across months, years and leap days', () => {
    const day = (iso: string) => calendarDayOf(new Date(iso), 'UTC');
    expect(day('1970-01-01T00:00:00Z')).toEqual({ year: 1970, month: 1, day: 1, epochDay: 0 });
    expect(day('2024-03-01T12:00:00Z').epochDay - day('2024-02-29T12:00:00Z').epochDay).toBe(1);
    expect(day('2025-01-01T00:00:00Z').epochDay - day('2024-12-31T23:59:59Z').epochDay).toBe(1);
    expect(dayKeyOf(new Date('0099-06-01T00:00:00Z'), 'UTC')).toBe('0099-06-01');
  });
  it('reads the browser zone by Date arithmetic and replaces a zone the engine does not know by it', () => {
    const local = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(dayKeyOf(d)).toBe(local);
    expect(dayKeyOf(d, 'Mars/Olympus_Mons')).toBe(local);
    expect(formatTimeOfDay(d, 'en-US', 'Mars/Olympus_Mons')).toMatch(/\d:30/);
  });
  it('formats the time of day in the zone and locale', () => {
    expect(formatTimeOfDay(d, 'zh-CN', 'Asia/Shanghai')).toBe('07:30');
    expect(formatTimeOfDay(d, 'en-US', 'UTC')).toBe('11:30 PM');
  });
  it('formats day labels, with the year only for another year in the viewer zone', () => {
    const now = new Date('2024-06-01T00:00:00Z');
    expect(formatDay(d, 'en-US', 'UTC', now)).toBe('Fri, Mar 1');
    expect(formatDay(d, 'en-US', 'UTC', new Date('2025-06-01T00:00:00Z'))).toContain('2024');
    // 31 Dec 20:00 UTC is already 1 Jan in Shanghai: the same year as a "now" in January there.
    const newYear = new Date('2024-12-31T20:00:00Z');
    expect(formatDay(newYear, 'en-US', 'Asia/Shanghai', new Date('2025-01-02T00:00:00Z'))).toBe('Wed, Jan 1');
  });
});
