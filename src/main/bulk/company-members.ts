/**
 * What a bulk preview reads of the replica (issue 8): every member of the company with their
 * person's e-mail, and one look-up for a RUT of the file that is not a member. Read on the desk's
 * thread for a small file, on a worker thread for a large one (members-thread.ts), while the
 * desk parses the file.
 */
import type Database from 'better-sqlite3';
import type { MembershipState, PersonFacts } from '../../shared/rules/bulk-load';

/**
 * The members' state and version come from memberships_by_company (one contiguous range of the
 * company's key: key-tables.ts); their persons are read in RUT order.
 */
export const PREVIEW_SQL = {
  members: `SELECT m.person_rut AS rut, m.state, m.version AS mv, p.email, p.version AS pv
     FROM memberships_by_company m JOIN persons p ON p.rut = m.person_rut WHERE m.company_rut = ?`,
  person: 'SELECT email, version FROM persons WHERE rut = ?',
  elsewhere: 'SELECT 1 FROM memberships WHERE person_rut = ? AND company_rut != ? LIMIT 1',
  // Of the persons whose e-mail the file changes (a JSON array), those who also hold an access
  // at another company (a dismissal's is none), each with one such company by name (warnRows).
  // One statement, a seek per person on memberships_person_company: a call per row made a
  // 50,000-row preview half as fast; a file that changes few e-mails pays for those alone.
  accessElsewhere: `SELECT m.person_rut AS rut, min(c.legal_name) AS company
     FROM memberships m JOIN companies c ON c.rut = m.company_rut
     WHERE m.person_rut IN (SELECT value FROM json_each(?)) AND m.company_rut != ?
       AND m.state != 'removed'
     GROUP BY m.person_rut`,
  // Ley 21.719: the persons under a temporary block now (a handful, whatever the company).
  blocked: `SELECT DISTINCT person_rut FROM data_requests
     WHERE blocked_at IS NOT NULL AND unblocked_at IS NULL`,
  // Rules 9, 12: the company's registered legal representatives (a handful).
  representatives: `SELECT person_rut FROM company_signatories
     WHERE company_rut = ? AND kind = 'legal_representative'`,
  // Rule 9: the company's access administrators, from the index of its staff (a few hundred at
  // most): who may change its profiles, before and after the file (warnRows).
  admins: `SELECT person_rut AS personRut, coalesce(admin_kind, 'commercial_contact') AS kind,
       state, agreement_signed AS agreementSigned FROM memberships
     WHERE company_rut = ? AND role = 'access_admin'
       AND role IN ('access_admin', 'company_user') -- the rows memberships_company_staff holds`,
  // Who holds the e-mails the file gives (a JSON array of them), all in one statement: a seek in
  // the e-mails' key table per address, in the addresses' order (warnRows).
  emailHolders: `SELECT email, rut FROM persons_by_email
     WHERE email IN (SELECT value FROM json_each(?))`,
};

/**
 * A company's members column by column: numbers in typed arrays, which move between threads
 * without a copy, and one array per text column (a few milliseconds to clone at 50,000 rows).
 */
export type CompanyMembers = {
  ruts: Float64Array;
  membershipVersions: Float64Array;
  personVersions: Float64Array;
  states: MembershipState[];
  emails: Array<string | null>;
};

/** `members`: PREVIEW_SQL.members prepared in raw mode (rows as arrays, no object per row). */
export function readCompanyMembers(
  members: Database.Statement,
  companyRut: number,
): CompanyMembers {
  const rows = members.all(companyRut) as Array<
    [number, MembershipState, number, string | null, number]
  >;
  const read: CompanyMembers = {
    ruts: new Float64Array(rows.length),
    membershipVersions: new Float64Array(rows.length),
    personVersions: new Float64Array(rows.length),
    states: new Array<MembershipState>(rows.length),
    emails: new Array<string | null>(rows.length),
  };
  rows.forEach(([rut, state, membershipVersion, email, personVersion], index) => {
    read.ruts[index] = rut;
    read.states[index] = state;
    read.membershipVersions[index] = membershipVersion;
    read.emails[index] = email;
    read.personVersions[index] = personVersion;
  });
  return read;
}

/**
 * The facts the preview's rules ask about a member, by RUT (undefined: not a member). Each is
 * made when asked for, from the columns: a map of 50,000 ready-made facts lived through the
 * whole preview, three times the memory of this index.
 */
export function memberFacts(read: CompanyMembers): (rut: number) => PersonFacts | undefined {
  const indexOf = new Map<number, number>();
  read.ruts.forEach((rut, index) => indexOf.set(rut, index));
  return (rut) => {
    const index = indexOf.get(rut);
    if (index === undefined) return undefined;
    return {
      email: read.emails[index]!,
      version: read.personVersions[index]!,
      membership: { state: read.states[index]!, version: read.membershipVersions[index]! },
      otherCompany: false,
    };
  };
}
