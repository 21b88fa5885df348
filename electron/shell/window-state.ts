/**
 * Where the window opens: the remembered bounds when they still fit a screen, else the
 * default size centred by the system (a screen may have been unplugged since).
 */
import type { WindowState } from './settings.js';

/** A rectangle in screen coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The size of a window opened for the first time. */
export const DEFAULT_SIZE = Object.freeze({ width: 1280, height: 800 });

/** The smallest window the views are laid out for. */
export const MIN_SIZE = Object.freeze({ width: 800, height: 560 });

/** How much of the window must lie on a screen to keep its position: enough to grab it. */
const GRAB = { width: 100, height: 50 };

/** The bounds to open the window with; x and y are left out to let the system place it. */
export interface OpenBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** The bounds to open with, given what was saved and the screens' work areas now. */
export function openBounds(saved: WindowState | null, workAreas: readonly Rect[]): OpenBounds {
  const first = workAreas[0];
  const fit = (size: number, min: number, room: number | undefined) =>
    Math.max(min, room === undefined ? size : Math.min(size, room));
  const width = fit(saved?.width ?? DEFAULT_SIZE.width, MIN_SIZE.width, first?.width);
  const height = fit(saved?.height ?? DEFAULT_SIZE.height, MIN_SIZE.height, first?.height);
  if (!saved || saved.x === null || saved.y === null) return { width, height };
  const rect = { x: saved.x, y: saved.y, width, height };
  const onScreen = workAreas.some((area) => {
    const o = overlap(rect, area);
    return o.width >= GRAB.width && o.height >= GRAB.height;
  });
  return onScreen ? rect : { width, height };
}

/** What to remember of a window: its normal (not maximized) bounds and whether maximized. */
export function windowState(normal: Rect, maximized: boolean): WindowState {
  return {
    x: Math.round(normal.x),
    y: Math.round(normal.y),
    width: Math.round(normal.width),
    height: Math.round(normal.height),
    maximized,
  };
}
