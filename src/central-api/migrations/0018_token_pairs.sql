-- Issue 11 (sign-out): the two tokens of one sign-in or rotation share a pair id (the hash of its
-- refresh token). A sign-out ends its own pair and the agent's older tokens on that device;
-- telling "older" by created_at alone also ended a newer sign-in made in the same millisecond (or
-- under a test's fixed clock). Rows from before this migration keep a NULL pair: they are all
-- older than any new sign-in.
ALTER TABLE tokens ADD COLUMN pair TEXT;
