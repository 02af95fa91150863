CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`company_ruts` text DEFAULT '[]' NOT NULL,
	`person_rut` integer,
	`active` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_username_unique` ON `agents` (`username`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `person_rut` integer;--> statement-breakpoint
CREATE INDEX `outbox_person_state` ON `outbox` (`person_rut`,`state`);--> statement-breakpoint
CREATE INDEX `audit_agent` ON `audit_events` (`agent_id`);--> statement-breakpoint
CREATE INDEX `audit_interaction` ON `audit_events` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `interactions_agent` ON `interactions` (`agent_id`,`opened_at`);