-- Issue 11 (10 million persons): the persons' search terms in a table of their own. Search asks
-- which terms start with a typed word before it queries the index; asked of the index itself
-- (the fts5vocab of migration 0020), a word that is no person's walks the doclist of the term
-- before it (about 1 ms when that is a common surname at 10M persons). Here it is one seek. The
-- table may hold terms no person has any longer (deleting touches nothing); the triggers add the
-- terms of every name written, through name_terms() (src/main/db/person-terms.ts). Their names
-- hold "fts": a bulk load sets them aside with the search triggers and fills the table itself.
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
DROP TABLE `person_fts_terms`;
