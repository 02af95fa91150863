/**
 * Intents of the company half (issue 7), applied by the central API (the system of record, mails
 * included) and replayed by the desk over pulled rows — the same rules on both sides
 * (shared/rules/company-access.ts). See apply-intent.ts for the outcome shapes.
 */
import { unavailableFacts } from '../shared/identity-facts';
import { parseStringList, stringList } from '../shared/json-list';
import {
  IDENTITY_FACTS_REQUIRED,
  MAIL_FRESHNESS_MS,
  normalizeEmail,
  normalizeMobile,
} from '../shared/policy';
import { checkDigit, COMPANY_RUT_FROM } from '../shared/rut';
import {
  agentActor,
  checkAccessRequester,
  companyRequester,
  grantsToSelf,
  mayBeAdmin,
  mayRequestCompanyChange,
  shieldsRepresentative,
  type AuthorityChange,
} from '../shared/rules/company-access';
import { sameNamedPerson, tidyPersonName } from '../shared/rules/person-name';
import { foldText } from '../shared/text';
import {
  grantsModule,
  modulesGrantableAt,
  modulesNotOffered,
} from '../shared/rules/company-modules';
import {
  COMPANY_USER_CHANGES,
  isPortalUserChange,
  type CompanyUserChange,
} from '../shared/rules/membership-transitions';
import type { Entity } from '../shared/sync-protocol';
import { decidedAt } from './decided-at';
import type { CompanyWriteRepository } from './company-write-repository';
import type { PersonWriteRepository } from './person-write-repository';

export type CompanyRejection =
  | 'company_not_on_empresas'
  | 'already_user'
  /** A new person's names, typed for a RUT registered under other names. */
  | 'person_other_name'
  | 'invalid_payload'
  | 'entity_gone'
  | 'company_not_adherent'
  | 'requester_not_signatory'
  | 'request_decided'
  | 'caller_not_authorized'
  | 'admin_needs_representative'
  | 'no_email'
  | 'invalid_transition'
  | 'change_not_on_portal'
  | 'module_not_offered'
  | 'caller_grants_self'
  | 'representative_register'
  /** A registered legal representative's modules, taken away by anyone but himself. */
  | 'representative_modules';

type Touched = Array<{ entity: Entity; key: number }>;
export type CompanyOutcome =
  | {
      status: 'applied';
      touched: Touched;
      mails: number[];
      /** Its mail, not sent: the action came too late (MAIL_FRESHNESS_MS). */
      mailsWithheld?: Array<'access_approval' | 'agreement_signature'>;
    }
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
  /** Server: how old the action is by the device's clock; a mail that late is not sent. */
  ageMs?: number;
  /** The agent who decided it (server: the pusher's scope; desk: the session's); none on replay. */
  agent?: { personRut?: number | null; adminOfCompanyRuts: readonly number[] };
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

export function applyCompanyIntent(
  ctx: CompanyIntentContext,
  kind: CompanyIntentKind,
  personRut: number,
  companyRut: number,
  payload: Record<string, unknown>,
): CompanyOutcome {
  const company = ctx.companies.company(companyRut);
  if (!company) return rejected('entity_gone');
  // Portal Empresas requests exist only for companies on Portal Empresas (rule 12).
  if ((kind === 'request.record' || kind === 'request.decide') && !company.onEmpresas) {
    return rejected('company_not_on_empresas');
  }
  switch (kind) {
    case 'request.record':
      return recordRequest(ctx, personRut, companyRut, payload);
    case 'request.decide':
      return decideRequest(ctx, personRut, company, payload);
    case 'company_user.add':
      return addUser(ctx, personRut, company, payload);
    case 'company_user.change':
      return changeUser(ctx, personRut, company, payload);
    case 'membership.set_modules':
      return setModules(ctx, personRut, company, payload);
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
  // Given a company profile while her request waited (her representative added her, rule 13):
  // the request is approved as what she holds — raised to administrator, what a representative
  // or a TRF signatory asks for, if she was a user — with no second profile and no second mail:
  // her agreement, signed or not, stays as it is, and its mail went with the add.
  const held = ctx.companies.membership(personRut, company.rut);
  if (held && held.state !== 'removed' && held.role !== 'worker') {
    const raised = held.role === 'company_user';
    if (raised) ctx.writes.setMembershipRole(held.id, 'access_admin', null);
    ctx.companies.decideRequest(request.id, 'approved', null, at);
    return applied([
      { entity: 'access_request', key: request.id },
      ...(raised ? [{ entity: 'membership' as const, key: held.id }] : []),
    ]);
  }
  // Until the agreement is signed, the company profile stays unassigned; one already held
  // (signed or not) is never reset by a second request.
  const membership = ctx.companies.grantProfile(personRut, company.rut, {
    role: 'access_admin',
    modules: [],
    external: false,
    adminKind: null,
    appointedBy: null,
    at,
    mailed: !tooLateForMail(ctx),
  });
  if (membership === null) return rejected('already_user');
  ctx.companies.decideRequest(request.id, 'approved', null, at);
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
  if (modulesNotOffered(company, stringList(payload['modules'])).length > 0) {
    return rejected('module_not_offered');
  }
  const caller = callerOf(ctx, company.rut, payload);
  if (caller === null) return rejected('caller_not_authorized');
  if (selfGrant(ctx, company.rut, caller, personRut, true)) return rejected('caller_grants_self');
  // ACHS: a new access administrator is one appointed by the legal representative (rule 9).
  const authority = ctx.companies.authority(company.rut);
  const appointed = role === 'access_admin' && !company.onEmpresas;
  if (appointed && !mayBeAdmin('appointed', personRut, caller, authority)) {
    return rejected('admin_needs_representative');
  }
  const touched: Touched = [];
  const newPerson = payload['newPerson'];
  const registered = ctx.companies.personNames(personRut);
  if (registered && newPerson && typeof newPerson === 'object') {
    // Typed as someone new, already registered: only if the names are that person's.
    const typed = newPerson as Record<string, unknown>;
    const names = {
      givenNames: text(typed['givenNames']) ?? '',
      lastName1: text(typed['lastName1']) ?? '',
      lastName2: text(typed['lastName2']) ?? '',
    };
    if (!sameNamedPerson(registered, names)) return rejected('person_other_name');
  }
  if (!ctx.writes.person(personRut)) {
    if (!newPerson || typeof newPerson !== 'object') return rejected('entity_gone');
    const person = checkedNewPerson(personRut, newPerson as Record<string, unknown>);
    if (!person) return rejected('invalid_payload');
    ctx.companies.insertPerson(person);
    touched.push({ entity: 'person', key: personRut });
  }
  const person = ctx.writes.person(personRut)!;
  if (!person.email) return rejected('no_email');
  const at = ctx.now.toISOString();
  // Rule 13: a company's users are its workers or outsiders; whoever is not its worker now (a
  // new person included) is an outsider, whatever the desk's box said. A company user appointed
  // administrator stays what she was, the company's worker or an outsider.
  const current = ctx.companies.membership(personRut, company.rut);
  const held = current !== null && current.state !== 'removed' ? current : null;
  const external =
    held?.role === 'company_user'
      ? held.external
      : payload['external'] === true || held?.role !== 'worker';
  const membership = ctx.companies.grantProfile(personRut, company.rut, {
    role,
    modules: stringList(payload['modules']),
    external,
    adminKind: appointed ? 'appointed' : null,
    appointedBy: appointed ? caller : null,
    at,
    mailed: !tooLateForMail(ctx),
  });
  if (membership === null) return rejected('already_user');
  touched.push({ entity: 'membership', key: membership });
  if (!company.onEmpresas) return applied(touched);
  // A new company administrator must sign the agreement too: the mail goes out by itself.
  const login = ctx.companies.ensureLosHeroesLogin(personRut);
  touched.push({ entity: 'account', key: login.id });
  return withMail(ctx, touched, personRut, person.email, 'agreement_signature', at);
}

/**
 * A new person as the server accepts it: a person's RUT (never a company's) with its check digit,
 * a usable e-mail, names that are names (tidied as the desk tidies them); sort key rebuilt.
 */
function checkedNewPerson(rut: number, fields: Record<string, unknown>) {
  if (rut >= COMPANY_RUT_FROM) return null;
  const given = tidyPersonName(text(fields['givenNames']) ?? '');
  const last1 = tidyPersonName(text(fields['lastName1']) ?? '');
  const last2 = tidyPersonName(text(fields['lastName2']) ?? '');
  if (last2 === null) return null;
  const email = normalizeEmail(text(fields['email']) ?? '');
  const phoneText = text(fields['phone']);
  const phone = phoneText ? normalizeMobile(phoneText) : null;
  if (!given || !last1 || email === null || text(fields['dv']) !== checkDigit(rut)) return null;
  if (phoneText && phone === null) return null;
  return {
    rut,
    dv: checkDigit(rut),
    givenNames: given,
    lastName1: last1,
    lastName2: last2,
    sortKey: foldText(`${last1} ${last2} ${given}`),
    email,
    phone,
  };
}

const isUserChange = (value: string | null): value is CompanyUserChange =>
  value !== null && Object.hasOwn(COMPANY_USER_CHANGES, value);

function changeUser(
  ctx: CompanyIntentContext,
  personRut: number,
  company: { rut: number; onEmpresas: boolean },
  payload: Record<string, unknown>,
): CompanyOutcome {
  const change = text(payload['change']);
  if (!isUserChange(change)) return rejected('invalid_payload');
  const companyRut = company.rut;
  const membership = ctx.writes.membership(personRut, companyRut);
  if (!membership) return rejected('entity_gone');
  // Each portal's own words: no pause or deletion in ACHS Gestión, no «Inhabilitado» asked of
  // Portal Empresas, and a Portal Empresas user's access deleted, not dismissed (rules 7, 11, 13).
  if (!isPortalUserChange(company, membership, change)) return rejected('change_not_on_portal');
  const caller = callerOf(ctx, companyRut, payload);
  if (caller === null) return rejected('caller_not_authorized');
  const transition = COMPANY_USER_CHANGES[change];
  if (selfGrant(ctx, companyRut, caller, personRut, transition.to === 'active')) {
    return rejected('caller_grants_self');
  }
  // Rules 9, 12: a legal representative's access is taken away at his own request only, and not
  // by an agent who administers the company (shieldsRepresentative).
  if (shielded(ctx, companyRut, caller, personRut, { toState: transition.to })) {
    return rejected('representative_register');
  }
  if (membership.state === transition.to) return applied([]);
  if (!(transition.from as readonly string[]).includes(membership.state)) {
    return rejected('invalid_transition');
  }
  // Rule 6: nobody gets access back at a company that is no longer adherent.
  if (transition.to === 'active' && !ctx.writes.companyAdherent(companyRut)) {
    return rejected('company_not_adherent');
  }
  // When it was decided, as a contact change is dated (decidedAt).
  const endedAt = transition.to === 'removed' ? decidedAt(ctx).toISOString() : null;
  ctx.writes.setMembershipState(membership.id, transition.to, endedAt, null);
  return applied([{ entity: 'membership', key: membership.id }]);
}

function setModules(
  ctx: CompanyIntentContext,
  personRut: number,
  company: { rut: number; adherent: boolean; onEmpresas: boolean },
  payload: Record<string, unknown>,
): CompanyOutcome {
  // Rule 9: at the request of an access administrator of that company (companyRequester).
  const caller = callerOf(ctx, company.rut, payload);
  if (caller === null) return rejected('caller_not_authorized');
  const membership = ctx.companies.membership(personRut, company.rut);
  if (!membership) return rejected('entity_gone');
  const modules = stringList(payload['modules']);
  if (JSON.stringify(modules) === membership.modules) return applied([]);
  const held = parseStringList(membership.modules);
  // Rule 6: no module is granted at a company no longer adherent (one may be taken away).
  if (!modulesGrantableAt(company, held, modules)) return rejected('company_not_adherent');
  const widens = grantsModule(held, modules);
  if (selfGrant(ctx, company.rut, caller, personRut, widens)) return rejected('caller_grants_self');
  // Rules 9, 12: a legal representative's modules are taken away at his own request only, as his
  // access is, and not by an agent who administers the company (shieldsRepresentative).
  if (shielded(ctx, company.rut, caller, personRut, { modulesFrom: held, modulesTo: modules })) {
    return rejected('representative_modules');
  }
  // Only the company's portal's modules are granted; one held from before may stay.
  if (modulesNotOffered(company, modules, held).length > 0) {
    return rejected('module_not_offered');
  }
  ctx.companies.setModules(membership.id, modules, null);
  return applied([{ entity: 'membership', key: membership.id }]);
}

/**
 * shieldsRepresentative for both who decide a change of a company's user: the caller who asked,
 * and the agent who took it (when the context names one: not on replay).
 */
function shielded(
  ctx: CompanyIntentContext,
  companyRut: number,
  caller: number,
  personRut: number,
  change: AuthorityChange,
): boolean {
  const user = {
    personRut,
    legalRepresentative: ctx.companies.legalRepresentative(personRut, companyRut),
  };
  return (
    shieldsRepresentative(user, { personRut: caller, administersCompany: true }, change) ||
    (ctx.agent !== undefined &&
      shieldsRepresentative(user, agentActor(ctx.agent, companyRut), change))
  );
}

/**
 * grantsToSelf for an authorized caller, as companyRequester says they ask (legal representative
 * or administrator); the company's authority is read only when the caller is the user.
 */
function selfGrant(
  ctx: CompanyIntentContext,
  companyRut: number,
  caller: number,
  personRut: number,
  widens: boolean,
): boolean {
  if (!widens || caller !== personRut) return false;
  const as = companyRequester(caller, ctx.companies.authority(companyRut))?.as ?? 'access_admin';
  return grantsToSelf({ personRut: caller, as }, personRut, widens);
}

/**
 * Who asked (rules 9, 12, 13). The desk checked the caller's identity with the facts it names; the
 * server checks, with its own rows, that those facts exist for the caller (at least the required
 * number) and that the caller may ask for a change of THAT company's users (companyRequester: the
 * same rule for adding, pausing, resuming, deleting and modules).
 */
export function callerOf(
  ctx: Pick<CompanyIntentContext, 'companies'>,
  companyRut: number,
  payload: Record<string, unknown>,
): number | null {
  const caller = payload['callerRut'];
  if (typeof caller !== 'number' || payload['callerVerified'] !== true) return null;
  const facts = Array.isArray(payload['callerFacts'])
    ? [...new Set(payload['callerFacts'].filter((fact) => typeof fact === 'string'))]
    : [];
  const holder = ctx.companies.identityHolder(caller);
  if (
    !holder ||
    facts.length < IDENTITY_FACTS_REQUIRED ||
    // The desk no longer offers the company as a caller's fact (asCompanyCaller); actions queued
    // before it stopped may still carry it, and are not refused for that.
    unavailableFacts(holder, facts).length > 0
  ) {
    return null;
  }
  return mayRequestCompanyChange(
    { personRut: caller, verified: true },
    ctx.companies.authority(companyRut),
  )
    ? caller
    : null;
}

/** The central API: the action came too late for its mail (MAIL_FRESHNESS_MS), not sent. */
function tooLateForMail(ctx: CompanyIntentContext): boolean {
  return ctx.queueMails && (ctx.ageMs ?? 0) > MAIL_FRESHNESS_MS;
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
  // Like every mail: one that would arrive hours after the agent's action is not sent, and the
  // desk is told so, to ask it again (its list in Sincronización).
  if (tooLateForMail(ctx)) {
    return { status: 'applied', touched, mails: [], mailsWithheld: [kind] };
  }
  const id = ctx.writes.queueMail(personRut, 'portal_empresas', kind, at, to, ctx.actionId);
  touched.push({ entity: 'mail', key: id });
  return applied(touched, [id]);
}
