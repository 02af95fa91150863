-- Issue 11 (10 million persons, desk memory bounded). The replica looked persons up by e-mail and
-- by phone, and memberships by company, through secondary indexes. A snapshot sets those aside and
-- builds them at its end with CREATE INDEX, whose sort holds every entry in memory on an
-- encrypted replica (its temporary files would not be encrypted): 10-11 million entries, about
-- 64 bytes each, took the desk to 1.0 GB at 10M persons. Those lookups now read tables of their
-- own, keyed in the order they are read (WITHOUT ROWID: the key is the table), which a snapshot
-- can fill in key-range passes of bounded size (src/main/db/key-tables.ts). Triggers keep them
-- on every write path; a bulk load sets the triggers aside and fills the tables afterwards.
CREATE TABLE `persons_by_email` (
	`email` text NOT NULL,
	`rut` integer NOT NULL,
	PRIMARY KEY (`email`, `rut`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `persons_by_email` (`email`, `rut`)
SELECT `email`, `rut` FROM `persons` WHERE `email` IS NOT NULL ORDER BY `email`, `rut`;
--> statement-breakpoint
CREATE TRIGGER `persons_by_email_insert` AFTER INSERT ON `persons` WHEN new.email IS NOT NULL
BEGIN
  INSERT INTO `persons_by_email` (`email`, `rut`) VALUES (new.email, new.rut);
END;
--> statement-breakpoint
CREATE TRIGGER `persons_by_email_delete` AFTER DELETE ON `persons` WHEN old.email IS NOT NULL
BEGIN
  DELETE FROM `persons_by_email` WHERE `email` = old.email AND `rut` = old.rut;
END;
--> statement-breakpoint
CREATE TRIGGER `persons_by_email_update` AFTER UPDATE OF `email`, `rut` ON `persons`
WHEN old.email IS NOT new.email OR old.rut IS NOT new.rut
BEGIN
  DELETE FROM `persons_by_email` WHERE `email` = old.email AND `rut` = old.rut;
  INSERT INTO `persons_by_email` (`email`, `rut`) SELECT new.email, new.rut
  WHERE new.email IS NOT NULL;
END;
--> statement-breakpoint
CREATE TABLE `persons_by_phone` (
	`phone` text NOT NULL,
	`rut` integer NOT NULL,
	PRIMARY KEY (`phone`, `rut`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `persons_by_phone` (`phone`, `rut`)
SELECT `phone`, `rut` FROM `persons` WHERE `phone` IS NOT NULL ORDER BY `phone`, `rut`;
--> statement-breakpoint
CREATE TRIGGER `persons_by_phone_insert` AFTER INSERT ON `persons` WHEN new.phone IS NOT NULL
BEGIN
  INSERT INTO `persons_by_phone` (`phone`, `rut`) VALUES (new.phone, new.rut);
END;
--> statement-breakpoint
CREATE TRIGGER `persons_by_phone_delete` AFTER DELETE ON `persons` WHEN old.phone IS NOT NULL
BEGIN
  DELETE FROM `persons_by_phone` WHERE `phone` = old.phone AND `rut` = old.rut;
END;
--> statement-breakpoint
CREATE TRIGGER `persons_by_phone_update` AFTER UPDATE OF `phone`, `rut` ON `persons`
WHEN old.phone IS NOT new.phone OR old.rut IS NOT new.rut
BEGIN
  DELETE FROM `persons_by_phone` WHERE `phone` = old.phone AND `rut` = old.rut;
  INSERT INTO `persons_by_phone` (`phone`, `rut`) SELECT new.phone, new.rut
  WHERE new.phone IS NOT NULL;
END;
--> statement-breakpoint
-- A company's members with what its screens, counts and bulk previews read of them; anything
-- else is one seek away in memberships (person_rut, company_rut is unique there).
CREATE TABLE `memberships_by_company` (
	`company_rut` integer NOT NULL,
	`person_rut` integer NOT NULL,
	`role` text NOT NULL,
	`state` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY (`company_rut`, `person_rut`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `memberships_by_company` (`company_rut`, `person_rut`, `role`, `state`, `version`)
SELECT `company_rut`, `person_rut`, `role`, `state`, `version` FROM `memberships`
ORDER BY `company_rut`, `person_rut`;
--> statement-breakpoint
CREATE TRIGGER `memberships_by_company_insert` AFTER INSERT ON `memberships`
BEGIN
  INSERT INTO `memberships_by_company` (`company_rut`, `person_rut`, `role`, `state`, `version`)
  VALUES (new.company_rut, new.person_rut, new.role, new.state, new.version);
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_by_company_delete` AFTER DELETE ON `memberships`
BEGIN
  DELETE FROM `memberships_by_company`
  WHERE `company_rut` = old.company_rut AND `person_rut` = old.person_rut;
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_by_company_update`
AFTER UPDATE OF `company_rut`, `person_rut`, `role`, `state`, `version` ON `memberships`
BEGIN
  DELETE FROM `memberships_by_company`
  WHERE `company_rut` = old.company_rut AND `person_rut` = old.person_rut;
  INSERT INTO `memberships_by_company` (`company_rut`, `person_rut`, `role`, `state`, `version`)
  VALUES (new.company_rut, new.person_rut, new.role, new.state, new.version);
END;
--> statement-breakpoint
DROP INDEX IF EXISTS `persons_email`;
--> statement-breakpoint
DROP INDEX IF EXISTS `persons_phone`;
--> statement-breakpoint
DROP INDEX IF EXISTS `memberships_company_person_state`;
--> statement-breakpoint
DROP INDEX IF EXISTS `memberships_company_role_state`;
--> statement-breakpoint
-- A company's administrators and company users (a handful, listed whole on its record, and the
-- authority of rule 12): an index of those rows alone, small enough to sort in memory.
CREATE INDEX `memberships_company_staff` ON `memberships` (`company_rut`, `role`, `state`)
WHERE `role` IN ('access_admin', 'company_user');
