-- Issue 11: a supervisor's decision made from a desk (revoking a device, assigning a company to an
-- officer) carries an id of its own. A repeat of the same request — the desk asking again after
-- an answer that never reached it — gets the first answer back, so the desk still audits its
-- decision instead of reading «no hubo cambios». Kept a week.
CREATE TABLE admin_decisions (
  -- sha256 of the agent, the decision id and its target (a device; an officer, a company and a
  -- direction): another target is a decision of its own, a reworded reason is not.
  decision_key TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  answer TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
