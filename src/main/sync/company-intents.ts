/**
 * Intents of the company half (issue 7), applied by the central API (the system of record, mails
 * included) and replayed by the desk over pulled rows — the same rules on both sides
 * (shared/rules/company-access.ts). See intents.ts for the outcome shapes.
 */
import { mayManageCompanyUsers, checkAccessRequester } from '../../shared/rules/company-access';
import type { Entity } from '../../shared/sync-protocol';
import type { CompanyWriteRepository } from '../repositories/company-write-repository';
import type { PersonWriteRepository } from '../repositories/person-write-repository';

export type CompanyRejection =
  | 'invalid_payload'
  | 'entity_gone'
  | 'company_not_adherent'
  | 'requester_not_signatory'
  | 'request_decided'
  | 'caller_not_authorized'
  | 'no_email'
  | 'invalid_transition';

type Touched = Array<{ entity: Entity; key: number }>;
export type CompanyOutcome =
  | { status: 'applied'; touched: Touched; mails: number[] }
  | { status: 'rejected'; code: CompanyRejection; touched: []; mails: [] };

export type CompanyIntentContext = {
  writes: PersonWriteRepository;
  companies: CompanyWriteRepository;
  now: Date;
  actionId: string;
  /**
   * Create the mails the intent sends: the server (to send them) and the desk taking the action
   * (a queued stand-in); not the desk replaying a pending action over pulled rows.
   */
  queueMails: boolean;
};

export const COMPANY_INTENTS = [
  'request.record',
  'request.decide',
  'company_user.add',
  'company_user.change',
  'membership.set_modules',
] as const;
export type CompanyIntentKind = (typeof COMPANY_INTENTS)[number];

export function isCompanyIntent(kind: string): kind is CompanyIntentKind {
  return (COMPANY_INTENTS as readonly string[]).includes(kind);
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const rejected = (code: CompanyRejection): CompanyOutcome => ({
  status: 'rejected',
  code,
  touched: [],
  mails: [],
});
const applied = (touched: Touched, mails: number[] = []): CompanyOutcome => ({
  status: 'applied',
  touched,
  mails,
});
const modulesOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Which states a representative's change may start from, and where it leads (rule 13). */
export const USER_CHANGES = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  remove: { from: ['active', 'paused', 'disabled'], to: 'removed' },
} as const;
export type UserChange = keyof typeof USER_CHANGES;

export function applyCompanyIntent(
  ctx: CompanyIntentContext,
  kind: CompanyIntentKind,
  personRut: number,
  companyRut: number,
  payload: Record<string, unknown>,
): CompanyOutcome {
  const company = ctx.companies.company(companyRut);
  if (!company) return rejected('entity_gone');
  switch (kind) {
    case 'request.record':
      return recordRequest(ctx, personRut, companyRut, payload);
    case 'request.decide':
      return decideRequest(ctx, personRut, company, payload);
    case 'company_user.add':
      return addUser(ctx, personRut, company, payload);
    case 'company_user.change':
      return changeUser(ctx, personRut, companyRut, payload);
    case 'membership.set_modules':
      return setModules(ctx, personRut, companyRut, payload);
  }
}

function recordRequest(
  ctx: CompanyIntentContext,
  personRut: number,
  companyRut: number,
  payload: Record<string, unknown>,
): CompanyOutcome {
  const capacity = text(payload['capacity']);
  if (
    capacity !== 'legal_representative' &&
    capacity !== 'authorized_signatory' &&
    capacity !== 'other'
  ) {
    return rejected('invalid_payload');
  }
  // One open request per person and company: recording it again changes nothing.
  if (ctx.companies.pendingRequest(personRut, companyRut)) return applied([]);
  const id = ctx.companies.recordRequest(
    personRut,
    companyRut,
    capacity,
    text(payload['decidedAt']) ?? ctx.now.toISOString(),
  );
  return applied([{ entity: 'access_request', key: id }]);
}

function decideRequest(
  ctx: CompanyIntentContext,
  personRut: number,
  company: { rut: number; adherent: boolean },
  payload: Record<string, unknown>,
): CompanyOutcome {
  const decision = text(payload['decision']);
  if (decision !== 'approve' && decision !== 'reject') return rejected('invalid_payload');
  const request = ctx.companies.pendingRequest(personRut, company.rut);
  if (!request) return rejected('request_decided');
  const at = ctx.now.toISOString();
  if (decision === 'reject') {
    ctx.companies.decideRequest(request.id, 'rejected', text(payload['reason']), at);
    return applied([{ entity: 'access_request', key: request.id }]);
  }
  // The register decides, not what the caller claimed (rule 12).
  const check = checkAccessRequester(
    personRut,
    company,
    ctx.companies.authority(company.rut).signatories,
  );
  if (!check.ok) {
    return rejected(
      check.reason === 'company_not_adherent' ? 'company_not_adherent' : 'requester_not_signatory',
    );
  }
  const person = ctx.writes.person(personRut);
  if (!person?.email) return rejected('no_email');
  ctx.companies.decideRequest(request.id, 'approved', null, at);
  // Until the agreement is signed, the company profile stays unassigned.
  const membership = ctx.companies.grantProfile(
    personRut,
    company.rut,
    'access_admin',
    [],
    false,
    at,
  );
  const login = ctx.companies.ensureLosHeroesLogin(personRut);
  const touched: Touched = [
    { entity: 'access_request', key: request.id },
    { entity: 'membership', key: membership },
    { entity: 'account', key: login.id },
  ];
  return withMail(ctx, touched, personRut, person.email, 'access_approval', at);
}

function addUser(
  ctx: CompanyIntentContext,
  personRut: number,
  company: { rut: number; adherent: boolean; onEmpresas: boolean },
  payload: Record<string, unknown>,
): CompanyOutcome {
  const role = text(payload['role']);
  if (role !== 'company_user' && role !== 'access_admin') return rejected('invalid_payload');
  if (!company.adherent) return rejected('company_not_adherent');
  const caller = callerOf(ctx, company.rut, payload);
  if (!caller) return rejected('caller_not_authorized');
  const touched: Touched = [];
  const newPerson = payload['newPerson'];
  if (!ctx.writes.person(personRut)) {
    if (!newPerson || typeof newPerson !== 'object') return rejected('entity_gone');
    const fields = newPerson as Record<string, unknown>;
    const given = text(fields['givenNames']);
    const last1 = text(fields['lastName1']);
    const email = text(fields['email']);
    const dv = text(fields['dv']);
    const sortKey = text(fields['sortKey']);
    if (!given || !last1 || !email || !dv || !sortKey) return rejected('invalid_payload');
    ctx.companies.insertPerson({
      rut: personRut,
      dv,
      givenNames: given,
      lastName1: last1,
      lastName2: text(fields['lastName2']) ?? '',
      sortKey,
      email,
      phone: text(fields['phone']),
    });
    touched.push({ entity: 'person', key: personRut });
  }
  const person = ctx.writes.person(personRut)!;
  if (!person.email) return rejected('no_email');
  const existing = ctx.companies.membership(personRut, company.rut);
  if (existing && existing.state !== 'removed') return applied(touched);
  const at = ctx.now.toISOString();
  const membership = ctx.companies.grantProfile(
    personRut,
    company.rut,
    role,
    modulesOf(payload['modules']),
    payload['external'] === true,
    at,
  );
  touched.push({ entity: 'membership', key: membership });
  if (!company.onEmpresas) return applied(touched);
  // A new company administrator must sign the agreement too: the mail goes out by itself.
  const login = ctx.companies.ensureLosHeroesLogin(personRut);
  touched.push({ entity: 'account', key: login.id });
  return withMail(ctx, touched, personRut, person.email, 'agreement_signature', at);
}

function changeUser(
  ctx: CompanyIntentContext,
  personRut: number,
  companyRut: number,
  payload: Record<string, unknown>,
): CompanyOutcome {
  const change = text(payload['change']);
  if (change !== 'pause' && change !== 'resume' && change !== 'remove') {
    return rejected('invalid_payload');
  }
  if (!callerOf(ctx, companyRut, payload)) return rejected('caller_not_authorized');
  const membership = ctx.writes.membership(personRut, companyRut);
  if (!membership) return rejected('entity_gone');
  const transition = USER_CHANGES[change];
  if (membership.state === transition.to) return applied([]);
  if (!(transition.from as readonly string[]).includes(membership.state)) {
    return rejected('invalid_transition');
  }
  const endedAt = transition.to === 'removed' ? ctx.now.toISOString() : null;
  ctx.writes.setMembershipState(membership.id, transition.to, endedAt, null);
  return applied([{ entity: 'membership', key: membership.id }]);
}

function setModules(
  ctx: CompanyIntentContext,
  personRut: number,
  companyRut: number,
  payload: Record<string, unknown>,
): CompanyOutcome {
  const membership = ctx.companies.membership(personRut, companyRut);
  if (!membership) return rejected('entity_gone');
  const modules = modulesOf(payload['modules']);
  if (JSON.stringify(modules) === membership.modules) return applied([]);
  ctx.companies.setModules(membership.id, modules, null);
  return applied([{ entity: 'membership', key: membership.id }]);
}

/**
 * Rule 13: who asked. The desk checked the caller's identity; the server checks, with its own
 * register, that the caller is a legal representative or an access administrator of THAT company.
 */
function callerOf(
  ctx: CompanyIntentContext,
  companyRut: number,
  payload: Record<string, unknown>,
): number | null {
  const caller = payload['callerRut'];
  if (typeof caller !== 'number') return null;
  const verified = payload['callerVerified'] === true;
  return mayManageCompanyUsers(
    { kind: 'person', personRut: caller, verified },
    ctx.companies.authority(companyRut),
  )
    ? caller
    : null;
}

function withMail(
  ctx: CompanyIntentContext,
  touched: Touched,
  personRut: number,
  to: string,
  kind: 'access_approval' | 'agreement_signature',
  at: string,
): CompanyOutcome {
  if (!ctx.queueMails) return applied(touched);
  const id = ctx.writes.queueMail(personRut, 'portal_empresas', kind, at, to, ctx.actionId);
  touched.push({ entity: 'mail', key: id });
  return applied(touched, [id]);
}
