-- Issue 8: every row a bulk batch applies updates its report row and appends one or two audit
-- events, and each index on them is one more page written per row.
-- The report row's two action-id indexes served no query (the report joins from the row to the
-- outbox, whose action_id is indexed), and its (batch_id, state, seq) index only repeated the
-- primary key (batch_id, seq) for reads that take a batch's rows in order anyway.
DROP INDEX `bulk_batch_rows_state`;--> statement-breakpoint
DROP INDEX `bulk_batch_rows_email_action`;--> statement-breakpoint
DROP INDEX `bulk_batch_rows_state_action`;--> statement-breakpoint
-- Only events taken during a call have an interaction: the others need no entry.
DROP INDEX `audit_interaction`;--> statement-breakpoint
CREATE INDEX `audit_interaction` ON `audit_events` (`interaction_id`) WHERE `interaction_id` IS NOT NULL;
