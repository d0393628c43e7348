import type { QueryClient } from '@tanstack/react-query';

/**
 * Cross-tab polling: the tabs of one origin elect a leader (broadcast-channel); only the leader polls,
 * and `broadcastQueryClient` copies its cache updates to the other tabs. Both libraries are imported
 * lazily so they stay out of the first-load bundle.
 */
export interface CrossTabHandle {
  stop(): void;
}

export function crossTabSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof BroadcastChannel !== 'undefined' &&
    // jsdom has no real tabs; polling there must not wait for an election.
    !(typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent))
  );
}

export function startCrossTab(
  queryClient: QueryClient,
  channelName: string,
  onLeadershipChange: (isLeader: boolean) => void,
): CrossTabHandle {
  let stopped = false;
  const cleanups: (() => void)[] = [];
  void (async () => {
    const [{ BroadcastChannel: Channel, createLeaderElection }, { broadcastQueryClient }] = await Promise.all(
      [import('broadcast-channel'), import('@tanstack/query-broadcast-client-experimental')],
    );
    if (stopped) return;
    cleanups.push(
      broadcastQueryClient({ queryClient: queryClient as never, broadcastChannel: `${channelName}:cache` }),
    );
    const channel = new Channel(`${channelName}:leader`);
    const elector = createLeaderElection(channel, { responseTime: 250 });
    cleanups.push(() => {
      void elector.die().finally(() => channel.close());
    });
    // A duplicate leader (e.g. after a frozen tab wakes up) steps down; the election runs again.
    elector.onduplicate = () => {
      onLeadershipChange(false);
      void elector.die();
    };
    await elector.awaitLeadership();
    if (!stopped) onLeadershipChange(true);
  })().catch(() => {
    // No usable channel: this tab polls on its own.
    if (!stopped) onLeadershipChange(true);
  });
  return {
    stop() {
      stopped = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}
