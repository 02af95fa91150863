-- Walk 56b (M3): a name written as it was heard («fransisca silba») found nobody. Each term of
-- the persons' names is kept here again with its sound key (name_sound(), shared/name-sound.ts,
-- registered on every connection beside name_terms()): search asks for the terms that sound
-- like a typed word when the words as written find nobody (search-sql.ts). It follows
-- person_terms through the triggers below (not named "fts": a bulk load that fills person_terms
-- itself keeps them, so this table fills with it). A row is found by its term, never by
-- recomputing its key: a later change of the rules (which needs a migration that fills this
-- table again) leaves no row behind.
CREATE TABLE `person_sounds` (
	`term` text PRIMARY KEY NOT NULL,
	`sound` text NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `person_sounds_by_sound` ON `person_sounds` (`sound`);
--> statement-breakpoint
INSERT INTO `person_sounds` (`term`, `sound`) SELECT `term`, name_sound(`term`) FROM `person_terms`;
--> statement-breakpoint
CREATE TRIGGER `person_terms_sound_insert` AFTER INSERT ON `person_terms` BEGIN
  INSERT OR IGNORE INTO `person_sounds` (`term`, `sound`) VALUES (new.term, name_sound(new.term));
END;
--> statement-breakpoint
CREATE TRIGGER `person_terms_sound_delete` AFTER DELETE ON `person_terms` BEGIN
  DELETE FROM `person_sounds` WHERE `term` = old.term;
END;
