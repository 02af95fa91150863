-- The supervisor's Panel (issue 10): every chart reads one date range of calls or audit events,
-- so each gets an index that answers it without touching the table. Calls: by opening time,
-- carrying reason and outcome (also the Llamadas list's newest-first order and its date filter).
-- Audit: the actions agents took (not record views, calls or screen locks), and the record views
-- that showed a diagnosis (their `after` holds the causes shown).
CREATE INDEX `interactions_opened` ON `interactions` (`opened_at`,`reason`,`outcome`);
--> statement-breakpoint
CREATE INDEX `audit_actions_at` ON `audit_events` (`at`,`action`,`agent_id`) WHERE `action` NOT IN ('person.view', 'interaction.open', 'interaction.close', 'interaction.set_reason', 'session.lock', 'session.unlock', 'session.end');
--> statement-breakpoint
CREATE INDEX `audit_diagnosis_at` ON `audit_events` (`at`,`person_rut`,`after`) WHERE `action` = 'person.view' AND `after` IS NOT NULL;
