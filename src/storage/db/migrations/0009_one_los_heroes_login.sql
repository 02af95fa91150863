-- One Los Héroes login (seed 002: Portal Héroes, Portal Empresas and the APP LH share one user
-- and password). Until now a person could hold a `portal_heroes` and a `portal_empresas` account,
-- each with its own lock. They become ONE login, kept as the `portal_heroes` row; the company
-- profiles live on the memberships. Nothing is lost: the merged row keeps the most advanced
-- registration, any password, the longest lock and the most failed attempts, the latest login;
-- mails keep the portal they came from. Deterministic, so the central API and every desk that
-- run it reach the same rows.
UPDATE `accounts` AS h SET
  `registration_state` = CASE
    WHEN 'active' IN (h.`registration_state`, e.`registration_state`) THEN 'active'
    WHEN 'pending_activation' IN (h.`registration_state`, e.`registration_state`) THEN 'pending_activation'
    ELSE 'not_registered' END,
  `password_set` = max(h.`password_set`, e.`password_set`),
  `email_verified` = max(h.`email_verified`, e.`email_verified`),
  `failed_attempts` = max(h.`failed_attempts`, e.`failed_attempts`),
  `locked_until` = CASE
    WHEN h.`locked_until` IS NULL THEN e.`locked_until`
    WHEN e.`locked_until` IS NULL THEN h.`locked_until`
    ELSE max(h.`locked_until`, e.`locked_until`) END,
  `registration_blocked` = max(h.`registration_blocked`, e.`registration_blocked`),
  `first_access_used` = max(h.`first_access_used`, e.`password_set`, e.`last_login_at` IS NOT NULL),
  `last_login_at` = CASE
    WHEN h.`last_login_at` IS NULL THEN e.`last_login_at`
    WHEN e.`last_login_at` IS NULL THEN h.`last_login_at`
    ELSE max(h.`last_login_at`, e.`last_login_at`) END,
  `version` = max(h.`version`, e.`version`) + 1
FROM `accounts` AS e
WHERE e.`person_rut` = h.`person_rut` AND h.`portal` = 'portal_heroes' AND e.`portal` = 'portal_empresas';
--> statement-breakpoint
DELETE FROM `accounts` WHERE `portal` = 'portal_empresas' AND `person_rut` IN (
  SELECT `person_rut` FROM `accounts` WHERE `portal` = 'portal_heroes'
);
--> statement-breakpoint
-- A company administrator with no affiliate account: the Portal Empresas account IS the login.
UPDATE `accounts` SET
  `portal` = 'portal_heroes',
  `first_access_used` = max(`password_set`, `last_login_at` IS NOT NULL),
  `version` = `version` + 1
WHERE `portal` = 'portal_empresas';
