/**
 * A person's access to one company: disable / re-enable (rule 11), pause / resume (rule 13),
 * record a dismissal (rule 7: that membership ends; the person is inactive when none is left),
 * and change the profile (rule 9: a supervisor or an access administrator of that company).
 */
import type { IdentityFact } from '../../shared/policy';
import type { Action } from '../domain/permissions';
import type { ServiceContext, Session } from './context';
import { RuleError, StaleError } from './errors';
import { runAction } from './run-action';

export type MembershipChange = 'disable' | 'enable' | 'pause' | 'resume' | 'dismiss';
type State = 'active' | 'disabled' | 'paused' | 'removed';

/** Which states each change may start from, and where it leads. */
const TRANSITIONS: Record<MembershipChange, { from: State[]; to: State }> = {
  disable: { from: ['active', 'paused'], to: 'disabled' },
  enable: { from: ['disabled'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  dismiss: { from: ['active', 'disabled', 'paused'], to: 'removed' },
};

export type MembershipCommand = {
  personRut: number;
  companyRut: number;
  change: MembershipChange;
  reason: string;
  identityCheck: IdentityFact[];
  expectedVersion: number;
};

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
    identityCheck: command.identityCheck,
    // Giving access back is the sensitive direction.
    requireIdentity: command.change === 'enable' || command.change === 'resume',
    apply: () => {
      const membership = writes.membership(command.personRut, command.companyRut);
      if (!membership) throw new RuleError('no_membership');
      if (!transition.from.includes(membership.state)) {
        throw new RuleError('invalid_transition', { from: membership.state, to: transition.to });
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
