-- An action the central applied without the mails it asked, because it arrived too late to send
-- them (MAIL_FRESHNESS_MS), keeps the central's word in `result` until someone takes note in
-- Sincronización (services/sync-issues.ts). Every other applied action has none: the index
-- holds only those few rows, and an enqueue (state pending) never writes to it.
CREATE INDEX `outbox_mails_withheld` ON `outbox` (`seq`) WHERE "outbox"."state" = 'applied' AND "outbox"."result" IS NOT NULL;
