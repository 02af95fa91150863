/**
 * A company's user counts (issue 11: 10 million persons). Opening a company of 100,000 people
 * must not count them: `company_counts` holds one row per company (users, active ones, active
 * access administrators), kept by triggers on `memberships` (migration 0020) — so every write
 * path (actions, replay, pulled pages, bulk loads, scope changes, the central API) keeps it right
 * without knowing about it.
 *
 * A bulk load sets those triggers aside (a snapshot, with the search ones; the demo seed) and
 * empties the table; the counts are then built again (`step`, in short steps by company
 * RUT, with the triggers already back, so nothing written meanwhile is missed). While that runs,
 * a company's row is trusted only once its step is done (`company_counts_through` in
 * sync_state); any other company is counted from `memberships`, as before.
 */
import type Database from 'better-sqlite3';

/**
 * The triggers a bulk load sets aside: the search index's (`…fts…`) and the counts'. Their SQL is
 * kept, and they are created again once the rows are in.
 */
export const BULK_LOAD_TRIGGERS_SQL = `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
  AND (name LIKE '%fts%' OR name LIKE 'company_counts_%')`;
/** The last company RUT whose counts were rebuilt; absent when every row is right. */
export const COMPANY_COUNTS_THROUGH = 'company_counts_through';

const COUNTED = `count(*) AS users, coalesce(sum(state = 'active'), 0) AS active,
  coalesce(sum(role = 'access_admin' AND state = 'active'), 0) AS admins`;

export const COMPANY_COUNTS_SQL = {
  /** The maintained row, unless a rebuild under way has not reached this company yet. */
  stored: `SELECT c.users, c.active, c.admins FROM company_counts c WHERE c.company_rut = ?
    AND NOT EXISTS (SELECT 1 FROM sync_state
      WHERE key = '${COMPANY_COUNTS_THROUGH}' AND CAST(value AS INTEGER) < c.company_rut)`,
  /** Counting the company's memberships (their key table's range): only without a stored row. */
  counted: `SELECT ${COUNTED} FROM memberships_by_company WHERE company_rut = ?`,
  /** A rebuild's next companies, in RUT order, from the same table (groups stream in order). */
  chunk: `SELECT company_rut, ${COUNTED} FROM memberships_by_company WHERE company_rut > ?
     GROUP BY company_rut ORDER BY company_rut LIMIT +?`,
} as const;

/**
 * Memberships counted per rebuild step at most (but always one whole company): a step runs on
 * the desk's thread, and at 10M persons 2,500 companies with the largest employers among them
 * were millions of memberships, an 892 ms stall.
 */
export const COUNTS_STEP_MEMBERSHIPS = 100_000;

export type CompanyCounts = { users: number; active: number; admins: number };

/** Reads a company's counts: the stored row, else (no row, or not rebuilt yet) a real count. */
export function createCompanyCountsReader(sqlite: Database.Database) {
  const stored = sqlite.prepare(COMPANY_COUNTS_SQL.stored);
  const counted = sqlite.prepare(COMPANY_COUNTS_SQL.counted);
  return (companyRut: number): CompanyCounts =>
    (stored.get(companyRut) as CompanyCounts | undefined) ??
    (counted.get(companyRut) as CompanyCounts);
}

/** Every company's counts from scratch, in one statement (a fresh or seeded replica). */
export const FILL_COMPANY_COUNTS_SQL = `DELETE FROM company_counts;
  INSERT INTO company_counts (company_rut, users, active, admins)
  SELECT company_rut, ${COUNTED} FROM memberships_by_company WHERE true GROUP BY company_rut;`;

/** Set-aside and rebuild of the counts around a bulk load. Callers own the transaction. */
export function createCompanyCountsRebuild(sqlite: Database.Database) {
  const getThrough = sqlite.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck();
  const setThrough = sqlite.prepare(
    `INSERT INTO sync_state (key, value) VALUES (?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
  const dropThrough = sqlite.prepare('DELETE FROM sync_state WHERE key = ?');
  const chunk = sqlite.prepare(COMPANY_COUNTS_SQL.chunk);
  const clearRange = sqlite.prepare(
    'DELETE FROM company_counts WHERE company_rut > ? AND company_rut <= ?',
  );
  const put = sqlite.prepare(
    `INSERT INTO company_counts (company_rut, users, active, admins)
     VALUES (@company_rut, @users, @active, @admins)`,
  );
  return {
    /** The triggers are (being) set aside: no stored row is trusted until rebuilt. */
    invalidate(): void {
      sqlite.exec('DELETE FROM company_counts');
      setThrough.run(COMPANY_COUNTS_THROUGH, '0');
    },
    pending(): boolean {
      return getThrough.get(COMPANY_COUNTS_THROUGH) !== undefined;
    },
    /**
     * Counts the next `companies` companies (the triggers must be back); true while more remain.
     * Rows the triggers made meanwhile for companies not reached yet are replaced.
     */
    step(companies: number, memberships = COUNTS_STEP_MEMBERSHIPS): boolean {
      const through = getThrough.get(COMPANY_COUNTS_THROUGH) as string | undefined;
      if (through === undefined) return false;
      const after = Number(through);
      const rows: Array<{ company_rut: number } & CompanyCounts> = [];
      let counted = 0;
      let more = false;
      for (const row of chunk.iterate(after, companies) as Iterable<
        { company_rut: number } & CompanyCounts
      >) {
        rows.push(row);
        counted += row.users;
        // The statement stops here (the rest of the range is never counted).
        if (rows.length === companies || counted >= memberships) {
          more = true;
          break;
        }
      }
      const last = more ? rows[rows.length - 1]!.company_rut : null;
      clearRange.run(after, last ?? Number.MAX_SAFE_INTEGER);
      for (const row of rows) put.run(row);
      if (last === null) dropThrough.run(COMPANY_COUNTS_THROUGH);
      else setThrough.run(COMPANY_COUNTS_THROUGH, String(last));
      return last !== null;
    },
  };
}
