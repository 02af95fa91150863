/**
 * The desk's replica at start-up: find its key (or make one), encrypt in place a plain replica
 * left by an earlier version (or re-encrypt one an earlier version wrote in SQLCipher 4), and,
 * when the key is lost, set the unreadable file aside (never delete it: its outbox may hold
 * unsent actions) and start a fresh replica that re-syncs.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  applyReplicaKey,
  openDatabase,
  openSqlite,
  REPLICA_CIPHER,
  ReplicaKeyMismatchError,
  selectCipher,
  type Db,
  type OpenOptions,
  type ReplicaCipher,
} from '../../storage/db/database';
import { asideName, newReplicaKey, ReplicaKeyError, type ReplicaKeyStore } from './replica-key';

export type ReplicaSetAside = { file: string; at: string };

/** What a replica was in before a start re-encrypted it in the current cipher. */
export type ReencryptedFrom = 'plain' | 'sqlcipher-4';

export type OpenedReplica = {
  db: Db;
  /** A replica from an earlier version, plain or in an earlier cipher, was re-encrypted now. */
  reencryptedFrom: ReencryptedFrom | null;
  /** The replica could not be opened with its key and was set aside during this start. */
  setAside: ReplicaSetAside | null;
};

type Storage = Omit<OpenOptions, 'file' | 'key'>;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A plain SQLite file starts with its header; an encrypted one starts with random bytes. */
export function isPlainSqliteFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** The stored key, or a new one stored now. A key that cannot be read back counts as lost. */
export function resolveReplicaKey(keys: ReplicaKeyStore): { key: Buffer; lost: boolean } {
  let key: Buffer | null;
  let lost = false;
  try {
    key = keys.load();
  } catch (error) {
    if (!(error instanceof ReplicaKeyError) || error.reason !== 'key_unreadable') throw error;
    key = null;
    lost = true;
  }
  if (key) return { key, lost };
  const fresh = newReplicaKey();
  keys.save(fresh);
  return { key: fresh, lost };
}

function fsyncPath(target: string): void {
  try {
    const fd = fs.openSync(target, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  }
}

const removeWithSidecars = (file: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
};

/**
 * Encrypts in the current cipher a replica that is plain or in an earlier cipher: a consistent
 * copy (VACUUM INTO, which writes an encrypted source's copy encrypted with the same cipher and
 * key) is re-encrypted (rekey, which needs a rollback journal), synced, checked, and renamed over
 * the original. A crash at any point leaves either the original or the re-encrypted copy, never
 * half of one, and every row — the outbox included — is carried over.
 */
export function reencryptReplica(
  file: string,
  key: Buffer,
  from: ReencryptedFrom,
  storage: Storage = {},
): void {
  const temp = `${file}.encrypting`;
  removeWithSidecars(temp);
  const keyed = (client: ReturnType<typeof openSqlite>, at: string) => {
    if (from !== 'plain') applyReplicaKey(client, key, at, from);
  };
  const source = openSqlite(file, storage);
  try {
    keyed(source, file);
    const checkpoint = source.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (checkpoint[0]?.busy) throw new Error('the replica is in use: cannot encrypt it now');
    source.prepare('VACUUM INTO ?').run(temp);
  } finally {
    source.close();
  }
  try {
    const copy = openSqlite(temp, storage);
    try {
      keyed(copy, temp);
      copy.pragma('journal_mode = DELETE');
      selectCipher(copy, REPLICA_CIPHER);
      copy.pragma(`rekey = "x'${key.toString('hex')}'"`);
    } finally {
      copy.close();
    }
    if (isPlainSqliteFile(temp)) throw new Error('the replica copy was not encrypted');
    const check = openSqlite(temp, storage);
    try {
      applyReplicaKey(check, key, temp);
      const integrity = check.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`the encrypted copy fails its check: ${integrity}`);
    } finally {
      check.close();
    }
    fsyncPath(temp);
  } catch (error) {
    removeWithSidecars(temp);
    throw error;
  }
  // The original's WAL was checkpointed into the file and is empty; it must not meet the new file.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(temp, file);
  fsyncPath(path.dirname(file));
}

/** Whether the file opens with this key in an earlier cipher (the probe writes nothing). */
function opensWith(file: string, key: Buffer, cipher: ReplicaCipher, storage: Storage): boolean {
  const probe = openSqlite(file, storage);
  try {
    applyReplicaKey(probe, key, file, cipher);
    return true;
  } catch (error) {
    if (error instanceof ReplicaKeyMismatchError) return false;
    throw error;
  } finally {
    probe.close();
  }
}

/** Moves the unreadable replica (and its WAL) aside under a timestamped name. */
export function setReplicaAside(file: string, at: Date): string {
  const aside = asideName(file, at, 'unreadable');
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  fs.renameSync(file, aside);
  fsyncPath(path.dirname(file));
  return aside;
}

export function openReplica(
  options: Storage & { file: string; key: Buffer | undefined; now?: () => Date },
): OpenedReplica {
  const { file, key, now = () => new Date(), ...storage } = options;
  // No key: a plain replica, which only the benchmarks' plain comparison asks for.
  if (!key)
    return { db: openDatabase({ ...storage, file }), reencryptedFrom: null, setAside: null };
  let reencryptedFrom: ReencryptedFrom | null = null;
  if (isPlainSqliteFile(file)) {
    reencryptReplica(file, key, 'plain', storage);
    reencryptedFrom = 'plain';
  }
  // Left by an encryption interrupted before its rename: the original is still in place.
  removeWithSidecars(`${file}.encrypting`);
  const open = () => openDatabase({ ...storage, file, key });
  try {
    return { db: open(), reencryptedFrom, setAside: null };
  } catch (error) {
    if (!(error instanceof ReplicaKeyMismatchError)) throw error;
  }
  if (reencryptedFrom === null && opensWith(file, key, 'sqlcipher-4', storage)) {
    reencryptReplica(file, key, 'sqlcipher-4', storage);
    return { db: open(), reencryptedFrom: 'sqlcipher-4', setAside: null };
  }
  const at = now();
  const aside = setReplicaAside(file, at);
  return { db: open(), reencryptedFrom, setAside: { file: aside, at: at.toISOString() } };
}
