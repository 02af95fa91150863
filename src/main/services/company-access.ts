/**
 * The company half of a call (issue 7): the company record, Portal Empresas requests (record,
 * approve, reject), users a representative adds, pauses, resumes or deletes, and modules. Each
 * action goes through runAction (permission → rule and write → outbox intent → audit, one
 * transaction) and writes with the same intent code the central API applies
 * (src/intents/company-intents.ts), so the desk and the server decide alike.
 */
import { asCompanyCaller, identityFacts, unavailableFacts } from '../../shared/identity-facts';
import { parseStringList } from '../../shared/json-list';
import {
  IDENTITY_FACTS_REQUIRED,
  normalizeEmail,
  normalizeMobile,
  type IdentityFact,
} from '../../shared/policy';
import { checkDigit, COMPANY_RUT_FROM, formatRut, loginRut } from '../../shared/rut';
import { tidyPersonName } from '../../shared/rules/person-name';
import {
  addsProfile,
  checkAccessRequester,
  companyProfileAssigned,
  companyRequester,
  mayRequestCompanyChange,
  profileStanding,
  agentActor,
  shieldsRepresentative,
  type CompanyAuthority,
  type RequestCheck,
} from '../../shared/rules/company-access';
import { foldText } from '../../shared/text';
import { decide, personTarget, type Action } from '../../shared/rules/permissions';
import type { RequestListRow } from '../repositories/company-record-repository';
import type { Decision } from '../../shared/contract';
import {
  applyCompanyIntent,
  type CompanyIntentKind,
  type CompanyRejection,
} from '../../intents/company-intents';
import {
  COMPANY_USER_CHANGES,
  type CompanyUserChange,
} from '../../shared/rules/membership-transitions';
import { companyUserAuditAction, requestDecisionAction } from '../../shared/action-names';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, kindParams, NotFoundError, RuleError, type RuleCode } from './errors';
import { isOnEmpresas } from '../../shared/rules/company-modules';
import { currentScope, runAction, type ActionReceipt } from './run-action';
import { refuseShielded } from './representative-shield';
import { fullName } from '../../shared/format';

const nameOf = (row: {
  given_names?: string | null;
  last_name1?: string | null;
  last_name2?: string | null;
}) =>
  row.given_names
    ? fullName({
        givenNames: row.given_names,
        lastName1: row.last_name1,
        lastName2: row.last_name2,
      })
    : null;

const personRef = (rut: number, row: { dv?: string | null } & Parameters<typeof nameOf>[0]) => ({
  rut: loginRut({ body: rut, dv: row.dv ?? checkDigit(rut) }),
  name: nameOf(row),
});

function allow(ctx: ServiceContext, session: Session, action: Action, companyRut: number) {
  return decide(currentScope(ctx, session), action, { personCompanyRuts: [], companyRut });
}

/** `companies.get`: the company record, if the agent may see that company. */
export function viewCompany(ctx: ServiceContext, session: Session, companyRut: number) {
  const repo = ctx.repos.companyRecords;
  const company = repo.company(companyRut);
  if (!company) throw new NotFoundError('company');
  const view = allow(ctx, session, 'company.view', companyRut);
  if (!view.allowed) throw new ForbiddenError(view.reason);
  const portals = parseStringList(company.portals);
  const signatories = repo.signatories(companyRut);
  const onEmpresas = isOnEmpresas(portals);
  const profiles = repo.profiles(companyRut);
  const nameByRut = new Map(profiles.map((p) => [p.person_rut, p]));
  // By RUT, the first row of each (a big company lists a thousand signatories and profiles).
  const signatoryByRut = new Map<number, (typeof signatories)[number]>();
  for (const s of signatories)
    if (!signatoryByRut.has(s.person_rut)) signatoryByRut.set(s.person_rut, s);
  const assigned = (p: (typeof profiles)[number]) =>
    !onEmpresas ||
    companyProfileAssigned({
      role: p.role,
      state: p.state,
      agreementSigned: p.agreement_signed === 1,
    });
  // Rule 12: an approved representative who has not signed the agreement is not an
  // administrator yet — the count says only those who are (the profiles are all here) — nor an
  // active person: profiles pending signature are counted apart (profileStanding).
  const admins = profiles.filter(
    (p) => p.role === 'access_admin' && p.state === 'active' && assigned(p),
  ).length;
  const standingOf = (p: (typeof profiles)[number]) =>
    profileStanding(
      {
        role: p.role,
        state: p.state,
        agreementSigned: p.agreement_signed === 1,
        external: p.external === 1,
      },
      onEmpresas,
    );
  const pendingSignature = profiles.filter((p) => standingOf(p) === 'pending_signature').length;
  const stored = repo.counts(companyRut);
  const callers = callersOf(ctx, onEmpresas, signatories, profiles);
  // Rules 9, 12: a legal representative's access is taken away only at his own request, never by
  // an agent who administers the company (shieldsRepresentative). Which caller may ask, the
  // dialog says with the callers (him alone, and why he cannot yet).
  const representatives = new Set(
    signatories.filter((s) => s.kind === 'legal_representative').map((s) => s.person_rut),
  );
  const agent = agentActor(currentScope(ctx, session), companyRut);
  const takeAway = (p: (typeof profiles)[number]): Decision =>
    shieldsRepresentative(
      { personRut: p.person_rut, legalRepresentative: representatives.has(p.person_rut) },
      agent,
      { toState: 'disabled' },
    )
      ? { allowed: false, reason: 'representative_register' }
      : { allowed: true };
  // Nor his modules: taking any away is his to ask, not an agent's who administers the company.
  const dropModules = (p: (typeof profiles)[number]): Decision =>
    shieldsRepresentative(
      { personRut: p.person_rut, legalRepresentative: representatives.has(p.person_rut) },
      agent,
      { modulesFrom: parseStringList(p.modules), modulesTo: [] },
    )
      ? { allowed: false, reason: 'representative_modules' }
      : { allowed: true };
  return {
    rut: loginRut({ body: company.rut, dv: company.dv }),
    legalName: company.legal_name,
    adherent: company.adherent === 1,
    adherentSince: company.adherent_since,
    adherentUntil: company.adherent_until,
    portals,
    counts: { ...stored, active: stored.active - pendingSignature, admins, pendingSignature },
    signatories: signatories.map((s) => ({ person: personRef(s.person_rut, s), kind: s.kind })),
    profiles: profiles.map((p) => {
      const person = personRef(p.person_rut, p);
      const appointer =
        p.appointed_by === null
          ? null
          : (signatoryByRut.get(p.appointed_by) ?? nameByRut.get(p.appointed_by));
      return {
        person,
        role: p.role,
        state: p.state,
        // Rule 9: which administrator, and who appointed him, while he is one; a demoted
        // administrator keeps them in his row (a re-appointment sets them anew), not on the page.
        adminKind: p.role === 'access_admin' ? p.admin_kind : null,
        appointedBy:
          p.role !== 'access_admin' || p.appointed_by === null
            ? null
            : personRef(p.appointed_by, appointer ?? {}),
        external: p.external === 1,
        modules: parseStringList(p.modules),
        agreementSigned: p.agreement_signed === 1,
        agreementSentAt: p.agreement_sent_at,
        agreementSignedAt: p.agreement_signed_at,
        needsAgreement: onEmpresas,
        companyProfileAssigned: assigned(p),
        legalRepresentative: representatives.has(p.person_rut),
        version: p.version,
        can: { takeAway: takeAway(p), dropModules: dropModules(p) },
      };
    }),
    requests: repo
      .requests({ state: null, company: companyRut, limit: 50, offset: 0 })
      .map((row) => requestView(row, signatories, company.adherent === 1)),
    callers,
    can: {
      manageUsers: allow(ctx, session, 'company_user.manage', companyRut),
      manageRequests: allow(ctx, session, 'request.manage', companyRut),
    },
  };
}

/** A company's register and administrator profiles, as companyRequester reads them. */
export function companyAuthority(
  onEmpresas: boolean,
  signatories: ReturnType<ServiceContext['repos']['companyRecords']['signatories']>,
  profiles: ReturnType<ServiceContext['repos']['companyRecords']['profiles']>,
): CompanyAuthority {
  return {
    onEmpresas,
    signatories: signatories.map((s) => ({ personRut: s.person_rut, kind: s.kind })),
    admins: profiles
      .filter((p) => p.role === 'access_admin')
      .map((p) => ({
        personRut: p.person_rut,
        kind: p.admin_kind ?? 'commercial_contact',
        state: p.state,
        agreementSigned: p.agreement_signed === 1,
      })),
  };
}

/**
 * Rules 9, 12, 13: the legal representatives and the access administrators, once each, with
 * whether each may ask for a change of the company's users now (companyRequester) or why not.
 */
function callersOf(
  ctx: ServiceContext,
  onEmpresas: boolean,
  signatories: ReturnType<ServiceContext['repos']['companyRecords']['signatories']>,
  profiles: ReturnType<ServiceContext['repos']['companyRecords']['profiles']>,
) {
  const authority = companyAuthority(onEmpresas, signatories, profiles);
  const rows = new Map<number, Parameters<typeof personRef>[1]>();
  for (const s of signatories) {
    if (s.kind === 'legal_representative' && !rows.has(s.person_rut)) rows.set(s.person_rut, s);
  }
  for (const p of profiles) {
    if (p.role === 'access_admin' && p.state !== 'removed' && !rows.has(p.person_rut)) {
      rows.set(p.person_rut, p);
    }
  }
  // One read for every caller: a big company has hundreds of administrators.
  const holders = ctx.repos.records.identityHolders([...rows.keys()], ctx.now());
  return [...rows].flatMap(([rut, row]) => {
    const standing = companyRequester(rut, authority);
    if (!standing) return [];
    const holder = holders.get(rut);
    // Who may ask is checked by their facts: without any, they cannot be offered.
    if (standing.ok && !holder) return [];
    return [
      {
        person: personRef(rut, row),
        as: standing.as,
        cannotAsk: standing.ok ? null : standing.reason,
        identityFacts: holder ? identityFacts(asCompanyCaller(holder)) : [],
        phoneNoProofUntil: holder?.phoneNoProofUntil ?? null,
      },
    ];
  });
}

/**
 * `companies.lookupPerson`: who a RUT typed in a company dialog belongs to, and what they are at
 * this company, so the agent asks for a new person's data only when the desk does not know them.
 * The name only where the agent may see that person (an officer's scope).
 */
export function lookupPerson(
  ctx: ServiceContext,
  session: Session,
  companyRut: number,
  personRut: number,
) {
  const view = allow(ctx, session, 'company.view', companyRut);
  if (!view.allowed) throw new ForbiddenError(view.reason);
  const row = ctx.repos.companyRecords.personName(personRut);
  if (!row) {
    return { known: false, name: null, membership: null, loginAccount: null };
  }
  const seen = decide(
    currentScope(ctx, session),
    'person.view',
    personTarget(() => ctx.repos.writes.companyRuts(personRut)),
  );
  const membership = ctx.repos.companies.membership(personRut, companyRut);
  const login = ctx.repos.companies.company(companyRut)?.onEmpresas
    ? 'portal_heroes'
    : 'achs_gestion';
  return {
    known: true,
    name: seen.allowed ? nameOf(row) : null,
    // Only of someone the agent may see, as the name (review 59 L3).
    loginAccount: seen.allowed
      ? (ctx.repos.writes.account(personRut, login)?.registrationState ?? 'not_registered')
      : null,
    membership:
      membership && membership.state !== 'removed'
        ? {
            role: membership.role,
            state: membership.state,
            modules: parseStringList(membership.modules),
          }
        : null,
  };
}

/** `companies.users`: one page of the company's users, by RUT after `after`. */
export function companyUsers(
  ctx: ServiceContext,
  session: Session,
  companyRut: number,
  after: number,
  limit: number,
) {
  const view = allow(ctx, session, 'company.view', companyRut);
  if (!view.allowed) throw new ForbiddenError(view.reason);
  const company = ctx.repos.companyRecords.company(companyRut);
  const onEmpresas = company ? isOnEmpresas(parseStringList(company.portals)) : false;
  // Only whom the agent may open: an officer's laptop holds his companies' current people, so
  // someone dismissed from them is not listed for him (opening them would be refused, and
  // audited as a look outside his companies). Anyone else's scope reads no company here.
  const scope = currentScope(ctx, session);
  const openable = (rut: number) =>
    decide(
      scope,
      'person.view',
      personTarget(() => ctx.repos.writes.companyRuts(rut)),
    ).allowed;
  // Read on past those left out until the page is full, so a page is never empty while others
  // follow (the list would read «no people»).
  const page: ReturnType<typeof ctx.repos.companyRecords.usersPage> = [];
  let cursor = after;
  let more: boolean;
  for (;;) {
    const rows = ctx.repos.companyRecords.usersPage(companyRut, cursor, limit + 1);
    let read = 0;
    while (read < rows.length && page.length < limit) {
      const row = rows[read++]!;
      cursor = row.person_rut;
      if (openable(row.person_rut)) page.push(row);
    }
    if (page.length === limit) {
      // Full: more if this read holds rows past it, or may (it came back whole).
      more = read < rows.length || rows.length > limit;
      break;
    }
    if (rows.length <= limit) {
      more = false;
      break;
    }
  }
  return {
    users: page.map((row) => ({
      person: personRef(row.person_rut, row),
      role: row.role,
      state: row.state,
      standing: profileStanding(
        {
          role: row.role,
          state: row.state,
          agreementSigned: row.agreement_signed === 1,
          external: row.external === 1,
        },
        onEmpresas,
      ),
      external: row.external === 1,
      startedAt: row.started_at,
      endedAt: row.ended_at,
    })),
    nextAfter: more ? cursor : null,
  };
}

function requestView(
  row: RequestListRow,
  signatories: ReadonlyArray<{ person_rut: number; kind: 'legal_representative' | 'trf' }>,
  adherent: boolean,
) {
  const check: RequestCheck = checkAccessRequester(
    row.person_rut,
    { adherent },
    signatories.map((s) => ({ personRut: s.person_rut, kind: s.kind })),
  );
  return {
    requester: personRef(row.person_rut, row),
    companyRut: loginRut({ body: row.company_rut, dv: row.company_dv }),
    companyName: row.legal_name,
    capacity: row.capacity,
    state: row.state,
    reason: row.reason,
    requestedAt: row.requested_at,
    decidedAt: row.decided_at,
    agreementSigned: row.agreement_signed === 1,
    check,
  };
}

/** `requests.list`: Portal Empresas requests, newest first, by state and company. */
export function listRequests(
  ctx: ServiceContext,
  session: Session,
  filter: {
    state: 'pending' | 'approved' | 'rejected' | null;
    companyRut: number | null;
    offset: number;
    limit: number;
  },
) {
  if (session.role === 'prevention') throw new ForbiddenError('role');
  const companies = ctx.repos.companies;
  const rows = ctx.repos.companyRecords.requests({
    state: filter.state,
    company: filter.companyRut,
    limit: filter.limit + 1,
    offset: filter.offset,
  });
  const registers = new Map<number, ReturnType<typeof companies.authority>['signatories']>();
  const requests = rows.slice(0, filter.limit).map((row) => {
    let register = registers.get(row.company_rut);
    if (!register)
      registers.set(row.company_rut, (register = companies.authority(row.company_rut).signatories));
    const adherent = companies.company(row.company_rut)?.adherent ?? false;
    return requestView(
      row,
      register.map((s) => ({ person_rut: s.personRut, kind: s.kind })),
      adherent,
    );
  });
  return { requests, hasMore: rows.length > filter.limit };
}

const REJECTION_TO_RULE: Record<CompanyRejection, RuleCode> = {
  company_not_on_empresas: 'company_not_on_empresas',
  already_user: 'already_user',
  person_other_name: 'person_other_name',
  invalid_payload: 'invalid_transition',
  entity_gone: 'no_membership',
  company_not_adherent: 'company_not_adherent',
  requester_not_signatory: 'requester_not_signatory',
  request_decided: 'request_decided',
  caller_not_authorized: 'caller_not_authorized',
  admin_needs_representative: 'admin_needs_representative',
  no_email: 'no_email',
  invalid_transition: 'invalid_transition',
  change_not_on_portal: 'change_not_on_portal',
  module_not_offered: 'module_not_offered',
  caller_grants_self: 'caller_grants_self',
  representative_register: 'representative_register',
  representative_modules: 'representative_modules',
};

type CompanyActionSpec = {
  permission: Action;
  kind: CompanyIntentKind;
  auditAction?: string;
  personRut: number;
  companyRut: number;
  reason: string | null;
  requireReason?: boolean;
  payload: Record<string, unknown>;
  /** A rule the desk checks first, for a precise message; the intent decides the rest. */
  check?: () => void;
  /** What came of it, read once the intent applied: the audit records it over the request's. */
  outcome?: () => Record<string, unknown>;
  before: unknown;
};

/** The receipt, and how many mails the action queued (the agreement's, an approval's). */
function companyAction(
  ctx: ServiceContext,
  session: Session,
  spec: CompanyActionSpec,
): ActionReceipt & { mailsQueued: number } {
  const companies = ctx.repos.companies;
  if (!companies.company(spec.companyRut)) throw new NotFoundError('company');
  let mailsQueued = 0;
  const caller = spec.payload['callerRut'];
  const receipt = runAction(ctx, session, {
    permission: spec.permission,
    personRut: spec.personRut,
    companyRut: spec.companyRut,
    // Who asked for a change of a company's user is on the line; a requester asks for herself.
    onLine: typeof caller === 'number' ? caller : spec.personRut,
    kind: spec.kind,
    auditAction: spec.auditAction,
    reason: spec.reason,
    requireReason: spec.requireReason,
    identityCheck: null,
    apply: (actionId) => {
      spec.check?.();
      const outcome = applyCompanyIntent(
        {
          writes: ctx.repos.writes,
          companies,
          now: ctx.now(),
          actionId,
          queueMails: true,
          agent: currentScope(ctx, session),
        },
        spec.kind,
        spec.personRut,
        spec.companyRut,
        spec.payload,
      );
      // Some speak of who asks (on the phone, or at the officer's visit): in the agent's words.
      if (outcome.status === 'rejected') {
        throw new RuleError(REJECTION_TO_RULE[outcome.code], kindParams(session));
      }
      mailsQueued = outcome.mails.length;
      // A decision's reason is why a request was rejected, not a call's reason: its own name in
      // the audit (the intent keeps the wire's).
      const { reason: rejection, ...recorded } = spec.payload;
      return {
        before: spec.before,
        after: {
          companyRut: spec.companyRut,
          ...recorded,
          ...(typeof rejection === 'string' ? { rejectionReason: rejection } : {}),
          ...spec.outcome?.(),
          callerVerified: undefined,
        },
        intent: { companyRut: spec.companyRut, ...spec.payload },
      };
    },
  });
  return { ...receipt, mailsQueued };
}

export type RecordRequest = {
  requesterRut: number;
  companyRut: number;
  capacity: 'legal_representative' | 'authorized_signatory' | 'other';
};

/** A request taken on the phone: pending until decided by the rule (rule 12). */
export function recordRequest(ctx: ServiceContext, session: Session, command: RecordRequest) {
  const companies = ctx.repos.companies;
  return companyAction(ctx, session, {
    permission: 'request.manage',
    kind: 'request.record',
    personRut: command.requesterRut,
    companyRut: command.companyRut,
    reason: null,
    payload: { capacity: command.capacity },
    check: () => {
      if (companies.pendingRequest(command.requesterRut, command.companyRut)) {
        throw new RuleError('request_pending');
      }
    },
    before: null,
  });
}

export type DecideRequest = {
  requesterRut: number;
  companyRut: number;
  decision: 'approve' | 'reject';
  reason: string;
};

export function decideRequest(ctx: ServiceContext, session: Session, command: DecideRequest) {
  return companyAction(ctx, session, {
    permission: 'request.manage',
    kind: 'request.decide',
    // «Aprobó» or «Rechazó una solicitud», not «Resolvió»; and the state it left beside «Pendiente».
    auditAction: requestDecisionAction(command.decision),
    personRut: command.requesterRut,
    companyRut: command.companyRut,
    reason: command.reason,
    requireReason: command.decision === 'reject',
    payload: {
      decision: command.decision,
      reason: command.decision === 'reject' ? command.reason.trim() : null,
    },
    before: { state: 'pending' },
    outcome: () => ({ state: command.decision === 'approve' ? 'approved' : 'rejected' }),
  });
}

export type Caller = { rut: number; identityCheck: IdentityFact[] };

/**
 * Rules 9, 12, 13: the caller may ask for a change of that company's users (companyRequester),
 * and the agent compared at least two facts of theirs. Returns the payload part the server checks.
 */
export function verifiedCaller(ctx: ServiceContext, companyRut: number, caller: Caller) {
  const holder = ctx.repos.records.identityHolder(caller.rut, ctx.now());
  if (!holder) throw new RuleError('caller_not_authorized');
  const facts = [...new Set(caller.identityCheck)];
  if (
    unavailableFacts(asCompanyCaller(holder), facts).length > 0 ||
    facts.length < IDENTITY_FACTS_REQUIRED
  ) {
    throw new RuleError('caller_identity_required', { required: IDENTITY_FACTS_REQUIRED });
  }
  const authority = ctx.repos.companies.authority(companyRut);
  if (!mayRequestCompanyChange({ personRut: caller.rut, verified: true }, authority)) {
    const standing = companyRequester(caller.rut, authority);
    // Listed on the company's page but not able to ask yet: why, not «is neither».
    if (standing && !standing.ok)
      throw new RuleError('caller_cannot_ask', { reason: standing.reason });
    throw new RuleError('caller_not_authorized');
  }
  return { callerRut: caller.rut, callerVerified: true, callerFacts: facts };
}

export type NewPerson = {
  rut: number;
  givenNames: string;
  lastName1: string;
  lastName2: string;
  email: string;
  phone: string | null;
};

export type AddUser = {
  companyRut: number;
  userRut: number;
  role: 'company_user' | 'access_admin';
  modules: string[];
  external: boolean;
  newPerson: NewPerson | null;
  caller: Caller;
};

export function addCompanyUser(ctx: ServiceContext, session: Session, command: AddUser) {
  const exists = ctx.repos.writes.person(command.userRut) !== null;
  let newPerson: Record<string, unknown> | undefined;
  if (!exists) {
    // A company's RUT typed in the person's field never becomes a person.
    if (command.userRut >= COMPANY_RUT_FROM) {
      throw new RuleError('person_rut_is_company', {
        rut: formatRut({ body: command.userRut, dv: checkDigit(command.userRut) }),
      });
    }
    const given = tidyPersonName(command.newPerson?.givenNames ?? '');
    const last1 = tidyPersonName(command.newPerson?.lastName1 ?? '');
    const last2 = tidyPersonName(command.newPerson?.lastName2 ?? '');
    if (!command.newPerson || given === '' || last1 === '') {
      throw new RuleError('new_person_required');
    }
    if (given === null || last1 === null || last2 === null) throw new RuleError('invalid_name');
    const email = normalizeEmail(command.newPerson.email);
    // An outsider without an e-mail could never receive the agreement to sign (rule 12).
    if (email === null) throw new RuleError('no_email');
    newPerson = {
      dv: checkDigit(command.userRut),
      givenNames: given,
      lastName1: last1,
      lastName2: last2,
      sortKey: foldText(`${last1} ${last2} ${given}`),
      email,
      phone: command.newPerson.phone ? normalizeMobile(command.newPerson.phone) : null,
    };
    if (command.newPerson.phone && newPerson['phone'] === null)
      throw new RuleError('invalid_phone');
    // runAction needs the person to exist to check scope: create it inside the same transaction.
    return ctx.db.$client.transaction(() => {
      ctx.repos.companies.insertPerson({
        rut: command.userRut,
        ...(newPerson as Omit<NewPerson, 'rut'> & { dv: string; sortKey: string }),
      });
      return addExisting(ctx, session, command, newPerson);
    })();
  }
  return addExisting(ctx, session, command, undefined);
}

function addExisting(
  ctx: ServiceContext,
  session: Session,
  command: AddUser,
  newPerson: Record<string, unknown> | undefined,
) {
  const caller = verifiedCaller(ctx, command.companyRut, command.caller);
  const existing = ctx.repos.companies.membership(command.userRut, command.companyRut);
  return companyAction(ctx, session, {
    permission: 'company_user.manage',
    kind: 'company_user.add',
    personRut: command.userRut,
    companyRut: command.companyRut,
    reason: null,
    payload: {
      role: command.role,
      modules: command.modules,
      external: command.external,
      ...(newPerson ? { newPerson } : {}),
      ...caller,
    },
    check: () => {
      // A worker may be given a company profile, and at ACHS a company user appointed
      // administrator; a company profile is not given twice (addsProfile).
      const company = ctx.repos.companies.company(command.companyRut);
      if (existing && company && !addsProfile(existing, command.role, company)) {
        throw new RuleError('already_user');
      }
      if (!ctx.repos.writes.person(command.userRut)?.email) throw new RuleError('no_email');
    },
    // Rule 13: whoever is not the company's worker is added as an outsider, whatever the box
    // said — the audit says what was done, not what was ticked.
    // A worker keeps the modules he had (grantProfile): the audit says what he holds now, beside
    // what he held, and the state his access is in.
    outcome: () => {
      const granted = ctx.repos.companies.membership(command.userRut, command.companyRut);
      const onEmpresas = ctx.repos.companies.company(command.companyRut)?.onEmpresas ?? false;
      return {
        external: granted?.external ?? command.external,
        modules: granted ? parseStringList(granted.modules) : command.modules,
        // A disabled or paused access stays so (stateWithProfile, rule 11), and a Portal
        // Empresas profile waits for its agreement (rule 12): the audit says it as the lists do.
        state: granted ? profileStanding(granted, onEmpresas) : 'active',
      };
    },
    before: existing
      ? { state: existing.state, role: existing.role, modules: parseStringList(existing.modules) }
      : null,
  });
}

export type ChangeUser = {
  companyRut: number;
  userRut: number;
  change: CompanyUserChange;
  reason: string;
  caller: Caller;
};

export function changeCompanyUser(ctx: ServiceContext, session: Session, command: ChangeUser) {
  const caller = verifiedCaller(ctx, command.companyRut, command.caller);
  const membership = ctx.repos.writes.membership(command.userRut, command.companyRut);
  if (!membership) throw new RuleError('no_membership');
  return companyAction(ctx, session, {
    permission: 'company_user.manage',
    kind: 'company_user.change',
    // The audit, Llamadas and the Panel name the change in the portal's words, not «a change».
    auditAction: companyUserAuditAction(command.change),
    personRut: command.userRut,
    companyRut: command.companyRut,
    reason: command.reason,
    requireReason: true,
    payload: { change: command.change, fromState: membership.state, ...caller },
    // Rules 9, 12: said in the words of who is refused, the agent or the caller (the intent
    // decides the same, shieldsRepresentative).
    check: () =>
      refuseShielded(
        ctx,
        session,
        { personRut: command.userRut, companyRut: command.companyRut },
        caller.callerRut,
        'representative_register',
        {
          toState: COMPANY_USER_CHANGES[command.change].to,
        },
      ),
    before: { state: membership.state },
    // The audit reads «Estado: Activa → Inhabilitada», not the state before alone, and an
    // outsider's deleted access as the lists say it («Acceso eliminado», not «De baja»); its
    // agreement aside (false): the change is of its state.
    outcome: () => {
      const after = ctx.repos.writes.membership(command.userRut, command.companyRut);
      return { state: after ? profileStanding(after, false) : undefined };
    },
  });
}

export type SetModules = {
  companyRut: number;
  userRut: number;
  modules: string[];
  caller: Caller;
};

/** Rule 9: modules are granted at the request of an access administrator of that company. */
export function setModules(ctx: ServiceContext, session: Session, command: SetModules) {
  const caller = verifiedCaller(ctx, command.companyRut, command.caller);
  const membership = ctx.repos.companies.membership(command.userRut, command.companyRut);
  if (!membership) throw new RuleError('no_membership');
  const modules = [...new Set(command.modules)].sort();
  if (JSON.stringify(modules) === JSON.stringify(parseStringList(membership.modules).sort())) {
    throw new RuleError('no_change');
  }
  return companyAction(ctx, session, {
    permission: 'company_user.manage',
    kind: 'membership.set_modules',
    personRut: command.userRut,
    companyRut: command.companyRut,
    reason: null,
    payload: { modules, fromModules: parseStringList(membership.modules), ...caller },
    // Rules 9, 12: a legal representative's modules are taken away at his request only, as his
    // access is (the intent decides the same, shieldsRepresentative).
    check: () =>
      refuseShielded(
        ctx,
        session,
        { personRut: command.userRut, companyRut: command.companyRut },
        caller.callerRut,
        'representative_modules',
        {
          modulesFrom: parseStringList(membership.modules),
          modulesTo: modules,
        },
      ),
    before: { modules: parseStringList(membership.modules) },
  });
}
