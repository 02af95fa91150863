/**
 * Opens the replica: one SQLite file in WAL mode, migrated in place at start-up (never wiped).
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type OpenOptions = {
  /** Path of the SQLite file, or ':memory:'. */
  file: string;
  /** Folder of drizzle-kit migrations; defaults to the one beside this source file. */
  migrationsFolder?: string;
  /** Path of a better-sqlite3 binary built for another runtime (Electron). */
  nativeBinding?: string;
};

/** The migrations folder in the source tree; packaged builds pass their own. */
export const sourceMigrationsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

export function openDatabase(options: OpenOptions): Db {
  const client = new Database(
    options.file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
    client.pragma('busy_timeout = 5000');
    client.pragma('cache_size = -65536');
    const db = drizzle({ client, schema });
    migrate(db, { migrationsFolder: options.migrationsFolder ?? sourceMigrationsFolder });
    return db as Db;
  } catch (error) {
    client.close();
    throw error;
  }
}
