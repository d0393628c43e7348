import type { Message, OlderMessagesResult, PollResult } from '../client/types.ts';
import type { ThreadMessage } from './types.ts';

/**
 * One thread's cache entry. `index` counts the SERVER messages per base key (the part of `Message.key`
 * before `#`); local pending messages are not counted. The index is kept beside the array and updated in
 * place by the merge, so a poll costs O(new messages), not O(thread).
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
}

/**
 * Which messages array each index currently describes. The merge mutates an index in place; an index
 * whose owner is not the entry's array (an old entry, or one that came through structured clone from
 * another tab) is rebuilt instead, so a stale entry can never be merged against a newer index.
 */
const indexOwner = new WeakMap<Map<string, number>, ThreadMessage[]>();

export function emptyThread(): ThreadEntry {
  const entry: ThreadEntry = { messages: [], index: new Map(), cursor: null, chatStatus: undefined };
  indexOwner.set(entry.index, entry.messages);
  return entry;
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

function ownedIndex(entry: ThreadEntry): Map<string, number> {
  if (entry.index instanceof Map && indexOwner.get(entry.index) === entry.messages) return entry.index;
  const index = new Map<string, number>();
  for (const m of entry.messages) {
    if (isLocalKey(m.key)) continue;
    const base = baseKeyOf(m.key);
    index.set(base, (index.get(base) ?? 0) + 1);
  }
  return index;
}

const DIGITS = /^\d+$/;

function compareDigitStrings(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The cursor only moves forward: two digit strings (epoch ms, the real service's form) compare numerically;
 * otherwise the answer's cursor is taken (answers for one thread never overlap, so it is the newer one).
 */
export function newerCursor(current: string | null, answer: string | null): string | null {
  if (answer === null || answer === '') return current;
  if (current === null || current === '') return answer;
  if (DIGITS.test(current) && DIGITS.test(answer)) {
    return compareDigitStrings(answer, current) > 0 ? answer : current;
  }
  return answer;
}

function timeOf(m: Message): number {
  // Unparseable times sort last rather than first: they are most likely new.
  return m.createdAt === null ? Number.POSITIVE_INFINITY : m.createdAt.getTime();
}

/** Inserts after every message with time <= m's (arrival order for equal times); checks the end first. */
function insertByTime(list: ThreadMessage[], m: ThreadMessage): void {
  const t = timeOf(m);
  const last = list[list.length - 1];
  if (last === undefined || timeOf(last) <= t) {
    list.push(m);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeOf(list[mid] as ThreadMessage) <= t) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, m);
}

function sameAttachments(a: Message, b: Message): boolean {
  if (a.attachments.length !== b.attachments.length) return false;
  return a.attachments.every((x, i) => x.id === b.attachments[i]?.id);
}

/**
 * The identity rule: for each base key, add max(0, copiesInAnswer - copiesInThread) copies. Identical
 * messages inside one answer stay distinct; a replayed boundary (inclusive cursor) adds nothing. Added
 * copies are keyed `${base}#${n}` with n continuing the thread's count, so keys stay unique in the thread.
 */
function additionsFor(
  index: Map<string, number>,
  incoming: readonly Message[],
): { added: ThreadMessage[]; folded: Message[] } {
  const perBase = new Map<string, Message[]>();
  for (const m of incoming) {
    const base = baseKeyOf(m.key);
    const list = perBase.get(base);
    if (list) list.push(m);
    else perBase.set(base, [m]);
  }
  const added: ThreadMessage[] = [];
  const folded: Message[] = [];
  for (const [base, list] of perBase) {
    const have = index.get(base) ?? 0;
    folded.push(...list.slice(0, have));
    for (let n = have; n < list.length; n++) {
      const m = list[n] as Message;
      const key = `${base}#${n}`;
      added.push(m.key === key ? m : { ...m, key });
    }
  }
  // Keep the answer's order (the client sorts by time, stably) for insertion.
  if (added.length > 1) {
    const order = new Map(incoming.map((m, i) => [m, i] as const));
    added.sort((a, b) => timeOf(a) - timeOf(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }
  return { added, folded };
}

const sameContent = (p: ThreadMessage, m: Message) => p.content === m.content && sameAttachments(p, m);

/**
 * Local messages that server messages of this answer stand for. A newly added customer message replaces
 * a pending local one with the same content ('sending' first, then 'failed': a timed-out send may have
 * landed). A copy the identity rule folded (a same-second twin arriving in a later answer) still settles a
 * local message whose send SUCCEEDED, so it never stays "sending" for ever.
 */
function localsReplaced(
  prev: ThreadEntry,
  added: readonly ThreadMessage[],
  folded: readonly Message[],
): Set<ThreadMessage> {
  const replaced = new Set<ThreadMessage>();
  const locals = prev.messages.filter((p) => p.delivery !== undefined);
  if (locals.length === 0) return replaced;
  const accepted = new Set(prev.acceptedLocal ?? []);
  const pick = (m: Message, ok: (p: ThreadMessage) => boolean) => {
    const match = locals.find((p) => !replaced.has(p) && ok(p) && sameContent(p, m));
    if (match) replaced.add(match);
    return match !== undefined;
  };
  for (const m of added) {
    if (m.fromSupport) continue;
    pick(m, (p) => accepted.has(p.key)) ||
      pick(m, (p) => p.delivery === 'sending') ||
      pick(m, (p) => p.delivery === 'failed');
  }
  for (const m of folded) {
    if (!m.fromSupport) pick(m, (p) => accepted.has(p.key));
  }
  return replaced;
}

interface MergeExtras {
  cursor: string | null;
  chatStatus: number | undefined;
  reachedStart?: boolean;
}

function mergeMessages(prev: ThreadEntry, incoming: readonly Message[], extras: MergeExtras): ThreadEntry {
  const index = ownedIndex(prev);
  const { added, folded } = additionsFor(index, incoming);
  const replaced = localsReplaced(prev, added, folded);
  const reachedStart = extras.reachedStart ?? prev.reachedStart;
  if (
    added.length === 0 &&
    replaced.size === 0 &&
    extras.cursor === prev.cursor &&
    extras.chatStatus === prev.chatStatus &&
    reachedStart === prev.reachedStart
  ) {
    return prev;
  }
  let messages = prev.messages;
  if (added.length > 0 || replaced.size > 0) {
    messages = replaced.size > 0 ? prev.messages.filter((p) => !replaced.has(p)) : prev.messages.slice();
    for (const m of added) {
      insertByTime(messages, m);
      const base = baseKeyOf(m.key);
      index.set(base, (index.get(base) ?? 0) + 1);
    }
  }
  indexOwner.set(index, messages);
  const next: ThreadEntry = {
    ...prev,
    messages,
    index,
    cursor: extras.cursor,
    chatStatus: extras.chatStatus,
  };
  if (reachedStart !== undefined) next.reachedStart = reachedStart;
  if (replaced.size > 0 && prev.acceptedLocal) {
    const gone = new Set([...replaced].map((p) => p.key));
    next.acceptedLocal = prev.acceptedLocal.filter((k) => !gone.has(k));
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
  const incoming =
    caseId === undefined ? result.messages : result.messages.filter((m) => m.caseId === caseId);
  const status = caseId === undefined ? result.statuses[0] : result.statuses.find((s) => s.caseId === caseId);
  const chatStatus = status && status.status !== null ? status.status : prev.chatStatus;
  return mergeMessages(prev, incoming, { cursor: newerCursor(prev.cursor, result.cursor), chatStatus });
}

/** Merges `loadOlderMessages` results (same identity rule); `limit` tells whether history is exhausted. */
export function mergeOlder(
  entry: ThreadEntry | undefined,
  result: OlderMessagesResult,
  limit: number,
): ThreadEntry {
  const prev = entry ?? emptyThread();
  const next = mergeMessages(prev, result.messages, {
    cursor: prev.cursor,
    chatStatus: prev.chatStatus,
    reachedStart: result.messages.length < limit ? true : prev.reachedStart,
  });
  return next;
}

/** Whether older history may exist before the first loaded message. */
export function threadHasOlder(entry: ThreadEntry | undefined): boolean {
  if (!entry || entry.reachedStart) return false;
  const first = entry.messages.find((m) => !isLocalKey(m.key));
  return first !== undefined && !first.isFirstMessage;
}

/** Appends a local pending message (it goes last: it was written just now). */
export function addLocalMessage(entry: ThreadEntry | undefined, message: ThreadMessage): ThreadEntry {
  const prev = entry ?? emptyThread();
  const index = ownedIndex(prev);
  const messages = [...prev.messages, message];
  indexOwner.set(index, messages);
  return { ...prev, messages, index };
}

/** Records that the server accepted a local message (its copy may be folded into an identical twin). */
export function markLocalAccepted(entry: ThreadEntry | undefined, key: string): ThreadEntry | undefined {
  if (!entry?.messages.some((m) => m.key === key && m.delivery !== undefined)) return entry;
  return { ...entry, acceptedLocal: [...(entry.acceptedLocal ?? []), key] };
}

/** Changes a local message's delivery; returns the same entry when the key is gone or nothing changes. */
export function setLocalDelivery(
  entry: ThreadEntry | undefined,
  key: string,
  delivery: 'sending' | 'failed',
): ThreadEntry | undefined {
  if (!entry) return entry;
  const at = entry.messages.findIndex((m) => m.key === key);
  const current = entry.messages[at];
  if (!current || current.delivery === undefined || current.delivery === delivery) return entry;
  const index = ownedIndex(entry);
  const messages = entry.messages.slice();
  messages[at] = { ...current, delivery };
  indexOwner.set(index, messages);
  return { ...entry, messages, index };
}
