-- The outbox kept every action the desk ever took, confirmed ones too: the file grew without
-- end, and each confirmed action's payload (the new e-mail or phone, the reason) stayed on the
-- laptop long after the central had it. A confirmed action is now kept for a while after the
-- central confirmed it (sync/outbox-retention.ts), and `applied_at` says when that was. The
-- actions confirmed before this column existed count from now: they are kept as long again.
ALTER TABLE `outbox` ADD `applied_at` text;
--> statement-breakpoint
UPDATE `outbox` SET `applied_at` = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE `state` = 'applied';
