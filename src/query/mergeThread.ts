import type { Message, OlderMessagesResult, PollResult } from '../client/types.ts';
import type { ThreadMessage } from './types.ts';

/**
 * One thread's cache entry. `index` counts the SERVER messages per base key (the part of `Message.key`
 * before `#`); local pending messages are not counted. `index`, `pending` and `lastSupport` are bookkeeping
 * kept beside the array and updated by the merge, so a poll costs O(new messages), not O(thread).
 */
export interface ThreadEntry {
  messages: ThreadMessage[];
  index: Map<string, number>;
  cursor: string | null;
  chatStatus: number | undefined;
  ticketStatus?: number;
  /** True once `loadOlder` found nothing older. (The ticket's first message being loaded also ends history.) */
  reachedStart?: boolean;
  /** Keys of local messages the server accepted (send succeeded) whose server copy has not been seen yet. */
  acceptedLocal?: readonly string[];
  /** The local messages (`delivery` set), in thread order: a poll looks here, never through the thread. */
  pending?: readonly ThreadMessage[];
  /** The newest server message from support (auto mark-read watches its key). */
  lastSupport?: ThreadMessage | undefined;
}

interface Book {
  index: Map<string, number>;
  pending: ThreadMessage[];
  lastSupport: ThreadMessage | undefined;
}

/**
 * Which messages array each index (and so the entry's bookkeeping) currently describes. The merge mutates
 * an index in place; the bookkeeping of an entry whose array is not the owner (an old entry, one edited by
 * hand, or one that came through structured clone from another tab) is rebuilt instead, so a stale entry
 * can never be merged against a newer index.
 */
const indexOwner = new WeakMap<Map<string, number>, ThreadMessage[]>();

const owned = (e: ThreadEntry) => e.index instanceof Map && indexOwner.get(e.index) === e.messages;

const count = (index: Map<string, number>, key: string) => {
  const base = baseKeyOf(key);
  index.set(base, (index.get(base) ?? 0) + 1);
};

/** Records `m` as the thread's LAST message in `b`. */
function track(b: Book, m: ThreadMessage): void {
  if (m.delivery !== undefined) b.pending.push(m);
  else if (m.fromSupport) b.lastSupport = m;
  if (!isLocalKey(m.key)) count(b.index, m.key);
}

function bookOf(e: ThreadEntry): Book {
  if (owned(e)) return { index: e.index, pending: [...(e.pending ?? [])], lastSupport: e.lastSupport };
  const b: Book = { index: new Map(), pending: [], lastSupport: undefined };
  for (const m of e.messages) track(b, m);
  return b;
}

/** The entry with a new array and its bookkeeping. */
function withBook(e: ThreadEntry, messages: ThreadMessage[], b: Book): ThreadEntry {
  indexOwner.set(b.index, messages);
  return { ...e, messages, index: b.index, pending: b.pending, lastSupport: b.lastSupport };
}

export function emptyThread(): ThreadEntry {
  return withBook({ cursor: null, chatStatus: undefined } as ThreadEntry, [], {
    index: new Map(),
    pending: [],
    lastSupport: undefined,
  });
}

export const LOCAL_KEY_PREFIX = 'local:';

export function isLocalKey(key: string): boolean {
  return key.startsWith(LOCAL_KEY_PREFIX);
}

/** `abc#2` → `abc`. */
export function baseKeyOf(key: string): string {
  const hash = key.lastIndexOf('#');
  return hash < 0 ? key : key.slice(0, hash);
}

/** Key of the newest support message (O(1) for entries the merge produced). */
export function lastSupportKey(entry: ThreadEntry | undefined): string | undefined {
  if (!entry) return undefined;
  if (owned(entry)) return entry.lastSupport?.key;
  for (let i = entry.messages.length; i--; ) {
    const m = entry.messages[i] as ThreadMessage;
    if (m.fromSupport && m.delivery === undefined) return m.key;
  }
}

const DIGITS = /^\d+$/;
const digits = (s: string) => s.replace(/^0+(?=\d)/, '');

/**
 * The cursor only moves forward: two digit strings (epoch ms, the real service's form) compare numerically;
 * otherwise the answer's cursor is taken (answers for one thread never overlap, so it is the newer one).
 */
export function newerCursor(current: string | null, answer: string | null): string | null {
  if (!answer) return current;
  if (!current || !DIGITS.test(current) || !DIGITS.test(answer)) return answer;
  const x = digits(answer);
  const y = digits(current);
  return x.length > y.length || (x.length === y.length && x > y) ? answer : current;
}

// Unparseable times sort last rather than first: they are most likely new.
const timeOf = (m: Message) => m.createdAt?.getTime() ?? Number.POSITIVE_INFINITY;

/**
 * `list` with `added` (in time order) inserted, each after every message with time <= its own (arrival
 * order for equal times), in one copy: a plain append when they all go at the end (the usual poll).
 */
function insertByTime(list: ThreadMessage[], added: ThreadMessage[]): ThreadMessage[] {
  const t = timeOf(added[0] as ThreadMessage);
  let i = list.length;
  if (i > 0 && timeOf(list[i - 1] as ThreadMessage) > t) {
    let lo = 0;
    while (lo < i) {
      const mid = (lo + i) >>> 1;
      if (timeOf(list[mid] as ThreadMessage) <= t) lo = mid + 1;
      else i = mid;
    }
  }
  if (i === list.length) return list.concat(added);
  const out = list.slice(0, i);
  for (const m of added) {
    const at = timeOf(m);
    while (i < list.length && timeOf(list[i] as ThreadMessage) <= at) out.push(list[i++] as ThreadMessage);
    out.push(m);
  }
  while (i < list.length) out.push(list[i++] as ThreadMessage);
  return out;
}

const sameContent = (p: Message, m: Message) =>
  p.content === m.content &&
  p.attachments.length === m.attachments.length &&
  p.attachments.every((x, i) => x.id === m.attachments[i]?.id);

/**
 * Local messages that server messages of this answer stand for. A newly added customer message replaces
 * a pending local one with the same content (accepted first, then 'sending', then 'failed': a timed-out send
 * may have landed). A copy the identity rule folded (a same-second twin arriving in a later answer) still
 * settles a local message whose send SUCCEEDED, so it never stays "sending" for ever.
 */
function localsReplaced(
  pending: readonly ThreadMessage[],
  accepted: readonly string[],
  added: readonly Message[],
  folded: readonly Message[],
): Set<ThreadMessage> {
  const replaced = new Set<ThreadMessage>();
  const pick = (m: Message, ok: (p: ThreadMessage) => boolean) => {
    const match = pending.find((p) => !replaced.has(p) && ok(p) && sameContent(p, m));
    if (match) replaced.add(match);
    return match;
  };
  const isAccepted = (p: ThreadMessage) => accepted.includes(p.key);
  for (const m of added) {
    if (!m.fromSupport)
      pick(m, isAccepted) ||
        pick(m, (p) => p.delivery === 'sending') ||
        pick(m, (p) => p.delivery === 'failed');
  }
  for (const m of folded) if (!m.fromSupport) pick(m, isAccepted);
  return replaced;
}

/**
 * The identity rule: for each base key, add max(0, copiesInAnswer - copiesInThread) copies. Identical
 * messages inside one answer stay distinct; a replayed boundary (inclusive cursor) adds nothing. Added
 * copies are keyed `${base}#${n}` with n continuing the thread's count, so keys stay unique in the thread.
 * The rest are `folded` into copies the thread has. Costs O(answer) plus one copy of the array on change.
 */
function mergeMessages(
  prev: ThreadEntry,
  incoming: readonly Message[],
  cursor: string | null,
  chatStatus: number | undefined,
  reachedStart = prev.reachedStart,
  settlesLocals = true,
): ThreadEntry {
  const b = bookOf(prev);
  const seen = new Map<string, number>();
  const added: ThreadMessage[] = [];
  const folded: Message[] = [];
  for (const m of incoming) {
    const base = baseKeyOf(m.key);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    if (n < (b.index.get(base) ?? 0)) folded.push(m);
    else {
      const key = `${base}#${n}`;
      added.push(m.key === key ? m : { ...m, key });
    }
  }
  // Stable: equal times keep the answer's order (the client sorts by time, stably).
  added.sort((x, y) => timeOf(x) - timeOf(y));
  const accepted = prev.acceptedLocal ?? [];
  const replaced =
    settlesLocals && b.pending.length
      ? localsReplaced(b.pending, accepted, added, folded)
      : new Set<ThreadMessage>();
  if (
    !added.length &&
    !replaced.size &&
    cursor === prev.cursor &&
    chatStatus === prev.chatStatus &&
    reachedStart === prev.reachedStart
  ) {
    return prev;
  }
  let messages = prev.messages;
  if (replaced.size) {
    messages = messages.filter((p) => !replaced.has(p));
    b.pending = b.pending.filter((p) => !replaced.has(p));
  }
  if (added.length) messages = insertByTime(messages, added);
  for (const m of added) {
    count(b.index, m.key);
    // Lands after the newest support message iff not older than it (insertByTime's rule).
    if (m.fromSupport && !(b.lastSupport && timeOf(b.lastSupport) > timeOf(m))) b.lastSupport = m;
  }
  const next = withBook(prev, messages, b);
  next.cursor = cursor;
  next.chatStatus = chatStatus;
  if (reachedStart !== undefined) next.reachedStart = reachedStart;
  if (replaced.size && prev.acceptedLocal) {
    next.acceptedLocal = accepted.filter((k) => ![...replaced].some((p) => p.key === k));
  }
  return next;
}

/**
 * Merges one poll answer into a thread entry. Pure with respect to what callers can observe: returns the
 * SAME entry when nothing changed (so React skips the re-render), otherwise a new entry with a new array.
 * `caseId` filters the answer to one ticket (an answer may carry several).
 */
export function mergeThread(
  entry: ThreadEntry | undefined,
  result: PollResult,
  caseId?: string,
): ThreadEntry {
  const prev = entry ?? emptyThread();
  const mine = (m: { caseId: string }) => caseId === undefined || m.caseId === caseId;
  const status = result.statuses.find(mine)?.status;
  return mergeMessages(
    prev,
    caseId === undefined ? result.messages : result.messages.filter(mine),
    newerCursor(prev.cursor, result.cursor),
    status ?? prev.chatStatus,
  );
}

/**
 * Merges `loadOlderMessages` results (same identity rule); `limit` tells whether history is exhausted.
 * Older history never settles a pending local message: a customer message with the same text from an hour
 * ago is not the server's copy of what is being sent now.
 */
export function mergeOlder(
  entry: ThreadEntry | undefined,
  result: OlderMessagesResult,
  limit: number,
): ThreadEntry {
  const prev = entry ?? emptyThread();
  return mergeMessages(
    prev,
    result.messages,
    prev.cursor,
    prev.chatStatus,
    result.messages.length < limit || prev.reachedStart,
    false,
  );
}

/** Whether older history may exist before the first loaded message. */
export function threadHasOlder(entry: ThreadEntry | undefined): boolean {
  if (!entry || entry.reachedStart) return false;
  // Local messages sit at the end, so this stops at the first message in practice.
  const first = entry.messages.find((m) => !isLocalKey(m.key));
  return first !== undefined && !first.isFirstMessage;
}

/** Appends a local pending message (it goes last: it was written just now). */
export function addLocalMessage(entry: ThreadEntry | undefined, message: ThreadMessage): ThreadEntry {
  const prev = entry ?? emptyThread();
  const b = bookOf(prev);
  track(b, message);
  return withBook(prev, prev.messages.concat(message), b);
}

/** Records that the server accepted a local message (its copy may be folded into an identical twin). */
export function markLocalAccepted(entry: ThreadEntry | undefined, key: string): ThreadEntry | undefined {
  if (!entry || !bookOf(entry).pending.some((m) => m.key === key)) return entry;
  return { ...entry, acceptedLocal: [...(entry.acceptedLocal ?? []), key] };
}

/**
 * Replaces the local message `key` with what `edit` returns, or drops it on null; the same entry when the
 * key is not a local message or `edit` returns undefined.
 */
function editLocal(
  entry: ThreadEntry | undefined,
  key: string,
  edit: (m: ThreadMessage) => ThreadMessage | null | undefined,
): ThreadEntry | undefined {
  if (!entry) return entry;
  const b = bookOf(entry);
  const current = b.pending.find((m) => m.key === key);
  const to = current && edit(current);
  if (to === undefined) return entry;
  const swap = (list: ThreadMessage[]) =>
    to ? list.map((m) => (m === current ? to : m)) : list.filter((m) => m !== current);
  b.pending = swap(b.pending);
  return withBook(entry, swap(entry.messages), b);
}

/** Changes a local message's delivery; returns the same entry when the key is gone or nothing changes. */
export function setLocalDelivery(
  entry: ThreadEntry | undefined,
  key: string,
  delivery: 'sending' | 'failed',
): ThreadEntry | undefined {
  return editLocal(entry, key, (m) => (m.delivery === delivery ? undefined : { ...m, delivery }));
}

/** Drops a FAILED local message (the user gave up on it); the same entry otherwise. */
export function discardLocal(entry: ThreadEntry | undefined, key: string): ThreadEntry | undefined {
  return editLocal(entry, key, (m) => (m.delivery === 'failed' ? null : undefined));
}
