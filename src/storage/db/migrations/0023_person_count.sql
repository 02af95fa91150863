-- Issue 11 (10 million persons): the header's person count rides on every status poll, and was
-- counted again after any write. At 10M persons that count held the desk's thread for about
-- 0.7 s (two stalls of 686 and 799 ms at the end of one initial sync; and after every action,
-- at the next poll). The count is kept instead, by triggers on persons, on through a snapshot
-- (the count so far shows while it loads); a snapshot empties persons with the deletion trigger
-- aside, in one go (src/main/repositories/person-count.ts).
CREATE TABLE `replica_counts` (
	`name` text PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `replica_counts` (`name`, `n`) SELECT 'persons', count(*) FROM `persons`;
--> statement-breakpoint
CREATE TRIGGER `person_count_insert` AFTER INSERT ON `persons` BEGIN
  UPDATE `replica_counts` SET `n` = `n` + 1 WHERE `name` = 'persons';
END;
--> statement-breakpoint
CREATE TRIGGER `person_count_delete` AFTER DELETE ON `persons` BEGIN
  UPDATE `replica_counts` SET `n` = `n` - 1 WHERE `name` = 'persons';
END;
