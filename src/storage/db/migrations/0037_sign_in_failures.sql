-- Failed sign-ins this desk decided itself (offline, or with no central API), so that guessing
-- a password on a laptop away from the network is limited as it is online (5 per user in 15
-- minutes: shared/rules/sign-in-limit.ts). Kept in the replica, so restarting the app does not
-- reset the count; desk-only (never synced); rows older than the window are removed as they go.
CREATE TABLE `sign_in_failures` (
	`username` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_user` ON `sign_in_failures` (`username`,`at`);
