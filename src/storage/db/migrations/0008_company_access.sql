CREATE TABLE `company_signatories` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_rut` integer NOT NULL,
	`person_rut` integer NOT NULL,
	`kind` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `company_signatories_unique` ON `company_signatories` (`company_rut`,`person_rut`,`kind`);--> statement-breakpoint
CREATE INDEX `company_signatories_person` ON `company_signatories` (`person_rut`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `first_access_used` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `memberships` ADD `agreement_sent_at` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `agreement_signed_at` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `admin_kind` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `appointed_by` integer;--> statement-breakpoint
ALTER TABLE `memberships` ADD `external` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `access_requests_company` ON `access_requests` (`company_rut`,`state`);