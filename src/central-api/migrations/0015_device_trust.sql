-- Issue 11, device trust and change-log pruning.

-- Each device enrols with a secret of its own (sent at its first sign-in); only its sha256 is
-- kept. A revoked device is refused everywhere; it comes back only under a new identity.
-- `pulled_seq` is the change-log position the device last acknowledged (the cursor it sent
-- back), so the log can be pruned behind the oldest one that still matters.
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  enrolled_at TEXT NOT NULL,
  enrolled_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  revoke_reason TEXT,
  pulled_seq INTEGER,
  pulled_at TEXT
);

-- The refresh token spent by the latest rotation, accepted once more for a short while when the
-- answer that carried its successor was lost: the pair it produced (never seen, if the desk asks
-- again) is then replaced by a fresh one.
CREATE TABLE refresh_grace (
  spent_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  issued_access_hash TEXT NOT NULL,
  issued_refresh_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX refresh_grace_issued ON refresh_grace (issued_refresh_hash);

CREATE INDEX tokens_device ON tokens (device_id);

-- Pruning finds the newest change older than the retention by time.
CREATE INDEX change_log_at ON change_log (at);
