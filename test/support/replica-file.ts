/**
 * Reads a desk replica the way the desk does: with its key (from the data folder's key file or
 * MESA_REPLICA_KEY), since the file is encrypted.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { applyReplicaKey, openSqlite } from '../../src/storage/db/database';
import { defaultKeyStore } from '../../src/main/db/replica-key';

export function openReplicaReadonly(dataDir: string, name: string): Database.Database {
  const file = path.join(dataDir, name);
  const key = defaultKeyStore(dataDir).load();
  if (!key) throw new Error(`no replica key in ${dataDir}`);
  const sqlite = openSqlite(file, { readonly: true });
  applyReplicaKey(sqlite, key, file);
  return sqlite;
}
