/**
 * Resend the mail that lets the person in (rule 4: agents trigger mails, never see passwords):
 * only to the registered address, only a kind that fits the account's state, and not again
 * within the cool-down. The mail is queued here; the central API sends it.
 */
import type { MailKind, Portal } from '../../shared/contract';
import { MAIL_COOLDOWN_MINUTES } from '../../shared/policy';
import type { AccountRow, PersonWriteRepository } from '../repositories/person-write-repository';
import type { ServiceContext, Session } from './context';
import { NotFoundError, RuleError } from './errors';
import { runAction } from './run-action';

export type ResendMail = { personRut: number; portal: Portal; kind: MailKind };

function applies(
  writes: PersonWriteRepository,
  rut: number,
  account: AccountRow,
  kind: MailKind,
): boolean {
  switch (kind) {
    case 'password_creation':
      // Only after a first registration passed the serial-number check (rule 2).
      return account.registrationState === 'pending_activation';
    case 'password_reset':
    case 'email_confirmation':
      return account.registrationState === 'active';
    case 'access_approval':
      return account.portal === 'portal_empresas' && writes.hasApprovedRequest(rut);
    case 'agreement_signature':
      return account.portal === 'portal_empresas' && writes.hasUnsignedAgreement(rut);
  }
}

export function resendMail(ctx: ServiceContext, session: Session, command: ResendMail) {
  const { writes } = ctx.repos;
  return runAction(ctx, session, {
    permission: 'mail.resend',
    personRut: command.personRut,
    kind: 'mail.resend',
    reason: null,
    identityCheck: null,
    apply: (actionId) => {
      const person = writes.person(command.personRut);
      if (!person) throw new NotFoundError('person');
      if (!person.email) throw new RuleError('no_email');
      const account = writes.account(command.personRut, command.portal);
      if (!account) throw new RuleError('no_account');
      if (!applies(writes, command.personRut, account, command.kind)) {
        throw new RuleError('mail_not_applicable');
      }
      const now = ctx.now();
      const last = writes.lastMailAt(command.personRut, command.portal, command.kind);
      const waitMs =
        last === null ? 0 : Date.parse(last) + MAIL_COOLDOWN_MINUTES * 60_000 - now.getTime();
      if (waitMs > 0) throw new RuleError('cooldown', { minutes: Math.ceil(waitMs / 60_000) });
      writes.queueMail(
        command.personRut,
        command.portal,
        command.kind,
        now.toISOString(),
        person.email,
        actionId,
      );
      return {
        before: { lastSentAt: last },
        after: { kind: command.kind, to: person.email },
        intent: { portal: command.portal, mailKind: command.kind },
      };
    },
  });
}
