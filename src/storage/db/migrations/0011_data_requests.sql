-- Ley 21.719 data-subject requests (issue 10). Replicated like the other entities (the central
-- API runs these migrations too): `number` is the human-readable id, unique across desks; rows a
-- desk records before the server has them get negative ids. A temporary block is a blocking
-- request with `blocked_at` set and `unblocked_at` still empty.
CREATE TABLE `data_requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`person_rut` integer NOT NULL,
	`data_right` text NOT NULL,
	`channel` text NOT NULL,
	`identity_check` text NOT NULL,
	`detail` text NOT NULL,
	`state` text NOT NULL,
	`state_reason` text,
	`extension_reason` text,
	`received_at` text NOT NULL,
	`received_date` text NOT NULL,
	`due_date` text NOT NULL,
	`extended_at` text,
	`closed_at` text,
	`blocked_at` text,
	`unblocked_at` text,
	`agent_id` text NOT NULL,
	`interaction_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `data_requests_number` ON `data_requests` (`number`);--> statement-breakpoint
CREATE INDEX `data_requests_person` ON `data_requests` (`person_rut`);--> statement-breakpoint
CREATE INDEX `data_requests_due` ON `data_requests` (`due_date`);--> statement-breakpoint
CREATE INDEX `data_requests_agent_due` ON `data_requests` (`agent_id`,`due_date`);--> statement-breakpoint
-- The desk's exports for access and portability requests (files under <dataDir>/exports/).
-- Desk-only: the files stay on the machine that made them.
CREATE TABLE `data_request_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`request_number` text NOT NULL,
	`person_rut` integer NOT NULL,
	`agent_id` text NOT NULL,
	`created_at` text NOT NULL,
	`html_file` text NOT NULL,
	`json_file` text NOT NULL,
	`html_bytes` integer NOT NULL,
	`json_bytes` integer NOT NULL,
	`rows` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `data_request_exports_request` ON `data_request_exports` (`request_number`);
