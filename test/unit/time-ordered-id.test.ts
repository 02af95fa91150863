import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedId } from '../../src/main/domain/time-ordered-id';

describe('time-ordered action ids', () => {
  it('are UUIDs of version 7 that carry their millisecond', () => {
    const at = Date.UTC(2026, 11, 1, 12, 0, 0);
    const id = timeOrderedId(at);
    expect(z.string().uuid().safeParse(id).success).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(at);
  });

  it('sort as they were made, within one millisecond and across a clock that steps back', () => {
    const at = Date.UTC(2027, 0, 1);
    const ids = [
      ...Array.from({ length: 5000 }, () => timeOrderedId(at)),
      timeOrderedId(at - 10_000),
      timeOrderedId(at + 1),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
