import { describe, expect, it } from 'vitest';
import { nextScopeNotice } from '../../src/main/sync/scope-notice';

const names: Record<number, string> = { 1: 'Andes', 2: 'Biobío', 3: 'Llanquihue' };
const nameOf = (rut: number) => names[rut] ?? null;
const AT = '2026-12-06T12:00:00.000Z';
const LATER = '2026-12-06T13:00:00.000Z';

describe('what an officer is told when his companies change', () => {
  it('says which arrived and which left, a taken one by the name it had', () => {
    expect(nextScopeNotice(null, [1, 2], [1, 3], nameOf, AT)).toEqual({
      at: AT,
      added: [3],
      removed: [{ rut: 2, name: 'Biobío' }],
    });
  });

  it('adds a change not read yet to the next one, each company told by where it ended', () => {
    const first = nextScopeNotice(null, [1, 2], [1, 3], nameOf, AT);
    // Biobío given back (he may have read that it left), Andes taken.
    expect(nextScopeNotice(first, [1, 3], [2, 3], nameOf, LATER)).toEqual({
      at: LATER,
      added: [2, 3],
      removed: [{ rut: 1, name: 'Andes' }],
    });
    // Llanquihue taken back before he said «Entendido»: he may have seen it arrive, so that it
    // left is said, not dropped as if nothing had happened.
    const second = nextScopeNotice(first, [1, 3], [2, 3], nameOf, LATER);
    expect(nextScopeNotice(second, [2, 3], [1, 2], nameOf, LATER)).toEqual({
      at: LATER,
      added: [1, 2],
      removed: [{ rut: 3, name: 'Llanquihue' }],
    });
  });

  it('is none when nothing moved', () => {
    expect(nextScopeNotice(null, [1, 2], [2, 1], nameOf, AT)).toBeNull();
  });
});
