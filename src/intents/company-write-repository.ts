/**
 * Writes of the company half (issue 7): Portal Empresas access requests, company profiles and
 * their Remote Access Agreement, users a representative adds, modules. Used by the desk's
 * services, by the central API applying intents and by the desk replaying pending ones.
 *
 * Rows created on the desk get negative ids (never a server id) until the server's row for the
 * same natural key arrives and replaces them (sync/replica-writer.ts). The server (`bumpVersions`)
 * creates ordinary rows and increments versions on every change.
 */
import type Database from 'better-sqlite3';
import type { IdentityHolder } from '../shared/identity-facts';
import { parseStringList } from '../shared/json-list';
import {
  addsProfile,
  stateWithProfile,
  type AdminKind,
  type CompanyAuthority,
  type MembershipState,
  type Signatory,
} from '../shared/rules/company-access';
import type { PersonNames } from '../shared/rules/person-name';

export type RequestRow = {
  id: number;
  personRut: number;
  companyRut: number;
  capacity: 'legal_representative' | 'authorized_signatory' | 'other';
  state: 'pending' | 'approved' | 'rejected';
  version: number;
};

export type CompanyCore = { rut: number; adherent: boolean; onEmpresas: boolean };

/** Tables whose rows the desk may create before the server has them. */
export const PLACEHOLDER_TABLES = [
  'memberships',
  'accounts',
  'access_requests',
  // Ley 21.719 requests (issue 10).
  'data_requests',
] as const;

export function createCompanyWriteRepository(
  sqlite: Database.Database,
  options: { bumpVersions: boolean } = { bumpVersions: false },
) {
  const bump = options.bumpVersions ? 1 : 0;
  const newId = (table: string) =>
    options.bumpVersions ? 'NULL' : `(SELECT min(0, coalesce(min(id), 0)) - 1 FROM ${table})`;
  const stamp = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

  const company = sqlite.prepare('SELECT rut, adherent, portals FROM companies WHERE rut = ?');
  const signatories = sqlite.prepare(
    'SELECT person_rut, kind FROM company_signatories WHERE company_rut = ?',
  );
  const representative = sqlite.prepare(
    `SELECT 1 FROM company_signatories
     WHERE company_rut = ? AND person_rut = ? AND kind = 'legal_representative'`,
  );
  // Every administrator profile, whatever its state: companyRequester says who holds authority
  // (an unsigned one on Portal Empresas does not, rule 12) and why the others do not.
  const admins = sqlite.prepare(
    `SELECT m.person_rut, coalesce(m.admin_kind, 'commercial_contact') AS kind, m.state,
       m.agreement_signed FROM memberships m
     WHERE m.company_rut = ? AND m.role = 'access_admin'
       AND m.role IN ('access_admin', 'company_user') -- the rows memberships_company_staff holds`,
  );
  const requestById = sqlite.prepare(
    `SELECT id, person_rut, company_rut, capacity, state, version FROM access_requests WHERE id = ?`,
  );
  const pendingRequest = sqlite.prepare(
    `SELECT id, person_rut, company_rut, capacity, state, version FROM access_requests
     WHERE person_rut = ? AND company_rut = ? AND state = 'pending' ORDER BY id DESC LIMIT 1`,
  );
  const insertRequest = sqlite.prepare(
    `INSERT INTO access_requests (id, person_rut, company_rut, capacity, state, reason, requested_at)
     VALUES (${newId('access_requests')}, ?, ?, ?, 'pending', NULL, ?)`,
  );
  const decideRequest = sqlite.prepare(
    `UPDATE access_requests SET state = ?, reason = ?, decided_at = ?, version = version + ${bump}
     WHERE id = ? AND state = 'pending'`,
  );
  const membership = sqlite.prepare(
    `SELECT id, role, state, modules, agreement_signed, external, version FROM memberships
     WHERE person_rut = ? AND company_rut = ?`,
  );
  const insertMembership = sqlite.prepare(
    `INSERT INTO memberships (id, person_rut, company_rut, role, state, modules, agreement_signed,
       agreement_sent_at, external, admin_kind, appointed_by, started_at)
     VALUES (${newId('memberships')}, @personRut, @companyRut, @role, 'active', @modules, 0,
       @sentAt, @external, @adminKind, @appointedBy, @at)`,
  );
  // A deleted user added again, or a worker given a company profile: the same row, new profile,
  // in the state stateWithProfile says (a disabled or paused access stays so, rule 11).
  const reopenMembership = sqlite.prepare(
    `UPDATE memberships SET role = @role, state = @state, ended_at = NULL, modules = @modules,
       external = @external, admin_kind = @adminKind, appointed_by = @appointedBy,
       agreement_signed = 0, agreement_sent_at = @sentAt, agreement_signed_at = NULL,
       version = version + ${bump}, updated_at = ${stamp}
     WHERE id = @id`,
  );
  const holderPerson = sqlite.prepare(
    'SELECT serial_number AS serialNumber, email, phone FROM persons WHERE rut = ?',
  );
  const holderEmployers = sqlite.prepare(
    `SELECT c.legal_name AS name FROM memberships m JOIN companies c ON c.rut = m.company_rut
     WHERE m.person_rut = ? AND m.state != 'removed' AND m.external = 0 ORDER BY m.id`,
  );
  const signAgreement = sqlite.prepare(
    `UPDATE memberships SET agreement_signed = 1, agreement_signed_at = ?, version = version + ${bump},
       updated_at = ${stamp}
     WHERE person_rut = ? AND company_rut = ? AND agreement_signed = 0`,
  );
  // The signature is made from the link of a mail sent to the person's address: it proves the
  // address the company gave for a login it created (insertLogin).
  const verifyLogin = sqlite.prepare(
    `UPDATE accounts SET email_verified = 1, version = version + ${bump}, updated_at = ${stamp}
     WHERE person_rut = ? AND portal = 'portal_heroes' AND email_verified = 0 RETURNING id`,
  );
  const signRequest = sqlite.prepare(
    `UPDATE access_requests SET agreement_signed = 1, version = version + ${bump}
     WHERE person_rut = ? AND company_rut = ? AND state = 'approved' AND agreement_signed = 0`,
  );
  const setModules = sqlite.prepare(
    `UPDATE memberships SET modules = ?, version = version + ${bump}, updated_at = ${stamp}
     WHERE id = ? AND (? IS NULL OR version = ?)`,
  );
  const login = sqlite.prepare(
    `SELECT id FROM accounts WHERE person_rut = ? AND portal = 'portal_heroes'`,
  );
  // The address is the company's word (its request, its «Agregar usuario»): not verified until a
  // mail to it is answered — the signature from the approval's or the agreement's link.
  const insertLogin = sqlite.prepare(
    `INSERT INTO accounts (id, person_rut, portal, registration_state, password_set, email_verified,
       first_access_used)
     VALUES (${newId('accounts')}, ?, 'portal_heroes', 'active', 0, 0, 0)`,
  );
  const personNames = sqlite.prepare(
    `SELECT given_names AS givenNames, last_name1 AS lastName1, last_name2 AS lastName2
     FROM persons WHERE rut = ?`,
  );
  const insertPerson = sqlite.prepare(
    `INSERT INTO persons (rut, dv, given_names, last_name1, last_name2, sort_key, email, phone)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  return {
    company(rut: number): CompanyCore | null {
      const row = company.get(rut) as
        { rut: number; adherent: number; portals: string } | undefined;
      if (!row) return null;
      return {
        rut: row.rut,
        adherent: row.adherent === 1,
        onEmpresas: row.portals.includes('portal_empresas'),
      };
    },
    authority(companyRut: number): CompanyAuthority {
      const row = company.get(companyRut) as { portals: string } | undefined;
      return {
        onEmpresas: row ? row.portals.includes('portal_empresas') : false,
        signatories: (
          signatories.all(companyRut) as Array<{ person_rut: number; kind: Signatory['kind'] }>
        ).map((row) => ({ personRut: row.person_rut, kind: row.kind })),
        admins: (
          admins.all(companyRut) as Array<{
            person_rut: number;
            kind: AdminKind;
            state: MembershipState;
            agreement_signed: number;
          }>
        ).map((row) => ({
          personRut: row.person_rut,
          kind: row.kind,
          state: row.state,
          agreementSigned: row.agreement_signed === 1,
        })),
      };
    },
    /** Whether the company's register names the person its legal representative (rules 9, 12). */
    legalRepresentative(personRut: number, companyRut: number): boolean {
      return representative.get(companyRut, personRut) !== undefined;
    },
    request(id: number): RequestRow | null {
      return toRequest(requestById.get(id));
    },
    pendingRequest(personRut: number, companyRut: number): RequestRow | null {
      return toRequest(pendingRequest.get(personRut, companyRut));
    },
    recordRequest(
      personRut: number,
      companyRut: number,
      capacity: RequestRow['capacity'],
      at: string,
    ): number {
      return Number(insertRequest.run(personRut, companyRut, capacity, at).lastInsertRowid);
    },
    decideRequest(id: number, state: 'approved' | 'rejected', reason: string | null, at: string) {
      return decideRequest.run(state, reason, at, id).changes === 1;
    },
    membership(personRut: number, companyRut: number) {
      const row = membership.get(personRut, companyRut) as
        | {
            id: number;
            role: 'worker' | 'access_admin' | 'company_user';
            state: 'active' | 'disabled' | 'paused' | 'removed';
            modules: string;
            agreement_signed: number;
            external: number;
            version: number;
          }
        | undefined;
      return row
        ? {
            id: row.id,
            role: row.role,
            state: row.state,
            modules: row.modules,
            agreementSigned: row.agreement_signed === 1,
            external: row.external === 1,
            version: row.version,
          }
        : null;
    },
    /**
     * Gives the person a company profile (an approved request, or a user the representative
     * adds): a new membership, a deleted one opened again, a worker's turned into it, or at an
     * ACHS company a company user appointed administrator (addsProfile). It waits for the
     * agreement. An access disabled or paused stays so (stateWithProfile): giving it back is
     * its own request. Null when the person already holds a company profile there.
     */
    grantProfile(
      personRut: number,
      companyRut: number,
      profile: {
        role: 'access_admin' | 'company_user';
        modules: string[];
        external: boolean;
        adminKind: 'legal_representative' | 'commercial_contact' | 'appointed' | null;
        appointedBy: number | null;
        at: string;
        /**
         * False when the agreement's mail is not sent (the action came too late for it): nobody
         * was asked to sign, so no «firma pedida» date.
         */
        mailed?: boolean;
      },
    ): number | null {
      const values = {
        personRut,
        companyRut,
        role: profile.role,
        modules: JSON.stringify(profile.modules),
        external: profile.external ? 1 : 0,
        adminKind: profile.adminKind,
        appointedBy: profile.appointedBy,
        sentAt:
          this.company(companyRut)?.onEmpresas && profile.mailed !== false ? profile.at : null,
        at: profile.at,
      };
      const existing = this.membership(personRut, companyRut);
      if (!existing) return Number(insertMembership.run(values).lastInsertRowid);
      const onEmpresas = this.company(companyRut)?.onEmpresas ?? false;
      if (!addsProfile(existing, profile.role, { onEmpresas })) return null;
      // A worker given a company profile keeps the modules he had, with the new ones, and so
      // does a company user appointed administrator; a deleted user added again starts from the
      // modules asked for now.
      const kept = existing.state === 'removed' ? [] : parseStringList(existing.modules);
      reopenMembership.run({
        id: existing.id,
        role: values.role,
        state: stateWithProfile(existing),
        modules: JSON.stringify([...new Set([...kept, ...profile.modules])]),
        external: values.external,
        adminKind: values.adminKind,
        appointedBy: values.appointedBy,
        sentAt: values.sentAt,
      });
      return existing.id;
    },
    /** What a caller can be asked to prove who they are (shared/identity-facts.ts). */
    identityHolder(rut: number): IdentityHolder | null {
      const row = holderPerson.get(rut) as Omit<IdentityHolder, 'employers'> | undefined;
      if (!row) return null;
      const employers = (holderEmployers.all(rut) as Array<{ name: string }>).map((e) => e.name);
      return { ...row, employers };
    },
    /** Rule 12: signed from the mail's link. The login whose address that proved, if any. */
    signAgreement(
      personRut: number,
      companyRut: number,
      at: string,
    ): { signed: boolean; verifiedLogin: number | null } {
      signRequest.run(personRut, companyRut);
      const signed = signAgreement.run(at, personRut, companyRut).changes === 1;
      if (!signed) return { signed, verifiedLogin: null };
      const login = verifyLogin.get(personRut) as { id: number } | undefined;
      return { signed, verifiedLogin: login?.id ?? null };
    },
    setModules(id: number, modules: string[], version: number | null): boolean {
      return setModules.run(JSON.stringify(modules), id, version, version).changes === 1;
    },
    /** The one Los Héroes login (shared/portals.ts); created for a first company profile. */
    ensureLosHeroesLogin(personRut: number): { id: number; created: boolean } {
      const row = login.get(personRut) as { id: number } | undefined;
      if (row) return { id: row.id, created: false };
      return { id: Number(insertLogin.run(personRut).lastInsertRowid), created: true };
    },
    /** The registered names of a person, to compare with names typed for a new one. */
    personNames(rut: number): PersonNames | null {
      return (personNames.get(rut) as PersonNames | undefined) ?? null;
    },
    insertPerson(person: {
      rut: number;
      dv: string;
      givenNames: string;
      lastName1: string;
      lastName2: string;
      sortKey: string;
      email: string;
      phone: string | null;
    }): void {
      insertPerson.run(
        person.rut,
        person.dv,
        person.givenNames,
        person.lastName1,
        person.lastName2,
        person.sortKey,
        person.email,
        person.phone,
      );
    },
  };
}

function toRequest(row: unknown): RequestRow | null {
  const found = row as
    | {
        id: number;
        person_rut: number;
        company_rut: number;
        capacity: RequestRow['capacity'];
        state: RequestRow['state'];
        version: number;
      }
    | undefined;
  return found
    ? {
        id: found.id,
        personRut: found.person_rut,
        companyRut: found.company_rut,
        capacity: found.capacity,
        state: found.state,
        version: found.version,
      }
    : null;
}

export type CompanyWriteRepository = ReturnType<typeof createCompanyWriteRepository>;
