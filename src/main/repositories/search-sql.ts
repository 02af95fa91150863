/**
 * The SQL of the hot search path, in one place so the benchmark can run the very same
 * statements straight on better-sqlite3 and compare. None of them ranks over every match:
 * full-text probes take a bounded window in index order and sort only that window.
 */
import { ACCESS_NEUTRAL_KINDS } from '../../shared/rules/access';

/** An action on this person still waits on this desk (outbox_person_state: a seek). */
const HELD_HERE = (personRut: string) =>
  `EXISTS (SELECT 1 FROM outbox o WHERE o.person_rut = ${personRut} AND o.state = 'pending')`;

export const SEARCH_SQL = {
  rutExists: 'SELECT rut FROM persons WHERE rut = ?',
  rutRange: 'SELECT rut FROM persons WHERE rut BETWEEN ? AND ? ORDER BY rut LIMIT +?',
  phone: 'SELECT rut FROM persons_by_phone WHERE phone = ? ORDER BY rut LIMIT +?',
  emailPrefix:
    'SELECT rut FROM persons_by_email WHERE email >= ? AND email < ? ORDER BY email LIMIT +?',
  names: `SELECT p.rut, p.given_names, p.last_name1, p.last_name2, p.sort_key FROM persons p
    WHERE p.rut IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ? LIMIT +?)`,
  namesInCompany: `SELECT p.rut, p.given_names, p.last_name1, p.last_name2, p.sort_key FROM persons p
    WHERE p.rut IN (
      SELECT f.rowid FROM person_fts f
      JOIN memberships m ON m.person_rut = f.rowid AND m.company_rut = ?
      WHERE person_fts MATCH ? LIMIT +?)`,
  /**
   * A prevention officer's name search: the window is taken among their companies' people —
   * those still there, and one whose baja waits on this desk (the portal does not have it yet,
   * and the record stays in view too: get-person-record's mayView).
   */
  namesInCompanies: `SELECT p.rut, p.given_names, p.last_name1, p.last_name2, p.sort_key FROM persons p
    WHERE p.rut IN (
      SELECT f.rowid FROM person_fts f
      JOIN memberships m ON m.person_rut = f.rowid
        AND (m.state != 'removed' OR ${HELD_HERE('m.person_rut')})
        AND m.company_rut IN (SELECT value FROM json_each(?))
      WHERE person_fts MATCH ? LIMIT +?)`,
  companyMembers:
    'SELECT person_rut AS rut FROM memberships_by_company WHERE company_rut = ? ORDER BY person_rut LIMIT +? OFFSET ?',
  company: 'SELECT rut, dv, legal_name, adherent FROM companies WHERE rut = ?',
  companyNames: `SELECT rut, dv, legal_name, adherent FROM companies
    WHERE rut IN (SELECT rowid FROM company_fts WHERE company_fts MATCH ? LIMIT 50)
    ORDER BY length(legal_name), legal_name LIMIT +?`,
  /** Of these persons, those an officer's companies hold (namesInCompanies' rule). */
  inCompanies: `SELECT DISTINCT person_rut AS rut FROM memberships
    WHERE person_rut IN (SELECT value FROM json_each(?))
      AND company_rut IN (SELECT value FROM json_each(?))
      AND (state != 'removed' OR ${HELD_HERE('memberships.person_rut')})`,
  /**
   * The next term of an index at or after ?1 and before ?2: for persons a seek in their table of
   * terms (migration 0024, person-terms.ts); for companies in the index's own term list
   * (fts5vocab, migration 0020: a few hundred thousand names, no surname's doclist to walk).
   */
  personTerm: 'SELECT term FROM person_terms WHERE term >= ? AND term < ? LIMIT 1',
  /**
   * The terms whose sound key is @sound (migration 0040); then, in key order, those whose key is
   * in a range: the keys a typed key starts, or (one slip away) every key of its first letter.
   * Neither lists the terms the typed word starts (@own to @ownEnd): those it finds as written.
   */
  soundTerms: `SELECT term FROM person_sounds WHERE sound = @sound
    AND NOT (term >= @own AND term < @ownEnd) LIMIT +@limit`,
  soundRangeTerms: `SELECT sound, term FROM person_sounds WHERE sound > @low AND sound < @high
    AND NOT (term >= @own AND term < @ownEnd) ORDER BY sound, term LIMIT +@limit`,
  /** The same two of the companies' names' terms (migration 0041). */
  companySoundTerms: `SELECT term FROM company_sounds WHERE sound = @sound
    AND NOT (term >= @own AND term < @ownEnd) LIMIT +@limit`,
  companySoundRangeTerms: `SELECT sound, term FROM company_sounds WHERE sound > @low
    AND sound < @high AND NOT (term >= @own AND term < @ownEnd) ORDER BY sound, term LIMIT +@limit`,
  companyTerm: 'SELECT term FROM company_fts_terms WHERE term >= ? AND term < ? LIMIT 1',
  hitPersons: `SELECT rut, dv, given_names, last_name1, last_name2, email, phone, is_pensioner,
      is_worker
    FROM persons WHERE rut IN (SELECT value FROM json_each(?))`,
  hitMemberships: `SELECT m.person_rut, m.state, m.role, m.agreement_signed, c.legal_name,
      c.adherent, coalesce(c.portals, '[]') LIKE '%portal_empresas%' AS on_empresas
    FROM memberships m JOIN companies c ON c.rut = m.company_rut
    WHERE m.person_rut IN (SELECT value FROM json_each(?)) ORDER BY m.id`,
  hitAccounts: `SELECT person_rut, registration_state, failed_attempts, locked_until,
      registration_blocked
    FROM accounts WHERE person_rut IN (SELECT value FROM json_each(?))`,
  // Of a page's persons, those with an action taken here the central has not confirmed yet: a
  // seek per person on outbox_person_state (the outbox is empty most of the time).
  /** Whose «Activo» may not be the portal's yet (holdsAccess: the same kinds). */
  hitHeld: `SELECT DISTINCT person_rut FROM outbox
    WHERE state = 'pending' AND person_rut IN (SELECT value FROM json_each(?))
      AND kind NOT IN (${ACCESS_NEUTRAL_KINDS.map((kind) => `'${kind}'`).join(', ')})`,
} as const;

/** A prefix covering more terms than this is left to FTS5 as a prefix. */
export const MOST_TERMS_PER_PREFIX = 24;

/**
 * FTS5 query for folded words, each quoted (no syntax survives) and matched as a word's start —
 * the matches of «"w1"* "w2"*» — asked so FTS5 reads lazily. A word of four letters or more
 * is longer than the prefix index ('1 2 3'), and FTS5 answers such a prefix by merging the
 * doclists of every term it covers before the first row («"gonz"*»: every González, 50 ms at 1M
 * persons, ten times that at 10M). Asked as the terms it covers, whole and OR-ed
 * («("gonzalez" OR "gonzalo")»), the same rows come in the same order and stop at the LIMIT.
 * `termsOf(word, most)` lists the index's terms starting with `word` (at most `most` + 1). Null
 * when a word covers no term at all: nothing can match. `widens` is false when every long word
 * covers only itself: the query then finds exactly what the same words taken whole find.
 */
export function ftsTermsQuery(
  words: string[],
  termsOf: (word: string, most: number) => string[],
): { query: string; widens: boolean } | null {
  const parts: string[] = [];
  let widens = false;
  for (const word of words) {
    // Short words are served by the prefix index; a word the tokenizer would split (o'higgins)
    // is no single term: both stay prefixes.
    if (word.length <= 3 || !/^[a-z0-9]+$/.test(word)) {
      parts.push(`"${word.replaceAll('"', '""')}"*`);
      widens ||= word.length > 3;
      continue;
    }
    const terms = termsOf(word, MOST_TERMS_PER_PREFIX);
    if (terms.length === 0) return null;
    widens ||= terms.length > 1 || terms[0] !== word;
    parts.push(
      terms.length > MOST_TERMS_PER_PREFIX
        ? `"${word}"*`
        : `(${terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' OR ')})`,
    );
  }
  return { query: parts.join(' AND '), widens };
}

/**
 * The FTS5 query for words written as they were heard (walk 56b, M3: «fransisca silba»): each
 * word of four letters or more as the terms it starts (as ftsTermsQuery) or that sound like it
 * (`soundsOf(word, most)`: the terms whose sound key, shared/name-sound.ts, starts with the
 * word's, or failing those is one slip from it), OR-ed; shorter words stay prefixes. Null when a word matches no term either way, or
 * when no word sounds like a term it does not start: the query would find no one the words as
 * written did not.
 */
export function ftsSoundsLikeQuery(
  words: string[],
  termsOf: (word: string, most: number) => string[],
  soundsOf: (word: string, most: number) => string[],
): string | null {
  const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;
  const parts: string[] = [];
  let soundsOnly = false;
  for (const word of words) {
    if (word.length <= 3 || !/^[a-z0-9]+$/.test(word)) {
      parts.push(`${quoted(word)}*`);
      continue;
    }
    const own = termsOf(word, MOST_TERMS_PER_PREFIX);
    const alike = soundsOf(word, MOST_TERMS_PER_PREFIX).filter((term) => !term.startsWith(word));
    soundsOnly ||= alike.length > 0;
    const whole = own.length > MOST_TERMS_PER_PREFIX ? [`${quoted(word)}*`] : own.map(quoted);
    const all = [...whole, ...alike.map(quoted)];
    if (all.length === 0) return null;
    parts.push(`(${all.join(' OR ')})`);
  }
  return soundsOnly ? parts.join(' AND ') : null;
}

/**
 * The terms starting with `prefix`, one index seek each, at most `most` + 1 of them. `next`
 * answers the first term ≥ its first argument and < its second.
 */
export function termsStartingWith(
  next: (low: string, high: string) => string | undefined,
  prefix: string,
  most: number,
): string[] {
  const high = prefixEnd(prefix);
  const found: string[] = [];
  let low = prefix;
  while (found.length <= most) {
    const term = next(low, high);
    if (term === undefined) break;
    found.push(term);
    // The smallest string after `term`: the seek lands on the next term, skipping this one's rows.
    low = `${term}\u0001`;
  }
  return found;
}

/** Upper bound for a text prefix range: every string that starts with `prefix` sorts below it. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u{10ffff}`;
}
