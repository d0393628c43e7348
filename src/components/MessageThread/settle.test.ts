import { QUIET_FRAMES, SETTLE_MAX_FRAMES, type SettleCount, type SettleFrame, settleStep } from './settle.ts';

/** Runs frames until settling is over; the number of frames it took. */
function settle(frame: (index: number) => SettleFrame): number {
  let count: SettleCount = { frames: 0, quiet: 0 };
  for (let index = 0; ; index++) {
    const { done, ...next } = settleStep(count, frame(index));
    count = next;
    if (done) return count.frames;
  }
}
const still: SettleFrame = { resized: false, layoutPending: false };

describe('settleStep', () => {
  it('ends after QUIET_FRAMES frames without a change', () => {
    expect(settle(() => still)).toBe(QUIET_FRAMES);
  });

  it('a resize starts the quiet count again', () => {
    expect(settle((i) => ({ ...still, resized: i === 1 }))).toBe(2 + QUIET_FRAMES);
  });

  it('is not quiet while the virtualizer holds a change not yet rendered, though nothing resized', () => {
    // The virtual list's render of its measured rows landing 5 frames late (a busy main thread).
    expect(settle((i) => ({ ...still, layoutPending: i < 5 }))).toBe(5 + QUIET_FRAMES);
  });

  it('ends after SETTLE_MAX_FRAMES frames whatever happens', () => {
    expect(settle(() => ({ resized: true, layoutPending: true }))).toBe(SETTLE_MAX_FRAMES);
  });
});
