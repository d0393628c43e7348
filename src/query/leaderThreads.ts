/**
 * The thread queries the leader tab says it polls (by query hash). A follower tab polls a thread itself
 * unless the leader covers it: a chat opened only in a follower is never left waiting. The leader replaces
 * the set whenever it changes and empties it when it resigns (crossTabSync.ts).
 */
export interface LeaderThreads {
  has(queryHash: string): boolean;
  set(hashes: readonly string[]): void;
  subscribe(listener: () => void): () => void;
}

export function createLeaderThreads(): LeaderThreads {
  let hashes = new Set<string>();
  const listeners = new Set<() => void>();
  return {
    has: (hash) => hashes.has(hash),
    set(list) {
      const next = new Set(list);
      const changed = next.size !== hashes.size || [...next].some((h) => !hashes.has(h));
      hashes = next;
      if (changed) for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
