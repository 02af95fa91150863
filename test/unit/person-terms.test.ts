/**
 * The persons' search terms (person-terms.ts) must be every term the search index holds for a
 * name: a term missing from the table would hide the persons who have it. The folding done in
 * JavaScript is compared with FTS5's own tokenizer, character by character, over every
 * character it claims; the rest goes through FTS5 itself.
 */
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/storage/db/connection';
import { nameTermsOf, scratchTokenizer } from '../../src/storage/db/person-terms';

const exact = scratchTokenizer(() => openSqlite(':memory:'));

/** The index's terms of each text, through an FTS5 table built as migration 0001 builds it. */
function indexTerms(texts: string[]): string[][] {
  const sqlite = openSqlite(':memory:');
  sqlite.exec(`CREATE VIRTUAL TABLE f USING fts5(x, tokenize='unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance');`);
  const insert = sqlite.prepare('INSERT INTO f (rowid, x) VALUES (?, ?)');
  sqlite.transaction(() => texts.forEach((text, i) => insert.run(i + 1, text)))();
  const terms = texts.map(() => new Set<string>());
  for (const row of sqlite.prepare('SELECT term, doc FROM v').iterate() as Iterable<{
    term: string;
    doc: number;
  }>) {
    terms[row.doc - 1]!.add(row.term);
  }
  sqlite.close();
  return terms.map((set) => [...set].sort());
}

const sorted = (terms: string[]) => [...new Set(terms)].sort();

describe('a name’s search terms', () => {
  it('are the index’s terms for every character up to Latin Extended-A, inside a word', () => {
    const texts: string[] = [];
    for (let code = 1; code < 0x180; code++) texts.push(`ab${String.fromCodePoint(code)}cd Ef`);
    const expected = indexTerms(texts);
    const differ = texts
      .map((text, i) => ({ text, mine: sorted(nameTermsOf(text, exact)), fts: expected[i] }))
      .filter(({ mine, fts }) => JSON.stringify(mine) !== JSON.stringify(fts));
    expect(differ).toEqual([]);
  });

  it('are the index’s terms for letters it does not fold itself (FTS5 tokenizes them)', () => {
    const texts = [
      'Sørensen Ægir', // folded by neither: kept whole
      'Jürgen Straſſe', // the long s
      'Mu\u0301ñoz', // a combining accent typed apart
      'Ǎlvarez Ǿ', // Latin Extended-B
      'µ Müller', // the micro sign
      'Ελένη Παπαδοπούλου',
      "O'Higgins Riquelme-Ñuñez",
      '',
    ];
    const expected = indexTerms(texts);
    texts.forEach((text, i) => expect(sorted(nameTermsOf(text, exact))).toEqual(expected[i]));
  });

  it('fold the way search folds a typed word', () => {
    expect(sorted(nameTermsOf('José Ñuñez-Ávila', exact))).toEqual(['avila', 'jose', 'nunez']);
    expect(nameTermsOf('  ', exact)).toEqual([]);
  });

  it('come from name_terms() and name_terms_all() on any connection', () => {
    const sqlite = openSqlite(':memory:');
    expect(
      JSON.parse(
        sqlite.prepare("SELECT name_terms('Ana María', NULL, 'Pérez')").pluck().get() as string,
      ).sort(),
    ).toEqual(['ana', 'maria', 'perez']);
    sqlite.exec(`CREATE TABLE p (g TEXT, a TEXT, b TEXT);
      INSERT INTO p VALUES ('Ana', 'Pérez', NULL), ('Ana Luisa', 'Perez', 'Sørensen'), (NULL, NULL, NULL);`);
    const all = sqlite.prepare('SELECT name_terms_all(g, a, b) FROM p').pluck();
    expect(JSON.parse(all.get() as string).sort()).toEqual(['ana', 'luisa', 'perez', 'sørensen']);
    expect(
      JSON.parse(
        sqlite.prepare('SELECT name_terms_all(g, a, b) FROM p WHERE 0').pluck().get() as string,
      ),
    ).toEqual([]);
    sqlite.close();
  });
});
