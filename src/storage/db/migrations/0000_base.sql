CREATE TABLE `access_requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_rut` integer NOT NULL,
	`company_rut` integer NOT NULL,
	`capacity` text NOT NULL,
	`state` text NOT NULL,
	`reason` text,
	`requested_at` text NOT NULL,
	`decided_at` text,
	`agreement_signed` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `access_requests_person` ON `access_requests` (`person_rut`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_rut` integer NOT NULL,
	`portal` text NOT NULL,
	`registration_state` text NOT NULL,
	`password_set` integer DEFAULT false NOT NULL,
	`email_verified` integer DEFAULT false NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`registration_blocked` integer DEFAULT false NOT NULL,
	`last_login_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_person_portal` ON `accounts` (`person_rut`,`portal`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`agent_id` text NOT NULL,
	`device_id` text NOT NULL,
	`person_rut` integer,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text,
	`identity_check` text,
	`interaction_id` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_id_unique` ON `audit_events` (`id`);--> statement-breakpoint
CREATE INDEX `audit_person` ON `audit_events` (`person_rut`);--> statement-breakpoint
CREATE TABLE `companies` (
	`rut` integer PRIMARY KEY NOT NULL,
	`dv` text NOT NULL,
	`legal_name` text NOT NULL,
	`adherent` integer DEFAULT false NOT NULL,
	`adherent_since` text,
	`adherent_until` text,
	`portals` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`person_rut` integer,
	`reason` text NOT NULL,
	`outcome` text,
	`notes` text,
	`opened_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE INDEX `interactions_person` ON `interactions` (`person_rut`);--> statement-breakpoint
CREATE TABLE `mails` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_rut` integer NOT NULL,
	`portal` text NOT NULL,
	`kind` text NOT NULL,
	`sent_at` text NOT NULL,
	`outcome` text NOT NULL,
	`to_address` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mails_person_sent` ON `mails` (`person_rut`,`sent_at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_rut` integer NOT NULL,
	`company_rut` integer NOT NULL,
	`role` text NOT NULL,
	`state` text NOT NULL,
	`modules` text DEFAULT '[]' NOT NULL,
	`agreement_signed` integer DEFAULT false NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_person_company` ON `memberships` (`person_rut`,`company_rut`);--> statement-breakpoint
CREATE INDEX `memberships_company_person` ON `memberships` (`company_rut`,`person_rut`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY NOT NULL,
	`action_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_action_id_unique` ON `outbox` (`action_id`);--> statement-breakpoint
CREATE TABLE `persons` (
	`rut` integer PRIMARY KEY NOT NULL,
	`dv` text NOT NULL,
	`given_names` text NOT NULL,
	`last_name1` text NOT NULL,
	`last_name2` text DEFAULT '' NOT NULL,
	`sort_key` text NOT NULL,
	`email` text,
	`phone` text,
	`serial_number` text,
	`is_worker` integer DEFAULT false NOT NULL,
	`is_pensioner` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `persons_email` ON `persons` (`email`);--> statement-breakpoint
CREATE INDEX `persons_phone` ON `persons` (`phone`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
