/**
 * Opens the replica: one SQLite file in WAL mode, migrated in place at start-up (never wiped).
 * The desk's replica is encrypted (AEGIS-256, raw 256-bit key, see replica-key.ts); the central
 * API's database is opened without a key and stays plain.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndexesNow } from './deferred-indexes';
import * as schema from './schema';
import { applyReplicaKey, openSqlite } from './connection';

export * from './connection';

export type Db = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite3.Database };

export type OpenOptions = {
  /** Path of the SQLite file, or ':memory:'. */
  file: string;
  /** Folder of the migrations (SQL files and meta/_journal.json); defaults to the source one. */
  migrationsFolder?: string;
  /** Path of a better-sqlite3(-multiple-ciphers) binary built for another runtime (Electron). */
  nativeBinding?: string;
  /** The replica's 32-byte key; without one the file is plain SQLite (the central API's). */
  key?: Buffer;
};

/** The migrations folder in the source tree; packaged builds pass their own. */
export const sourceMigrationsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

export function openDatabase(options: OpenOptions): Db {
  const client = openSqlite(options.file, options);
  try {
    if (options.key) {
      applyReplicaKey(client, options.key, options.file);
      // Temporary tables and sort spills would be written to disk unencrypted.
      client.pragma('temp_store = MEMORY');
    }
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
    client.pragma('busy_timeout = 5000');
    // 64 MB, encrypted or not: a page read past the cache is decrypted again, but in AEGIS-256
    // that costs about what copying it from the OS's cache does (SQLCipher 4 needed 256 MB).
    client.pragma('cache_size = -65536');
    // Indexes a killed snapshot left aside are built before anything (a migration) expects them.
    buildIndexesNow(client);
    const db = drizzle({ client, schema });
    migrate(db, { migrationsFolder: options.migrationsFolder ?? sourceMigrationsFolder });
    return db as Db;
  } catch (error) {
    client.close();
    throw error;
  }
}
