import type { QueryClient } from '@tanstack/react-query';
import { type ErrorChannel, shareErrorsAcrossTabs } from './shareErrorsAcrossTabs.ts';

/**
 * Leader election (broadcast-channel) plus `broadcastQueryClient`, which copies the cache updates to the
 * other tabs, and `shareErrorsAcrossTabs` for the failed polls it leaves out. Loaded lazily (see crossTab.ts), and the libraries lazily again. Returns the stop function;
 * `onLeadershipChange(true)` also when no usable channel exists (this tab then polls on its own).
 */
export function startCrossTab(
  queryClient: QueryClient,
  channelName: string,
  onLeadershipChange: (isLeader: boolean) => void,
): () => void {
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
    const errors = new Channel(`${channelName}:errors`) as unknown as ErrorChannel;
    const stopErrors = shareErrorsAcrossTabs(queryClient, errors);
    cleanups.push(() => {
      stopErrors();
      void errors.close();
    });
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
    if (!stopped) onLeadershipChange(true);
  });
  return () => {
    stopped = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
}
