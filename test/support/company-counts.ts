/**
 * Issue 11: the kept company counts (`company_counts`, migration 0020) beside counting the
 * memberships, for tests that drive a write path end to end. A company whose last user left may
 * keep a row of zeros.
 */
import type Database from 'better-sqlite3';

export function companyCountsDrift(sqlite: Database.Database): {
  kept: Record<number, string>;
  counted: Record<number, string>;
} {
  const read = (sql: string) =>
    Object.fromEntries(
      (
        sqlite.prepare(sql).all() as Array<{
          company_rut: number;
          users: number;
          active: number;
          admins: number;
        }>
      ).map((r) => [r.company_rut, `${r.users}/${r.active}/${r.admins}`]),
    );
  return {
    kept: read(
      `SELECT company_rut, users, active, admins FROM company_counts
       WHERE users != 0 OR active != 0 OR admins != 0`,
    ),
    counted: read(
      `SELECT company_rut, count(*) AS users, sum(state = 'active') AS active,
         sum(role = 'access_admin' AND state = 'active') AS admins
       FROM memberships GROUP BY company_rut`,
    ),
  };
}
