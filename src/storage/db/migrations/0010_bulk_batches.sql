CREATE TABLE `bulk_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`undo_of` text,
	`company_rut` integer NOT NULL,
	`agent_id` text NOT NULL,
	`reason` text NOT NULL,
	`file_name` text NOT NULL,
	`header` text NOT NULL,
	`state` text NOT NULL,
	`total` integer NOT NULL,
	`planned` integer NOT NULL,
	`applied` integer DEFAULT 0 NOT NULL,
	`refused` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`finished_at` text,
	`undone_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bulk_batches_one_running` ON `bulk_batches` (`company_rut`) WHERE "bulk_batches"."state" in ('preparing', 'applying', 'interrupted');--> statement-breakpoint
CREATE INDEX `bulk_batches_created` ON `bulk_batches` (`created_at`);--> statement-breakpoint
CREATE TABLE `bulk_batch_rows` (
	`batch_id` text NOT NULL,
	`seq` integer NOT NULL,
	`line` integer NOT NULL,
	`person_rut` integer,
	`cells` text NOT NULL,
	`plan` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`code` text,
	`before` text,
	`after` text,
	`email_action_id` text,
	`state_action_id` text,
	PRIMARY KEY(`batch_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `bulk_batch_rows_state` ON `bulk_batch_rows` (`batch_id`,`state`,`seq`);--> statement-breakpoint
CREATE INDEX `bulk_batch_rows_email_action` ON `bulk_batch_rows` (`email_action_id`);--> statement-breakpoint
CREATE INDEX `bulk_batch_rows_state_action` ON `bulk_batch_rows` (`state_action_id`);
