/**
 * Whether the replica may be missing data the central API has: what every screen that states
 * a fact ("Sin registro", "no figura", a person count, a "Dígale" script) must know first.
 * Reads only sync_state (written by src/main/sync/replica-writer.ts and the sync engine).
 */
import type Database from 'better-sqlite3';

/** sync_state keys this module reads; the sync engine and replica writer write them. */
export const REPLICA_STATE_KEYS = {
  /** The pull cursor: empty or missing until a first page is in, and after a reset for resync. */
  pullCursor: 'pull_cursor',
  /** JSON `{done,total}` while a snapshot is being pulled; empty otherwise. */
  initialSync: 'initial_sync',
  /** Present while rows loaded by a snapshot still wait to be indexed for search. */
  ftsTriggers: 'fts_triggers',
  /** The scope (see `scopeKey`) the replica's rows were last fully pulled for. */
  replicaScope: 'replica_scope',
  /** The scope of the agent signed in through the central API, set at sign-in. */
  wantedScope: 'wanted_scope',
} as const;

/** Whose rows a replica holds: every person, or those of some companies (as the server scopes). */
export function scopeKey(agent: { role: string; companyRuts: readonly number[] }): string {
  return agent.role === 'prevention'
    ? `companies:${[...agent.companyRuts].sort((a, b) => a - b).join(',')}`
    : 'all';
}

/**
 * Each connection's statement, prepared once: every record opened and every action's answer
 * asks whether the replica is complete, five reads, and preparing them each time cost some
 * 0.15 ms an action (more than the reads).
 */
const statements = new WeakMap<Database.Database, Database.Statement>();

function read(sqlite: Database.Database, key: string): string | null {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
    statements.set(sqlite, statement);
  }
  return (statement.get(key) as string | null | undefined) ?? null;
}

export type ReplicaProgress = { done: number; total: number };

/** Rows of the snapshot pulled so far, while one is under way. */
export function replicaProgress(sqlite: Database.Database): ReplicaProgress | null {
  return parseProgress(read(sqlite, REPLICA_STATE_KEYS.initialSync));
}

/** A stored `{done, total}` (a snapshot's or a scope change's); null when none or unreadable. */
export function parseProgress(text: string | null): ReplicaProgress | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<ReplicaProgress>;
    if (typeof value.done !== 'number' || typeof value.total !== 'number') return null;
    return { done: value.done, total: value.total };
  } catch {
    return null;
  }
}

/**
 * True while the replica may be missing data: a central API is configured and no pull has
 * completed (never, since a reset for resync, or since an agent with another scope signed in),
 * a snapshot is under way, or rows still wait for search indexing. Demo data (no central API)
 * is complete by definition.
 */
export function replicaIncomplete(sqlite: Database.Database, centralConfigured: boolean): boolean {
  if (!centralConfigured) return false;
  if (!read(sqlite, REPLICA_STATE_KEYS.pullCursor)) return true;
  if (read(sqlite, REPLICA_STATE_KEYS.initialSync)) return true;
  if (read(sqlite, REPLICA_STATE_KEYS.ftsTriggers) !== null) return true;
  const wanted = read(sqlite, REPLICA_STATE_KEYS.wantedScope);
  return wanted !== null && wanted !== read(sqlite, REPLICA_STATE_KEYS.replicaScope);
}
