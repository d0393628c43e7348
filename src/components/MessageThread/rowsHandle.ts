/** What the virtualized list adds to plain DOM scrolling (rows outside the rendered range). */
export interface RowsHandle {
  scrollToEnd(): void;
  /** Scrolls so the row with this key sits `offset` px below the viewport top; false if unknown. */
  revealKey(key: string, offset: number): boolean;
}
