/**
 * The replica's person count (migration 0023): kept by the `person_count_%` triggers on persons,
 * so the header's count, asked on every status poll, reads one row instead of counting 10 million.
 * The triggers stay on through a snapshot, so the count so far shows while it loads.
 */
import type Database from 'better-sqlite3';

export const PERSON_COUNT_SQL = {
  read: "SELECT n FROM replica_counts WHERE name = 'persons'",
  /** Persons inserted or deleted, ever (0031): grows whenever someone arrives or leaves. */
  moved: "SELECT n FROM replica_counts WHERE name = 'persons_moved'",
  /**
   * The persons of some companies (an officer's): those a search shows him, each once. Read from
   * the companies' key table, one seek each: their members' rows, not the replica's.
   */
  inCompanies: `SELECT count(*) FROM (SELECT DISTINCT person_rut FROM memberships_by_company
    WHERE company_rut IN (SELECT value FROM json_each(?)) AND state != 'removed')`,
  recount: `INSERT INTO replica_counts (name, n) VALUES ('persons', (SELECT count(*) FROM persons))
    ON CONFLICT (name) DO UPDATE SET n = excluded.n`,
} as const;

const DELETE_TRIGGER = 'person_count_delete';

/**
 * Empties persons in one go, the count with it. SQLite empties a table at once only when no
 * trigger fires on its rows; with the count's deletion trigger on, 10 million persons would go
 * one by one. It stands aside for the deletion, inside the caller's transaction.
 */
export function emptyPersons(sqlite: Database.Database): void {
  const trigger = sqlite
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")
    .pluck()
    .get(DELETE_TRIGGER) as string | undefined;
  if (trigger) sqlite.exec(`DROP TRIGGER ${DELETE_TRIGGER}`);
  // Everyone left: the mark that people moved moves too, though its trigger stood aside.
  sqlite.exec(
    "UPDATE replica_counts SET n = n + EXISTS (SELECT 1 FROM persons) WHERE name = 'persons_moved'",
  );
  sqlite.exec('DELETE FROM persons');
  if (trigger) sqlite.exec(trigger);
  sqlite.exec(PERSON_COUNT_SQL.recount);
}
