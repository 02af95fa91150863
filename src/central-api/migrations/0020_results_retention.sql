-- Issue 11: the stored answers (mutation_results) no longer grow forever. A desk tells, with each
-- pull, the highest mutation id below which it holds every answer (`answered_through`): it will
-- never send those again, so their stored answers are only needed by a restored copy of the desk,
-- which is a fork anyway. They go after a retention (results-pruning.ts).
ALTER TABLE devices ADD COLUMN answered_through INTEGER;

-- What a pruned answer's action came to, kept for good and small: an action sent again by
-- another device (one re-enrolled after a fork resends what it never saw answered) is answered
-- with its first outcome and never applied twice, however long ago it came. Written only when
-- answers are pruned: a push writes what it always wrote.
CREATE TABLE applied_actions (
  action_id TEXT PRIMARY KEY,
  payload_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected')),
  -- rejected, or a conflict with one (a blocked person): the message is said again from it.
  code TEXT,
  -- When its first answer was made: of several answers to one action, the first one is kept.
  first_at TEXT NOT NULL
) WITHOUT ROWID;
