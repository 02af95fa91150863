/**
 * Writes pulled changes into the replica. One page and its cursor commit together (a crash
 * never leaves half a page or a cursor ahead of its rows). Rows never go back to an older
 * version. After the page, the agent's actions the server has not confirmed yet are replayed
 * over the fresh rows, so the screen keeps showing what the agent did (read-your-writes).
 */
import type Database from 'better-sqlite3';
import { ENTITY_TABLES, type Change, type Entity } from '../../shared/sync-protocol';
import {
  createCompanyWriteRepository,
  PLACEHOLDER_TABLES,
} from '../../intents/company-write-repository';
import { createPersonWriteRepository } from '../../intents/person-write-repository';
import { createDataRequestRepository } from '../../intents/data-request-repository';
import {
  BULK_LOAD_TRIGGERS_SQL,
  createCompanyCountsRebuild,
} from '../../storage/repositories/company-counts';
import { applyIntent } from '../../intents/apply-intent';
import { indexesAside, searchIndexStep, setIndexesAside } from '../../storage/db/deferred-indexes';
import { emptyPersons } from '../repositories/person-count';

const ENTITIES_WITHOUT_VERSION = new Set<Entity>(['mail']);

/**
 * Columns the search index (person_fts, company_fts) is built from: their triggers fire on any
 * UPDATE that names them, changed or not. A pulled row rewrites them only when they differ, so
 * the desk's own changes coming back (a new phone, a new version) do not re-index the name.
 */
const SEARCH_INDEXED: Partial<Record<Entity, readonly string[]>> = {
  person: ['given_names', 'last_name1', 'last_name2'],
  company: ['legal_name'],
};

export type PageMeta = {
  cursor: string;
  epoch: string;
  progress: { done: number; total: number } | null;
  /** The page answers an empty cursor: a snapshot starts, the replica starts over. */
  startsSnapshot?: boolean;
  /** A scope change under way (issue 11): its progress; null or absent when none. */
  scopeChange?: { done: number; total: number } | null;
  /**
   * More parts of the same page follow (the sync engine writes a large page in parts, each its
   * own transaction): this part writes its rows only; the cursor and the page's state move with
   * its last part. A crash between parts pulls the page again; its rows are written again.
   */
  partial?: boolean;
};

const isEntity = (name: string): name is Entity => Object.hasOwn(ENTITY_TABLES, name);

/** The tables a snapshot fills. */
const REPLICATED_TABLES = Object.values(ENTITY_TABLES).map((spec) => spec.table);

/** The sync_state key of the count of pulled pages that changed a row. */
export const PULLED_CHANGES = 'pulled_changes';

export function createReplicaWriter(sqlite: Database.Database, now: () => Date) {
  const writes = createPersonWriteRepository(sqlite, { bumpVersions: false });
  const companies = createCompanyWriteRepository(sqlite, { bumpVersions: false });
  const dataRequests = createDataRequestRepository(sqlite, { bumpVersions: false });
  const upserts = new Map<Entity, Database.Statement>();
  /** The search-indexed columns of a row whose upsert just took it, when they changed. */
  const indexedUpdates = new Map<Entity, Database.Statement>();
  const deletes = new Map<Entity, Database.Statement>();
  for (const [entity, spec] of Object.entries(ENTITY_TABLES) as Array<
    [Entity, (typeof ENTITY_TABLES)[Entity]]
  >) {
    const columns = spec.columns;
    const indexed = SEARCH_INDEXED[entity] ?? [];
    const updates = columns
      .filter((column) => column !== spec.key && !indexed.includes(column))
      .map((column) => `${column} = excluded.${column}`)
      .join(', ');
    const guard = ENTITIES_WITHOUT_VERSION.has(entity)
      ? ''
      : ` WHERE excluded.version >= ${spec.table}.version`;
    upserts.set(
      entity,
      sqlite.prepare(
        `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
         ON CONFLICT(${spec.key}) DO UPDATE SET ${updates}${guard}`,
      ),
    );
    if (indexed.length > 0) {
      // Only a row now at the pulled version took the upsert (the same guard as above).
      indexedUpdates.set(
        entity,
        sqlite.prepare(
          `UPDATE ${spec.table} SET ${indexed.map((c) => `${c} = @${c}`).join(', ')}
           WHERE ${spec.key} = @${spec.key} AND version = @version
             AND (${indexed.map((c) => `${c} IS NOT @${c}`).join(' OR ')})`,
        ),
      );
    }
    deletes.set(entity, sqlite.prepare(`DELETE FROM ${spec.table} WHERE ${spec.key} = ?`));
  }
  // The desk's own stand-in for a mail an action queued (a negative id), until the server's row
  // for that action arrives or the server answers the action.
  const dropPlaceholders = sqlite.prepare('DELETE FROM mails WHERE action_id = ? AND id < 0');
  // Whether there is any stand-in at all: the lowest id, one step down the table's b-tree.
  const anyMailPlaceholder = sqlite.prepare('SELECT 1 FROM mails WHERE id < 0 LIMIT 1').pluck();
  // Rows the desk created ahead of the server (negative ids) give way to the server's row for
  // the same natural key, and are made again by replay while their action is still pending.
  const placeholderFor: Partial<Record<Entity, (row: Record<string, unknown>) => void>> = {};
  for (const [entity, table, other] of [
    ['membership', 'memberships', 'company_rut'],
    ['account', 'accounts', 'portal'],
    ['access_request', 'access_requests', 'company_rut'],
    // Ley 21.719 requests: the natural key is the request's number.
    ['data_request', 'data_requests', 'number'],
  ] as const) {
    const statement = sqlite.prepare(
      `DELETE FROM ${table} WHERE id < 0 AND person_rut = ? AND ${other} = ?`,
    );
    placeholderFor[entity] = (row) => statement.run(row['person_rut'], row[other]);
  }
  const actionOf = sqlite.prepare(
    'SELECT kind, person_rut, payload FROM outbox WHERE action_id = ?',
  );
  // A person is still needed while a server row or a pending action refers to them.
  const stillNeeded = sqlite.prepare(
    `SELECT 1 FROM memberships WHERE person_rut = ? AND id >= 0
     UNION ALL SELECT 1 FROM outbox WHERE person_rut = ? AND state = 'pending' LIMIT 1`,
  );
  const forgetPerson = sqlite.prepare('DELETE FROM persons WHERE rut = ?');
  const anyPlaceholder = sqlite.prepare(
    PLACEHOLDER_TABLES.map((table) => `SELECT 1 FROM ${table} WHERE id < 0`).join(' UNION ALL ') +
      ' LIMIT 1',
  );
  const personPlaceholders = PLACEHOLDER_TABLES.map((table) =>
    sqlite.prepare(`DELETE FROM ${table} WHERE id < 0 AND person_rut = ?`),
  );
  const anyPending = sqlite.prepare("SELECT 1 FROM outbox WHERE state = 'pending' LIMIT 1");
  // With the name of the agent who decided each (this desk knows whoever signed in on it).
  const pendingFor = sqlite.prepare(
    `SELECT o.action_id, o.kind, o.person_rut, o.payload, o.created_at,
       a.display_name AS decided_by
     FROM outbox o LEFT JOIN agents a ON a.id = o.agent_id
     WHERE o.state = 'pending' AND o.person_rut = ? ORDER BY o.seq`,
  );
  // The search triggers and, with them, the company counts' (issue 11: company-counts.ts).
  const ftsTriggers = sqlite.prepare(BULK_LOAD_TRIGGERS_SQL);
  const counts = createCompanyCountsRebuild(sqlite);
  const setState = sqlite.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const getState = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?');
  // Grows with every page that changed a row: the open record and the results are read again
  // (SyncStatus.pulledChanges), since a colleague's change to the person on screen arrives so.
  const countPulled = sqlite.prepare(
    `INSERT INTO sync_state (key, value) VALUES ('${PULLED_CHANGES}', '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
  );

  function pick(entity: Entity, row: Record<string, unknown>) {
    const values: Record<string, unknown> = {};
    for (const column of ENTITY_TABLES[entity].columns) {
      const value = row[column];
      values[column] = typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null);
    }
    return values;
  }

  function personOf(change: Change): number | null {
    if (!change.row) return null;
    const rut = change.entity === 'person' ? change.row['rut'] : change.row['person_rut'];
    return typeof rut === 'number' ? rut : null;
  }

  /** Writes one server row (never over a newer version); answers the person it is about. */
  function write(change: Change): number | null {
    // A newer server may know entities this desk does not: skip them, never fail the page.
    const entity = change.entity;
    if (!isEntity(entity) || (change.op !== 'upsert' && change.op !== 'delete')) return null;
    if (change.op === 'delete' || change.row === null) {
      deletes.get(entity)!.run(change.key);
      // A person leaving the desk (out of scope) takes the rows made ahead for them too;
      // their queued actions stay in the outbox and are still sent.
      if (entity === 'person') {
        for (const statement of personPlaceholders) statement.run(change.key);
      }
      return null;
    }
    const actionId = change.row['action_id'];
    if (change.entity === 'mail' && typeof actionId === 'string') dropPlaceholders.run(actionId);
    placeholderFor[entity]?.(change.row);
    const values = pick(entity, change.row);
    upserts.get(entity)!.run(values);
    indexedUpdates.get(entity)?.run(values);
    return personOf(change);
  }

  /** Replays this device's pending actions for a person over the rows just pulled. */
  function replay(personRut: number): void {
    for (const statement of personPlaceholders) statement.run(personRut);
    const rows = pendingFor.all(personRut) as Array<{
      action_id: string;
      kind: string;
      person_rut: number;
      payload: string;
      created_at: string;
      decided_by: string | null;
    }>;
    const at = now();
    for (const row of rows) {
      // Dated when it was decided on this desk, not when a pull brought the rows (walk 59b).
      const ageMs = at.getTime() - Date.parse(row.created_at);
      applyIntent(
        {
          writes,
          companies,
          dataRequests,
          mode: 'replay',
          now: at,
          ageMs: Number.isFinite(ageMs) ? ageMs : 0,
          decidedBy: row.decided_by,
        },
        {
          actionId: row.action_id,
          kind: row.kind,
          personRut: row.person_rut,
          payload: JSON.parse(row.payload) as Record<string, unknown>,
        },
      );
    }
  }

  /**
   * An initial sync writes a million rows: indexing them for search row by row (triggers) costs
   * twice the load itself and stalls the window while FTS5 merges. So during the snapshot the
   * search triggers are set aside (their SQL kept in sync_state, in the page's transaction), and
   * the rows are indexed afterwards in short chunks (`indexStep`), each committing its progress.
   */
  function setSearchIndexAside(): void {
    if (getState.get('fts_triggers')) return;
    const triggers = ftsTriggers.all() as Array<{ name: string; sql: string }>;
    for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
    counts.invalidate();
    // Every row will be indexed again from the start once the snapshot is in (the persons'
    // terms with it: the table only grows otherwise, and a snapshot is the time to trim it).
    sqlite.exec(`INSERT INTO person_fts(person_fts) VALUES ('delete-all');
      INSERT INTO company_fts(company_fts) VALUES ('delete-all'); DELETE FROM person_terms;`);
    setState.run('fts_triggers', JSON.stringify(triggers.map((trigger) => trigger.sql)));
    setState.run('fts_indexed_through', '0');
  }

  /**
   * A snapshot replaces the replica: rows the server does not have must not survive it (demo
   * data, rows deleted while the desk was away, an interrupted earlier snapshot). With the search
   * triggers aside this is quick. The queue and the mails it queued are kept.
   */
  function startOver(): void {
    setSearchIndexAside();
    // The tables are about to be empty: their secondary indexes are built once the rows are in.
    setIndexesAside(sqlite, REPLICATED_TABLES);
    sqlite.exec(`INSERT INTO person_fts(person_fts) VALUES ('delete-all');
      INSERT INTO company_fts(company_fts) VALUES ('delete-all'); DELETE FROM person_terms;
      DELETE FROM access_requests; DELETE FROM mails WHERE id >= 0; DELETE FROM accounts;
      DELETE FROM memberships;`);
    emptyPersons(sqlite);
    sqlite.exec(
      `DELETE FROM companies; DELETE FROM company_signatories; DELETE FROM data_requests;`,
    );
    setState.run('fts_indexed_through', '0');
  }

  return {
    /** Applies one page and stores its cursor, in one transaction. */
    applyPage: sqlite.transaction((changes: Change[], meta: PageMeta) => {
      if (meta.startsSnapshot) startOver();
      else if (meta.progress !== null) setSearchIndexAside();
      const touched = new Set<number>();
      for (const change of changes) {
        const person = write(change);
        if (person !== null) touched.add(person);
      }
      // Nothing pending and nothing made ahead (an initial sync, most pulls): nothing to replay.
      if (anyPending.get() !== undefined || anyPlaceholder.get() !== undefined) {
        for (const person of touched) replay(person);
      }
      if (changes.length > 0) countPulled.run();
      if (meta.partial) return;
      setState.run('pull_cursor', meta.cursor);
      setState.run('epoch', meta.epoch);
      setState.run('last_pull_at', now().toISOString());
      setState.run('initial_sync', meta.progress ? JSON.stringify(meta.progress) : '');
      setState.run('scope_change', meta.scopeChange ? JSON.stringify(meta.scopeChange) : '');
    }),

    /**
     * The server was restored or the cursor expired: pull from the start. The snapshot's first
     * page replaces the replica (`startOver`); until then the agent keeps seeing the old rows.
     */
    resetForResync(epoch: string | null): void {
      setState.run('pull_cursor', '');
      if (epoch !== null) setState.run('epoch', epoch);
    },

    /**
     * An action the server did not apply (rejected, conflict): put back the server's rows of
     * that person it sent (`current`), drop the rows the desk made ahead and replay the actions
     * still pending; a person this desk created for that
     * action alone (an outsider added to a company) goes too. Inside the caller's transaction.
     */
    forgetAheadOf(actionId: string, current: Change[] = []): void {
      const action = actionOf.get(actionId) as
        { kind: string; person_rut: number | null; payload: string } | undefined;
      if (!action || action.person_rut === null) return;
      // The server's rows as they are now: what this desk showed ahead goes, even where a pull
      // already brought the same version (the change was replayed over it while pending).
      for (const change of current) {
        if (personOf(change) === action.person_rut) write(change);
      }
      replay(action.person_rut);
      const created =
        action.kind === 'company_user.add' &&
        (JSON.parse(action.payload) as Record<string, unknown>)['newPerson'] !== undefined;
      if (created && !stillNeeded.get(action.person_rut, action.person_rut)) {
        forgetPerson.run(action.person_rut);
      }
    },

    /**
     * The server answered these actions: the stand-ins of the mails they queued go (its own rows,
     * if it sent them, arrive by pull). Almost always there is none, and an answer of 200 actions
     * then costs one look instead of 200. Inside the caller's transaction.
     */
    dropMailStandIns(actionIds: string[]): void {
      if (anyMailPlaceholder.get() === undefined) return;
      for (const actionId of actionIds) dropPlaceholders.run(actionId);
    },

    /** True while secondary indexes set aside by a snapshot wait to be built (deferred-indexes.ts). */
    indexesAside(): boolean {
      return indexesAside(sqlite);
    },

    /** True while rows loaded by a snapshot still wait to be indexed for search. */
    indexPending(): boolean {
      return getState.get('fts_triggers') !== undefined;
    },

    /**
     * Indexes the next `limit` persons for search; the last step also indexes companies and
     * puts the triggers back. Returns true while there is more to do. Only after a snapshot.
     */
    // Search first (its last step puts the triggers back), then the company counts, a few
    // thousand companies a step.
    indexStep: (limit: number): boolean =>
      searchIndexStep(sqlite, limit) ||
      sqlite.transaction(() => counts.step(Math.max(1, Math.floor(limit / 4))))(),

    state(key: string): string | null {
      return (getState.get(key) as { value: string } | undefined)?.value ?? null;
    },
    setState(key: string, value: string): void {
      setState.run(key, value);
    },
  };
}

export type ReplicaWriter = ReturnType<typeof createReplicaWriter>;
