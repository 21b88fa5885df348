/** Where the window opens: remembered bounds when they still fit a screen. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  openBounds,
  windowState,
} from '../../electron/shell/window-state.js';

const LAPTOP = { x: 0, y: 0, width: 1920, height: 1050 };
const RIGHT = { x: 1920, y: 0, width: 2560, height: 1400 };
const saved = (x: number | null, y: number | null, width = 1000, height = 700) => ({
  x,
  y,
  width,
  height,
  maximized: false,
});

describe('openBounds', () => {
  it('opens a first window at the default size and lets the system place it', () => {
    expect(openBounds(null, [LAPTOP])).toEqual(DEFAULT_SIZE);
  });

  it('opens where it was when that place is on a screen', () => {
    expect(openBounds(saved(100, 50), [LAPTOP])).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
    });
    expect(openBounds(saved(2000, 100), [LAPTOP, RIGHT])).toEqual({
      x: 2000,
      y: 100,
      width: 1000,
      height: 700,
    });
  });

  it.each([
    ['on a screen that was unplugged', saved(2000, 100)],
    ['far above the screen', saved(100, -5000)],
    ['with only a sliver left on the screen', saved(1900, 100)],
  ])('drops the position of a window %s', (_what, state) => {
    expect(openBounds(state, [LAPTOP])).toEqual({ width: 1000, height: 700 });
  });

  it('shrinks a window larger than the screen and never below the least size', () => {
    expect(openBounds(saved(null, null, 5000, 4000), [LAPTOP])).toEqual({
      width: 1920,
      height: 1050,
    });
    expect(openBounds(saved(null, null, 300, 200), [LAPTOP])).toEqual(MIN_SIZE);
  });

  it('keeps the remembered size when no screen is known', () => {
    expect(openBounds(saved(null, null, 1000, 700), [])).toEqual({ width: 1000, height: 700 });
  });
});

describe('windowState', () => {
  it('remembers whole-number normal bounds and the maximized flag', () => {
    expect(windowState({ x: 10.4, y: 20.6, width: 999.5, height: 700 }, true)).toEqual({
      x: 10,
      y: 21,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });
});
