-- A contact conflict said when the central's mobile changed (0028) but not who changed it, and for
-- an e-mail said nothing at all (no date of its own). The person now carries, for each contact
-- field, when it last changed and who changed it (the agent's name as it was then: a supervisor
-- applying a company's load, a colleague on another desk), set by every write that changes it
-- and synced with the rest of the row. Rows changed before this column existed say nobody.
ALTER TABLE `persons` ADD `email_changed_at` text;
--> statement-breakpoint
ALTER TABLE `persons` ADD `email_changed_by` text;
--> statement-breakpoint
ALTER TABLE `persons` ADD `phone_changed_by` text;
