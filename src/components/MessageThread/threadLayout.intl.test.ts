/**
 * Day separators and "Today"/"Yesterday" must not depend on how an engine formats dates: WebKitGTK's en-CA
 * gives "12/01/2026", ar-EG and fa-IR use other digits (and fa-IR another calendar). The layout runs under
 * Intl.DateTimeFormat replacements that force such locales or return non-ISO text, in zones with DST and
 * half-hour offsets.
 */

import { engineer, makeMessage } from '../../../test/support/messages.ts';
import type { ThreadMessage } from '../../query/types.ts';

type Layout = typeof import('./threadLayout.ts');
const RealDateTimeFormat = Intl.DateTimeFormat;

/** Fresh modules (so no formatter is cached from before) with `DateTimeFormat` replaced. */
async function layoutWith(DateTimeFormat: typeof Intl.DateTimeFormat): Promise<Layout> {
  vi.stubGlobal('Intl', { ...Intl, DateTimeFormat });
  vi.resetModules();
  return import('./threadLayout.ts');
}
afterEach(() => {
  vi.unstubAllGlobals();
});

/** An engine whose locale data is `locale`'s, whatever locale the code asks for. */
const forcedLocale = (locale: string, options: { dropNumbering?: boolean } = {}) =>
  class extends RealDateTimeFormat {
    constructor(_locales?: string | string[], requested?: Intl.DateTimeFormatOptions) {
      const { numberingSystem, ...rest } = requested ?? {};
      super(locale, options.dropNumbering ? rest : { ...rest, numberingSystem });
    }
  } as unknown as typeof Intl.DateTimeFormat;

/** An engine whose `format()` text is never ISO (month/day/year with slashes), parts unchanged. */
const nonIsoFormat = class extends RealDateTimeFormat {
  override format(date?: Date | number): string {
    const parts = super.formatToParts(date);
    const value = (type: string) => parts.find((p) => p.type === type)?.value ?? '?';
    return `${value('month')}/${value('day')}/${value('year')}`;
  }
} as unknown as typeof Intl.DateTimeFormat;

interface Case {
  zone: string;
  now: string;
  /** Instants and the viewer-zone day each falls on, with its relative name. */
  messages: [string, string, 'today' | 'yesterday' | null][];
}
const cases: Case[] = [
  {
    zone: 'America/New_York', // spring forward: 10 March 2024 has 23 hours
    now: '2024-03-11T04:30:00Z',
    messages: [
      ['2024-03-10T04:59:00Z', '2024-03-09', null],
      ['2024-03-10T05:00:00Z', '2024-03-10', 'yesterday'],
      ['2024-03-11T03:59:00Z', '2024-03-10', 'yesterday'],
      ['2024-03-11T04:00:00Z', '2024-03-11', 'today'],
    ],
  },
  {
    zone: 'America/New_York', // fall back: 3 November 2024 has 25 hours
    now: '2024-11-04T05:30:00Z',
    messages: [
      ['2024-11-03T03:59:00Z', '2024-11-02', null],
      ['2024-11-03T04:00:00Z', '2024-11-03', 'yesterday'],
      ['2024-11-04T04:59:00Z', '2024-11-03', 'yesterday'],
      ['2024-11-04T05:00:00Z', '2024-11-04', 'today'],
    ],
  },
  {
    zone: 'Asia/Kolkata', // +05:30, across a leap day
    now: '2024-03-02T06:00:00Z',
    messages: [
      ['2024-02-29T18:29:59Z', '2024-02-29', null],
      ['2024-02-29T18:30:00Z', '2024-03-01', 'yesterday'],
      ['2024-03-01T18:29:00Z', '2024-03-01', 'yesterday'],
      ['2024-03-01T18:30:00Z', '2024-03-02', 'today'],
    ],
  },
  {
    zone: 'America/St_Johns', // -03:30, then -02:30 from 10 March 2024
    now: '2024-03-11T02:45:00Z',
    messages: [
      ['2024-03-10T03:29:00Z', '2024-03-09', null],
      ['2024-03-10T03:30:00Z', '2024-03-10', 'yesterday'],
      ['2024-03-11T02:29:00Z', '2024-03-10', 'yesterday'],
      ['2024-03-11T02:30:00Z', '2024-03-11', 'today'],
    ],
  },
  {
    zone: 'Australia/Lord_Howe', // +11:00, then +10:30 from 7 April 2024 (a half-hour DST step)
    now: '2024-04-07T13:45:00Z',
    messages: [
      ['2024-04-06T12:59:00Z', '2024-04-06', null],
      ['2024-04-06T13:00:00Z', '2024-04-07', 'yesterday'],
      ['2024-04-07T13:29:00Z', '2024-04-07', 'yesterday'],
      ['2024-04-07T13:30:00Z', '2024-04-08', 'today'],
    ],
  },
];

function daysOf(layout: Layout, { zone, now, messages }: Case) {
  const thread: ThreadMessage[] = messages.map(([iso]) =>
    makeMessage({ ...engineer, createdAt: new Date(iso) }),
  );
  const rows = layout.getThreadLayout(thread, { timeZone: zone, now: new Date(now) });
  // The day each message falls under: the last separator above it.
  let day: [string, string | null] | null = null;
  const out: [string, string | null][] = [];
  for (const row of rows) {
    if (row.kind === 'day') day = [row.dayKey, row.relativeDay];
    else if (row.kind === 'message' && day) out.push(day);
  }
  return out;
}
const expected = (c: Case) => c.messages.map(([, key, relative]) => [key, relative]);

const engines: [string, typeof Intl.DateTimeFormat][] = [
  ...['en-US', 'en-GB', 'de-DE', 'zh-CN', 'ar-EG', 'fa-IR', 'en-CA'].map(
    (locale) => [`locale data of ${locale}`, forcedLocale(locale)] as [string, typeof Intl.DateTimeFormat],
  ),
  ['ar-EG ignoring numberingSystem (Arabic-Indic digits)', forcedLocale('ar-EG', { dropNumbering: true })],
  ['fa-IR ignoring numberingSystem (Persian digits)', forcedLocale('fa-IR', { dropNumbering: true })],
  ['non-ISO format() text', nonIsoFormat],
];

describe.each(engines)('thread layout with %s', (_name, DateTimeFormat) => {
  it.each(cases.map((c) => [`${c.zone} at ${c.now}`, c] as const))(
    'puts every message under its own day in %s',
    async (_label, c) => {
      const layout = await layoutWith(DateTimeFormat);
      expect(daysOf(layout, c)).toEqual(expected(c));
    },
  );
});

describe('the engine the tests run on', () => {
  it('really formats these locales differently (so the cases above test something)', () => {
    const d = new Date('2026-12-01T10:00:00Z');
    const text = (locale: string) =>
      new RealDateTimeFormat(locale, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        timeZone: 'UTC',
      }).format(d);
    expect(new Set(['en-US', 'en-GB', 'de-DE', 'zh-CN', 'ar-EG', 'fa-IR'].map(text)).size).toBe(6);
    expect(text('ar-EG')).toMatch(/[٠-٩]/);
    expect(text('fa-IR')).toMatch(/۱۴۰۵/); // the Persian calendar
  });

  it('lays out the same without any replacement', async () => {
    vi.resetModules();
    const layout = await import('./threadLayout.ts');
    for (const c of cases) expect(daysOf(layout, c)).toEqual(expected(c));
  });
});
