/**
 * After a change, virtual rows get measured over a few frames; the anchor is held until they stop, for at
 * most this many frames. Counted in frames, not milliseconds: measuring happens once a frame, so a busy
 * main thread (slow frames) needs as many frames as an idle one.
 */
export const SETTLE_MAX_FRAMES = 60;
/** Frames in a row without a change that end settling early. */
export const QUIET_FRAMES = 3;

export interface SettleCount {
  /** Frames since settling started. */
  frames: number;
  /** Frames in a row without a change. */
  quiet: number;
}

export interface SettleFrame {
  /** The viewport or the rows resized since the last frame. */
  resized: boolean;
  /**
   * The virtualizer holds a change React has not rendered yet. Its render can come several frames after the
   * change (React schedules it as a task, the browser may run frames first): the rows are not quiet until it
   * is in the DOM, however many frames pass without a resize.
   */
  layoutPending: boolean;
}

/** One frame of settling: the new count, and whether settling is over. */
export function settleStep(count: SettleCount, frame: SettleFrame): SettleCount & { done: boolean } {
  const quiet = frame.resized || frame.layoutPending ? 0 : count.quiet + 1;
  const frames = count.frames + 1;
  return { frames, quiet, done: quiet >= QUIET_FRAMES || frames >= SETTLE_MAX_FRAMES };
}
