/**
 * The same-run baselines bench:sync sets its targets against (issue 11):
 * - rawPushApply: the very intents a desk pushed, applied straight on the central database with
 *   the shared rules (`applyIntent`, server mode) and their change-log rows, one commit per batch
 *   of the desk's push size, with the central's durability (synchronous = FULL). The intents are
 *   mirrored (each phone change goes back from its new value to its old one), so every one writes
 *   as much as it did when pushed. Before the push, `warmCentralPages` applies the same intents
 *   and rolls them back, so the push and the raw apply find the pages they touch equally cached.
 * - rawInsert: every row of a synced replica inserted straight into an empty replica of the same
 *   kind, 5,000 rows a transaction. bench:sync runs it in a child process of its own
 *   (`bench/raw-insert.ts`), so its memory is not counted as the desk's.
 * - rawCommitP95Ms: one single-row insert committed on a replica of the desk's kind, with the
 *   replica's durability (the key, WAL, and synchronous = FULL as core.ts sets it: an
 *   acknowledged action survives a power cut), the floor under any enqueue; one is timed beside
 *   each enqueue (`openRawCommits`).
 * - actionWritesP95Ms (not a target, what explains the enqueue's): an action's own writes alone —
 *   a person's phone, its outbox row and its audit event, each with every index the desk has —
 *   as prepared statements, with no rules and no record to answer with, committed the same way
 *   on a copy of the desk's rows (`openActionWrites`), one beside each enqueue too.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createChangeLog } from '../src/central-api/change-log';
import {
  applyReplicaKey,
  makeReplicaDurable,
  openDatabase,
  openSqlite,
  type Db,
} from '../src/storage/db/database';
import { createCompanyWriteRepository } from '../src/intents/company-write-repository';
import { createDataRequestRepository } from '../src/intents/data-request-repository';
import { createPersonWriteRepository } from '../src/intents/person-write-repository';
import { applyIntent } from '../src/intents/apply-intent';
import { ENTITIES, ENTITY_TABLES } from '../src/shared/sync-protocol';
import { insertInBatches } from './seed-cache';

export type QueuedIntent = {
  actionId: string;
  kind: string;
  personRut: number | null;
  payload: Record<string, unknown>;
};

type Change = { from?: unknown; to?: unknown };

/** The intent that undoes a contact change: what it set becomes what it expects to find. */
function mirrored(intent: QueuedIntent): QueuedIntent {
  const changes = intent.payload['changes'] as Record<string, Change> | undefined;
  if (!changes) return intent;
  const back = Object.fromEntries(
    Object.entries(changes).map(([field, change]) => [field, { from: change.to, to: change.from }]),
  );
  return {
    ...intent,
    actionId: `${intent.actionId}-raw`,
    payload: { ...intent.payload, changes: back },
  };
}

/** The shared rules' writes of intents, with their change-log rows; gives how many applied. */
function straightApply(sqlite: Db['$client']): (intents: QueuedIntent[]) => number {
  const writes = createPersonWriteRepository(sqlite, { bumpVersions: true });
  const companies = createCompanyWriteRepository(sqlite, { bumpVersions: true });
  // The central checks a Ley 21.719 block before each intent; the baseline does the same work.
  const dataRequests = createDataRequestRepository(sqlite, { bumpVersions: true });
  const changeLog = createChangeLog(sqlite, () => new Date());
  const agent = { role: 'supervisor' as const, companyRuts: [], adminOfCompanyRuts: [] };
  return (intents) => {
    let applied = 0;
    for (const intent of intents) {
      const outcome = applyIntent(
        { writes, companies, dataRequests, mode: 'server', now: new Date(), agent, ageMs: 0 },
        intent,
      );
      if (outcome.status === 'applied') applied++;
      for (const { entity, key } of outcome.touched) changeLog.record(entity, key);
    }
    return applied;
  };
}

export function rawPushApply(
  centralFile: string,
  intents: QueuedIntent[],
  batchSize: number,
): { applied: number; perSec: number } {
  const db = openDatabase({ file: centralFile });
  const sqlite = db.$client;
  sqlite.pragma('synchronous = FULL');
  const apply = straightApply(sqlite);
  const work = intents.map(mirrored);
  let applied = 0;
  const batch = sqlite.transaction((list: QueuedIntent[]) => {
    applied += apply(list);
  });
  const started = performance.now();
  for (let i = 0; i < work.length; i += batchSize) batch(work.slice(i, i + batchSize));
  const seconds = (performance.now() - started) / 1000;
  sqlite.close();
  return { applied, perSec: Math.round(work.length / seconds) };
}

class RolledBack extends Error {}

/**
 * The intents about to be pushed, applied straight on the central database and rolled back:
 * nothing changes, but every page they touch is read. At 10M the central's file is larger than
 * what the OS keeps cached here (1.8 GB of its 6.2 GB was), so a push read its persons' pages
 * from disk and the raw apply after it, on the same pages, found them cached: the same build
 * measured 0.21 to 0.58 of raw apply from one round to the next. Warmed first, both find the
 * same pages in the OS cache (neither in its own page cache: each connection starts cold).
 * Gives how many of the intents applied before the rollback.
 */
export function warmCentralPages(centralFile: string, intents: QueuedIntent[]): number {
  const db = openDatabase({ file: centralFile });
  const sqlite = db.$client;
  // Its changes stay in memory, never spilled into the WAL: rolled back, they write nothing.
  // Spilled (SQLite's default), 10,000 intents left tens of MB of dead frames that the kernel
  // then wrote out during the push: 0.46 of raw apply at 200k with them, 0.49 to 0.55 without.
  sqlite.pragma('cache_spill = false');
  const apply = straightApply(sqlite);
  let applied = 0;
  try {
    sqlite.transaction(() => {
      applied = apply(intents);
      throw new RolledBack();
    })();
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  } finally {
    sqlite.close();
  }
  return applied;
}

/** An empty replica with the desk's key and durability (openDatabase, then as core.ts). */
export function openRawCommitReplica(file: string, key: Buffer | undefined): Db {
  const db = openDatabase({ file, key });
  makeReplicaDurable(db.$client);
  return db;
}

/**
 * Single-row commits on a replica of the desk's kind, one at a time, each timed: bench:sync takes
 * one after each enqueue (alternating which goes first), so both are measured on the disk as it
 * is at that moment. Taken apart, minutes later, the raw commit's p95 moved from 0.34 to 0.80 ms
 * between two runs of unchanged code here, and the ratio with it.
 */
export function openRawCommits(folder: string, key: Buffer | undefined) {
  const file = path.join(folder, 'raw-commit.db');
  const db = openRawCommitReplica(file, key);
  db.$client.exec('CREATE TABLE raw_commit (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const insert = db.$client.prepare('INSERT INTO raw_commit (payload) VALUES (?)');
  let count = 0;
  return {
    /** One insert, committed; how long it took, in ms. */
    commit(): number {
      const payload = JSON.stringify({ i: count, phone: `+569${20_000_000 + count}` });
      count++;
      const started = performance.now();
      insert.run(payload);
      return performance.now() - started;
    },
    close(): void {
      db.$client.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}

/**
 * An action's writes without the action (actionWritesP95Ms): on `file`, a replica holding the
 * desk's rows (the raw insert's target), the statements a phone correction commits — the person
 * (as person-write-repository.ts sets a phone), an outbox row and an audit event, with the
 * desk's indexes on each — in one IMMEDIATE transaction, as core.ts runs actions.
 */
export function openActionWrites(file: string, key: Buffer | undefined) {
  const db = openRawCommitReplica(file, key);
  const sqlite = db.$client;
  const person = sqlite.prepare(
    `UPDATE persons SET phone = ?, version = version + 1,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE rut = ?`,
  );
  const outbox = sqlite.prepare(
    `INSERT INTO outbox (action_id, kind, agent_id, person_rut, payload, created_at)
     VALUES (?, 'person.update_contact', 'bench-agent', ?, ?, ?)`,
  );
  const audit = sqlite.prepare(
    `INSERT INTO audit_events (id, at, agent_id, device_id, person_rut, action, before, after,
       reason, identity_check, interaction_id, prev_hash, hash)
     VALUES (?, ?, 'bench-agent', 'bench-device', ?, 'person.update_contact', ?, ?, 'Benchmark',
       NULL, NULL, ?, ?)`,
  );
  let previous = '0'.repeat(64);
  const write = sqlite.transaction((rut: number, phone: string) => {
    const id = randomUUID();
    const at = new Date().toISOString();
    const change = JSON.stringify({ phone: { from: null, to: phone } });
    person.run(phone, rut);
    outbox.run(id, rut, change, at);
    const hash = createHash('sha256')
      .update(previous + id)
      .digest('hex');
    audit.run(
      id,
      at,
      rut,
      JSON.stringify({ phone: null }),
      JSON.stringify({ phone }),
      previous,
      hash,
    );
    previous = hash;
  });
  return {
    /** The writes of a phone correction of `rut`, committed; how long it took, in ms. */
    commit(rut: number, phone: string): number {
      const started = performance.now();
      write.immediate(rut, phone);
      return performance.now() - started;
    },
    close(): void {
      sqlite.close();
    },
  };
}

/** The 95th percentile of `samples`, in ms to the microsecond. */
export function p95Ms(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length * 0.95)]! * 1000) / 1000;
}

/** The synced replica's rows, straight into an empty replica at `target` (same key or none). */
export function rawInsert(
  sourceFile: string,
  target: string,
  key: Buffer | undefined,
): { rows: number; seconds: number } {
  const raw = openDatabase({ file: target, key });
  const source = openSqlite(sourceFile, { readonly: true });
  if (key) applyReplicaKey(source, key, sourceFile);
  let rows = 0;
  const started = performance.now();
  for (const entity of ENTITIES) {
    const { table, columns } = ENTITY_TABLES[entity];
    const read = source.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw();
    rows += insertInBatches(raw.$client, table, columns, read.iterate());
  }
  const seconds = (performance.now() - started) / 1000;
  source.close();
  raw.$client.close();
  return { rows, seconds };
}
