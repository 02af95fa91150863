/**
 * Sign-in when a central API is configured: the central API decides (roles and company scope
 * come from it), and this device keeps the agent's profile with a local verifier so the agent
 * can sign in offline for a limited time (72 h by default) after the last online sign-in.
 */
import { hashPassword, verifyPassword } from '../../storage/password';
import { CentralError, type CentralClient } from '../sync/central-client';

/** What the central API answers a sign-in. */
type CentralSignIn = Awaited<ReturnType<CentralClient['signIn']>>;
import type { TokenStore } from '../sync/sync-engine';
import type { ServiceContext, Session } from './context';
import { formatTime } from '../../shared/format';
import { RuleError } from './errors';
import { sessionFor } from './sign-in';
import { limitLocalSignIn } from './local-sign-in-limit';

export const OFFLINE_WINDOW_MS = 72 * 60 * 60_000;

/** Issue 11: this device id is enrolled with another secret; the caller re-enrols and retries. */
export class DeviceUntrustedError extends Error {
  constructor() {
    super('device_untrusted');
  }
}

/** Issue 11: what sign-in needs to know about this device's enrolment. */
export type SignInDevice = {
  /** The first outbox id the central should expect if it enrols this device now. */
  nextMutationId: () => number;
  /** The central said this device is revoked: wipe the replica (revocation.ts). */
  onRevoked: () => void;
};

export async function signInThroughCentral(
  ctx: ServiceContext,
  client: CentralClient,
  tokens: TokenStore,
  username: string,
  password: string,
  offlineWindowMs = OFFLINE_WINDOW_MS,
  device: SignInDevice = { nextMutationId: () => 1, onRevoked: () => {} },
): Promise<Session> {
  const name = username.trim().toLowerCase();
  try {
    const answer = await client.signIn(name, password, device.nextMutationId());
    return keepCentralSignIn(ctx, tokens, answer, password, offlineWindowMs);
  } catch (error) {
    if (!(error instanceof CentralError)) throw error;
    if (error.kind === 'invalid_credentials') throw new RuleError('sign_in_failed');
    if (error.kind === 'agent_disabled') {
      // Disabled on the central API: no offline sign-in here either, from now on.
      ctx.repos.agents.disable(name);
      throw new RuleError('sign_in_disabled');
    }
    // Issue 11: the central refuses this device, or asks to wait after too many attempts.
    if (error.kind === 'rate_limited') {
      const waitMs = error.retryAfterMs ?? 60_000;
      throw new RuleError('sign_in_rate_limited', {
        minutes: Math.max(1, Math.ceil(waitMs / 60_000)),
        // The clock time too: «en 14 minutos» read a minute later is already wrong.
        at: formatTime(new Date(ctx.now().getTime() + waitMs).toISOString()),
      });
    }
    if (error.kind === 'device_revoked') {
      device.onRevoked();
      throw new RuleError('device_revoked');
    }
    if (error.kind === 'device_untrusted') throw new DeviceUntrustedError();
    // Anything else (no network, a captive portal answering HTML, a server asking for an
    // update) is "the central API cannot say now": the offline window decides.
  }
  // Offline: only an agent who signed in online on this device recently.
  const agent = ctx.repos.agents.byUsername(name);
  const recent =
    agent?.offlineUntil !== null &&
    agent?.offlineUntil !== undefined &&
    Date.parse(agent.offlineUntil) > ctx.now().getTime();
  if (!agent) throw new RuleError('offline_sign_in_unavailable');
  // Guessing away from the network is limited as it is online (local-sign-in-limit.ts).
  const right = () =>
    limitLocalSignIn(ctx, name, () => verifyPassword(password, agent.passwordHash));
  if (!agent.active) {
    // Disabled, as the central API said at a sign-in here: said only to whoever knows the password.
    throw new RuleError(right() ? 'sign_in_disabled' : 'offline_sign_in_unavailable');
  }
  if (!recent) throw new RuleError('offline_sign_in_unavailable');
  if (!right()) throw new RuleError('sign_in_failed');
  return sessionFor(ctx, agent);
}

/**
 * The central API signed the agent in: its tokens for the sync, and the agent's profile with a
 * local verifier for offline sign-ins until `offlineWindowMs` from now.
 */
export function keepCentralSignIn(
  ctx: ServiceContext,
  tokens: TokenStore,
  answer: CentralSignIn,
  password: string,
  offlineWindowMs = OFFLINE_WINDOW_MS,
): Session {
  tokens.save({ ...answer, agent: answer.agent });
  const profile = {
    id: answer.agent.agentId,
    username: answer.agent.username,
    displayName: answer.agent.displayName,
    role: answer.agent.role,
    companyRuts: answer.agent.companyRuts,
    personRut: answer.agent.personRut,
  };
  ctx.repos.agents.insert({
    ...profile,
    passwordHash: hashPassword(password),
    active: true,
    offlineUntil: new Date(ctx.now().getTime() + offlineWindowMs).toISOString(),
  });
  return sessionFor(ctx, profile);
}
