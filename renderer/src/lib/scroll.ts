/**
 * Scroll arithmetic for a virtual list that may be taller than the browser allows: Chromium
 * stops growing an element at about 33.5 million pixels (1.4M rows of 24 px). Past a cap the
 * spacer stays at the cap and the scroll position maps onto rows proportionally.
 */

/** The tallest spacer used; well below Chromium's limit, so rounding never reaches it. */
export const MAX_SCROLL_PX = 15_000_000;

/** Height of the element that gives the scroll bar its length. */
export function spacerHeight(rows: number, rowHeight: number, cap = MAX_SCROLL_PX): number {
  return Math.min(rows * rowHeight, cap);
}

/** The (fractional) index of the row at the top of the view for a scroll position. */
export function rowAt(
  scrollTop: number,
  rows: number,
  rowHeight: number,
  viewHeight: number,
  cap = MAX_SCROLL_PX,
): number {
  const full = rows * rowHeight;
  if (full <= cap) return Math.min(Math.max(0, rows), Math.max(0, scrollTop / rowHeight));
  const maxScroll = cap - viewHeight;
  const maxRow = rows - viewHeight / rowHeight;
  if (maxScroll <= 0 || maxRow <= 0) return 0;
  return Math.min(maxRow, Math.max(0, (scrollTop / maxScroll) * maxRow));
}

/** The scroll position that puts row `row` at the top of the view; inverse of `rowAt`. */
export function scrollFor(
  row: number,
  rows: number,
  rowHeight: number,
  viewHeight: number,
  cap = MAX_SCROLL_PX,
): number {
  const full = rows * rowHeight;
  if (full <= cap) return row * rowHeight;
  const maxScroll = cap - viewHeight;
  const maxRow = rows - viewHeight / rowHeight;
  if (maxScroll <= 0 || maxRow <= 0) return 0;
  return (Math.min(row, maxRow) / maxRow) * maxScroll;
}
