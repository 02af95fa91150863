/**
 * The shape of every help-desk action, in one synchronous SQLite transaction:
 * permission → domain rule and write → outbox entry → audit event. Any throw rolls all of it back.
 */
import { decide, personTarget, type Action } from '../../shared/rules/permissions';
import { unavailableFact, type IdentityHolder } from '../../shared/identity-facts';
import {
  allowedOnBehalf,
  IDENTITY_FACTS_REQUIRED,
  MIN_REASON_LENGTH,
  speaksFor,
  type IdentityFact,
} from '../../shared/policy';
import { blockDecision, linksTo } from '../../shared/rules/data-requests';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, NotFoundError, RuleError } from './errors';
import { newId } from '../../shared/ids';
import { auditInteraction } from './interaction-audit';

export type ActionReceipt = { actionId: string; auditSeq: number };

/**
 * An action a supervisor takes on a selection of people (issue 8): nobody is on the line, so no
 * identity can have been compared. It is never dressed up as checked: no facts are accepted,
 * the identity requirement gives way to a required reason that says whose request it was, the
 * agent must be a supervisor, and the audit event and the intent name the selection's run.
 */
export type BulkBasis = { selectionId: string };

export type ActionSpec = {
  permission: Action;
  personRut: number;
  /** The membership's company, for membership actions. */
  companyRut?: number;
  /**
   * Who is on the line when it is not the person acted on (a company's representative asking
   * for a change of its user); a call opened with nobody named takes them as its caller.
   */
  onLine?: number;
  /** The outbox kind, and the audit's action name unless `auditAction` says more. */
  kind: string;
  /** What the audit calls it when the wire's kind says less (a company page's change). */
  auditAction?: string;
  reason: string | null;
  /** Required (and checked) for sensitive actions; null for the others. */
  identityCheck: IdentityFact[] | null;
  requireIdentity?: boolean;
  requireReason?: boolean;
  bulk?: BulkBasis;
  /**
   * Ley 21.719: the number of the request this action is taken under (a rectification through
   * the contact edit); kept on the intent and the audit event, and it lets the action through
   * the person's temporary block.
   */
  dataRequest?: string | null;
  /**
   * A Ley 21.719 titular, whom the system may hold nothing of (authorizeTitular): such a one is
   * not taken as the caller of a call opened with nobody named (the calls list names records).
   */
  titular?: boolean;
  /**
   * Taken outside the agent's open call or visit, whatever is open: a conflict settled in
   * Sincronización sends again a decision of an earlier call, no act of the one open now.
   */
  outsideCall?: boolean;
  /** Checks the rule and writes; returns what the audit and the outbox keep. */
  apply: (actionId: string) => { before: unknown; after: unknown; intent: Record<string, unknown> };
};

/** A selection's reason stands in for the caller: who asked, and how (a ticket, a mail). */
export const MIN_BULK_REASON = 10;

/**
 * The agent's scope as it is now: access-administrator rights follow the memberships, so a
 * demotion or dismissal takes effect at once, not at the next sign-in.
 */
export function currentScope(ctx: ServiceContext, session: Session): Session {
  return { ...session, adminOfCompanyRuts: ctx.repos.agents.adminOfCompanies(session.personRut) };
}

/**
 * May this agent do this to this person? Checked before anything about the person is read or
 * validated, so a refusal never reveals their data.
 */
export function authorize(
  ctx: ServiceContext,
  session: Session,
  permission: Action,
  personRut: number,
  companyRut?: number,
): void {
  if (!ctx.repos.writes.person(personRut)) throw new NotFoundError('person');
  const decision = decide(
    currentScope(ctx, session),
    permission,
    personTarget(() => ctx.repos.writes.companyRuts(personRut), companyRut),
  );
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

/**
 * authorize, for a Ley 21.719 titular: one the system holds is authorised as any action on them;
 * one it holds nothing of, as a person of no company (so an officer's scope never covers them).
 */
export function authorizeTitular(ctx: ServiceContext, session: Session, personRut: number): void {
  if (ctx.repos.writes.person(personRut)) {
    authorize(ctx, session, 'data_request.manage', personRut);
    return;
  }
  const decision = decide(
    currentScope(ctx, session),
    'data_request.manage',
    personTarget(() => []),
  );
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

/**
 * Only facts the system holds for this person can have been compared with the caller: a fact
 * they lack (no e-mail, no phone) or one the desk no longer asks (birth date) is refused.
 */
function checkIdentityFacts(ctx: ServiceContext, personRut: number, facts: readonly string[]) {
  if (facts.length === 0) return;
  const holder = ctx.repos.records.identityHolder(personRut, ctx.now());
  if (!holder) throw new NotFoundError('person');
  refuseUnavailableFact(holder, facts);
}

/** A checked fact the system does not take, refused saying why (shared/identity-facts.ts). */
export function refuseUnavailableFact(holder: IdentityHolder, facts: readonly string[]): void {
  const unavailable = unavailableFact(holder, facts);
  if (unavailable === null) return;
  if (unavailable.changedUntil !== null) {
    throw new RuleError('identity_fact_changed', {
      fact: unavailable.fact,
      until: unavailable.changedUntil,
    });
  }
  throw new RuleError('identity_fact_unavailable', { fact: unavailable.fact });
}

/**
 * Ley 21.719 (issue 10): the one check every action on a person passes, with the same rule the
 * central API applies to intents (shared/rules/data-requests.ts). Also checks the request an
 * action names: an open request of that same person that this action answers (linksTo).
 */
export function checkDataBlock(
  ctx: ServiceContext,
  personRut: number,
  kind: string,
  dataRequest: string | null,
): void {
  const linked = ctx.repos.dataRequests.linked(dataRequest);
  if (dataRequest !== null && !linksTo({ kind, personRut }, linked)) {
    throw new RuleError('data_request_not_linkable', { number: dataRequest });
  }
  const decision = blockDecision(ctx.repos.dataRequests.activeBlock(personRut), {
    kind,
    personRut,
    linked,
  });
  if (!decision.allowed) throw new RuleError('person_blocked', { number: decision.requestNumber });
}

export function runAction(ctx: ServiceContext, session: Session, spec: ActionSpec): ActionReceipt {
  const { repos } = ctx;
  return ctx.db.$client.transaction((): ActionReceipt => {
    if (spec.titular) authorizeTitular(ctx, session, spec.personRut);
    else authorize(ctx, session, spec.permission, spec.personRut, spec.companyRut);
    const dataRequest = spec.dataRequest ?? null;
    checkDataBlock(ctx, spec.personRut, spec.kind, dataRequest);

    const reason = spec.reason?.trim() || null;
    if (
      (spec.requireReason || spec.bulk) &&
      (reason === null || reason.length < (spec.bulk ? MIN_BULK_REASON : MIN_REASON_LENGTH))
    ) {
      throw new RuleError(spec.bulk ? 'selection_reason_required' : 'reason_required', {
        min: MIN_BULK_REASON,
      });
    }
    const facts = [...new Set(spec.identityCheck ?? [])];
    if (spec.bulk) {
      if (session.role !== 'supervisor') throw new ForbiddenError('role');
      if (facts.length > 0) throw new RuleError('identity_fact_unavailable', { fact: facts[0]! });
    }
    checkIdentityFacts(ctx, spec.personRut, facts);
    if (spec.requireIdentity && !spec.bulk && facts.length < IDENTITY_FACTS_REQUIRED) {
      throw new RuleError('identity_required', { required: IDENTITY_FACTS_REQUIRED });
    }

    const call = spec.outsideCall ? undefined : repos.interactions.openOf(session.agentId);
    // Someone calling in the person's name (seed 000: «el acceso es personal»); a selection run
    // has nobody on the line.
    const onLine = spec.onLine ?? spec.personRut;
    const spokenFor =
      call?.onBehalf && !spec.bulk && speaksFor(call, onLine) ? call.onBehalf : null;
    if (spokenFor && !allowedOnBehalf(spec.kind)) {
      throw new RuleError('on_behalf_personal', {
        name: spokenFor.name,
        kind: call?.kind ?? 'call',
      });
    }
    // Taken with them on the line, the audit says who asked (and gave the facts it names).

    const actionId = newId();
    const applied = spec.apply(actionId);
    // A call opened before the caller was found (nobody on screen) is about the first person
    // the agent acts for; a selection run has nobody on the line.
    const onRecord = !spec.titular || Boolean(repos.writes.person(onLine));
    if (call && call.personRut === null && !spec.bulk && onRecord) {
      // Audited as a change of its person would be: who the call is about is the audit's too.
      if (repos.interactions.takeCaller(call.id, onLine)) {
        const taken = { ...call, personRut: onLine };
        auditInteraction(
          ctx,
          session,
          taken,
          'interaction.set_person',
          { personRut: onLine },
          {
            personRut: null,
          },
        );
      }
    }
    const { before } = applied;
    // Marks that travel with the action: a selection run's (no caller on the line), the
    // Ley 21.719 request it is taken under, and who called in the person's name (the audit's only).
    const marks = {
      ...(spec.bulk ? { selectionId: spec.bulk.selectionId, callerPresent: false } : {}),
      ...(dataRequest === null ? {} : { dataRequest }),
      ...(spokenFor === null ? {} : { onBehalf: spokenFor }),
    };
    const marked = Object.keys(marks).length > 0;
    const after = marked ? { ...(applied.after as object), ...marks } : applied.after;
    const intent = marked
      ? {
          ...applied.intent,
          ...(spec.bulk ? { selectionId: spec.bulk.selectionId } : {}),
          ...(dataRequest === null ? {} : { dataRequest }),
        }
      : applied.intent;
    const at = ctx.now().toISOString();
    repos.outbox.enqueue({
      actionId,
      kind: spec.kind,
      agentId: session.agentId,
      personRut: spec.personRut,
      payload: { ...intent, personRut: spec.personRut, decidedAt: at },
      createdAt: at,
    });
    const auditSeq = repos.audit.append({
      id: actionId,
      at,
      agentId: session.agentId,
      deviceId: ctx.deviceId,
      personRut: spec.personRut,
      action: spec.auditAction ?? spec.kind,
      before: JSON.stringify(before),
      after: JSON.stringify(after),
      reason,
      identityCheck: facts.length > 0 ? JSON.stringify(facts) : null,
      interactionId: call?.id ?? null,
    });
    return { actionId, auditSeq };
  })();
}
