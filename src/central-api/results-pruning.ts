/**
 * The stored answers of processed actions (mutation_results) do not grow forever (issue 11).
 *
 * Each desk says, with every pull, the highest mutation id below which it holds every answer
 * (`answered`, kept as devices.answered_through, never moving back); a desk of a version
 * from before lanes says it with each push instead, by the batch's first id (push.ts). It never
 * sends those ids again: an id at or below it arriving later comes from a restored or cloned
 * copy of the desk, which the push answers `device_fork` with or without the stored answer
 * (there is no stored answer to compare it with, and its lane has moved past it). So the
 * answers of those ids go once they are older than `keptMs` (30 days): a desk's own retry
 * never needs them, and a copy restored within the month is still told "already done" rather
 * than "forked". A revoked device's answers all go after the month: it never pushes under its
 * id again.
 *
 * What each pruned answer's action came to stays, small and for good (applied_actions, written
 * here only, so a push writes no more than before): an action sent again by another device
 * (re-enrolled after a fork) is answered with its first outcome, never applied twice, however
 * old it is. Deletes run in chunks: the single writer is never held for long.
 */
import type Database from 'better-sqlite3';

const DAY_MS = 86_400_000;
/** How long a stored answer stays after its desk said it holds it. */
export const RESULTS_KEPT_MS = 30 * DAY_MS;
/** Rows deleted per transaction. */
const CHUNK = 5_000;

export function createResultsPruner(
  sqlite: Database.Database,
  now: () => Date,
  keptMs: number = RESULTS_KEPT_MS,
) {
  // A revoked device never pushes again under its id (its tokens are refused; it comes back
  // enrolled as a new device): every answer of it may go. Others, up to what they hold.
  const devices = sqlite.prepare(
    `SELECT device_id,
       CASE WHEN revoked_at IS NOT NULL THEN ${Number.MAX_SAFE_INTEGER} ELSE answered_through END
         AS answered_through
     FROM devices WHERE answered_through IS NOT NULL OR revoked_at IS NOT NULL`,
  );
  const answered = sqlite.prepare(
    `UPDATE devices SET answered_through = @through
     WHERE device_id = @deviceId AND (answered_through IS NULL OR answered_through < @through)`,
  );
  // The device's answers in mutation-id order (its primary key), those old enough among them.
  const oldAnswers = sqlite
    .prepare(
      `SELECT rowid FROM mutation_results
       WHERE device_id = ? AND mutation_id <= ? AND processed_at < ? LIMIT ${CHUNK}`,
    )
    .pluck();
  // What each action came to stays (its first answer, whichever device gave it).
  const keepOutcomes = sqlite.prepare(
    `INSERT INTO applied_actions (action_id, payload_hash, status, code, first_at)
     SELECT action_id, payload_hash, status, json_extract(result, '$.code'), processed_at
     FROM mutation_results WHERE rowid IN (SELECT value FROM json_each(?))
     ON CONFLICT (action_id) DO UPDATE SET payload_hash = excluded.payload_hash,
       status = excluded.status, code = excluded.code, first_at = excluded.first_at
     WHERE excluded.first_at < applied_actions.first_at`,
  );
  const deleteAnswers = sqlite.prepare(
    'DELETE FROM mutation_results WHERE rowid IN (SELECT value FROM json_each(?))',
  );
  const chunk = sqlite.transaction((deviceId: string, through: number, before: string) => {
    const rowids = JSON.stringify(oldAnswers.all(deviceId, through, before));
    keepOutcomes.run(rowids);
    return deleteAnswers.run(rowids).changes;
  });

  return {
    /** What a desk says it holds every answer up to (a pull's `answered`); never moves back. */
    answered(deviceId: string, through: number): void {
      answered.run({ deviceId, through });
    },

    /** Deletes the answers no desk will ask for again; answers how many went. */
    prune(): number {
      const before = new Date(now().getTime() - keptMs).toISOString();
      let pruned = 0;
      for (const device of devices.all() as Array<{
        device_id: string;
        answered_through: number;
      }>) {
        let deleted: number;
        do {
          deleted = chunk(device.device_id, device.answered_through, before);
          pruned += deleted;
        } while (deleted === CHUNK);
      }
      return pruned;
    },
  };
}

export type ResultsPruner = ReturnType<typeof createResultsPruner>;
