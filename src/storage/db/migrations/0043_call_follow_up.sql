-- A call or visit closed as «Derivado» or «Volver a contactar» waits in Llamadas, «Por atender»,
-- until its agent or a supervisor says it was attended to (interactions.followUp, rules in
-- shared/rules/follow-up.ts): when, by whom, and a note of what was done. The queue begins here:
-- those closed before it are not put in it (months of them would bury the one that waits; their
-- notes said what was pending then), so they leave it at once — `follow_up_at` their close, and no
-- `follow_up_by`, since nobody said they were attended to. The list of those waiting reads its
-- own partial index (its WHERE is awaitsFollowUpSql(), exactly). The one agent's calls carry their
-- outcome too, so «Resultado» with one agent is read from that index alone. Saying a call was
-- attended to is audited as `interaction.follow_up`, an event of the call itself, not an action on
-- anyone's account: the Panel's partial index of actions leaves it out with the others
-- (NOT_ACTIONS).
ALTER TABLE `interactions` ADD `follow_up_at` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `follow_up_by` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `follow_up_note` text;--> statement-breakpoint
UPDATE `interactions` SET `follow_up_at` = `closed_at` WHERE outcome IN ('escalated', 'callback');--> statement-breakpoint
CREATE INDEX `interactions_awaiting` ON `interactions` (`opened_at`,`agent_id`) WHERE outcome IN ('escalated', 'callback') AND follow_up_at IS NULL;--> statement-breakpoint
DROP INDEX `interactions_agent`;--> statement-breakpoint
CREATE INDEX `interactions_agent` ON `interactions` (`agent_id`,`opened_at`,`kind`,`outcome`);--> statement-breakpoint
DROP INDEX `audit_actions_at`;--> statement-breakpoint
CREATE INDEX `audit_actions_at` ON `audit_events` (`at`,`action`,`agent_id`,instr(ifnull(`after`, ''), '"batchId":"')) WHERE `action` NOT IN ('person.view', 'interaction.open', 'interaction.close', 'interaction.set_reason', 'interaction.set_person', 'interaction.set_caller', 'interaction.discard', 'interaction.follow_up', 'session.lock', 'session.unlock', 'session.end', 'session.sign_in', 'session.sign_out', 'session.sign_in_refused') AND (action = 'sync.resolve' OR instr(ifnull(after, ''), '"batchId":"') = 0);
