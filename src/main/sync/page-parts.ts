/**
 * How many rows of a pulled page the desk writes in one transaction (the event loop is let
 * through between them): as many as take about PART_TARGET_MS at the pace of the part before.
 * A fixed count is wrong at one end or the other: at 10M persons 1,000 rows held the window
 * for up to 193 ms (266 ms with the large tables' indexes kept up to date as rows arrive); on a
 * small replica 5,000 rows take about 30 ms; and machines differ by 2–3×.
 */
export const PART_TARGET_MS = 50;
export const PART_ROWS = { first: 1000, min: 100, max: 5000 } as const;

/**
 * The next part's rows, after a part of `rows` rows (`current` asked for) took `ms`: paced, at
 * most doubled, within bounds. A short part (a page's remainder, a small page) says little of
 * the pace, and changes nothing unless it was slow.
 */
export function nextPartRows(current: number, rows: number, ms: number): number {
  if (rows < current && ms <= PART_TARGET_MS) return current;
  if (rows <= 0) return PART_ROWS.first;
  const paced = ms > 0 ? Math.floor((rows * PART_TARGET_MS) / ms) : PART_ROWS.max;
  return Math.max(PART_ROWS.min, Math.min(PART_ROWS.max, rows * 2, paced));
}
