-- Issue 11: the stored answers (mutation_results) no longer grow forever. A desk tells, with each
-- pull, the highest mutation id below which it holds every answer (`answered_through`): it will
-- never send those again, so their stored answers are only needed by a restored copy of the desk,
-- which is a fork anyway. They go after a retention (results-pruning.ts).
ALTER TABLE devices ADD COLUMN answered_through INTEGER;

-- What every action came to, by its id, kept for good and small: an action the same desk or
-- another sends again (a device re-enrolled after a fork resends what it never saw answered) is
-- answered with its first outcome and never applied twice, however long ago it came. It takes
-- the place of the index of mutation_results by action: as many writes per push as before.
CREATE TABLE applied_actions (
  action_id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  mutation_id INTEGER NOT NULL,
  payload_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected')),
  -- rejected, or a conflict with one (a blocked person): the message is said again from it.
  code TEXT
) WITHOUT ROWID;
INSERT INTO applied_actions (action_id, device_id, mutation_id, payload_hash, status, code)
  SELECT action_id, device_id, mutation_id, payload_hash, status, json_extract(result, '$.code')
  FROM mutation_results WHERE true ORDER BY processed_at, device_id, mutation_id
  ON CONFLICT (action_id) DO NOTHING;
DROP INDEX mutation_results_action;
