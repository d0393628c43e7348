/**
 * One thread's cache entry, as plain data (it survives `JSON.stringify` → parse: the server prefetch
 * dehydrates it, cross-tab sends parts of it), and the pure functions that merge into it. Each returns the
 * SAME entry when nothing changed, so neither React nor the cross-tab layer does work for an empty poll,
 * and reports what it added and which local messages it settled. `threadView` (a `select`) derives what
 * views need.
 */
import { isFromSupport, MAX_READ_CONTENT_LENGTH, nextCursor } from '../client/model.ts';
import type { Attachment, Message, OlderMessagesResult, PollResult } from '../client/types.ts';

/**
 * A server message as stored: a `Message` whose time is epoch ms (a Date would not survive JSON), and, for a
 * copy that settled a send of this browser, when that send was made.
 */
export type StoredMessage = Omit<Message, 'createdAt'> & { at: number | null; sentAt?: number };

/**
 * A message this browser sent. `sending`: the POST is on its way; `accepted`: it succeeded and the
 * server's copy has not been seen yet; `checking`: it failed in a way that may have reached the service
 * (network, timeout), so the next poll decides; `failed`: not sent.
 */
export interface LocalMessage {
  key: string;
  caseId: string;
  content: string;
  attachments: Attachment[];
  /** When the user sent it (epoch ms). */
  sentAt: number;
  state: 'sending' | 'accepted' | 'checking' | 'failed';
  /** When `state` was last set: only polls that started at or after it decide about it. */
  since: number;
  /** Polls since acceptance that did not carry its copy (after a few it is reconciled away). */
  misses: number;
  /** Why the last send of it failed (kept through `checking` → `failed`). */
  failure?: SendFailure | undefined;
  /**
   * Never sent again by itself: it already was once, or a later message was written after it (sent again
   * now, it would land after that one).
   */
  autoResent?: true | undefined;
}

/**
 * Why a send failed, as the user is told: `busy` (5xx, 429, throttled), `offline` (network, timeout),
 * `refused` (the service said no; `detail` is its message when it gave one, never internals).
 */
export interface SendFailure {
  reason: 'busy' | 'offline' | 'refused';
  detail?: string | undefined;
  /** The answer proves it was NOT stored (429, 503, throttled): safe to send again by itself. */
  resendable?: true | undefined;
  /** The service's Retry-After: not sent again by itself before that. */
  retryAfterMs?: number | undefined;
}

export interface ThreadEntry {
  /** Server messages in time order; inside one second, the server's order. */
  server: StoredMessage[];
  /** This browser's sends not yet settled, in send order. */
  local: LocalMessage[];
  /** Exactly the text of the last answer's `last_message_time_id` (null before the first one). */
  cursor: string | null;
  /** The live-chat flag (`imstatus`), null when unknown. */
  liveChat: number | null;
  /** Older history found nothing more. */
  reachedStart: boolean;
  /** A poll has answered (an entry made by a send before any poll has not: its thread is not "empty"). */
  polled: boolean;
}

/** Delivery state of a message this browser sent; absent for messages that came from the server. */
export type Delivery = 'sending' | 'sent' | 'checking' | 'failed';

/** A message as the thread shows it: a server message, or a local one (with `delivery`). */
export interface ThreadMessage extends Message {
  delivery?: Delivery;
  /** Why a `failed` message was not sent, when known. */
  failure?: SendFailure | undefined;
}

export const LOCAL_KEY_PREFIX = 'local:';
export const isLocalKey = (key: string): boolean => key.startsWith(LOCAL_KEY_PREFIX);

/** After this many polls without its copy, an accepted send is settled anyway (its copy did not match). */
export const RECONCILE_AFTER_POLLS = 3;
/**
 * In the FIRST answer (the history, which may hold an older identical message) a server copy may carry a
 * time at most this much before the send. Later answers carry only what the thread did not have, so there a
 * new copy settles a send whatever its time: the browser's and the service's clocks need not agree.
 */
const SKEW_MS = 5 * 60_000;
/**
 * An identical twin of a message already shown stands for a send only this close to it: an inclusive cursor
 * replays the newest message, which may be an older identical one. Next to a shown copy of an earlier send
 * of this browser, "close" is to that send (both browser times, whatever the service's clock says).
 */
const TWIN_SKEW_MS = 10_000;
/** A shorter server copy settles a longer local message only from this many characters on (a cut copy). */
const PREFIX_MIN = Math.floor(MAX_READ_CONTENT_LENGTH / 2);

export function emptyThread(): ThreadEntry {
  return { server: [], local: [], cursor: null, liveChat: null, reachedStart: false, polled: false };
}

/** `abc#2` → `abc`. */
export function baseKeyOf(key: string): string {
  const hash = key.lastIndexOf('#');
  return hash < 0 ? key : key.slice(0, hash);
}

const stored = ({ createdAt, ...m }: Message): StoredMessage => ({ ...m, at: createdAt?.getTime() ?? null });
const NEVER = Number.POSITIVE_INFINITY;
const storedTime = (m: StoredMessage): number => m.at ?? NEVER;

/** How many times `key` was counted before (and counts it once more). */
function count(counts: Map<string, number>, key: string): number {
  const n = counts.get(key) ?? 0;
  counts.set(key, n + 1);
  return n;
}

/** First index whose time is > t (`strict`) or >= t. The list is in time order. */
function bound(list: readonly StoredMessage[], t: number, strict: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = storedTime(list[mid] as StoredMessage);
    if (strict ? x <= t : x < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The thread's copies of base key `base` (they share one create_time, so one time: a binary search). */
function copiesOf(list: readonly StoredMessage[], base: string, t: number): StoredMessage[] {
  const out: StoredMessage[] = [];
  for (let i = bound(list, t, false), end = bound(list, t, true); i < end; i++) {
    const m = list[i] as StoredMessage;
    if (baseKeyOf(m.key) === base) out.push(m);
  }
  return out;
}

/**
 * `list` with `added` (in time order) inserted, each after every message with time <= its own (so arrival
 * order inside one second), in one copy: a plain append when they all go at the end (the usual poll).
 */
function insertByTime(list: StoredMessage[], added: StoredMessage[]): StoredMessage[] {
  let i = bound(list, storedTime(added[0] as StoredMessage), true);
  if (i === list.length) return list.concat(added);
  const out = list.slice(0, i);
  for (const m of added) {
    const at = storedTime(m);
    while (i < list.length && storedTime(list[i] as StoredMessage) <= at)
      out.push(list[i++] as StoredMessage);
    out.push(m);
  }
  while (i < list.length) out.push(list[i++] as StoredMessage);
  return out;
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
const attachmentIds = (list: readonly Attachment[]) => list.map((a) => a.id).sort();
/** The same attachment ids, in any order (the service does not keep one). */
const sameAttachments = (a: readonly Attachment[], b: readonly Attachment[]) =>
  JSON.stringify(attachmentIds(a)) === JSON.stringify(attachmentIds(b));

/**
 * How well server message `m` stands for local message `p`: 2 the same text, 1 a copy the service changed
 * (whitespace, or cut: the read schema caps content at 400 of the 2000 characters one may send), 0 not it.
 * Only customer-side messages qualify, and none more than `skewMs` before the send.
 */
function likeness(p: LocalMessage, m: StoredMessage, skewMs: number): number {
  if (m.fromSupport || !sameAttachments(p.attachments, m.attachments)) return 0;
  if (m.at !== null && m.at < p.sentAt - skewMs) return 0;
  if (m.content === p.content) return 2;
  const copy = normalize(m.content);
  const sent = normalize(p.content);
  return copy === sent || (copy.length >= PREFIX_MIN && sent.startsWith(copy)) ? 1 : 0;
}

/** Local states, best first: a new server copy may settle any, an identical twin only the first two. */
const STATES: readonly LocalMessage['state'][] = ['accepted', 'checking', 'sending', 'failed'];

/**
 * The local message `m` settles: exact text first, then the better state; among equals the oldest send, or
 * with `newest` the newest (a first page holds the newest copies). `twin` (for an identical twin of a shown
 * message) says which it may settle.
 */
function pickLocal(
  locals: readonly LocalMessage[],
  taken: ReadonlySet<LocalMessage>,
  m: StoredMessage,
  { skewMs, newest, twin }: { skewMs: number; newest?: boolean; twin?: (p: LocalMessage) => boolean },
): LocalMessage | undefined {
  let best: LocalMessage | undefined;
  let bestScore = 0;
  for (const p of locals) {
    if (taken.has(p) || (twin && !twin(p))) continue;
    const like = likeness(p, m, skewMs);
    const score = like * 10 - STATES.indexOf(p.state);
    if (like > 0 && (score > bestScore || (newest && score === bestScore))) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

export interface PollMerge {
  entry: ThreadEntry;
  /** Server messages the thread did not have. */
  added: StoredMessage[];
  /** Keys of the local messages the answer settled (replaced by, or reconciled with, the server's copy). */
  settled: string[];
}

/**
 * Merges one poll answer. The identity rule: per base key, an answer adds the copies it carries beyond
 * those the thread has (identical messages in one answer stay distinct; a replayed boundary adds nothing),
 * except that an identical copy standing for a send accepted or whose answer was lost is added too (two
 * POSTs, two messages). New customer messages settle local ones (see `likeness`; after the first answer, whatever
 * their time); a poll that STARTED after a send's outcome changed also decides it: `checking` without its
 * copy becomes `failed`, `accepted` without its copy for `RECONCILE_AFTER_POLLS` polls (or in a first answer
 * that is only the newest history) is settled. `caseId` filters the answer to one ticket.
 */
export function mergePoll(
  entry: ThreadEntry | undefined,
  {
    result,
    caseId,
    startedAt,
    sentCursor,
  }: {
    result: PollResult;
    caseId?: string | undefined;
    startedAt: number;
    /** The cursor the poll sent, when the answer is to this thread's own poll. */
    sentCursor?: string | null | undefined;
  },
): PollMerge {
  const prev = entry ?? emptyThread();
  const mine = (m: { caseId: string }) => caseId === undefined || m.caseId === caseId;
  const incoming = caseId === undefined ? result.messages : result.messages.filter(mine);
  const status = result.statuses.find(mine)?.status;
  const taken = new Set<LocalMessage>();
  const settled = new Map<LocalMessage, StoredMessage | null>();
  const added: StoredMessage[] = [];
  const seen = new Map<string, number>();
  const extra = new Map<string, number>();
  // `m` is this merge's own object (see `stored`).
  const add = (m: StoredMessage, base: string, have: number, local: LocalMessage | undefined) => {
    m.key = `${base}#${have + count(extra, base)}`;
    if (local) {
      taken.add(local);
      settled.set(local, m);
      m.sentAt = local.sentAt;
    }
    added.push(m);
  };
  // First the copies beyond those the thread has, then the identical twins of shown ones (which only a send
  // left over can claim, see below), so a replayed boundary never claims a send its new copy stands for.
  const twins: [StoredMessage, string, StoredMessage[]][] = [];
  for (const message of incoming) {
    const m = stored(message);
    const base = baseKeyOf(m.key);
    const n = count(seen, base);
    const copies = copiesOf(prev.server, base, storedTime(m));
    if (n < copies.length) twins.push([m, base, copies]);
    else
      add(
        m,
        base,
        copies.length,
        pickLocal(prev.local, taken, m, {
          skewMs: prev.polled ? NEVER : SKEW_MS,
          newest: !prev.polled,
        }),
      );
  }
  // An answer that hands back the cursor it was sent has nothing newer than it: its copies of shown
  // messages are the inclusive cursor's replay, never a send's twin (that replay claimed a send
  // whose own copy only an older page brings: shown twice).
  const replay = sentCursor != null && result.cursor === sentCursor;
  // A twin stands only for a send accepted (or whose answer was lost) and made no earlier than the newest
  // send its shown copies settled (else it may be their replay, the send's own copy in an older page: a
  // first page pairs its copies with the newest sends), and only in an answer to a poll that left after that
  // outcome (the copy was stored: a new copy in the answer claims it first).
  for (const [m, base, copies] of replay ? [] : twins) {
    const after = Math.max(0, ...copies.map((c) => c.sentAt ?? 0));
    const local = pickLocal(prev.local, taken, m, {
      skewMs: after ? NEVER : TWIN_SKEW_MS,
      // STATES' first two: accepted or checking.
      twin: (p) =>
        STATES.indexOf(p.state) < 2 &&
        p.since <= startedAt &&
        p.sentAt >= after &&
        (!after || p.sentAt - after <= TWIN_SKEW_MS),
    });
    if (local) add(m, base, copies.length, local);
  }
  // Outcomes decided by a poll that started after they were set.
  const partial = !prev.polled && incoming.length > 0 && !incoming.some((m) => m.isFirstMessage);
  let local = prev.local;
  let changedLocal = settled.size > 0;
  const next: LocalMessage[] = [];
  for (const p of prev.local) {
    if (settled.has(p)) continue;
    if (p.since <= startedAt && p.state === 'checking') {
      next.push({ ...p, state: 'failed', since: startedAt });
      changedLocal = true;
    } else if (p.since <= startedAt && p.state === 'accepted') {
      changedLocal = true;
      // A first answer without the ticket's first message is its newest history, built after the copy was
      // stored: not in it, the copy is in an older page (or changed past recognition), never a later copy.
      if (partial || p.misses + 1 >= RECONCILE_AFTER_POLLS) settled.set(p, null);
      else next.push({ ...p, misses: p.misses + 1 });
    } else next.push(p);
  }
  if (changedLocal) local = next;
  const cursor = nextCursor(prev.cursor, result.cursor);
  const liveChat = status ?? prev.liveChat;
  if (!added.length && !changedLocal && cursor === prev.cursor && liveChat === prev.liveChat && prev.polled) {
    return { entry: prev, added, settled: [] };
  }
  // Stable: equal times keep the answer's order (the client sorts by time, stably).
  added.sort((x, y) => storedTime(x) - storedTime(y));
  return {
    entry: {
      ...prev,
      server: added.length ? insertByTime(prev.server, added) : prev.server,
      local,
      cursor,
      liveChat,
      polled: true,
    },
    added,
    settled: [...settled.keys()].map((p) => p.key),
  };
}

/**
 * Merges a page of older history (same identity rule). The page is the server's word on its range: its
 * messages keep the page's order, also around the copies the thread already shows from the page's
 * newest second. Never settles a local message (an hour-old "thanks" is not what is being sent now);
 * `limit` tells whether history is exhausted.
 */
export function mergeOlder(
  entry: ThreadEntry | undefined,
  page: OlderMessagesResult,
  limit: number,
): { entry: ThreadEntry; added: StoredMessage[] } {
  const prev = entry ?? emptyThread();
  const reachedStart = prev.reachedStart || page.messages.length < limit;
  const used = new Set<StoredMessage>();
  const ordered: StoredMessage[] = [];
  const added: StoredMessage[] = [];
  const seen = new Map<string, number>();
  for (const message of page.messages) {
    const m = stored(message);
    const base = baseKeyOf(m.key);
    const n = count(seen, base);
    const copies = copiesOf(prev.server, base, storedTime(m));
    const shown = copies[n];
    if (shown) {
      used.add(shown);
      ordered.push(shown);
      continue;
    }
    m.key = `${base}#${n}`;
    added.push(m);
    ordered.push(m);
  }
  if (!added.length)
    return { entry: reachedStart === prev.reachedStart ? prev : { ...prev, reachedStart }, added };
  const rest = prev.server.filter((m) => !used.has(m));
  const last = ordered[ordered.length - 1] as StoredMessage;
  const server =
    rest.length === 0 || storedTime(last) <= storedTime(rest[0] as StoredMessage)
      ? ordered.concat(rest)
      : // A page reaching past the thread's start (not what the service promises): time order decides.
        insertByTime(
          prev.server,
          added.sort((x, y) => storedTime(x) - storedTime(y)),
        );
  return { entry: { ...prev, server, reachedStart }, added };
}

export interface ThreadView {
  /** The whole thread so far, oldest first, no duplicates; local messages (with `delivery`) last. */
  messages: ThreadMessage[];
  /** A poll has answered. */
  polled: boolean;
  liveChat: number | null;
  /** Older history may exist before the first loaded message. */
  hasOlder: boolean;
  /** The newest support message's key (mark-read watches it). */
  lastSupportKey: string | undefined;
}

// Views of stored objects, so an unchanged message keeps its identity from one poll to the next.
const views = new WeakMap<object, ThreadMessage>();

function serverView(m: StoredMessage): ThreadMessage {
  let view = views.get(m);
  if (!view) {
    const { at, sentAt, ...rest } = m;
    view = { ...rest, createdAt: at === null ? null : new Date(at) };
    views.set(m, view);
  }
  return view;
}

function localView(p: LocalMessage): ThreadMessage {
  let view = views.get(p);
  if (!view) {
    view = {
      key: p.key,
      caseId: p.caseId,
      content: p.content,
      createdAt: new Date(p.sentAt),
      createTime: '',
      replier: '',
      replierName: '',
      replierType: 0,
      type: 0,
      fromSupport: isFromSupport(0, 0),
      isFirstMessage: false,
      attachments: p.attachments,
      delivery: p.state === 'accepted' ? 'sent' : p.state,
      failure: p.state === 'failed' ? p.failure : undefined,
    };
    views.set(p, view);
  }
  return view;
}

const lastViews = new WeakMap<ThreadEntry, ThreadView>();

/** What a thread view shows, derived from the entry (for `select`: the same entry gives the same view). */
export function threadView(entry: ThreadEntry): ThreadView {
  let view = lastViews.get(entry);
  if (view) return view;
  const { server, local } = entry;
  const first = server[0];
  view = {
    messages: server.map(serverView).concat(local.map(localView)),
    polled: entry.polled,
    liveChat: entry.liveChat,
    hasOlder: !entry.reachedStart && first !== undefined && !first.isFirstMessage,
    lastSupportKey: server.findLast((m) => m.fromSupport)?.key,
  };
  lastViews.set(entry, view);
  return view;
}
