/**
 * Cross-tab polling: the tabs of one origin elect a leader; only the leader polls and its changes reach
 * the other tabs. Only this check is in the first load: the rest (crossTabSync.ts) is imported when a
 * provider turns cross-tab on.
 */
export function crossTabSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof BroadcastChannel !== 'undefined' &&
    // jsdom has no real tabs; polling there must not wait for an election.
    !(typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent))
  );
}
