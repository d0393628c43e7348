import { createLeaderThreads } from './leaderThreads.ts';

describe('createLeaderThreads', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('covers what was announced, notifies on change only, and lapses unless renewed', () => {
    const threads = createLeaderThreads();
    const listener = vi.fn();
    threads.subscribe(listener);
    threads.set(['a', 'b'], 1000);
    expect(threads.has('a')).toBe(true);
    expect(threads.has('c')).toBe(false);
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(900);
    threads.set(['b', 'a'], 1000); // renewed, same set: no notification
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(900);
    expect(threads.has('a')).toBe(true);
    vi.advanceTimersByTime(200);
    expect(threads.has('a')).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('an empty announcement (the leader resigned) uncovers at once', () => {
    const threads = createLeaderThreads();
    threads.set(['a'], 1000);
    threads.set([], 1000);
    expect(threads.has('a')).toBe(false);
  });
});
