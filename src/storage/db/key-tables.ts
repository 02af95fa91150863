/**
 * Tables that hold a large table's rows in another key's order (migration 0027): persons by
 * e-mail and by phone, memberships by company. They do what a secondary index would, but a bulk
 * load can fill them in bounded memory: CREATE INDEX sorts every entry at once, and on an
 * encrypted replica that sort stays in memory (its temporary files would not be encrypted), 64
 * bytes an entry, 1.0 GB of desk at 10 million persons. A key table is filled in passes over
 * ranges of its key instead, each sorting at most `SORT_ROWS` rows and appending them in order.
 *
 * Triggers on the source keep each table right on every write path (`<name>_insert`, `_update`,
 * `_delete`). A bulk load (a snapshot, the demo seed) sets them aside with the table emptied, and
 * fills the table and puts them back when its rows are in (`restoreKeyTable`).
 */
import type Database from 'better-sqlite3';

export type KeyTable = {
  name: string;
  source: string;
  columns: readonly string[];
  /** The table's primary key: the order it is read and filled in. */
  key: readonly string[];
  /** The source rows it holds, as SQL over the source's columns. */
  holds: string;
};

export const KEY_TABLES: readonly KeyTable[] = [
  {
    name: 'persons_by_email',
    source: 'persons',
    columns: ['email', 'rut'],
    key: ['email', 'rut'],
    holds: 'email IS NOT NULL',
  },
  {
    name: 'persons_by_phone',
    source: 'persons',
    columns: ['phone', 'rut'],
    key: ['phone', 'rut'],
    holds: 'phone IS NOT NULL',
  },
  {
    name: 'memberships_by_company',
    source: 'memberships',
    columns: ['company_rut', 'person_rut', 'role', 'state', 'version'],
    key: ['company_rut', 'person_rut'],
    holds: 'true',
  },
];

/**
 * Rows one pass sorts at most: about 130 MB of sort (SQLite keeps each entry as an allocation of
 * its own, some 64 bytes), against 640-720 MB for the 10-11 million of a 10M replica at once.
 */
export const SORT_ROWS = 2_000_000;
/** One row in this many (by rowid) gives the passes' bounds. */
const SAMPLE_EVERY = 64;

/** A key table set aside by a bulk load: its name and its triggers' SQL, to be put back. */
export type KeyTableAside = { name: string; triggers: string[] };

function spec(name: string): KeyTable {
  const table = KEY_TABLES.find((candidate) => candidate.name === name);
  if (!table) throw new Error(`unknown key table ${name}`);
  return table;
}

function triggersOf(sqlite: Database.Database, name: string): Array<{ name: string; sql: string }> {
  return sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
       AND name IN (?, ?, ?) ORDER BY name`,
    )
    .all(`${name}_insert`, `${name}_update`, `${name}_delete`) as Array<{
    name: string;
    sql: string;
  }>;
}

/**
 * Sets aside the key tables of these source tables: their triggers dropped (their SQL answered,
 * for the caller to keep) and their rows deleted. Tables already aside (no triggers) are skipped.
 * Call inside the bulk load's first transaction, before it empties or fills the sources.
 */
export function setKeyTablesAside(
  sqlite: Database.Database,
  sources: readonly string[],
): KeyTableAside[] {
  const aside: KeyTableAside[] = [];
  for (const table of KEY_TABLES) {
    if (!sources.includes(table.source)) continue;
    const triggers = triggersOf(sqlite, table.name);
    if (triggers.length === 0) continue;
    for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
    sqlite.exec(`DELETE FROM "${table.name}"`);
    aside.push({ name: table.name, triggers: triggers.map((trigger) => trigger.sql) });
  }
  return aside;
}

/**
 * Fills a key table set aside and puts its triggers back; nothing if they are back already.
 * The caller owns the transaction (one for all of it: the table is never seen half-filled with
 * its triggers on).
 */
export function restoreKeyTable(
  sqlite: Database.Database,
  aside: KeyTableAside,
  sortRows: number = SORT_ROWS,
): void {
  if (triggersOf(sqlite, aside.name).length > 0) return;
  const table = spec(aside.name);
  sqlite.exec(`DELETE FROM "${table.name}"`);
  fillKeyTable(sqlite, table, sortRows);
  for (const sql of aside.triggers) sqlite.exec(sql);
}

/**
 * Inserts the source's rows into an empty key table in key order: a pass per range of the key,
 * the ranges' bounds sampled from the source so each holds about `sortRows` rows. Every pass
 * reads the whole source (a scan costs far less than the memory it saves) and appends.
 */
export function fillKeyTable(
  sqlite: Database.Database,
  table: KeyTable,
  sortRows: number = SORT_ROWS,
): void {
  const key = table.key.join(', ');
  const marks = table.key.map(() => '?').join(', ');
  const sample = sqlite
    .prepare(
      `SELECT ${key} FROM "${table.source}" WHERE (${table.holds}) AND rowid % ${SAMPLE_EVERY} = 0
       ORDER BY ${key}`,
    )
    .raw()
    .all() as unknown[][];
  const every = Math.max(1, Math.floor(sortRows / SAMPLE_EVERY));
  const bounds: unknown[][] = [];
  for (let at = every; at < sample.length; at += every) bounds.push(sample[at]!);
  const insert = (range: string) =>
    sqlite.prepare(
      `INSERT INTO "${table.name}" (${table.columns.join(', ')})
       SELECT ${table.columns.join(', ')} FROM "${table.source}"
       WHERE (${table.holds})${range} ORDER BY ${key}`,
    );
  if (bounds.length === 0) {
    insert('').run();
    return;
  }
  insert(` AND (${key}) < (${marks})`).run(...bounds[0]!);
  const between = insert(` AND (${key}) >= (${marks}) AND (${key}) < (${marks})`);
  for (let i = 1; i < bounds.length; i++) between.run(...bounds[i - 1]!, ...bounds[i]!);
  insert(` AND (${key}) >= (${marks})`).run(...bounds[bounds.length - 1]!);
}
