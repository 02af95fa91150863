ALTER TABLE `mails` ADD `action_id` text;--> statement-breakpoint
CREATE INDEX `mails_action` ON `mails` (`action_id`);