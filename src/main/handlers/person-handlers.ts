/**
 * A person's channels: search, the record, who viewed it, and the actions on it (contact,
 * account, mail, membership), registered beside the others in core.ts. Each action answers
 * with its receipt once committed; the screen reads the record it left with `persons.afterAction`.
 */
import { readRut } from '../../shared/rut';
import type { Handlers } from '../core';
import { clearRegistrationBlock, unlockAccount } from '../services/account-actions';
import type { ServiceContext, Session } from '../services/context';
import { editContact } from '../services/edit-contact';
import {
  pendingForPerson,
  recordAfterAction,
  viewPersonRecord,
} from '../services/get-person-record';
import { personViewers, type SearchDenials } from '../services/privacy';
import { resendMail } from '../services/resend-mail';
import type { ActionReceipt } from '../services/run-action';
import { searchPersons } from '../services/search-persons';

type Deps = {
  context: ServiceContext;
  agent: () => Session;
  /** Something was queued: let the sync engine push it. */
  kick: () => void;
  /** The replica's first load has not finished: a record or a search may lack people. */
  incomplete: () => boolean;
  /** An officer's searches outside his companies, audited once they settle (privacy.ts). */
  searchDenials: SearchDenials;
};

type PersonChannel =
  | 'persons.search'
  | 'persons.get'
  | 'persons.pending'
  | 'persons.afterAction'
  | 'persons.viewers'
  | 'contact.edit'
  | 'accounts.unlock'
  | 'accounts.clearRegistrationBlock'
  | 'mails.resend';

const body = (rut: string) => readRut(rut)!.body;

export function personHandlers({
  context,
  agent,
  kick,
  incomplete,
  searchDenials,
}: Deps): Pick<Handlers, PersonChannel> {
  const answer = (receipt: ActionReceipt): ActionReceipt => {
    kick();
    return receipt;
  };
  return {
    'persons.search': (input) => {
      const s = agent();
      const page = searchPersons(context.repos.search, input, context.now(), {
        assigned: s.role === 'prevention' ? s.companyRuts : null,
        replicaIncomplete: incomplete,
      });
      // Privacy by default (issue 10): the agent's own searches, not the desk's refreshes.
      if (!input.refresh) searchDenials.searched(s, input.text, page);
      return page;
    },
    'persons.get': (input) =>
      viewPersonRecord(
        context,
        agent(),
        input.rut,
        { replicaIncomplete: incomplete() },
        input.via,
        input.refresh,
      ),
    'persons.pending': (input) => pendingForPerson(context, agent(), input.rut),
    'persons.afterAction': (input) =>
      recordAfterAction(context, agent(), input.actionId, { replicaIncomplete: incomplete() }),
    'persons.viewers': (input) => personViewers(context, agent(), body(input.rut), input.limit),
    'contact.edit': (input) =>
      answer(editContact(context, agent(), { ...input, personRut: body(input.rut) })),
    'accounts.unlock': (input) =>
      answer(unlockAccount(context, agent(), { ...input, personRut: body(input.rut) })),
    'accounts.clearRegistrationBlock': (input) =>
      answer(clearRegistrationBlock(context, agent(), { ...input, personRut: body(input.rut) })),
    'mails.resend': (input) =>
      answer(resendMail(context, agent(), { ...input, personRut: body(input.rut) })),
  };
}
