/**
 * bench:sync's raw-commit baseline (issue 11: "one single-row insert committed with the
 * replica's durability settings") is committed exactly as the desk commits an action: the same
 * key, WAL, and synchronous = FULL. Its action-writes figure (actionWritesP95Ms) commits what a
 * phone correction writes, and nothing less.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  openActionWrites,
  openRawCommitReplica,
  warmCentralPages,
} from '../../bench/sync-baselines';
import { phoneChanges } from '../../bench/push-mutations';
import { openCentralDatabase } from '../../src/central-api/database';
import { createCore } from '../../src/main/core';
import { openSqlite } from '../../src/storage/db/database';
import { newReplicaKey } from '../../src/main/db/replica-key';
import { createDemoDatabase } from '../../src/storage/seed/seed-database';
import { FIXED_NOW, tempDir } from '../support/context';

const durability = (client: import('better-sqlite3').Database) => ({
  synchronous: client.pragma('synchronous', { simple: true }),
  journalMode: client.pragma('journal_mode', { simple: true }),
});

describe('bench:sync baselines', () => {
  it('commits the raw single-row insert with the desk replica’s own durability and key', () => {
    const desk = createCore({
      dataDir: tempDir(),
      door: 'web',
      version: '0.1.0',
      demoPersons: 0,
      autoSync: false,
      log: () => {},
    });
    const file = path.join(tempDir(), 'raw-commit.db');
    const raw = openRawCommitReplica(file, newReplicaKey());
    try {
      expect(durability(raw.$client)).toEqual(durability(desk.db.$client));
      expect(durability(raw.$client)).toEqual({ synchronous: 2, journalMode: 'wal' }); // FULL
    } finally {
      raw.$client.close();
      desk.close();
    }
    // Encrypted like the replica: without the key it is not a database.
    const plain = openSqlite(file);
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    plain.close();
  });

  it('commits an action’s writes alone: the phone, one outbox row and one chained audit event', () => {
    const file = path.join(tempDir(), 'raw.db');
    createDemoDatabase({ file, persons: 20, now: new Date('2026-12-01T12:00:00Z') });
    const rut = (() => {
      const db = openSqlite(file);
      const value = db.prepare('SELECT rut FROM persons ORDER BY rut LIMIT 1').pluck().get();
      db.close();
      return value as number;
    })();
    const writes = openActionWrites(file, undefined);
    expect(writes.commit(rut, '+56920000001')).toBeGreaterThan(0);
    writes.commit(rut, '+56920000002');
    writes.close();
    const db = openSqlite(file);
    try {
      expect(db.prepare('SELECT phone FROM persons WHERE rut = ?').pluck().get(rut)).toBe(
        '+56920000002',
      );
      expect(db.prepare('SELECT count(*) FROM outbox WHERE person_rut = ?').pluck().get(rut)).toBe(
        2,
      );
      const events = db
        .prepare('SELECT prev_hash, hash FROM audit_events WHERE person_rut = ? ORDER BY seq')
        .all(rut) as Array<{ prev_hash: string; hash: string }>;
      expect(events).toHaveLength(2);
      expect(events[1]!.prev_hash).toBe(events[0]!.hash);
    } finally {
      db.close();
    }
  });

  it('warms the central pages with the pushed intents and leaves every row as it was', () => {
    const dataDir = tempDir();
    const { db } = openCentralDatabase({
      dataDir,
      demoPersons: 30,
      now: FIXED_NOW,
      resetEpoch: false,
    });
    const sqlite = db.$client;
    const persons = sqlite
      .prepare('SELECT rut, phone FROM persons ORDER BY rut LIMIT 10')
      .all() as Array<{ rut: number; phone: string | null }>;
    const intents = phoneChanges(
      'bench-agent',
      persons,
      1,
      (i) => `+5699000000${i}`,
      FIXED_NOW.toISOString(),
    ).map((mutation) => ({
      actionId: mutation.actionId,
      kind: mutation.kind,
      personRut: mutation.personRut,
      payload: mutation.payload as Record<string, unknown>,
    }));
    const state = () => ({
      persons: sqlite.prepare('SELECT rut, phone, version FROM persons ORDER BY rut').all(),
      changeLog: sqlite.prepare('SELECT count(*) FROM change_log').pluck().get(),
    });
    const before = state();
    const file = path.join(dataDir, 'central.db');
    // The rules ran and applied every intent, then all of it was rolled back.
    expect(warmCentralPages(file, intents)).toBe(intents.length);
    expect(state()).toEqual(before);
    sqlite.close();
  });
});
