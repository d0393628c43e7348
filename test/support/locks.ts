/**
 * A small in-memory Web Locks manager (exclusive locks, `ifAvailable`, `signal`, `query`) for jsdom, which has no
 * `navigator.locks`. One manager per document: the providers of one test share it, as the tabs of one
 * origin share the browser's. Grants in request order, like the browser.
 */
type Callback = (lock: { name: string; mode: 'exclusive' } | null) => unknown;

interface Waiter {
  callback: Callback;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export function createLockManager() {
  const held = new Set<string>();
  const queues = new Map<string, Waiter[]>();
  const grant = (name: string, waiter: Waiter) => {
    held.add(name);
    Promise.resolve()
      .then(() => waiter.callback({ name, mode: 'exclusive' }))
      .then(waiter.resolve, waiter.reject)
      .finally(() => {
        held.delete(name);
        const next = queues.get(name)?.shift();
        if (next) grant(name, next);
      });
  };
  const request = (
    name: string,
    optionsOrCallback: { ifAvailable?: boolean; signal?: AbortSignal } | Callback,
    maybeCallback?: Callback,
  ): Promise<unknown> => {
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = (
      typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback
    ) as Callback;
    return new Promise((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) return reject(signal.reason);
      const waiter: Waiter = { callback, resolve, reject };
      if (!held.has(name)) return grant(name, waiter);
      if (options.ifAvailable) {
        Promise.resolve()
          .then(() => callback(null))
          .then(resolve, reject);
        return;
      }
      const queue = queues.get(name) ?? [];
      queue.push(waiter);
      queues.set(name, queue);
      signal?.addEventListener('abort', () => {
        const at = queue.indexOf(waiter);
        if (at < 0) return; // granted meanwhile: aborting no longer releases it (as in the browser)
        queue.splice(at, 1);
        reject(signal.reason);
      });
    });
  };
  /**
   * What `navigator.locks.query()` reports: held and waiting requests, by name. Answered on a later task,
   * as the browser's lock manager (in another process) does: what the tabs did meanwhile counts.
   */
  const query = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return {
      held: [...held].map((name) => ({ name, mode: 'exclusive' as const })),
      pending: [...queues].flatMap(([name, queue]) =>
        queue.map(() => ({ name, mode: 'exclusive' as const })),
      ),
    };
  };
  return { request, query } as unknown as LockManager;
}

/** Provides `navigator.locks` for the current test file (jsdom has none). */
export function installLocks(): void {
  beforeEach(() => {
    Object.defineProperty(navigator, 'locks', { configurable: true, value: createLockManager() });
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'locks');
  });
}
