-- Two reads of the agent's calls ran on every record view and every action, and both walked the
-- whole of the agent's calls, newest first, with (agent_id, opened_at) the only index to use:
-- - the call in progress (the one an action or a view is recorded under), looking for a call
--   not closed, of which there is at most one;
-- - the record's list of the agent's last calls with this person.
-- An agent with 12,500 calls (half a year of a shift) took 12.5 ms to open a record instead of
-- 0.9 ms, and every action answered as late. The open calls get an index of their own (one row
-- per agent at most), and the person's calls are read by person, agent and date; a supervisor's
-- list (any agent) reads the person's calls only.
CREATE INDEX `interactions_open` ON `interactions` (`agent_id`,`opened_at`) WHERE `closed_at` IS NULL;
--> statement-breakpoint
DROP INDEX IF EXISTS `interactions_person`;
--> statement-breakpoint
CREATE INDEX `interactions_person` ON `interactions` (`person_rut`,`agent_id`,`opened_at`);
