/** What the virtualized list adds to plain DOM scrolling (rows outside the rendered range). */
export interface RowsHandle {
  scrollToEnd(): void;
  /** Scrolls so the row with this key sits `offset` px below the viewport top; false if unknown. */
  revealKey(key: string, offset: number): boolean;
  /**
   * The virtualizer changed (rows measured, scroll compensated) and React has not rendered that yet: the rows'
   * DOM positions are behind its state, so nothing read from them is final.
   */
  isLayoutPending(): boolean;
}
