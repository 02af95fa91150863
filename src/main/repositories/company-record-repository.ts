/**
 * Reads for the company record and the Portal Empresas requests: the company, its register
 * (legal representatives, TRF), its access administrators, its users page by page (a company
 * may have 50,000), and requests. Synchronous, prepared once; the hot SQL is in COMPANY_SQL so
 * the benchmark can time the very same statements raw.
 */
import type Database from 'better-sqlite3';
import {
  COMPANY_COUNTS_SQL,
  createCompanyCountsReader,
} from '../../storage/repositories/company-counts';

const REQUESTS_SELECT = `SELECT r.id, r.person_rut, r.company_rut, r.capacity, r.state, r.reason,
      r.requested_at, r.decided_at, r.agreement_signed, c.dv AS company_dv, c.legal_name,
      p.dv, p.given_names, p.last_name1, p.last_name2
    FROM access_requests r JOIN companies c ON c.rut = r.company_rut
      LEFT JOIN persons p ON p.rut = r.person_rut`;

export const COMPANY_SQL = {
  company: `SELECT rut, dv, legal_name, adherent, adherent_since, adherent_until, portals, version
    FROM companies WHERE rut = ?`,
  /** Kept by triggers (migration 0020): one row, however many users (company-counts.ts). */
  counts: COMPANY_COUNTS_SQL.stored,
  signatories: `SELECT s.person_rut, s.kind, p.dv, p.given_names, p.last_name1, p.last_name2
    FROM company_signatories s LEFT JOIN persons p ON p.rut = s.person_rut
    WHERE s.company_rut = ? ORDER BY s.kind, p.last_name1`,
  /** The registers that name a person (their record's «Empresas»), by company_signatories_person. */
  registersOf: `SELECT s.company_rut, s.kind, c.dv AS company_dv, c.legal_name
    FROM company_signatories s JOIN companies c ON c.rut = s.company_rut
    WHERE s.person_rut = ? ORDER BY c.legal_name, s.kind`,
  /** Administrators and company users (not workers): a handful, all shown. */
  profiles: `SELECT m.person_rut, m.role, m.state, m.admin_kind, m.appointed_by, m.external,
      m.agreement_signed, m.agreement_sent_at, m.agreement_signed_at, m.modules, m.version,
      p.dv, p.given_names, p.last_name1, p.last_name2
    FROM memberships m JOIN persons p ON p.rut = m.person_rut
    WHERE m.company_rut = ? AND m.role IN ('access_admin', 'company_user')
    ORDER BY m.role, p.last_name1`,
  /**
   * Its active access administrators (rule 9) other than @person, whom a user asks for modules
   * (with @signed, those whose agreement is signed: Portal Empresas), the first @limit by name.
   * The partial index's own `role IN (…)` term lets SQLite use it; `+m.role` keeps the planner
   * on it (with a plain `m.role = …` beside it, it scanned the table: 15 ms at 200k persons).
   */
  activeAdmins: `SELECT m.person_rut, m.admin_kind,
      p.dv, p.given_names, p.last_name1, p.last_name2, count(*) OVER () AS total
    FROM memberships m JOIN persons p ON p.rut = m.person_rut
    WHERE m.company_rut = @company AND m.role IN ('access_admin', 'company_user')
      AND +m.role = 'access_admin' AND m.state = 'active' AND m.person_rut != @person
      AND (@signed = 0 OR m.agreement_signed = 1)
    ORDER BY p.last_name1, p.last_name2, p.given_names LIMIT +@limit`,
  /** One page of every user, keyset by person RUT (the company's range of its key table). */
  usersPage: `SELECT k.person_rut, k.role, k.state, m.external, m.agreement_signed, m.started_at, m.ended_at,
      p.dv, p.given_names, p.last_name1, p.last_name2
    FROM memberships_by_company k
    JOIN memberships m ON m.person_rut = k.person_rut AND m.company_rut = k.company_rut
    JOIN persons p ON p.rut = k.person_rut
    WHERE k.company_rut = ? AND k.person_rut > ? ORDER BY k.person_rut LIMIT +?`,
  /** A person's name, for a RUT typed in a company dialog. */
  personName: `SELECT dv, given_names, last_name1, last_name2 FROM persons WHERE rut = ?`,
  requests: `${REQUESTS_SELECT}
    WHERE (@state IS NULL OR r.state = @state) AND (@company IS NULL OR r.company_rut = @company)
    ORDER BY r.requested_at DESC, r.id DESC LIMIT +@limit OFFSET @offset`,
  /**
   * One company's requests (its record): from the company's index range. The statement above
   * cannot use it (`@company IS NULL OR …`) and read every request of the replica in date order
   * (20 ms at 10M persons, growing with them).
   */
  companyRequests: `${REQUESTS_SELECT}
    WHERE r.company_rut = @company AND (@state IS NULL OR r.state = @state)
    ORDER BY r.requested_at DESC, r.id DESC LIMIT +@limit OFFSET @offset`,
} as const;

type Name = { dv: string; given_names: string; last_name1: string; last_name2: string };
export type CompanyHeaderRow = {
  rut: number;
  dv: string;
  legal_name: string;
  adherent: number;
  adherent_since: string | null;
  adherent_until: string | null;
  portals: string;
  version: number;
};
export type SignatoryRow = {
  person_rut: number;
  kind: 'legal_representative' | 'trf';
} & Partial<Name>;
export type ProfileRow = Name & {
  person_rut: number;
  role: 'access_admin' | 'company_user';
  state: 'active' | 'disabled' | 'paused' | 'removed';
  admin_kind: 'legal_representative' | 'commercial_contact' | 'appointed' | null;
  appointed_by: number | null;
  external: number;
  agreement_signed: number;
  agreement_sent_at: string | null;
  agreement_signed_at: string | null;
  modules: string;
  version: number;
};
export type ActiveAdminRow = Name & {
  person_rut: number;
  admin_kind: 'legal_representative' | 'commercial_contact' | 'appointed' | null;
  /** How many there are in all (the rows are the first `limit`). */
  total: number;
};
export type UserRow = Name & {
  person_rut: number;
  role: 'worker' | 'access_admin' | 'company_user';
  state: 'active' | 'disabled' | 'paused' | 'removed';
  external: number;
  agreement_signed: number;
  started_at: string;
  ended_at: string | null;
};
export type RequestListRow = Partial<Name> & {
  id: number;
  person_rut: number;
  company_rut: number;
  company_dv: string;
  legal_name: string;
  capacity: 'legal_representative' | 'authorized_signatory' | 'other';
  state: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  requested_at: string;
  decided_at: string | null;
  agreement_signed: number;
};

type RegisterEntryRow = {
  company_rut: number;
  kind: 'legal_representative' | 'trf';
  company_dv: string;
  legal_name: string;
};

export function createCompanyRecordRepository(sqlite: Database.Database) {
  const statements = Object.fromEntries(
    Object.entries(COMPANY_SQL).map(([name, sql]) => [name, sqlite.prepare(sql)]),
  ) as Record<keyof typeof COMPANY_SQL, Database.Statement>;
  const counts = createCompanyCountsReader(sqlite);

  return {
    company(rut: number): CompanyHeaderRow | null {
      return (statements.company.get(rut) as CompanyHeaderRow | undefined) ?? null;
    },
    counts(rut: number): { users: number; active: number; admins: number } {
      return counts(rut);
    },
    signatories(rut: number): SignatoryRow[] {
      return statements.signatories.all(rut) as SignatoryRow[];
    },
    registersOf(personRut: number): RegisterEntryRow[] {
      return statements.registersOf.all(personRut) as RegisterEntryRow[];
    },
    profiles(rut: number): ProfileRow[] {
      return statements.profiles.all(rut) as ProfileRow[];
    },
    activeAdmins(
      rut: number,
      options: { besides: number; signedOnly: boolean; limit: number },
    ): ActiveAdminRow[] {
      return statements.activeAdmins.all({
        company: rut,
        person: options.besides,
        signed: options.signedOnly ? 1 : 0,
        limit: options.limit,
      }) as ActiveAdminRow[];
    },
    personName(rut: number): Name | null {
      return (statements.personName.get(rut) as Name | undefined) ?? null;
    },
    usersPage(rut: number, after: number, limit: number): UserRow[] {
      return statements.usersPage.all(rut, after, limit) as UserRow[];
    },
    requests(filter: {
      state: string | null;
      company: number | null;
      limit: number;
      offset: number;
    }): RequestListRow[] {
      const statement = filter.company === null ? statements.requests : statements.companyRequests;
      return statement.all(filter) as RequestListRow[];
    },
  };
}

export type CompanyRecordRepository = ReturnType<typeof createCompanyRecordRepository>;
