/**
 * The replica at rest (issue 9): encrypted with a random 256-bit key, unreadable without it, a
 * plain replica from an earlier version encrypted in place with its outbox, and a lost key
 * answered by setting the file aside and starting fresh — never by deleting unsent actions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE, type Core } from '../../src/main/core';
import {
  applyReplicaKey,
  openDatabase,
  openSqlite,
  ReplicaKeyMismatchError,
  selectCipher,
} from '../../src/storage/db/database';
import { isPlainSqliteFile, resolveReplicaKey } from '../../src/main/db/open-replica';
import {
  defaultKeyStore,
  fileKeyStore,
  REPLICA_KEY_ENV,
  REPLICA_KEY_FILE,
  ReplicaKeyError,
} from '../../src/main/db/replica-key';
import { dataFolderErrorText } from '../../src/main/desktop/data-folder-error';
import {
  safeStorageKeyStore,
  type SafeStorageLike,
} from '../../src/main/desktop/safe-storage-key-store';
import { call, FIXED_NOW, signInAs, tempDir } from '../support/context';

const PEDRO = '12345678-5';

function deskCore(dataDir: string, extra: Partial<Parameters<typeof createCore>[0]> = {}): Core {
  return createCore({
    dataDir,
    door: 'web',
    version: 'test',
    demoPersons: 300,
    now: () => FIXED_NOW,
    log: () => {},
    ...extra,
  });
}

/** A pending contact change: an outbox entry no central API has seen. */
function queueAction(core: Core): string {
  signInAs(core, 'agente');
  const before = call(core, 'persons.get', { rut: PEDRO });
  const receipt = call(core, 'contact.edit', {
    rut: PEDRO,
    phone: '9 4444 5555',
    reason: 'Celular nuevo',
    identityCheck: [],
    expectedVersion: before.version,
  });
  return receipt.actionId as string;
}

const counts = (core: Core) =>
  Object.fromEntries(
    ['persons', 'companies', 'memberships', 'accounts', 'agents', 'outbox', 'audit_events'].map(
      (table) => [
        table,
        (core.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      ],
    ),
  );

const replicaBytes = (dataDir: string) =>
  Buffer.concat(
    ['', '-wal']
      .map((suffix) => path.join(dataDir, DATABASE_FILE + suffix))
      .filter((file) => fs.existsSync(file))
      .map((file) => fs.readFileSync(file)),
  );

describe('the encrypted replica', () => {
  it('holds no plaintext RUT or name and no SQLite header', () => {
    const dataDir = tempDir();
    const core = deskCore(dataDir);
    const person = core.db.$client
      .prepare(
        'SELECT rut, given_names, last_name1, email FROM persons WHERE email IS NOT NULL LIMIT 1 OFFSET 17',
      )
      .get() as { rut: number; given_names: string; last_name1: string; email: string };
    queueAction(core);
    const bytes = replicaBytes(dataDir);
    core.close();
    for (const bytesNow of [bytes, replicaBytes(dataDir)]) {
      expect(bytesNow.length).toBeGreaterThan(4096);
      expect(bytesNow.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      expect(bytesNow.includes('SQLite format 3')).toBe(false);
      for (const text of [
        String(person.rut),
        person.last_name1,
        person.email,
        '12345678',
        'agente',
      ]) {
        expect(bytesNow.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      }
    }
    expect(isPlainSqliteFile(path.join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it('refuses to open without its key or with another key', () => {
    const dataDir = tempDir();
    deskCore(dataDir).close();
    const file = path.join(dataDir, DATABASE_FILE);
    const bare = openSqlite(file);
    expect(() => bare.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(
      /not a database/,
    );
    bare.close();
    expect(() => openDatabase({ file })).toThrow(/not a database/);
    expect(() => openDatabase({ file, key: Buffer.alloc(32, 7) })).toThrow(ReplicaKeyMismatchError);
    const key = defaultKeyStore(dataDir).load()!;
    // It is in AEGIS-256: the right key in another cipher does not open it either.
    const inSqlcipher = openSqlite(file);
    expect(() => applyReplicaKey(inSqlcipher, key, file, 'sqlcipher-4')).toThrow(
      ReplicaKeyMismatchError,
    );
    inSqlcipher.close();
    // With its key it opens, through drizzle as before.
    const db = openDatabase({ file, key });
    expect(db.$client.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 300 });
    db.$client.close();
  });

  it('keeps its key in an owner-only file, or takes it from MESA_REPLICA_KEY', () => {
    const dataDir = tempDir();
    deskCore(dataDir, { demoPersons: 0 }).close();
    const keyFile = path.join(dataDir, REPLICA_KEY_FILE);
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    const hex = 'ab'.repeat(32);
    const fromEnv = defaultKeyStore(tempDir(), { [REPLICA_KEY_ENV]: hex });
    expect(fromEnv.load()!.toString('hex')).toBe(hex);
    expect(() => defaultKeyStore(tempDir(), { [REPLICA_KEY_ENV]: 'short' })).toThrow(
      ReplicaKeyError,
    );
    const text = dataFolderErrorText(new ReplicaKeyError('invalid_env_key', 'x'), '/datos').body;
    expect(text).toContain('MESA_REPLICA_KEY no contiene una llave válida');
  });
});

describe('a plain replica from an earlier version', () => {
  it('is encrypted in place on first start, every row and the pending outbox kept', () => {
    const dataDir = tempDir();
    const plain = deskCore(dataDir, { replicaKeys: null });
    const actionId = queueAction(plain);
    const person = call(plain, 'persons.get', { rut: PEDRO });
    const before = counts(plain);
    const outbox = plain.db.$client.prepare('SELECT * FROM outbox ORDER BY seq').all();
    plain.close();
    const file = path.join(dataDir, DATABASE_FILE);
    expect(isPlainSqliteFile(file)).toBe(true);
    expect(fs.readFileSync(file).includes('Celular nuevo')).toBe(true);

    const logs: string[] = [];
    const core = deskCore(dataDir, { log: (message) => logs.push(message) });
    expect(logs).toContain('the plain replica was encrypted in place');
    expect(counts(core)).toEqual(before);
    expect(before.outbox).toBe(1);
    expect(core.db.$client.prepare('SELECT * FROM outbox ORDER BY seq').all()).toEqual(outbox);
    expect(core.context.repos.outbox.pendingCount()).toBe(1);
    expect(core.db.$client.prepare('SELECT action_id FROM outbox').pluck().get()).toBe(actionId);
    signInAs(core, 'agente');
    expect(call(core, 'persons.get', { rut: PEDRO }).phone).toBe(person.phone);
    expect(call(core, 'app.info', {}).replicaNotice).toBeNull();
    const after = counts(core);
    core.close();

    expect(isPlainSqliteFile(file)).toBe(false);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes('Celular nuevo')).toBe(false);
    expect(bytes.includes('SQLite format 3')).toBe(false);
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('encrypting'))).toEqual([]);
    // And the next start just opens it.
    const again = deskCore(dataDir, { log: (message) => logs.push(message) });
    expect(counts(again)).toEqual(after);
    again.close();
    expect(logs.filter((line) => line.includes('encrypted in place'))).toHaveLength(1);
  });
});

describe('a replica an earlier version encrypted in SQLCipher 4', () => {
  it('is re-encrypted to AEGIS-256 on first start, every row and the pending outbox kept', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, DATABASE_FILE);
    const plain = deskCore(dataDir, { replicaKeys: null });
    const actionId = queueAction(plain);
    const before = counts(plain);
    const outbox = plain.db.$client.prepare('SELECT * FROM outbox ORDER BY seq').all();
    plain.close();
    // What that version left: the same rows in SQLCipher 4, in WAL mode, with its key file.
    const key = resolveReplicaKey(defaultKeyStore(dataDir)).key;
    const legacy = openSqlite(file);
    legacy.pragma('journal_mode = DELETE');
    selectCipher(legacy, 'sqlcipher-4');
    legacy.pragma(`rekey = "x'${key.toString('hex')}'"`);
    legacy.pragma('journal_mode = WAL');
    legacy.close();
    expect(isPlainSqliteFile(file)).toBe(false);
    expect(() => openDatabase({ file, key })).toThrow(ReplicaKeyMismatchError);

    const logs: string[] = [];
    const core = deskCore(dataDir, { log: (message) => logs.push(message) });
    expect(logs).toContain('the replica was re-encrypted from SQLCipher 4 to AEGIS-256 in place');
    expect(logs.some((line) => line.includes('set aside'))).toBe(false);
    expect(counts(core)).toEqual(before);
    expect(core.db.$client.prepare('SELECT * FROM outbox ORDER BY seq').all()).toEqual(outbox);
    expect(core.db.$client.prepare('SELECT action_id FROM outbox').pluck().get()).toBe(actionId);
    expect(call(core, 'app.info', {}).replicaNotice).toBeNull();
    core.close();

    const bytes = fs.readFileSync(file);
    expect(bytes.includes('Celular nuevo')).toBe(false);
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('encrypting'))).toEqual([]);
    const old = openSqlite(file);
    expect(() => applyReplicaKey(old, key, file, 'sqlcipher-4')).toThrow(ReplicaKeyMismatchError);
    old.close();
    const db = openDatabase({ file, key });
    expect(db.$client.prepare('SELECT count(*) AS n FROM outbox').pluck().get()).toBe(1);
    db.$client.close();
  });
});

describe('a lost key', () => {
  it('sets the unreadable replica aside, starts a fresh one and says where the unsent actions are', () => {
    const dataDir = tempDir();
    const first = deskCore(dataDir);
    const actionId = queueAction(first);
    first.close();
    const keyFile = path.join(dataDir, REPLICA_KEY_FILE);
    const oldKey = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex');
    fs.rmSync(keyFile);

    const core = deskCore(dataDir, { demoPersons: 0 });
    const info = call(core, 'app.info', {});
    expect(info.persons).toBe(0);
    expect(info.pendingActions).toBe(0);
    const aside = fs.readdirSync(dataDir).filter((name) => name.endsWith('.unreadable'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^mesa-de-ayuda\.db\.2026-11-21T15-00-00-000Z\.unreadable$/);
    expect(info.replicaNotice).toContain(aside[0]);
    expect(info.replicaNotice).toContain('Las acciones que no alcanzaron a enviarse');
    core.close();

    // The notice stays until support deals with it.
    const again = deskCore(dataDir, { demoPersons: 0 });
    expect(call(again, 'app.info', {}).replicaNotice).toContain(aside[0]);
    again.close();

    // Nothing was lost: the old key still opens the file set aside, outbox and all.
    const asideFile = path.join(dataDir, aside[0]!);
    const old = openSqlite(asideFile, { readonly: true });
    applyReplicaKey(old, oldKey, asideFile);
    expect(
      old.prepare("SELECT action_id FROM outbox WHERE state = 'pending'").pluck().all(),
    ).toEqual([actionId]);
    old.close();
  });

  it('is also what a key file that cannot be read back amounts to; that file is kept too', () => {
    const dataDir = tempDir();
    deskCore(dataDir).close();
    const keyFile = path.join(dataDir, REPLICA_KEY_FILE);
    fs.writeFileSync(keyFile, 'not a key\n');
    const core = deskCore(dataDir, { demoPersons: 0 });
    expect(call(core, 'app.info', {}).replicaNotice).toMatch(/se guardó aparte/);
    core.close();
    const names = fs.readdirSync(dataDir);
    expect(
      names.filter((name) => name.startsWith('replica.key.') && name.endsWith('.aside')),
    ).toHaveLength(1);
    expect(fileKeyStore(keyFile).load()).toHaveLength(32);
  });
});

/** safeStorage as Electron has it, with a reversible stand-in for the keychain. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike & { lose(): void } {
  let secret = 'k1';
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(`${secret}:${Buffer.from(text).toString('base64')}`),
    decryptString: (data) => {
      const [tag, body] = data.toString().split(':');
      if (tag !== secret) throw new Error('Error while decrypting the ciphertext');
      return Buffer.from(body!, 'base64').toString();
    },
    lose: () => {
      secret = 'k2';
    },
  };
}

describe('the desktop key store (safeStorage)', () => {
  it('keeps only the wrapped key on disk and reads it back', () => {
    const file = path.join(tempDir(), REPLICA_KEY_FILE);
    const storage = fakeSafeStorage('gnome_libsecret');
    const store = safeStorageKeyStore(file, storage, { platform: 'linux' });
    expect(store.load()).toBeNull();
    const { key } = resolveReplicaKey(store);
    const content = fs.readFileSync(file, 'utf8');
    expect(content).not.toContain(key.toString('hex'));
    expect(JSON.parse(content)).toMatchObject({
      format: 'safeStorage',
      backend: 'gnome_libsecret',
    });
    expect(store.load()!.equals(key)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses Linux's basic_text backend with a Spanish explanation", () => {
    const file = path.join(tempDir(), REPLICA_KEY_FILE);
    const store = safeStorageKeyStore(file, fakeSafeStorage('basic_text'), { platform: 'linux' });
    let error: unknown;
    try {
      resolveReplicaKey(store);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReplicaKeyError);
    expect((error as ReplicaKeyError).reason).toBe('keychain_unavailable');
    expect(fs.existsSync(file)).toBe(false);
    const text = dataFolderErrorText(error, '/home/agente/.config/Mesa de Ayuda/data');
    expect(text.body).toContain('llavero del sistema');
    expect(text.body).toContain('MESA_REPLICA_KEY');
    expect(() =>
      resolveReplicaKey(safeStorageKeyStore(file, fakeSafeStorage('unknown', false))),
    ).toThrow(ReplicaKeyError);
  });

  it('wraps a key file left by the web door, and treats a key the keychain lost as lost', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, REPLICA_KEY_FILE);
    const hexKey = fileKeyStore(file);
    const { key } = resolveReplicaKey(hexKey);
    const storage = fakeSafeStorage('kwallet5');
    const store = safeStorageKeyStore(file, storage, { platform: 'linux', now: () => FIXED_NOW });
    expect(store.load()!.equals(key)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(key.toString('hex'));
    expect(fs.readdirSync(dataDir).filter((name) => name !== REPLICA_KEY_FILE)).toEqual([]);

    storage.lose();
    expect(() => store.load()).toThrow(ReplicaKeyError);
    const fresh = resolveReplicaKey(store);
    expect(fresh.lost).toBe(true);
    expect(fresh.key.equals(key)).toBe(false);
    expect(fs.readdirSync(dataDir).sort()).toEqual([
      REPLICA_KEY_FILE,
      'replica.key.2026-11-21T15-00-00-000Z.aside',
    ]);
  });
});
