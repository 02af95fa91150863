/**
 * A person's access to one company: disable (rule 11) or record a dismissal (rule 7: that
 * membership ends; the person is inactive when none is left) on the call centre's word; enable,
 * pause and resume only from a supervisor's selection (the company's written request) — on a call
 * they are the company's (companyUsers.change); and change the profile (rule 9: a supervisor or
 * an access administrator of that company).
 */
import { IDENTITY_FACTS_REQUIRED, type IdentityFact } from '../../shared/policy';
import type { MembershipState } from '../../shared/vocabulary';
import type { Action } from '../../shared/rules/permissions';
import { profileChangeRefusal } from '../../shared/rules/company-access';
import type { ServiceContext, Session } from './context';
import { kindParams, RuleError, StaleError } from './errors';
import { runAction, type BulkBasis } from './run-action';
import { refuseShielded } from './representative-shield';
import {
  companyDecidesChange,
  MEMBERSHIP_CHANGES,
  type MembershipChange,
} from '../../shared/rules/membership-transitions';

export type { MembershipChange };

const TRANSITIONS = MEMBERSHIP_CHANGES;

export type MembershipCommand = {
  personRut: number;
  companyRut: number;
  change: MembershipChange;
  reason: string;
  identityCheck: IdentityFact[];
  expectedVersion: number;
  /** A supervisor acting on a selection, with no caller on the line (see run-action.ts). */
  bulk?: BulkBasis;
};

export function changeMembershipState(
  ctx: ServiceContext,
  session: Session,
  command: MembershipCommand,
) {
  const { writes, companies } = ctx.repos;
  const transition = TRANSITIONS[command.change];
  // Rules 11 and 13: a pause is the company's decision, and so is ending it; so is giving back
  // an access it disabled (the person asking to be enabled again would undo the company), and
  // deleting a Portal Empresas user's access. On a call it is asked by a verified representative
  // or access administrator (companyUsers.change), never by the person; a supervisor's selection
  // acts on the company's written request (BulkBasis). The call centre may still disable, or
  // record a worker's dismissal, on its own word.
  if (!command.bulk) {
    const membership = writes.membership(command.personRut, command.companyRut);
    const company = companies.company(command.companyRut);
    if (membership && company && companyDecidesChange(command.change, company, membership)) {
      throw new RuleError('company_caller_required', {
        change: command.change,
        ...kindParams(session),
      });
    }
  }
  return runAction(ctx, session, {
    permission: `membership.${command.change}` as Action,
    personRut: command.personRut,
    companyRut: command.companyRut,
    kind: `membership.${command.change}`,
    reason: command.reason,
    requireReason: true,
    identityCheck: command.identityCheck,
    bulk: command.bulk,
    apply: () => {
      const membership = writes.membership(command.personRut, command.companyRut);
      if (!membership) throw new RuleError('no_membership');
      if (!transition.from.includes(membership.state)) {
        throw new RuleError('invalid_transition', { from: membership.state, to: transition.to });
      }
      refuseShielded(ctx, session, command, null, 'representative_register', {
        toState: transition.to,
      });
      refuseUnlessRepresentativeHimself(ctx, session, command, transition.to);
      // Rule 6: access given back at a company no longer adherent opens nothing; the central API
      // would reject it (src/intents/apply-intent.ts), so the agent hears it now, not from the conflicts inbox.
      if (transition.to === 'active' && !writes.companyAdherent(command.companyRut)) {
        throw new RuleError('company_not_adherent');
      }
      const endedAt = transition.to === 'removed' ? ctx.now().toISOString() : null;
      if (
        !writes.setMembershipState(membership.id, transition.to, endedAt, command.expectedVersion)
      ) {
        throw new StaleError();
      }
      return {
        before: { companyRut: command.companyRut, state: membership.state },
        after: { companyRut: command.companyRut, state: transition.to },
        intent: {
          companyRut: command.companyRut,
          fromState: membership.state,
          state: transition.to,
          seenVersion: command.expectedVersion,
        },
      };
    },
  });
}

/**
 * Rules 9, 12: the call centre takes a registered legal representative's access away only at his
 * own request — he is on the line (the open call or visit is his; someone in his name is refused
 * by runAction), his identity checked — and never from a selection, where nobody is on the line.
 * Giving it back needs none of that. The central API cannot see calls: this is the desk's check.
 */
function refuseUnlessRepresentativeHimself(
  ctx: ServiceContext,
  session: Session,
  command: MembershipCommand,
  to: MembershipState,
): void {
  if (to === 'active') return;
  if (!ctx.repos.companies.legalRepresentative(command.personRut, command.companyRut)) return;
  const call = ctx.repos.interactions.openOf(session.agentId);
  const withHim =
    call !== null && (call.personRut === null || call.personRut === command.personRut);
  const checked = new Set(command.identityCheck).size >= IDENTITY_FACTS_REQUIRED;
  if (command.bulk || !withHim || !checked) {
    throw new RuleError('representative_himself', kindParams(session));
  }
}

export type RoleCommand = {
  personRut: number;
  companyRut: number;
  role: 'worker' | 'access_admin' | 'company_user';
  reason: string;
  expectedVersion: number;
};

export function changeRole(ctx: ServiceContext, session: Session, command: RoleCommand) {
  const { writes } = ctx.repos;
  return runAction(ctx, session, {
    permission: 'membership.change_role',
    personRut: command.personRut,
    companyRut: command.companyRut,
    kind: 'membership.change_role',
    reason: command.reason,
    requireReason: true,
    identityCheck: null,
    apply: () => {
      const membership = writes.membership(command.personRut, command.companyRut);
      if (!membership) throw new RuleError('no_membership');
      if (membership.role === command.role) throw new RuleError('no_change');
      const company = ctx.repos.companies.company(command.companyRut);
      const refusal = profileChangeRefusal(
        {
          role: membership.role,
          external: membership.external,
          legalRepresentative: ctx.repos.companies.legalRepresentative(
            command.personRut,
            command.companyRut,
          ),
        },
        command.role,
        { onEmpresas: company?.onEmpresas ?? false, adherent: company?.adherent ?? false },
      );
      if (refusal !== null) {
        throw new RuleError(
          refusal,
          refusal === 'representative_register' ? { by: 'profile' } : {},
        );
      }
      if (!writes.setMembershipRole(membership.id, command.role, command.expectedVersion)) {
        throw new StaleError();
      }
      return {
        before: { companyRut: command.companyRut, role: membership.role },
        after: { companyRut: command.companyRut, role: command.role },
        intent: {
          companyRut: command.companyRut,
          fromRole: membership.role,
          role: command.role,
          seenVersion: command.expectedVersion,
        },
      };
    },
  });
}
