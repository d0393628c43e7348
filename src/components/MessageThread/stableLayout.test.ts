import { customer, engineer, makeMessage } from '../../../test/support/messages.ts';
import type { ThreadMessage } from '../../query/types.ts';
import { reuseRows, updateThreadLayout } from './stableLayout.ts';
import { getThreadLayout, type ThreadLayoutOptions } from './threadLayout.ts';

const now = new Date('2024-03-02T06:00:00Z');
const options: ThreadLayoutOptions = { timeZone: 'UTC', now };

/** Message i: senders alternate in runs, gaps cross the group window and day boundaries, some lack a time. */
function thread(n: number, startMs = Date.UTC(2024, 2, 1, 20, 0)): ThreadMessage[] {
  let t = startMs;
  return Array.from({ length: n }, (_, i) => {
    t += [60_000, 120_000, 7 * 60_000, 2 * 3_600_000][i % 4 === 3 ? 3 : i % 3] as number;
    return makeMessage({
      ...(Math.floor(i / 3) % 2 === 0 ? engineer : customer),
      createdAt: i % 11 === 10 ? null : new Date(t),
    });
  });
}

describe('updateThreadLayout', () => {
  it('equals getThreadLayout after every append, one or many at a time', () => {
    const all = thread(60);
    let layout = updateThreadLayout(null, [], options);
    for (const end of [1, 2, 3, 7, 8, 11, 12, 20, 22, 23, 40, 60]) {
      const messages = all.slice(0, end);
      layout = updateThreadLayout(layout, messages, options);
      expect(layout.rows).toEqual(getThreadLayout(messages, options));
    }
  });

  it('keeps every earlier row object on an append except the previous last message when its group grows', () => {
    const first = makeMessage({ ...engineer, createdAt: new Date('2024-03-02T01:00:00Z') });
    const second = makeMessage({ ...engineer, createdAt: new Date('2024-03-02T01:01:00Z') });
    const joining = makeMessage({ ...engineer, createdAt: new Date('2024-03-02T01:02:00Z') });
    const before = updateThreadLayout(null, [first, second], options);
    const beforeRows = [...before.rows];
    const after = updateThreadLayout(before, [first, second, joining], options);
    expect(after.rows).toHaveLength(4);
    expect(after.rows[0]).toBe(beforeRows[0]); // day
    expect(after.rows[1]).toBe(beforeRows[1]); // first
    expect(after.rows[2]).not.toBe(beforeRows[2]); // last → middle
    expect(after.rows[2]).toMatchObject({ key: second.key, groupPosition: 'middle' });
    expect(after.rows[3]).toMatchObject({ key: joining.key, groupPosition: 'last' });
    // The previous layout is not mutated (memoized views still hold it).
    expect(before.rows).toEqual(beforeRows);
    expect(beforeRows[2]).toMatchObject({ groupPosition: 'last' });
  });

  it('keeps the previous last row when the new message does not join it', () => {
    const a = makeMessage({ ...engineer, createdAt: new Date('2024-03-02T01:00:00Z') });
    const b = makeMessage({ ...customer, createdAt: new Date('2024-03-02T01:01:00Z') });
    const before = updateThreadLayout(null, [a], options);
    const after = updateThreadLayout(before, [a, b], options);
    expect(after.rows[1]).toBe(before.rows[1]);
  });

  it('returns the same layout for the same messages and options', () => {
    const messages = thread(10);
    const layout = updateThreadLayout(null, messages, options);
    expect(updateThreadLayout(layout, messages, { ...options, now: new Date(now.getTime() + 60_000) })).toBe(
      layout,
    );
  });

  it('recomputes on a prepend, a replaced message or new options, reusing rows that stayed equal', () => {
    const all = thread(30);
    const layout = updateThreadLayout(null, all.slice(10), options);
    const prepended = updateThreadLayout(layout, all, options);
    expect(prepended.rows).toEqual(getThreadLayout(all, options));
    const reused = prepended.rows.filter((row) => layout.rows.includes(row));
    expect(reused.length).toBeGreaterThan(layout.rows.length - 4);

    const replacedAt = 20;
    const edited = all.map((m, i) => (i === replacedAt ? { ...m, delivery: 'failed' as const } : m));
    const afterEdit = updateThreadLayout(prepended, edited, options);
    expect(afterEdit.rows).toEqual(getThreadLayout(edited, options));
    const changed = afterEdit.rows.filter((row) => !prepended.rows.includes(row));
    expect(changed.map((r) => r.key)).toEqual([edited[replacedAt]?.key]);

    const unread = all[25]?.key as string;
    const withUnread = updateThreadLayout(afterEdit, edited, { ...options, unreadFromKey: unread });
    expect(withUnread.rows).toEqual(getThreadLayout(edited, { ...options, unreadFromKey: unread }));
    // New objects only for the separator and the rows whose group the separator split.
    expect(withUnread.rows.filter((row) => !afterEdit.rows.includes(row)).length).toBeLessThanOrEqual(3);
  });

  it('a new day recomputes relative day names', () => {
    const messages = thread(12);
    const layout = updateThreadLayout(null, messages, options);
    const tomorrow = { ...options, now: new Date('2024-03-03T06:00:00Z') };
    const next = updateThreadLayout(layout, messages, tomorrow);
    expect(next.rows).toEqual(getThreadLayout(messages, tomorrow));
    expect(next.rows).not.toEqual(layout.rows);
  });
});

describe('reuseRows', () => {
  it('returns previous objects only for shallow-equal rows of the same key', () => {
    const a = makeMessage({ ...engineer, createdAt: new Date('2024-03-02T01:00:00Z') });
    const previous = getThreadLayout([a], options);
    const same = getThreadLayout([a], options);
    const other = getThreadLayout([{ ...a }], options);
    expect(reuseRows(previous, same).every((row, i) => row === previous[i])).toBe(true);
    const mixed = reuseRows(previous, other);
    expect(mixed[0]).toBe(previous[0]); // the day: same key, same date object
    expect(mixed[1]).not.toBe(previous[1]); // a different message object
  });
});
