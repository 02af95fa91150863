/**
 * A company's callers are read in one go (issue 11: a big company has hundreds of
 * administrators): the batch read gives each person exactly what the single read gives.
 */
import { describe, expect, it } from 'vitest';
import { createPersonRecordRepository } from '../../src/main/repositories/person-record-repository';
import { seededCore } from '../support/context';

describe('identityHolders', () => {
  it('equals identityHolder person by person, employers in the same order', () => {
    const core = seededCore(400);
    const repo = createPersonRecordRepository(core.db);
    const ruts = (
      core.db.$client
        .prepare(
          `SELECT person_rut FROM memberships GROUP BY person_rut
           ORDER BY count(*) DESC, person_rut LIMIT 40`,
        )
        .pluck()
        .all() as number[]
    ).concat([1]); // one who is not in the replica
    const now = new Date('2026-01-01T00:00:00.000Z');
    const many = repo.identityHolders(ruts, now);
    expect(many.size).toBe(40);
    expect([...many.values()].some((holder) => holder.employers.length > 1)).toBe(true);
    for (const rut of ruts) expect(many.get(rut) ?? null).toEqual(repo.identityHolder(rut, now));
  });
});
