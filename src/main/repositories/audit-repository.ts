/**
 * The audit log: appended inside the action's transaction, chained by hash, browsed by
 * supervisors. The database refuses updates and deletes (migration 0003).
 */
import type Database from 'better-sqlite3';
import {
  auditHash,
  GENESIS_HASH,
  type AuditFields,
  type StoredAuditEvent,
} from '../domain/audit-chain';
import type { AuditCompany, AuditPerson } from '../../shared/audit-details';
import { fullName } from '../../shared/format';
import type { InteractionKind } from '../../shared/vocabulary';
import { VISITING_ROLES } from '../../shared/rules/interaction-kind';

export type AuditFilter = {
  personRut?: number | null;
  agentId?: string | null;
  action?: string | null;
  /** ISO instants, inclusive `from`, exclusive `to`. */
  from?: string | null;
  to?: string | null;
  /** Leave out record views (`person.view`) unless the action filter asks for them. */
  excludeViews?: boolean;
};

/**
 * An event with the name of the person it is about, when the replica holds that person, and of
 * the company its change names (`companyRut` before or after), when the replica holds it.
 */
export type NamedAuditEvent = StoredAuditEvent & {
  personName: string | null;
  company: AuditCompany | null;
  caller: AuditPerson | null;
  /**
   * Whether the event was taken in a call or a prevention officer's visit: its interaction's
   * stored kind, as «Quién consultó esta ficha» and the lists of calls read it (`eventKindSql`).
   */
  agentKind: InteractionKind;
};

type Row = {
  seq: number;
  id: string;
  at: string;
  agent_id: string;
  device_id: string;
  person_rut: number | null;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  identity_check: string | null;
  interaction_id: string | null;
  prev_hash: string;
  hash: string;
};

type NamedRow = Row & {
  given_names: string | null;
  last_name1: string | null;
  last_name2: string | null;
  company_rut: number | null;
  company_name: string | null;
  caller_rut: number | null;
  caller_given_names: string | null;
  caller_last_name1: string | null;
  caller_last_name2: string | null;
  agent_kind: InteractionKind;
};

const toEvent = (row: Row): StoredAuditEvent => ({
  seq: row.seq,
  id: row.id,
  at: row.at,
  agentId: row.agent_id,
  deviceId: row.device_id,
  personRut: row.person_rut,
  action: row.action,
  before: row.before,
  after: row.after,
  reason: row.reason,
  identityCheck: row.identity_check,
  interactionId: row.interaction_id,
  prevHash: row.prev_hash,
  hash: row.hash,
});

const toNamedEvent = (row: NamedRow): NamedAuditEvent => ({
  ...toEvent(row),
  agentKind: row.agent_kind,
  personName:
    row.given_names === null
      ? null
      : fullName({
          givenNames: row.given_names,
          lastName1: row.last_name1,
          lastName2: row.last_name2,
        }),
  company:
    row.company_rut === null || row.company_name === null
      ? null
      : { rut: row.company_rut, name: row.company_name },
  caller:
    row.caller_rut === null || row.caller_given_names === null
      ? null
      : {
          rut: row.caller_rut,
          name: fullName({
            givenNames: row.caller_given_names,
            lastName1: row.caller_last_name1,
            lastName2: row.caller_last_name2,
          }),
        },
});

/** `column` names are prefixed with `table.` when the query joins another table. */
function where(filter: AuditFilter, table = ''): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const column = (name: string) => (table ? `${table}.${name}` : name);
  const add = (clause: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    clauses.push(clause);
    params.push(value);
  };
  add(`${column('person_rut')} = ?`, filter.personRut);
  add(`${column('agent_id')} = ?`, filter.agentId);
  add(`${column('action')} = ?`, filter.action);
  add(`${column('at')} >= ?`, filter.from);
  add(`${column('at')} < ?`, filter.to);
  if (filter.excludeViews && !filter.action) add(`${column('action')} <> ?`, 'person.view');
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * The company an event of `audit_events AS a` is about, joined by its primary key from the RUT
 * body its change recorded (company events, memberships, Portal Empresas requests). An event
 * that names none joins nothing; one whose before or after is not JSON (the column holds text)
 * neither, rather than failing the whole list.
 */
export const AUDIT_COMPANY_JOIN = `LEFT JOIN companies c ON c.rut = coalesce(
    CASE WHEN json_valid(a.after) THEN json_extract(a.after, '$.companyRut') END,
    CASE WHEN json_valid(a.before) THEN json_extract(a.before, '$.companyRut') END)`;

/**
 * Who asked for a company's change (the callerRut its change recorded), joined by primary key
 * like the company: the audit names the caller as the company's page did.
 */
export const AUDIT_CALLER_JOIN = `LEFT JOIN persons q ON q.rut =
    CASE WHEN json_valid(a.after) THEN json_extract(a.after, '$.callerRut') END`;

/**
 * Whether an event of `audit_events AS <event>` was taken in a call or a visit: the kind its
 * interaction stored when it opened (migration 0033), so an officer made supervisor since keeps
 * his visits' words. An event taken in no interaction on this desk (a record looked up with
 * nothing open, an event pulled from another desk) has no row to read: it says what its agent,
 * `agents AS <agent>`, opens (shared/rules/interaction-kind.ts), a call for one unknown here.
 */
export function eventKindSql(event: string, agent: string): string {
  const visiting = VISITING_ROLES.map((role) => `'${role}'`).join(', ');
  return `coalesce((SELECT kind FROM interactions WHERE id = ${event}.interaction_id),
    CASE WHEN ${agent}.role IN (${visiting}) THEN 'visit' ELSE 'call' END)`;
}

/**
 * An officer's refused search names the RUT he typed, never a person: the search showed him no
 * one, and the RUT may have had nobody behind it then (a person added since would otherwise
 * read as the one he looked up).
 */
const NAMELESS_ACTIONS = ['person.search_denied'];

const NAMED_SELECT = `SELECT a.*, p.given_names, p.last_name1, p.last_name2,
    c.rut AS company_rut, c.legal_name AS company_name,
    q.rut AS caller_rut, q.given_names AS caller_given_names, q.last_name1 AS caller_last_name1,
    q.last_name2 AS caller_last_name2, ${eventKindSql('a', 'g')} AS agent_kind
  FROM audit_events a LEFT JOIN persons p ON p.rut = a.person_rut
    AND a.action NOT IN (${NAMELESS_ACTIONS.map((action) => `'${action}'`).join(', ')})
  LEFT JOIN agents g ON g.id = a.agent_id
  ${AUDIT_COMPANY_JOIN}
  ${AUDIT_CALLER_JOIN}`;

/** A call's events, from the index of events taken during a call (migration 0022). */
export const AUDIT_OF_CALL_SQL = 'SELECT * FROM audit_events WHERE interaction_id = ? ORDER BY seq';

/** A «Vio la ficha» event: whose, when, in which call. */
export type LastView = { agentId: string; at: string; interactionId: string | null };

export function createAuditRepository(sqlite: Database.Database) {
  const last = sqlite.prepare('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  // Positional parameters: a bulk load appends tens of thousands of events, and binding 13 named
  // ones from an object cost about 4 µs more per event.
  const insert = sqlite.prepare(
    `INSERT INTO audit_events (id, at, agent_id, device_id, person_rut, action, before, after,
       reason, identity_check, interaction_id, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const all = sqlite.prepare('SELECT * FROM audit_events ORDER BY seq');
  const byInteraction = sqlite.prepare(AUDIT_OF_CALL_SQL);
  const appendInside = (fields: AuditFields): number => {
    const prevHash = (last.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
    const hash = auditHash(prevHash, fields);
    const f = fields;
    return Number(
      insert.run(
        f.id,
        f.at,
        f.agentId,
        f.deviceId,
        f.personRut,
        f.action,
        f.before,
        f.after,
        f.reason,
        f.identityCheck,
        f.interactionId,
        prevHash,
        hash,
      ).lastInsertRowid,
    );
  };

  const decisionAudited = sqlite.prepare(
    `SELECT 1 FROM audit_events WHERE action = ? AND agent_id = ?
       AND json_extract(after, '$.decisionId') = ?`,
  );

  const lastViewOf = sqlite.prepare(
    `SELECT agent_id AS agentId, at, interaction_id AS interactionId FROM audit_events
     WHERE person_rut = ? AND action = 'person.view' ORDER BY seq DESC LIMIT 1`,
  );

  // One of the given actions of this agent's, taken on one person by hand (not a selection's
  // row, not a bulk load's).
  const actedOnOf = sqlite.prepare(
    `SELECT person_rut AS personRut, at, interaction_id AS interactionId FROM audit_events
     WHERE id = ? AND agent_id = ? AND person_rut IS NOT NULL
       AND action IN (SELECT value FROM json_each(?))
       AND json_extract(after, '$.selectionId') IS NULL
       AND json_extract(after, '$.batchId') IS NULL`,
  );

  const linkedOf = sqlite.prepare(
    `SELECT * FROM audit_events WHERE person_rut = ? AND action <> 'person.view'
       AND json_extract(after, '$.dataRequest') = ? ORDER BY seq`,
  );

  return {
    /** The changes taken under a Ley 21.719 request (a rectification's), oldest first. */
    linkedTo(personRut: number, number: string): StoredAuditEvent[] {
      return (linkedOf.all(personRut, number) as Row[]).map(toEvent);
    },
    /**
     * Whom an action of this agent's, one of `actions`, was taken on, when, and in which call
     * (none: not such an action of this agent's).
     */
    actedOn(
      actionId: string,
      agentId: string,
      actions: readonly string[],
    ): (LastView & { personRut: number }) | null {
      const row = actedOnOf.get(actionId, agentId, JSON.stringify(actions)) as
        { personRut: number; at: string; interactionId: string | null } | undefined;
      return row ? { ...row, agentId } : null;
    },
    /** The newest «Vio la ficha» of a person: whose, when, in which call. */
    lastView(personRut: number): LastView | null {
      return (lastViewOf.get(personRut) as LastView | undefined) ?? null;
    },
    /** A supervisor's decision asked of the central API is in the chain already (issue 11). */
    hasDecision(action: string, agentId: string, decisionId: string): boolean {
      return decisionAudited.get(action, agentId, decisionId) !== undefined;
    },
    /** Must run inside the caller's transaction, so the event and the change commit together. */
    append(fields: AuditFields): number {
      // Alone, it takes its own transaction: the chain's head is read under the write lock.
      if (!sqlite.inTransaction) return sqlite.transaction(() => appendInside(fields))();
      return appendInside(fields);
    },
    /** Newest first, each with the person's name. */
    list(filter: AuditFilter, limit: number, offset: number): NamedAuditEvent[] {
      const { sql, params } = where(filter, 'a');
      return (
        sqlite
          .prepare(`${NAMED_SELECT} ${sql} ORDER BY a.seq DESC LIMIT +? OFFSET ?`)
          .all(...params, limit, offset) as NamedRow[]
      ).map(toNamedEvent);
    },
    count(filter: AuditFilter): number {
      const { sql, params } = where(filter);
      return (
        sqlite.prepare(`SELECT count(*) AS n FROM audit_events ${sql}`).get(...params) as {
          n: number;
        }
      ).n;
    },
    *iterate(filter: AuditFilter = {}): Generator<StoredAuditEvent> {
      const { sql, params } = where(filter);
      const statement = sql
        ? sqlite.prepare(`SELECT * FROM audit_events ${sql} ORDER BY seq`)
        : all;
      for (const row of statement.iterate(...params)) yield toEvent(row as Row);
    },
    /** Oldest first, each with the person's name: the spreadsheet export. */
    *iterateNamed(filter: AuditFilter = {}): Generator<NamedAuditEvent> {
      const { sql, params } = where(filter, 'a');
      const statement = sqlite.prepare(`${NAMED_SELECT} ${sql} ORDER BY a.seq`);
      for (const row of statement.iterate(...params)) yield toNamedEvent(row as NamedRow);
    },
    forInteraction(interactionId: string): StoredAuditEvent[] {
      return (byInteraction.all(interactionId) as Row[]).map(toEvent);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
