/** The scaled scroll of the events table: row positions past Chromium's height limit. */
import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, rowAt, scrollFor, spacerHeight } from '../../renderer/src/lib/scroll.js';

const ROW = 28;
const VIEW = 560;

describe('scaled scroll', () => {
  it('scrolls one pixel per pixel while the rows fit under the cap', () => {
    expect(spacerHeight(1000, ROW)).toBe(28_000);
    expect(rowAt(2800, 1000, ROW, VIEW)).toBe(100);
    expect(scrollFor(100, 1000, ROW, VIEW)).toBe(2800);
  });

  it('keeps a million rows under the cap and still reaches the first and last row', () => {
    const rows = 1_000_000;
    expect(spacerHeight(rows, ROW)).toBe(MAX_SCROLL_PX);
    expect(rowAt(0, rows, ROW, VIEW)).toBe(0);
    const bottom = rowAt(MAX_SCROLL_PX - VIEW, rows, ROW, VIEW);
    // The view ends exactly at the last row.
    expect(bottom + VIEW / ROW).toBeCloseTo(rows, 6);
  });

  it('maps a row to a scroll position and back for a million rows', () => {
    const rows = 1_000_000;
    for (const row of [0, 1, 12_345, 500_000, 999_980]) {
      expect(rowAt(scrollFor(row, rows, ROW, VIEW), rows, ROW, VIEW)).toBeCloseTo(row, 6);
    }
  });

  it('never answers a row outside the table for odd inputs', () => {
    const table: [number, number, number][] = [
      [-50, 1000, VIEW],
      [1e12, 2_000_000, VIEW],
      [100, 0, VIEW],
      [100, 5, VIEW],
    ];
    for (const [top, rows, view] of table) {
      const r = rowAt(top, rows, ROW, view);
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(Math.max(0, rows));
    }
  });
});
