-- Full-text indexes for instant search. External content: the text lives once, in the base
-- tables; triggers keep the index in step. unicode61 with remove_diacritics 2 folds every Latin
-- accent (Muñoz = munoz); prefix indexes make short typed prefixes cheap.
CREATE VIRTUAL TABLE `person_fts` USING fts5(
  `given_names`, `last_name1`, `last_name2`,
  content='persons', content_rowid='rut',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
--> statement-breakpoint
CREATE TRIGGER `persons_fts_insert` AFTER INSERT ON `persons` BEGIN
  INSERT INTO `person_fts`(rowid, given_names, last_name1, last_name2)
  VALUES (new.rut, new.given_names, new.last_name1, new.last_name2);
END;
--> statement-breakpoint
CREATE TRIGGER `persons_fts_delete` AFTER DELETE ON `persons` BEGIN
  INSERT INTO `person_fts`(`person_fts`, rowid, given_names, last_name1, last_name2)
  VALUES ('delete', old.rut, old.given_names, old.last_name1, old.last_name2);
END;
--> statement-breakpoint
CREATE TRIGGER `persons_fts_update` AFTER UPDATE OF given_names, last_name1, last_name2 ON `persons` BEGIN
  INSERT INTO `person_fts`(`person_fts`, rowid, given_names, last_name1, last_name2)
  VALUES ('delete', old.rut, old.given_names, old.last_name1, old.last_name2);
  INSERT INTO `person_fts`(rowid, given_names, last_name1, last_name2)
  VALUES (new.rut, new.given_names, new.last_name1, new.last_name2);
END;
--> statement-breakpoint
INSERT INTO `person_fts`(`person_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `company_fts` USING fts5(
  `legal_name`,
  content='companies', content_rowid='rut',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
--> statement-breakpoint
CREATE TRIGGER `companies_fts_insert` AFTER INSERT ON `companies` BEGIN
  INSERT INTO `company_fts`(rowid, legal_name) VALUES (new.rut, new.legal_name);
END;
--> statement-breakpoint
CREATE TRIGGER `companies_fts_delete` AFTER DELETE ON `companies` BEGIN
  INSERT INTO `company_fts`(`company_fts`, rowid, legal_name) VALUES ('delete', old.rut, old.legal_name);
END;
--> statement-breakpoint
CREATE TRIGGER `companies_fts_update` AFTER UPDATE OF legal_name ON `companies` BEGIN
  INSERT INTO `company_fts`(`company_fts`, rowid, legal_name) VALUES ('delete', old.rut, old.legal_name);
  INSERT INTO `company_fts`(rowid, legal_name) VALUES (new.rut, new.legal_name);
END;
--> statement-breakpoint
INSERT INTO `company_fts`(`company_fts`) VALUES ('rebuild');
