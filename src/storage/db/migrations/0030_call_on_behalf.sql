-- Someone may call for the person (a relative, a carer): the call records who and how they are
-- related (interactions.setCaller), and the desk then takes only what seed 000's «el acceso es
-- personal» allows (shared/policy.ts allowedOnBehalf). The change is audited as
-- `interaction.set_caller`, an event of the call itself: the Panel's partial index leaves it
-- out, with the same list as NOT_ACTIONS (dashboard-repository.ts).
ALTER TABLE `interactions` ADD `on_behalf_name` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `on_behalf_relation` text;--> statement-breakpoint
DROP INDEX `audit_actions_at`;--> statement-breakpoint
CREATE INDEX `audit_actions_at` ON `audit_events` (`at`,`action`,`agent_id`) WHERE `action` NOT IN ('person.view', 'interaction.open', 'interaction.close', 'interaction.set_reason', 'interaction.set_person', 'interaction.set_caller', 'session.lock', 'session.unlock', 'session.end');
