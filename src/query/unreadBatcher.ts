import { focusManager, onlineManager, type QueryClient } from '@tanstack/react-query';
import type { TicketChatError } from '../client/errors.ts';
import type { TicketChatClient, UnreadCount } from '../client/types.ts';
import { isThreadKey, ticketChatKeys } from './keys.ts';
import { DEFAULT_MAX_BACKOFF_MS, delayAfterError } from './pollingPolicy.ts';
import { toTicketChatError } from './toTicketChatError.ts';

export const DEFAULT_UNREAD_INTERVAL_MS = 30_000;
/** Badges mounting within this window share their first request. */
export const UNREAD_JOIN_DEBOUNCE_MS = 10;

/**
 * ONE unread poller per (QueryClient, groupId). Per-badge `useQuery({ refetchInterval })` would drift apart
 * and send N requests; this owns the set of subscribed case ids and one timer, sends one request per
 * interval with all ids (the client splits at 100), and writes each count into its own cache entry
 * (`ticketChatKeys.unread(caseId, groupId)`), which `useUnread` observes.
 *
 * Requests never overlap. Paused while the page is hidden, offline, or this tab is a follower; resumes at
 * once. A newly subscribed id without data is fetched in one debounced request with the other newcomers.
 * Mark-read zeroes a count at once; answers from batches started before the mark-read settled are ignored
 * for that case, so the badge never blinks 0→1→0.
 */
export class UnreadBatcher {
  client: TicketChatClient;
  readonly groupId: string | undefined;
  readonly #queryClient: QueryClient;
  readonly #subscriptions = new Map<symbol, { caseId: string; intervalMs: number }>();
  readonly #refs = new Map<string, number>();
  readonly #joins = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #joinTimer: ReturnType<typeof setTimeout> | undefined;
  #busy = false;
  #wantAll = false;
  #wantJoins = false;
  #abort: AbortController | undefined;
  #leader = true;
  #unsubscribeManagers: (() => void) | undefined;
  /** Monotonic clock of batch starts and mark-reads (ms timestamps can tie under one tick). */
  #seq = 0;
  readonly #zeroedAt = new Map<string, number>();
  readonly #markReadsInFlight = new Map<string, number>();
  #consecutiveErrors = 0;
  #jitter = Math.random();
  #error: TicketChatError | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(queryClient: QueryClient, client: TicketChatClient, groupId?: string) {
    this.#queryClient = queryClient;
    this.client = client;
    this.groupId = groupId;
  }

  /** Case ids currently polled. */
  caseIds(): string[] {
    return [...this.#refs.keys()];
  }

  getError = (): TicketChatError | null => this.#error;

  subscribeState = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Adds a badge for `caseId` (ref-counted); returns its unsubscribe. */
  subscribe(caseId: string, intervalMs = DEFAULT_UNREAD_INTERVAL_MS): () => void {
    const token = Symbol(caseId);
    const first = this.#subscriptions.size === 0;
    this.#subscriptions.set(token, { caseId, intervalMs });
    const count = this.#refs.get(caseId) ?? 0;
    this.#refs.set(caseId, count + 1);
    if (first) this.#start();
    if (count === 0 && this.#queryClient.getQueryData(this.#key(caseId)) === undefined) {
      this.#joins.add(caseId);
      this.#scheduleJoin();
    }
    return () => {
      if (!this.#subscriptions.delete(token)) return;
      const left = (this.#refs.get(caseId) ?? 1) - 1;
      if (left > 0) this.#refs.set(caseId, left);
      else this.#refs.delete(caseId);
      if (this.#subscriptions.size === 0) this.#stop();
    };
  }

  /** Leader tab polls; followers receive the counts through the cache broadcast. */
  setLeader(isLeader: boolean): void {
    if (this.#leader === isLeader) return;
    this.#leader = isLeader;
    if (isLeader) this.#resume();
    else this.#clearTimer();
  }

  /** Poll now (e.g. a retry button, or after a new token), then continue on the interval. */
  refresh(): void {
    this.#resume();
  }

  /** Sets the count to 0 at once; call `markReadSettled` when the server call ends. */
  markReadStarted(caseId: string): void {
    this.#markReadsInFlight.set(caseId, (this.#markReadsInFlight.get(caseId) ?? 0) + 1);
    this.#zeroedAt.set(caseId, ++this.#seq);
    this.#queryClient.setQueryData<UnreadCount>(this.#key(caseId), (old) =>
      old ? (old.unread === 0 ? old : { ...old, unread: 0 }) : { caseId, unread: 0, status: null },
    );
  }

  markReadSettled(caseId: string): void {
    const left = (this.#markReadsInFlight.get(caseId) ?? 1) - 1;
    if (left > 0) this.#markReadsInFlight.set(caseId, left);
    else this.#markReadsInFlight.delete(caseId);
    // Answers of batches that started before the server recorded the read are stale for this case.
    this.#zeroedAt.set(caseId, ++this.#seq);
  }

  #key(caseId: string) {
    return ticketChatKeys.unread(caseId, this.groupId);
  }

  #intervalMs(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const s of this.#subscriptions.values()) min = Math.min(min, s.intervalMs);
    return Number.isFinite(min) ? min : DEFAULT_UNREAD_INTERVAL_MS;
  }

  #active(): boolean {
    return this.#leader && this.#refs.size > 0 && focusManager.isFocused() && onlineManager.isOnline();
  }

  #start(): void {
    const unFocus = focusManager.subscribe((focused) => {
      if (focused) this.#resume();
      else this.#clearTimer();
    });
    const unOnline = onlineManager.subscribe((online) => {
      if (online) this.#resume();
    });
    // Stopped on an expired token: any other ticket-chat request succeeding (the portal signed the user
    // in again and refetched) proves the token works again, so the badges resume too.
    const unCache = this.#queryClient.getQueryCache().subscribe((event) => {
      if (
        this.#error?.kind === 'auth' &&
        event.type === 'updated' &&
        event.action.type === 'success' &&
        !event.action.manual &&
        isThreadKey(event.query.queryKey)
      )
        this.#resume();
    });
    this.#unsubscribeManagers = () => {
      unFocus();
      unOnline();
      unCache();
    };
    // The first request (all ids) also starts the interval.
    this.#wantAll = true;
    this.#scheduleJoin();
  }

  #stop(): void {
    this.#unsubscribeManagers?.();
    this.#unsubscribeManagers = undefined;
    this.#clearTimer();
    if (this.#joinTimer !== undefined) clearTimeout(this.#joinTimer);
    this.#joinTimer = undefined;
    this.#joins.clear();
    this.#wantAll = false;
    this.#wantJoins = false;
    this.#abort?.abort();
  }

  #resume(): void {
    this.#clearTimer();
    this.#wantAll = true;
    this.#kick();
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #scheduleJoin(): void {
    if (this.#joinTimer !== undefined) return;
    this.#joinTimer = setTimeout(() => {
      this.#joinTimer = undefined;
      // Nothing scheduled yet (first badges, or paused): a full request also (re)starts the interval.
      if (this.#timer === undefined && !this.#busy) this.#wantAll = true;
      else this.#wantJoins = true;
      this.#kick();
    }, UNREAD_JOIN_DEBOUNCE_MS);
  }

  #scheduleNext(): void {
    this.#clearTimer();
    if (!this.#active()) return;
    let delay: number | false = this.#intervalMs();
    if (this.#error) {
      delay = delayAfterError(
        this.#error,
        this.#consecutiveErrors,
        delay,
        DEFAULT_MAX_BACKOFF_MS,
        this.#jitter,
      );
    }
    if (delay === false) return; // auth: wait for refresh() or focus
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#wantAll = true;
      this.#kick();
    }, delay);
  }

  /** Runs the wanted request, one at a time. */
  #kick(): void {
    if (this.#busy || !this.#active()) return;
    let ids: string[];
    const full = this.#wantAll;
    if (full) ids = this.caseIds();
    else if (this.#wantJoins) ids = [...this.#joins].filter((id) => this.#refs.has(id));
    else return;
    this.#wantAll = false;
    this.#wantJoins = false;
    this.#joins.clear();
    if (ids.length === 0) return;
    this.#busy = true;
    void this.#fetch(ids).finally(() => {
      this.#busy = false;
      if (full) this.#scheduleNext();
      else if (this.#timer === undefined) this.#scheduleNext();
      this.#kick();
    });
  }

  async #fetch(caseIds: string[]): Promise<void> {
    const startedAt = ++this.#seq;
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const counts = await this.client.listUnread({
        caseIds,
        ...(this.groupId !== undefined ? { groupId: this.groupId } : {}),
        signal: abort.signal,
      });
      for (const c of counts) {
        // A count fetched before a mark-read reached the server is stale; its ticket status is not.
        const countIsStale =
          this.#markReadsInFlight.has(c.caseId) || (this.#zeroedAt.get(c.caseId) ?? 0) > startedAt;
        this.#queryClient.setQueryData<UnreadCount>(this.#key(c.caseId), (old) => {
          const next = countIsStale ? { ...c, unread: old?.unread ?? 0 } : c;
          return old && old.unread === next.unread && old.status === next.status ? old : next;
        });
      }
      this.#consecutiveErrors = 0;
      this.#setError(null);
    } catch (e) {
      if (abort.signal.aborted) return;
      this.#consecutiveErrors++;
      this.#jitter = Math.random();
      this.#setError(toTicketChatError(e));
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  #setError(error: TicketChatError | null): void {
    if (this.#error === error) return;
    this.#error = error;
    for (const l of this.#listeners) l();
  }
}

const registry = new WeakMap<QueryClient, Map<string, UnreadBatcher>>();

/** The batcher of (queryClient, groupId), created on first use. */
export function getUnreadBatcher(
  queryClient: QueryClient,
  client: TicketChatClient,
  groupId?: string,
): UnreadBatcher {
  let byGroup = registry.get(queryClient);
  if (!byGroup) {
    byGroup = new Map();
    registry.set(queryClient, byGroup);
  }
  const name = groupId ?? '\u0000';
  let batcher = byGroup.get(name);
  if (!batcher) {
    batcher = new UnreadBatcher(queryClient, client, groupId);
    byGroup.set(name, batcher);
  }
  batcher.client = client;
  return batcher;
}
