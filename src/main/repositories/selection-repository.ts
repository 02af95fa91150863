/**
 * Reads for acting on a selection (issue 8, item 2): names for the report, each person's logins,
 * the company's portals, every RUT of a company's list, and whether a membership was acted on
 * again after a selection's action (so an undo never overwrites a later decision).
 */
import type Database from 'better-sqlite3';
import { mailPortal } from '../../shared/portals';
import {
  PASSWORD_MAILS,
  type AccountFacts,
  type PersonFacts,
  type SelectionAction,
} from '../domain/selection-rule';
import type { PersonWriteRepository } from '../../intents/person-write-repository';
import { parseStringList } from '../../shared/json-list';
import { fullName } from '../../shared/format';

export function createSelectionRepository(
  sqlite: Database.Database,
  writes: PersonWriteRepository,
) {
  const name = sqlite.prepare(
    'SELECT dv, given_names, last_name1, last_name2 FROM persons WHERE rut = ?',
  );
  const portals = sqlite.prepare('SELECT portal FROM accounts WHERE person_rut = ? ORDER BY id');
  const company = sqlite.prepare('SELECT legal_name, portals FROM companies WHERE rut = ?');
  const companyUsers = sqlite.prepare(
    'SELECT person_rut FROM memberships_by_company WHERE company_rut = ? ORDER BY person_rut LIMIT +?',
  );
  const companyUserCount = sqlite.prepare(
    'SELECT count(*) AS n FROM memberships_by_company WHERE company_rut = ?',
  );
  // Any later desk action on the same membership (a company's too): an undo must not overwrite it.
  const laterOnMembership = sqlite.prepare(
    `SELECT 1 FROM audit_events WHERE person_rut = ? AND seq > ?
       AND (action LIKE 'membership.%' OR action LIKE 'company_user.%')
       AND json_extract("after", '$.companyRut') = ? LIMIT 1`,
  );

  return {
    person(rut: number): { dv: string; name: string } | null {
      const row = name.get(rut) as
        { dv: string; given_names: string; last_name1: string; last_name2: string } | undefined;
      if (!row) return null;
      return {
        dv: row.dv,
        name: fullName({
          givenNames: row.given_names,
          lastName1: row.last_name1,
          lastName2: row.last_name2,
        }),
      };
    },
    company(rut: number): { legalName: string; portals: string[] } | null {
      const row = company.get(rut) as { legal_name: string; portals: string } | undefined;
      if (!row) return null;
      return { legalName: row.legal_name, portals: parseStringList(row.portals) };
    },
    /** A company's users in the list's order (by RUT), at most `limit`, and how many in all. */
    companyUsers(companyRut: number, limit: number): { ruts: number[]; total: number } {
      const rows = companyUsers.all(companyRut, limit) as Array<{ person_rut: number }>;
      const total = (companyUserCount.get(companyRut) as { n: number }).n;
      return { ruts: rows.map((r) => r.person_rut), total };
    },
    membershipChangedAfter(personRut: number, companyRut: number, auditSeq: number): boolean {
      return laterOnMembership.get(personRut, auditSeq, companyRut) !== undefined;
    },
    /** What the per-person rule needs, read now. null: the person is not in the replica. */
    facts(rut: number, action: SelectionAction, companyRut: number | null): PersonFacts | null {
      const person = writes.person(rut);
      if (!person) return null;
      const accounts: AccountFacts[] = [];
      if (action === 'unlock' || action === 'resend_mail') {
        for (const { portal } of portals.all(rut) as Array<{ portal: AccountFacts['portal'] }>) {
          const account = writes.account(rut, portal);
          if (!account) continue;
          const lastMail: AccountFacts['lastMail'] = {};
          if (action === 'resend_mail') {
            for (const kind of PASSWORD_MAILS) {
              lastMail[kind] = writes.lastMail(rut, mailPortal(kind, portal), kind);
            }
          }
          accounts.push({
            portal: account.portal as AccountFacts['portal'],
            lockedUntil: account.lockedUntil,
            version: account.version,
            mail: writes.mailFacts(person, account),
            lastMail,
          });
        }
      }
      let membership: PersonFacts['membership'] = null;
      if ((action === 'disable' || action === 'enable') && companyRut !== null) {
        const row = writes.membership(rut, companyRut);
        membership = row
          ? {
              state: row.state,
              version: row.version,
              companyAdherent: writes.companyAdherent(companyRut),
            }
          : null;
      }
      return { email: person.email, accounts, membership };
    },
  };
}

export type SelectionRepository = ReturnType<typeof createSelectionRepository>;
