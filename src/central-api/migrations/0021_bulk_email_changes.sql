-- A bulk load's e-mail change as the central applied it: which portals had the old address
-- confirmed before the change cleared them (rule 10). Its undo may confirm those again, with no
-- mail — only the undo of this very change (its `undoOf`), restoring this very address, once
-- (bulk-email-changes.ts). A desk's word alone never confirms an address.
CREATE TABLE bulk_email_changes (
  action_id TEXT PRIMARY KEY,
  person_rut INTEGER NOT NULL,
  from_email TEXT,
  to_email TEXT NOT NULL,
  -- JSON list of portals.
  verified TEXT NOT NULL,
  undone_by TEXT
) WITHOUT ROWID;
