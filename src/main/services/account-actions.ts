/**
 * Unlock a temporary lock (rule 3) and clear a registration block (rule 2): both need the
 * caller's identity checked, both act on one portal account at the version the agent saw.
 */
import type { Portal } from '../../shared/contract';
import type { IdentityFact } from '../../shared/policy';
import type { Action } from '../../shared/rules/permissions';
import type { AccountRow, PersonWriteRepository } from '../../intents/person-write-repository';
import type { ServiceContext, Session } from './context';
import { RuleError, StaleError, type RuleCode } from './errors';
import { runAction, type BulkBasis } from './run-action';

export type AccountCommand = {
  personRut: number;
  portal: Portal;
  identityCheck: IdentityFact[];
  reason?: string;
  expectedVersion: number;
  /** A supervisor acting on a selection, with no caller on the line (see run-action.ts). */
  bulk?: BulkBasis;
};

/** What differs between the two: who may, what must hold, the write, and what it changed. */
type AccountRule = {
  permission: Action;
  kind: string;
  refusal: RuleCode;
  applies: (account: AccountRow, now: Date) => boolean;
  write: (writes: PersonWriteRepository, accountId: number, version: number) => boolean;
  change: (account: AccountRow) => { before: unknown; after: unknown };
};

const UNLOCK: AccountRule = {
  permission: 'account.unlock',
  kind: 'account.unlock',
  refusal: 'not_locked',
  applies: (account, now) =>
    account.lockedUntil !== null && Date.parse(account.lockedUntil) > now.getTime(),
  write: (writes, id, version) => writes.unlock(id, version),
  change: (account) => ({
    before: { lockedUntil: account.lockedUntil, failedAttempts: account.failedAttempts },
    after: { lockedUntil: null, failedAttempts: 0 },
  }),
};

const CLEAR_REGISTRATION_BLOCK: AccountRule = {
  permission: 'registration.clear_block',
  kind: 'account.clear_registration_block',
  refusal: 'not_registration_blocked',
  applies: (account) => account.registrationBlocked,
  write: (writes, id, version) => writes.clearRegistrationBlock(id, version),
  change: () => ({ before: { registrationBlocked: true }, after: { registrationBlocked: false } }),
};

function accountAction(
  rule: AccountRule,
  ctx: ServiceContext,
  session: Session,
  command: AccountCommand,
) {
  const { writes } = ctx.repos;
  return runAction(ctx, session, {
    permission: rule.permission,
    personRut: command.personRut,
    kind: rule.kind,
    reason: command.reason ?? null,
    identityCheck: command.identityCheck,
    requireIdentity: true,
    bulk: command.bulk,
    apply: () => {
      const account = writes.account(command.personRut, command.portal);
      if (!account) throw new RuleError('no_account');
      if (!rule.applies(account, ctx.now())) throw new RuleError(rule.refusal);
      if (!rule.write(writes, account.id, command.expectedVersion)) throw new StaleError();
      return {
        ...rule.change(account),
        intent: {
          portal: command.portal,
          seenVersion: command.expectedVersion,
          // What the portal keeps until this arrives: the record says it while it waits here.
          ...(rule === UNLOCK ? { lockedUntil: account.lockedUntil } : {}),
        },
      };
    },
  });
}

export const unlockAccount = (ctx: ServiceContext, session: Session, command: AccountCommand) =>
  accountAction(UNLOCK, ctx, session, command);

export const clearRegistrationBlock = (
  ctx: ServiceContext,
  session: Session,
  command: AccountCommand,
) => accountAction(CLEAR_REGISTRATION_BLOCK, ctx, session, command);
