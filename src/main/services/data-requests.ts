/**
 * Ley 21.719 data-subject requests on the desk (issue 10): recording one on the call, moving it
 * through its states, ending a temporary block, and the lists a supervisor works from. Every
 * change goes through runAction (permission → rule and write → outbox intent → audit, one
 * transaction) and writes with the same intent code the central API applies.
 */
import type { DataRequestView, LinkedChange } from '../../shared/contract';
import { actionText, auditDetailLine, describeAuditChange } from '../../shared/audit-details';
import { refuseUnavailableFact } from './run-action';
import { IDENTITY_FACTS_REQUIRED, speaksFor, type IdentityFact } from '../../shared/policy';
import {
  checkMove,
  DATA_REQUEST_MOVES,
  deadlineKind,
  identityMethodFits,
  isOpen,
  MIN_DETAIL_LENGTH,
  receivedOnFits,
  requestNumber,
  titularWithoutDataRefusal,
  type DataRequestChannel,
  type DataRequestMove,
  type DataRequestState,
  type DataRight,
  type IdentityMethod,
} from '../../shared/rules/data-requests';
import {
  calendarDaysBetween,
  deadlineStatus,
  extendedDeadline,
  responseDeadline,
  type DeadlineStatus,
} from '../../shared/rules/legal-deadlines';
import { santiagoDate, santiagoDayStart } from '../../shared/format';
import { COMPANY_RUT_FROM, loginRut, rutFromBody } from '../../shared/rut';
import type { DataRequestRow, ListedRequest } from '../../intents/data-request-repository';
import { applyDataRequestIntent, readIdentityCheck } from '../../intents/data-request-intents';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, NotFoundError, RuleError } from './errors';
import { authorizeTitular, runAction, type ActionReceipt } from './run-action';
import { fullName } from '../../shared/format';

/** Business days ahead within which a deadline is flagged as close. */
export const DUE_SOON_BUSINESS_DAYS = 2;

const SEQUENCE_KEY = 'data_request_seq';

export type RecordDataRequest = {
  personRut: number;
  right: DataRight;
  channel: DataRequestChannel;
  identityMethod: IdentityMethod | null;
  identityFacts: IdentityFact[];
  detail: string;
  /** The day a written request arrived (aaaa-mm-dd); null: today (receivedOnFits). */
  receivedOn: string | null;
  /** More than 30 days back, confirmed by the agent as the true day (receivedOnFits). */
  lateConfirmed?: boolean;
  /** The titular's name as they give it: required when the system holds no person of theirs. */
  titularName?: string | null;
  /** The replica may still lack persons (an initial sync): nobody can be said not to be held. */
  replicaIncomplete?: boolean;
};

/** The next number of this device, allocated inside the caller's transaction. */
function nextNumber(ctx: ServiceContext): string {
  const sqlite = ctx.db.$client;
  const current = sqlite
    .prepare('SELECT value FROM sync_state WHERE key = ?')
    .pluck()
    .get(SEQUENCE_KEY) as string | undefined;
  const next = (current ? Number(current) : 0) + 1;
  sqlite
    .prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(SEQUENCE_KEY, String(next));
  return requestNumber(ctx.deviceId, next);
}

/** Whose requests an agent works on: a supervisor everyone's, an agent their own. */
function mayHandle(session: Session, request: { agentId: string }) {
  if (session.role === 'supervisor') return;
  if (session.role !== 'agent' || request.agentId !== session.agentId) {
    throw new ForbiddenError('role');
  }
}

function found(ctx: ServiceContext, number: string): DataRequestRow {
  const request = ctx.repos.dataRequests.byNumber(number);
  if (!request) throw new RuleError('data_request_not_found', { number });
  return request;
}

export type DataRequestReceipt = ActionReceipt & { request: DataRequestView };

export function recordDataRequest(
  ctx: ServiceContext,
  session: Session,
  command: RecordDataRequest,
): DataRequestReceipt {
  const { repos } = ctx;
  // Checked before anything about the person is read, so a refusal reveals nothing.
  authorizeTitular(ctx, session, command.personRut);
  const personHeld = Boolean(repos.writes.person(command.personRut));
  if (!personHeld && command.replicaIncomplete) {
    throw new RuleError('data_request_titular_not_synced');
  }
  // Ley 21.719 protects persons' data: a company is no titular.
  if (!personHeld && command.personRut >= COMPANY_RUT_FROM) {
    throw new RuleError('data_request_titular', { why: 'company_rut' });
  }
  if (command.identityMethod === null) throw new RuleError('data_request_identity_required');
  if (!identityMethodFits(command.identityMethod, command.channel)) {
    throw new RuleError('data_request_identity_channel');
  }
  const facts = [...new Set(command.identityFacts)];
  // A representative calling (interactions.setCaller) answers the titular's facts as anyone
  // close could: they prove neither who the titular is nor the representation.
  if (
    command.identityMethod === 'facts' &&
    speaksFor(repos.interactions.openOf(session.agentId), command.personRut)
  ) {
    throw new RuleError('data_request_representative');
  }
  // Someone the system holds nothing of: their name as they give it, no block, no facts.
  const titularName = personHeld ? null : (command.titularName?.trim() ?? null);
  if (!personHeld) {
    const why = titularWithoutDataRefusal({
      right: command.right,
      method: command.identityMethod,
      titularName,
    });
    if (why !== null) throw new RuleError('data_request_titular', { why });
  }
  if (command.identityMethod === 'facts') {
    const holder = repos.records.identityHolder(command.personRut, ctx.now());
    if (!holder) throw new NotFoundError('person');
    refuseUnavailableFact(holder, facts);
    if (facts.length < IDENTITY_FACTS_REQUIRED) {
      throw new RuleError('identity_required', { required: IDENTITY_FACTS_REQUIRED });
    }
  }
  const detail = command.detail.trim();
  if (detail.length < MIN_DETAIL_LENGTH) throw new RuleError('data_request_detail_required');
  // Art. 11: the term runs from the day it was received, which a mail may precede by days.
  const today = santiagoDate(ctx.now());
  const receivedOn = command.receivedOn ?? today;
  const fits = receivedOnFits(command.channel, receivedOn, today, command.lateConfirmed);
  if (fits !== 'ok') {
    throw new RuleError('data_request_received_on', { why: fits });
  }
  if (command.right === 'blocking') {
    const block = repos.dataRequests.activeBlock(command.personRut);
    if (block) throw new RuleError('person_already_blocked', { number: block.requestNumber });
    // Art. 11: the block is obtained on a rectification, deletion or objection being decided.
    if (!repos.dataRequests.hasOpenBlockable(command.personRut)) {
      throw new RuleError('data_request_block_without_request');
    }
  }
  let number = '';
  const receipt = runAction(ctx, session, {
    permission: 'data_request.manage',
    personRut: command.personRut,
    kind: 'data_request.record',
    reason: null,
    identityCheck: command.identityMethod === 'facts' ? facts : null,
    titular: true,
    apply: () => {
      number = nextNumber(ctx);
      // Dated back, the day alone: its start (formatReceived shows such an instant as the day).
      const receivedAt =
        receivedOn === today ? ctx.now().toISOString() : santiagoDayStart(receivedOn).toISOString();
      const payload = {
        number,
        right: command.right,
        channel: command.channel,
        identityCheck: { method: command.identityMethod, facts },
        detail,
        receivedAt,
        agentId: session.agentId,
        interactionId: repos.interactions.openOf(session.agentId)?.id ?? null,
        ...(titularName === null ? {} : { titularName }),
      };
      const outcome = applyDataRequestIntent(
        {
          dataRequests: repos.dataRequests,
          companies: ctx.repos.companies,
          mode: 'server',
          now: ctx.now(),
          agentId: session.agentId,
          personHeld,
        },
        'data_request.record',
        command.personRut,
        payload,
      );
      if (outcome.status !== 'applied') throw new RuleError('data_request_move_refused');
      const row = repos.dataRequests.byNumber(number)!;
      return {
        before: null,
        after: {
          number,
          right: command.right,
          channel: command.channel,
          identityMethod: command.identityMethod,
          dueDate: row.dueDate,
          detail,
          blocked: row.blockedAt !== null,
          ...(titularName === null ? {} : { titularName }),
        },
        intent: payload,
      };
    },
  });
  return { ...receipt, request: view(ctx, repos.dataRequests.byNumber(number)!) };
}

export type MoveDataRequest = { number: string; move: DataRequestMove; reason: string | null };

export function moveDataRequest(
  ctx: ServiceContext,
  session: Session,
  command: MoveDataRequest,
): DataRequestReceipt {
  const request = found(ctx, command.number);
  authorizeTitular(ctx, session, request.personRut);
  mayHandle(session, request);
  const reason = command.reason?.trim() || null;
  const check = checkMove(
    {
      state: request.state,
      right: request.right,
      extended: request.extendedAt !== null,
      dueDate: request.dueDate,
    },
    command.move,
    reason,
    santiagoDate(ctx.now()),
  );
  if (!check.ok) {
    throw new RuleError(
      check.code === 'reason_required' ? 'reason_required' : 'data_request_move_refused',
      {
        why: check.code,
        state: request.state,
      },
    );
  }
  const receipt = runAction(ctx, session, {
    permission: 'data_request.manage',
    personRut: request.personRut,
    kind: 'data_request.move',
    titular: true,
    reason,
    requireReason: DATA_REQUEST_MOVES[command.move].reason,
    identityCheck: null,
    apply: () => {
      const payload = {
        number: request.number,
        move: command.move,
        reason,
        fromState: request.state,
      };
      const outcome = applyDataRequestIntent(
        {
          dataRequests: ctx.repos.dataRequests,
          companies: ctx.repos.companies,
          mode: 'server',
          now: ctx.now(),
          personHeld: Boolean(ctx.repos.writes.person(request.personRut)),
        },
        'data_request.move',
        request.personRut,
        payload,
      );
      if (outcome.status !== 'applied') {
        throw new RuleError('data_request_move_refused', {
          why: 'invalid_transition',
          state: request.state,
        });
      }
      const after = ctx.repos.dataRequests.byNumber(request.number)!;
      // A denied blocking request blocks nothing any more: the audit says the block ended with it,
      // as an unblock of its own would.
      const unblocked = request.unblockedAt === null && after.unblockedAt !== null;
      return {
        before: {
          number: request.number,
          state: request.state,
          dueDate: request.dueDate,
          ...(unblocked ? { blocked: true } : {}),
        },
        after: {
          number: request.number,
          state: after.state,
          dueDate: after.dueDate,
          ...(unblocked ? { blocked: false, unblockedAt: after.unblockedAt } : {}),
        },
        intent: payload,
      };
    },
  });
  return { ...receipt, request: view(ctx, ctx.repos.dataRequests.byNumber(request.number)!) };
}

/** Ends a temporary block (audited); the request itself keeps its state. */
export function unblockPerson(
  ctx: ServiceContext,
  session: Session,
  command: { number: string; reason: string },
): DataRequestReceipt {
  const request = found(ctx, command.number);
  authorizeTitular(ctx, session, request.personRut);
  mayHandle(session, request);
  if (request.blockedAt === null || request.unblockedAt !== null) {
    throw new RuleError('data_request_not_blocking', { number: request.number });
  }
  const receipt = runAction(ctx, session, {
    permission: 'data_request.manage',
    personRut: request.personRut,
    kind: 'data_request.unblock',
    titular: true,
    reason: command.reason,
    requireReason: true,
    identityCheck: null,
    apply: () => {
      ctx.repos.dataRequests.unblock(request.id, ctx.now().toISOString());
      return {
        before: { number: request.number, blockedAt: request.blockedAt },
        after: { number: request.number, unblockedAt: ctx.now().toISOString() },
        intent: { number: request.number },
      };
    },
  });
  return { ...receipt, request: view(ctx, ctx.repos.dataRequests.byNumber(request.number)!) };
}

/** The deadline a request's due date comes from, with the day the count alone gave. */
function deadlineNote(row: DataRequestRow): { counted: string; movedOver: string[] } {
  if (deadlineKind(row.right) === 'blocking') return { counted: row.dueDate, movedOver: [] };
  const first = responseDeadline(row.receivedDate);
  const deadline = row.extendedAt !== null ? extendedDeadline(first.due) : first;
  return { counted: deadline.counted, movedOver: deadline.movedOver };
}

export function view(
  ctx: ServiceContext,
  row: DataRequestRow | ListedRequest,
  soonBusinessDays = DUE_SOON_BUSINESS_DAYS,
): DataRequestView {
  const today = santiagoDate(ctx.now());
  const open = isOpen(row.state);
  const status: DeadlineStatus | 'closed' = open
    ? deadlineStatus(row.dueDate, today, soonBusinessDays)
    : 'closed';
  const identity = readIdentityCheck(safeJson(row.identityCheck));
  const note = deadlineNote(row);
  const names =
    'personName' in row
      ? { personName: row.personName, agentName: row.agentName }
      : {
          personName: personName(ctx, row.personRut),
          agentName: ctx.repos.agents.displayName(row.agentId),
        };
  return {
    number: row.number,
    personRut: loginRut(rutFromBody(row.personRut)),
    personName: names.personName ?? row.titularName,
    withoutRecord: names.personName === null,
    right: row.right,
    channel: row.channel,
    identityMethod: identity?.method ?? 'facts',
    identityFacts: (identity?.facts ?? []) as IdentityFact[],
    detail: row.detail,
    state: row.state,
    stateReason: row.stateReason,
    extensionReason: row.extensionReason,
    receivedAt: row.receivedAt,
    receivedDate: row.receivedDate,
    dueDate: row.dueDate,
    dueCounted: note.counted,
    dueMovedOver: note.movedOver,
    extended: row.extendedAt !== null,
    closedAt: row.closedAt,
    blocked: row.blockedAt !== null && row.unblockedAt === null,
    blockedAt: row.blockedAt,
    unblockedAt: row.unblockedAt,
    agentId: row.agentId,
    agentName: names.agentName,
    deadline: status,
    businessDaysLeft: open ? ctx.repos.dataRequests.businessDaysLeft(today, row.dueDate) : null,
    calendarDaysLeft: open ? calendarDaysBetween(today, row.dueDate) : null,
    atCentral: row.id > 0,
  };
}

function personName(ctx: ServiceContext, rut: number): string | null {
  const found = ctx.repos.records.find(rut);
  if (!found) return null;
  return fullName(found.person);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export type DataRequestListFilter = {
  state: DataRequestState | null;
  right: DataRight | null;
  personRut: number | null;
  offset: number;
  limit: number;
  soonBusinessDays: number;
};

/** Ordered by deadline (open ones first); a supervisor sees all, an agent their own. */
export function listDataRequests(
  ctx: ServiceContext,
  session: Session,
  filter: DataRequestListFilter,
) {
  if (session.role === 'prevention') throw new ForbiddenError('role');
  const rows = ctx.repos.dataRequests.list({
    state: filter.state,
    right: filter.right,
    personRut: filter.personRut,
    agentId: session.role === 'supervisor' ? null : session.agentId,
    offset: filter.offset,
    limit: filter.limit + 1,
  });
  return {
    today: santiagoDate(ctx.now()),
    requests: rows.slice(0, filter.limit).map((row) => view(ctx, row, filter.soonBusinessDays)),
    hasMore: rows.length > filter.limit,
  };
}

export function getDataRequest(ctx: ServiceContext, session: Session, number: string) {
  const request = found(ctx, number);
  authorizeTitular(ctx, session, request.personRut);
  mayHandle(session, request);
  const [listed] = ctx.repos.dataRequests
    .list({
      state: null,
      right: null,
      agentId: null,
      personRut: request.personRut,
      offset: 0,
      limit: 1000,
    })
    .filter((row) => row.number === number);
  return view(ctx, listed ?? request);
}

/**
 * What was changed under the request (a rectification's contact edit names it), from this desk's
 * audit: when, what, who, and the fields that changed in words.
 */
export function linkedChanges(
  ctx: ServiceContext,
  session: Session,
  number: string,
): LinkedChange[] {
  const request = found(ctx, number);
  authorizeTitular(ctx, session, request.personRut);
  mayHandle(session, request);
  const events = ctx.repos.audit.linkedTo(request.personRut, number);
  // A rectification the central refused is no rectification: each says where it stands.
  const unsettled = ctx.repos.outbox.unsettled(events.map((event) => event.id));
  return events.map((event) => ({
    at: event.at,
    action: actionText(event.action),
    agentName: ctx.repos.agents.displayName(event.agentId),
    lines: describeAuditChange(event.before, event.after, {}, event.action)
      .filter((detail) => detail.changed)
      .map(auditDetailLine),
    sync: unsettled.get(event.id) ?? null,
  }));
}

/**
 * For the supervisor's panel: open requests grouped by deadline (overdue, due within 2 business
 * days, later), with counts. A supervisor's covers everyone; an agent's, their own.
 */
export function dataRequestsByDeadline(ctx: ServiceContext, session: Session) {
  if (session.role === 'prevention') throw new ForbiddenError('role');
  const groups = ctx.repos.dataRequests.byDeadline(santiagoDate(ctx.now()), {
    agentId: session.role === 'supervisor' ? null : session.agentId,
    soonBusinessDays: DUE_SOON_BUSINESS_DAYS,
  });
  const views = (rows: DataRequestRow[]) => rows.map((row) => view(ctx, row));
  return {
    today: santiagoDate(ctx.now()),
    soonBusinessDays: DUE_SOON_BUSINESS_DAYS,
    overdue: { count: groups.overdue.count, requests: views(groups.overdue.requests) },
    dueSoon: { count: groups.due_soon.count, requests: views(groups.due_soon.requests) },
    later: { count: groups.later.count, requests: views(groups.later.requests) },
  };
}
