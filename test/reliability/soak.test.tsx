/**
 * Soak: 24 simulated hours of polling with several tickets (threads and badges mounted), tickets opening,
 * closing (status 3) and being unmounted, the tab hidden and shown, faults now and then. Checks the request
 * schedule per hour, at most one poll in flight per ticket, no request and no timer after unmount, and a
 * query cache that holds the threads (equal to the server's) and little else.
 */
import { act, render } from '@testing-library/react';
import { useState } from 'react';
import type { Fault } from '../../simulator/index.ts';
import { UnreadBadge } from '../../src/components/index.ts';
import { type ThreadEntry, ticketChatKeys, useInstantMessages, useUnread } from '../../src/query/index.ts';
import { advance, installQueryHarness, makeClient, providerFor, setVisibility } from '../harness.tsx';

const HOUR = 3_600_000;
const MIN = 60_000;
const HOURS = Number(process.env.SOAK_HOURS ?? 24);
// Long intervals keep the run short (each simulated request costs real milliseconds through MSW).
const OPEN_INTERVAL = 10 * MIN;
/** Closed tickets poll at the longer of closedIntervalMs and intervalMs: here less often than open ones. */
const CLOSED_INTERVAL = 20 * MIN;
const UNREAD_INTERVAL = 10 * MIN;

const { server, sim } = installQueryHarness();

function TicketView({ caseId }: { caseId: string }) {
  const thread = useInstantMessages(caseId, { intervalMs: OPEN_INTERVAL, closedIntervalMs: CLOSED_INTERVAL });
  const unread = useUnread(caseId, { intervalMs: UNREAD_INTERVAL });
  return (
    <section data-case={caseId} data-count={thread.messages.length}>
      <UnreadBadge count={unread.count ?? 0} />
    </section>
  );
}

/** One thread polled every 10 minutes: longer than the closed interval and the back-off cap (both 60 s). */
function OneThread({ caseId }: { caseId: string }) {
  const thread = useInstantMessages(caseId, { intervalMs: 10 * MIN });
  // The ticket status (closed or not) comes with the unread count.
  const unread = useUnread(caseId, { intervalMs: 10 * MIN });
  return <p data-count={thread.messages.length} data-unread={unread.count ?? 0} />;
}

let setCases: (ids: string[]) => void = () => {};
function Page({ initial }: { initial: string[] }) {
  const [cases, set] = useState(initial);
  setCases = set;
  return (
    <>
      {cases.map((id) => (
        <TicketView key={id} caseId={id} />
      ))}
    </>
  );
}

/** Hour-level plan. Each hour's events happen at its start (hh:00). */
interface HourPlan {
  hidden?: boolean;
  open?: string[];
  unmount?: string[];
  close?: string[];
  faults?: Fault[];
}
const plan: Record<number, HourPlan> = {
  2: { hidden: true },
  3: {
    faults: [
      { kind: 'http', status: 500 },
      { kind: 'http', status: 503 },
    ],
  },
  6: { open: ['t5'], hidden: true },
  8: { close: ['t2'] },
  9: { faults: [{ kind: 'drop' }, { kind: 'malformed' }] },
  10: { hidden: true },
  12: { unmount: ['t3'] },
  13: { unmount: ['t2'] },
  14: { hidden: true },
  15: { faults: [{ kind: 'timeout' }, { kind: 'apiErrorIn200' }] },
  16: { open: ['t6'] },
  18: { hidden: true },
  20: { faults: [{ kind: 'rateLimit', retryAfterSeconds: 30 }, { kind: 'throttle' }] },
  22: { hidden: true },
};

describe('soak', () => {
  it(`${HOURS} simulated hours of polling stay on schedule, bounded and clean`, async () => {
    const model = sim();
    const start = Date.now();
    const baselineTimers = vi.getTimerCount();
    for (const id of ['t1', 't2', 't3', 't4', 't5', 't6'])
      model.addTicket({ id, status: 1, messages: [{ content: `${id} opened`, at: start - HOUR }] });

    // Per-ticket in-flight count from MSW's lifecycle events; the model's own count sampled at every start.
    const inFlight = new Map<string, number>();
    const byRequest = new Map<string, string>();
    let maxPerTicket = 0;
    let maxModelPoll = 0;
    let mounted = new Set(['t1', 't2', 't3', 't4']);
    let maxModelAllowed = 0;
    // A request ends with its mocked response (also a network error) or with request:end, whichever first.
    const settle = ({ requestId }: { requestId: string }) => {
      const id = byRequest.get(requestId);
      if (id === undefined) return;
      byRequest.delete(requestId);
      inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
    };
    server.events.on('request:start', ({ request, requestId }) => {
      const url = new URL(request.url);
      if (!url.pathname.endsWith('/cases/instant-messages')) return;
      const id = url.searchParams.get('case_ids') ?? '';
      byRequest.set(requestId, id);
      inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
      maxPerTicket = Math.max(maxPerTicket, inFlight.get(id) ?? 0);
      // An aborted request (timeout) gets no response event.
      request.signal.addEventListener('abort', () => settle({ requestId }), { once: true });
      maxModelPoll = Math.max(maxModelPoll, model.inFlight('poll'));
      maxModelAllowed = Math.max(maxModelAllowed, mounted.size);
    });
    server.events.on('response:mocked', settle);
    server.events.on('request:end', settle);

    const client = makeClient({ timeoutMs: 10_000 });
    const { wrapper: Wrapper, queryClient } = providerFor(client);
    const view = render(
      <Wrapper>
        <Page initial={[...mounted]} />
      </Wrapper>,
    );

    const hiddenHours = new Set<number>();
    const eventHours = new Set<number>();
    const closed = new Set<string>();
    for (let hour = 0; hour < HOURS; hour++) {
      const p = plan[hour] ?? {};
      const prev = plan[hour - 1] ?? {};
      if (p.hidden) hiddenHours.add(hour);
      if (Object.keys(p).length > 0 || prev.hidden) eventHours.add(hour);
      act(() => {
        for (const id of p.close ?? []) {
          model.setStatus(id, 3);
          closed.add(id);
        }
        if (p.open || p.unmount) {
          mounted = new Set([...mounted, ...(p.open ?? [])].filter((id) => !(p.unmount ?? []).includes(id)));
          setCases([...mounted]);
        }
        for (const fault of p.faults ?? []) model.injectFault(fault, { endpoint: 'poll' });
        if (p.hidden) setVisibility('hidden');
        else if (prev.hidden) setVisibility('visible');
      });
      // New messages every 20 minutes on each ticket that is not closed.
      for (let m = 0; m < 60; m += 20) {
        for (const id of ['t1', 't2', 't3', 't4', 't5', 't6']) {
          if (closed.has(id)) continue;
          model.post(id, { content: `${id} h${hour}m${m}`, replierType: m === 20 ? 0 : 1 });
        }
        await advance(20 * MIN);
      }
    }
    // Settle: faults consumed; a couple more intervals.
    await advance(2 * CLOSED_INTERVAL);

    // ----- schedule -----
    const polls = model.requests.filter((r) => r.endpoint === 'poll');
    const countIn = (id: string, hour: number) =>
      polls.filter(
        (r) => r.caseIds.includes(id) && r.at > start + hour * HOUR && r.at < start + (hour + 1) * HOUR,
      ).length;
    const isMounted = (id: string, hour: number) => {
      if (id === 't5') return hour >= 6;
      if (id === 't6') return hour >= 16;
      if (id === 't3') return hour < 12;
      if (id === 't2') return hour < 13;
      return true;
    };
    const report: string[] = [];
    for (let hour = 0; hour < HOURS; hour++) {
      for (const id of ['t1', 't2', 't3', 't4', 't5', 't6']) {
        const n = countIn(id, hour);
        if (hiddenHours.has(hour) || !isMounted(id, hour)) {
          if (n !== 0) report.push(`h${hour} ${id}: ${n} polls while hidden/unmounted`);
          continue;
        }
        const interval = closed.has(id) && hour >= 8 ? CLOSED_INTERVAL : OPEN_INTERVAL;
        const expected = HOUR / interval;
        // Clean hours: on schedule. Hours with events: never faster than the interval allows.
        const lower = eventHours.has(hour) ? 0 : expected - 1;
        // Event hours: a resume poll on show, and back-off retries (never sooner than the interval).
        const upper = HOUR / interval + (eventHours.has(hour) ? 4 : 1);
        if (n < lower || n > upper) report.push(`h${hour} ${id}: ${n} polls, expected ${lower}..${upper}`);
      }
      const unread = model.requests.filter(
        (r) => r.endpoint === 'unread' && r.at > start + hour * HOUR && r.at < start + (hour + 1) * HOUR,
      ).length;
      // One batched request per interval for all badges (plus a join when a badge mounts, a resume when shown).
      if (hiddenHours.has(hour) ? unread !== 0 : unread > HOUR / UNREAD_INTERVAL + 3)
        report.push(`h${hour}: ${unread} unread requests`);
      if (!hiddenHours.has(hour) && !eventHours.has(hour) && unread < HOUR / UNREAD_INTERVAL - 1)
        report.push(`h${hour}: only ${unread} unread requests`);
    }
    expect(report).toEqual([]);
    // The closed ticket switched to its own interval.
    expect(countIn('t2', 11)).toBeGreaterThanOrEqual(HOUR / CLOSED_INTERVAL - 1);
    expect(countIn('t2', 11)).toBeLessThanOrEqual(HOUR / CLOSED_INTERVAL);

    // ----- concurrency -----
    expect(maxPerTicket).toBe(1);
    expect(maxModelPoll).toBeLessThanOrEqual(maxModelAllowed);

    // ----- cache: the threads, equal to the server's, and little else -----
    const queries = queryClient.getQueryCache().getAll();
    // Threads + unread entries of the 6 tickets ever mounted (t3's may be garbage-collected already), and
    // the unread batch.
    expect(queries.length).toBeLessThanOrEqual(13);
    expect(queries.every((q) => q.queryKey[0] === ticketChatKeys.all[0])).toBe(true);
    for (const id of mounted) {
      const entry = queryClient.getQueryData<ThreadEntry>(ticketChatKeys.thread(id));
      const contents = entry?.server.map((m) => m.content);
      expect(contents, id).toEqual(model.ticket(id)?.messages.map((m) => m.content));
    }
    const totalMessages = [...mounted].reduce(
      (n, id) => n + (queryClient.getQueryData<ThreadEntry>(ticketChatKeys.thread(id))?.server.length ?? 0),
      0,
    );
    expect(totalMessages).toBeGreaterThan(100);

    // ----- unmount: no request, no timer left behind -----
    view.unmount();
    const unmountedAt = Date.now();
    await advance(HOUR);
    expect(model.requests.filter((r) => r.at > unmountedAt)).toEqual([]);
    expect(vi.getTimerCount()).toBe(baselineTimers);
    queryClient.clear();
  }, 120_000);

  const pollsOf = (id: string, from: number, to: number) =>
    sim().requests.filter((r) => r.endpoint === 'poll' && r.caseIds.includes(id) && r.at > from && r.at < to);

  it('closed tickets never poll faster than open ones (intervalMs above the closed interval)', async () => {
    sim().addTicket({ id: 'closed-1', status: 3, messages: [{ content: 'done', at: Date.now() - HOUR }] });
    const { wrapper: Wrapper, queryClient } = providerFor(makeClient());
    const view = render(
      <Wrapper>
        <OneThread caseId="closed-1" />
      </Wrapper>,
    );
    await advance(MIN); // first poll learns the status
    const from = Date.now();
    await advance(HOUR);
    // Every 10 minutes (the open interval), not every 60 s.
    expect(pollsOf('closed-1', from, Date.now()).length).toBeLessThanOrEqual(HOUR / (10 * MIN) + 1);
    view.unmount();
    queryClient.clear();
  });

  it('back-off never polls faster than the normal interval (intervalMs above the back-off cap)', async () => {
    const model = sim();
    model.addTicket({ id: 'open-1', status: 1, messages: [{ content: 'hi', at: Date.now() - HOUR }] });
    const { wrapper: Wrapper, queryClient } = providerFor(makeClient());
    const view = render(
      <Wrapper>
        <OneThread caseId="open-1" />
      </Wrapper>,
    );
    await advance(MIN);
    const okPolls = pollsOf('open-1', 0, Date.now()).length;
    model.injectFault({ kind: 'http', status: 500 }, { endpoint: 'poll' });
    await advance(40 * MIN);
    // The next scheduled poll failed; the retry after it comes no sooner than the interval.
    const failedAt = pollsOf('open-1', 0, Date.now())[okPolls]?.at ?? 0;
    expect(failedAt).toBeGreaterThan(0);
    const after = pollsOf('open-1', failedAt, Date.now());
    expect(after.length).toBeGreaterThan(0); // it does retry
    expect((after[0]?.at ?? 0) - failedAt).toBeGreaterThanOrEqual(10 * MIN);
    view.unmount();
    queryClient.clear();
  });
});
