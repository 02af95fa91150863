-- Issue 11: a supervisor tells devices apart by the computer's name (the desk sends its host
-- name at each sign-in; devices enrolled before keep none until their next one), and sees that
-- a revoked device learnt of its revocation — and so wiped its replica — and when: the first
-- time it proved its secret after the revocation and was told so. Of a device revoked before
-- this was kept, whether it has been told is not known (revocation_told_known = 0) until it is.
ALTER TABLE devices ADD COLUMN name TEXT;
ALTER TABLE devices ADD COLUMN revocation_told_at TEXT;
ALTER TABLE devices ADD COLUMN revocation_told_known INTEGER NOT NULL DEFAULT 1;
UPDATE devices SET revocation_told_known = 0 WHERE revoked_at IS NOT NULL;
