/**
 * Reads for search: candidate RUTs per kind of probe, then the rows to show for one page.
 * Synchronous, prepared once, explicit row mapping.
 */
import type Database from 'better-sqlite3';
import type { NameRow } from '../domain/name-rank';
import { createCompanyCountsReader } from '../../storage/repositories/company-counts';
import { nameSound, withinOneEdit } from '../../shared/name-sound';
import {
  ftsSoundsLikeQuery,
  ftsTermsQuery,
  prefixEnd,
  SEARCH_SQL,
  termsStartingWith,
} from './search-sql';

export type CompanyRow = { rut: number; dv: string; legalName: string; adherent: boolean };

export type HitPersonRow = {
  rut: number;
  dv: string;
  givenNames: string;
  lastName1: string;
  lastName2: string;
  email: string | null;
  phone: string | null;
  isPensioner: boolean;
  isWorker: boolean;
};
export type HitMembershipRow = {
  personRut: number;
  state: 'active' | 'disabled' | 'paused' | 'removed';
  role: 'worker' | 'access_admin' | 'company_user';
  agreementSigned: boolean;
  companyName: string;
  companyAdherent: boolean;
  companyOnEmpresas: boolean;
};
export type HitAccountRow = {
  personRut: number;
  registrationState: 'not_registered' | 'pending_activation' | 'active';
  failedAttempts: number;
  lockedUntil: string | null;
  registrationBlocked: boolean;
};

/** Where a name search looks: everyone, one company's people, or an officer's companies'. */
export type NameScope =
  | { kind: 'everyone' }
  | { kind: 'company'; companyRut: number }
  | { kind: 'companies'; companyRuts: number[] };

/**
 * A word of four letters or more whose sound key is shorter than this («haha»: «a») sounds like
 * no name: the keys that short are words such as a company's «S.A.», never one misheard.
 */
const SOUND_KEY_MIN = 2;
/** A sound key this long or longer is looked for as the start of others too. */
const PREFIX_KEY_MIN = 3;
/** A key this long or longer may be one slip from another (shorter ones match too much). */
const NEAR_KEY_MIN = 5;
/** Keys of one first letter read at most when looking for one a slip away. */
const NEAR_KEYS_READ = 20_000;

type RutRow = { rut: number };
type RawName = {
  rut: number;
  given_names: string;
  last_name1: string;
  last_name2: string;
  sort_key: string;
};
const toNameRow = (row: RawName): NameRow => ({
  rut: row.rut,
  givenNames: row.given_names,
  lastName1: row.last_name1,
  lastName2: row.last_name2,
  sortKey: row.sort_key,
});
type RawCompany = { rut: number; dv: string; legal_name: string; adherent: number };

export function createPersonSearchRepository(sqlite: Database.Database) {
  const statements = Object.fromEntries(
    Object.entries(SEARCH_SQL).map(([name, sql]) => [name, sqlite.prepare(sql)]),
  ) as Record<keyof typeof SEARCH_SQL, Database.Statement>;
  const counts = createCompanyCountsReader(sqlite);
  const nextTerm =
    (statement: Database.Statement) =>
    (low: string, high: string): string | undefined =>
      (statement.get(low, high) as { term: string } | undefined)?.term;
  const personTerms = (word: string, most: number) =>
    termsStartingWith(nextTerm(statements.personTerm), word, most);
  type SoundRow = { sound: string; term: string };
  /**
   * The terms that sound like `word` and do not start with it (at most most + 1): its key's own
   * first, then the keys it starts (a key of three letters or more: a shorter one starts too
   * many); when there are none, the keys one slip away (withinOneEdit: «gonzlaez»), among those
   * of its first letter — at most NEAR_KEYS_READ of them read. When its key and the keys it
   * starts hold more than `most`, its key's own alone: more would be a guess.
   */
  const soundsIn =
    (byKey: Database.Statement, byKeyRange: Database.Statement) =>
    (word: string, most: number): string[] => {
      const key = nameSound(word);
      if (key.length < SOUND_KEY_MIN) return [];
      const own = { own: word, ownEnd: prefixEnd(word) };
      const same = (byKey.all({ sound: key, ...own, limit: most + 1 }) as SoundRow[]).map(
        (row) => row.term,
      );
      if (same.length > most || key.length < PREFIX_KEY_MIN) return same;
      const range = (low: string, limit: number) =>
        byKeyRange.all({ low, high: prefixEnd(low), ...own, limit }) as SoundRow[];
      const found = [...same, ...range(key, most + 1 - same.length).map((row) => row.term)];
      if (found.length > most) return same;
      if (found.length > 0 || key.length < NEAR_KEY_MIN) return found;
      return range(key.slice(0, 1), NEAR_KEYS_READ)
        .filter((row) => withinOneEdit(key, row.sound))
        .slice(0, most + 1)
        .map((row) => row.term);
    };
  /** Of the persons' names' terms (person_sounds). */
  const personSounds = soundsIn(statements.soundTerms, statements.soundRangeTerms);
  /** Of the companies' names' terms (company_sounds). */
  const companySounds = soundsIn(statements.companySoundTerms, statements.companySoundRangeTerms);
  const companyTerms = (word: string, most: number) =>
    termsStartingWith(nextTerm(statements.companyTerm), word, most);
  const ruts = (rows: unknown[]) => (rows as RutRow[]).map((row) => row.rut);
  const toCompany = (row: RawCompany): CompanyRow => ({
    rut: row.rut,
    dv: row.dv,
    legalName: row.legal_name,
    adherent: row.adherent === 1,
  });

  return {
    rutExists(body: number): boolean {
      return statements.rutExists.get(body) !== undefined;
    },
    /** RUT bodies starting with `digits`: longest bodies (most persons) first. */
    rutPrefix(digits: string, limit: number): number[] {
      const found: number[] = [];
      for (let length = 8; length >= digits.length && found.length < limit; length--) {
        const low = Number(digits.padEnd(length, '0'));
        const high = Number(digits.padEnd(length, '9'));
        found.push(...ruts(statements.rutRange.all(low, high, limit - found.length)));
      }
      return found;
    },
    byPhone(e164: string, limit: number): number[] {
      return ruts(statements.phone.all(e164, limit));
    },
    byEmailPrefix(prefix: string, limit: number): number[] {
      return ruts(statements.emailPrefix.all(prefix, prefixEnd(prefix), limit));
    },
    /** A window of persons whose names start with every word, in index order (unranked). */
    byNames(words: string[], window: number): NameRow[] {
      return wholeWordsFirst(words, window, personTerms, (query, limit) =>
        statements.names.all(query, limit),
      ).map(toNameRow);
    },
    byNamesInCompany(companyRut: number, words: string[], window: number): NameRow[] {
      return wholeWordsFirst(words, window, personTerms, (query, limit) =>
        statements.namesInCompany.all(companyRut, query, limit),
      ).map(toNameRow);
    },
    byNamesInCompanies(companyRuts: number[], words: string[], window: number): NameRow[] {
      const companies = JSON.stringify(companyRuts);
      return wholeWordsFirst(words, window, personTerms, (query, limit) =>
        statements.namesInCompanies.all(companies, query, limit),
      ).map(toNameRow);
    },
    /**
     * A window of persons whose names sound like the words (ftsSoundsLikeQuery), for when the
     * words as written found nobody; empty when no word sounds like another name.
     */
    byNamesSoundingLike(words: string[], window: number, scope: NameScope): NameRow[] {
      const query = ftsSoundsLikeQuery(words, personTerms, personSounds);
      if (query === null) return [];
      const rows =
        scope.kind === 'everyone'
          ? statements.names.all(query, window)
          : scope.kind === 'company'
            ? statements.namesInCompany.all(scope.companyRut, query, window)
            : statements.namesInCompanies.all(JSON.stringify(scope.companyRuts), query, window);
      return (rows as RawName[]).map(toNameRow);
    },
    companyMembers(companyRut: number, limit: number, offset: number): number[] {
      return ruts(statements.companyMembers.all(companyRut, limit, offset));
    },
    company(rut: number): CompanyRow | null {
      const row = statements.company.get(rut) as RawCompany | undefined;
      return row ? toCompany(row) : null;
    },
    /** Companies whose name has every word (as a word's start), shortest names first. */
    companiesByName(words: string[], limit: number): CompanyRow[] {
      const terms = ftsTermsQuery(words, companyTerms);
      if (terms === null) return [];
      return (statements.companyNames.all(terms.query, limit) as RawCompany[]).map(toCompany);
    },
    /**
     * Companies whose name sounds like the words (for when the words as written name no company
     * and nobody): as byNamesSoundingLike, shortest names first.
     */
    companiesSoundingLike(words: string[], limit: number): CompanyRow[] {
      const query = ftsSoundsLikeQuery(words, companyTerms, companySounds);
      if (query === null) return [];
      return (statements.companyNames.all(query, limit) as RawCompany[]).map(toCompany);
    },
    /** Of `personRuts`, those with a membership in one of `companyRuts`. */
    inCompanies(personRuts: number[], companyRuts: number[]): Set<number> {
      return new Set(
        ruts(statements.inCompanies.all(JSON.stringify(personRuts), JSON.stringify(companyRuts))),
      );
    },
    memberCount(companyRut: number): number {
      return counts(companyRut).users;
    },
    hitRows(personRuts: number[]) {
      const list = JSON.stringify(personRuts);
      const persons = (statements.hitPersons.all(list) as RawPerson[]).map((row): HitPersonRow => ({
        rut: row.rut,
        dv: row.dv,
        givenNames: row.given_names,
        lastName1: row.last_name1,
        lastName2: row.last_name2,
        email: row.email,
        phone: row.phone,
        isPensioner: row.is_pensioner === 1,
        isWorker: row.is_worker === 1,
      }));
      const memberships = (statements.hitMemberships.all(list) as RawMembership[]).map(
        (row): HitMembershipRow => ({
          personRut: row.person_rut,
          state: row.state,
          role: row.role,
          agreementSigned: row.agreement_signed === 1,
          companyName: row.legal_name,
          companyAdherent: row.adherent === 1,
          companyOnEmpresas: row.on_empresas === 1,
        }),
      );
      const accounts = (statements.hitAccounts.all(list) as RawAccount[]).map(
        (row): HitAccountRow => ({
          personRut: row.person_rut,
          registrationState: row.registration_state,
          failedAttempts: row.failed_attempts,
          lockedUntil: row.locked_until,
          registrationBlocked: row.registration_blocked === 1,
        }),
      );
      const held = new Set(
        (statements.hitHeld.all(list) as Array<{ person_rut: number }>).map((r) => r.person_rut),
      );
      return { persons, memberships, accounts, held };
    },
  };
}

export type PersonSearchRepository = ReturnType<typeof createPersonSearchRepository>;

/**
 * Words of four letters or more are first taken whole (shorter ones stay prefixes, which the
 * prefix index serves lazily). Only when that does not fill the window are they taken as
 * prefixes — as the terms each covers (ftsTermsQuery: a long FTS5 prefix would merge every
 * González first) — and the window is filled with those matches after the whole-word ones: the
 * same people are found, whole-word matches first. A long word no name starts with (a company's
 * words typed in the search box) ends it before any query: one seek in the persons' terms
 * (person-terms.ts), where the index itself would walk the doclist of the term before it. Long
 * words that start no other term end it after the whole-word query.
 */
function wholeWordsFirst(
  words: string[],
  window: number,
  termsOf: (word: string, most: number) => string[],
  run: (ftsQuery: string, limit: number) => unknown[],
): RawName[] {
  const startsNoTerm = (word: string) =>
    word.length > 3 && /^[a-z0-9]+$/.test(word) && termsOf(word, 0).length === 0;
  if (words.some(startsNoTerm)) return [];
  const whole = words.map((word) => (word.length > 3 ? `"${word}"` : `"${word}"*`)).join(' ');
  const first = run(whole, window) as RawName[];
  if (first.length >= window || words.every((word) => word.length <= 3)) return first;
  const prefixes = ftsTermsQuery(words, termsOf);
  // No word starts a name, or each long word is a whole term and starts no other: nobody more.
  if (prefixes === null || !prefixes.widens) return first;
  const seen = new Set(first.map((row) => row.rut));
  const more = (run(prefixes.query, window + first.length) as RawName[]).filter(
    (row) => !seen.has(row.rut),
  );
  return [...first, ...more].slice(0, window);
}

type RawPerson = {
  rut: number;
  dv: string;
  given_names: string;
  last_name1: string;
  last_name2: string;
  email: string | null;
  phone: string | null;
  is_pensioner: number;
  is_worker: number;
};
type RawMembership = {
  person_rut: number;
  state: HitMembershipRow['state'];
  role: HitMembershipRow['role'];
  agreement_signed: number;
  legal_name: string;
  adherent: number;
  on_empresas: number;
};
type RawAccount = {
  person_rut: number;
  registration_state: HitAccountRow['registrationState'];
  failed_attempts: number;
  locked_until: string | null;
  registration_blocked: number;
};
