/**
 * A person's access to one company, changed on the company's written request — a supervisor's
 * selection (rules 7, 11, 13: disable, enable, pause, resume, dismiss; on a call each is the
 * company's, asked by its verified representative or access administrator: companyUsers.change)
 * — and the profile changed (rule 9: by a supervisor or an access administrator of that company
 * on the desk, at the request of the company's verified representative or access administrator).
 */
import type { MembershipState } from '../../shared/vocabulary';
import type { Action } from '../../shared/rules/permissions';
import { profileChangeRefusal } from '../../shared/rules/company-access';
import type { ServiceContext, Session } from './context';
import { RuleError, StaleError } from './errors';
import { runAction, type BulkBasis } from './run-action';
import { refuseShielded } from './representative-shield';
import { verifiedCaller, type Caller } from './company-access';
import {
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
  expectedVersion: number;
  /** The supervisor's selection it is taken on, with no caller on the line (run-action.ts). */
  bulk: BulkBasis;
};

/**
 * Rules 7, 11 and 13: every change of a company's user's access is the company's decision —
 * disabling it and giving it back, pausing and resuming it, and ending it (a dismissal, made in
 * the company's structure; a Portal Empresas user's deletion). On a call it is asked by a
 * verified representative or access administrator (companyUsers.change, company-access.ts),
 * never on the caller's word; here a supervisor's selection acts on the company's written
 * request (BulkBasis). The central API refuses a bare membership change (apply-intent.ts).
 */
export function changeMembershipState(
  ctx: ServiceContext,
  session: Session,
  command: MembershipCommand,
) {
  const { writes } = ctx.repos;
  const transition = TRANSITIONS[command.change];
  return runAction(ctx, session, {
    permission: `membership.${command.change}` as Action,
    personRut: command.personRut,
    companyRut: command.companyRut,
    kind: `membership.${command.change}`,
    reason: command.reason,
    requireReason: true,
    identityCheck: [],
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
      refuseUnlessRepresentativeHimself(ctx, command, transition.to);
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
 * Rules 9, 12: a registered legal representative's access is taken away only at his own request
 * (companyUsers.change, asked by him), never from a selection, where nobody is on the line.
 * Giving it back needs none of that.
 */
function refuseUnlessRepresentativeHimself(
  ctx: ServiceContext,
  command: MembershipCommand,
  to: MembershipState,
): void {
  if (to === 'active') return;
  if (!ctx.repos.companies.legalRepresentative(command.personRut, command.companyRut)) return;
  throw new RuleError('representative_himself');
}

export type RoleCommand = {
  personRut: number;
  companyRut: number;
  role: 'worker' | 'access_admin' | 'company_user';
  reason: string;
  expectedVersion: number;
  /**
   * Who of the company asks (rule 9: «solo podrá hacerlo el administrador de accesos de la
   * empresa o el call»: the call center acts at the company's request, not at the user's own —
   * walk 59a: a worker raised herself to «Usuario empresa» on her own word).
   */
  caller: Caller;
};

export function changeRole(ctx: ServiceContext, session: Session, command: RoleCommand) {
  const { writes } = ctx.repos;
  return runAction(ctx, session, {
    permission: 'membership.change_role',
    personRut: command.personRut,
    companyRut: command.companyRut,
    // Who asked is on the line, as for the company's other changes (company-access.ts).
    onLine: command.caller.rut,
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
      // Who asks, once the agent may change profiles and the change itself is possible: each
      // is told first (the agent's permission, then a profile no change gives).
      const caller = verifiedCaller(ctx, command.companyRut, command.caller);
      // The audit keeps who asked and what was compared; «verified» is the wire's.
      const asked = { callerRut: caller.callerRut, callerFacts: caller.callerFacts };
      if (!writes.setMembershipRole(membership.id, command.role, command.expectedVersion)) {
        throw new StaleError();
      }
      return {
        before: { companyRut: command.companyRut, role: membership.role },
        after: { companyRut: command.companyRut, role: command.role, ...asked },
        intent: {
          companyRut: command.companyRut,
          fromRole: membership.role,
          role: command.role,
          seenVersion: command.expectedVersion,
          ...caller,
        },
      };
    },
  });
}
