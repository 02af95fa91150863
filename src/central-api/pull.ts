/**
 * Pull: what a device's replica needs, in pages it can commit one at a time with their cursor.
 *
 * An empty cursor starts the initial sync: a snapshot of every entity in ENTITIES order, each
 * keyset-paged by its primary key and filtered by the agent's scope. The change-log seq is
 * captured when the snapshot starts; once the snapshot is done the cursor moves to the log from
 * that seq, so a change committed while the snapshot was being paged is sent again (the client
 * upserts, a repeat is harmless) and none is missed. Log pages carry each row as it is now.
 *
 * The cursor is opaque to the client (base64url JSON) and names the server's epoch and the
 * scope it was taken for: another epoch means the server was restored (410, resync).
 */
import type Database from 'better-sqlite3';
import { statementCache } from '../storage/db/statement-cache';
import { z } from 'zod';
import {
  ENTITIES,
  ENTITY_TABLES,
  type Change,
  type Entity,
  type PullResponse,
} from '../shared/sync-protocol';
import type { CentralAgent } from './auth';
import type { ChangeLog } from './change-log';
import { companiesOfScopeKey, createScopeChange, ScopeChangeCursor } from './scope';

export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;

/** Whose rows a pull may carry. */
export type Scope = { kind: 'all' } | { kind: 'companies'; companyRuts: number[] };

export function scopeOfAgent(agent: CentralAgent): Scope {
  return agent.role === 'prevention'
    ? { kind: 'companies', companyRuts: [...agent.companyRuts].sort((a, b) => a - b) }
    : { kind: 'all' };
}

const scopeKey = (scope: Scope) =>
  scope.kind === 'all' ? 'all' : `companies:${scope.companyRuts.join(',')}`;

const SnapshotCursor = z.object({
  v: z.literal(1),
  e: z.string(),
  sc: z.string(),
  m: z.literal('s'),
  /** Change-log seq captured when the snapshot started. */
  hw: z.number().int().nonnegative(),
  /** Index in ENTITIES and last key sent of that entity (null: none yet). */
  i: z.number().int().nonnegative(),
  k: z.number().int().nullable(),
  d: z.number().int().nonnegative(),
  t: z.number().int().nonnegative(),
});
const LogCursor = z.object({
  v: z.literal(1),
  e: z.string(),
  sc: z.string(),
  m: z.literal('l'),
  s: z.number().int().nonnegative(),
});
const Cursor = z.discriminatedUnion('m', [SnapshotCursor, LogCursor, ScopeChangeCursor]);
type Cursor = z.infer<typeof Cursor>;

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decode(text: string): Cursor | null {
  try {
    const parsed = Cursor.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type PullOutcome =
  { kind: 'ok'; response: PullResponse } | { kind: 'invalid_cursor' } | { kind: 'resync_required' };

const IN_COMPANIES = 'SELECT value FROM json_each(@companies)';
// The same rule as the desk: a dismissal ends the company's responsibility for the person.
const PERSONS_IN_SCOPE = `SELECT person_rut FROM memberships_by_company WHERE company_rut IN (${IN_COMPANIES}) AND state != 'removed'`;

function scopeClause(entity: Entity, scope: Scope): string {
  if (scope.kind === 'all') return '1';
  if (entity === 'company') return `rut IN (${IN_COMPANIES})`;
  if (entity === 'signatory') return `company_rut IN (${IN_COMPANIES})`;
  if (entity === 'person') return `rut IN (${PERSONS_IN_SCOPE})`;
  return `person_rut IN (${PERSONS_IN_SCOPE})`;
}

export function createPull(deps: {
  sqlite: Database.Database;
  changeLog: ChangeLog;
  epoch: string;
}) {
  const { sqlite, changeLog } = deps;
  const prepared = statementCache(sqlite);
  const params = (scope: Scope, rest: Record<string, unknown> = {}) =>
    scope.kind === 'all' ? rest : { ...rest, companies: JSON.stringify(scope.companyRuts) };

  const snapshotPage = (entity: Entity, scope: Scope, after: number, limit: number) => {
    const { table, key, columns } = ENTITY_TABLES[entity];
    const statement = prepared(
      `snapshot:${entity}:${scope.kind}`,
      () =>
        `SELECT ${columns.join(', ')} FROM ${table}
         WHERE ${key} > @after AND ${scopeClause(entity, scope)}
         ORDER BY ${key} LIMIT +@limit`,
    );
    return statement.all(params(scope, { after, limit })) as Array<Record<string, unknown>>;
  };

  const count = (entity: Entity, scope: Scope): number => {
    const { table } = ENTITY_TABLES[entity];
    const statement = prepared(
      `count:${entity}:${scope.kind}`,
      () => `SELECT count(*) AS n FROM ${table} WHERE ${scopeClause(entity, scope)}`,
    );
    return (statement.get(params(scope)) as { n: number }).n;
  };

  const currentRow = (entity: Entity, key: number) => {
    const { table, key: keyColumn, columns } = ENTITY_TABLES[entity];
    const statement = prepared(
      `row:${entity}`,
      () => `SELECT ${columns.join(', ')} FROM ${table} WHERE ${keyColumn} = ?`,
    );
    return (statement.get(key) as Record<string, unknown> | undefined) ?? null;
  };

  const logPage = (scope: Scope, after: number, limit: number) => {
    const statement = prepared(
      `log:${scope.kind}`,
      () =>
        `SELECT seq, entity, key, person_rut, company_rut FROM change_log
         WHERE seq > @after AND ${
           scope.kind === 'all'
             ? '1'
             : `((entity IN ('company', 'signatory') AND company_rut IN (${IN_COMPANIES}))
                 OR person_rut IN (${PERSONS_IN_SCOPE})
                 OR (entity = 'membership' AND company_rut IN (${IN_COMPANIES})))`
         }
         ORDER BY seq LIMIT +@limit`,
    );
    return statement.all(params(scope, { after, limit })) as Array<{
      seq: number;
      entity: Entity;
      key: number;
      person_rut: number | null;
      company_rut: number | null;
    }>;
  };

  const snapshot = (cursor: z.infer<typeof SnapshotCursor>, scope: Scope, limit: number) => {
    const changes: Change[] = [];
    let index = cursor.i;
    let after = cursor.k;
    while (changes.length < limit && index < ENTITIES.length) {
      const entity = ENTITIES[index]!;
      const { key } = ENTITY_TABLES[entity];
      const wanted = limit - changes.length;
      const rows = snapshotPage(entity, scope, after ?? Number.MIN_SAFE_INTEGER, wanted);
      for (const row of rows) {
        changes.push({ entity, op: 'upsert', key: row[key] as number, row });
      }
      if (rows.length < wanted) {
        index++;
        after = null;
      } else {
        after = rows[rows.length - 1]![key] as number;
      }
    }
    const done = cursor.d + changes.length;
    const progress = { done, total: Math.max(cursor.t, done) };
    if (index >= ENTITIES.length) {
      const next: Cursor = { v: 1, e: cursor.e, sc: cursor.sc, m: 'l', s: cursor.hw };
      return {
        epoch: deps.epoch,
        cursor: encode(next),
        hasMore: changeLog.highWater() > cursor.hw,
        changes,
        progress,
      };
    }
    const next: Cursor = { ...cursor, i: index, k: after, d: done };
    return { epoch: deps.epoch, cursor: encode(next), hasMore: true, changes, progress };
  };

  const log = (cursor: z.infer<typeof LogCursor>, scope: Scope, limit: number): PullResponse => {
    const rows = logPage(scope, cursor.s, limit);
    const changes: Change[] = [];
    const sent = new Set<string>();
    const moved = new Set<number>();
    for (const { entity, key, person_rut: personRut, company_rut: companyRut } of rows) {
      // A person joined or left one of the agent's companies: all their rows, or none.
      if (
        scope.kind === 'companies' &&
        entity === 'membership' &&
        personRut !== null &&
        companyRut !== null &&
        scope.companyRuts.includes(companyRut)
      ) {
        if (!moved.has(personRut)) {
          moved.add(personRut);
          for (const change of scopeChange.membershipMoved(personRut, scope.companyRuts)) {
            sent.add(`${change.entity}:${change.key}`);
            changes.push(change);
          }
        }
        // The membership itself follows as usual unless the bundle carried it (a deleted one).
      }
      const id = `${entity}:${key}`;
      if (sent.has(id)) continue;
      sent.add(id);
      // The row as it is now: a later change in the log only repeats it.
      const row = currentRow(entity, key);
      changes.push(
        row ? { entity, op: 'upsert', key, row } : { entity, op: 'delete', key, row: null },
      );
    }
    const full = rows.length === limit;
    // A short page saw every in-scope row up to the current high-water mark.
    const seq = full ? rows[rows.length - 1]!.seq : Math.max(cursor.s, changeLog.highWater());
    return {
      epoch: deps.epoch,
      cursor: encode({ ...cursor, s: seq }),
      hasMore: full,
      changes,
      progress: null,
    };
  };

  // Scope follows assignments (issue 11): see scope.ts.
  const scopeChange = createScopeChange(sqlite);

  /** The scope change this cursor is in or must start, for `scope`; null when none applies. */
  function toScopeChange(
    cursor: Cursor,
    sc: string,
    scope: { kind: 'companies'; companyRuts: number[] },
  ): z.infer<typeof ScopeChangeCursor> | null {
    if (cursor.m === 'c') {
      if (cursor.sc === sc) return cursor;
      // The scope moved again mid-change: what was being added may be there in part.
      const target = companiesOfScopeKey(cursor.sc) ?? [];
      return scopeChange.start(
        { e: cursor.e, sc, s: cursor.s },
        cursor.held,
        [...cursor.maybe, ...target],
        scope.companyRuts,
      );
    }
    if (cursor.m !== 'l' || cursor.sc === sc) return null;
    const held = companiesOfScopeKey(cursor.sc);
    // From every person to some companies' (a role changed): a snapshot is simpler and right.
    if (held === null) return null;
    return scopeChange.start({ e: cursor.e, sc, s: cursor.s }, held, [], scope.companyRuts);
  }

  function scopeChangePage(
    cursor: z.infer<typeof ScopeChangeCursor>,
    scope: { kind: 'companies'; companyRuts: number[] },
    limit: number,
  ): PullResponse {
    const { changes, next } = scopeChange.page(cursor, scope.companyRuts, limit);
    if (next) {
      return {
        epoch: deps.epoch,
        cursor: encode(next),
        hasMore: true,
        changes,
        progress: null,
        scopeChange: { done: next.d, total: next.t },
      };
    }
    // Done: the log resumes where the desk was, now for the new scope.
    const resume: Cursor = { v: 1, e: cursor.e, sc: cursor.sc, m: 'l', s: cursor.s };
    return {
      epoch: deps.epoch,
      cursor: encode(resume),
      hasMore: true,
      changes,
      progress: null,
      scopeChange: { done: cursor.t, total: cursor.t },
    };
  }

  /** One page, read in one transaction (a consistent view; writers are never waited for in WAL). */
  const page = sqlite.transaction(
    (cursorText: string, scope: Scope, limit: number): PullOutcome => {
      const sc = scopeKey(scope);
      if (cursorText === '') {
        const total = ENTITIES.reduce((sum, entity) => sum + count(entity, scope), 0);
        const start: z.infer<typeof SnapshotCursor> = {
          v: 1,
          e: deps.epoch,
          sc,
          m: 's',
          hw: changeLog.highWater(),
          i: 0,
          k: null,
          d: 0,
          t: total,
        };
        return { kind: 'ok', response: snapshot(start, scope, limit) };
      }
      const cursor = decode(cursorText);
      if (!cursor) return { kind: 'invalid_cursor' };
      // Another epoch: the server was restored.
      if (cursor.e !== deps.epoch) return { kind: 'resync_required' };
      // A cursor ahead of this server's change log: a backup was restored without a new epoch.
      const position = cursor.m === 's' ? cursor.hw : cursor.s;
      if (position > changeLog.highWater()) return { kind: 'resync_required' };
      // Scope follows assignments (issue 11): an officer's companies changed since this cursor.
      if (cursor.m !== 's' && scope.kind === 'companies') {
        const changing = toScopeChange(cursor, sc, scope);
        if (changing) return { kind: 'ok', response: scopeChangePage(changing, scope, limit) };
      }
      // Another scope: the replica holds other rows (a role changed, a snapshot under way).
      if (cursor.sc !== sc || cursor.m === 'c') return { kind: 'resync_required' };
      return {
        kind: 'ok',
        response: cursor.m === 's' ? snapshot(cursor, scope, limit) : log(cursor, scope, limit),
      };
    },
  );

  return {
    pull(agent: CentralAgent, cursor: string, limit: number): PullOutcome {
      const scope = scopeOfAgent(agent);
      const outcome = page.deferred(cursor, scope, limit);
      // The agent's scope as it is now, so the desk's own checks follow it (issue 11).
      if (outcome.kind === 'ok') {
        outcome.response.scope = {
          companyRuts: scope.kind === 'all' ? null : scope.companyRuts,
        };
      }
      return outcome;
    },
  };
}

export type Pull = ReturnType<typeof createPull>;

// --- Issue 11: change-log pruning ---------------------------------------------------------------

/**
 * The change-log position a cursor stands at: the device has every change up to it. Null for an
 * empty or unreadable cursor (the pull itself answers those).
 */
export function cursorPosition(text: string): number | null {
  if (text === '') return null;
  const cursor = decode(text);
  if (!cursor) return null;
  return cursor.m === 's' ? cursor.hw : cursor.s;
}
