-- Issue 11 (push speed): each processed mutation's stored result is kept in a table whose key is
-- its primary key (WITHOUT ROWID): a result is written into two b-trees (the table, keyed by
-- device and mutation, and its action_id index), not three (a rowid table, the index that made
-- its primary key, and the action_id one).
CREATE TABLE mutation_results_keyed (
  device_id TEXT NOT NULL,
  mutation_id INTEGER NOT NULL,
  action_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected')),
  result TEXT NOT NULL,
  processed_at TEXT NOT NULL,
  lane_agent_id TEXT,
  sent_by TEXT,
  reassign_reason TEXT,
  PRIMARY KEY (device_id, mutation_id)
) WITHOUT ROWID;
INSERT INTO mutation_results_keyed (device_id, mutation_id, action_id, agent_id, kind,
    payload_hash, status, result, processed_at, lane_agent_id, sent_by, reassign_reason)
  SELECT device_id, mutation_id, action_id, agent_id, kind, payload_hash, status, result,
    processed_at, lane_agent_id, sent_by, reassign_reason
  FROM mutation_results ORDER BY device_id, mutation_id;
DROP TABLE mutation_results;
ALTER TABLE mutation_results_keyed RENAME TO mutation_results;
CREATE INDEX mutation_results_action ON mutation_results (action_id);
