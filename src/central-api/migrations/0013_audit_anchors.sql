-- Audit chain anchoring (issue 10): the heads of each device's audit hash chain, as the device
-- sent them with its syncs. A desk whose file was rewritten and rehashed cannot change these:
-- its chain no longer passes through the hash anchored here at that sequence number.
CREATE TABLE device_audit_anchors (
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  -- When the event at the head was written (device clock) and who sent it.
  event_at TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  -- When this server received it (server clock).
  anchored_at TEXT NOT NULL,
  PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;

-- Anchors are evidence: never changed, never removed.
CREATE TRIGGER audit_anchors_no_update BEFORE UPDATE ON device_audit_anchors
BEGIN
  SELECT RAISE(ABORT, 'audit anchors are append-only');
END;
CREATE TRIGGER audit_anchors_no_delete BEFORE DELETE ON device_audit_anchors
BEGIN
  SELECT RAISE(ABORT, 'audit anchors are append-only');
END;
