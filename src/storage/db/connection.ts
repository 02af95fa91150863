/**
 * A connection to the replica's file without the rest of the database layer (no drizzle, no
 * migrations): what worker threads need to open it, light enough that a short-lived thread
 * starts in tens of milliseconds (database.ts re-exports all of it).
 */
import type BetterSqlite3 from 'better-sqlite3';
import MultipleCiphers from 'better-sqlite3-multiple-ciphers';
import {
  type ExactTokenizer,
  registerNameSound,
  registerNameTerms,
  scratchTokenizer,
} from './person-terms';

/**
 * better-sqlite3 built on SQLite3MultipleCiphers: the same API (plus encryption pragmas), so
 * the rest of the code keeps better-sqlite3's types and drizzle's better-sqlite3 driver.
 */
export const SqliteDriver = MultipleCiphers as unknown as typeof BetterSqlite3;

/** The file does not open with the key given (a lost or wrong key, or no key at all). */
export class ReplicaKeyMismatchError extends Error {
  readonly code = 'REPLICA_KEY_MISMATCH';
  constructor(readonly file: string) {
    super(`the replica ${file} does not open with this key`);
    this.name = 'ReplicaKeyMismatchError';
  }
}

/**
 * Opens a connection, with the SQL functions the replica's triggers call (the search terms of a
 * person's name and their sound keys, person-terms.ts): every connection that may write persons
 * needs them.
 */
export function openSqlite(
  file: string,
  options: { nativeBinding?: string; readonly?: boolean } = {},
): BetterSqlite3.Database {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const sqlite = new SqliteDriver(file, {
    ...binding,
    ...(options.readonly ? { readonly: true } : {}),
  });
  let exact = scratchTokenizers.get(options.nativeBinding ?? '');
  if (!exact) {
    exact = scratchTokenizer(() => new SqliteDriver(':memory:', binding));
    scratchTokenizers.set(options.nativeBinding ?? '', exact);
  }
  registerNameTerms(sqlite, exact);
  registerNameSound(sqlite);
  return sqlite;
}

/** One scratch tokenizer per thread (and native build), opened only if a name ever needs it. */
const scratchTokenizers = new Map<string, ExactTokenizer>();

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

/**
 * A short-lived read-only connection with a page cache of its own (`cacheKb`), keyed when the
 * replica is: a large read that must neither fill the desk's cache nor stay in its memory.
 */
export function openReader(
  file: string,
  options: { key: Uint8Array | null; nativeBinding?: string; cacheKb: number },
): BetterSqlite3.Database {
  const reader = openSqlite(file, { readonly: true, nativeBinding: options.nativeBinding });
  try {
    if (options.key) {
      applyReplicaKey(reader, Buffer.from(options.key), file);
      reader.pragma('temp_store = MEMORY');
    }
    reader.pragma(`cache_size = -${options.cacheKb}`);
    return reader;
  } catch (error) {
    reader.close();
    throw error;
  }
}
