/**
 * Secondary indexes during a snapshot (deferred-indexes.ts): set aside when a snapshot empties the
 * replica, built once at its end in a worker thread on its own connection, and never missing
 * afterwards — not after a snapshot killed half-way, not when no worker can be started.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src/main/core';
import { applyReplicaKey, openDatabase, openSqlite } from '../../src/storage/db/database';
import {
  buildIndexesInWorker,
  buildIndexesNow,
  DEFERRED_INDEXES_KEY,
  indexesAside,
  mergeSearchIndexStep,
  searchIndexStep,
} from '../../src/storage/db/deferred-indexes';
import { KEY_TABLES } from '../../src/storage/db/key-tables';
import { resolveReplicaKey } from '../../src/main/db/open-replica';
import { defaultKeyStore } from '../../src/main/db/replica-key';
import { createReplicaWriter } from '../../src/main/sync/replica-writer';
import { ENTITY_TABLES, type Change } from '../../src/shared/sync-protocol';
import { FIXED_NOW, tempDir } from '../support/context';
import { openDesk, startCentral, syncNow } from '../support/sync-setup';

const TABLES = Object.values(ENTITY_TABLES).map((spec) => spec.table);

/** The indexes of the replicated tables, as `table.name`. */
function indexesOf(sqlite: Database.Database): string[] {
  return (
    sqlite
      .prepare(
        `SELECT tbl_name || '.' || name AS name FROM sqlite_master
         WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(() => '?').join(', ')})
         ORDER BY 1`,
      )
      .pluck()
      .all(...TABLES) as string[]
  ).sort();
}

/** Each key table (key-tables.ts) holds exactly its source's rows, and its triggers are on. */
function keyTablesRight(sqlite: Database.Database): boolean {
  return KEY_TABLES.every((table) => {
    const columns = table.columns.join(', ');
    const order = table.key.join(', ');
    const held = sqlite.prepare(`SELECT ${columns} FROM ${table.name} ORDER BY ${order}`).all();
    const source = sqlite
      .prepare(`SELECT ${columns} FROM ${table.source} WHERE ${table.holds} ORDER BY ${order}`)
      .all();
    const triggers = sqlite
      .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?")
      .pluck()
      .get(`${table.name}_%`);
    return JSON.stringify(held) === JSON.stringify(source) && triggers === 3;
  });
}

const fresh = openDatabase({ file: ':memory:' }).$client;
const EVERY_INDEX = indexesOf(fresh);
fresh.close();

const person = (rut: number): Change => ({
  entity: 'person',
  op: 'upsert',
  key: rut,
  row: {
    rut,
    dv: '0',
    given_names: 'Ana',
    last_name1: 'Muñoz',
    last_name2: 'Díaz',
    sort_key: 'munoz diaz ana',
    email: `ana${rut}@example.cl`,
    phone: null,
    serial_number: null,
    is_worker: 1,
    is_pensioner: 0,
    version: 1,
  },
});

/**
 * Segments of a full-text index, from its structure record (the `_data` row with id 10: a 4-byte
 * cookie, then the number of levels and of segments as varints).
 */
function segments(sqlite: Database.Database, table: string): number {
  const block = sqlite
    .prepare(`SELECT block FROM ${table}_data WHERE id = 10`)
    .pluck()
    .get() as Buffer;
  let offset = 4;
  const varint = () => {
    let value = 0;
    for (;;) {
      const byte = block[offset++]!;
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
  };
  varint(); // levels
  return varint();
}

/** An encrypted replica whose snapshot has written its first page. */
function halfSnapshot() {
  const file = path.join(tempDir(), 'replica.db');
  const key = randomBytes(32);
  const db = openDatabase({ file, key });
  const writer = createReplicaWriter(db.$client, () => FIXED_NOW);
  writer.applyPage([person(1001), person(1002)], {
    cursor: 'c1',
    epoch: 'e',
    progress: { done: 2, total: 4 },
    startsSnapshot: true,
  });
  return { file, key, db, writer };
}

describe('secondary indexes during a snapshot', () => {
  it('are set aside when a snapshot starts; unique ones stay', () => {
    const { db, writer } = halfSnapshot();
    const left = indexesOf(db.$client);
    expect(left).not.toContain('memberships.memberships_company_staff');
    // The key tables too: emptied, their triggers dropped, while the persons arrive.
    expect(keyTablesRight(db.$client)).toBe(false);
    expect(db.$client.prepare('SELECT count(*) FROM persons_by_email').pluck().get()).toBe(0);
    // Unique indexes keep the arriving rows honest.
    expect(left).toContain('memberships.memberships_person_company');
    expect(left).toContain('accounts.accounts_person_portal');
    expect(writer.indexesAside()).toBe(true);
    // Pages of the same snapshot keep going in without them.
    writer.applyPage([person(1003)], { cursor: 'c2', epoch: 'e', progress: { done: 3, total: 4 } });
    expect(indexesOf(db.$client)).toEqual(left);
    db.$client.close();
  });

  it('after a snapshot killed half-way, are back as soon as the replica opens again', () => {
    const { file, key, db } = halfSnapshot();
    db.$client.close(); // killed
    const reopened = openDatabase({ file, key });
    expect(indexesOf(reopened.$client)).toEqual(EVERY_INDEX);
    expect(indexesAside(reopened.$client)).toBe(false);
    expect(keyTablesRight(reopened.$client)).toBe(true);
    expect(
      reopened.$client
        .prepare('SELECT rut FROM persons_by_email WHERE email = ?')
        .pluck()
        .get('ana1002@example.cl'),
    ).toBe(1002);
    reopened.$client.close();
  });

  it('are built by a worker thread on its own connection to the encrypted replica', async () => {
    const { file, key, db } = halfSnapshot();
    // Without the replica's key the worker cannot build anything, and says so.
    await expect(buildIndexesInWorker({ file, key: randomBytes(32) })).rejects.toThrow();
    expect(indexesAside(db.$client)).toBe(true);

    await buildIndexesInWorker({ file, key });
    expect(indexesOf(db.$client)).toEqual(EVERY_INDEX);
    expect(indexesAside(db.$client)).toBe(false);
    expect(keyTablesRight(db.$client)).toBe(true);
    // Written after the build: the triggers are back on.
    db.$client.prepare("UPDATE persons SET email = 'nueva@example.cl' WHERE rut = 1001").run();
    expect(
      db.$client
        .prepare('SELECT rut FROM persons_by_email WHERE email = ?')
        .pluck()
        .all('nueva@example.cl'),
    ).toEqual([1001]);
    db.$client.close();
  });

  it('an initial sync ends with every index, built in the worker, or here if none starts', async () => {
    const central = await startCentral();
    const logs: string[] = [];
    const desk = await openDesk(central.url, { core: { log: (message) => logs.push(message) } });
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', initialSync: null });
    expect(indexesOf(desk.db.$client)).toEqual(EVERY_INDEX);
    expect(keyTablesRight(desk.db.$client)).toBe(true);
    expect(
      desk.db.$client.prepare('SELECT 1 FROM sync_state WHERE key = ?').get(DEFERRED_INDEXES_KEY),
    ).toBeUndefined();
    expect(logs).toEqual([]);

    const broken = await openDesk(central.url, {
      core: {
        log: (message) => logs.push(message),
        indexWorkerFile: path.join(tempDir(), 'no-such-worker.js'),
      },
    });
    expect(await syncNow(broken)).toMatchObject({ state: 'idle', initialSync: null });
    expect(indexesOf(broken.db.$client)).toEqual(EVERY_INDEX);
    expect(logs).toEqual(['the index worker failed; building the indexes here']);
  });

  it('an action made while another connection builds them waits, then goes through', async () => {
    const central = await startCentral();
    const dataDir = tempDir();
    const file = path.join(dataDir, DATABASE_FILE);
    let building!: () => void;
    const started = new Promise<void>((resolve) => (building = resolve));
    const desk = await openDesk(central.url, {
      dataDir,
      syncOptions: {
        // The worker's part, played on a connection of this test's own: it holds the replica's
        // write lock a while, then builds everything.
        buildIndexes: async () => {
          const other = openSqlite(file);
          applyReplicaKey(other, resolveReplicaKey(defaultKeyStore(dataDir)).key, file);
          other.exec('BEGIN IMMEDIATE');
          building();
          await new Promise((resolve) => setTimeout(resolve, 300));
          other.exec('ROLLBACK');
          buildIndexesNow(other);
          while (searchIndexStep(other, 1000));
          other.close();
        },
      },
    });
    const syncing = syncNow(desk);
    await started;
    const version = desk.db.$client
      .prepare('SELECT version FROM persons WHERE rut = 12345678')
      .pluck()
      .get() as number;
    const answer = await desk.dispatch('contact.edit', {
      rut: '12345678-5',
      phone: '9 4444 5555',
      reason: 'Celular nuevo',
      identityCheck: [],
      expectedVersion: version,
    });
    expect(answer.ok).toBe(true);
    expect(await syncing).toMatchObject({ state: 'idle', initialSync: null });
    expect(indexesOf(desk.db.$client)).toEqual(EVERY_INDEX);
  });

  it("a snapshot's search index, built in steps, is merged into one segment, and still answers", () => {
    const { db, writer } = halfSnapshot();
    writer.applyPage(
      Array.from({ length: 400 }, (_, i) => person(2000 + i)),
      { cursor: 'c2', epoch: 'e', progress: { done: 402, total: 402 }, startsSnapshot: false },
    );
    const sqlite = db.$client;
    buildIndexesNow(sqlite);
    while (searchIndexStep(sqlite, 50));
    expect(segments(sqlite, 'person_fts')).toBeGreaterThan(1);

    let steps = 0;
    while (mergeSearchIndexStep(sqlite, 1)) steps += 1;
    expect(steps).toBeGreaterThan(0);
    expect(segments(sqlite, 'person_fts')).toBe(1);
    sqlite.exec("INSERT INTO person_fts(person_fts) VALUES ('integrity-check')");
    expect(
      sqlite
        .prepare("SELECT count(*) FROM person_fts WHERE person_fts MATCH 'munoz'")
        .pluck()
        .get(),
    ).toBe(402);
    // Nothing left: a further step changes nothing.
    expect(mergeSearchIndexStep(sqlite, 500)).toBe(false);
    sqlite.close();
  });
});
