import { describe, expect, it } from 'vitest';
import { inApplyOrder, type UnorderedRow } from '../../src/main/bulk/apply-order';

const row = (line: number, personRut: number | null): UnorderedRow => ({
  line,
  personRut,
  cells: [String(personRut ?? ''), '', ''],
  plan: null,
  state: 'pending',
  code: null,
  otherLine: null,
});

describe('inApplyOrder: a batch is applied in RUT order, numbered from 1', () => {
  it('orders by RUT, keeps file order for the same RUT, puts rows without a RUT last', () => {
    const ordered = inApplyOrder([
      row(2, 15_000_000),
      row(3, null),
      row(4, 9_000_001),
      row(5, 15_000_000),
      row(6, 99_999_999),
      row(7, null),
      row(8, 1_000_000),
    ]);
    expect(ordered.map((r) => [r.seq, r.line, r.personRut])).toEqual([
      [1, 8, 1_000_000],
      [2, 4, 9_000_001],
      [3, 2, 15_000_000],
      [4, 5, 15_000_000],
      [5, 6, 99_999_999],
      [6, 3, null],
      [7, 7, null],
    ]);
  });

  it('keeps every row once, unchanged but for its seq, and leaves the input alone', () => {
    const input = Array.from({ length: 1000 }, (_, i) => row(i + 2, (i * 7919) % 1000));
    const ordered = inApplyOrder(input);
    expect(ordered).toHaveLength(1000);
    expect(new Set(ordered.map((r) => r.line)).size).toBe(1000);
    expect(ordered.map((r) => r.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    for (let i = 1; i < ordered.length; i++) {
      expect(ordered[i]!.personRut!).toBeGreaterThanOrEqual(ordered[i - 1]!.personRut!);
    }
    expect(input[0]).not.toHaveProperty('seq');
    expect(input.map((r) => r.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));
  });

  it('orders an empty batch as empty', () => {
    expect(inApplyOrder([])).toEqual([]);
  });
});
