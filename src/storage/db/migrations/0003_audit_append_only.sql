-- The audit log is append-only: any update or delete is refused by the database itself
-- (tampering with the file directly is caught by the hash chain, see domain/audit-chain.ts).
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events` BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events` BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
