/**
 * Calls and visits: an agent opens one for the caller with a reason from the catalogue, the
 * actions taken meanwhile link to it by themselves (run-action; one opened with nobody named
 * takes the first person acted for), and closing it records the outcome. Until it closes, its
 * reason can be corrected, its person too while nothing was done in it, and who is on the line:
 * someone calling in the person's name limits what the desk does (run-action, allowedOnBehalf).
 * Opening, those changes and closing are audited like any action.
 */
import type { Interaction } from '../../shared/contract';
import type { InteractionOutcome, InteractionReason } from '../../shared/policy';
import {
  CALL_DISCARD_MS,
  notesRequired,
  PENDING_NOTES_MIN,
  seesAllInteractions,
} from '../../shared/policy';
import { interactionOutcomeLabels } from '../../shared/messages';
import { loginRut, readRut, rutFromBody } from '../../shared/rut';
import { decide } from '../../shared/rules/permissions';
import type { InteractionRow, OnBehalf } from '../repositories/interaction-repository';
import { NOT_CALL_WORK_ACTIONS } from '../repositories/audit-action-kinds';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, kindParams, NotFoundError, RuleError } from './errors';
import { interactionKindOf } from '../../shared/rules/interaction-kind';
import { authorize } from './run-action';
import { auditInteraction as audit } from './interaction-audit';
import { newId } from '../../shared/ids';
import type { MailKind } from '../../shared/vocabulary';
import { isMailKind } from '../../shared/rules/access';
import { fullName } from '../../shared/format';
import { awaitsFollowUp, followUpRefusal } from '../../shared/rules/follow-up';

const rutText = (body: number | null) => (body === null ? null : loginRut(rutFromBody(body)));

function allowManage(session: Session) {
  const decision = decide(session, 'interaction.manage', { personCompanyRuts: [] });
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

/**
 * Who was said to call in the person's name during the call (its `interaction.set_caller`
 * events), but is not on the line now: the call's row keeps that someone else called.
 */
function earlierOnBehalf(
  events: ReadonlyArray<{ action: string; after: string | null }>,
  current: OnBehalf | null,
): OnBehalf[] {
  const seen = new Map<string, OnBehalf>();
  for (const event of events) {
    if (event.action !== 'interaction.set_caller' || event.after === null) continue;
    const { onBehalf } = JSON.parse(event.after) as { onBehalf?: OnBehalf | null };
    if (onBehalf) seen.set(`${onBehalf.name}\u0000${onBehalf.relation}`, onBehalf);
  }
  if (current) seen.delete(`${current.name}\u0000${current.relation}`);
  return [...seen.values()];
}

const NOT_CALL_WORK = new Set<string>(NOT_CALL_WORK_ACTIONS);

/** Who of a company asked for its change (the audit's `after.callerRut`), as a RUT body. */
function requesterOf(event: { after: string | null }): number | null {
  if (event.after === null) return null;
  try {
    const value = (JSON.parse(event.after) as { callerRut?: unknown }).callerRut;
    const body = typeof value === 'number' ? value : readRut(String(value ?? ''))?.body;
    return body ?? null;
  } catch {
    return null;
  }
}

/** A mail asked in the call: its kind, as the audit kept it (resend-mail.ts: `after.kind`). */
function mailKindOf(event: { action: string; after: string | null }): { mailKind?: MailKind } {
  if (event.action !== 'mail.resend' || event.after === null) return {};
  try {
    const kind = (JSON.parse(event.after) as { kind?: unknown }).kind;
    return typeof kind === 'string' && isMailKind(kind) ? { mailKind: kind } : {};
  } catch {
    return {};
  }
}

/** The call as the contract shows it, with the actions linked to it (not its own open/close). */
export function interactionView(ctx: ServiceContext, row: InteractionRow): Interaction {
  const events = ctx.repos.audit.forInteraction(row.id);
  const work = events.filter((event) => !NOT_CALL_WORK.has(event.action));
  // An action's audit event bears its id: what the central did with it, when not simply applied.
  const unsettled = ctx.repos.outbox.unsettled(work.map((event) => event.id));
  const names = new Map<number, string | null>();
  const nameOf = (rut: number): string | null => {
    if (!names.has(rut)) {
      const name = ctx.repos.companyRecords.personName(rut);
      names.set(
        rut,
        name
          ? fullName({
              givenNames: name.given_names,
              lastName1: name.last_name1,
              lastName2: name.last_name2,
            })
          : null,
      );
    }
    return names.get(rut)!;
  };
  const requestedBy = (event: { after: string | null }) => {
    const rut = requesterOf(event);
    return rut === null || rut === row.personRut
      ? {}
      : { requestedBy: { rut: rutText(rut)!, name: nameOf(rut) } };
  };
  return {
    id: row.id,
    kind: row.kind,
    agentId: row.agentId,
    personRut: rutText(row.personRut),
    personName: row.personName,
    agentName: row.agentName,
    reason: row.reason as Interaction['reason'],
    outcome: row.outcome as Interaction['outcome'],
    notes: row.notes,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    onBehalf: row.onBehalf,
    earlierOnBehalf: earlierOnBehalf(events, row.onBehalf),
    followUp: row.followUp,
    awaiting: awaitsFollowUp(row),
    actions: work.map((event) => ({
      action: event.action,
      at: event.at,
      personRut: rutText(event.personRut),
      // Someone else acted on in the call is named, not left a bare RUT (walk 58, L2).
      ...(event.personRut !== null && event.personRut !== row.personRut
        ? { personName: nameOf(event.personRut) }
        : {}),
      // Who of the company asked, when not the call's person (walk 58b: only the audit said).
      ...requestedBy(event),
      sync: unsettled.get(event.id) ?? null,
      ...mailKindOf(event),
    })),
  };
}

export function openInteraction(
  ctx: ServiceContext,
  session: Session,
  command: { personRut: number | null; reason: InteractionReason },
): Interaction {
  allowManage(session);
  const { interactions } = ctx.repos;
  return ctx.db.$client.transaction(() => {
    // A call about a person names them in the audit: only someone the agent may see. (A caller
    // whose RUT is not in the replica at all is a call too: "RUT no registrado".)
    if (command.personRut !== null && ctx.repos.writes.person(command.personRut)) {
      authorize(ctx, session, 'person.view', command.personRut);
    }
    const open = interactions.openOf(session.agentId);
    if (open) throw new RuleError('interaction_open', { kind: open.kind });
    const id = newId();
    interactions.open({
      id,
      agentId: session.agentId,
      personRut: command.personRut,
      reason: command.reason,
      openedAt: ctx.now().toISOString(),
      // A call, or an officer's visit, for good: a later change of role does not make it other.
      kind: interactionKindOf(session.role),
    });
    // Read back: the row now carries the caller's and the agent's names.
    const row = interactions.byId(id)!;
    audit(ctx, session, row, 'interaction.open', { reason: command.reason });
    return interactionView(ctx, row);
  })();
}

/**
 * The agent's own call, still open, to change: another's is not found (in the words of what the
 * agent opens, `kindParams`), a closed one says so in the words of its own kind.
 */
function ownOpenCall(
  ctx: ServiceContext,
  session: Session,
  id: string,
  closedParams: Record<string, string> = {},
): InteractionRow {
  const row = ownCall(ctx, session, id);
  if (row.closedAt !== null) {
    throw new RuleError('interaction_closed', { ...closedParams, kind: row.kind });
  }
  return row;
}

/** The agent's own call, open or not: another's (or none) is not found, in the agent's words. */
function ownCall(ctx: ServiceContext, session: Session, id: string): InteractionRow {
  const row = ctx.repos.interactions.byId(id);
  if (!row || row.agentId !== session.agentId) {
    throw new NotFoundError('interaction', kindParams(session).kind);
  }
  return row;
}

/**
 * One field of the agent's own open call changed, audited as `action` (before → after), in one
 * transaction: the same value again changes nothing; `check` refuses what may not change now.
 */
function changeOpenCall<K extends 'reason' | 'personRut' | 'onBehalf'>(
  ctx: ServiceContext,
  session: Session,
  spec: {
    id: string;
    field: K;
    value: InteractionRow[K];
    action: string;
    write: (id: string) => boolean;
    check?: (row: InteractionRow) => void;
    closedParams?: Record<string, string>;
  },
): Interaction {
  allowManage(session);
  return ctx.db.$client.transaction(() => {
    const row = ownOpenCall(ctx, session, spec.id, spec.closedParams);
    if (JSON.stringify(row[spec.field]) === JSON.stringify(spec.value)) {
      return interactionView(ctx, row);
    }
    spec.check?.(row);
    if (!spec.write(row.id)) {
      throw new RuleError('interaction_closed', { ...spec.closedParams, kind: row.kind });
    }
    // Read back: a new person brings their name.
    const changed = ctx.repos.interactions.byId(row.id)!;
    audit(
      ctx,
      session,
      changed,
      spec.action,
      { [spec.field]: spec.value },
      { [spec.field]: row[spec.field] },
    );
    return interactionView(ctx, changed);
  })();
}

/** Corrects the reason of the agent's own open call; a closed call keeps the reason it closed with. */
export function setInteractionReason(
  ctx: ServiceContext,
  session: Session,
  command: { id: string; reason: InteractionReason },
): Interaction {
  return changeOpenCall(ctx, session, {
    id: command.id,
    field: 'reason',
    value: command.reason,
    action: 'interaction.set_reason',
    write: (id) => ctx.repos.interactions.setReason(id, command.reason),
    closedParams: { change: 'reason' },
  });
}

/**
 * The call was opened for the wrong person (a namesake, the previous caller still on screen):
 * while nothing was done in it, it is about the person the agent names now. Audited.
 */
export function setInteractionPerson(
  ctx: ServiceContext,
  session: Session,
  command: { id: string; personRut: number },
): Interaction {
  authorize(ctx, session, 'person.view', command.personRut);
  return changeOpenCall(ctx, session, {
    id: command.id,
    field: 'personRut',
    value: command.personRut,
    action: 'interaction.set_person',
    check: (row) => {
      if (interactionView(ctx, row).actions.length > 0) {
        throw new RuleError('interaction_has_actions', { kind: row.kind });
      }
    },
    write: (id) => ctx.repos.interactions.setPerson(id, command.personRut),
  });
}

/**
 * Who is on the line: someone in the person's name (a relative, a carer — who, and how related),
 * or the person after all. Said at any time while the call lasts; audited. A visit is face to
 * face (the officer's bar offers no such control): nobody is marked as speaking for the person
 * there, and a visit that somehow has someone marked may still go back to the person.
 * `personRut`: the person whose record is on screen; a call that names nobody yet, nothing done in
 * it, is filed under them in the same transaction (audited as a change of its person), so the caller speaks for
 * them and not for whoever is acted for first (walk 58: a company's requester, whose own request
 * was then refused as if asked in his name).
 */
export function setInteractionCaller(
  ctx: ServiceContext,
  session: Session,
  command: { id: string; onBehalf: OnBehalf | null; personRut?: number },
): Interaction {
  const onBehalf = command.onBehalf && {
    name: command.onBehalf.name.trim(),
    relation: command.onBehalf.relation,
  };
  const { personRut } = command;
  if (onBehalf === null || personRut === undefined)
    return setCaller(ctx, session, command.id, onBehalf);
  allowManage(session);
  return ctx.db.$client.transaction(() => {
    // Not one that already has actions (a Ley 21.719 request of someone not on this desk): it
    // stays as it is, and who calls is noted all the same (review 58).
    const row = ownOpenCall(ctx, session, command.id);
    if (row.personRut === null && interactionView(ctx, row).actions.length === 0) {
      setInteractionPerson(ctx, session, { id: command.id, personRut });
    }
    return setCaller(ctx, session, command.id, onBehalf);
  })();
}

function setCaller(
  ctx: ServiceContext,
  session: Session,
  id: string,
  onBehalf: OnBehalf | null,
): Interaction {
  return changeOpenCall(ctx, session, {
    id,
    field: 'onBehalf',
    value: onBehalf,
    action: 'interaction.set_caller',
    check: (row) => {
      if (row.kind === 'visit' && onBehalf !== null) {
        throw new RuleError('on_behalf_at_visit', { kind: row.kind });
      }
    },
    write: (id) => ctx.repos.interactions.setOnBehalf(id, onBehalf),
  });
}

/**
 * Closes the agent's own call with its outcome and notes. `personRut`: a call opened before the
 * caller was found, closed with nothing done, is filed under the person it was about (the record
 * on screen, or a RUT dictated that nobody has) as it closes — audited as a change of its
 * person, in the same transaction — so «Llamadas» finds it by them. A call that already names
 * someone else is not moved by closing (interactions.setPerson does that, while nothing is done).
 */
export function closeInteraction(
  ctx: ServiceContext,
  session: Session,
  command: { id: string; outcome: InteractionOutcome; notes: string; personRut?: number },
): Interaction {
  allowManage(session);
  const { interactions } = ctx.repos;
  return ctx.db.$client.transaction(() => {
    let row = ownCall(ctx, session, command.id);
    const about = command.personRut;
    if (about !== undefined && row.closedAt === null && row.personRut !== about) {
      if (row.personRut !== null) {
        throw new RuleError('interaction_has_person', { kind: row.kind });
      }
      // As when a call opens: someone the replica has is named only if the agent may see them.
      if (ctx.repos.writes.person(about)) authorize(ctx, session, 'person.view', about);
      if (!interactions.setPerson(row.id, about)) {
        throw new RuleError('interaction_closed', { kind: row.kind });
      }
      const named = interactions.byId(row.id)!;
      audit(
        ctx,
        session,
        named,
        'interaction.set_person',
        { personRut: about },
        { personRut: null },
      );
      row = named;
    }
    const notes = command.notes.trim() || null;
    const actions = interactionView(ctx, row).actions.length;
    if (notesRequired(command.outcome, actions) && (notes?.length ?? 0) < PENDING_NOTES_MIN) {
      // «Resuelto» with nothing done: how it was (no outcome to name in the words).
      throw new RuleError('interaction_notes_required', {
        ...(command.outcome === 'resolved'
          ? {}
          : { outcome: interactionOutcomeLabels[command.outcome] }),
        kind: row.kind,
      });
    }
    const closedAt = ctx.now().toISOString();
    if (!interactions.close(row.id, command.outcome, notes, closedAt)) {
      throw new RuleError('interaction_closed', { kind: row.kind });
    }
    const closed = { ...row, outcome: command.outcome, notes, closedAt };
    audit(ctx, session, closed, 'interaction.close', { outcome: command.outcome, notes });
    return interactionView(ctx, closed);
  })();
}

/**
 * Discards the agent's own call opened by mistake: while nothing is done in it and within
 * CALL_DISCARD_MS of its opening. Its row goes; the audit keeps that it was opened and discarded
 * (`interaction.discard`, not counted as work by the Panel), in one transaction.
 */
export function discardInteraction(
  ctx: ServiceContext,
  session: Session,
  command: { id: string },
): null {
  allowManage(session);
  return ctx.db.$client.transaction(() => {
    const row = ownOpenCall(ctx, session, command.id);
    if (interactionView(ctx, row).actions.length > 0) {
      throw new RuleError('interaction_discard_has_actions', { kind: row.kind });
    }
    if (ctx.now().getTime() - Date.parse(row.openedAt) > CALL_DISCARD_MS) {
      throw new RuleError('interaction_discard_late', { kind: row.kind });
    }
    audit(ctx, session, row, 'interaction.discard', { reason: row.reason });
    if (!ctx.repos.interactions.discard(row.id)) {
      throw new RuleError('interaction_closed', { kind: row.kind });
    }
    return null;
  })();
}

/**
 * A call or visit closed as «Derivado» or «Volver a contactar» was attended to: when, by whom and
 * what was done, audited (`interaction.follow_up`), in one transaction. Its own agent or a
 * supervisor (shared/rules/follow-up.ts); another's, to anyone else, is not found, as in the
 * lists. The same note sent again by the same agent (an answer lost) answers as the first time.
 */
export function followUpInteraction(
  ctx: ServiceContext,
  session: Session,
  command: { id: string; note: string },
): Interaction {
  allowManage(session);
  const { interactions } = ctx.repos;
  return ctx.db.$client.transaction(() => {
    const row = interactions.byId(command.id);
    const refusal = row ? followUpRefusal(session, row) : 'not_yours';
    // Another's call, to one who may not see it: not found, whatever became of it (as the lists).
    if (!row || refusal === 'not_yours') {
      throw new NotFoundError('interaction', kindParams(session).kind);
    }
    const note = command.note.trim();
    const done = row.followUp;
    if (done && done.agentId === session.agentId && done.note === note) {
      return interactionView(ctx, row);
    }
    if (refusal === 'done' && done) {
      throw new RuleError('interaction_follow_up_done', {
        kind: row.kind,
        at: done.at,
        by: done.agentName ?? '',
      });
    }
    if (
      refusal !== null ||
      !interactions.followUp(row.id, ctx.now().toISOString(), session.agentId, note)
    ) {
      throw new RuleError('interaction_follow_up_none', { kind: row.kind });
    }
    const attended = interactions.byId(row.id)!;
    audit(ctx, session, attended, 'interaction.follow_up', { outcome: row.outcome, note });
    return interactionView(ctx, attended);
  })();
}

export function currentInteraction(ctx: ServiceContext, session: Session): Interaction | null {
  const row = ctx.repos.interactions.openOf(session.agentId);
  return row ? interactionView(ctx, row) : null;
}

/**
 * What the Llamadas list asks for: a person, an agent, a range of days (ISO instants), an
 * outcome, and only those waiting to be attended to.
 */
export type InteractionListFilter = {
  personRut: number | null;
  agentId?: string | null;
  from?: string | null;
  to?: string | null;
  outcome?: InteractionOutcome | null;
  awaiting?: boolean;
};

/**
 * Supervisors see every agent's calls (with the agent's name) and may pick one agent; others
 * see their own, and asking for someone else's is refused.
 */
function visibleFilter(session: Session, filter: InteractionListFilter) {
  const asked = filter.agentId ?? null;
  if (!seesAllInteractions(session.role) && asked !== null && asked !== session.agentId) {
    throw new ForbiddenError('role');
  }
  return {
    agentId: seesAllInteractions(session.role) ? asked : session.agentId,
    personRut: filter.personRut,
    from: filter.from ?? null,
    to: filter.to ?? null,
    outcome: filter.outcome ?? null,
    awaiting: filter.awaiting ?? false,
  };
}

export function listInteractions(
  ctx: ServiceContext,
  session: Session,
  filter: InteractionListFilter & { offset: number; limit: number },
): Interaction[] {
  return ctx.repos.interactions
    .list(visibleFilter(session, filter), filter.limit, filter.offset)
    .map((row) => interactionView(ctx, row));
}

/**
 * How many interactions `listInteractions` pages through for the same filter, and how many of
 * them are visits: the list names what it holds, as the Panel does.
 */
export function countInteractions(
  ctx: ServiceContext,
  session: Session,
  filter: InteractionListFilter,
): { total: number; visits: number } {
  return ctx.repos.interactions.count(visibleFilter(session, filter));
}
