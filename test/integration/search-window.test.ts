/**
 * Issue 11 (10 million persons): a name search takes whole words first, so a common surname
 * («gonzalez») is answered from the start of its doclist instead of merging every González in
 * the replica, and a word still being typed («gonz») finds the same people as before.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db/database';
import { createPersonSearchRepository } from '../../src/main/repositories/person-search-repository';
import { foldText } from '../../src/shared/text';
import { tempDir } from '../support/context';

function replica(people: Array<[number, string, string]>) {
  return replicaWithDb(people).search;
}

function replicaWithDb(people: Array<[number, string, string]>) {
  const db = openDatabase({ file: path.join(tempDir(), 'search.db') });
  const insert = db.$client.prepare(
    `INSERT INTO persons (rut, dv, given_names, last_name1, last_name2, sort_key)
     VALUES (?, '0', ?, ?, '', ?)`,
  );
  for (const [rut, given, last] of people) {
    insert.run(rut, given, last, foldText(`${last} ${given}`));
  }
  return { search: createPersonSearchRepository(db.$client), sqlite: db.$client };
}

// Lower RUTs (first in the index) only start with the word; higher ones are the word itself.
const PEOPLE: Array<[number, string, string]> = [
  [1, 'Ana', 'Gonzalezvera'],
  [2, 'Ignacio', 'Gonzalezvera'],
  [3, 'Luis', 'Gonzalezvera'],
  [4, 'Ignacia', 'González'],
  [5, 'Pedro', 'González'],
  [6, 'Rosa', 'González'],
  [7, 'Ana', 'Soto'],
];
const ruts = (rows: Array<{ rut: number }>) => rows.map((row) => row.rut).sort((a, b) => a - b);

describe('name search window', () => {
  it('fills the window with whole-word matches before prefix-only ones', () => {
    const search = replica(PEOPLE);
    expect(ruts(search.byNames(['gonzalez'], 3))).toEqual([4, 5, 6]);
    expect(ruts(search.byNames(['gonzalez', 'ign'], 1))).toEqual([4]);
  });

  it('still finds every prefix match when the whole words do not fill the window', () => {
    const search = replica(PEOPLE);
    expect(ruts(search.byNames(['gonzalez'], 10))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ruts(search.byNames(['gonzalez'], 4))).toHaveLength(4);
    expect(ruts(search.byNames(['gonzalez'], 4)).slice(1)).toEqual([4, 5, 6]);
    expect(ruts(search.byNames(['gonz'], 10))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ruts(search.byNames(['gonzalez', 'ign'], 10))).toEqual([2, 4]);
    expect(ruts(search.byNames(['gon', 'a'], 10))).toEqual([1]);
    expect(search.byNames(['perez'], 10)).toEqual([]);
  });

  it('does the same inside one company and among an officer’s companies', () => {
    const { search, sqlite } = replicaWithDb(PEOPLE);
    sqlite
      .prepare("INSERT INTO companies (rut, dv, legal_name) VALUES (76000000, '0', 'Soak SpA')")
      .run();
    const member = sqlite.prepare(
      `INSERT INTO memberships (person_rut, company_rut, role, state, started_at)
       VALUES (?, 76000000, 'worker', 'active', '2026-01-01T00:00:00.000Z')`,
    );
    for (const rut of [1, 2, 4, 5]) member.run(rut);
    expect(ruts(search.byNamesInCompany(76000000, ['gonzalez'], 2))).toEqual([4, 5]);
    expect(ruts(search.byNamesInCompany(76000000, ['gonzalez'], 10))).toEqual([1, 2, 4, 5]);
    expect(ruts(search.byNamesInCompanies([76000000], ['gonzalez'], 2))).toEqual([4, 5]);
    expect(ruts(search.byNamesInCompanies([76000000], ['gonz'], 10))).toEqual([1, 2, 4, 5]);
  });
});
