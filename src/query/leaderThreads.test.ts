import { createLeaderThreads } from './leaderThreads.ts';

describe('createLeaderThreads', () => {
  it('covers what was announced and notifies on change only', () => {
    const threads = createLeaderThreads();
    const listener = vi.fn();
    threads.subscribe(listener);
    threads.set(['a', 'b']);
    expect(threads.has('a')).toBe(true);
    expect(threads.has('c')).toBe(false);
    expect(listener).toHaveBeenCalledTimes(1);
    threads.set(['b', 'a']); // same set: no notification
    expect(listener).toHaveBeenCalledTimes(1);
    threads.set(['b']);
    expect(threads.has('a')).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('an empty announcement (the leader resigned) uncovers at once', () => {
    const threads = createLeaderThreads();
    threads.set(['a']);
    threads.set([]);
    expect(threads.has('a')).toBe(false);
  });
});
