ALTER TABLE `outbox` ADD `agent_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `result` text;--> statement-breakpoint
CREATE INDEX `outbox_state` ON `outbox` (`state`,`seq`);