import { useCallback, useRef } from 'react';

interface Watch {
  el: HTMLElement;
  /** The last element focused inside the container (only focus that started there is rescued). */
  last: Element | null;
  onFocusIn: (event: FocusEvent) => void;
  observer: MutationObserver;
}

/**
 * A ref callback for a container of transient controls (alerts with Retry, the session banner). When the
 * focused control inside it goes away, because its alert was resolved or the whole container unmounts,
 * the browser drops focus to <body> and the keyboard user loses their place: `rescue` moves it somewhere
 * useful instead. Focus the user has already moved elsewhere is left alone.
 */
export function useFocusRescue(rescue: () => void): (el: HTMLElement | null) => void {
  const watch = useRef<Watch | null>(null);
  return useCallback(
    (el: HTMLElement | null) => {
      const prev = watch.current;
      if (prev) {
        prev.observer.disconnect();
        prev.el.removeEventListener('focusin', prev.onFocusIn);
        watch.current = null;
        // React detaches the ref before it removes the element: focus can still be seen inside it here.
        if (!el && prev.el.contains(prev.el.ownerDocument.activeElement)) rescue();
      }
      if (!el) return;
      const next: Watch = {
        el,
        last: null,
        onFocusIn: (event) => {
          next.last = event.target as Element;
        },
        // One alert of several went away (the container stays).
        observer: new MutationObserver(() => {
          const active = el.ownerDocument.activeElement;
          if (next.last && !next.last.isConnected && (active === null || active === el.ownerDocument.body)) {
            next.last = null;
            rescue();
          }
        }),
      };
      el.addEventListener('focusin', next.onFocusIn);
      next.observer.observe(el, { childList: true, subtree: true });
      watch.current = next;
    },
    [rescue],
  );
}
