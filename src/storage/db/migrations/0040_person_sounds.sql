-- Walk 56b (M3): a name written as it was heard («fransisca silba») found nobody. Each term of
-- the persons' names is kept here again under its sound key (name_sound(), shared/name-sound.ts,
-- registered on every connection beside name_terms): search asks it for the terms that sound
-- like a typed word when the words as written find nobody (search-sql.ts). It follows
-- person_terms through the triggers below (not named "fts": a bulk load that fills person_terms
-- itself keeps them, so this table fills with it).
CREATE TABLE `person_sounds` (
	`sound` text NOT NULL,
	`term` text NOT NULL,
	PRIMARY KEY(`sound`, `term`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `person_sounds` (`sound`, `term`) SELECT name_sound(`term`), `term` FROM `person_terms`;
--> statement-breakpoint
CREATE TRIGGER `person_terms_sound_insert` AFTER INSERT ON `person_terms` BEGIN
  INSERT OR IGNORE INTO `person_sounds` (`sound`, `term`) VALUES (name_sound(new.term), new.term);
END;
--> statement-breakpoint
CREATE TRIGGER `person_terms_sound_delete` AFTER DELETE ON `person_terms` BEGIN
  DELETE FROM `person_sounds` WHERE `sound` = name_sound(old.term) AND `term` = old.term;
END;
