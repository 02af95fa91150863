-- Issue 11: who gave a prevention officer a company, or took it from him, when and why. The
-- officer's current companies stay in agents.company_ruts; this is their history.
CREATE TABLE agent_scope_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  agent_id TEXT NOT NULL,
  company_rut INTEGER NOT NULL,
  assigned INTEGER NOT NULL CHECK (assigned IN (0, 1)),
  by_agent_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX agent_scope_events_agent ON agent_scope_events (agent_id, id);

-- Issue 11: a shared desk. Each agent's actions on a device are a lane of their own, ordered
-- and checked apart (Mutation.after), so one agent's waiting actions never hold back another's.
-- One row per processed mutation: its lane (the agent who decided it) and, when a supervisor
-- re-assigned it, who sent it under their authority and why (mutation_results.agent_id is
-- always the sender's).
CREATE TABLE mutation_lanes (
  device_id TEXT NOT NULL,
  mutation_id INTEGER NOT NULL,
  lane_agent_id TEXT NOT NULL,
  sent_by TEXT,
  reassign_reason TEXT,
  PRIMARY KEY (device_id, mutation_id)
);
CREATE INDEX mutation_lanes_lane ON mutation_lanes (device_id, lane_agent_id, mutation_id);
-- What was processed before lanes existed: each action in its agent's lane.
INSERT INTO mutation_lanes (device_id, mutation_id, lane_agent_id)
  SELECT device_id, mutation_id, agent_id FROM mutation_results;
