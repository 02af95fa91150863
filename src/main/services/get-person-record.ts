/**
 * The person record: identity, badges, the diagnosis of why they cannot get in, accounts per
 * portal, memberships by company, last mails, pending actions and recent calls, with what the
 * signed-in agent may do on each. Viewing it is audited. The serial number never leaves main
 * unmasked.
 */
import { view as dataRequestView } from './data-requests';
import { isOpen as isOpenRequest } from '../../shared/rules/data-requests';
import { parseStringList } from '../../shared/json-list';
import type { Decision, PersonRecord } from '../../shared/contract';
import { identityFacts, maskSerial as maskSerialDigits } from '../../shared/identity-facts';
import { isOnEmpresas } from '../../shared/rules/company-modules';
import { othersMayAsk } from '../../shared/rules/company-access';
import { companyAuthority } from './company-access';
import { loginRut, readRut } from '../../shared/rut';
import { fullName } from '../../shared/format';
import {
  IDENTITY_FACTS_REQUIRED,
  phoneNoProofUntil,
  seesAllInteractions,
} from '../../shared/policy';
import {
  approvalAwaitsAt,
  approvedAwaitingSignature,
  fittingMailKinds,
  hasAccessAt,
  loginClosedAt,
  loginBlockBadge,
  loginOfPortal,
  unsignedAgreement,
} from '../../shared/rules/access';
import {
  agentActor,
  changeWaitReason,
  checkAccessRequester,
  companyChangeWaits,
  companyProfileAssigned,
  companyRequester,
  profileChangeBlocked,
  shieldsRepresentative,
  type AuthorityChange,
} from '../../shared/rules/company-access';
import { MEMBERSHIP_CHANGES } from '../../shared/rules/membership-transitions';
import { accountBadges, personBadges } from '../domain/badges';
import { diagnose } from '../domain/diagnosis';
import { decide, personTarget, type Action, type DenyReason } from '../../shared/rules/permissions';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, NotFoundError } from './errors';
import { currentScope } from './run-action';
import { interactionView } from './interactions';
import { auditDenied, sameLookReadAgain, sameSitting, viewDetails, type ViewVia } from './privacy';
import { newId } from '../../shared/ids';

/**
 * `••••••746`: enough to confirm with the caller, not enough to register as them. A serial too
 * short to hide most of it shows nothing at all.
 */
export function maskSerial(serial: string | null): string | null {
  if (serial === null || serial === '') return null;
  return maskSerialDigits(serial) ?? '••••••';
}

const RECENT_INTERACTIONS = 5;

/**
 * The actions on a person that still wait for the central API, as the record lists them: the
 * open record's notice follows the queue as it drains, without another «Vio la ficha». Refused
 * as `persons.get` refuses (the same words to an officer whether or not the RUT exists, and the
 * attempt audited).
 */
export function pendingForPerson(
  ctx: ServiceContext,
  session: Session,
  rutText: string,
): PersonRecord['pendingActions'] {
  const rut = readRut(rutText);
  if (!rut) throw new NotFoundError('person');
  const decision = mayView(ctx, session, rut.body);
  if (decision?.allowed) return ctx.repos.outbox.pendingForPerson(rut.body, ctx.now());
  return refuseView(ctx, session, rut.body, decision?.reason ?? 'not_found', 'reload');
}

/** The access administrators a record names at each company (the rest are counted). */
const ACCESS_ADMINS_SHOWN = 5;

/**
 * The audit actions of the channels whose screen reads the person's record after them: the
 * record's own actions and a Ley 21.719 request recorded from it. Not a company page's action (it
 * names its requester or user, whose record the page never showed), nor a request's later moves.
 */
export const RECORD_READ_BACK_ACTIONS: readonly string[] = [
  'person.update_contact',
  'account.unlock',
  'account.clear_registration_block',
  'mail.resend',
  ...Object.keys(MEMBERSHIP_CHANGES).map((change) => `membership.${change}`),
  'membership.change_role',
  'data_request.record',
];

/**
 * The record as an action of this agent's left it, read right after the action answered with its
 * receipt. The action's own audit event stands for the look, as when the action answered with the
 * record itself: no «Vio la ficha». Only the agent's own action on the record
 * (RECORD_READ_BACK_ACTIONS, taken by hand), and only in the same sitting as the action (the same
 * call, or within SITTING_MS with none: sameSitting); a person the agent may no longer see (a
 * dismissal took effect) is refused as `persons.get` refuses.
 */
export function recordAfterAction(
  ctx: ServiceContext,
  session: Session,
  actionId: string,
  flags: RecordFlags = {},
): PersonRecord {
  const acted = ctx.repos.audit.actedOn(actionId, session.agentId, RECORD_READ_BACK_ACTIONS);
  const call = ctx.repos.interactions.openOf(session.agentId)?.id ?? null;
  if (acted === null || !sameSitting(acted, ctx.now(), session.agentId, call)) {
    throw new NotFoundError('person');
  }
  const decision = mayView(ctx, session, acted.personRut);
  if (!decision?.allowed) {
    return refuseView(ctx, session, acted.personRut, decision?.reason ?? 'not_found', 'reload');
  }
  // One snapshot for its dozen statements, where each would otherwise take the WAL's read lock.
  return ctx.db.$client
    .transaction(() => buildPersonRecord(ctx, session, acted.personRut, flags))
    .deferred();
}

/**
 * May the agent see this person? null: no such person on this desk. A dismissal taken here that
 * the central API has not confirmed yet keeps its company in view (an officer's baja offline):
 * until it lands, the record says it waits, rather than the person vanishing as if never his.
 */
function mayView(ctx: ServiceContext, session: Session, personRut: number) {
  const { writes, outbox } = ctx.repos;
  if (writes.person(personRut) === null) return null;
  return decide(
    session,
    'person.view',
    personTarget(() =>
      outbox.pendingForPerson(personRut, ctx.now()).length > 0
        ? writes.everyCompanyRut(personRut)
        : writes.companyRuts(personRut),
    ),
  );
}

/**
 * A refused look at a record: a prevention officer hears the same words whether or not the RUT
 * exists, and every refusal of a person who exists (and every officer's) is audited — except a
 * reload: the desk reading again a record it showed, whose person left the agent's companies
 * meanwhile (a sync), is no attempt of his to look outside them.
 */
function refuseView(
  ctx: ServiceContext,
  session: Session,
  personRut: number,
  denied: DenyReason | 'not_found',
  via: ViewVia,
): never {
  const attempt = via !== 'reload';
  if (session.role === 'prevention') {
    if (attempt) auditDenied(ctx, session, 'person.view_denied', { personRut, via });
    throw new NotFoundError('person_in_scope');
  }
  if (denied === 'not_found') throw new NotFoundError('person');
  if (attempt) auditDenied(ctx, session, 'person.view_denied', { personRut, via });
  throw new ForbiddenError(denied);
}

/**
 * `persons.get`: the record, after checking the agent may see it, with the view audited: how it
 * was opened (`via`) and why (the open call's reason) — but not a reload in the same sitting
 * (`sameSitting`): the look is already on the record. A prevention officer asking for someone
 * outside his companies hears the same words whether or not the RUT exists, and that attempt is
 * audited too (issue 10).
 */
export function viewPersonRecord(
  ctx: ServiceContext,
  session: Session,
  rutText: string,
  flags: RecordFlags = {},
  via: ViewVia = 'search',
  /** The desk's own re-read of the record on screen (persons.get `refresh`). */
  refresh = false,
): PersonRecord {
  const rut = readRut(rutText);
  if (!rut) throw new NotFoundError('person');
  const outcome = ctx.db.$client.transaction(
    (): { record: PersonRecord } | { denied: DenyReason | 'not_found' } => {
      const decision = mayView(ctx, session, rut.body);
      if (!decision) return { denied: 'not_found' };
      if (!decision.allowed) return { denied: decision.reason };
      const record = buildPersonRecord(ctx, session, rut.body, flags);
      const interactionId = ctx.repos.interactions.openOf(session.agentId)?.id ?? null;
      const last = ctx.repos.audit.lastView(rut.body);
      const again =
        (via === 'reload' && sameSitting(last, ctx.now(), session.agentId, interactionId)) ||
        (refresh && sameLookReadAgain(last, ctx.now(), session.agentId));
      if (again) return { record };
      ctx.repos.audit.append({
        id: newId(),
        at: ctx.now().toISOString(),
        agentId: session.agentId,
        deviceId: ctx.deviceId,
        personRut: rut.body,
        action: 'person.view',
        before: null,
        // Where it was opened from and why, and the causes the agent was shown (the Panel
        // counts them).
        after: viewAfter(viewDetails(ctx, session, via, rut.body), diagnosisShown(record)),
        reason: null,
        identityCheck: null,
        interactionId,
      });
      return { record };
    },
  )();
  if ('record' in outcome) return outcome.record;
  return refuseView(ctx, session, rut.body, outcome.denied, via);
}

/**
 * A record view's audit `after`: `{"causes":[codes…]}` in the order shown, or null when the
 * record showed no cause. Kept with the view so what an agent saw, and how often each cause
 * comes up, is on the tamper-evident record (issue 10).
 */
/** One record view's audit details: the view's own, plus the causes shown if any. */
function viewAfter(view: string, shown: string | null): string {
  return shown === null ? view : JSON.stringify({ ...JSON.parse(view), ...JSON.parse(shown) });
}

export function diagnosisShown(record: Pick<PersonRecord, 'diagnosis'>): string | null {
  const causes = [...new Set(record.diagnosis.map((cause) => cause.code))];
  return causes.length === 0 ? null : JSON.stringify({ causes });
}

/** What the caller knows about the replica the record is read from. */
export type RecordFlags = {
  /** The replica may be missing data (repositories/replica-state.ts): nothing is certain. */
  replicaIncomplete?: boolean;
};

/** The record as it is now, for the agent; no audit (`persons.afterAction` answers with it). */
export function buildPersonRecord(
  ctx: ServiceContext,
  session: Session,
  personRut: number,
  flags: RecordFlags = {},
): PersonRecord {
  const found = ctx.repos.records.find(personRut);
  if (!found) throw new NotFoundError('person');
  const { person, memberships, accounts, mails, accessRequests } = found;
  const now = ctx.now();
  const companyRuts = memberships.filter((m) => m.state !== 'removed').map((m) => m.companyRut);
  const scope = currentScope(ctx, session);
  // Ley 21.719 (issue 10): while a temporary block lasts, every change is refused with its reason.
  const dataBlock = ctx.repos.dataRequests.activeBlock(personRut);
  const can = (action: Action, companyRut?: number): Decision => {
    const decision = decide(scope, action, { personCompanyRuts: companyRuts, companyRut });
    return decision.allowed && dataBlock ? { allowed: false, reason: 'data_blocked' } : decision;
  };
  // Rules 9, 12: where the register names the person legal representative, an agent who
  // administers that company may not take the access or the profile away (shieldsRepresentative).
  const registers = ctx.repos.companyRecords.registersOf(personRut);
  const representativeAt = (companyRut: number) =>
    registers.some((r) => r.company_rut === companyRut && r.kind === 'legal_representative');
  // Rules 6, 9, 12, 13: a change the company decides that nobody can ask for now waits, with
  // its reason, as on the company's page (companyChangeWaits) — not a dialog nobody can
  // complete: an access given back at a company no longer adherent (rule 6; main refuses it,
  // membership-actions.ts), or a legal representative's access taken away, which only he asks
  // for, while he cannot (companyRequester: on Portal Empresas, until he signs the agreement).
  const waits = (
    decision: Decision,
    membership: (typeof memberships)[number],
    change: 'takes' | 'gives_back',
  ): Decision => {
    if (!decision.allowed) return decision;
    const representative = representativeAt(membership.companyRut);
    // He is the one who would ask: whether he may now, as the company's page lists him.
    const standing = representative
      ? companyRequester(personRut, {
          onEmpresas: isOnEmpresas(parseStringList(membership.companyPortals)),
          signatories: [{ personRut, kind: 'legal_representative' }],
          admins: memberships
            .filter((m) => m.companyRut === membership.companyRut && m.role === 'access_admin')
            .map((m) => ({
              personRut,
              kind: m.adminKind ?? 'commercial_contact',
              state: m.state,
              agreementSigned: m.agreementSigned,
            })),
        })
      : null;
    const wait = companyChangeWaits(
      { personRut, legalRepresentative: representative },
      change,
      { adherent: membership.companyAdherent },
      standing ? [{ personRut, cannotAsk: standing.ok ? null : standing.reason }] : [],
    );
    return wait === null ? decision : { allowed: false, reason: changeWaitReason(wait) };
  };
  const shielded = (
    decision: Decision,
    membership: { companyRut: number; role: string },
    change: AuthorityChange,
  ): Decision => {
    const user = { personRut, legalRepresentative: representativeAt(membership.companyRut) };
    return decision.allowed &&
      shieldsRepresentative(user, agentActor(scope, membership.companyRut), change)
      ? { allowed: false, reason: 'representative_register' }
      : decision;
  };
  // Rules 5, 6, 9, 12, 13: «Cambiar perfil» with no profile it may give (profileChangeBlocked).
  const withProfileChange = (
    decision: Decision,
    membership: {
      role: string;
      external: boolean;
      companyRut: number;
      companyPortals: string;
      companyAdherent: boolean;
    },
  ): Decision => {
    if (!decision.allowed) return decision;
    const blocked = profileChangeBlocked(
      {
        role: membership.role,
        external: membership.external,
        legalRepresentative: representativeAt(membership.companyRut),
      },
      {
        onEmpresas: isOnEmpresas(parseStringList(membership.companyPortals)),
        adherent: membership.companyAdherent,
      },
    );
    if (blocked === null || blocked === 'admin_not_by_profile_change') return decision;
    // His own words: no profile change lowers him, whoever asks (not «only he may ask»).
    return {
      allowed: false,
      reason: blocked === 'representative_register' ? 'representative_profile' : blocked,
    };
  };
  const companyLogin = (rut: number, dv: string) => loginRut({ body: rut, dv });
  const accessFacts = {
    isPensioner: person.isPensioner,
    isWorker: person.isWorker,
    memberships: memberships.map((m) => ({
      ...m,
      companyOnEmpresas: isOnEmpresas(parseStringList(m.companyPortals)),
    })),
  };
  // Rule 12: which profiles wait for a signature, and whether an approved request asks for it.
  const signatures = accessFacts.memberships.map((m) => ({
    ...m,
    approvalAwaits: approvalAwaitsAt(accessRequests, m.companyRut),
  }));
  const mailFacts = (account: (typeof accounts)[number]) => ({
    portal: account.portal,
    hasEmail: Boolean(person.email),
    registrationState: account.registrationState,
    emailVerified: account.emailVerified,
    hasAccess: hasAccessAt(account.portal, accessFacts),
    loginClosed: loginClosedAt(account.portal, accessFacts),
    hasApprovedRequest: approvedAwaitingSignature(signatures),
    hasUnsignedAgreement: unsignedAgreement(signatures),
  });

  // Rule 9: who the person asks for modules at each company still open to them — its other
  // administrators with the profile assigned (on Portal Empresas, the agreement signed): the
  // first few by name, and how many more (a big company has a hundred). An access in pause
  // too: they are who asks that it resume (rule 13, the diagnosis says so).
  const accessAdminsOf = (membership: (typeof memberships)[number]) => {
    // Paused or disabled too: its administrators are among who asks that it be given back.
    const open = membership.state !== 'removed';
    if (!open || !membership.companyAdherent) {
      return { accessAdmins: [], accessAdminsMore: 0 };
    }
    const admins = ctx.repos.companyRecords.activeAdmins(membership.companyRut, {
      besides: personRut,
      signedOnly: isOnEmpresas(parseStringList(membership.companyPortals)),
      limit: ACCESS_ADMINS_SHOWN,
    });
    return {
      accessAdmins: admins.map((admin) => ({
        rut: loginRut({ body: admin.person_rut, dv: admin.dv }),
        name: fullName({
          givenNames: admin.given_names,
          lastName1: admin.last_name1,
          lastName2: admin.last_name2,
        }),
        kind: admin.admin_kind,
      })),
      accessAdminsMore: admins.length === 0 ? 0 : admins[0]!.total - admins.length,
    };
  };

  // Rules 9, 12, 13: a closed access nobody but the person could ask back now (a company whose
  // representative has not signed, say): the diagnosis says so rather than «lo pide otra persona».
  const nobodyAsksOf = (membership: (typeof memberships)[number]) => {
    if (!membership.companyAdherent) return {};
    if (membership.state !== 'paused' && membership.state !== 'disabled') return {};
    const rut = membership.companyRut;
    const authority = companyAuthority(
      isOnEmpresas(parseStringList(membership.companyPortals)),
      ctx.repos.companyRecords.signatories(rut),
      ctx.repos.companyRecords.profiles(rut),
    );
    return othersMayAsk(personRut, authority) ? {} : { nobodyAsks: true as const };
  };

  const membershipViews = memberships.map((membership) => {
    // A change that closes the access, off for the representative's unless he asks (shielded).
    const closing = (action: Action, toState: 'disabled' | 'paused' | 'removed') =>
      shielded(can(action, membership.companyRut), membership, { toState });
    return {
      companyRut: companyLogin(membership.companyRut, membership.companyDv),
      companyName: membership.companyName,
      companyAdherent: membership.companyAdherent,
      companyAdherentSince: membership.companyAdherentSince,
      companyAdherentUntil: membership.companyAdherentUntil,
      companyOnEmpresas: isOnEmpresas(parseStringList(membership.companyPortals)),
      role: membership.role,
      state: membership.state,
      modules: parseStringList(membership.modules),
      agreementSigned: membership.agreementSigned,
      agreementSentAt: membership.agreementSentAt,
      agreementSignedAt: membership.agreementSignedAt,
      companyProfileAssigned: companyProfileAssigned(membership),
      // Which administrator he is, while he is one (not once demoted: company-access.ts).
      adminKind: membership.role === 'access_admin' ? membership.adminKind : null,
      external: membership.external,
      startedAt: membership.startedAt,
      endedAt: membership.endedAt,
      version: membership.version,
      ...accessAdminsOf(membership),
      ...nobodyAsksOf(membership),
      can: {
        disable: waits(closing('membership.disable', 'disabled'), membership, 'takes'),
        enable: waits(can('membership.enable', membership.companyRut), membership, 'gives_back'),
        pause: waits(closing('membership.pause', 'paused'), membership, 'takes'),
        resume: waits(can('membership.resume', membership.companyRut), membership, 'gives_back'),
        // «Eliminar acceso» (a Portal Empresas user) or a dismissal: the company's, either.
        dismiss: waits(closing('membership.dismiss', 'removed'), membership, 'takes'),
        // Off, saying why, when «Cambiar perfil» has nothing it may give (profileChangeBlocked).
        changeRole: withProfileChange(
          can('membership.change_role', membership.companyRut),
          membership,
        ),
      },
    };
  });
  const mailViews = mails.map((mail) => ({
    portal: mail.portal,
    kind: mail.kind,
    sentAt: mail.sentAt,
    outcome: mail.outcome,
    toAddress: mail.toAddress,
  }));
  const phoneNoProof = phoneNoProofUntil(person.phoneChangedAt, now);
  const facts = identityFacts({
    serialNumber: person.serialNumber,
    email: person.email,
    phone: person.phone,
    phoneNoProofUntil: phoneNoProof,
    // An outsider given access to a company (rule 13) does not work there: not his employer.
    employers: memberships
      .filter((m) => m.state !== 'removed' && !m.external)
      .map((m) => m.companyName),
  });
  // An action that asks for the caller's identity (run-action's requireIdentity) cannot be taken
  // from the record when the system holds fewer facts of the person than the check needs: its
  // button waits with why, rather than open a dialog nobody can complete.
  const checkable = (decision: Decision): Decision =>
    decision.allowed && facts.length < IDENTITY_FACTS_REQUIRED
      ? { allowed: false, reason: 'identity_unverifiable' }
      : decision;
  // Ley 21.719: a blocked person's contact is corrected only under an open rectification.
  const editContact =
    dataBlock &&
    ctx.repos.dataRequests
      .ofPerson(personRut)
      .some((r) => r.right === 'rectification' && isOpenRequest(r.state))
      ? decide(scope, 'contact.edit', { personCompanyRuts: companyRuts })
      : can('contact.edit');

  return {
    rut: loginRut({ body: person.rut, dv: person.dv }),
    givenNames: person.givenNames,
    lastName1: person.lastName1,
    lastName2: person.lastName2,
    email: person.email,
    phone: person.phone,
    serialNumberMasked: maskSerial(person.serialNumber),
    identityFacts: facts,
    phoneNoProofUntil: phoneNoProof,
    contactChanged: {
      email: person.emailChangedAt
        ? { at: person.emailChangedAt, by: person.emailChangedBy }
        : null,
      phone: person.phoneChangedAt
        ? { at: person.phoneChangedAt, by: person.phoneChangedBy }
        : null,
    },
    isWorker: person.isWorker,
    isPensioner: person.isPensioner,
    version: person.version,
    badges: personBadges(person, accounts, accessFacts, now),
    diagnosis: diagnose({
      person: { email: person.email, isPensioner: person.isPensioner, isWorker: person.isWorker },
      accounts,
      memberships: membershipViews,
      accessRequests: accessRequests.map((request) => ({
        companyRut: companyLogin(request.companyRut, request.companyDv),
        companyName: request.companyName,
        companyAdherent: request.companyAdherent,
        state: request.state,
        reason: request.reason,
        agreementSigned: request.agreementSigned,
        // Rule 12: the register decides, whatever the requester claimed — read for a pending
        // request (it will be rejected) and a rejected one (the way in is «Agregar usuario»).
        inRegister:
          request.state === 'approved' ||
          checkAccessRequester(
            person.rut,
            { adherent: true },
            ctx.repos.companyRecords.signatories(request.companyRut).map((row) => ({
              personRut: row.person_rut,
              kind: row.kind,
            })),
          ).ok,
      })),
      mails: mailViews,
      now,
    }),
    can: {
      editContact,
      // A new e-mail asks for the identity check (edit-contact.ts); a mobile alone does not.
      changeEmail: checkable(editContact),
      unlock: checkable(can('account.unlock')),
      clearRegistrationBlock: checkable(can('registration.clear_block')),
      // Another agent's new e-mail still waiting here: a mail to it is refused (resend-mail.ts),
      // so the buttons say why before the dialog, not after «Enviar».
      resendMail: (() => {
        const decision = can('mail.resend');
        return decision.allowed &&
          person.email !== null &&
          ctx.repos.outbox.emailChangeHeldByOthers(personRut, session.agentId, person.email)
          ? { allowed: false as const, reason: 'email_held' as const }
          : decision;
      })(),
    },
    accounts: accounts.map((account) => ({
      portal: account.portal,
      version: account.version,
      registrationState: account.registrationState,
      passwordSet: account.passwordSet,
      emailVerified: account.emailVerified,
      failedAttempts: account.failedAttempts,
      lockedUntil: account.lockedUntil,
      registrationBlocked: account.registrationBlocked,
      lastLoginAt: account.lastLoginAt,
      firstAccessUsed: account.firstAccessUsed,
      // Each login's row says what blocks that login (its own companies), not the person's.
      badges: accountBadges(
        account,
        now,
        loginBlockBadge(loginOfPortal(account.portal), accessFacts),
      ),
      hasAccess: hasAccessAt(account.portal, accessFacts),
      mailKinds: fittingMailKinds(mailFacts(account)),
    })),
    memberships: membershipViews,
    mails: mailViews,
    accessRequests: accessRequests.map((request) => ({
      companyRut: companyLogin(request.companyRut, request.companyDv),
      companyName: request.companyName,
      capacity: request.capacity,
      state: request.state,
      reason: request.reason,
      requestedAt: request.requestedAt,
      decidedAt: request.decidedAt,
    })),
    registers: registers.map((row) => ({
      companyRut: companyLogin(row.company_rut, row.company_dv),
      companyName: row.legal_name,
      kind: row.kind,
    })),
    pendingActions: ctx.repos.outbox.pendingForPerson(personRut, now),
    unsettledActions: ctx.repos.outbox.unsettledForPerson(personRut),
    replicaIncomplete: flags.replicaIncomplete ?? false,
    // Who sees everyone's calls and visits with this person (a supervisor), as the Llamadas
    // list: seesAllInteractions; anyone else, their own.
    // The calls with someone else that acted on this person too.
    interactions: ctx.repos.interactions
      .withPerson(
        personRut,
        seesAllInteractions(session.role) ? null : session.agentId,
        RECENT_INTERACTIONS,
      )
      .map((row) => interactionView(ctx, row)),
    dataProtection: dataProtectionOf(ctx, session, personRut, dataBlock, scope, companyRuts),
  };
}

/**
 * The person's Ley 21.719 requests: an agent sees the ones they took, a supervisor all of them;
 * the open ones others took are listed by where they stand (number, right, state, deadline), so
 * nobody reads «none» and registers the same again, and the caller hears how theirs goes.
 */
function dataProtectionOf(
  ctx: ServiceContext,
  session: Session,
  personRut: number,
  block: PersonRecord['dataProtection']['block'],
  scope: Session,
  personCompanyRuts: number[],
): PersonRecord['dataProtection'] {
  const all = ctx.repos.dataRequests.ofPerson(personRut);
  const seen = (row: (typeof all)[number]) =>
    session.role === 'supervisor' || row.agentId === session.agentId;
  return {
    block,
    requests: all.filter(seen).map((row) => dataRequestView(ctx, row)),
    // Where each stands, so the agent can tell the titular (its detail stays a supervisor's).
    othersOpen: all
      .filter((row) => !seen(row) && row.closedAt === null)
      .map((row) => ({
        number: row.number,
        right: row.right,
        state: row.state,
        dueDate: row.dueDate,
      })),
    can: decide(scope, 'data_request.manage', { personCompanyRuts }),
  };
}
