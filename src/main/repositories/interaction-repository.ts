/**
 * Calls and visits: one open at a time per agent; actions link to it through the audit log.
 * Rows carry the caller's name and the agent's display name when the replica knows them.
 */
import type Database from 'better-sqlite3';
import { statementCache } from '../../storage/db/statement-cache';
import type { OnBehalfRelation } from '../../shared/policy';
import { fullName } from '../../shared/format';
import type { InteractionKind } from '../../shared/vocabulary';
import { NOT_CALL_WORK_ACTIONS, quoted } from './audit-action-kinds';
import { awaitsFollowUpSql } from '../../shared/rules/follow-up';

/**
 * The interactions of `alias` that are visits, by the kind stored on each row when it opened
 * (migration 0033), never by its agent's role now: the Panel counts visits with it, and so does
 * the Llamadas list, each from the partial index of visits (`interactions_visits`).
 */
export function isVisitSql(alias: string): string {
  return `${alias}.kind = 'visit'`;
}

export type InteractionRow = {
  id: string;
  agentId: string;
  personRut: number | null;
  reason: string;
  outcome: string | null;
  notes: string | null;
  openedAt: string;
  closedAt: string | null;
  /** `Given names Surname1 Surname2`, or null when the RUT is not in the replica (or none). */
  personName: string | null;
  /** The agent's display name, or null for an agent this replica does not know. */
  agentName: string | null;
  /** Someone calling in the person's name (migration 0030); null when the person calls. */
  onBehalf: OnBehalf | null;
  /** A call, or a prevention officer's visit: as stored when it opened (migration 0033). */
  kind: InteractionKind;
  /** Said attended to after a «Derivado» or «Volver a contactar» (migration 0043); else null. */
  followUp: FollowUp | null;
  /** Left the «Por atender» queue: said attended to, or closed before the queue began. */
  followUpAt: string | null;
  followUpBy: string | null;
};

export type FollowUp = {
  at: string;
  agentId: string;
  /** Who said so, by display name; null for an agent this replica does not know. */
  agentName: string | null;
  note: string;
};

export type OnBehalf = { name: string; relation: OnBehalfRelation };

type Raw = {
  id: string;
  agent_id: string;
  person_rut: number | null;
  reason: string;
  outcome: string | null;
  notes: string | null;
  opened_at: string;
  closed_at: string | null;
  given_names: string | null;
  last_name1: string | null;
  last_name2: string | null;
  agent_name: string | null;
  on_behalf_name: string | null;
  on_behalf_relation: string | null;
  kind: InteractionKind;
  follow_up_at: string | null;
  follow_up_by: string | null;
  follow_up_note: string | null;
  follow_up_name: string | null;
};

const personName = (row: Raw): string | null =>
  row.given_names === null
    ? null
    : fullName({
        givenNames: row.given_names,
        lastName1: row.last_name1,
        lastName2: row.last_name2,
      }) || null;

const toRow = (row: Raw): InteractionRow => ({
  id: row.id,
  agentId: row.agent_id,
  personRut: row.person_rut,
  reason: row.reason,
  outcome: row.outcome,
  notes: row.notes,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
  personName: personName(row),
  agentName: row.agent_name,
  onBehalf:
    row.on_behalf_name === null
      ? null
      : { name: row.on_behalf_name, relation: row.on_behalf_relation as OnBehalfRelation },
  kind: row.kind,
  followUpAt: row.follow_up_at,
  followUpBy: row.follow_up_by,
  // Nobody said so of one closed before the queue began: nothing to show.
  followUp:
    row.follow_up_at === null || row.follow_up_by === null
      ? null
      : {
          at: row.follow_up_at,
          agentId: row.follow_up_by,
          agentName: row.follow_up_name,
          note: row.follow_up_note ?? '',
        },
});

/**
 * Every read goes through this: the call (its stored kind among its columns), its caller's name
 * and its agent's name.
 */
const SELECT = `SELECT i.*, p.given_names, p.last_name1, p.last_name2, a.display_name AS agent_name,
    f.display_name AS follow_up_name
  FROM interactions i
  LEFT JOIN persons p ON p.rut = i.person_rut
  LEFT JOIN agents a ON a.id = i.agent_id
  LEFT JOIN agents f ON f.id = i.follow_up_by`;

export type InteractionFilter = {
  agentId?: string | null;
  personRut?: number | null;
  /** ISO instants on `opened_at`: inclusive `from`, exclusive `to`. */
  from?: string | null;
  to?: string | null;
  /** One outcome only; null or absent: any. */
  outcome?: string | null;
  /** Only those closed with something left to do that nobody has said was attended to. */
  awaiting?: boolean;
};

/** The agent's call in progress: from the partial index of open calls (migration 0025). */
export const OPEN_CALL_SQL = `${SELECT} WHERE i.agent_id = ? AND i.closed_at IS NULL ORDER BY i.opened_at DESC LIMIT 1`;

/**
 * A person's calls: those with them, and those with someone else in which they were acted on (an
 * officer's visit to Pedro that corrected Ana's phone is Ana's too; a company's request about a
 * worker is the worker's as well as the requester's); a look at their record during another's
 * call is no act on them (NOT_CALL_WORK_ACTIONS). `rut` is the SQL of the person's RUT body.
 */
const ofPerson = (rut: string) =>
  `(i.person_rut = ${rut} OR i.id IN (SELECT interaction_id FROM audit_events
     WHERE person_rut = ${rut} AND interaction_id IS NOT NULL
       AND action NOT IN (${quoted(NOT_CALL_WORK_ACTIONS)})))`;

/** The WHERE of a filtered list and of its count, so both always agree. */
function where(filter: InteractionFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown, times = 1) => {
    if (value === undefined || value === null || value === '') return;
    clauses.push(clause);
    for (let i = 0; i < times; i++) params.push(value);
  };
  // With a person named, read by the person (theirs are few), not through all of the agent's;
  // those waiting to be attended to, from their own index (they are few too).
  add(filter.personRut || filter.awaiting ? '+i.agent_id = ?' : 'i.agent_id = ?', filter.agentId);
  // As her record lists them (walk 58: a worker disabled at his company's request, in the call
  // of its administrator, was not found by his RUT).
  add(ofPerson('?'), filter.personRut, 2);
  add('i.opened_at >= ?', filter.from);
  add('i.opened_at < ?', filter.to);
  add('i.outcome = ?', filter.outcome);
  if (filter.awaiting) clauses.push(awaitsFollowUpSql('i'));
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * The Llamadas list's statements for a filter: one page newest first, the total, and how many of
 * those are visits (so the list can say «3 llamadas y 1 visita», as the Panel does).
 */
export function interactionListSql(filter: InteractionFilter) {
  const { sql, params } = where(filter);
  const visit = isVisitSql('i');
  return {
    page: `${SELECT} ${sql} ORDER BY i.opened_at DESC LIMIT +? OFFSET ?`,
    count: `SELECT count(*) FROM interactions i ${sql}`,
    visits: `SELECT count(*) FROM interactions i ${sql ? `${sql} AND ${visit}` : `WHERE ${visit}`}`,
    params,
  };
}

export function createInteractionRepository(sqlite: Database.Database) {
  const insert = sqlite.prepare(
    `INSERT INTO interactions (id, agent_id, person_rut, reason, opened_at, kind)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const openOf = sqlite.prepare(OPEN_CALL_SQL);
  const byId = sqlite.prepare(`${SELECT} WHERE i.id = ?`);
  const close = sqlite.prepare(
    'UPDATE interactions SET outcome = ?, notes = ?, closed_at = ? WHERE id = ? AND closed_at IS NULL',
  );
  const discard = sqlite.prepare('DELETE FROM interactions WHERE id = ? AND closed_at IS NULL');
  const followUp = sqlite.prepare(
    `UPDATE interactions SET follow_up_at = ?, follow_up_by = ?, follow_up_note = ?
     WHERE id = ? AND ${awaitsFollowUpSql('interactions')}`,
  );
  const setReason = sqlite.prepare(
    'UPDATE interactions SET reason = ? WHERE id = ? AND closed_at IS NULL',
  );
  const setPerson = sqlite.prepare(
    'UPDATE interactions SET person_rut = ? WHERE id = ? AND closed_at IS NULL',
  );
  const setOnBehalf = sqlite.prepare(
    `UPDATE interactions SET on_behalf_name = ?, on_behalf_relation = ?
     WHERE id = ? AND closed_at IS NULL`,
  );
  const takeCaller = sqlite.prepare(
    'UPDATE interactions SET person_rut = ? WHERE id = ? AND person_rut IS NULL AND closed_at IS NULL',
  );
  // A person's record: their calls (ofPerson), as the Llamadas list finds them by their RUT.
  const withPerson = (mine: boolean) =>
    sqlite.prepare(
      `${SELECT} WHERE ${ofPerson('@rut')}
       ${mine ? 'AND +i.agent_id = @agent' : ''} ORDER BY i.opened_at DESC LIMIT +@limit`,
    );
  const withPersonAll = withPerson(false);
  const withPersonOf = withPerson(true);
  // A filter's statements, prepared once: a person's record lists their calls on every view and
  // after every action, and preparing took longer than running (at most 64 filter shapes).
  const prepared = statementCache(sqlite);
  return {
    open(row: {
      id: string;
      agentId: string;
      personRut: number | null;
      reason: string;
      openedAt: string;
      /** What it is, for good: by who opens it (shared/rules/interaction-kind.ts). */
      kind: InteractionKind;
    }) {
      insert.run(row.id, row.agentId, row.personRut, row.reason, row.openedAt, row.kind);
    },
    openOf(agentId: string): InteractionRow | null {
      const row = openOf.get(agentId) as Raw | undefined;
      return row ? toRow(row) : null;
    },
    byId(id: string): InteractionRow | null {
      const row = byId.get(id) as Raw | undefined;
      return row ? toRow(row) : null;
    },
    close(id: string, outcome: string, notes: string | null, closedAt: string): boolean {
      return close.run(outcome, notes, closedAt, id).changes === 1;
    },
    /** An open call opened by mistake goes (interactions.discard checks when); false: closed. */
    discard(id: string): boolean {
      return discard.run(id).changes === 1;
    },
    /** Said attended to (shared/rules/follow-up.ts checks who may); false: nothing waited. */
    followUp(id: string, at: string, agentId: string, note: string): boolean {
      return followUp.run(at, agentId, note, id).changes === 1;
    },
    /** False when the call is closed (or gone): a closed call's reason is history. */
    setReason(id: string, reason: string): boolean {
      return setReason.run(reason, id).changes === 1;
    },
    /** The open call is about this person instead (interactions.setPerson checks when). */
    setPerson(id: string, personRut: number): boolean {
      return setPerson.run(personRut, id).changes === 1;
    },
    /** Someone else calls in the person's name, or (null) the person does. */
    setOnBehalf(id: string, onBehalf: OnBehalf | null): boolean {
      return setOnBehalf.run(onBehalf?.name ?? null, onBehalf?.relation ?? null, id).changes === 1;
    },
    /** An open call with nobody named gets its caller; one already named keeps theirs. */
    takeCaller(id: string, personRut: number): boolean {
      return takeCaller.run(personRut, id).changes === 1;
    },
    /** The latest calls and visits with the person or acting on them (`agentId`: only theirs). */
    withPerson(personRut: number, agentId: string | null, limit: number): InteractionRow[] {
      const rows =
        agentId === null
          ? withPersonAll.all({ rut: personRut, limit })
          : withPersonOf.all({ rut: personRut, agent: agentId, limit });
      return (rows as Raw[]).map(toRow);
    },
    list(filter: InteractionFilter, limit: number, offset: number): InteractionRow[] {
      const { page, params } = interactionListSql(filter);
      return (prepared(page).all(...params, limit, offset) as Raw[]).map(toRow);
    },
    /** How many interactions the same filter finds, and how many of them are visits. */
    count(filter: InteractionFilter): { total: number; visits: number } {
      const { count, visits, params } = interactionListSql(filter);
      return {
        total: prepared(count)
          .pluck()
          .get(...params) as number,
        visits: prepared(visits)
          .pluck()
          .get(...params) as number,
      };
    },
  };
}

export type InteractionRepository = ReturnType<typeof createInteractionRepository>;
