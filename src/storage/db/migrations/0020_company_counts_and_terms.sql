-- Issue 11 (10 million persons), two things that grew with the replica.
-- 1. Opening a company counted its users (tens of thousands of index entries for a big one) and
-- every company in the search results was counted too. The counts are kept instead, one row per
-- company, by triggers on memberships: every write path keeps them without knowing about it. A
-- bulk load (a snapshot, the demo seed) sets the `company_counts_%` triggers aside with the
-- search ones and rebuilds the rows afterwards (src/main/repositories/company-counts.ts).
CREATE TABLE `company_counts` (
	`company_rut` integer PRIMARY KEY NOT NULL,
	`users` integer NOT NULL,
	`active` integer NOT NULL,
	`admins` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `company_counts` (`company_rut`, `users`, `active`, `admins`)
SELECT `company_rut`, count(*), coalesce(sum(`state` = 'active'), 0),
  coalesce(sum(`role` = 'access_admin' AND `state` = 'active'), 0)
FROM `memberships` WHERE true GROUP BY `company_rut`;
--> statement-breakpoint
CREATE TRIGGER `company_counts_insert` AFTER INSERT ON `memberships` BEGIN
  INSERT INTO `company_counts` (`company_rut`, `users`, `active`, `admins`)
  VALUES (new.company_rut, 1, new.state = 'active', new.role = 'access_admin' AND new.state = 'active')
  ON CONFLICT (`company_rut`) DO UPDATE SET `users` = `users` + 1,
    `active` = `active` + excluded.active, `admins` = `admins` + excluded.admins;
END;
--> statement-breakpoint
CREATE TRIGGER `company_counts_delete` AFTER DELETE ON `memberships` BEGIN
  UPDATE `company_counts` SET `users` = `users` - 1, `active` = `active` - (old.state = 'active'),
    `admins` = `admins` - (old.role = 'access_admin' AND old.state = 'active')
  WHERE `company_rut` = old.company_rut;
END;
--> statement-breakpoint
CREATE TRIGGER `company_counts_update` AFTER UPDATE OF `company_rut`, `role`, `state` ON `memberships`
WHEN old.company_rut IS NOT new.company_rut OR old.role IS NOT new.role OR old.state IS NOT new.state
BEGIN
  UPDATE `company_counts` SET `users` = `users` - 1, `active` = `active` - (old.state = 'active'),
    `admins` = `admins` - (old.role = 'access_admin' AND old.state = 'active')
  WHERE `company_rut` = old.company_rut;
  INSERT INTO `company_counts` (`company_rut`, `users`, `active`, `admins`)
  VALUES (new.company_rut, 1, new.state = 'active', new.role = 'access_admin' AND new.state = 'active')
  ON CONFLICT (`company_rut`) DO UPDATE SET `users` = `users` + 1,
    `active` = `active` + excluded.active, `admins` = `admins` + excluded.admins;
END;
--> statement-breakpoint
-- 2. A name word of four letters or more that no whole term matched was searched as an FTS5
-- prefix, which merges the doclist of every term it covers before the first row («"gonz"*»:
-- every González; a company's words typed in the search box: the same for the persons' index).
-- These read-only views of the two indexes' terms let search list the few terms a prefix covers
-- (a range seek, no doclist read) and ask for them whole: nothing is stored, nothing to keep.
CREATE VIRTUAL TABLE `person_fts_terms` USING fts5vocab(`person_fts`, 'instance');
--> statement-breakpoint
CREATE VIRTUAL TABLE `company_fts_terms` USING fts5vocab(`company_fts`, 'instance');
--> statement-breakpoint
-- 3. A company's record lists its 50 newest access requests: a big company has thousands
-- (1,820 at 10M persons), all read and sorted each time. In date order they stop at the 50th.
CREATE INDEX `access_requests_company_time` ON `access_requests` (`company_rut`,`requested_at`);
