-- Issue 11 (10 million persons): the persons' search terms in a table of their own. Search asks
-- which terms start with a typed word before it queries the index; asked of the index itself
-- (the fts5vocab of migration 0020), a word that is no person's walks the doclist of the term
-- before it (about 1 ms when that is a common surname at 10M persons). Here it is one seek. The
-- triggers add the terms of every name written, through name_terms() (src/main/db/person-terms.ts),
-- and take a term away with the last person who has it: a name that left the replica (a person
-- deleted, renamed, out of an officer's companies) leaves no word behind. Their names hold
-- "fts": a bulk load sets them aside with the search triggers and fills the table itself.
CREATE TABLE `person_terms` (
	`term` text PRIMARY KEY NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
-- Filled from the index's own term list, one row per term (about 6 s at 10M persons, where
-- name_terms_all() over every person took about 20 s of the window's start). A snapshot still
-- being indexed adds the rest as its steps index them (deferred-indexes.ts).
CREATE VIRTUAL TABLE temp.`person_fts_rows` USING fts5vocab(main, `person_fts`, 'row');
--> statement-breakpoint
INSERT OR IGNORE INTO `person_terms` (`term`) SELECT `term` FROM temp.`person_fts_rows`;
--> statement-breakpoint
DROP TABLE temp.`person_fts_rows`;
--> statement-breakpoint
CREATE TRIGGER `persons_fts_terms_insert` AFTER INSERT ON `persons` BEGIN
  INSERT OR IGNORE INTO `person_terms` (`term`)
  SELECT value FROM json_each(name_terms(new.given_names, new.last_name1, new.last_name2));
END;
--> statement-breakpoint
CREATE TRIGGER `persons_fts_terms_update` AFTER UPDATE OF given_names, last_name1, last_name2 ON `persons` BEGIN
  INSERT OR IGNORE INTO `person_terms` (`term`)
  SELECT value FROM json_each(name_terms(new.given_names, new.last_name1, new.last_name2));
END;
--> statement-breakpoint
-- A term leaves when the index holds it for no other person (the index's own trigger may run
-- before or after this one: the person's own row is left out either way).
CREATE TRIGGER `persons_fts_terms_delete` AFTER DELETE ON `persons` BEGIN
  DELETE FROM `person_terms` WHERE `term` IN (
    SELECT t.value FROM json_each(name_terms(old.given_names, old.last_name1, old.last_name2)) t
    WHERE NOT EXISTS (SELECT 1 FROM `person_fts`
      WHERE `person_fts` MATCH '"' || t.value || '"' AND rowid != old.rut));
END;
--> statement-breakpoint
CREATE TRIGGER `persons_fts_terms_rename` AFTER UPDATE OF given_names, last_name1, last_name2 ON `persons` BEGIN
  DELETE FROM `person_terms` WHERE `term` IN (
    SELECT t.value FROM json_each(name_terms(old.given_names, old.last_name1, old.last_name2)) t
    WHERE t.value NOT IN (
        SELECT value FROM json_each(name_terms(new.given_names, new.last_name1, new.last_name2)))
      AND NOT EXISTS (SELECT 1 FROM `person_fts`
        WHERE `person_fts` MATCH '"' || t.value || '"' AND rowid != old.rut));
END;
--> statement-breakpoint
DROP TABLE `person_fts_terms`;
