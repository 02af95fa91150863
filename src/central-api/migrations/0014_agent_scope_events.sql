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
