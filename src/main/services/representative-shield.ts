/**
 * Rules 9, 12: a change that takes something of a registered legal representative's away — his
 * access or a module — is refused to an agent who administers the company, and to a caller
 * other than himself (shieldsRepresentative, the same rule the central API applies), in the
 * words of who is refused.
 */
import {
  agentActor,
  shieldsRepresentative,
  type AuthorityChange,
} from '../../shared/rules/company-access';
import type { ServiceContext, Session } from './context';
import { RuleError } from './errors';
import { currentScope } from './run-action';

export function refuseShielded(
  ctx: ServiceContext,
  session: Session,
  target: { personRut: number; companyRut: number },
  /** Who asks for the company; null where nobody is on the line (a supervisor's selection). */
  callerRut: number | null,
  code: 'representative_register' | 'representative_modules',
  change: AuthorityChange,
): void {
  const user = {
    personRut: target.personRut,
    legalRepresentative: ctx.repos.companies.legalRepresentative(
      target.personRut,
      target.companyRut,
    ),
  };
  const agent = agentActor(currentScope(ctx, session), target.companyRut);
  if (shieldsRepresentative(user, agent, change)) throw new RuleError(code, { by: 'agent' });
  if (callerRut === null) return;
  const asker = { personRut: callerRut, administersCompany: true };
  if (shieldsRepresentative(user, asker, change)) throw new RuleError(code, { by: 'caller' });
}
