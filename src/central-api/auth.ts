/**
 * Agents' sessions on the central API: a short-lived access token and a rotating refresh token,
 * both bound to the agent and the device, stored only as sha256. Passwords are the agents'
 * scrypt hashes of the shared schema (src/storage/password.ts).
 *
 * Issue 11: a sign-in also enrols (or proves) the device (device-trust.ts) and is rate-limited
 * per user and per device (sign-in-limit.ts); a refresh proves the device too, and the refresh
 * token spent by the latest rotation is accepted once more within a grace window, so an answer
 * lost on a flaky network does not sign a laptop out.
 */
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AgentScope } from '../shared/rules/permissions';
import { hashPassword, verifyPassword } from '../storage/password';
import { createAgentRepository } from '../storage/repositories/agent-repository';
import type { AgentProfile, TokenResponse } from '../shared/sync-protocol';
import type { DeviceTrust } from './device-trust';
import type { SignInLimiter } from './sign-in-limit';

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

export type AuthOptions = {
  now: () => Date;
  accessTtlMs: number;
  refreshTtlMs: number;
  devices: DeviceTrust;
  limiter: SignInLimiter;
  /** How long the refresh token spent by the latest rotation is still accepted, once. */
  refreshGraceMs: number;
};

/** A device as a request presents it: its id and the secret it enrolled with. */
export type DeviceProof = { deviceId: string; secret: string | undefined };

export type SignInOutcome =
  | { kind: 'ok'; tokens: TokenResponse }
  | { kind: 'invalid_credentials' }
  /** The password was right, but a supervisor disabled this agent: said so (no guess counted). */
  | { kind: 'agent_disabled' }
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** The password was right, but this device id belongs to a device with another secret. */
  | { kind: 'device_untrusted' }
  | { kind: 'device_revoked' };

export type RefreshOutcome =
  { kind: 'ok'; tokens: TokenResponse } | { kind: 'invalid_token' } | { kind: 'device_revoked' };

type GraceRow = {
  agent_id: string;
  device_id: string;
  issued_access_hash: string;
  issued_refresh_hash: string;
  expires_at: string;
};

export function createAuth(sqlite: Database.Database, options: AuthOptions) {
  const agents = createAgentRepository(sqlite);
  const agentById = sqlite.prepare(
    `SELECT id, username, display_name, role, company_ruts, person_rut, active
     FROM agents WHERE id = ?`,
  );
  const insertToken = sqlite.prepare(
    `INSERT INTO tokens (token_hash, kind, agent_id, device_id, expires_at, created_at, pair)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const findToken = sqlite.prepare(
    'SELECT agent_id, device_id, expires_at FROM tokens WHERE token_hash = ? AND kind = ?',
  );
  const deleteToken = sqlite.prepare('DELETE FROM tokens WHERE token_hash = ?');
  const deleteExpired = sqlite.prepare('DELETE FROM tokens WHERE expires_at <= ?');
  const graceOf = sqlite.prepare(
    `SELECT agent_id, device_id, issued_access_hash, issued_refresh_hash, expires_at
     FROM refresh_grace WHERE spent_hash = ?`,
  );
  const insertGrace = sqlite.prepare(
    `INSERT OR REPLACE INTO refresh_grace (spent_hash, agent_id, device_id, issued_access_hash,
       issued_refresh_hash, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  // Only the immediately-previous token has a grace: the one before it loses it at rotation.
  const dropGraceIssuing = sqlite.prepare(
    'DELETE FROM refresh_grace WHERE issued_refresh_hash = ? OR expires_at <= ?',
  );
  const dropGrace = sqlite.prepare('DELETE FROM refresh_grace WHERE spent_hash = ?');
  // Sign-out: the pair of one refresh token and every older token of that agent on that device
  // (a newer sign-in of the same agent, answered before this sign-out arrived, stays, even one
  // made in the same millisecond). A NULL pair predates migration 0018, so it is older.
  const pairOf = sqlite.prepare(
    "SELECT created_at AS since, pair FROM tokens WHERE token_hash = ? AND kind = 'refresh'",
  );
  const endTokens = sqlite.prepare(
    `DELETE FROM tokens WHERE agent_id = @agentId AND device_id = @deviceId
       AND (created_at < @since OR pair = @pair OR (pair IS NULL AND created_at <= @since))`,
  );
  const endGraces = sqlite.prepare(
    'DELETE FROM refresh_grace WHERE agent_id = ? AND device_id = ?',
  );
  const refreshExists = sqlite.prepare(
    "SELECT 1 FROM tokens WHERE token_hash = ? AND kind = 'refresh' AND expires_at > ?",
  );

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
    const pair = sha256(refreshToken);
    insertToken.run(
      sha256(accessToken),
      'access',
      agentRow.agentId,
      deviceId,
      accessExpiresAt,
      created,
      pair,
    );
    insertToken.run(
      sha256(refreshToken),
      'refresh',
      agentRow.agentId,
      deviceId,
      refreshExpiresAt,
      created,
      pair,
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
    /**
     * Rate limit first (a refused attempt costs no scrypt), then the password, then the device:
     * enrolled now if new, else it must prove the secret it enrolled with.
     */
    signIn(
      username: string,
      password: string,
      device: DeviceProof & {
        nextMutationId: number;
        /** Its identity before a re-enrolment, to link the two when proven (device-trust.ts). */
        former?: { deviceId: string; secret: string };
        /** The computer's name, for the supervisor's list (kept at each sign-in). */
        name?: string;
      },
    ): SignInOutcome {
      const limit = options.limiter.check(username, device.deviceId);
      if (!limit.allowed) return { kind: 'rate_limited', retryAfterMs: limit.retryAfterMs };
      const row = agents.byUsername(username);
      if (!row) {
        dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
        verifyPassword(password, dummyHash);
        options.limiter.failed(username, device.deviceId);
        return { kind: 'invalid_credentials' };
      }
      if (!verifyPassword(password, row.passwordHash)) {
        options.limiter.failed(username, device.deviceId);
        return { kind: 'invalid_credentials' };
      }
      // Told only to whoever knows the password: the desk then says why, and forgets the agent's
      // offline sign-in (central-sign-in.ts).
      if (!row.active) return { kind: 'agent_disabled' };
      options.limiter.succeeded(username, device.deviceId);
      return sqlite.transaction((): SignInOutcome => {
        const check = options.devices.check(device.deviceId, device.secret);
        if (check === 'revoked') return { kind: 'device_revoked' };
        if (check === 'mismatch') return { kind: 'device_untrusted' };
        if (check === 'unknown') {
          options.devices.enrol(
            device.deviceId,
            device.secret!,
            row.id,
            device.nextMutationId,
            device.former ?? null,
            device.name ?? null,
          );
        } else options.devices.named(device.deviceId, device.name);
        return { kind: 'ok', tokens: issue(agent(row.id)!, device.deviceId) };
      })();
    },

    /**
     * Rotation: the refresh token is spent and a new pair is issued for the same device. The
     * token spent by the latest rotation is accepted once more within the grace window, as long
     * as the pair it produced has not been rotated in turn: that pair never reached the desk,
     * so it is replaced by a fresh one (the central keeps only hashes: it cannot send the same
     * pair again, and a new one is as good to a desk that never saw the first).
     */
    refresh(refreshToken: string, device: DeviceProof): RefreshOutcome {
      const check = options.devices.check(device.deviceId, device.secret);
      if (check === 'revoked') return { kind: 'device_revoked' };
      if (check !== 'trusted') return { kind: 'invalid_token' };
      const spent = sha256(refreshToken);
      return sqlite.transaction((): RefreshOutcome => {
        const at = options.now();
        const found = lookup(refreshToken, 'refresh');
        if (found) {
          if (found.deviceId !== device.deviceId) return { kind: 'invalid_token' };
          if (deleteToken.run(spent).changes !== 1) return { kind: 'invalid_token' };
          const tokens = issue(found.agent, found.deviceId);
          dropGraceIssuing.run(spent, at.toISOString());
          insertGrace.run(
            spent,
            found.agent.agentId,
            found.deviceId,
            sha256(tokens.accessToken),
            sha256(tokens.refreshToken),
            new Date(at.getTime() + options.refreshGraceMs).toISOString(),
          );
          return { kind: 'ok', tokens };
        }
        const grace = graceOf.get(spent) as GraceRow | undefined;
        if (
          !grace ||
          grace.device_id !== device.deviceId ||
          Date.parse(grace.expires_at) <= at.getTime() ||
          !refreshExists.get(grace.issued_refresh_hash, at.toISOString())
        ) {
          return { kind: 'invalid_token' };
        }
        const owner = agent(grace.agent_id);
        if (!owner?.active) return { kind: 'invalid_token' };
        // Once: the grace is used up, and the pair nobody received is withdrawn.
        dropGrace.run(spent);
        deleteToken.run(grace.issued_access_hash);
        deleteToken.run(grace.issued_refresh_hash);
        return { kind: 'ok', tokens: issue(owner, grace.device_id) };
      })();
    },

    /**
     * The agent signed out on the desk: the session of that refresh token ends here too — its
     * pair and any older token of that agent on that device, and the grace of a lost answer — so
     * the list of devices no longer shows them, and a copied token opens nothing. A token spent
     * by a rotation whose answer never reached the desk ends the pair that rotation issued. True
     * when one ended; an unknown token ends nothing (nothing to say about it either).
     */
    signOut(refreshToken: string, device: DeviceProof): boolean {
      if (options.devices.check(device.deviceId, device.secret) !== 'trusted') return false;
      return sqlite.transaction(() => {
        const found = lookup(refreshToken, 'refresh');
        let session = found && { hash: sha256(refreshToken), agentId: found.agent.agentId };
        if (found && found.deviceId !== device.deviceId) return false;
        if (!session) {
          const grace = graceOf.get(sha256(refreshToken)) as GraceRow | undefined;
          if (!grace || grace.device_id !== device.deviceId) return false;
          session = { hash: grace.issued_refresh_hash, agentId: grace.agent_id };
        }
        const pair = pairOf.get(session.hash) as { since: string; pair: string | null } | undefined;
        if (!pair) return false;
        endGraces.run(session.agentId, device.deviceId);
        return (
          endTokens.run({ agentId: session.agentId, deviceId: device.deviceId, ...pair }).changes >
          0
        );
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
        personRut: agentRow.personRut,
      };
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
