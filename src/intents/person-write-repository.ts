/**
 * Writes the help desk makes to the replica. Every update names the version the agent saw and
 * bumps it, so a change made meanwhile (another agent, a sync) is detected, never overwritten.
 * Each returns false when no row matched (stale or gone); callers decide which.
 */
import type Database from 'better-sqlite3';
import type { Portal } from '../shared/contract';
import { loginPortal } from '../shared/portals';
import {
  approvedAwaitingSignature,
  hasAccessAt,
  loginClosedAt,
  unsignedAgreement,
  type MailFacts,
  type SentMail,
} from '../shared/rules/access';

export type AccountRow = {
  id: number;
  portal: 'achs_gestion' | 'portal_heroes' | 'portal_empresas';
  registrationState: 'not_registered' | 'pending_activation' | 'active';
  emailVerified: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  registrationBlocked: boolean;
  version: number;
};

export type MembershipRow = {
  id: number;
  companyRut: number;
  role: 'worker' | 'access_admin' | 'company_user';
  state: 'active' | 'disabled' | 'paused' | 'removed';
  agreementSigned: boolean;
  /** Rule 13: not the company's worker (an outsider given a company profile). */
  external: boolean;
  version: number;
};

export type PersonCore = {
  rut: number;
  email: string | null;
  phone: string | null;
  version: number;
};

/**
 * `bumpVersions`: the central API owns versions and increments them on every change; the
 * desktop replica mirrors the server's versions and leaves them alone on local writes.
 */
export function createPersonWriteRepository(
  sqlite: Database.Database,
  options: { bumpVersions: boolean } = { bumpVersions: false },
) {
  const bump = options.bumpVersions ? 1 : 0;
  const person = sqlite.prepare('SELECT rut, email, phone, version FROM persons WHERE rut = ?');
  const account = sqlite.prepare(
    `SELECT id, portal, registration_state, email_verified, failed_attempts, locked_until,
       registration_blocked, version
     FROM accounts WHERE person_rut = ? AND portal = ?`,
  );
  const accounts = sqlite.prepare(
    'SELECT id, portal, registration_state FROM accounts WHERE person_rut = ?',
  );
  const companyAdherent = sqlite.prepare('SELECT adherent FROM companies WHERE rut = ?');
  const mailsOfAction = sqlite.prepare('SELECT id FROM mails WHERE action_id = ?');
  const membership = sqlite.prepare(
    `SELECT id, company_rut, role, state, agreement_signed, external, version
     FROM memberships WHERE person_rut = ? AND company_rut = ?`,
  );
  // A dismissal ends the company's responsibility for the person: no longer in its scope.
  const companyRuts = sqlite.prepare(
    "SELECT company_rut FROM memberships WHERE person_rut = ? AND state != 'removed'",
  );
  const everyCompanyRut = sqlite.prepare(
    'SELECT company_rut FROM memberships WHERE person_rut = ?',
  );
  const lastMail = sqlite.prepare(
    `SELECT sent_at AS sentAt, to_address AS "to" FROM mails
     WHERE person_rut = ? AND portal = ? AND kind = ?
     ORDER BY sent_at DESC LIMIT 1`,
  );
  const profiles = sqlite.prepare('SELECT is_pensioner, is_worker FROM persons WHERE rut = ?');
  const accessRows = sqlite.prepare(
    `SELECT m.state, m.role, m.agreement_signed, coalesce(c.adherent, 0) AS adherent,
       coalesce(c.portals, '[]') LIKE '%portal_empresas%' AS on_empresas,
       EXISTS (SELECT 1 FROM access_requests r WHERE r.person_rut = m.person_rut
         AND r.company_rut = m.company_rut AND r.state = 'approved' AND r.agreement_signed = 0)
         AS approval_awaits
     FROM memberships m LEFT JOIN companies c ON c.rut = m.company_rut WHERE m.person_rut = ?`,
  );
  // Only the fields that change are set: setting one, even to the value it has, rewrites its
  // index entry (one more page in every commit).
  // Each also says when it changed and who changed it (migrations 0028 and 0032: for a day a new
  // mobile proves nothing; a contact conflict says who changed the central's value, and when).
  const updateContactOf = (fields: readonly ('email' | 'phone')[]) =>
    sqlite.prepare(
      `UPDATE persons SET ${fields
        .map(
          (field) => `${field} = @${field}, ${field}_changed_at = @at, ${field}_changed_by = @by`,
        )
        .join(', ')},
         version = version + ${bump}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
       WHERE rut = @rut AND (@version IS NULL OR version = @version)`,
    );
  const updateContact = {
    both: updateContactOf(['email', 'phone']),
    email: updateContactOf(['email']),
    phone: updateContactOf(['phone']),
  };
  const unverifyAccounts = sqlite.prepare(
    `UPDATE accounts SET email_verified = 0, version = version + ${bump},
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
     WHERE person_rut = ? AND registration_state = 'active' RETURNING portal`,
  );
  const verifiedPortals = sqlite.prepare(
    `SELECT portal FROM accounts
     WHERE person_rut = ? AND registration_state = 'active' AND email_verified = 1`,
  );
  const verifyAccounts = sqlite.prepare(
    `UPDATE accounts SET email_verified = 1, version = version + ${bump},
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
     WHERE person_rut = ? AND registration_state = 'active' AND email_verified = 0
       AND portal IN (SELECT value FROM json_each(?))`,
  );
  const unlock = sqlite.prepare(
    `UPDATE accounts SET locked_until = NULL, failed_attempts = 0, version = version + ${bump},
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
     WHERE id = ? AND (? IS NULL OR version = ?)`,
  );
  const clearBlock = sqlite.prepare(
    `UPDATE accounts SET registration_blocked = 0, version = version + ${bump},
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
     WHERE id = ? AND (? IS NULL OR version = ?)`,
  );
  const setMembership = sqlite.prepare(
    `UPDATE memberships SET state = ?, ended_at = ?, version = version + ${bump},
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
     WHERE id = ? AND (? IS NULL OR version = ?)`,
  );
  const setRole = sqlite.prepare(
    `UPDATE memberships SET role = ?, version = version + ${bump},
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
     WHERE id = ? AND (? IS NULL OR version = ?)`,
  );
  // Mails queued here get negative ids (never a server id) and name their action, so the
  // server's row for the same action replaces them when it arrives (sync/apply-changes.ts).
  const insertMail = sqlite.prepare(
    `INSERT INTO mails (id, person_rut, portal, kind, sent_at, outcome, to_address, action_id)
     VALUES (${options.bumpVersions ? 'NULL' : '(SELECT min(0, coalesce(min(id), 0)) - 1 FROM mails)'},
       ?, ?, ?, ?, 'queued', ?, ?)`,
  );

  return {
    person(rut: number): PersonCore | null {
      return (person.get(rut) as PersonCore | undefined) ?? null;
    },
    /** The login that opens `portal` (Portal Empresas is the Los Héroes login, shared/portals). */
    account(rut: number, portal: Portal): AccountRow | null {
      const row = account.get(rut, loginPortal(portal)) as
        | {
            id: number;
            portal: AccountRow['portal'];
            registration_state: AccountRow['registrationState'];
            email_verified: number;
            failed_attempts: number;
            locked_until: string | null;
            registration_blocked: number;
            version: number;
          }
        | undefined;
      if (!row) return null;
      return {
        id: row.id,
        portal: row.portal,
        registrationState: row.registration_state,
        emailVerified: row.email_verified === 1,
        failedAttempts: row.failed_attempts,
        lockedUntil: row.locked_until,
        registrationBlocked: row.registration_blocked === 1,
        version: row.version,
      };
    },
    membership(rut: number, companyRut: number): MembershipRow | null {
      const row = membership.get(rut, companyRut) as
        | {
            id: number;
            company_rut: number;
            role: MembershipRow['role'];
            state: MembershipRow['state'];
            agreement_signed: number;
            external: number;
            version: number;
          }
        | undefined;
      if (!row) return null;
      return {
        id: row.id,
        companyRut: row.company_rut,
        role: row.role,
        state: row.state,
        agreementSigned: row.agreement_signed === 1,
        external: row.external === 1,
        version: row.version,
      };
    },
    companyRuts(rut: number): number[] {
      return (companyRuts.all(rut) as Array<{ company_rut: number }>).map((r) => r.company_rut);
    },
    /** Every company the person has a membership in, a dismissal's too. */
    everyCompanyRut(rut: number): number[] {
      return (everyCompanyRut.all(rut) as Array<{ company_rut: number }>).map((r) => r.company_rut);
    },
    /** The last mail of this kind from this portal (rules/access.ts `mailWaitMs`). */
    lastMail(rut: number, portal: string, kind: string): SentMail | null {
      return (lastMail.get(rut, portal, kind) as SentMail | undefined) ?? null;
    },
    /** What decides which mails fit this account (shared/rules/access.ts). */
    mailFacts(person: PersonCore, account: AccountRow): MailFacts {
      const memberships = (
        accessRows.all(person.rut) as Array<{
          state: MembershipRow['state'];
          role: MembershipRow['role'];
          agreement_signed: number;
          adherent: number;
          on_empresas: number;
          approval_awaits: number;
        }>
      ).map((m) => ({
        state: m.state,
        role: m.role,
        agreementSigned: m.agreement_signed === 1,
        companyAdherent: m.adherent === 1,
        companyOnEmpresas: m.on_empresas === 1,
        approvalAwaits: m.approval_awaits === 1,
      }));
      const profile = profiles.get(person.rut) as
        { is_pensioner: number; is_worker: number } | undefined;
      const access = {
        isPensioner: profile?.is_pensioner === 1,
        isWorker: profile?.is_worker === 1,
        memberships,
      };
      return {
        portal: account.portal,
        hasEmail: Boolean(person.email),
        registrationState: account.registrationState,
        emailVerified: account.emailVerified,
        hasAccess: hasAccessAt(account.portal, access),
        loginClosed: loginClosedAt(account.portal, access),
        hasApprovedRequest: approvedAwaitingSignature(memberships),
        hasUnsignedAgreement: unsignedAgreement(memberships),
      };
    },
    /**
     * New contact details: a field left out keeps its value. `version` null: no version check
     * (the server merges by field instead; a bulk load read the row in the same transaction).
     * `changed`: when, by the caller's clock, and who decided it, by name (null: nobody named);
     * kept beside each field changed (`phone_changed_at`, `email_changed_by`…).
     */
    updateContact(
      rut: number,
      next:
        | { email: string | null; phone?: string | null }
        | { email?: undefined; phone: string | null },
      version: number | null,
      changed: { at: Date; by: string | null },
    ): boolean {
      const which =
        next.email === undefined ? 'phone' : next.phone === undefined ? 'email' : 'both';
      return (
        updateContact[which].run({
          email: next.email ?? null,
          phone: next.phone ?? null,
          rut,
          version,
          at: changed.at.toISOString(),
          by: changed.by,
        }).changes === 1
      );
    },
    /**
     * A new e-mail (rule 10): the person's active accounts wait for its confirmation. Returns
     * their portals, in order: each gets a confirmation mail.
     */
    unverifyAccounts(rut: number): string[] {
      return (unverifyAccounts.all(rut) as Array<{ portal: string }>)
        .map((row) => row.portal)
        .sort();
    },
    /** The portals whose active account has the person's present e-mail verified, in order. */
    verifiedPortals(rut: number): string[] {
      return (verifiedPortals.all(rut) as Array<{ portal: string }>)
        .map((row) => row.portal)
        .sort();
    },
    /**
     * Marks these portals' active accounts verified again: an undone bulk load gives back the
     * address they had confirmed (`reverify`, shared/rules/bulk-load.ts), with no new mail.
     */
    verifyAccounts(rut: number, portals: readonly string[]): void {
      if (portals.length > 0) verifyAccounts.run(rut, JSON.stringify(portals));
    },
    unlock(accountId: number, version: number | null): boolean {
      return unlock.run(accountId, version, version).changes === 1;
    },
    clearRegistrationBlock(accountId: number, version: number | null): boolean {
      return clearBlock.run(accountId, version, version).changes === 1;
    },
    setMembershipState(
      id: number,
      state: string,
      endedAt: string | null,
      version: number | null,
    ): boolean {
      return setMembership.run(state, endedAt, id, version, version).changes === 1;
    },
    setMembershipRole(id: number, role: string, version: number | null): boolean {
      return setRole.run(role, id, version, version).changes === 1;
    },
    companyAdherent(companyRut: number): boolean {
      return (companyAdherent.get(companyRut) as { adherent: number } | undefined)?.adherent === 1;
    },
    accountIds(rut: number): number[] {
      return (accounts.all(rut) as Array<{ id: number }>).map((row) => row.id);
    },
    mailIdsOfAction(actionId: string): number[] {
      return (mailsOfAction.all(actionId) as Array<{ id: number }>).map((row) => row.id);
    },
    queueMail(
      rut: number,
      portal: string,
      kind: string,
      sentAt: string,
      to: string,
      actionId: string | null,
    ): number {
      return Number(insertMail.run(rut, portal, kind, sentAt, to, actionId).lastInsertRowid);
    },
  };
}

export type PersonWriteRepository = ReturnType<typeof createPersonWriteRepository>;
