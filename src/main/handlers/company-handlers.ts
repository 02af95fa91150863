/**
 * The company half's channels (issue 7), registered beside the others in core.ts. Each action
 * answers with its receipt once committed; the page reads the company it left (`companies.get`).
 */
import { readRut } from '../../shared/rut';
import type { ServiceContext, Session } from '../services/context';
import {
  addCompanyUser,
  changeCompanyUser,
  companyUsers,
  decideRequest,
  listRequests,
  lookupPerson,
  recordRequest,
  setModules,
  viewCompany,
} from '../services/company-access';
import { changeRole } from '../services/membership-actions';
import type { ActionReceipt } from '../services/run-action';
import { guardCompanyView } from '../services/privacy';
import type { Handlers } from '../core';

type Deps = {
  context: ServiceContext;
  agent: () => Session;
  /** Something was queued: let the sync engine push it. */
  kick: () => void;
};

type CompanyChannel =
  | 'companies.get'
  | 'companies.users'
  | 'companies.lookupPerson'
  | 'requests.list'
  | 'requests.record'
  | 'requests.decide'
  | 'companyUsers.add'
  | 'companyUsers.change'
  | 'companyUsers.setModules'
  | 'memberships.changeRole';

const body = (rut: string) => readRut(rut)!.body;

export function companyHandlers({ context, agent, kick }: Deps): Pick<Handlers, CompanyChannel> {
  const answer = (receipt: ActionReceipt & { mailsQueued: number }) => {
    kick();
    return receipt;
  };
  const caller = (input: { callerRut: string; callerIdentityCheck: string[] }) => ({
    rut: body(input.callerRut),
    identityCheck: input.callerIdentityCheck as Parameters<
      typeof addCompanyUser
    >[2]['caller']['identityCheck'],
  });
  return {
    'companies.get': (input) => {
      // Privacy by default (issue 10): outside an officer's companies, one answer, audited.
      guardCompanyView(context, agent(), body(input.rut));
      return viewCompany(context, agent(), body(input.rut));
    },
    'companies.users': (input) =>
      companyUsers(context, agent(), body(input.rut), input.after, input.limit),
    'companies.lookupPerson': (input) =>
      lookupPerson(context, agent(), body(input.companyRut), body(input.rut)),
    'requests.list': (input) =>
      listRequests(context, agent(), {
        state: input.state,
        companyRut: input.companyRut === null ? null : body(input.companyRut),
        offset: input.offset,
        limit: input.limit,
      }),
    'requests.record': (input) =>
      answer(
        recordRequest(context, agent(), {
          requesterRut: body(input.requesterRut),
          companyRut: body(input.companyRut),
          capacity: input.capacity,
        }),
      ),
    'requests.decide': (input) =>
      answer(
        decideRequest(context, agent(), {
          requesterRut: body(input.requesterRut),
          companyRut: body(input.companyRut),
          decision: input.decision,
          reason: input.reason,
        }),
      ),
    'companyUsers.add': (input) =>
      answer(
        addCompanyUser(context, agent(), {
          companyRut: body(input.companyRut),
          userRut: body(input.userRut),
          role: input.role,
          modules: input.modules,
          external: input.external,
          newPerson: input.newPerson ? { rut: body(input.userRut), ...input.newPerson } : null,
          caller: caller(input),
        }),
      ),
    'companyUsers.change': (input) =>
      answer(
        changeCompanyUser(context, agent(), {
          companyRut: body(input.companyRut),
          userRut: body(input.userRut),
          change: input.change,
          reason: input.reason,
          caller: caller(input),
        }),
      ),
    'companyUsers.setModules': (input) =>
      answer(
        setModules(context, agent(), {
          companyRut: body(input.companyRut),
          userRut: body(input.userRut),
          modules: input.modules,
          caller: caller(input),
        }),
      ),
    // Rule 9: a profile is changed at the request of the company (who asks, verified).
    'memberships.changeRole': (input) => {
      const receipt = changeRole(context, agent(), {
        personRut: body(input.rut),
        companyRut: body(input.companyRut),
        role: input.role,
        reason: input.reason,
        expectedVersion: input.expectedVersion,
        caller: caller(input),
      });
      kick();
      return receipt;
    },
  };
}
