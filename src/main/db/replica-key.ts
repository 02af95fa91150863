/**
 * Where the replica's key lives. The key is 32 random bytes, used raw (no passphrase KDF).
 * The desktop wraps it with the OS keychain (src/main/desktop/safe-storage-key-store.ts); the
 * web door and tests keep it in an owner-only file in the data folder, or take it from
 * MESA_REPLICA_KEY (64 hex characters).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const REPLICA_KEY_FILE = 'replica.key';
export const REPLICA_KEY_ENV = 'MESA_REPLICA_KEY';

export type ReplicaKeyStore = {
  /** Where the key is kept, for logs and support (never the key). */
  readonly where: string;
  /** The stored key; null when none is stored yet. Throws ReplicaKeyError if it cannot be read. */
  load(): Buffer | null;
  /** Stores a new key; one that could not be read is set aside, never overwritten. */
  save(key: Buffer): void;
};

/**
 * keychain_unavailable: no safe place for the key (Linux without a keychain) — the app refuses
 * to start rather than keep the key in the clear. key_unreadable: a key is stored but cannot be
 * read back (the keychain lost it) — treated as a lost key. invalid_env_key: MESA_REPLICA_KEY
 * is not 64 hex characters.
 */
export type ReplicaKeyErrorCode = 'keychain_unavailable' | 'key_unreadable' | 'invalid_env_key';

export class ReplicaKeyError extends Error {
  constructor(
    readonly reason: ReplicaKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReplicaKeyError';
  }
  get code(): string {
    return `REPLICA_KEY_${this.reason.toUpperCase()}`;
  }
}

export function newReplicaKey(): Buffer {
  return randomBytes(32);
}

export function parseHexKey(text: string): Buffer | null {
  const trimmed = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : null;
}

/** `replica.key` → `replica.key.2026-12-01T04-10-00-000Z.aside`: kept for support, out of the way. */
export function asideName(file: string, at: Date, suffix = 'aside'): string {
  return `${file}.${at.toISOString().replace(/[:.]/g, '-')}.${suffix}`;
}

/** Writes a small file whole or not at all, readable by its owner only. */
export function writePrivateFile(file: string, content: string | Buffer): void {
  const temp = `${file}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}

/** MESA_REPLICA_KEY: the key itself, from whoever starts the process. */
export function envKeyStore(hex: string): ReplicaKeyStore {
  const key = parseHexKey(hex);
  if (!key) {
    throw new ReplicaKeyError(
      'invalid_env_key',
      `${REPLICA_KEY_ENV} must be 64 hexadecimal characters (32 bytes)`,
    );
  }
  return {
    where: REPLICA_KEY_ENV,
    load: () => key,
    save: () => {
      throw new Error(`${REPLICA_KEY_ENV} is given, not stored`);
    },
  };
}

/** The key in hex in an owner-only file (web door, tests, development). */
export function fileKeyStore(file: string, now: () => Date = () => new Date()): ReplicaKeyStore {
  return {
    where: file,
    load() {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const key = parseHexKey(text);
      if (!key) throw new ReplicaKeyError('key_unreadable', `${file} does not hold a key`);
      return key;
    },
    save(key) {
      if (fs.existsSync(file)) fs.renameSync(file, asideName(file, now()));
      writePrivateFile(file, `${key.toString('hex')}\n`);
    },
  };
}

/** What the web door and tests use: MESA_REPLICA_KEY if set, else `replica.key` in the data folder. */
export function defaultKeyStore(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): ReplicaKeyStore {
  const fromEnv = env[REPLICA_KEY_ENV];
  if (fromEnv) return envKeyStore(fromEnv);
  return fileKeyStore(path.join(dataDir, REPLICA_KEY_FILE));
}
