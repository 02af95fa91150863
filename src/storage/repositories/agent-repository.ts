/**
 * Agents who sign in, and the companies where one is an access administrator (rule 9).
 */
import type Database from 'better-sqlite3';
import { opens, type AccessMembership } from '../../shared/rules/access';

export type AgentRow = {
  id: string;
  username: string;
  displayName: string;
  role: 'agent' | 'supervisor' | 'prevention';
  passwordHash: string;
  companyRuts: number[];
  personRut: number | null;
  active: boolean;
  offlineUntil: string | null;
};

type Raw = {
  id: string;
  username: string;
  display_name: string;
  role: AgentRow['role'];
  password_hash: string;
  company_ruts: string;
  person_rut: number | null;
  active: number;
  offline_until: string | null;
};

const toAgent = (row: Raw): AgentRow => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  passwordHash: row.password_hash,
  companyRuts: (JSON.parse(row.company_ruts) as unknown[]).filter(
    (value): value is number => typeof value === 'number',
  ),
  personRut: row.person_rut,
  active: row.active === 1,
  offlineUntil: row.offline_until,
});

export function createAgentRepository(sqlite: Database.Database) {
  const byUsername = sqlite.prepare('SELECT * FROM agents WHERE username = ?');
  const all = sqlite.prepare('SELECT * FROM agents ORDER BY display_name');
  const nameOf = sqlite.prepare('SELECT display_name FROM agents WHERE id = ?').pluck();
  const disable = sqlite.prepare(
    'UPDATE agents SET active = 0, offline_until = NULL WHERE username = ?',
  );
  const insert = sqlite.prepare(
    `INSERT INTO agents (id, username, display_name, role, password_hash, company_ruts, person_rut,
       active, offline_until)
     VALUES (@id, @username, @displayName, @role, @passwordHash, @companyRuts, @personRut, @active,
       @offlineUntil)
     ON CONFLICT(id) DO UPDATE SET username = excluded.username,
       display_name = excluded.display_name, role = excluded.role,
       password_hash = excluded.password_hash, company_ruts = excluded.company_ruts,
       person_rut = excluded.person_rut, active = excluded.active,
       offline_until = excluded.offline_until`,
  );
  const adminOf = sqlite.prepare(
    `SELECT m.company_rut, m.state, m.agreement_signed, coalesce(c.adherent, 0) AS adherent,
       coalesce(c.portals, '[]') LIKE '%portal_empresas%' AS on_empresas
     FROM memberships m LEFT JOIN companies c ON c.rut = m.company_rut
     WHERE m.person_rut = ? AND m.role = 'access_admin' AND m.state = 'active'`,
  );
  return {
    byUsername(username: string): AgentRow | null {
      const row = byUsername.get(username) as Raw | undefined;
      return row ? toAgent(row) : null;
    },
    /** An agent's name as screens show it; null for an agent this desk does not know. */
    displayName(id: string): string | null {
      return (nameOf.get(id) as string | undefined) ?? null;
    },
    list(): AgentRow[] {
      return (all.all() as Raw[]).map(toAgent);
    },
    /**
     * Disabled, as the central API said at a sign-in: no offline sign-in here any more, until a
     * sign-in with connection finds the agent enabled again (insert).
     */
    disable(username: string): void {
      disable.run(username);
    },
    /** Inserts or replaces (an agent profile refreshed from the central API). */
    insert(agent: AgentRow): void {
      insert.run({
        id: agent.id,
        username: agent.username,
        displayName: agent.displayName,
        role: agent.role,
        passwordHash: agent.passwordHash,
        companyRuts: JSON.stringify(agent.companyRuts),
        personRut: agent.personRut,
        active: agent.active ? 1 : 0,
        offlineUntil: agent.offlineUntil,
      });
    },
    /**
     * Where the person is an access administrator whose profile opens (rules 6, 9, 12): at a
     * company no longer adherent, or before signing the agreement, they administer nothing.
     */
    adminOfCompanies(personRut: number | null): number[] {
      if (personRut === null) return [];
      const rows = adminOf.all(personRut) as Array<{
        company_rut: number;
        state: AccessMembership['state'];
        agreement_signed: number;
        adherent: number;
        on_empresas: number;
      }>;
      return rows
        .filter((row) =>
          opens({
            state: row.state,
            role: 'access_admin',
            companyAdherent: row.adherent === 1,
            agreementSigned: row.agreement_signed === 1,
            companyOnEmpresas: row.on_empresas === 1,
          }),
        )
        .map((row) => row.company_rut);
    },
  };
}

export type AgentRepository = ReturnType<typeof createAgentRepository>;
