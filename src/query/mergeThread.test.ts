import { assignKeys } from '../client/messageKey.ts';
import type { Message, PollResult } from '../client/types.ts';
import type { ThreadEntry } from './mergeThread.ts';
import {
  addLocalMessage,
  discardLocal,
  emptyThread,
  lastSupportKey,
  markLocalAccepted,
  mergeOlder,
  mergeThread,
  newerCursor,
  setLocalDelivery,
  threadHasOlder,
} from './mergeThread.ts';
import type { ThreadMessage } from './types.ts';

const T0 = Date.parse('2024-03-01T08:00:00Z');

function msg(content: string, second: number, extra: Partial<Message> = {}): Omit<Message, 'key'> {
  const createdAt = new Date(T0 + second * 1000);
  return {
    caseId: 'c1',
    content,
    createdAt,
    createTime: `t+${second}`,
    replier: 'agent-1',
    replierName: 'Agent',
    replierType: 1,
    type: 1,
    fromSupport: true,
    isFirstMessage: false,
    attachments: [],
    ...extra,
  };
}

function answer(
  list: Omit<Message, 'key'>[],
  cursor: string | null = null,
  chat: number | null = 1,
): PollResult {
  return { messages: assignKeys(list), statuses: [{ caseId: 'c1', status: chat }], cursor };
}

const contents = (m: readonly Message[]) => m.map((x) => x.content);

describe('mergeThread', () => {
  test('first answer builds the thread in time order with cursor and chat status', () => {
    const e = mergeThread(undefined, answer([msg('a', 0), msg('b', 1)], '100'));
    expect(contents(e.messages)).toEqual(['a', 'b']);
    expect(e.cursor).toBe('100');
    expect(e.chatStatus).toBe(1);
    expect(new Set(e.messages.map((m) => m.key)).size).toBe(2);
  });

  test('returns the same entry when nothing changed (replayed answer)', () => {
    const a = answer([msg('a', 0), msg('b', 1)], '100');
    const e1 = mergeThread(undefined, a);
    const e2 = mergeThread(e1, a);
    expect(e2).toBe(e1);
    expect(e2.messages).toBe(e1.messages);
  });

  test('inclusive replay of the boundary message adds nothing, new ones append', () => {
    const e1 = mergeThread(undefined, answer([msg('a', 0), msg('b', 1)], '100'));
    const e2 = mergeThread(e1, answer([msg('b', 1), msg('c', 2)], '200'));
    expect(contents(e2.messages)).toEqual(['a', 'b', 'c']);
    expect(e2.cursor).toBe('200');
    expect(e1.messages).toHaveLength(2); // the old array is untouched
  });

  test('identical twins inside one answer stay distinct; a later replay of one adds nothing', () => {
    const e1 = mergeThread(undefined, answer([msg('ok', 5), msg('ok', 5)], '100'));
    expect(contents(e1.messages)).toEqual(['ok', 'ok']);
    expect(new Set(e1.messages.map((m) => m.key)).size).toBe(2);
    const e2 = mergeThread(e1, answer([msg('ok', 5)], '100'));
    expect(e2).toBe(e1);
    // three copies in a later answer: one more (max over answers)
    const e3 = mergeThread(e2, answer([msg('ok', 5), msg('ok', 5), msg('ok', 5)], '101'));
    expect(contents(e3.messages)).toEqual(['ok', 'ok', 'ok']);
    expect(new Set(e3.messages.map((m) => m.key)).size).toBe(3);
  });

  test('keeps time order when the server shuffles and when an older message arrives late', () => {
    const e1 = mergeThread(undefined, answer([msg('c', 3), msg('a', 1), msg('b', 2)].reverse(), '3'));
    // the client sorts by time; a shuffled answer is still ordered by createdAt here
    expect(contents(e1.messages)).toEqual(['a', 'b', 'c']);
    const e2 = mergeThread(e1, answer([msg('a2', 1.5), msg('d', 4)], '4'));
    expect(contents(e2.messages)).toEqual(['a', 'a2', 'b', 'c', 'd']);
  });

  test('the cursor never moves backwards; digit strings compare numerically', () => {
    const e1 = mergeThread(undefined, answer([msg('a', 0)], '1000'));
    const e2 = mergeThread(e1, answer([], '999'));
    expect(e2.cursor).toBe('1000');
    expect(e2).toBe(e1);
    expect(mergeThread(e1, answer([], '10000')).cursor).toBe('10000');
    expect(mergeThread(e1, answer([], null)).cursor).toBe('1000');
    expect(newerCursor('9', '10')).toBe('10');
    expect(newerCursor('10', '9')).toBe('10');
    expect(newerCursor('abc', 'abd')).toBe('abd');
    expect(newerCursor(null, '5')).toBe('5');
  });

  test('a stale answer (after a newer one) neither rolls back nor duplicates', () => {
    const newer = answer([msg('a', 0), msg('b', 1)], '200');
    const stale = answer([msg('a', 0)], '100');
    const e1 = mergeThread(mergeThread(undefined, newer), stale);
    expect(contents(e1.messages)).toEqual(['a', 'b']);
    expect(e1.cursor).toBe('200');
  });

  test('filters by case id and keeps chat status when the answer has none', () => {
    const other = { ...msg('x', 0), caseId: 'c2' };
    const e = mergeThread(emptyThread(), answer([msg('a', 0), other], '1', null), 'c1');
    expect(contents(e.messages)).toEqual(['a']);
    expect(e.chatStatus).toBeUndefined();
  });

  test('merging into an old entry does not corrupt: the index is rebuilt for stale entries', () => {
    const e1 = mergeThread(undefined, answer([msg('a', 0)], '1'));
    const e2 = mergeThread(e1, answer([msg('b', 1)], '2'));
    // e1 is stale now; merging the same 'b' into it must still add exactly one 'b'
    const e1b = mergeThread(e1, answer([msg('b', 1)], '2'));
    expect(contents(e1b.messages)).toEqual(['a', 'b']);
    expect(contents(e2.messages)).toEqual(['a', 'b']);
  });

  test('a local pending message is replaced by the server copy, no duplicate', () => {
    const e1 = mergeThread(undefined, answer([msg('hi', 0)], '1'));
    const local: ThreadMessage = {
      ...msg('thanks', 10, { fromSupport: false, replierType: 0, type: 0, replier: '' }),
      key: 'local:1',
      delivery: 'sending',
    };
    const e2 = addLocalMessage(e1, local);
    expect(contents(e2.messages)).toEqual(['hi', 'thanks']);
    const serverCopy = msg('thanks', 9, {
      fromSupport: false,
      replierType: 0,
      type: 0,
      replier: 'customer-1',
    });
    const e3 = mergeThread(e2, answer([serverCopy], '2'));
    expect(contents(e3.messages)).toEqual(['hi', 'thanks']);
    expect(e3.messages.every((m) => m.delivery === undefined)).toBe(true);
    // a support message with the same text does not replace it
    const e4 = mergeThread(e2, answer([msg('thanks', 11)], '2'));
    expect(e4.messages.filter((m) => m.content === 'thanks')).toHaveLength(2);
  });

  test('failed local messages are kept and can be flipped back to sending', () => {
    const local: ThreadMessage = {
      ...msg('x', 1, { fromSupport: false }),
      key: 'local:9',
      delivery: 'sending',
    };
    const e1 = addLocalMessage(undefined, local);
    const e2 = setLocalDelivery(e1, 'local:9', 'failed');
    expect(e2?.messages[0]?.delivery).toBe('failed');
    expect(setLocalDelivery(e2, 'local:9', 'failed')).toBe(e2);
    expect(setLocalDelivery(e2, 'local:9', 'sending')?.messages[0]?.delivery).toBe('sending');
  });

  test('older pages merge at the front; a short page ends history', () => {
    const e1 = mergeThread(undefined, answer([msg('c', 10), msg('d', 11)], '11'));
    expect(threadHasOlder(e1)).toBe(true);
    const e2 = mergeOlder(
      e1,
      { messages: assignKeys([msg('a', 1), msg('b', 2), msg('c', 10)]), count: null },
      3,
    );
    expect(contents(e2.messages)).toEqual(['a', 'b', 'c', 'd']);
    expect(threadHasOlder(e2)).toBe(true);
    const e3 = mergeOlder(
      e2,
      { messages: assignKeys([msg('z', 0, { isFirstMessage: true })]), count: null },
      3,
    );
    expect(contents(e3.messages)).toEqual(['z', 'a', 'b', 'c', 'd']);
    expect(threadHasOlder(e3)).toBe(false);
  });

  test('cost: a poll with one new message into a long thread does not re-sort (same objects kept)', () => {
    const list = Array.from({ length: 2000 }, (_, i) => msg(`m${i}`, i));
    const e1 = mergeThread(undefined, answer(list, '1'));
    const e2 = mergeThread(e1, answer([msg('new', 5000)], '2'));
    expect(e2.messages).toHaveLength(2001);
    expect(e2.messages[0]).toBe(e1.messages[0]);
    expect(e2.index).toBe(e1.index); // updated in place, not rebuilt
  });

  test('an accepted local message is settled even when its server copy is folded into an identical twin', () => {
    const twin = msg('ok', 7, { fromSupport: false, replierType: 0, type: 0, replier: 'customer-1' });
    const e1 = mergeThread(undefined, answer([twin], '1'));
    const local: ThreadMessage = {
      ...msg('ok', 7.5, { fromSupport: false }),
      key: 'local:5',
      delivery: 'sending',
    };
    const e2 = addLocalMessage(e1, local);
    // not accepted yet: a replay of the first copy must not settle it
    expect(mergeThread(e2, answer([twin], '1'))).toBe(e2);
    const e3 = markLocalAccepted(e2, 'local:5');
    const e4 = mergeThread(e3, answer([twin], '2'));
    expect(contents(e4.messages)).toEqual(['ok']);
    expect(e4.messages[0]?.delivery).toBeUndefined();
    expect(e4.acceptedLocal).toEqual([]);
  });

  test('a poll with nothing new returns the same entry without walking or copying the thread', () => {
    const list = Array.from({ length: 2000 }, (_, i) => msg(`m${i}`, i));
    const local: ThreadMessage = {
      ...msg('pending', 3000, { fromSupport: false }),
      key: 'local:1',
      delivery: 'sending',
    };
    const e1 = addLocalMessage(mergeThread(undefined, answer(list, '1')), local);
    // Any array walk or copy of the thread throws from here on.
    const walks = ['filter', 'find', 'findIndex', 'some', 'every', 'map', 'forEach', 'slice', 'concat'];
    for (const name of [...walks, 'indexOf', 'lastIndexOf', 'includes', Symbol.iterator]) {
      Object.defineProperty(e1.messages, name, {
        value: () => {
          throw new Error(`thread walked with ${String(name)}`);
        },
      });
    }
    expect(mergeThread(e1, answer([], '1'))).toBe(e1);
    // a replayed boundary message (inclusive cursor) is folded, not added
    expect(mergeThread(e1, answer([msg('m1999', 1999)], '1'))).toBe(e1);
    expect(mergeOlder({ ...e1, reachedStart: true }, { messages: [], count: null }, 50).messages).toBe(
      e1.messages,
    );
    expect(lastSupportKey(e1)).toBe(e1.messages[1999]?.key);
  });

  test('the entry keeps its pending local messages and newest support message up to date', () => {
    const e1 = mergeThread(undefined, answer([msg('hello', 0), msg('q', 1, { fromSupport: false })], '1'));
    expect(e1.pending).toEqual([]);
    expect(e1.lastSupport?.content).toBe('hello');
    const local: ThreadMessage = {
      ...msg('thanks', 5, { fromSupport: false }),
      key: 'local:7',
      delivery: 'sending',
    };
    const e2 = addLocalMessage(e1, local);
    expect(e2.pending).toEqual([local]);
    const e3 = setLocalDelivery(e2, 'local:7', 'failed') as ThreadEntry;
    expect(e3.pending?.map((m) => m.delivery)).toEqual(['failed']);
    expect(e3.pending?.[0]).toBe(e3.messages[2]);
    // a support message older than the newest one is inserted but is not the newest
    const e4 = mergeThread(e3, answer([msg('late', -1), msg('news', 4)], '2'));
    expect(contents(e4.messages)).toEqual(['late', 'hello', 'q', 'news', 'thanks']);
    expect(lastSupportKey(e4)).toBe(e4.messages[3]?.key);
    expect(e4.index).toBe(e1.index);
    // the server copy settles the failed local message: bookkeeping follows
    const e5 = mergeThread(e4, answer([msg('thanks', 6, { fromSupport: false })], '3'));
    expect(contents(e5.messages)).toEqual(['late', 'hello', 'q', 'news', 'thanks']);
    expect(e5.pending).toEqual([]);
    // an entry that lost its bookkeeping (structured clone from another tab) is rebuilt, same answers
    const cloned = structuredClone(e3);
    expect(lastSupportKey(cloned)).toBe(lastSupportKey(e3));
    const e4b = mergeThread(cloned, answer([msg('late', -1), msg('news', 4)], '2'));
    expect(contents(e4b.messages)).toEqual(contents(e4.messages));
    expect(e4b.pending?.map((m) => m.key)).toEqual(['local:7']);
    // discard drops only a FAILED local message
    expect(discardLocal(e2, 'local:7')).toBe(e2);
    const e6 = discardLocal(e3, 'local:7') as ThreadEntry;
    expect(contents(e6.messages)).toEqual(['hello', 'q']);
    expect(e6.pending).toEqual([]);
    expect(mergeThread(e6, answer([], '1'))).toBe(e6);
  });
});
