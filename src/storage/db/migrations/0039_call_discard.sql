-- A call or visit opened by mistake may be discarded by its agent while nothing is done in it,
-- in its first minutes (interactions.discard): its row goes, and the audit keeps that it was
-- opened and discarded (`interaction.discard`), an event of the call itself that the Panel's
-- partial index leaves out, with the same list as NOT_ACTIONS (audit-action-kinds.ts).
DROP INDEX `audit_actions_at`;--> statement-breakpoint
CREATE INDEX `audit_actions_at` ON `audit_events` (`at`,`action`,`agent_id`) WHERE `action` NOT IN ('person.view', 'interaction.open', 'interaction.close', 'interaction.set_reason', 'interaction.set_person', 'interaction.set_caller', 'interaction.discard', 'session.lock', 'session.unlock', 'session.end', 'session.sign_in', 'session.sign_out', 'session.sign_in_refused');
