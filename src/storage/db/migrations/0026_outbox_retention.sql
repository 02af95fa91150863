-- The outbox kept every action the desk ever took, confirmed ones too: the file grew without
-- end, and each confirmed action's payload (the new e-mail or phone, the reason) stayed on the
-- laptop long after the central had it. A confirmed action now leaves a while after the central
-- answered it and the action after it (sync/outbox-retention.ts): `answered_at` says when the
-- central answered each. The actions answered before this column existed count from now: they
-- are kept as long again.
ALTER TABLE `outbox` ADD `answered_at` text;
--> statement-breakpoint
UPDATE `outbox` SET `answered_at` = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE `state` != 'pending';
