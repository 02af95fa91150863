/**
 * Agents' sessions on the central API: a short-lived access token and a rotating refresh token,
 * both bound to the agent and the device, stored only as sha256. Passwords are the agents'
 * scrypt hashes of the shared schema (domain/password.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AgentScope } from '../main/domain/permissions';
import { hashPassword, verifyPassword } from '../main/domain/password';
import { createAgentRepository } from '../main/repositories/agent-repository';
import type { AgentProfile, TokenResponse } from '../shared/sync-protocol';

export type CentralAgent = AgentProfile & { active: boolean };

export type Authenticated = { agent: CentralAgent; deviceId: string };

type TokenKind = 'access' | 'refresh';

type AgentRaw = {
  id: string;
  username: string;
  display_name: string;
  role: CentralAgent['role'];
  company_ruts: string;
  person_rut: number | null;
  active: number;
};

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export type AuthOptions = { now: () => Date; accessTtlMs: number; refreshTtlMs: number };

export function createAuth(sqlite: Database.Database, options: AuthOptions) {
  const agents = createAgentRepository(sqlite);
  const agentById = sqlite.prepare(
    `SELECT id, username, display_name, role, company_ruts, person_rut, active
     FROM agents WHERE id = ?`,
  );
  const insertToken = sqlite.prepare(
    `INSERT INTO tokens (token_hash, kind, agent_id, device_id, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const findToken = sqlite.prepare(
    'SELECT agent_id, device_id, expires_at FROM tokens WHERE token_hash = ? AND kind = ?',
  );
  const deleteToken = sqlite.prepare('DELETE FROM tokens WHERE token_hash = ?');
  const deleteExpired = sqlite.prepare('DELETE FROM tokens WHERE expires_at <= ?');

  // Unknown usernames still cost one scrypt, so timing does not tell which usernames exist.
  let dummyHash: string | null = null;

  const toAgent = (row: AgentRaw): CentralAgent => ({
    agentId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    companyRuts: (JSON.parse(row.company_ruts) as unknown[]).filter(
      (value): value is number => typeof value === 'number' && Number.isInteger(value),
    ),
    personRut: row.person_rut,
    active: row.active === 1,
  });

  const agent = (id: string): CentralAgent | null => {
    const row = agentById.get(id) as AgentRaw | undefined;
    return row ? toAgent(row) : null;
  };

  const issue = sqlite.transaction((agentRow: CentralAgent, deviceId: string): TokenResponse => {
    const now = options.now();
    deleteExpired.run(now.toISOString());
    const accessToken = randomBytes(32).toString('base64url');
    const refreshToken = randomBytes(32).toString('base64url');
    const accessExpiresAt = new Date(now.getTime() + options.accessTtlMs).toISOString();
    const refreshExpiresAt = new Date(now.getTime() + options.refreshTtlMs).toISOString();
    const created = now.toISOString();
    insertToken.run(
      sha256(accessToken),
      'access',
      agentRow.agentId,
      deviceId,
      accessExpiresAt,
      created,
    );
    insertToken.run(
      sha256(refreshToken),
      'refresh',
      agentRow.agentId,
      deviceId,
      refreshExpiresAt,
      created,
    );
    const profile: AgentProfile = {
      agentId: agentRow.agentId,
      username: agentRow.username,
      displayName: agentRow.displayName,
      role: agentRow.role,
      companyRuts: agentRow.companyRuts,
      personRut: agentRow.personRut,
    };
    return { accessToken, accessExpiresAt, refreshToken, refreshExpiresAt, agent: profile };
  });

  const lookup = (token: string, kind: TokenKind) => {
    const row = findToken.get(sha256(token), kind) as
      { agent_id: string; device_id: string; expires_at: string } | undefined;
    if (!row || Date.parse(row.expires_at) <= options.now().getTime()) return null;
    const found = agent(row.agent_id);
    return found?.active ? { agent: found, deviceId: row.device_id } : null;
  };

  return {
    /** Null when the username, the password or the agent's state does not allow it. */
    signIn(username: string, password: string, deviceId: string): TokenResponse | null {
      const row = agents.byUsername(username);
      if (!row) {
        dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
        verifyPassword(password, dummyHash);
        return null;
      }
      if (!verifyPassword(password, row.passwordHash) || !row.active) return null;
      return issue(agent(row.id)!, deviceId);
    },

    /** Rotation: the refresh token is spent and a new pair is issued for the same device. */
    refresh(refreshToken: string): TokenResponse | null {
      const found = lookup(refreshToken, 'refresh');
      if (!found) return null;
      return sqlite.transaction(() => {
        if (deleteToken.run(sha256(refreshToken)).changes !== 1) return null;
        return issue(found.agent, found.deviceId);
      })();
    },

    authenticate(accessToken: string): Authenticated | null {
      return lookup(accessToken, 'access');
    },

    agent,

    /** What `decide` needs: role, assigned companies, companies where the agent is admin. */
    scopeOf(agentRow: CentralAgent): AgentScope {
      return {
        role: agentRow.role,
        companyRuts: agentRow.companyRuts,
        adminOfCompanyRuts: agents.adminOfCompanies(agentRow.personRut),
      };
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
