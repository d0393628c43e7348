/**
 * The thread queries the leader tab announced it polls (by query hash). A follower tab polls a thread
 * itself unless the leader covers it: a chat opened only in a follower is never left waiting. An
 * announcement lapses after `ttlMs` unless renewed, so a leader that closed or froze stops covering.
 */
export interface LeaderThreads {
  has(queryHash: string): boolean;
  set(hashes: readonly string[], ttlMs: number): void;
  subscribe(listener: () => void): () => void;
}

export function createLeaderThreads(): LeaderThreads {
  let hashes = new Set<string>();
  let lapse: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();
  const replace = (next: Set<string>) => {
    const changed = next.size !== hashes.size || [...next].some((h) => !hashes.has(h));
    hashes = next;
    if (changed) for (const listener of listeners) listener();
  };
  return {
    has: (hash) => hashes.has(hash),
    set(list, ttlMs) {
      clearTimeout(lapse);
      replace(new Set(list));
      if (list.length) lapse = setTimeout(() => replace(new Set()), ttlMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
