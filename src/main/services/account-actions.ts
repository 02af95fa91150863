/**
 * Unlock a temporary lock (rule 3) and clear a registration block (rule 2): both need the
 * caller's identity checked, both act on one portal account at the version the agent saw.
 */
import type { Portal } from '../../shared/contract';
import type { IdentityFact } from '../../shared/policy';
import type { ServiceContext, Session } from './context';
import { RuleError, StaleError } from './errors';
import { runAction } from './run-action';

export type AccountCommand = {
  personRut: number;
  portal: Portal;
  identityCheck: IdentityFact[];
  reason?: string;
  expectedVersion: number;
};

export function unlockAccount(ctx: ServiceContext, session: Session, command: AccountCommand) {
  const { writes } = ctx.repos;
  return runAction(ctx, session, {
    permission: 'account.unlock',
    personRut: command.personRut,
    kind: 'account.unlock',
    reason: command.reason ?? null,
    identityCheck: command.identityCheck,
    requireIdentity: true,
    apply: () => {
      const account = writes.account(command.personRut, command.portal);
      if (!account) throw new RuleError('no_account');
      const locked =
        account.lockedUntil !== null && Date.parse(account.lockedUntil) > ctx.now().getTime();
      if (!locked) throw new RuleError('not_locked');
      if (!writes.unlock(account.id, command.expectedVersion)) throw new StaleError();
      return {
        before: { lockedUntil: account.lockedUntil, failedAttempts: account.failedAttempts },
        after: { lockedUntil: null, failedAttempts: 0 },
        intent: { portal: command.portal, seenVersion: command.expectedVersion },
      };
    },
  });
}

export function clearRegistrationBlock(
  ctx: ServiceContext,
  session: Session,
  command: AccountCommand,
) {
  const { writes } = ctx.repos;
  return runAction(ctx, session, {
    permission: 'registration.clear_block',
    personRut: command.personRut,
    kind: 'account.clear_registration_block',
    reason: command.reason ?? null,
    identityCheck: command.identityCheck,
    requireIdentity: true,
    apply: () => {
      const account = writes.account(command.personRut, command.portal);
      if (!account) throw new RuleError('no_account');
      if (!account.registrationBlocked) throw new RuleError('not_registration_blocked');
      if (!writes.clearRegistrationBlock(account.id, command.expectedVersion)) {
        throw new StaleError();
      }
      return {
        before: { registrationBlocked: true },
        after: { registrationBlocked: false },
        intent: { portal: command.portal, seenVersion: command.expectedVersion },
      };
    },
  });
}
