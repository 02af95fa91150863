/**
 * Privacy by default on the desk (issue 10):
 * - every record view says how it was opened (search, the calls list, a company record, the
 *   Ley 21.719 requests, a reload of the record on screen) and why (the reason of the agent's
 *   open call); a reload in the same sitting (`sameSitting`) is not another view;
 * - a prevention officer asking for a person or company outside his companies hears the same
 *   words whether or not that RUT exists, and the attempt is audited;
 * - a supervisor sees who viewed a person, when, from where and why;
 * - an audit export is itself audited.
 */
import type { ViewVia } from '../../shared/contract';
import { loginRut, readRut, rutFromBody } from '../../shared/rut';
import { fullName, type NameParts } from '../../shared/format';
import { decide } from '../../shared/rules/permissions';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, NotFoundError } from './errors';
import { newId } from '../../shared/ids';
import { logError } from '../../storage/log';
import { eventKindSql, type LastView } from '../repositories/audit-repository';
import type { InteractionKind } from '../../shared/vocabulary';

export type { ViewVia };

export type DeniedAction = 'person.view_denied' | 'person.search_denied' | 'company.view_denied';

/** Without a call open, how long after a view of a person reading it again is the same look. */
export const SITTING_MS = 30 * 60_000;

/**
 * Is reading a record again (an action's answer, a sync that changed it) part of the look the
 * agent's last view of the person already audited? Yes when that view was hers and, with a call
 * open, in the same call; with none, less than SITTING_MS ago. «Quién consultó esta ficha» then
 * counts one sitting once, and the Panel its causes once.
 */
/**
 * The desk reading the record still on screen by itself (a lock shown on it ended: lock-ends.ts),
 * with nobody looking anew: the same look as the agent's last view of the person, if it was hers
 * and no longer ago than the longest lock (an hour), whatever call opened since (review 60 M4: a
 * «Vio la ficha» nobody took, and its causes counted again by the Panel).
 */
export const DESK_REREAD_MS = 60 * 60_000;
export function sameLookReadAgain(last: LastView | null, now: Date, agentId: string): boolean {
  if (last === null || last.agentId !== agentId) return false;
  return now.getTime() - Date.parse(last.at) <= DESK_REREAD_MS;
}

export function sameSitting(
  last: LastView | null,
  now: Date,
  agentId: string,
  interactionId: string | null,
): boolean {
  if (last === null || last.agentId !== agentId) return false;
  if (interactionId !== null) return last.interactionId === interactionId;
  return now.getTime() - Date.parse(last.at) < SITTING_MS;
}

/**
 * Why the agent is looking at `viewedRut`: the open call's reason (none when no call is open),
 * and, when that call is someone else's (a colleague of the caller looked up, a mistaken
 * search), whose — its reason is not this person's, and the record of the look says so.
 */
export function callReasonOf(
  ctx: ServiceContext,
  session: Session,
  viewedRut: number | null,
): { reason?: string; callPerson?: number } {
  const open = ctx.repos.interactions.openOf(session.agentId);
  if (!open?.reason) return {};
  const elsewhere = open.personRut !== null && open.personRut !== viewedRut;
  return { reason: open.reason, ...(elsewhere ? { callPerson: open.personRut! } : {}) };
}

/** The `after` of a «Vio la ficha» event: where it was opened from and why (callReasonOf). */
export function viewDetails(
  ctx: ServiceContext,
  session: Session,
  via: ViewVia,
  viewedRut: number,
): string {
  return JSON.stringify({ via, ...callReasonOf(ctx, session, viewedRut) });
}

/**
 * Appends one audit event that changes nothing else (a denial, an export's copy or removal), in
 * its own transaction, with the agent's call in progress if there is one. The actor is an agent,
 * or the system (export-retention.ts) for what the desk does by itself.
 */
export function appendEvent(
  ctx: ServiceContext,
  actor: Pick<Session, 'agentId'>,
  event: { action: string; personRut: number | null; after: Record<string, unknown> },
): void {
  ctx.db.$client.transaction(() => {
    ctx.repos.audit.append({
      id: newId(),
      at: ctx.now().toISOString(),
      agentId: actor.agentId,
      deviceId: ctx.deviceId,
      personRut: event.personRut,
      action: event.action,
      before: null,
      after: JSON.stringify(event.after),
      reason: null,
      identityCheck: null,
      interactionId: ctx.repos.interactions.openOf(actor.agentId)?.id ?? null,
    });
  })();
}

/** A refused look: at the person's RUT (whether or not it exists), or at a company's. */
export function auditDenied(
  ctx: ServiceContext,
  session: Session,
  action: DeniedAction,
  target: { personRut?: number; companyRut?: number; via?: ViewVia },
): void {
  const after: Record<string, unknown> = {};
  if (target.companyRut !== undefined) after['companyRut'] = target.companyRut;
  if (target.via !== undefined) after['via'] = target.via;
  // A company looked at: whose call it is only matters of a person.
  const why = callReasonOf(ctx, session, target.personRut ?? null);
  if (why.reason !== undefined) after['reason'] = why.reason;
  if (why.callPerson !== undefined && target.personRut !== undefined) {
    after['callPerson'] = why.callPerson;
  }
  appendEvent(ctx, session, { action, personRut: target.personRut ?? null, after });
}

/** How long a search outside an officer's companies waits for the next keystroke to be audited. */
export const SEARCH_SETTLE_MS = 1500;

/** A search's text as typed, without the dots, dash and spaces a RUT may carry. */
const typedText = (text: string) => text.replace(/[.\-\s]/g, '').toLowerCase();

/**
 * `persons.search` for an officer: a RUT outside his companies is a refused look, audited — once
 * the search settles. The search runs on every keystroke, and «1.357-9» or «1.357.924-5» on the
 * way to «13.579.246-2» were never looked for (nor «7.654.321-6» on the way to his company's
 * 76.543.210-3). So a denial waits for the agent's next search: one that goes on from its text
 * (still typing) drops it; any other (a new search, a deletion) audits it, and so do
 * SEARCH_SETTLE_MS without a search. `flush` audits what still waits (the desk closing).
 */
export function createSearchDenials(ctx: ServiceContext, settleMs = SEARCH_SETTLE_MS) {
  type Held = {
    session: Session;
    text: string;
    ruts: number[];
    timer: ReturnType<typeof setTimeout>;
  };
  const held = new Map<string, Held>();
  const audit = (entry: Held) => {
    clearTimeout(entry.timer);
    held.delete(entry.session.agentId);
    for (const rut of entry.ruts) auditDeniedSearch(ctx, entry.session, rut);
  };
  return {
    searched(
      session: Session,
      text: string,
      page: { notices: ReadonlyArray<{ code: string; rut?: string }> },
    ): void {
      if (session.role !== 'prevention') return;
      const typed = typedText(text);
      const previous = held.get(session.agentId);
      if (previous) {
        // Typing on: more text, the same digits first (a dot or a dash added counts).
        if (text.length > previous.text.length && typed.startsWith(typedText(previous.text))) {
          clearTimeout(previous.timer);
          held.delete(session.agentId);
        } else {
          audit(previous);
        }
      }
      const ruts = page.notices.flatMap((notice) => {
        const rut = notice.code === 'rut_outside_scope' && notice.rut ? readRut(notice.rut) : null;
        return rut ? [rut.body] : [];
      });
      if (ruts.length === 0) return;
      const entry: Held = {
        session,
        text,
        ruts,
        timer: setTimeout(() => {
          try {
            if (held.get(session.agentId) === entry) audit(entry);
          } catch (error) {
            // Outside any request: a failed write is logged, never a crash of the main process.
            logError('No se pudo registrar una búsqueda fuera de sus empresas:', error);
          }
        }, settleMs),
      };
      entry.timer.unref?.();
      held.set(session.agentId, entry);
    },
    flush(): void {
      for (const entry of [...held.values()]) audit(entry);
    },
  };
}

export type SearchDenials = ReturnType<typeof createSearchDenials>;

const lastEvent = (ctx: ServiceContext) =>
  ctx.db.$client
    .prepare('SELECT agent_id, action, person_rut FROM audit_events ORDER BY seq DESC LIMIT 1')
    .get() as { agent_id: string; action: string; person_rut: number | null } | undefined;

/**
 * An officer's search for a RUT outside his companies (the search answered `rut_outside_scope`,
 * the same whether or not it exists). The search runs on every keystroke: the same denial right
 * after itself is recorded once.
 */
export function auditDeniedSearch(ctx: ServiceContext, session: Session, personRut: number): void {
  const last = lastEvent(ctx);
  if (
    last &&
    last.agent_id === session.agentId &&
    last.action === 'person.search_denied' &&
    last.person_rut === personRut
  ) {
    return;
  }
  auditDenied(ctx, session, 'person.search_denied', { personRut });
}

/**
 * `companies.get` for an officer: a company that does not exist and one outside his companies
 * get the same answer, and the attempt is audited. Others go on to the company record.
 */
export function guardCompanyView(ctx: ServiceContext, session: Session, companyRut: number): void {
  if (session.role !== 'prevention') return;
  const exists = Boolean(ctx.repos.companyRecords.company(companyRut));
  const decision = decide(session, 'company.view', { personCompanyRuts: [], companyRut });
  if (exists && decision.allowed) return;
  auditDenied(ctx, session, 'company.view_denied', { companyRut });
  throw new NotFoundError('company_in_scope');
}

export type PersonView = {
  at: string;
  agentId: string;
  agentName: string;
  action: string;
  via: string | null;
  reason: string | null;
  /** The call the reason belongs to was with someone else (viewDetails). */
  callPerson: { rut: string; name: string | null } | null;
  /** Whether the viewer's interactions are calls or visits: the reason's, or the one not open. */
  kind: InteractionKind;
  denied: boolean;
};

const VIEW_ACTIONS = ['person.view', 'person.view_denied', 'person.search_denied'];

/** «Quién consultó esta ficha»: supervisors only, newest first. */
export function personViewers(
  ctx: ServiceContext,
  session: Session,
  personRut: number,
  limit: number,
): { total: number; views: PersonView[] } {
  const decision = decide(session, 'audit.browse', { personCompanyRuts: [] });
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
  const sqlite = ctx.db.$client;
  const marks = VIEW_ACTIONS.map(() => '?').join(', ');
  const total = (
    sqlite
      .prepare(
        `SELECT count(*) AS n FROM audit_events WHERE person_rut = ? AND action IN (${marks})`,
      )
      .get(personRut, ...VIEW_ACTIONS) as { n: number }
  ).n;
  // The reason is the open interaction's, whose agent is the viewer: its kind is the one that
  // interaction stored when it opened, as the Panel counts visits (a view with none open: what
  // the viewer opens, `eventKindSql`).
  const rows = sqlite
    .prepare(
      `SELECT e.at, e.agent_id, e.action, e.after, ${eventKindSql('e', 'a')} AS kind
       FROM audit_events e LEFT JOIN agents a ON a.id = e.agent_id
       WHERE e.person_rut = ? AND e.action IN (${marks}) ORDER BY e.seq DESC LIMIT +?`,
    )
    .all(personRut, ...VIEW_ACTIONS, limit) as Array<{
    at: string;
    agent_id: string;
    action: string;
    after: string | null;
    kind: InteractionKind;
  }>;
  const names = new Map(ctx.repos.agents.list().map((agent) => [agent.id, agent.displayName]));
  const personName = sqlite.prepare(
    'SELECT given_names AS givenNames, last_name1 AS lastName1, last_name2 AS lastName2 FROM persons WHERE rut = ?',
  );
  const who = (rut: number) => {
    const name = personName.get(rut) as NameParts | undefined;
    return { rut: loginRut(rutFromBody(rut)), name: name ? fullName(name) : null };
  };
  return {
    total,
    views: rows.map((row) => {
      const details = parseObject(row.after);
      return {
        at: row.at,
        agentId: row.agent_id,
        agentName: names.get(row.agent_id) ?? row.agent_id,
        action: row.action,
        via: typeof details['via'] === 'string' ? details['via'] : null,
        reason: typeof details['reason'] === 'string' ? details['reason'] : null,
        callPerson: typeof details['callPerson'] === 'number' ? who(details['callPerson']) : null,
        kind: row.kind,
        denied: row.action !== 'person.view',
      };
    }),
  };
}

/** Who exported what: appended once the file is built (it is not in the file itself). */
export function auditExport(
  ctx: ServiceContext,
  session: Session,
  details: { format: string; rows: number; filter: string; personRut: number | null },
): void {
  appendEvent(ctx, session, {
    action: 'audit.export',
    personRut: details.personRut,
    after: { format: details.format, rows: details.rows, filter: details.filter },
  });
}

function parseObject(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
