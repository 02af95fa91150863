-- Whether an interaction is a call or a prevention officer's visit was read from its agent's role
-- at every read (the agents table): an officer later made supervisor had his past visits counted
-- and listed as calls (the Panel, the Llamadas list, a record's, the audit). The kind is now
-- written on the row when it opens (shared/rules/interaction-kind.ts: an officer opens visits),
-- and never changes. Rows already there take it from their agent's role as the old rule did: a
-- visit when that agent is a prevention officer now; a call otherwise, an agent this desk does
-- not know included. The Panel and the lists count visits from their own partial index: a
-- handful of officers' rows, by date, with the agent and the person to filter on; a list of one
-- agent's or one person's calls counts its visits from its own index, which carries the kind.
ALTER TABLE `interactions` ADD `kind` text DEFAULT 'call' NOT NULL CHECK (`kind` IN ('call', 'visit'));
--> statement-breakpoint
UPDATE `interactions` SET `kind` = 'visit' WHERE `agent_id` IN (SELECT `id` FROM `agents` WHERE `role` = 'prevention');
--> statement-breakpoint
CREATE INDEX `interactions_visits` ON `interactions` (`opened_at`,`agent_id`,`person_rut`) WHERE `kind` = 'visit';
--> statement-breakpoint
DROP INDEX `interactions_agent`;
--> statement-breakpoint
CREATE INDEX `interactions_agent` ON `interactions` (`agent_id`,`opened_at`,`kind`);
--> statement-breakpoint
DROP INDEX `interactions_person`;
--> statement-breakpoint
CREATE INDEX `interactions_person` ON `interactions` (`person_rut`,`agent_id`,`opened_at`,`kind`);
