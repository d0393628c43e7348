/**
 * Real Chromium: the transient notices (earlier messages failed, a download failed) hang over the thread's
 * top like the connection banner: the thread neither moves nor scrolls when one appears or is dismissed.
 */
import '../../styles.css';
import { HttpResponse, http } from 'msw';
import { page, userEvent } from 'vitest/browser';
import { createServiceModel } from '../../../simulator/index.ts';
import { BASE, CASE_ID, installAttachmentHarness } from '../../../test/attachmentsHarness.tsx';

const { state, mount, serveNormally, worker } = installAttachmentHarness();
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** A ticket with more history than the first poll brings (10), the newest message with a file. */
function seedLongThread() {
  state.sim = createServiceModel({ initialPageSize: 10 });
  state.sim.addTicket({ id: CASE_ID, status: 1, chatStatus: 1 });
  serveNormally();
  const start = Date.now() - 60 * 60_000;
  for (let i = 0; i < 24; i++)
    state.sim.post(CASE_ID, {
      content: `Message number ${i}`,
      replierType: i % 3 === 0 ? 0 : 1,
      at: start + i * 60_000,
      ...(i === 23 ? { attachments: [{ id: 'att-9', name: 'report.pdf' }] } : {}),
    });
}

/** Waits until the thread has stopped scrolling (its landing, rows measured): 5 frames at one offset. */
async function settled(host: HTMLElement) {
  const viewport = host.querySelector('.tc-thread__viewport') as HTMLElement;
  let last = -1;
  let same = 0;
  await expect
    .poll(
      async () => {
        await frames();
        same = viewport.scrollTop === last ? same + 1 : 0;
        last = viewport.scrollTop;
        return same;
      },
      { timeout: 5000, interval: 0 },
    )
    .toBeGreaterThanOrEqual(5);
}

/**
 * Scrolls as a reader does: a wheel event first (the thread tells a reader's scroll from its own
 * re-measuring by that), then the offset.
 */
function readerScroll(host: HTMLElement, top: number) {
  const viewport = host.querySelector('.tc-thread__viewport') as HTMLElement;
  viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: top - viewport.scrollTop, bubbles: true }));
  viewport.scrollTop = top;
}

/** Where the thread is: its viewport's box and scroll offset. */
function threadPlace(host: HTMLElement) {
  const viewport = host.querySelector('.tc-thread__viewport') as HTMLElement;
  const { top, height } = viewport.getBoundingClientRect();
  return { top, height, scrollTop: viewport.scrollTop };
}

/** The alert is over the thread, under the header, and not covered (its button is what a tap there hits). */
function expectOverlaid(host: HTMLElement, alert: HTMLElement) {
  const header = host.querySelector('.tc-chat__header') as HTMLElement;
  expect(Math.round(alert.getBoundingClientRect().top)).toBeGreaterThanOrEqual(
    Math.round(header.getBoundingClientRect().bottom),
  );
  const button = alert.querySelector('button') as HTMLElement;
  const box = button.getBoundingClientRect();
  expect(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)).toBe(button);
}

describe('overlaid notices', () => {
  test('"Couldn\'t load earlier messages" appears and is dismissed without moving the thread', async () => {
    seedLongThread();
    const host = mount();
    await expect.element(page.getByText('Message number 23')).toBeVisible();
    // Older pages wait for the test, then fail: the place is measured while the load is under way.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    worker.use(
      http.get(`${BASE}/v2/servicerequest/cases/:id/instant-messages/more`, async () => {
        await gate;
        return HttpResponse.json({ error_code: 'OSM.0001', error_msg: 'Internal error' }, { status: 500 });
      }),
    );
    const older = page.getByRole('button', { name: 'Load earlier messages' });
    await expect.element(older).toBeInTheDocument();
    // The reader scrolls up to the top, once the thread has landed: it asks for older messages.
    await settled(host);
    readerScroll(host, 0);
    await expect.element(page.getByRole('button', { name: 'Loading earlier messages…' })).toBeVisible();
    await settled(host);
    const before = threadPlace(host);
    release();
    const alert = page.getByRole('alert').filter({ hasText: "Couldn't load earlier messages." });
    await expect.element(alert).toBeVisible();
    await frames();
    expect(threadPlace(host)).toEqual(before);
    expectOverlaid(host, alert.element() as HTMLElement);
    await userEvent.click(alert.getByRole('button', { name: 'Dismiss' }));
    await expect.element(alert).not.toBeInTheDocument();
    await frames();
    expect(threadPlace(host)).toEqual(before);
  });

  test("a failed download's alert appears over the thread without moving it", async () => {
    seedLongThread();
    const host = mount();
    await expect.element(page.getByText('Message number 23')).toBeVisible();
    const chip = page.getByRole('button', { name: /report\.pdf/ });
    // In full view first, so the click does not scroll the thread itself.
    await settled(host);
    const viewport = host.querySelector('.tc-thread__viewport') as HTMLElement;
    const offset =
      (chip.element() as HTMLElement).getBoundingClientRect().top - viewport.getBoundingClientRect().top;
    readerScroll(host, viewport.scrollTop + offset - viewport.clientHeight / 2);
    await settled(host);
    const before = threadPlace(host);
    state.sim.injectFault({ kind: 'http', status: 500 }, { endpoint: 'download', times: 20 });
    state.sim.injectFault({ kind: 'http', status: 500 }, { endpoint: 'accessUrl', times: 20 });
    await userEvent.click(chip);
    const alert = page.getByRole('alert').filter({ hasText: 'report.pdf' });
    await expect.element(alert).toBeVisible();
    await frames();
    expect(threadPlace(host)).toEqual(before);
    expectOverlaid(host, alert.element() as HTMLElement);
    await userEvent.click(alert.getByRole('button', { name: 'Dismiss' }));
    await expect.element(alert).not.toBeInTheDocument();
    expect(threadPlace(host)).toEqual(before);
  });
});
