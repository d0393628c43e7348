import { useEffect, useLayoutEffect, useSyncExternalStore } from 'react';

/**
 * useLayoutEffect in a browser, useEffect on a server (neither runs there): React 18's server renderer
 * warns once per useLayoutEffect call otherwise.
 */
export const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

const subscribeNothing = () => () => {};

/**
 * True while rendering on a server or hydrating its HTML, false in a browser's own renders (React renders
 * again once hydrated). The server render and the hydration render agree, so markup that depends on it
 * hydrates without a mismatch.
 */
export function useServerRendered(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
}
