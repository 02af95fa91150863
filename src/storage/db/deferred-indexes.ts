/**
 * Secondary indexes set aside while a snapshot loads an empty replica, and built once at its end.
 *
 * The snapshot arrives in primary-key order, so the tables themselves are written sequentially;
 * an index on e-mail, phone or company is written at random, and every page commit rewrites most
 * of its pages (on the encrypted replica each rewrite is encrypted again, and again when the WAL
 * is checkpointed). Without them an initial sync writes each page about once; CREATE INDEX then
 * sorts and writes every index page once, in order.
 *
 * Only non-unique indexes made by CREATE INDEX go aside: unique ones keep the replica's rows
 * honest while they arrive (and ON CONFLICT targets need them). Their SQL is kept in sync_state,
 * in the same transaction that drops them, so a killed snapshot knows what to build. They are
 * built again when the snapshot ends (in a worker thread, index-worker.ts, so the window stays
 * responsive) or, after a crash, when the replica is next opened (openDatabase), before any
 * migration that might expect them. The worker also indexes the snapshot for search (the search
 * triggers, set aside by replica-writer.ts, come back with its last step).
 *
 * The key tables of those tables (persons by e-mail and phone, memberships by company:
 * key-tables.ts) go aside with them, emptied with their triggers dropped, and are filled in
 * bounded passes in the same list's turn: at 10 million persons their CREATE INDEX sorts were
 * the desk's peak memory.
 */
import type Database from 'better-sqlite3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorker } from '../worker-thread';
import { restoreKeyTable, setKeyTablesAside, type KeyTableAside } from './key-tables';
import { fillPersonTermsSql } from './person-terms';

/** sync_state key: JSON list of what a snapshot set aside (`Saved`), in build order. */
export const DEFERRED_INDEXES_KEY = 'deferred_indexes';

/** An index set aside (its CREATE INDEX), or a key table (its triggers' SQL, key-tables.ts). */
type Saved = Array<{ name: string; sql: string } | { name: string; table: KeyTableAside }>;

function saved(sqlite: Database.Database): Saved | null {
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'")
    .get();
  if (!table) return null;
  const value = sqlite
    .prepare('SELECT value FROM sync_state WHERE key = ?')
    .pluck()
    .get(DEFERRED_INDEXES_KEY) as string | undefined;
  return value === undefined ? null : (JSON.parse(value) as Saved);
}

function store(sqlite: Database.Database, list: Saved): void {
  sqlite
    .prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(DEFERRED_INDEXES_KEY, JSON.stringify(list));
}

/** True while indexes set aside by a snapshot wait to be built. */
export function indexesAside(sqlite: Database.Database): boolean {
  return saved(sqlite) !== null;
}

/**
 * Drops the non-unique secondary indexes of these tables and remembers them, with their key
 * tables (emptied, their triggers dropped). Call inside the transaction that empties the tables
 * for a snapshot. Does nothing if they are aside already.
 */
export function setIndexesAside(sqlite: Database.Database, tables: readonly string[]): void {
  if (saved(sqlite) !== null) return;
  const sqlOf = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?");
  const list: Saved = [];
  for (const table of tables) {
    const indexes = sqlite.pragma(`index_list("${table}")`) as Array<{
      name: string;
      unique: number;
      origin: string;
    }>;
    for (const index of indexes) {
      if (index.unique || index.origin !== 'c') continue;
      list.push({ name: index.name, sql: sqlOf.pluck().get(index.name) as string });
    }
  }
  list.sort((a, b) => a.name.localeCompare(b.name));
  for (const { name } of list) sqlite.exec(`DROP INDEX "${name}"`);
  for (const table of setKeyTablesAside(sqlite, tables)) list.push({ name: table.name, table });
  // Stored even when empty-handed, so the snapshot does not look for indexes again.
  store(sqlite, list);
}

/**
 * Builds the next index set aside, in one transaction with the list's update (a crash leaves
 * either the index built and crossed off, or neither). Returns true while more remain.
 */
export function buildNextIndex(sqlite: Database.Database): boolean {
  // Most opens find nothing aside: no write lock taken for that.
  if (saved(sqlite) === null) return false;
  return sqlite
    .transaction((): boolean => {
      const list = saved(sqlite);
      if (list === null) return false;
      const next = list.shift();
      if (next && 'table' in next) restoreKeyTable(sqlite, next.table);
      else if (next) {
        const exists = sqlite
          .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")
          .get(next.name);
        if (!exists) sqlite.exec(next.sql);
      }
      if (list.length > 0) store(sqlite, list);
      else sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(DEFERRED_INDEXES_KEY);
      return list.length > 0;
    })
    .immediate();
}

/**
 * Indexes the next `limit` persons of a snapshot for search (replica-writer.ts set the search
 * triggers aside); the last step also indexes companies and puts the triggers back. Returns true
 * while there is more to do. One transaction per step, its progress kept in sync_state.
 */
export function searchIndexStep(sqlite: Database.Database, limit: number): boolean {
  return sqlite
    .transaction((): boolean => {
      const state = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
      const saved = state.get('fts_triggers') as string | undefined;
      if (saved === undefined) return false;
      const after = Number(state.get('fts_indexed_through'));
      const last = sqlite
        .prepare(
          'SELECT max(rut) FROM (SELECT rut FROM persons WHERE rut > ? ORDER BY rut LIMIT +?)',
        )
        .pluck()
        .get(after, limit) as number | null;
      if (last !== null) {
        sqlite
          .prepare(
            `INSERT INTO person_fts(rowid, given_names, last_name1, last_name2)
             SELECT rut, given_names, last_name1, last_name2 FROM persons
             WHERE rut > ? ORDER BY rut LIMIT +?`,
          )
          .run(after, limit);
        // Their names' terms too, which the terms' triggers (set aside too) would have added.
        sqlite
          .prepare(fillPersonTermsSql('(SELECT * FROM persons WHERE rut > ? AND rut <= ?)'))
          .run(after, last);
        sqlite
          .prepare("UPDATE sync_state SET value = ? WHERE key = 'fts_indexed_through'")
          .run(String(last));
        return true;
      }
      sqlite.exec("INSERT INTO company_fts(company_fts) VALUES ('rebuild')");
      for (const sql of JSON.parse(saved) as string[]) sqlite.exec(sql);
      sqlite
        .prepare("DELETE FROM sync_state WHERE key IN ('fts_triggers', 'fts_indexed_through')")
        .run();
      return false;
    })
    .immediate();
}

/** The full-text indexes a merge step works on, persons first. */
const SEARCH_INDEXES = ['person_fts', 'company_fts'] as const;

/**
 * One step of merging the search indexes into a single segment each: at most `pages` leaf pages
 * written, in one transaction. A snapshot's search index arrives in many steps, each a segment of
 * its own (15 of them at 10 million persons), and every search term is looked up in every
 * segment: merged, a term costs one b-tree seek, and the company search at 10M took twice its
 * time at 1M for that. Returns true while there is more to merge. FTS5's own incremental merge
 * (a negative 'merge' merges across levels, as 'optimize' does, but in bounded steps); a step
 * that changes fewer than two rows found nothing left to do.
 */
export function mergeSearchIndexStep(sqlite: Database.Database, pages: number): boolean {
  const changes = sqlite.prepare('SELECT total_changes()').pluck();
  return sqlite
    .transaction((): boolean => {
      for (const table of SEARCH_INDEXES) {
        const before = changes.get() as number;
        sqlite
          .prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('merge', ?)`)
          .run(-Math.max(1, Math.floor(pages)));
        if ((changes.get() as number) - before >= 2) return true;
      }
      return false;
    })
    .immediate();
}

/** Builds every index set aside, here and now (start-up, or when no worker can be started). */
export function buildIndexesNow(sqlite: Database.Database): void {
  while (buildNextIndex(sqlite));
}

export type IndexWorkerOptions = {
  /** The replica file; the worker opens its own connection to it. */
  file: string;
  key?: Buffer;
  nativeBinding?: string;
  /** The worker's entry: the built `index-worker.js` in the app, the source file otherwise. */
  workerFile?: string;
};

/** The worker entry beside this source file (tsx, vitest, the web door). */
const sourceWorkerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index-worker.ts');

/**
 * Builds what a snapshot set aside (secondary indexes, then search) in a worker thread on its own
 * connection, so the event loop never waits for a CREATE INDEX. The main connection keeps reading
 * meanwhile (WAL); a write on it may find the replica busy (core waits for the build and tries
 * it again). Settles when everything is built.
 */
export function buildIndexesInWorker(options: IndexWorkerOptions): Promise<void> {
  const file = options.workerFile ?? sourceWorkerFile;
  const workerData = {
    file: options.file,
    key: options.key ? options.key.toString('hex') : null,
    nativeBinding: options.nativeBinding ?? null,
  };
  const worker = startWorker(file, workerData);
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { ok: boolean; error?: string }) => {
      if (message.ok) resolve();
      else reject(new Error(message.error ?? 'the index worker failed'));
    });
    worker.once('error', reject);
    // Settles nothing once settled; otherwise the worker ended without a word.
    worker.once('exit', (code) =>
      reject(new Error(`the index worker ended (${code}) before building the indexes`)),
    );
  });
}
