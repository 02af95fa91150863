/**
 * Resend the mail that lets the person in (rule 4: agents trigger mails, never see passwords):
 * only to the registered address, only a kind that fits the account's state (the shared rule the
 * record and the central API apply too), and not again
 * within the cool-down. The mail is queued here; the central API sends it.
 */
import type { MailKind, Portal } from '../../shared/contract';
import { mailPortal } from '../../shared/portals';
import { mailFits, mailWaitMs } from '../../shared/rules/access';
import type { ServiceContext, Session } from './context';
import { NotFoundError, RuleError } from './errors';
import { runAction, type BulkBasis } from './run-action';

export type ResendMail = {
  personRut: number;
  portal: Portal;
  kind: MailKind;
  /** Only a selection's mails carry one (required there: see run-action.ts). */
  reason?: string;
  bulk?: BulkBasis;
};

export function resendMail(ctx: ServiceContext, session: Session, command: ResendMail) {
  const { writes } = ctx.repos;
  return runAction(ctx, session, {
    permission: 'mail.resend',
    personRut: command.personRut,
    kind: 'mail.resend',
    reason: command.reason ?? null,
    identityCheck: null,
    bulk: command.bulk,
    apply: (actionId) => {
      const person = writes.person(command.personRut);
      if (!person) throw new NotFoundError('person');
      if (!person.email) throw new RuleError('no_email');
      // The address shown came from another agent's change that has not reached the central API:
      // a mail to it would be refused there (email_changed) once sent, so it is refused now.
      const held = ctx.repos.outbox.emailChangeHeldByOthers(
        command.personRut,
        session.agentId,
        person.email,
      );
      if (held) throw new RuleError('email_change_held', { agent: held.agentName ?? '' });
      const account = writes.account(command.personRut, command.portal);
      if (!account) throw new RuleError('no_account');
      if (!mailFits(command.kind, writes.mailFacts(person, account))) {
        throw new RuleError('mail_not_applicable');
      }
      const now = ctx.now();
      const from = mailPortal(command.kind, command.portal);
      const last = writes.lastMail(command.personRut, from, command.kind);
      const waitMs = mailWaitMs(last, person.email, now.getTime());
      if (waitMs > 0) throw new RuleError('cooldown', { minutes: Math.ceil(waitMs / 60_000) });
      writes.queueMail(
        command.personRut,
        from,
        command.kind,
        now.toISOString(),
        person.email,
        actionId,
      );
      return {
        before: { lastSentAt: last?.sentAt ?? null },
        after: { kind: command.kind, to: person.email },
        // The address the agent saw: the central API sends only to it (rule 4).
        intent: { portal: command.portal, mailKind: command.kind, to: person.email },
      };
    },
  });
}
