-- Walk 57: a company's name written as it was heard («constructora los andez», «panaderia la
-- espija») found nothing. As person_sounds (migration 0040) holds the persons' terms with their
-- sound keys, this holds the terms of the companies' names, filled from the company index's own
-- term list and then by the triggers below through name_terms() and name_sound() (registered
-- on every connection). Their names hold no "fts": a bulk load that sets the search triggers
-- aside keeps them, so this table fills with the companies it writes. A term stays when its
-- company is renamed or deleted (companies are few, and renamed seldom): search ORs it with the
-- others, and an index query for a term nobody has finds nobody.
CREATE TABLE `company_sounds` (
	`term` text PRIMARY KEY NOT NULL,
	`sound` text NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `company_sounds_by_sound` ON `company_sounds` (`sound`);
--> statement-breakpoint
CREATE VIRTUAL TABLE temp.`company_fts_rows` USING fts5vocab(main, `company_fts`, 'row');
--> statement-breakpoint
INSERT OR IGNORE INTO `company_sounds` (`term`, `sound`)
SELECT `term`, name_sound(`term`) FROM temp.`company_fts_rows`;
--> statement-breakpoint
DROP TABLE temp.`company_fts_rows`;
--> statement-breakpoint
CREATE TRIGGER `companies_sound_insert` AFTER INSERT ON `companies` BEGIN
  INSERT OR IGNORE INTO `company_sounds` (`term`, `sound`)
  SELECT value, name_sound(value) FROM json_each(name_terms(new.legal_name));
END;
--> statement-breakpoint
CREATE TRIGGER `companies_sound_rename` AFTER UPDATE OF legal_name ON `companies` BEGIN
  INSERT OR IGNORE INTO `company_sounds` (`term`, `sound`)
  SELECT value, name_sound(value) FROM json_each(name_terms(new.legal_name));
END;
