/**
 * bench:sync's raw-commit baseline (issue 11: "one single-row insert committed with the
 * replica's durability settings") is committed exactly as the desk commits an action: the same
 * key, WAL, and synchronous = FULL.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRawCommitReplica } from '../../bench/sync-baselines';
import { createCore } from '../../src/main/core';
import { openSqlite } from '../../src/main/db/database';
import { newReplicaKey } from '../../src/main/db/replica-key';
import { tempDir } from '../support/context';

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
});
