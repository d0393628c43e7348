import { emptyThread, type LocalMessage, type SendFailure, type ThreadEntry } from './threadEntry.ts';
import { addLocal, setLocalState, takeAutoResend } from './useSendMessage.ts';

const T0 = Date.parse('2024-03-01T08:00:00Z');
const message = (content: string, second: number): LocalMessage => ({
  key: `local:${content}`,
  caseId: 'c1',
  content,
  attachments: [],
  sentAt: T0 + second * 1000,
  state: 'sending',
  since: T0 + second * 1000,
  misses: 0,
});
const busy = (retryAfterMs?: number): SendFailure => ({ reason: 'busy', resendable: true, retryAfterMs });
const resent = (entry: ThreadEntry | undefined, now: number) => takeAutoResend(entry, now).resend?.content;

describe('takeAutoResend', () => {
  test("waits for the service's Retry-After, then takes the message once", () => {
    const failedAt = T0 + 1000;
    const entry = setLocalState(
      addLocal(emptyThread(), message('a', 0)),
      'local:a',
      'failed',
      failedAt,
      busy(20_000),
    );
    // Was: sent again at the next poll, about a second after a 429 that asked for 20 s.
    expect(resent(entry, failedAt + 1000)).toBeUndefined();
    expect(resent(entry, failedAt + 19_999)).toBeUndefined();
    const taken = takeAutoResend(entry, failedAt + 20_000);
    expect(taken.resend?.content).toBe('a');
    expect(resent(taken.entry, failedAt + 60_000)).toBeUndefined();
  });

  test('without a Retry-After, at the next poll', () => {
    const entry = setLocalState(addLocal(emptyThread(), message('a', 0)), 'local:a', 'failed', T0, busy());
    expect(resent(entry, T0)).toBe('a');
  });

  // Was: "a" refused with 429, "b" accepted, then "a" sent again by itself: the service stored b before a.
  test('never takes a message written before a later one: it would land after it', () => {
    const first = addLocal(emptyThread(), message('a', 0));
    const both = addLocal(first, message('b', 1));
    const failed = setLocalState(both, 'local:a', 'failed', T0 + 2000, busy());
    expect(resent(failed, T0 + 60_000)).toBeUndefined();
    expect(failed?.local.find((p) => p.key === 'local:a')?.state).toBe('failed');
    // Even once the later one is settled (its copy arrived and the local message is gone).
    const settled = setLocalState(failed, 'local:b', null, T0 + 3000);
    expect(resent(settled, T0 + 60_000)).toBeUndefined();
    // The newest one still is taken.
    const bFailed = setLocalState(both, 'local:b', 'failed', T0 + 2000, busy());
    expect(resent(bFailed, T0 + 60_000)).toBe('b');
  });

  test('the same entry when nothing is due', () => {
    const entry = addLocal(emptyThread(), message('a', 0));
    expect(takeAutoResend(entry, T0).entry).toBe(entry);
  });
});
