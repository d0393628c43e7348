// Shared driver for every library's page: the same data, the same container, the same timing.
// window.bench.mount(n) / append() return { ms, rows } where `ms` runs from root.render() until rows
// are in the DOM and two animation frames have passed (render + commit + layout + paint) and `rows` counts row-component renders.
import { createRoot } from 'react-dom/client';
import { makeMessage, makeThread } from '../shared/messages.mjs';

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

export function installHarness({ View, rowSelector, counter }) {
  const container = document.getElementById('root');
  let root = createRoot(container);
  let current = [];
  const all = makeThread(10_001);

  async function renderTimed(messages) {
    counter.rows = 0;
    const t0 = performance.now();
    root.render(<View messages={messages} />);
    // A virtualized list may paint its rows one pass later (after measuring the viewport): wait until
    // rows are in the DOM, then for the frame that paints them.
    const deadline = t0 + 10_000;
    while (container.querySelector(rowSelector) === null && performance.now() < deadline) await frame();
    await frames();
    const ms = performance.now() - t0;
    return { ms, rows: counter.rows, domRows: container.querySelectorAll(rowSelector).length };
  }

  window.bench = {
    async mount(n) {
      current = all.slice(0, n);
      return renderTimed(current);
    },
    async append() {
      current = [...current, all[current.length] ?? makeMessage(current.length)];
      return renderTimed(current);
    },
    async reset() {
      root.unmount();
      root = createRoot(container);
      current = [];
      await frames();
    },
  };
  window.benchReady = true;
}
