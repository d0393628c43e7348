import { assignKeys } from '../client/messageKey.ts';
import type { Message, PollResult } from '../client/types.ts';
import {
  emptyThread,
  type LocalMessage,
  mergeOlder,
  mergePoll,
  RECONCILE_AFTER_POLLS,
  type ThreadEntry,
  threadView,
} from './threadEntry.ts';
import { addLocal, setLocalState } from './useSendMessage.ts';

const T0 = Date.parse('2024-03-01T08:00:00Z');

function msg(content: string, second: number, extra: Partial<Message> = {}): Omit<Message, 'key'> {
  return {
    caseId: 'c1',
    content,
    createdAt: new Date(T0 + second * 1000),
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
const mine = (content: string, second: number) =>
  msg(content, second, { replier: 'me', replierType: 0, type: 0, fromSupport: false });

function answer(
  list: Omit<Message, 'key'>[],
  cursor: string | null = null,
  chat: number | null = 1,
): PollResult {
  return { messages: assignKeys(list), statuses: [{ caseId: 'c1', status: chat }], cursor };
}
const poll = (entry: ThreadEntry | undefined, result: PollResult, startedAt = T0 + 3_600_000) =>
  mergePoll(entry, { result, caseId: 'c1', startedAt });
const contents = (e: ThreadEntry) =>
  threadView(e).messages.map((m) => (m.delivery ? `${m.content} (${m.delivery})` : m.content));

function local(content: string, sentSecond: number, state: LocalMessage['state'] = 'sending'): LocalMessage {
  const at = T0 + sentSecond * 1000;
  return {
    key: `local:${content}.${sentSecond}`,
    caseId: 'c1',
    content,
    attachments: [],
    sentAt: at,
    state,
    since: at,
    misses: 0,
  };
}

describe('mergePoll', () => {
  test('the first answer builds the thread in time order with cursor and live-chat flag', () => {
    const { entry } = poll(undefined, answer([msg('a', 0), msg('b', 1)], '100'));
    expect(contents(entry)).toEqual(['a', 'b']);
    expect(entry.cursor).toBe('100');
    expect(entry.liveChat).toBe(1);
    expect(entry.polled).toBe(true);
  });

  test('the entry is plain data: JSON round trip, then polling continues from its cursor', () => {
    const { entry } = poll(undefined, answer([msg('a', 0), msg('b', 1)], '100'));
    const revived = JSON.parse(JSON.stringify(entry)) as ThreadEntry;
    expect(revived).toEqual(entry);
    expect(threadView(revived).messages[0]?.createdAt).toEqual(new Date(T0));
    // A replay of the boundary adds nothing to the revived entry; a new message appends.
    const next = poll(revived, answer([msg('b', 1), msg('c', 2)], '101')).entry;
    expect(contents(next)).toEqual(['a', 'b', 'c']);
  });

  test('returns the same entry when nothing changed', () => {
    const a = answer([msg('a', 0)], '100');
    const first = poll(undefined, a).entry;
    const again = poll(first, a);
    expect(again.entry).toBe(first);
    expect(again.added).toEqual([]);
  });

  test('identical twins inside one answer stay distinct; a later replay of one adds nothing', () => {
    const e1 = poll(undefined, answer([msg('ok', 0), msg('ok', 0)], '1')).entry;
    expect(contents(e1)).toEqual(['ok', 'ok']);
    const e2 = poll(e1, answer([msg('ok', 0)], '1')).entry;
    expect(e2).toBe(e1);
    expect(new Set(threadView(e1).messages.map((m) => m.key)).size).toBe(2);
  });

  test('an inclusive re-send listing the attachments in another order adds nothing', () => {
    const files = [
      { id: '1', name: 'a.png' },
      { id: '2', name: 'b.png' },
    ];
    const e1 = poll(undefined, answer([msg('see', 0, { attachments: files })], '1')).entry;
    const e2 = poll(e1, answer([msg('see', 0, { attachments: [...files].reverse() })], '1')).entry;
    expect(e2).toBe(e1);
  });

  test('keeps time order when an older message arrives late, and the server order inside one second', () => {
    const e1 = poll(undefined, answer([msg('a', 0), msg('c', 5)], '5')).entry;
    const e2 = poll(e1, answer([msg('b', 2), msg('d', 5), msg('e', 5)], '6')).entry;
    expect(contents(e2)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  // Was: the cursor only moved forward (the larger of old and new). Now: exactly the last answer's text
  // (issue 11 item 3: after the server's clock stepped back, later messages never arrived).
  test('the cursor is exactly the last answer text, also when it steps back; none keeps the old one', () => {
    const e1 = poll(undefined, answer([], '900')).entry;
    expect(poll(e1, answer([], '100')).entry.cursor).toBe('100');
    expect(poll(e1, answer([], '0900')).entry.cursor).toBe('0900');
    expect(poll(e1, answer([], null)).entry.cursor).toBe('900');
  });

  test('filters by case id and keeps the live-chat flag when the answer has none', () => {
    const e1 = poll(undefined, answer([msg('a', 0), { ...msg('x', 0), caseId: 'c2' }], '1', 0)).entry;
    expect(contents(e1)).toEqual(['a']);
    const e2 = poll(e1, { messages: [], statuses: [], cursor: '2' }).entry;
    expect(e2.liveChat).toBe(0);
  });
});

describe('local messages', () => {
  test('a pending local message is replaced by its server copy, and reported settled', () => {
    const e1 = addLocal(poll(undefined, answer([msg('a', 0)], '1')).entry, local('hello', 10));
    expect(contents(e1)).toEqual(['a', 'hello (sending)']);
    const merged = poll(e1, answer([mine('hello', 10)], '2'));
    expect(contents(merged.entry)).toEqual(['a', 'hello']);
    expect(merged.settled).toEqual(['local:hello.10']);
  });

  test('item 2: a server copy cut to 400 characters or with changed whitespace settles its local message', () => {
    const long = `${'word '.repeat(399)}end`;
    const e1 = addLocal(
      addLocal(emptyThread(), local(long, 10, 'accepted')),
      local('two  spaces\n', 11, 'accepted'),
    );
    const e2 = poll(e1, answer([mine(long.slice(0, 400), 10), mine('two spaces', 11)], '2')).entry;
    expect(e2.local).toEqual([]);
    expect(e2.server).toHaveLength(2);
  });

  test('a short server message does not settle a longer local one (only cut copies match by prefix)', () => {
    const e1 = addLocal(emptyThread(), local('hi there', 10, 'accepted'));
    const e2 = poll(e1, answer([mine('hi', 10)], '2'), T0 + 5_000).entry;
    expect(contents(e2)).toEqual(['hi', 'hi there (sent)']);
  });

  test('an accepted send is reconciled after a few polls without a matching copy', () => {
    let e = addLocal(emptyThread(), local('hello', 10, 'accepted'));
    for (let i = 0; i < RECONCILE_AFTER_POLLS - 1; i++) e = poll(e, answer([], String(i))).entry;
    expect(contents(e)).toEqual(['hello (sent)']);
    const last = poll(e, answer([], 'x'));
    expect(last.entry.local).toEqual([]);
    expect(last.settled).toEqual(['local:hello.10']);
  });

  test('item 4: two accepted identical sends within one second are two messages, also in separate answers', () => {
    let e = addLocal(addLocal(emptyThread(), local('ok', 10, 'accepted')), {
      ...local('ok', 10, 'accepted'),
      key: 'local:ok.b',
    });
    // The first poll left before they were accepted: its answer need not hold both.
    e = poll(e, answer([mine('ok', 10)], '1'), T0 + 9_000).entry;
    e = poll(e, answer([mine('ok', 10)], '2')).entry;
    expect(contents(e)).toEqual(['ok', 'ok']);
    expect(e.local).toEqual([]);
    // A later replay adds nothing.
    expect(poll(e, answer([mine('ok', 10)], '2')).entry.server).toHaveLength(2);
  });

  test('a replay of a first page never stands for an earlier identical send (its copy is in an older page)', () => {
    // Two identical sends a second apart; the first page holds only the newest message (the second send's
    // copy), and an inclusive cursor replays it beside something new: not the first send, whose copy the
    // older page brings (CI failure of 258c0ff: shown twice). The first send is settled by that page.
    let e = addLocal(addLocal(emptyThread(), local('same', 10, 'accepted')), local('same', 11, 'accepted'));
    e = poll(e, answer([mine('same', 11)], '7')).entry;
    e = mergePoll(e, {
      result: answer([mine('same', 11), msg('new', 12)], '8'),
      caseId: 'c1',
      startedAt: T0 + 3_600_000,
      sentCursor: '7',
    }).entry;
    expect(contents(e)).toEqual(['same', 'new']);
    e = mergeOlder(e, { messages: assignKeys([mine('same', 10)]), count: 1 }, 50).entry;
    expect(contents(e)).toEqual(['same', 'same', 'new']);
    // A later identical send's copy in that second is still its own message.
    e = addLocal(e, local('same', 11, 'accepted'));
    expect(contents(poll(e, answer([mine('same', 11)], '9')).entry)).toEqual(['same', 'same', 'same', 'new']);
  });

  test('a first page of the newest history settles the accepted sends it lacks; later copies are the later sends', () => {
    // Two sends accepted before the first poll left; the page holds only a newer message, so their copies are
    // older. Two more identical sends follow; their copies arrive, then a stepped-back cursor replays one.
    let e = addLocal(addLocal(emptyThread(), local('mine', 10, 'accepted')), {
      ...local('mine', 10, 'accepted'),
      key: 'local:mine.b',
    });
    e = poll(e, answer([msg('hello', 10)], '1'), T0 + 10_500).entry;
    expect(contents(e)).toEqual(['hello']);
    e = addLocal(addLocal(e, local('mine', 11, 'accepted')), {
      ...local('mine', 11, 'accepted'),
      key: 'local:mine.c',
    });
    e = poll(e, answer([mine('mine', 11), mine('mine', 11)], '2')).entry;
    e = poll(e, answer([mine('mine', 11), msg('new', 12)], '3')).entry;
    expect(contents(e)).toEqual(['hello', 'mine', 'mine', 'new']);
    e = mergeOlder(e, { messages: assignKeys([mine('mine', 10), mine('mine', 10)]), count: 2 }, 50).entry;
    expect(contents(e)).toEqual(['mine', 'mine', 'hello', 'mine', 'mine', 'new']);
  });

  test('an identical send in the same second: its twin settles it whatever the service clock, also after a lost answer', () => {
    // The service's clock is a minute behind the browser's: "ok" sent at 100 s carries 40 s.
    const first = local('ok', 100, 'accepted');
    let e = poll(emptyThread(), answer([{ ...msg('hello', -60), isFirstMessage: true }], '1')).entry;
    e = addLocal(e, first);
    e = poll(e, answer([mine('ok', 40)], '2')).entry;
    expect(contents(e)).toEqual(['hello', 'ok']);
    // A second "ok" half a second later lands in the same service second; accepted, or its answer lost.
    for (const state of ['accepted', 'checking'] as const) {
      const second = {
        ...local('ok', 100, state),
        key: 'local:ok.2',
        sentAt: T0 + 100_500,
        since: T0 + 101_000,
      };
      const next = poll(addLocal(e, second), answer([mine('ok', 40)], '3')).entry;
      expect(contents(next)).toEqual(['hello', 'ok', 'ok']);
      expect(next.local).toEqual([]);
    }
  });

  test('a twin never stands for a send still on its way or failed (its copy may yet come, or never)', () => {
    const e = poll(
      undefined,
      answer([{ ...msg('hello', -60), isFirstMessage: true }, mine('ok', 100)], '1'),
    ).entry;
    for (const state of ['sending', 'failed'] as const) {
      const next = poll(
        addLocal(e, local('ok', 100, state)),
        answer([mine('ok', 100), msg('new', 102)], '2'),
      ).entry;
      expect(contents(next)).toEqual(['hello', 'ok', 'new', `ok (${state})`]);
    }
  });

  test('a first page pairs its copy with the newest send, so a replay of it never stands for an older one', () => {
    // Both sends still on their way when the page (only the newest message) was built: the page's copy is the
    // second send's; the first send's copy is in the older page.
    let e = addLocal(addLocal(emptyThread(), local('same', 10)), local('same', 11));
    e = poll(e, answer([mine('same', 11)], '7'), T0 + 9_000).entry;
    expect(contents(e)).toEqual(['same', 'same (sending)']);
    expect(threadView(e).messages[0]).not.toHaveProperty('sentAt');
    e = setLocalState(e, 'local:same.10', 'accepted', T0 + 12_000) as ThreadEntry;
    e = poll(e, answer([mine('same', 11), msg('new', 13)], '8')).entry;
    expect(contents(e)).toEqual(['same', 'new', 'same (sent)']);
  });

  test('a twin never stands for a send accepted after its poll left (that answer may predate the copy)', () => {
    const send = { ...local('ok', 100, 'accepted'), since: T0 + 101_000 };
    const e = addLocal(poll(undefined, answer([msg('hello', -60), mine('ok', 100)], '1')).entry, send);
    // An answer (a peer tab's, say) from a poll that left before the acceptance replays the old copy.
    const before = poll(e, answer([mine('ok', 100), msg('new', 102)], '2'), T0 + 100_500).entry;
    expect(contents(before)).toEqual(['hello', 'ok', 'new', 'ok (sent)']);
    // One that left after it carries the twin as the send's copy.
    expect(contents(poll(e, answer([mine('ok', 100), msg('new', 102)], '2'), T0 + 101_000).entry)).toEqual([
      'hello',
      'ok',
      'ok',
      'new',
    ]);
  });

  test('item 5: a send whose outcome is unknown is decided by the next poll that started after it', () => {
    const checking = local('hello', 10, 'checking');
    const e1 = addLocal(emptyThread(), checking);
    // A poll that started before the failure decides nothing.
    expect(contents(poll(e1, answer([], '1'), checking.since - 1).entry)).toEqual(['hello (checking)']);
    // It arrived: settled, no Retry offered.
    expect(contents(poll(e1, answer([mine('hello', 10)], '1'), checking.since).entry)).toEqual(['hello']);
    // It did not: failed, Retry offered.
    expect(contents(poll(e1, answer([], '1'), checking.since).entry)).toEqual(['hello (failed)']);
  });

  test('state changes keep the entry when nothing changes, and a failed message can be dropped', () => {
    const e1 = addLocal(emptyThread(), local('x', 1, 'failed'));
    expect(setLocalState(e1, 'local:x.1', 'failed', 0)).toBe(e1);
    expect(setLocalState(e1, 'nope', 'sending', 0)).toBe(e1);
    expect(contents(setLocalState(e1, 'local:x.1', 'sending', 5) as ThreadEntry)).toEqual(['x (sending)']);
    expect(setLocalState(e1, 'local:x.1', null, 5)?.local).toEqual([]);
  });

  test('the reason of a failure is kept through checking → failed, shown only when failed, and forgotten by a new attempt', () => {
    const offline = { reason: 'offline' } as const;
    const checking = setLocalState(
      addLocal(emptyThread(), local('x', 1, 'sending')),
      'local:x.1',
      'checking',
      5,
      offline,
    ) as ThreadEntry;
    expect(threadView(checking).messages[0]?.failure).toBeUndefined();
    const failed = poll(checking, answer([], '1'), 5).entry;
    expect(threadView(failed).messages[0]).toMatchObject({ delivery: 'failed', failure: offline });
    const again = setLocalState(failed, 'local:x.1', 'sending', 9) as ThreadEntry;
    expect(again.local[0]?.failure).toBeUndefined();
    const busy = { reason: 'busy' } as const;
    const failedAgain = setLocalState(again, 'local:x.1', 'failed', 10, busy) as ThreadEntry;
    expect(threadView(failedAgain).messages[0]?.failure).toEqual(busy);
  });
});

describe('mergeOlder', () => {
  test('older pages merge at the front; a short page ends history', () => {
    const e1 = poll(undefined, answer([msg('c', 10), msg('d', 11)], '1')).entry;
    expect(threadView(e1).hasOlder).toBe(true);
    const e2 = mergeOlder(e1, { messages: assignKeys([msg('a', 1), msg('b', 2)]), count: 2 }, 50).entry;
    expect(contents(e2)).toEqual(['a', 'b', 'c', 'd']);
    expect(e2.reachedStart).toBe(true);
    expect(threadView(e2).hasOlder).toBe(false);
  });

  test('item 7: a page overlapping the oldest second keeps the server order of that second', () => {
    const e1 = poll(undefined, answer([msg('c', 10), msg('d', 20)], '1')).entry;
    // The page asked from second 11 carries b and c of second 10, in the server's order.
    const page = { messages: assignKeys([msg('a', 0), msg('b', 10), msg('c', 10)]), count: 3 };
    expect(contents(mergeOlder(e1, page, 10).entry)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('older history never settles a pending local message', () => {
    const e1 = addLocal(poll(undefined, answer([msg('x', 100)], '1')).entry, local('thanks', 200));
    const e2 = mergeOlder(e1, { messages: assignKeys([mine('thanks', 50)]), count: 1 }, 50).entry;
    expect(contents(e2)).toEqual(['thanks', 'x', 'thanks (sending)']);
  });
});

describe('threadView', () => {
  test('the same entry gives the same view; unchanged messages keep their identity across polls', () => {
    const e1 = poll(undefined, answer([msg('a', 0), msg('b', 1)], '1')).entry;
    expect(threadView(e1)).toBe(threadView(e1));
    const e2 = poll(e1, answer([msg('c', 2)], '2')).entry;
    expect(threadView(e2).messages[0]).toBe(threadView(e1).messages[0]);
    expect(threadView(e2).lastSupportKey).toBe(threadView(e2).messages[2]?.key);
  });
});

describe('identity corners', () => {
  test('an inclusive replay of the first twin never claims the send the second twin stands for', () => {
    let e = addLocal(addLocal(emptyThread(), local('ok', 10, 'accepted')), {
      ...local('ok', 10, 'accepted'),
      key: 'local:ok.b',
    });
    e = poll(e, answer([mine('ok', 10)], '1')).entry;
    // The next answer replays the boundary (copy 1) and carries copy 2.
    e = poll(e, answer([mine('ok', 10), mine('ok', 10)], '2')).entry;
    expect(contents(e)).toEqual(['ok', 'ok']);
    expect(e.local).toEqual([]);
  });

  test('an answer handing back the cursor it was sent replays its boundary: it claims no accepted send', () => {
    // Two identical sends a second apart; only the second's copy is in the first page (the first's is older:
    // an older page brings it). The inclusive cursor then replays the second copy on every poll.
    let e = addLocal(addLocal(emptyThread(), local('same', 10, 'accepted')), local('same', 11, 'accepted'));
    e = poll(e, answer([mine('same', 11)], '7')).entry;
    for (let i = 0; i < RECONCILE_AFTER_POLLS; i++)
      e = mergePoll(e, {
        result: answer([mine('same', 11)], '7'),
        caseId: 'c1',
        startedAt: T0 + 3_600_000,
        sentCursor: '7',
      }).entry;
    e = mergeOlder(e, { messages: assignKeys([mine('same', 10)]), count: 1 }, 50).entry;
    // Each server copy once: the replay never stood for the first send.
    expect(contents(e)).toEqual(['same', 'same']);
    expect(e.local).toEqual([]);
  });
});
