/**
 * A prevention officer's scope follows his assignments (issue 11, item 1).
 *
 * Scope is the `company_ruts` of his row in `agents`. When it changes, his desk's next pull
 * notices that its cursor was taken for another scope and, instead of starting the replica over,
 * walks a *scope change*: first the rows of companies taken from him (and of the people who
 * were his only through them) leave as deletions, then the rows of companies given to him (and
 * of their people he did not have yet) arrive as a back-fill, keyset-paged like the initial
 * snapshot, with progress, resumable from its cursor. Then the log resumes where the desk was,
 * now for the new scope (a row repeated since the back-fill started is only upserted again).
 *
 * The same happens for one person at a time in the log: a membership change in one of his
 * companies sends the person's rows whole when the person is in scope (joined), and their
 * deletion when not any more (left). Pending actions on people who leave are untouched on the
 * desk: the outbox is never pruned by a pull, and a cycle pushes before it pulls.
 */
import type Database from 'better-sqlite3';
import { statementCache } from '../storage/db/statement-cache';
import { z } from 'zod';
import {
  ENTITY_TABLES,
  type Change,
  type Entity,
  type OfficerSummary,
  type ScopeAssignment,
} from '../shared/sync-protocol';

/** The steps of a scope change, in order: deletions first, then the back-fill. */
const STEPS = [
  'evict_company',
  'evict_signatory',
  'evict_person',
  'add_company',
  'add_signatory',
  'add_person',
  'add_membership',
  'add_account',
  'add_mail',
  'add_access_request',
] as const;
type Step = (typeof STEPS)[number];

/** Tables holding a person's rows, deleted child-first when the person leaves the desk. */
const PERSON_ROWS: Entity[] = ['access_request', 'mail', 'account', 'membership'];

export const ScopeChangeCursor = z.object({
  v: z.literal(1),
  e: z.string(),
  /** The scope this change leads to (the key of `companies:…`). */
  sc: z.string(),
  m: z.literal('c'),
  /** Companies whose rows the desk holds completely, up to log position `s`. */
  held: z.array(z.number().int()),
  /** Companies whose rows the desk may hold in part (an earlier change cut short). */
  maybe: z.array(z.number().int()),
  /** Log position to resume at when the change is done. */
  s: z.number().int().nonnegative(),
  /** Step index in STEPS and last key sent in that step. */
  i: z.number().int().nonnegative(),
  k: z.number().int().nullable(),
  d: z.number().int().nonnegative(),
  t: z.number().int().nonnegative(),
});
export type ScopeChangeCursor = z.infer<typeof ScopeChangeCursor>;

/** The company list of a `companies:1,2,3` scope key; null for `all` or anything else. */
export function companiesOfScopeKey(key: string): number[] | null {
  if (!key.startsWith('companies:')) return null;
  const list = key.slice('companies:'.length);
  if (list === '') return [];
  const values = list.split(',').map(Number);
  return values.every(Number.isInteger) ? values : null;
}

const sorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

const IN = (name: string) => `SELECT value FROM json_each(@${name})`;
/** People in scope of the companies in @name: a dismissal ends a company's responsibility. */
const PERSONS_OF = (name: string) =>
  `SELECT person_rut FROM memberships_by_company WHERE company_rut IN (${IN(name)}) AND state != 'removed'`;

export function createScopeChange(sqlite: Database.Database) {
  const prepared = statementCache(sqlite);

  /** The SQL of one step: keys (and rows, for the back-fill) after @after, in key order. */
  function stepSql(step: Step): string {
    // @evict: companies to leave; @now: the new scope; @added: companies to back-fill;
    // @kept: companies held before and still in scope (their people are already on the desk).
    const leaving = `SELECT DISTINCT person_rut FROM memberships_by_company WHERE company_rut IN (${IN('evict')})
      AND person_rut NOT IN (${PERSONS_OF('now')})`;
    const arriving = `${PERSONS_OF('added')} AND person_rut NOT IN (${PERSONS_OF('kept')})`;
    switch (step) {
      case 'evict_company':
        return `SELECT rut AS k FROM companies WHERE rut IN (${IN('evict')}) AND rut > @after ORDER BY rut LIMIT +@limit`;
      case 'evict_signatory':
        return `SELECT id AS k FROM company_signatories WHERE company_rut IN (${IN('evict')}) AND id > @after ORDER BY id LIMIT +@limit`;
      case 'evict_person':
        return `SELECT rut AS k FROM persons WHERE rut IN (${leaving}) AND rut > @after ORDER BY rut LIMIT +@limit`;
      default: {
        const entity = step.slice('add_'.length) as Entity;
        const { table, key, columns } = ENTITY_TABLES[entity];
        const where =
          entity === 'company'
            ? `rut IN (${IN('added')})`
            : entity === 'signatory'
              ? `company_rut IN (${IN('added')})`
              : entity === 'person'
                ? `rut IN (${arriving})`
                : `person_rut IN (${arriving})`;
        return `SELECT ${key} AS k, ${columns.join(', ')} FROM ${table} WHERE ${where} AND ${key} > @after ORDER BY ${key} LIMIT +@limit`;
      }
    }
  }

  function countSql(step: Step): string {
    const inner = stepSql(step).replace(/ORDER BY \S+ LIMIT \+@limit$/, '');
    return `SELECT count(*) AS n FROM (${inner})`;
  }

  const personRows = (entity: Entity) =>
    prepared(`rows:${entity}`, () => {
      const { table, key } = ENTITY_TABLES[entity];
      return `SELECT ${key} AS k FROM ${table} WHERE person_rut = ? ORDER BY ${key}`;
    });
  const personRowsFull = (entity: Entity) =>
    prepared(`full:${entity}`, () => {
      const { table, key, columns } = ENTITY_TABLES[entity];
      return `SELECT ${columns.join(', ')} FROM ${table} WHERE ${entity === 'person' ? 'rut' : 'person_rut'} = ? ORDER BY ${key}`;
    });

  /** Every row of one person as deletions, child rows first; the desk forgets them. */
  function evictPerson(personRut: number): Change[] {
    const changes: Change[] = [];
    for (const entity of PERSON_ROWS) {
      for (const { k } of personRows(entity).all(personRut) as Array<{ k: number }>) {
        changes.push({ entity, op: 'delete', key: k, row: null });
      }
    }
    changes.push({ entity: 'person', op: 'delete', key: personRut, row: null });
    return changes;
  }

  /** Every row of one person as upserts, the person first; a desk that lacked them has them. */
  function personBundle(personRut: number): Change[] {
    const changes: Change[] = [];
    for (const entity of ['person', 'membership', 'account', 'mail', 'access_request'] as const) {
      const { key } = ENTITY_TABLES[entity];
      for (const row of personRowsFull(entity).all(personRut) as Array<Record<string, unknown>>) {
        changes.push({ entity, op: 'upsert', key: row[key] as number, row });
      }
    }
    return changes;
  }

  const inScope = prepared(
    'in-scope',
    () => `SELECT 1 FROM memberships WHERE person_rut = @person AND company_rut IN (${IN('now')})
      AND state != 'removed' LIMIT 1`,
  );

  function sets(cursor: ScopeChangeCursor, now: number[]) {
    const current = new Set(now);
    const held = new Set(cursor.held);
    const evict = sorted([...cursor.held, ...cursor.maybe].filter((rut) => !current.has(rut)));
    const added = sorted(now.filter((rut) => !held.has(rut)));
    const kept = sorted(now.filter((rut) => held.has(rut)));
    return {
      evict: JSON.stringify(evict),
      added: JSON.stringify(added),
      kept: JSON.stringify(kept),
      now: JSON.stringify(sorted(now)),
    };
  }

  return {
    /** A new change from `held` (the desk's complete companies) to `now`, with its total. */
    start(
      base: { e: string; sc: string; s: number },
      held: number[],
      maybe: number[],
      now: number[],
    ): ScopeChangeCursor {
      const cursor: ScopeChangeCursor = {
        v: 1,
        e: base.e,
        sc: base.sc,
        m: 'c',
        held: sorted(held),
        maybe: sorted(maybe),
        s: base.s,
        i: 0,
        k: null,
        d: 0,
        t: 0,
      };
      const params = { ...sets(cursor, now), after: Number.MIN_SAFE_INTEGER };
      let total = 0;
      for (const step of STEPS) {
        const n = (prepared(`count:${step}`, () => countSql(step)).get(params) as { n: number }).n;
        // A person leaving takes a handful of rows with them; count them all.
        total += step === 'evict_person' ? n * (PERSON_ROWS.length + 1) : n;
      }
      return { ...cursor, t: total };
    },

    /**
     * The next page of a change, and its next cursor (null when the change is done: the caller
     * resumes the log at `cursor.s` for the new scope). Inside the caller's read transaction.
     */
    page(
      cursor: ScopeChangeCursor,
      now: number[],
      limit: number,
    ): { changes: Change[]; next: ScopeChangeCursor | null } {
      const params = sets(cursor, now);
      const changes: Change[] = [];
      let index = cursor.i;
      let after = cursor.k;
      while (changes.length < limit && index < STEPS.length) {
        const step = STEPS[index]!;
        const wanted = Math.max(1, limit - changes.length);
        // A leaving person is several deletions: ask for fewer people than rows wanted.
        const take = step === 'evict_person' ? Math.max(1, Math.ceil(wanted / 6)) : wanted;
        const rows = prepared(`step:${step}`, () => stepSql(step)).all({
          ...params,
          after: after ?? Number.MIN_SAFE_INTEGER,
          limit: take,
        }) as Array<Record<string, unknown> & { k: number }>;
        for (const row of rows) {
          if (step === 'evict_company') {
            changes.push({ entity: 'company', op: 'delete', key: row.k, row: null });
          } else if (step === 'evict_signatory') {
            changes.push({ entity: 'signatory', op: 'delete', key: row.k, row: null });
          } else if (step === 'evict_person') {
            changes.push(...evictPerson(row.k));
          } else {
            const { k, ...rest } = row;
            changes.push({ entity: step.slice('add_'.length), op: 'upsert', key: k, row: rest });
          }
        }
        if (rows.length < take) {
          index++;
          after = null;
        } else {
          after = rows[rows.length - 1]!.k;
        }
      }
      const done = cursor.d + changes.length;
      if (index >= STEPS.length) return { changes, next: null };
      return {
        changes,
        next: { ...cursor, i: index, k: after, d: done, t: Math.max(cursor.t, done) },
      };
    },

    /**
     * What a membership change in one of the agent's companies means for its person: all of
     * the person's rows when they are in scope now, their deletion when they are not.
     */
    membershipMoved(personRut: number, now: number[]): Change[] {
      const present = inScope.get({ person: personRut, now: JSON.stringify(now) }) !== undefined;
      return present ? personBundle(personRut) : evictPerson(personRut);
    },
  };
}

export type ScopeChange = ReturnType<typeof createScopeChange>;

export type AssignmentOutcome =
  | { kind: 'ok'; companyRuts: number[]; changed: boolean; displayName: string }
  | { kind: 'agent_not_found' }
  | { kind: 'not_prevention' }
  | { kind: 'company_not_found' };

export function createScopeAdmin(sqlite: Database.Database, now: () => Date) {
  const agentRow = sqlite.prepare(
    'SELECT id, role, display_name, company_ruts FROM agents WHERE username = ? COLLATE NOCASE',
  );
  const companyExists = sqlite.prepare('SELECT 1 FROM companies WHERE rut = ?');
  const setCompanies = sqlite.prepare('UPDATE agents SET company_ruts = ? WHERE id = ?');
  const record = sqlite.prepare(
    `INSERT INTO agent_scope_events (agent_id, company_rut, assigned, by_agent_id, reason, at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );

  /** One transaction: the agent's companies and the record of who changed them and why. */
  const change = sqlite.transaction(
    (input: ScopeAssignment, byAgentId: string): AssignmentOutcome => {
      const row = agentRow.get(input.username.trim()) as
        { id: string; role: string; display_name: string; company_ruts: string } | undefined;
      if (!row) return { kind: 'agent_not_found' };
      if (row.role !== 'prevention') return { kind: 'not_prevention' };
      if (input.assigned && !companyExists.get(input.companyRut)) {
        return { kind: 'company_not_found' };
      }
      const current = (JSON.parse(row.company_ruts) as unknown[]).filter(
        (value): value is number => typeof value === 'number' && Number.isInteger(value),
      );
      const next = input.assigned
        ? sorted([...current, input.companyRut])
        : current.filter((rut) => rut !== input.companyRut);
      const changed = next.length !== current.length;
      if (changed) {
        setCompanies.run(JSON.stringify(next), row.id);
        record.run(
          row.id,
          input.companyRut,
          input.assigned ? 1 : 0,
          byAgentId,
          input.reason.trim(),
          now().toISOString(),
        );
      }
      return { kind: 'ok', companyRuts: sorted(next), changed, displayName: row.display_name };
    },
  );

  const officers = sqlite.prepare(
    `SELECT username, display_name, active, company_ruts FROM agents
     WHERE role = 'prevention' ORDER BY display_name COLLATE NOCASE, username`,
  );

  return {
    change,
    /** Every prevention officer with the companies assigned to him (GET /admin/officers). */
    officers(): OfficerSummary[] {
      return (
        officers.all() as Array<{
          username: string;
          display_name: string;
          active: number;
          company_ruts: string;
        }>
      ).map((row) => ({
        username: row.username,
        displayName: row.display_name,
        active: row.active === 1,
        companyRuts: sorted(
          (JSON.parse(row.company_ruts) as unknown[]).filter(
            (value): value is number => typeof value === 'number' && Number.isInteger(value),
          ),
        ),
      }));
    },
  };
}

/** How far back an action's decision may reach for a company since taken away (72 h offline). */
export const AUTHORITY_GRACE_MS = 72 * 60 * 60_000;

/**
 * An action is judged with the authority its agent had when deciding it: an officer who fixed
 * a worker's phone offline keeps that fix even if the company was taken from him before his
 * laptop came back. The decision instant is the server's now minus the action's age (both ends
 * of the age come from the device's clock, so a wrong clock does not move it), and no further
 * back than AUTHORITY_GRACE_MS.
 */
export function createScopeHistory(sqlite: Database.Database, now: () => Date) {
  const unassignedSince = sqlite.prepare(
    `SELECT u.company_rut AS rut FROM agent_scope_events u
     WHERE u.agent_id = @agent AND u.assigned = 0 AND u.at > @decided AND u.at > @floor
       AND NOT EXISTS (SELECT 1 FROM agent_scope_events a WHERE a.agent_id = u.agent_id
         AND a.company_rut = u.company_rut AND a.assigned = 1 AND a.at > @decided AND a.at < u.at)`,
  );
  return {
    authorityAt<S extends { role: string; companyRuts: number[] }>(
      scope: S,
      agentId: string,
      ageMs: number,
    ): S {
      if (scope.role !== 'prevention' || !(ageMs > 0)) return scope;
      const nowMs = now().getTime();
      const decided = new Date(nowMs - Math.min(ageMs, AUTHORITY_GRACE_MS)).toISOString();
      const floor = new Date(nowMs - AUTHORITY_GRACE_MS).toISOString();
      const extra = (
        unassignedSince.all({ agent: agentId, decided, floor }) as Array<{ rut: number }>
      ).map((row) => row.rut);
      if (extra.length === 0) return scope;
      return { ...scope, companyRuts: sorted([...scope.companyRuts, ...extra]) };
    },
  };
}
