/**
 * The persons' search terms, kept in a table of their own (migration 0024, `person_terms`).
 *
 * Search asks for the index's terms that start with a typed word before it queries the index
 * (search-sql.ts). FTS5 answers that from inside the index: it seeks the leaf page where the
 * preceding term begins and walks page by page to the next term. When the word is no person's
 * (a company's name typed in the search box) and the preceding term is a common surname, that
 * walk reads the surname's whole doclist: about 1 ms at 10 million persons, ten times what it is
 * at one million. In a table of terms the same question is one b-tree seek at any size.
 *
 * The table holds every term of the persons' names. Triggers on persons add the terms of every
 * name written, and take a term away with the last person who has it (a name that left the
 * replica leaves no word behind). A bulk load (a snapshot, the demo seed) sets them aside with
 * the search triggers and fills the table in the same steps that fill the search index. Both go
 * through the SQL functions below, registered on every connection (connection.ts):
 * `name_terms(...)` for one person, `name_terms_all(...)` for many at once.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { nameSound } from '../../shared/name-sound';
import { foldText } from '../../shared/text';

/** The characters whose folding below is known to match the search index's tokenizer. */
const FOLDS_LIKE_THE_INDEX = /^[\p{ASCII}\u0080-\u017f]*$/u;
const ASCII = /^\p{ASCII}*$/u;

/** The index's tokenizer (migration 0001), for the scratch index that tokenizes the rest. */
const TOKENIZER = "tokenize='unicode61 remove_diacritics 2'";

/**
 * Tokenizes exactly as the search index does: a name whose letters this module does not fold
 * itself goes through a one-row FTS5 index in memory with the same tokenizer.
 */
export type ExactTokenizer = (text: string) => string[];

/**
 * The search index's terms of one name. Letters up to Latin Extended-A that fold to ASCII are
 * folded here as the tokenizer folds them (decomposed, accents dropped, lower case: Muñoz =
 * munoz) and split on everything else; a test compares every such character with FTS5. Any
 * other letter (the micro sign, the long s, a combining mark typed apart, æ, Greek) is left to
 * FTS5.
 */
export function nameTermsOf(text: string, exact: ExactTokenizer): string[] {
  if (FOLDS_LIKE_THE_INDEX.test(text)) {
    // Folded as a typed search word is (shared/text.ts): the same words on both sides.
    const folded = foldText(text);
    if (ASCII.test(folded)) return folded.split(/[^a-z0-9]+/).filter((term) => term.length > 0);
  }
  return exact(text);
}

/** A tokenizer on a one-row FTS5 index in a scratch connection, opened on first use. */
export function scratchTokenizer(open: () => BetterSqlite3.Database): ExactTokenizer {
  let statements: {
    insert: BetterSqlite3.Statement;
    terms: BetterSqlite3.Statement;
    clear: BetterSqlite3.Statement;
  } | null = null;
  return (text) => {
    if (statements === null) {
      const scratch = open();
      scratch.exec(`CREATE VIRTUAL TABLE one USING fts5(text, ${TOKENIZER});
        CREATE VIRTUAL TABLE one_terms USING fts5vocab(one, 'row');`);
      statements = {
        insert: scratch.prepare('INSERT INTO one (rowid, text) VALUES (1, ?)'),
        terms: scratch.prepare('SELECT term FROM one_terms').pluck(),
        clear: scratch.prepare('DELETE FROM one'),
      };
    }
    statements.insert.run(text);
    try {
      return statements.terms.all() as string[];
    } finally {
      statements.clear.run();
    }
  };
}

/** Names repeat (a few thousand given names and surnames cover most persons): their terms too. */
const CACHED_NAMES = 50_000;

/**
 * Registers `name_terms(part, …)` (the JSON array of the terms of a person's name parts) and the
 * aggregate `name_terms_all(part, …)` (the distinct terms of every row it sees, one JSON array)
 * on a connection. Null parts are skipped.
 */
export function registerNameTerms(sqlite: BetterSqlite3.Database, exact: ExactTokenizer): void {
  const cache = new Map<string, string[]>();
  const termsOf = (part: string): string[] => {
    let terms = cache.get(part);
    if (terms === undefined) {
      terms = nameTermsOf(part, exact);
      if (cache.size >= CACHED_NAMES) cache.clear();
      cache.set(part, terms);
    }
    return terms;
  };
  const add = (found: Set<string>, parts: unknown[]): Set<string> => {
    for (const part of parts) {
      if (typeof part === 'string') for (const term of termsOf(part)) found.add(term);
    }
    return found;
  };
  sqlite.function('name_terms', { deterministic: true, varargs: true }, (...parts: unknown[]) =>
    JSON.stringify([...add(new Set(), parts)]),
  );
  sqlite.aggregate('name_terms_all', {
    start: () => new Set<string>(),
    step: (found: Set<string>, ...parts: unknown[]) => add(found, parts),
    result: (found: Set<string>) => JSON.stringify([...found]),
    varargs: true,
  });
}

/**
 * Registers `name_sound(term)`, the sound key of one term (shared/name-sound.ts), which the
 * triggers of person_sounds call (migration 0040).
 */
export function registerNameSound(sqlite: BetterSqlite3.Database): void {
  sqlite.function('name_sound', { deterministic: true }, (term: unknown) =>
    typeof term === 'string' ? nameSound(term) : null,
  );
}

/**
 * Adds the terms of the persons a query selects (`persons` names a subquery or table with
 * given_names, last_name1 and last_name2) to person_terms: one pass, one JSON array.
 */
export function fillPersonTermsSql(persons: string): string {
  return `INSERT OR IGNORE INTO person_terms (term) SELECT value FROM json_each(
    (SELECT name_terms_all(given_names, last_name1, last_name2) FROM ${persons}))`;
}
