/**
 * Agent sign-in against the replica's agents (the central API takes this over with sync).
 * A wrong username and a wrong password answer the same, and both take the same time.
 */
import { verifyPassword } from '../../storage/password';
import type { AgentRow } from '../../storage/repositories/agent-repository';
import type { ServiceContext, Session } from './context';
import { RuleError } from './errors';
import { limitLocalSignIn } from './local-sign-in-limit';

/** Compared against when the username is unknown, so timing does not reveal which it was. */
const DECOY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function signIn(ctx: ServiceContext, username: string, password: string): Session {
  const name = username.trim().toLowerCase();
  const agent = ctx.repos.agents.byUsername(name);
  // Limited as the central API limits its own (local-sign-in-limit.ts), known user or not.
  const matches = limitLocalSignIn(ctx, name, () =>
    verifyPassword(password, agent?.passwordHash ?? DECOY_HASH),
  );
  if (!agent || !matches) throw new RuleError('sign_in_failed');
  // Said only to whoever knows the password.
  if (!agent.active) throw new RuleError('sign_in_disabled');
  return sessionFor(ctx, agent);
}

/** The session of an agent who proved who they are. */
export function sessionFor(
  ctx: ServiceContext,
  agent: Pick<AgentRow, 'id' | 'username' | 'displayName' | 'role' | 'companyRuts' | 'personRut'>,
): Session {
  return {
    agentId: agent.id,
    username: agent.username,
    displayName: agent.displayName,
    role: agent.role,
    companyRuts: agent.companyRuts,
    personRut: agent.personRut,
    adminOfCompanyRuts: ctx.repos.agents.adminOfCompanies(agent.personRut),
  };
}
