/**
 * Correct a person's e-mail or mobile (rule 10). A new e-mail needs an identity check, leaves
 * the portal accounts unverified and queues a confirmation mail to the new address.
 */
import type { IdentityFact } from '../../shared/policy';
import { normalizeEmail, normalizeMobile } from '../../shared/policy';
import { formatPhone } from '../../shared/phone';
import type { ServiceContext, Session } from './context';
import { NotFoundError, RuleError, StaleError } from './errors';
import { authorize, runAction } from './run-action';

type ContactChange = { from: string | null; to: string | null; fromPending?: Array<string | null> };

export type EditContact = {
  personRut: number;
  /** Omitted: unchanged. */
  email?: string;
  /** Omitted: unchanged; empty: removed. */
  phone?: string;
  reason: string;
  identityCheck: IdentityFact[];
  expectedVersion: number;
  /** Ley 21.719: the rectification request this edit answers (its number), if any. */
  dataRequest?: string | null;
  /** The e-mail and mobile shown when the agent began the edit (contract: `seen`). */
  seen?: { email: string | null; phone: string | null };
  /** Sincronización's «Aplicar el mío»: no act of the call or visit open now (runAction). */
  outsideCall?: boolean;
};

export function editContact(ctx: ServiceContext, session: Session, command: EditContact) {
  const { writes } = ctx.repos;
  authorize(ctx, session, 'contact.edit', command.personRut);
  const person = writes.person(command.personRut);
  if (!person) throw new NotFoundError('person');

  const email = command.email === undefined ? person.email : normalizeEmail(command.email);
  if (command.email !== undefined && email === null) throw new RuleError('invalid_email');
  const phone =
    command.phone === undefined
      ? person.phone
      : command.phone.trim() === ''
        ? null
        : normalizeMobile(command.phone);
  if (command.phone !== undefined && command.phone.trim() !== '' && phone === null) {
    throw new RuleError('invalid_phone');
  }
  const emailChanged = email !== person.email;
  const phoneChanged = phone !== person.phone;
  if (!emailChanged && !phoneChanged) throw new RuleError('no_change');
  // A field the agent is changing that changed since they saw it (another tab, another agent's
  // change synced meanwhile): said, with its value now, never overwritten unseen.
  if (command.seen) {
    if (command.email !== undefined && emailChanged && person.email !== command.seen.email) {
      throw new RuleError('contact_changed_meanwhile', {
        field: 'email',
        now: person.email ?? '',
      });
    }
    if (command.phone !== undefined && phoneChanged && person.phone !== command.seen.phone) {
      throw new RuleError('contact_changed_meanwhile', {
        field: 'phone',
        now: person.phone ? formatPhone(person.phone) : '',
      });
    }
  }

  /**
   * A field's change: what the agent saw and what they want. On a shared desk what they saw may
   * be another agent's change still waiting here (their lane goes on its own): the values the
   * field took in this desk's waiting changes go too (`fromPending`), and the central API takes
   * any of them as seen (apply-intent.ts), instead of a conflict nobody could resolve.
   */
  const changeOf = (field: 'email' | 'phone', from: string | null, to: string | null) => {
    const pending = ctx.repos.outbox
      .contactValuesPending(person.rut, field, from)
      .filter((value) => value !== from);
    return { from, to, ...(pending.length > 0 ? { fromPending: pending } : {}) };
  };

  return runAction(ctx, session, {
    permission: 'contact.edit',
    personRut: command.personRut,
    kind: 'person.update_contact',
    reason: command.reason,
    requireReason: true,
    identityCheck: command.identityCheck,
    requireIdentity: emailChanged,
    // Ley 21.719: only an open rectification request of this person (checkDataBlock, linksTo).
    dataRequest: command.dataRequest ?? null,
    outsideCall: command.outsideCall ?? false,
    apply: (actionId) => {
      const next = emailChanged ? { email, ...(phoneChanged ? { phone } : {}) } : { phone };
      const changed = { at: ctx.now(), by: session.displayName };
      if (!writes.updateContact(person.rut, next, command.expectedVersion, changed)) {
        throw new StaleError();
      }
      const at = ctx.now().toISOString();
      const portals: string[] = [];
      if (emailChanged && email !== null) {
        portals.push(...writes.unverifyAccounts(person.rut));
        for (const portal of portals) {
          writes.queueMail(person.rut, portal, 'email_confirmation', at, email, actionId);
        }
      }
      const changes: Record<string, ContactChange> = {};
      if (emailChanged) changes['email'] = changeOf('email', person.email, email);
      if (phoneChanged) changes['phone'] = changeOf('phone', person.phone, phone);
      return {
        before: { email: person.email, phone: person.phone },
        // The confirmation mails it asks for, in its audit row as a resend's are (to, portals).
        after: {
          email,
          phone,
          ...(portals.length > 0 ? { confirmationMail: { to: email, portals } } : {}),
        },
        intent: { seenVersion: command.expectedVersion, changes },
      };
    },
  });
}
