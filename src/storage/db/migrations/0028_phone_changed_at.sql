-- A mobile changed in the last 24 hours proves nothing of who a caller is (policy
-- PHONE_PROOF_AFTER_CHANGE_MS): one call could change it and read it back. The desk knew only of
-- the changes made on it (its audit); a change made on another desk, or by the central API,
-- reached it as a new number with no date. The person now carries when its mobile last changed,
-- set by every write that changes it and synced with the rest of the row. A desk's own changes
-- recorded before this column existed are taken from its audit.
ALTER TABLE `persons` ADD `phone_changed_at` text;
--> statement-breakpoint
UPDATE `persons` SET `phone_changed_at` = (
  SELECT max(`at`) FROM `audit_events`
  WHERE `person_rut` = `persons`.`rut` AND `action` = 'person.update_contact'
    AND json_extract(`before`, '$.phone') IS NOT json_extract(`after`, '$.phone')
) WHERE `rut` IN (
  SELECT `person_rut` FROM `audit_events` WHERE `action` = 'person.update_contact'
);
