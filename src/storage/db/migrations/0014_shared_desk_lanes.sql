-- Issue 11: a shared desk. Each agent's actions are a lane, sent only with that agent's token
-- (or, re-assigned by a supervisor, with the supervisor's, recorded with the reason).
ALTER TABLE `outbox` ADD `sent_by` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `reassign_reason` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `reassigned_at` text;--> statement-breakpoint
CREATE INDEX `outbox_agent_seq` ON `outbox` (`agent_id`,`seq`);
