-- Audit chain anchoring (issue 10): the heads of this device's audit chain as the central API
-- anchored them, so verifying the chain catches a file rewritten and rehashed after them.
CREATE TABLE `audit_anchors` (
	`seq` integer PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`anchored_at` text NOT NULL,
	`received_at` text NOT NULL
);
