import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newId } from '../../src/shared/ids';

describe('newId', () => {
  it('gives UUIDs that sort in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 5_000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 50)) expect(z.uuid().safeParse(id).success).toBe(true);
    // Version 7 (time-ordered), RFC 9562's variant.
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('starts with the instant it was made', () => {
    const before = Date.now();
    const id = newId();
    const at = parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('keep their order across a clock that steps back', () => {
    const at = Date.UTC(2027, 0, 1);
    const ids = [
      ...Array.from({ length: 5_000 }, () => newId(at)),
      newId(at - 10_000),
      newId(at + 1),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // Stepped back, it stays at (or past) the last millisecond used.
    const shown = (id: string) => parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(shown(ids.at(-2)!)).toBeGreaterThanOrEqual(at);
  });

  it('are random beyond their instant and counter, from a pool drawn afresh', () => {
    const at = Date.UTC(2027, 0, 2);
    // More ids than one draw of the pool holds (256): none repeats its random tail.
    const tails = Array.from({ length: 1_000 }, () => newId(at).slice(-12));
    expect(new Set(tails).size).toBe(tails.length);
  });
});
