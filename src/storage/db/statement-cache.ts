/**
 * Statements prepared once, for SQL that is built per call (a filter's shape, a scope's list):
 * preparing can cost more than running. Keyed by the SQL itself, or by a name whose SQL is
 * built on first use.
 */
import type Database from 'better-sqlite3';

export function statementCache(sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  return (key: string, build: () => string = () => key): Database.Statement => {
    let statement = statements.get(key);
    if (!statement) {
      statement = sqlite.prepare(build());
      statements.set(key, statement);
    }
    return statement;
  };
}
