/**
 * Sign-in when a central API is configured: the central API decides (roles and company scope
 * come from it), and this device keeps the agent's profile with a local verifier so the agent
 * can sign in offline for a limited time (72 h by default) after the last online sign-in.
 */
import { hashPassword, verifyPassword } from '../domain/password';
import { CentralError, type CentralClient } from '../sync/central-client';
import type { TokenStore } from '../sync/sync-engine';
import type { ServiceContext, Session } from './context';
import { RuleError } from './errors';
import { sessionFor } from './sign-in';

export const OFFLINE_WINDOW_MS = 72 * 60 * 60_000;

export async function signInThroughCentral(
  ctx: ServiceContext,
  client: CentralClient,
  tokens: TokenStore,
  username: string,
  password: string,
  offlineWindowMs = OFFLINE_WINDOW_MS,
): Promise<Session> {
  const name = username.trim().toLowerCase();
  try {
    const answer = await client.signIn(name, password);
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
  } catch (error) {
    if (!(error instanceof CentralError)) throw error;
    if (error.kind === 'invalid_credentials') throw new RuleError('sign_in_failed');
    // Anything else (no network, a captive portal answering HTML, a server asking for an
    // update) is "the central API cannot say now": the offline window decides.
  }
  // Offline: only an agent who signed in online on this device recently.
  const agent = ctx.repos.agents.byUsername(name);
  const recent =
    agent?.offlineUntil !== null &&
    agent?.offlineUntil !== undefined &&
    Date.parse(agent.offlineUntil) > ctx.now().getTime();
  if (!agent || !agent.active || !recent) throw new RuleError('offline_sign_in_unavailable');
  if (!verifyPassword(password, agent.passwordHash)) throw new RuleError('sign_in_failed');
  return sessionFor(ctx, agent);
}
