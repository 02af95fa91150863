-- Sign-ins, sign-outs and refused sign-ins are audited (services/session-audit.ts): who could
-- see personal data on this desk, and when. They are not actions on someone's account: the
-- Panel's partial index leaves them out, with the same list as NOT_ACTIONS
-- (audit-action-kinds.ts).
DROP INDEX `audit_actions_at`;--> statement-breakpoint
CREATE INDEX `audit_actions_at` ON `audit_events` (`at`,`action`,`agent_id`) WHERE `action` NOT IN ('person.view', 'interaction.open', 'interaction.close', 'interaction.set_reason', 'interaction.set_person', 'interaction.set_caller', 'session.lock', 'session.unlock', 'session.end', 'session.sign_in', 'session.sign_out', 'session.sign_in_refused');
