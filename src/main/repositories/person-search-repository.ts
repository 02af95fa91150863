/**
 * Reads for search: candidate RUTs per kind of probe, then the rows to show for one page.
 * Synchronous, prepared once, explicit row mapping.
 */
import type Database from 'better-sqlite3';
import type { NameRow } from '../domain/name-rank';
import { ftsPrefixQuery, prefixEnd, SEARCH_SQL } from './search-sql';

export type CompanyRow = { rut: number; dv: string; legalName: string; adherent: boolean };

export type HitPersonRow = {
  rut: number;
  dv: string;
  givenNames: string;
  lastName1: string;
  lastName2: string;
  email: string | null;
  phone: string | null;
};
export type HitMembershipRow = {
  personRut: number;
  state: 'active' | 'disabled' | 'paused' | 'removed';
  companyName: string;
  companyAdherent: boolean;
};
export type HitAccountRow = {
  personRut: number;
  registrationState: 'not_registered' | 'pending_activation' | 'active';
  failedAttempts: number;
  lockedUntil: string | null;
  registrationBlocked: boolean;
};

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
      return (statements.names.all(ftsPrefixQuery(words), window) as RawName[]).map(toNameRow);
    },
    byNamesInCompany(companyRut: number, words: string[], window: number): NameRow[] {
      return (
        statements.namesInCompany.all(companyRut, ftsPrefixQuery(words), window) as RawName[]
      ).map(toNameRow);
    },
    byNamesInCompanies(companyRuts: number[], words: string[], window: number): NameRow[] {
      return (
        statements.namesInCompanies.all(
          JSON.stringify(companyRuts),
          ftsPrefixQuery(words),
          window,
        ) as RawName[]
      ).map(toNameRow);
    },
    companyMembers(companyRut: number, limit: number, offset: number): number[] {
      return ruts(statements.companyMembers.all(companyRut, limit, offset));
    },
    company(rut: number): CompanyRow | null {
      const row = statements.company.get(rut) as RawCompany | undefined;
      return row ? toCompany(row) : null;
    },
    companiesByName(words: string[], limit: number): CompanyRow[] {
      return (statements.companyNames.all(ftsPrefixQuery(words), limit) as RawCompany[]).map(
        toCompany,
      );
    },
    /** Of `personRuts`, those with a membership in one of `companyRuts`. */
    inCompanies(personRuts: number[], companyRuts: number[]): Set<number> {
      return new Set(
        ruts(statements.inCompanies.all(JSON.stringify(personRuts), JSON.stringify(companyRuts))),
      );
    },
    memberCount(companyRut: number): number {
      return (statements.memberCount.get(companyRut) as { n: number }).n;
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
      }));
      const memberships = (statements.hitMemberships.all(list) as RawMembership[]).map(
        (row): HitMembershipRow => ({
          personRut: row.person_rut,
          state: row.state,
          companyName: row.legal_name,
          companyAdherent: row.adherent === 1,
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
      return { persons, memberships, accounts };
    },
  };
}

export type PersonSearchRepository = ReturnType<typeof createPersonSearchRepository>;

type RawPerson = {
  rut: number;
  dv: string;
  given_names: string;
  last_name1: string;
  last_name2: string;
  email: string | null;
  phone: string | null;
};
type RawMembership = {
  person_rut: number;
  state: HitMembershipRow['state'];
  legal_name: string;
  adherent: number;
};
type RawAccount = {
  person_rut: number;
  registration_state: HitAccountRow['registrationState'];
  failed_attempts: number;
  locked_until: string | null;
  registration_blocked: number;
};
