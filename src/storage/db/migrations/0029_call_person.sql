-- A call opened for the wrong person may be given the right one while nothing was done in it
-- (interactions.setPerson), audited as `interaction.set_person`. Like the other events of the
-- call itself it is not an action an agent took on someone: the Panel's partial index leaves it
-- out, with the same list as NOT_ACTIONS (dashboard-repository.ts).
DROP INDEX `audit_actions_at`;--> statement-breakpoint
CREATE INDEX `audit_actions_at` ON `audit_events` (`at`,`action`,`agent_id`) WHERE `action` NOT IN ('person.view', 'interaction.open', 'interaction.close', 'interaction.set_reason', 'interaction.set_person', 'session.lock', 'session.unlock', 'session.end');
