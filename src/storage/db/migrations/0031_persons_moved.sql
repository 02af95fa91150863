-- People arriving on the desk or leaving it (an officer's company given or taken, a person
-- joining or leaving one of his companies, a dismissal pulled) must make the open record read
-- again. The desk followed the person count, which stays equal when one person leaves and
-- another arrives in the same pull. A second counter, `persons_moved`, only ever grows: each
-- person inserted or deleted adds one, by the count's own triggers (one statement each).
INSERT INTO `replica_counts` (`name`, `n`) VALUES ('persons_moved', 0);
--> statement-breakpoint
DROP TRIGGER `person_count_insert`;
--> statement-breakpoint
CREATE TRIGGER `person_count_insert` AFTER INSERT ON `persons` BEGIN
  UPDATE `replica_counts` SET `n` = `n` + 1 WHERE `name` IN ('persons', 'persons_moved');
END;
--> statement-breakpoint
DROP TRIGGER `person_count_delete`;
--> statement-breakpoint
CREATE TRIGGER `person_count_delete` AFTER DELETE ON `persons` BEGIN
  UPDATE `replica_counts` SET `n` = `n` + (CASE `name` WHEN 'persons' THEN -1 ELSE 1 END)
  WHERE `name` IN ('persons', 'persons_moved');
END;
