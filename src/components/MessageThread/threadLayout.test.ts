import { customer, engineer, makeMessage } from '../../../test/support/messages.ts';
import { isFromSupport } from '../../client/model.ts';
import {
  continueThreadLayout,
  getThreadLayout,
  type MessageRow,
  rowsBeforeVirtualizer,
  sideOf,
} from './threadLayout.ts';

const at = (iso: string) => new Date(iso);
const now = at('2024-03-02T06:00:00Z'); // 14:00 in Shanghai on 2 March

describe('getThreadLayout', () => {
  it('groups one sender within the window and marks first/middle/last', () => {
    const msgs = [
      makeMessage({ ...engineer, createdAt: at('2024-03-02T01:00:00Z') }),
      makeMessage({ ...engineer, createdAt: at('2024-03-02T01:02:00Z') }),
      makeMessage({ ...engineer, createdAt: at('2024-03-02T01:04:00Z') }),
      makeMessage({ ...customer, createdAt: at('2024-03-02T01:05:00Z') }),
      makeMessage({ ...engineer, createdAt: at('2024-03-02T01:06:00Z') }),
      makeMessage({ ...engineer, createdAt: at('2024-03-02T01:20:00Z') }), // > 5 min later
    ];
    const rows = getThreadLayout(msgs, { timeZone: 'UTC', now });
    expect(rows.map((r) => (r.kind === 'message' ? r.groupPosition : r.kind))).toEqual([
      'day',
      'first',
      'middle',
      'last',
      'single',
      'single',
      'single',
    ]);
    const sides = rows.filter((r): r is MessageRow => r.kind === 'message').map((r) => r.side);
    expect(sides).toEqual(['start', 'start', 'start', 'end', 'start', 'start']);
  });

  it('does not group two people on the same side', () => {
    const msgs = [
      makeMessage({ ...engineer, createdAt: at('2024-03-02T01:00:00Z') }),
      makeMessage({
        ...engineer,
        replier: 'eng-2',
        replierName: 'Zhang',
        createdAt: at('2024-03-02T01:01:00Z'),
      }),
    ];
    const rows = getThreadLayout(msgs, { timeZone: 'UTC', now });
    expect(rows.filter((r) => r.kind === 'message').map((r) => (r as MessageRow).groupPosition)).toEqual([
      'single',
      'single',
    ]);
  });

  it('puts day separators in the viewer zone: 23:30 UTC is the next day in Asia/Shanghai', () => {
    const msgs = [
      makeMessage({ ...engineer, createdAt: at('2024-03-01T15:00:00Z') }), // 23:00 1 Mar Shanghai
      makeMessage({ ...engineer, createdAt: at('2024-03-01T23:30:00Z') }), // 07:30 2 Mar Shanghai
    ];
    const utc = getThreadLayout(msgs, { timeZone: 'UTC', now });
    expect(utc.filter((r) => r.kind === 'day')).toHaveLength(1);
    const shanghai = getThreadLayout(msgs, { timeZone: 'Asia/Shanghai', now });
    const days = shanghai.filter((r) => r.kind === 'day');
    expect(days.map((d) => (d.kind === 'day' ? [d.dayKey, d.relativeDay] : null))).toEqual([
      ['2024-03-01', 'yesterday'],
      ['2024-03-02', 'today'],
    ]);
    // a day boundary also ends a group
    expect(shanghai.filter((r) => r.kind === 'message').map((r) => (r as MessageRow).groupPosition)).toEqual([
      'single',
      'single',
    ]);
  });

  it('labels older days with no relative name', () => {
    const rows = getThreadLayout([makeMessage({ createdAt: at('2024-02-20T01:00:00Z') })], {
      timeZone: 'UTC',
      now,
    });
    expect(rows[0]).toMatchObject({ kind: 'day', dayKey: '2024-02-20', relativeDay: null });
  });

  it('places the unread separator before the unread message and breaks the group there', () => {
    const a = makeMessage({ ...engineer, createdAt: at('2024-03-02T01:00:00Z') });
    const b = makeMessage({ ...engineer, createdAt: at('2024-03-02T01:01:00Z') });
    const c = makeMessage({ ...engineer, createdAt: at('2024-03-02T01:02:00Z') });
    const rows = getThreadLayout([a, b, c], { timeZone: 'UTC', now, unreadFromKey: b.key });
    expect(rows.map((r) => (r.kind === 'message' ? `${r.key}:${r.groupPosition}` : r.kind))).toEqual([
      'day',
      `${a.key}:single`,
      'unread',
      `${b.key}:first`,
      `${c.key}:last`,
    ]);
  });

  it('ignores an unread key that is not in the thread', () => {
    const rows = getThreadLayout([makeMessage()], { timeZone: 'UTC', now, unreadFromKey: 'nope' });
    expect(rows.some((r) => r.kind === 'unread')).toBe(false);
  });

  it('keeps messages without a time: no separator, never grouped', () => {
    const a = makeMessage({ ...engineer, createdAt: at('2024-03-02T01:00:00Z') });
    const b = makeMessage({ ...engineer, createdAt: null });
    const c = makeMessage({ ...engineer, createdAt: at('2024-03-02T01:01:00Z') });
    const rows = getThreadLayout([a, b, c], { timeZone: 'UTC', now });
    expect(rows.map((r) => (r.kind === 'message' ? r.groupPosition : r.kind))).toEqual([
      'day',
      'single',
      'single',
      'single',
    ]);
  });

  it('honours a custom group window', () => {
    const msgs = [
      makeMessage({ ...engineer, createdAt: at('2024-03-02T01:00:00Z') }),
      makeMessage({ ...engineer, createdAt: at('2024-03-02T01:09:00Z') }),
    ];
    const rows = getThreadLayout(msgs, { timeZone: 'UTC', now, groupWindowMs: 10 * 60_000 });
    expect(rows.filter((r) => r.kind === 'message').map((r) => (r as MessageRow).groupPosition)).toEqual([
      'first',
      'last',
    ]);
  });

  // Was: replier_type decided here, a second copy of the sender rule that disagreed with the client's
  // fromSupport for replier_type 3 with type 0 (issue 11). The side now follows the client's one rule.
  it.each([
    [0, 1, 'end'],
    [1, 0, 'start'],
    [2, 0, 'start'],
    [3, 0, 'end'],
    [3, 1, 'start'],
    [null, 0, 'end'],
    [null, 1, 'start'],
  ] as const)(
    'sides: replier_type %j, type %j → %s, as the client derives fromSupport',
    (replierType, type, side) => {
      expect(sideOf(makeMessage({ replierType, type, fromSupport: isFromSupport(replierType, type) }))).toBe(
        side,
      );
    },
  );
  it('keeps every row key unique when messages come out of time order, also across a resumed layout', () => {
    const days = ['2024-03-01', '2024-02-28', '2024-03-01', '2024-02-28'];
    const msgs = days.map((d) => makeMessage({ ...engineer, createdAt: at(`${d}T08:00:00Z`) }));
    const options = { timeZone: 'UTC', now };
    const whole = getThreadLayout(msgs, options);
    const separators = whole.filter((r) => r.kind === 'day');
    expect(separators.map((r) => r.kind === 'day' && r.dayKey)).toEqual(days);
    expect(new Set(whole.map((r) => r.key)).size).toBe(whole.length);
    // In order, the plain day key stays (stable across renders).
    expect(separators[0]?.key).toBe('day:2024-03-01');
    const resumed = continueThreadLayout(getThreadLayout(msgs.slice(0, 3), options), msgs, 3, options);
    expect(resumed.map((r) => r.key)).toEqual(whole.map((r) => r.key));
  });
});

describe('rowsBeforeVirtualizer', () => {
  const thread = (n: number, unreadAt?: number) =>
    getThreadLayout(
      Array.from({ length: n }, (_, i) =>
        makeMessage({ ...engineer, key: `m${i}`, createdAt: new Date(Date.UTC(2024, 2, 2, 1, i)) }),
      ),
      { timeZone: 'UTC', now, unreadFromKey: unreadAt === undefined ? null : `m${unreadAt}` },
    );
  const keys = (rows: readonly { key: string }[]) => rows.map((r) => r.key);

  it('keeps a thread within the limit whole', () => {
    const rows = thread(10);
    expect(rowsBeforeVirtualizer(rows, 40)).toBe(rows);
  });

  it('shows the newest rows of a longer thread', () => {
    expect(keys(rowsBeforeVirtualizer(thread(100), 3))).toEqual(['m97', 'm98', 'm99']);
  });

  it('reaches back to an unread separator older than those rows, and no further', () => {
    expect(keys(rowsBeforeVirtualizer(thread(100, 95), 3))).toEqual([
      'unread',
      'm95',
      'm96',
      'm97',
      'm98',
      'm99',
    ]);
    expect(keys(rowsBeforeVirtualizer(thread(100, 98), 4))).toEqual(['m97', 'unread', 'm98', 'm99']);
  });
});
