/**
 * How long the desk keeps an action the central confirmed (issue 11). The outbox used to keep
 * every action ever taken: the file grew for as long as the desk was used, and each confirmed
 * action's payload (the new e-mail or phone, the agent's reason) stayed on the laptop long after
 * the central had it.
 *
 * An action the central confirmed (state applied) is kept APPLIED_KEPT_DAYS after it said so
 * (`applied_at`). While it is kept, a central restored from a backup up to that old is sent it
 * again (outbox-lanes.ts, requeueForgotten); after that it goes. Kept whatever their age:
 * - every action not confirmed: pending, conflict, rejected, resolved;
 * - the newest action of each lane: the next action of that agent is sent with its number as
 *   the one it follows (outbox-lanes.ts, `after`);
 * - the newest action of the queue: `seq` is the rowid, and the central knows this device's
 *   actions by it, so a number must never be handed out twice.
 * The audit event of each action stays: the anchored chain is the record of what was done. A
 * bulk load's report counts an action that is gone as confirmed (bulk-batch-repository.ts).
 *
 * The sync engine prunes after a cycle that reached the central, at most once a day, in small
 * transactions: the window waits for one of them at most.
 */
import type Database from 'better-sqlite3';

/** Days a confirmed action stays on the desk after the central confirmed it. */
export const APPLIED_KEPT_DAYS = 30;
/** Confirmed actions deleted per transaction, at most. */
export const PRUNE_CHUNK = 500;
/** sync_state key: when the outbox was last pruned (ISO). */
export const PRUNED_AT_KEY = 'outbox_pruned_at';

const DAY_MS = 86_400_000;

/** Confirmed before this instant (ISO, the form of `applied_at`): old enough to go. */
export function retentionCutoff(now: Date, days = APPLIED_KEPT_DAYS): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** A prune is due once a day; a clock set back (a last prune "in the future") makes it due. */
export function pruneDue(lastPrunedAt: string | undefined, now: Date): boolean {
  if (lastPrunedAt === undefined) return true;
  const since = now.getTime() - Date.parse(lastPrunedAt);
  return !(since >= 0 && since < DAY_MS);
}

export const RETENTION_SQL = {
  /** Actions confirmed before the cutoff, after `seq`, oldest first, from the (state, seq) index. */
  old: `SELECT seq FROM outbox
     WHERE state = 'applied' AND seq > ? AND applied_at < ? ORDER BY seq LIMIT +?`,
  /** The newest action of each lane (agent_id NULL too: actions from before lanes existed). */
  laneHeads: 'SELECT max(seq) FROM outbox GROUP BY agent_id',
} as const;

export function createOutboxRetention(sqlite: Database.Database) {
  const old = sqlite.prepare(RETENTION_SQL.old).pluck();
  const laneHeads = sqlite.prepare(RETENTION_SQL.laneHeads).pluck();
  const remove = sqlite.prepare("DELETE FROM outbox WHERE seq = ? AND state = 'applied'");
  const getState = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const setState = sqlite.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  /** One transaction: up to PRUNE_CHUNK old confirmed actions after `after`, heads kept. */
  const step = sqlite.transaction(
    (cutoff: string, after: number, keep: ReadonlySet<number>): PruneStep => {
      const seqs = old.all(after, cutoff, PRUNE_CHUNK) as number[];
      let deleted = 0;
      for (const seq of seqs) if (!keep.has(seq)) deleted += remove.run(seq).changes;
      return { deleted, next: seqs.length === PRUNE_CHUNK ? seqs[seqs.length - 1]! : null };
    },
  );

  return {
    due(now: Date): boolean {
      return pruneDue(getState.get(PRUNED_AT_KEY) as string | undefined, now);
    },
    /**
     * Deletes what is old enough, one step at a time (`between` runs between steps: the sync
     * engine lets the event loop breathe there). Returns how many actions went.
     */
    async prune(now: Date, between: () => Promise<unknown>): Promise<number> {
      const cutoff = retentionCutoff(now);
      // Read once: an action queued meanwhile is newer than all of them, so keeping the heads
      // read here keeps every head there can be (and perhaps one more, until tomorrow).
      const keep = new Set(laneHeads.all() as number[]);
      let deleted = 0;
      for (let after = 0; ;) {
        const done = step(cutoff, after, keep);
        deleted += done.deleted;
        if (done.next === null) break;
        after = done.next;
        await between();
      }
      setState.run(PRUNED_AT_KEY, now.toISOString());
      return deleted;
    },
  };
}

type PruneStep = { deleted: number; next: number | null };

export type OutboxRetention = ReturnType<typeof createOutboxRetention>;
