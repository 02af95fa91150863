/**
 * What a queued action means once it leaves the desk: a desired state with, per field, what
 * the agent saw and what they wanted. The central API applies intents with this module (the
 * system of record, side effects included); the desktop replays its still-pending intents with
 * it over rows it has just pulled, so its screen keeps showing what the agent did. Same rules
 * on both sides: shared code, not a copy.
 *
 * Merge rule, per field: the server still has what the agent saw → apply; it already has what
 * the agent wanted → nothing to do; anything else → conflict, and the server keeps its value.
 * Commands (unlock, clear a block) are idempotent; side effects (mails) have a freshness limit
 * measured on the device's own clock, so a skewed clock changes nothing.
 */
import { MAIL_FRESHNESS_MS, normalizeEmail, normalizeMobile } from '../shared/policy';
import { isPortal, mailPortal } from '../shared/portals';
import { isMailKind, mailFits, mailWaitMs } from '../shared/rules/access';
import {
  agentActor,
  profileChangeRefusal,
  shieldsRepresentative,
  type AuthorityChange,
} from '../shared/rules/company-access';
import { MEMBERSHIP_CHANGES, type MembershipChange } from '../shared/rules/membership-transitions';
import type { Entity, RejectionCode } from '../shared/sync-protocol';
import { decide, personTarget, type Action, type AgentScope } from '../shared/rules/permissions';
import type { CompanyWriteRepository } from './company-write-repository';
import type { PersonWriteRepository } from './person-write-repository';
import {
  applyCompanyIntent,
  callerOf,
  isCompanyIntent,
  type CompanyIntentKind,
} from './company-intents';
import { decidedAt } from './decided-at';
import { reconfirm } from '../shared/rules/bulk-load';
import type { BulkEmailChanges } from './bulk-email-changes';
import { blockDecision, isDataRequestKind } from '../shared/rules/data-requests';
import type { DataRequestRepository } from './data-request-repository';
import { applyDataRequestIntent } from './data-request-intents';
import { isOneOf, MEMBERSHIP_ROLES, type MailKind } from '../shared/vocabulary';

export type Conflict = { field: string; yours: unknown; theirs: unknown };

export type IntentOutcome = (
  | { status: 'applied' }
  | {
      status: 'conflict';
      conflicts: Conflict[];
      /** Ley 21.719: the person is blocked (the conflict names the blocking request). */
      code?: 'person_blocked';
    }
  | { status: 'rejected'; code: RejectionCode }
) & {
  /** Rows written, so the server can log them for pull. */
  touched: Array<{ entity: Entity; key: number }>;
  /** Mails created (server: to send). */
  mails: number[];
  /**
   * Server, applied (or in conflict with another field applied): the mails not sent because the
   * action came too late (MAIL_FRESHNESS_MS).
   */
  mailsWithheld?: MailKind[];
};

export type IntentContext = {
  writes: PersonWriteRepository;
  companies: CompanyWriteRepository;
  /** server: checks permissions and freshness, creates mails; replay: local view only. */
  mode: 'server' | 'replay';
  now: Date;
  /** Server: the acting agent's scope. */
  agent?: AgentScope;
  /** Server: how old the action was when sent, measured on the device's clock. */
  ageMs?: number;
  /** Ley 21.719 requests and the temporary block every other intent must respect. */
  dataRequests: DataRequestRepository;
  /** Server: the authenticated agent's id. */
  agentId?: string;
  /**
   * Who decided the action, by name as they are called now (a re-assigned action's first
   * agent, not its sender; on a desk's replay, the agent of its outbox row): kept beside the
   * contact it changes (`phone_changed_by`…).
   */
  decidedBy?: string | null;
  /** Server: bulk loads' e-mail changes, which only their own undo confirms again. */
  bulkEmails?: BulkEmailChanges;
};

export type Intent = {
  actionId: string;
  kind: string;
  personRut: number | null;
  payload: Record<string, unknown>;
};

type Outcome = IntentOutcome;

/** `membership.pause` → `pause`: the membership changes' table is the desk's (shared). */
function membershipChangeOfKind(kind: string): MembershipChange | null {
  const change = kind.startsWith('membership.') ? kind.slice('membership.'.length) : '';
  return Object.hasOwn(MEMBERSHIP_CHANGES, change) ? (change as MembershipChange) : null;
}

const PERMISSIONS: Record<string, Action> = {
  'person.update_contact': 'contact.edit',
  'account.unlock': 'account.unlock',
  'account.clear_registration_block': 'registration.clear_block',
  'mail.resend': 'mail.resend',
  'membership.disable': 'membership.disable',
  'membership.enable': 'membership.enable',
  'membership.pause': 'membership.pause',
  'membership.resume': 'membership.resume',
  'membership.dismiss': 'membership.dismiss',
  'membership.change_role': 'membership.change_role',
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

function rejected(code: RejectionCode): Outcome {
  return { status: 'rejected', code, touched: [], mails: [] };
}

/** Applies one intent. Must run inside the caller's transaction. */
export function applyIntent(ctx: IntentContext, intent: Intent): Outcome {
  const blocked = blockedOutcome(ctx, intent);
  if (blocked) return blocked;
  if (isDataRequestKind(intent.kind)) return dataRequestIntent(ctx, intent);
  if (isCompanyIntent(intent.kind)) return companyIntent(ctx, intent.kind, intent);
  const permission = Object.hasOwn(PERMISSIONS, intent.kind) ? PERMISSIONS[intent.kind] : undefined;
  if (!permission) return rejected('unknown_kind');
  const rut = intent.personRut;
  if (rut === null) return rejected('invalid_payload');
  const { writes } = ctx;
  if (!writes.person(rut)) return rejected('entity_gone');
  const companyRut = number(intent.payload['companyRut']);

  if (ctx.mode === 'server') {
    if (!ctx.agent) return rejected('forbidden');
    const decision = decide(
      ctx.agent,
      permission,
      personTarget(() => writes.companyRuts(rut), companyRut ?? undefined),
    );
    if (!decision.allowed) return rejected('forbidden');
  }

  switch (intent.kind) {
    case 'person.update_contact':
      return updateContact(ctx, rut, intent);
    case 'account.unlock':
    case 'account.clear_registration_block':
      return accountCommand(ctx, rut, intent);
    case 'mail.resend':
      return resendMail(ctx, rut, intent);
    case 'membership.change_role':
      return changeRole(ctx, rut, companyRut, intent);
    default:
      return membershipState(ctx, rut, companyRut, intent);
  }
}

/**
 * Ley 21.719 temporary block, the same rule as the desk's (shared/rules/data-requests.ts): the
 * server answers a conflict naming the blocking request (the desk lists it for the agent); a
 * desk replaying over pulled rows simply does not show the change.
 */
function blockedOutcome(ctx: IntentContext, intent: Intent): Outcome | null {
  if (intent.personRut === null) return null;
  const decision = blockDecision(ctx.dataRequests.activeBlock(intent.personRut), {
    kind: intent.kind,
    personRut: intent.personRut,
    linked: ctx.dataRequests.linked(text(intent.payload['dataRequest'])),
  });
  if (decision.allowed) return null;
  if (ctx.mode === 'replay') return { status: 'applied', touched: [], mails: [] };
  return {
    status: 'conflict',
    code: 'person_blocked',
    conflicts: [{ field: 'blocked', yours: intent.kind, theirs: decision.requestNumber }],
    touched: [],
    mails: [],
  };
}

function dataRequestIntent(ctx: IntentContext, intent: Intent): Outcome {
  const rut = intent.personRut;
  if (rut === null || !isDataRequestKind(intent.kind)) return rejected('invalid_payload');
  // Someone the system holds nothing of may still ask (titularWithoutDataRefusal): a request
  // recorded with the name they gave, and then its own moves (found by number, with this RUT).
  const personHeld = Boolean(ctx.writes.person(rut));
  const mayLackPerson =
    intent.kind !== 'data_request.record' || typeof intent.payload['titularName'] === 'string';
  if (!personHeld && !mayLackPerson) {
    return ctx.mode === 'server'
      ? rejected('entity_gone')
      : { status: 'applied', touched: [], mails: [] };
  }
  if (ctx.mode === 'server') {
    if (!ctx.agent) return rejected('forbidden');
    const decision = decide(
      ctx.agent,
      'data_request.manage',
      personTarget(() => (personHeld ? ctx.writes.companyRuts(rut) : [])),
    );
    if (!decision.allowed) return rejected('forbidden');
  }
  const outcome = applyDataRequestIntent(
    {
      dataRequests: ctx.dataRequests,
      companies: ctx.companies,
      mode: ctx.mode,
      now: ctx.now,
      ageMs: ctx.ageMs,
      agentId: ctx.agentId,
      personHeld,
    },
    intent.kind,
    rut,
    intent.payload,
  );
  if (outcome.status === 'rejected') return rejected(outcome.code);
  if (outcome.status === 'conflict') return { ...outcome, touched: [], mails: [] };
  return { ...outcome, mails: [] };
}

const COMPANY_PERMISSIONS: Record<CompanyIntentKind, Action> = {
  'request.record': 'request.manage',
  'request.decide': 'request.manage',
  'company_user.add': 'company_user.manage',
  'company_user.change': 'company_user.manage',
  'membership.set_modules': 'company_user.manage',
};

function companyIntent(ctx: IntentContext, kind: CompanyIntentKind, intent: Intent): Outcome {
  const rut = intent.personRut;
  const companyRut = number(intent.payload['companyRut']);
  if (rut === null || companyRut === null) return rejected('invalid_payload');
  if (ctx.mode === 'server') {
    if (!ctx.agent) return rejected('forbidden');
    const decision = decide(
      ctx.agent,
      COMPANY_PERMISSIONS[kind],
      personTarget(() => ctx.writes.companyRuts(rut), companyRut),
    );
    if (!decision.allowed) return rejected('forbidden');
  } else if (!ctx.writes.person(rut) && kind !== 'company_user.add') {
    return { status: 'applied', touched: [], mails: [] };
  }
  const outcome = applyCompanyIntent(
    {
      writes: ctx.writes,
      companies: ctx.companies,
      now: ctx.now,
      actionId: intent.actionId,
      queueMails: ctx.mode === 'server',
      ageMs: ctx.ageMs,
      agent: ctx.agent,
    },
    kind,
    rut,
    companyRut,
    intent.payload,
  );
  return outcome.status === 'rejected' ? rejected(outcome.code) : outcome;
}

/**
 * The portals an undone bulk load asks to confirm again (`reverify`), a list of portals: on the
 * central API only from a supervisor's bulk load (its `batchId`), naming the change it undoes
 * (`undoOf`) — which the central itself must vouch for (vouchedReverify).
 */
function reverifyOf(ctx: IntentContext, intent: Intent): string[] | 'invalid' | 'forbidden' {
  const value = intent.payload['reverify'];
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    !value.every((portal) => typeof portal === 'string' && isPortal(portal))
  ) {
    return 'invalid';
  }
  if (
    ctx.mode === 'server' &&
    (intent.payload['batchId'] === undefined ||
      typeof intent.payload['undoOf'] !== 'string' ||
      ctx.agent?.role !== 'supervisor')
  ) {
    return 'forbidden';
  }
  return value as string[];
}

/**
 * Of the portals an undo asks to confirm again, those the central recorded as confirmed when it
 * applied the change undone — that change's, for this person, this address back over that one,
 * once. Nobody says an address is confirmed on a desk's word alone (rule 10). A desk replaying
 * its own undo takes its own word. null: refused.
 */
function vouchedReverify(
  ctx: IntentContext,
  intent: Intent,
  rut: number,
  change: { from: string | null; to: string },
  asked: string[],
): string[] | null {
  if (ctx.mode === 'replay') return asked;
  const vouched = ctx.bulkEmails?.undone(
    intent.payload['undoOf'] as string,
    intent.actionId,
    rut,
    change.from,
    change.to,
  );
  return vouched ? asked.filter((portal) => vouched.includes(portal)) : null;
}

/** A contact change's `fromPending`: strings or null, at most a few dozen; anything else none. */
function seenPending(change: { fromPending?: unknown }): Array<string | null> {
  const values = change.fromPending;
  if (!Array.isArray(values) || values.length > 50) return [];
  return values.filter(
    (value): value is string | null => value === null || typeof value === 'string',
  );
}

function updateContact(ctx: IntentContext, rut: number, intent: Intent): Outcome {
  const { writes } = ctx;
  const person = writes.person(rut)!;
  const changes = intent.payload['changes'];
  if (typeof changes !== 'object' || changes === null) return rejected('invalid_payload');
  const reverify = reverifyOf(ctx, intent);
  if (reverify === 'invalid') return rejected('invalid_payload');
  if (reverify === 'forbidden') return rejected('forbidden');
  const next = { email: person.email, phone: person.phone };
  const conflicts: Conflict[] = [];
  // Replayed over rows pulled in another page, the new address may already be in place from an
  // earlier replay while the accounts came back confirmed from the server (a sign-in's snapshot:
  // walk 59b): still unconfirmed here until the change reaches the central.
  let replayedEmail: string | null = null;
  for (const field of ['email', 'phone'] as const) {
    const change = (changes as Record<string, unknown>)[field] as
      { from?: unknown; to?: unknown; fromPending?: unknown } | undefined;
    if (!change) continue;
    const from = change.from === null ? null : text(change.from);
    const to = change.to === null ? null : text(change.to);
    // Never trust the wire: the value must be valid here too.
    if (field === 'email' && (to === null || normalizeEmail(to) !== to)) {
      return rejected('invalid_email');
    }
    if (field === 'phone' && to !== null && normalizeMobile(to) !== to) {
      return rejected('invalid_phone');
    }
    const current = person[field];
    if (current === to) {
      if (ctx.mode === 'replay' && field === 'email' && from !== to) replayedEmail = to;
      continue;
    }
    // Also seen: the values the field took in the sending desk's waiting changes of other lanes
    // (a shared desk: edit-contact.ts), which the central may hold or not yet.
    if (current === from || seenPending(change).includes(current)) next[field] = to;
    else conflicts.push({ field, yours: to, theirs: current });
  }
  const touched: Outcome['touched'] = [];
  const mails: number[] = [];
  const withheld: MailKind[] = [];
  const newEmail = next.email !== person.email && next.email !== null ? next.email : null;
  let reverified: string[] = [];
  if (reverify.length > 0 && newEmail !== null) {
    const vouched = vouchedReverify(
      ctx,
      intent,
      rut,
      { from: person.email, to: newEmail },
      reverify,
    );
    if (vouched === null) return rejected('forbidden');
    reverified = vouched;
  }
  // A bulk load's change: the portals it finds confirmed, for its undo (server only).
  const load =
    ctx.mode === 'server' && newEmail !== null && intent.payload['batchId'] !== undefined;
  const confirmedBefore = load && reverify.length === 0 ? writes.verifiedPortals(rut) : [];
  if (next.email !== person.email || next.phone !== person.phone) {
    writes.updateContact(
      rut,
      next.email === person.email
        ? { phone: next.phone }
        : { email: next.email, ...(next.phone === person.phone ? {} : { phone: next.phone }) },
      null,
      { at: decidedAt(ctx), by: ctx.decidedBy ?? null },
    );
    touched.push({ entity: 'person', key: rut });
    if (next.email !== person.email && next.email !== null) {
      // A new address must be confirmed (rule 10): accounts unverified, a confirmation mail —
      // but the undo of a bulk load gives back the address they had confirmed, confirmed.
      const { reverified: again, toConfirm } = reconfirm(writes.unverifyAccounts(rut), reverified);
      writes.verifyAccounts(rut, again);
      ctx.bulkEmails?.changed(intent.actionId, rut, person.email, next.email, confirmedBefore);
      for (const id of writes.accountIds(rut)) touched.push({ entity: 'account', key: id });
      // Like any mail: one that would arrive hours after the agent's action is not sent, and
      // the desk is told so (mailsWithheld), to ask it again.
      if (ctx.mode === 'server' && toConfirm.length > 0 && (ctx.ageMs ?? 0) > MAIL_FRESHNESS_MS) {
        withheld.push('email_confirmation');
      } else if (ctx.mode === 'server') {
        for (const portal of toConfirm) {
          const id = writes.queueMail(
            rut,
            portal,
            'email_confirmation',
            ctx.now.toISOString(),
            next.email,
            intent.actionId,
          );
          mails.push(id);
          touched.push({ entity: 'mail', key: id });
        }
      }
    }
  }
  if (replayedEmail !== null && next.email === replayedEmail) {
    writes.verifyAccounts(rut, reconfirm(writes.unverifyAccounts(rut), reverify).reverified);
  }
  // A conflict on one field may come with the other applied, its confirmation withheld too.
  const told = withheld.length > 0 ? { mailsWithheld: withheld } : {};
  return conflicts.length > 0
    ? { status: 'conflict', conflicts, touched, mails, ...told }
    : { status: 'applied', touched, mails, ...told };
}

function accountCommand(ctx: IntentContext, rut: number, intent: Intent): Outcome {
  const portal = text(intent.payload['portal']);
  if (!portal || !isPortal(portal)) return rejected('invalid_payload');
  const account = ctx.writes.account(rut, portal);
  if (!account) return rejected('entity_gone');
  const unlock = intent.kind === 'account.unlock';
  const already = unlock
    ? account.lockedUntil === null && account.failedAttempts === 0
    : !account.registrationBlocked;
  if (!already) {
    if (unlock) ctx.writes.unlock(account.id, null);
    else ctx.writes.clearRegistrationBlock(account.id, null);
  }
  return {
    status: 'applied',
    touched: already ? [] : [{ entity: 'account', key: account.id }],
    mails: [],
  };
}

function resendMail(ctx: IntentContext, rut: number, intent: Intent): Outcome {
  // The desk already shows the mail it queued; only the server creates and sends mails.
  if (ctx.mode === 'replay') return { status: 'applied', touched: [], mails: [] };
  const { writes } = ctx;
  const portal = text(intent.payload['portal']);
  const kind = text(intent.payload['mailKind']);
  if (!portal || !kind || !isPortal(portal)) return rejected('invalid_payload');
  if ((ctx.ageMs ?? 0) > MAIL_FRESHNESS_MS) return rejected('stale_command');
  const person = writes.person(rut)!;
  if (!person.email) return rejected('no_email');
  // Rule 4: a mail goes to the registered address — and only if it is still the one the agent
  // told the caller (`to`; older desks send none): another desk may have changed it meanwhile.
  const promised = intent.payload['to'];
  if (typeof promised === 'string' && promised !== person.email) return rejected('email_changed');
  const account = writes.account(rut, portal);
  if (!account) return rejected('entity_gone');
  if (!isMailKind(kind)) return rejected('invalid_payload');
  const from = mailPortal(kind, portal);
  const fits = mailFits(kind, writes.mailFacts(person, account));
  if (!fits) return rejected('mail_not_applicable');
  // Another device may have sent the same mail moments ago: one mail, not two.
  if (mailWaitMs(writes.lastMail(rut, from, kind), person.email, ctx.now.getTime()) > 0) {
    return { status: 'applied', touched: [], mails: [] };
  }
  const id = writes.queueMail(
    rut,
    from,
    kind,
    ctx.now.toISOString(),
    person.email,
    intent.actionId,
  );
  return { status: 'applied', touched: [{ entity: 'mail', key: id }], mails: [id] };
}

function membershipState(
  ctx: IntentContext,
  rut: number,
  companyRut: number | null,
  intent: Intent,
): Outcome {
  const change = membershipChangeOfKind(intent.kind);
  if (!change || companyRut === null) return rejected('invalid_payload');
  const transition = MEMBERSHIP_CHANGES[change];
  const membership = ctx.writes.membership(rut, companyRut);
  if (!membership) return rejected('entity_gone');
  // Rules 7, 11 and 13: a company's user's access is the company's to change — asked on a call
  // as company_user.change, or on its written request: a supervisor's selection or a bulk load,
  // whose id the intent carries (on the central API, sent by a supervisor: both are only
  // theirs, so an id written into an agent's or an officer's intent opens nothing); never as a
  // bare membership change.
  const writtenRequest =
    (intent.payload['selectionId'] !== undefined || intent.payload['batchId'] !== undefined) &&
    (ctx.mode !== 'server' || ctx.agent?.role === 'supervisor');
  if (!writtenRequest) return rejected('company_caller_required');
  if (representativeShielded(ctx, rut, companyRut, { toState: transition.to })) {
    return rejected('representative_register');
  }
  if (membership.state === transition.to) return { status: 'applied', touched: [], mails: [] };
  if (!transition.from.includes(membership.state)) {
    return ctx.mode === 'server'
      ? {
          status: 'conflict',
          conflicts: [{ field: 'state', yours: transition.to, theirs: membership.state }],
          touched: [],
          mails: [],
        }
      : { status: 'applied', touched: [], mails: [] };
  }
  if (transition.to === 'active' && !ctx.writes.companyAdherent(companyRut)) {
    return rejected('company_not_adherent');
  }
  // A dismissal ends the tie when it was decided, as a contact change is dated (decidedAt).
  const endedAt = transition.to === 'removed' ? decidedAt(ctx).toISOString() : null;
  ctx.writes.setMembershipState(membership.id, transition.to, endedAt, null);
  return { status: 'applied', touched: [{ entity: 'membership', key: membership.id }], mails: [] };
}

/**
 * Rules 9, 12: an agent who administers the company does not take its legal representative's
 * access or profile away (shieldsRepresentative); the server knows who pushed it.
 */
function representativeShielded(
  ctx: IntentContext,
  rut: number,
  companyRut: number,
  change: AuthorityChange,
): boolean {
  if (!ctx.agent) return false;
  const user = {
    personRut: rut,
    legalRepresentative: ctx.companies.legalRepresentative(rut, companyRut),
  };
  return shieldsRepresentative(user, agentActor(ctx.agent, companyRut), change);
}

function changeRole(
  ctx: IntentContext,
  rut: number,
  companyRut: number | null,
  intent: Intent,
): Outcome {
  const role = text(intent.payload['role']);
  const fromRole = text(intent.payload['fromRole']);
  if (companyRut === null || !role || !isOneOf(MEMBERSHIP_ROLES, role)) {
    return rejected('invalid_payload');
  }
  const membership = ctx.writes.membership(rut, companyRut);
  if (!membership) return rejected('entity_gone');
  if (membership.role === role) return { status: 'applied', touched: [], mails: [] };
  const company = ctx.companies.company(companyRut);
  const refusal = profileChangeRefusal(
    {
      role: membership.role,
      external: membership.external,
      legalRepresentative: ctx.companies.legalRepresentative(rut, companyRut),
    },
    role,
    { onEmpresas: company?.onEmpresas ?? false, adherent: company?.adherent ?? false },
  );
  if (refusal !== null) return rejected(refusal);
  // Rule 9: a profile is changed at the company's request, as its other changes are — the
  // central checks who asked with its own rows (callerOf), so a bare change (an older or a
  // tampered desk) opens nothing (walk 59a, review 59 H1).
  if (ctx.mode === 'server' && callerOf(ctx, companyRut, intent.payload) === null) {
    return rejected('company_caller_required');
  }
  if (fromRole !== null && membership.role !== fromRole) {
    return {
      status: 'conflict',
      conflicts: [{ field: 'role', yours: role, theirs: membership.role }],
      touched: [],
      mails: [],
    };
  }
  ctx.writes.setMembershipRole(membership.id, role, null);
  return { status: 'applied', touched: [{ entity: 'membership', key: membership.id }], mails: [] };
}
