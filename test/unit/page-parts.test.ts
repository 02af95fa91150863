import { describe, expect, it } from 'vitest';
import { nextPartRows, PART_ROWS, PART_TARGET_MS } from '../../src/main/sync/page-parts';

describe('nextPartRows', () => {
  it('sizes the next part to take about the target at the pace of the last', () => {
    // 1,000 rows in 200 ms (10M persons, live indexes): 250 rows next, about 50 ms.
    expect(nextPartRows(1000, 1000, 200)).toBe(250);
    expect((nextPartRows(1000, 1000, 200) * 200) / 1000).toBe(PART_TARGET_MS);
    expect(nextPartRows(1000, 1000, 50)).toBe(1000);
  });

  it('grows at most twofold a part, and never past the page', () => {
    expect(nextPartRows(1000, 1000, 5)).toBe(2000);
    expect(nextPartRows(4000, 4000, 5)).toBe(PART_ROWS.max);
    expect(nextPartRows(300, 300, 0)).toBe(600);
  });

  it('never writes fewer than the minimum, however slow a part was', () => {
    expect(nextPartRows(100, 100, 2000)).toBe(PART_ROWS.min);
  });

  it('keeps its pace after a short part (a page’s remainder, a small page) unless it was slow', () => {
    expect(nextPartRows(2000, 500, 5)).toBe(2000);
    expect(nextPartRows(2000, 3, 0.1)).toBe(2000);
    expect(nextPartRows(2000, 0, 0)).toBe(2000);
    // Slow even so: the pace it shows counts.
    expect(nextPartRows(2000, 500, 250)).toBe(PART_ROWS.min);
  });
});
