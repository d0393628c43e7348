import { useSyncExternalStore } from 'react';

const never = () => () => {};
const browserZone = () => undefined;
const serverZone = () => 'UTC';

/**
 * The viewer's zone for times and days: `timeZone` when given, else the browser's. A server cannot know the
 * viewer's zone, so server HTML is rendered in UTC and so is the render that hydrates it (no text mismatch);
 * React then renders again in the browser's zone. Pass `timeZone` to have the first HTML in the right one.
 */
export function useViewerTimeZone(timeZone: string | undefined): string | undefined {
  const fallback = useSyncExternalStore(never, browserZone, serverZone);
  return timeZone ?? fallback;
}
