/**
 * Agent sign-in against the replica's agents (the central API takes this over with sync).
 * A wrong username and a wrong password answer the same, and both take the same time.
 */
import { verifyPassword } from '../domain/password';
import type { ServiceContext, Session } from './context';
import { RuleError } from './errors';

/** Compared against when the username is unknown, so timing does not reveal which it was. */
const DECOY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function signIn(ctx: ServiceContext, username: string, password: string): Session {
  const agent = ctx.repos.agents.byUsername(username.trim().toLowerCase());
  const matches = verifyPassword(password, agent?.passwordHash ?? DECOY_HASH);
  if (!agent || !agent.active || !matches) throw new RuleError('sign_in_failed');
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
