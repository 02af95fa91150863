import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db/database';
import {
  replicaIncomplete,
  parseProgress,
  replicaProgress,
  scopeKey,
} from '../../src/main/repositories/replica-state';
import { tempDir } from '../support/context';

function replica() {
  const sqlite = openDatabase({ file: path.join(tempDir(), 'replica.db') }).$client;
  const set = (key: string, value: string) =>
    sqlite
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  const drop = (key: string) => sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
  return { sqlite, set, drop };
}

describe('replicaIncomplete', () => {
  it('is false without a central API (demo data), whatever sync_state says', () => {
    const { sqlite, set } = replica();
    expect(replicaIncomplete(sqlite, false)).toBe(false);
    set('initial_sync', JSON.stringify({ done: 1, total: 2 }));
    expect(replicaIncomplete(sqlite, false)).toBe(false);
  });

  it('is true with a central API until a first pull is in', () => {
    const { sqlite, set } = replica();
    expect(replicaIncomplete(sqlite, true)).toBe(true);
    set('pull_cursor', '');
    expect(replicaIncomplete(sqlite, true)).toBe(true);
    set('pull_cursor', 'abc');
    set('initial_sync', '');
    expect(replicaIncomplete(sqlite, true)).toBe(false);
  });

  it('is true while a snapshot is under way, and says how far it got', () => {
    const { sqlite, set } = replica();
    set('pull_cursor', 'abc');
    set('initial_sync', JSON.stringify({ done: 500, total: 2000 }));
    expect(replicaIncomplete(sqlite, true)).toBe(true);
    expect(replicaProgress(sqlite)).toEqual({ done: 500, total: 2000 });
    set('initial_sync', '');
    expect(replicaIncomplete(sqlite, true)).toBe(false);
    expect(replicaProgress(sqlite)).toBeNull();
  });

  it('reads a stored progress that is unreadable as none, never as a throw', () => {
    expect(parseProgress('{"done":1,"total":2}')).toEqual({ done: 1, total: 2 });
    for (const text of [null, '', '{', '{"done":"1","total":2}', 'null', '[]']) {
      expect(parseProgress(text)).toBeNull();
    }
  });

  it('is true while pulled rows wait for search indexing', () => {
    const { sqlite, set, drop } = replica();
    set('pull_cursor', 'abc');
    set('fts_triggers', '[]');
    expect(replicaIncomplete(sqlite, true)).toBe(true);
    drop('fts_triggers');
    expect(replicaIncomplete(sqlite, true)).toBe(false);
  });

  it('is true after a reset for resync emptied the cursor', () => {
    const { sqlite, set } = replica();
    set('pull_cursor', 'abc');
    expect(replicaIncomplete(sqlite, true)).toBe(false);
    set('pull_cursor', '');
    expect(replicaIncomplete(sqlite, true)).toBe(true);
  });

  it('is true when the signed-in agent needs another scope than the replica was pulled for', () => {
    const { sqlite, set } = replica();
    set('pull_cursor', 'abc');
    set('replica_scope', scopeKey({ role: 'agent', companyRuts: [] }));
    set('wanted_scope', scopeKey({ role: 'prevention', companyRuts: [76, 11] }));
    expect(replicaIncomplete(sqlite, true)).toBe(true);
    set('replica_scope', scopeKey({ role: 'prevention', companyRuts: [11, 76] }));
    expect(replicaIncomplete(sqlite, true)).toBe(false);
    // Agents and supervisors see everyone: the same rows.
    set('replica_scope', scopeKey({ role: 'agent', companyRuts: [] }));
    set('wanted_scope', scopeKey({ role: 'supervisor', companyRuts: [] }));
    expect(replicaIncomplete(sqlite, true)).toBe(false);
  });

  it('reads an unreadable progress as none', () => {
    const { sqlite, set } = replica();
    set('initial_sync', 'not json');
    expect(replicaProgress(sqlite)).toBeNull();
  });
});
