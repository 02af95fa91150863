/**
 * How long the desk keeps an action the central confirmed (issue 11). The outbox used to keep
 * every action ever taken: the file grew for as long as the desk was used, and each confirmed
 * action's payload (the new e-mail or phone, the agent's reason) stayed on the laptop long after
 * the central had it.
 *
 * An action the central confirmed (state applied) goes once the central answered it, and the
 * next action of its lane (its agent's), more than APPLIED_KEPT_DAYS ago (`answered_at`). Each
 * action is sent with the number of the one before it in its lane (outbox-lanes.ts, `after`),
 * which the central checks against what it processed, so:
 * - an action still to be sent (pending) always finds the one before it on the desk;
 * - a central restored from a backup younger than APPLIED_KEPT_DAYS is sent again the confirmed
 *   actions it forgot (requeueForgotten), after the newest action of the lane the backup holds;
 *   the action after that one was answered after the backup, too recently for that one to go.
 * Hence each lane's newest action always stays, and with it the queue's newest: `seq` is the
 * rowid, and the central knows this device's actions by it, so a number is never handed out
 * twice. Every action not confirmed stays (pending, conflict, rejected, resolved), and so does a
 * confirmed one whose mails were withheld until someone takes note of it (sync-issues.ts).
 * The audit event of each action stays: the anchored chain is the record of what was done. A
 * bulk load's report counts an action that is gone as confirmed (bulk-batch-repository.ts).
 *
 * The sync engine prunes after a cycle that reached the central, at most once a day, in small
 * transactions: the window waits for one of them at most.
 */
import type Database from 'better-sqlite3';

/** Days a confirmed action stays on the desk after the central answered it and the next one. */
export const APPLIED_KEPT_DAYS = 30;
/** Confirmed actions deleted per transaction, at most. */
export const PRUNE_CHUNK = 500;
/** sync_state key: when the outbox was last pruned (ISO). */
export const PRUNED_AT_KEY = 'outbox_pruned_at';

const DAY_MS = 86_400_000;

/** Answered before this instant (ISO, the form of `answered_at`): long enough ago to go. */
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
  /**
   * Confirmed actions answered before the cutoff whose lane's next action was answered then too
   * (and not sent again since: pending), after `@after`, oldest first: from the (state, seq)
   * index, each next action from the (agent_id, seq) one.
   */
  old: `SELECT o.seq FROM outbox o
     WHERE o.state = 'applied' AND o.result IS NULL AND o.seq > @after AND o.answered_at < @cutoff
       AND (SELECT n.state != 'pending' AND n.answered_at < @cutoff FROM outbox n
            WHERE n.agent_id IS o.agent_id AND n.seq > o.seq ORDER BY n.seq LIMIT 1)
     ORDER BY o.seq LIMIT +@limit`,
} as const;

export function createOutboxRetention(sqlite: Database.Database) {
  const old = sqlite.prepare(RETENTION_SQL.old).pluck();
  const remove = sqlite.prepare("DELETE FROM outbox WHERE seq = ? AND state = 'applied'");
  const getState = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const setState = sqlite.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  /** One transaction: up to PRUNE_CHUNK actions old enough to go, after `after`. */
  const step = sqlite.transaction((cutoff: string, after: number): PruneStep => {
    const seqs = old.all({ after, cutoff, limit: PRUNE_CHUNK }) as number[];
    let deleted = 0;
    for (const seq of seqs) deleted += remove.run(seq).changes;
    return { deleted, next: seqs.length === PRUNE_CHUNK ? seqs[seqs.length - 1]! : null };
  });

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
      let deleted = 0;
      for (let after = 0; ;) {
        const done = step(cutoff, after);
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
