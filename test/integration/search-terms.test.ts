/**
 * Issue 11: a name word of four letters or more that no whole term matched is asked as the terms
 * it covers, never as a long FTS5 prefix (which merges every matching doclist first: every
 * González at 10 million persons); a word no name starts with (a company's words typed in the
 * search box) stops the persons' search there. The same people are found.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createPersonSearchRepository } from '../../src/main/repositories/person-search-repository';
import { searchPersons } from '../../src/main/services/search-persons';
import { seededCore } from '../support/context';

/** A repository whose statements record the full-text queries they run. */
function recording(sqlite: Database.Database) {
  const matches: string[] = [];
  const wrapped = {
    prepare(sql: string) {
      const statement = sqlite.prepare(sql);
      const note = (params: unknown[]) => {
        if (/\bMATCH\b/.test(sql))
          matches.push(params.find((p) => typeof p === 'string') as string);
      };
      return {
        all: (...params: unknown[]) => (note(params), statement.all(...params)),
        get: (...params: unknown[]) => (note(params), statement.get(...params)),
      };
    },
  } as unknown as Database.Database;
  return { repo: createPersonSearchRepository(wrapped), matches };
}

const LONG_PREFIX = /"[^"]{4,}"\*/;

describe('long name prefixes', () => {
  const prefixRuts = (sqlite: Database.Database, word: string) =>
    (
      sqlite
        .prepare('SELECT rowid FROM person_fts WHERE person_fts MATCH ?')
        .pluck()
        .all(`"${word}"*`) as number[]
    ).sort((a, b) => a - b);

  it.each(['gonz', 'rodr', 'gonzal', 'fernand', 'marti'])(
    '«%s» finds what the prefix finds, without a long prefix query',
    (word) => {
      const sqlite = seededCore(3000).db.$client;
      const expected = prefixRuts(sqlite, word);
      expect(expected.length).toBeGreaterThan(0);
      const { repo, matches } = recording(sqlite);
      const found = repo.byNames([word], 5000).map((row) => row.rut);
      expect(found.sort((a, b) => a - b)).toEqual(expected);
      expect(matches.filter((query) => LONG_PREFIX.test(query))).toEqual([]);
    },
  );

  it('a company’s words do not send the persons’ index after prefixes', () => {
    const sqlite = seededCore(3000).db.$client;
    const name = (
      sqlite
        .prepare("SELECT legal_name FROM companies WHERE legal_name LIKE 'Transportes %' LIMIT 1")
        .get() as { legal_name: string }
    ).legal_name;
    const text = name.split(' ').slice(0, 2).join(' ');
    const { repo, matches } = recording(sqlite);
    const page = searchPersons(repo, { text, companyRut: null, offset: 0, limit: 50 }, new Date());
    expect(page.companies.map((c) => c.legalName)).toContain(name);
    expect(matches.filter((query) => LONG_PREFIX.test(query))).toEqual([]);
    // No query of the persons' index ('transportes' starts no name's term), one of the companies'.
    expect(matches).toHaveLength(1);
  });
});
