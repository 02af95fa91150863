/**
 * Opens the replica: one SQLite file in WAL mode, migrated in place at start-up (never wiped).
 * The desk's replica is encrypted (AEGIS-256, raw 256-bit key, see replica-key.ts); the central
 * API's database is opened without a key and stays plain.
 */
import type BetterSqlite3 from 'better-sqlite3';
import MultipleCiphers from 'better-sqlite3-multiple-ciphers';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndexesNow } from './deferred-indexes';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite3.Database };

/**
 * better-sqlite3 built on SQLite3MultipleCiphers: the same API (plus encryption pragmas), so
 * the rest of the code keeps better-sqlite3's types and drizzle's better-sqlite3 driver.
 */
export const SqliteDriver = MultipleCiphers as unknown as typeof BetterSqlite3;

export type OpenOptions = {
  /** Path of the SQLite file, or ':memory:'. */
  file: string;
  /** Folder of drizzle-kit migrations; defaults to the one beside this source file. */
  migrationsFolder?: string;
  /** Path of a better-sqlite3(-multiple-ciphers) binary built for another runtime (Electron). */
  nativeBinding?: string;
  /** The replica's 32-byte key; without one the file is plain SQLite (the central API's). */
  key?: Buffer;
};

/** The file does not open with the key given (a lost or wrong key, or no key at all). */
export class ReplicaKeyMismatchError extends Error {
  readonly code = 'REPLICA_KEY_MISMATCH';
  constructor(readonly file: string) {
    super(`the replica ${file} does not open with this key`);
    this.name = 'ReplicaKeyMismatchError';
  }
}

/** The migrations folder in the source tree; packaged builds pass their own. */
export const sourceMigrationsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

export function openSqlite(
  file: string,
  options: { nativeBinding?: string; readonly?: boolean } = {},
): BetterSqlite3.Database {
  return new SqliteDriver(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
}

/**
 * The ciphers a replica can be in. AEGIS-256 (SQLite3MultipleCiphers' `aegis` scheme) is what
 * replicas are written in: authenticated encryption per page with a 256-bit key, on the CPU's
 * AES instructions, so a page read costs about 1.2× a plain one where SQLCipher 4's AES-CBC plus
 * HMAC-SHA512 cost 3-4× (README, "Encryption at rest"). SQLCipher 4 is what the first encrypting
 * version wrote; such a replica is re-encrypted at start (open-replica.ts).
 */
export type ReplicaCipher = 'aegis-256' | 'sqlcipher-4';
export const REPLICA_CIPHER: ReplicaCipher = 'aegis-256';
/** How benchmarks name the encrypted replica in their JSON. */
export const REPLICA_CIPHER_LABEL = 'encrypted (AEGIS-256 via SQLite3MultipleCiphers)';

/** Chooses the cipher of a connection; before its key, on every open (see applyReplicaKey). */
export function selectCipher(client: BetterSqlite3.Database, cipher: ReplicaCipher): void {
  if (cipher === 'aegis-256') {
    client.pragma("cipher = 'aegis'");
    client.pragma("algorithm = 'aegis-256'");
  } else {
    client.pragma("cipher = 'sqlcipher'");
    client.pragma('legacy = 4');
  }
}

/**
 * Keys a freshly opened connection. The cipher must be chosen before the key, on every open
 * (SQLite3MultipleCiphers defaults to another cipher, and the file does not say which it is in);
 * a raw key skips the passphrase KDF. Reading sqlite_master is what proves the key: SQLite
 * decrypts nothing until then.
 */
export function applyReplicaKey(
  client: BetterSqlite3.Database,
  key: Buffer,
  file: string,
  cipher: ReplicaCipher = REPLICA_CIPHER,
): void {
  if (key.length !== 32) throw new Error('the replica key must be 32 bytes');
  selectCipher(client, cipher);
  client.pragma(`key = "x'${key.toString('hex')}'"`);
  try {
    client.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new ReplicaKeyMismatchError(file);
    }
    throw error;
  }
}

/**
 * The desk's durability (core.ts): an action the agent was told is saved must survive a power
 * cut, not only a crash, so every commit of the replica reaches the disk (WAL, synchronous =
 * FULL). The benchmarks' raw-commit baseline uses the same.
 */
export function makeReplicaDurable(client: BetterSqlite3.Database): void {
  client.pragma('synchronous = FULL');
}

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
