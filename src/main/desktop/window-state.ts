/**
 * The window's size and position, remembered in the user-data folder between runs. A saved
 * position that no longer falls on any screen (a monitor unplugged) is not used.
 */
import fs from 'node:fs';

export type Rect = { x: number; y: number; width: number; height: number };
export type WindowState = Rect & { maximized: boolean };

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 960, height: 600 };

export function readWindowState(file: string): WindowState | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowState>;
    const numbers = [value.x, value.y, value.width, value.height];
    if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    return {
      x: Math.round(value.x!),
      y: Math.round(value.y!),
      width: Math.round(value.width!),
      height: Math.round(value.height!),
      maximized: value.maximized === true,
    };
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    fs.writeFileSync(file, JSON.stringify(state));
  } catch {
    // Losing the window's position is not worth bothering the agent about.
  }
}

/** How many pixels of `a` lie inside `b`. */
function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * The bounds to open the window with: the saved ones when enough of the window (its title bar
 * included) shows on a screen, else the default size, centred by the window system.
 */
export function initialBounds(
  saved: WindowState | null,
  workAreas: Rect[],
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const width = Math.max(saved.width, MIN_SIZE.width);
  const height = Math.max(saved.height, MIN_SIZE.height);
  const rect = { x: saved.x, y: saved.y, width, height };
  const titleBar = { x: saved.x, y: saved.y, width, height: 40 };
  const visible = workAreas.some(
    (area) => overlap(rect, area) >= (width * height) / 4 && overlap(titleBar, area) > 0,
  );
  if (!visible) return { bounds: { width, height }, maximized: saved.maximized };
  return { bounds: rect, maximized: saved.maximized };
}
