// Shared driver for every library's page: the same data, the same container, the same waits.
// Each library's entry gives an adapter: `prepare(messages)` puts the data where the library keeps it
// (untimed: our React Query cache, stream-chat's channel state), `mount(root, messages)` and
// `append(root, messages, message)` start the timed work. Node reads the main-thread busy time (CDP
// Performance metrics) around each call; `ms` here is the wall time until the rows are painted.
import { createRoot } from 'react-dom/client';
import { makeMessage, makeThread } from '../shared/messages.mjs';

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const frames = () => frame().then(frame);

/** Frames without a DOM mutation or a row render that count as settled; waiting ends after MAX_SETTLE_MS. */
const QUIET_FRAMES = 6;
const MAX_SETTLE_MS = 5_000;

export function installHarness(adapter) {
  const { rowSelector, scrollerSelector, counter } = adapter;
  const container = document.getElementById('root');
  let root = createRoot(container);
  let current = [];
  const all = makeThread(10_001);

  // Virtualized lists keep measuring and re-rendering for a few frames after the first paint: that work
  // belongs to the mount (or append, or scroll), so every call waits until the DOM stops changing.
  async function settle() {
    let mutated = false;
    const observer = new MutationObserver(() => {
      mutated = true;
    });
    observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
    const deadline = performance.now() + MAX_SETTLE_MS;
    let quiet = 0;
    let rows = counter.rows;
    while (quiet < QUIET_FRAMES && performance.now() < deadline) {
      await frame();
      quiet = mutated || counter.rows !== rows ? 0 : quiet + 1;
      mutated = false;
      rows = counter.rows;
    }
    observer.disconnect();
  }

  const lastRowText = () => {
    const rows = container.querySelectorAll(rowSelector);
    return rows.length ? rows[rows.length - 1].textContent : '';
  };

  /** `start()` then wait until `done()` (checked each frame), two more frames (painted), then settling. */
  async function timed(start, done) {
    counter.rows = 0;
    const t0 = performance.now();
    await start();
    const deadline = t0 + 10_000;
    while (!done() && performance.now() < deadline) await frame();
    await frames();
    const ms = performance.now() - t0;
    await settle();
    return { ms, rows: counter.rows, domRows: container.querySelectorAll(rowSelector).length };
  }

  window.bench = {
    async prepare(n) {
      current = all.slice(0, n);
      await adapter.prepare?.(current);
    },
    mount() {
      return timed(
        () => adapter.mount(root, current),
        () => container.querySelector(rowSelector) !== null,
      );
    },
    append() {
      const message = all[current.length] ?? makeMessage(current.length);
      current = [...current, message];
      const marker = `(${current.length - 1})`;
      return timed(
        () => adapter.append(root, current, message),
        () => lastRowText().includes(marker),
      );
    },
    /** Sets the scroller's scrollTop to 0 until the first message is painted at the top (a virtual list may need several jumps). */
    async scrollTop() {
      counter.rows = 0;
      const t0 = performance.now();
      let ms = Number.NaN;
      let jumps = 0;
      while (jumps < 20) {
        const scroller = container.querySelector(scrollerSelector);
        scroller.scrollTop = 0;
        jumps++;
        await frames();
        const first = container.querySelector(rowSelector);
        if (scroller.scrollTop === 0 && first?.textContent.includes('(0)')) {
          ms = performance.now() - t0;
          break;
        }
        await settle();
      }
      await settle();
      return { ms, rows: counter.rows, jumps };
    },
    /** The waiting alone, on an unchanged page: its cost is the harness's, subtracted from every figure. */
    async idle() {
      await settle();
      return { ms: 0, rows: 0 };
    },
    elements: () => container.querySelectorAll('*').length,
    async reset() {
      root.unmount();
      await adapter.dispose?.();
      root = createRoot(container);
      current = [];
      await frames();
    },
  };
  window.benchReady = true;
}
