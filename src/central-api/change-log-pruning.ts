/**
 * The change log is pruned behind the oldest cursor that still matters, so it does not grow
 * forever. Each device's acknowledged position is the cursor it sends back with a pull (it has
 * committed everything up to it); see device-trust.ts `acknowledge`.
 *
 * A device is *active* when it is not revoked and has pulled within `activeWithinMs` (14 days by
 * default): rows every active device has are pruned. Rows younger than `minRetentionMs` (1 day)
 * are always kept, so an initial sync under way (its cursor is acknowledged only from its second
 * page) is not cut short; rows older than `maxRetentionMs` (30 days) go whoever still lacks them.
 * A desk whose cursor falls behind the pruned floor is answered 410 `log_pruned`, and takes a
 * fresh snapshot keeping its outbox (the same path as a restored server).
 */
import type Database from 'better-sqlite3';

export type RetentionPolicy = {
  activeWithinMs: number;
  minRetentionMs: number;
  maxRetentionMs: number;
};

const DAY = 24 * 60 * 60_000;
export const DEFAULT_RETENTION: RetentionPolicy = {
  activeWithinMs: 14 * DAY,
  minRetentionMs: DAY,
  maxRetentionMs: 30 * DAY,
};

/** Rows deleted per transaction: the single writer is never held for long. */
const CHUNK = 10_000;

/** Pure: the highest seq that may go, from what the database says (null: none of that kind). */
export function pruneTarget(facts: {
  /** Lowest position acknowledged by an active device; null when there is none. */
  oldestActiveAck: number | null;
  /** Highest seq older than the minimum retention. */
  oldEnough: number | null;
  /** Highest seq older than the maximum retention. */
  expired: number | null;
}): number {
  const kept = Math.min(facts.oldEnough ?? 0, facts.oldestActiveAck ?? Number.MAX_SAFE_INTEGER);
  return Math.max(kept, facts.expired ?? 0);
}

export function createChangeLogPruner(
  sqlite: Database.Database,
  now: () => Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
) {
  const floorRow = sqlite.prepare("SELECT value FROM meta WHERE key = 'log_floor'");
  const setFloor = sqlite.prepare(
    "INSERT INTO meta (key, value) VALUES ('log_floor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  const oldestActiveAck = sqlite.prepare(
    `SELECT min(pulled_seq) AS seq FROM devices
     WHERE revoked_at IS NULL AND pulled_seq IS NOT NULL AND pulled_at > ?`,
  );
  const newestBefore = sqlite.prepare('SELECT max(seq) AS seq FROM change_log WHERE at <= ?');
  const deleteChunk = sqlite.prepare(
    `DELETE FROM change_log WHERE seq IN (
       SELECT seq FROM change_log WHERE seq <= ? ORDER BY seq LIMIT ${CHUNK})`,
  );

  const floor = (): number => {
    const row = floorRow.get() as { value: string } | undefined;
    return row ? Number(row.value) : 0;
  };

  const step = sqlite.transaction((target: number): number => {
    const deleted = deleteChunk.run(target).changes;
    if (target > floor()) setFloor.run(String(target));
    return deleted;
  });

  return {
    /** The highest seq pruned so far: a cursor below it has missed changes. */
    floor,
    /** Prunes what no active device needs; answers how many rows went and the new floor. */
    prune(): { pruned: number; floor: number } {
      const at = now().getTime();
      const iso = (ms: number) => new Date(ms).toISOString();
      const target = pruneTarget({
        oldestActiveAck: (
          oldestActiveAck.get(iso(at - policy.activeWithinMs)) as { seq: number | null }
        ).seq,
        oldEnough: (newestBefore.get(iso(at - policy.minRetentionMs)) as { seq: number | null })
          .seq,
        expired: (newestBefore.get(iso(at - policy.maxRetentionMs)) as { seq: number | null }).seq,
      });
      let pruned = 0;
      if (target > floor()) {
        for (;;) {
          const deleted = step(target);
          pruned += deleted;
          if (deleted < CHUNK) break;
        }
      }
      return { pruned, floor: floor() };
    },
  };
}

export type ChangeLogPruner = ReturnType<typeof createChangeLogPruner>;
