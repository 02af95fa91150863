-- Server-only tables of the central API. The entity tables (persons, accounts, …) come from the
-- replica's own migrations, so rows travel with identical column names.

-- One value per key; `epoch` is the dataset's incarnation (replaced after restoring a backup).
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every change to a replicated row, in commit order: written in the same transaction as the
-- change itself, and SQLite has a single writer, so a reader never sees a seq below one it
-- already saw commit later. `person_rut` / `company_rut` let a pull filter by scope.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  key INTEGER NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  person_rut INTEGER,
  company_rut INTEGER,
  at TEXT NOT NULL
);

-- Per device: the highest outbox id processed (applied, conflict or rejected: all terminal).
CREATE TABLE device_state (
  device_id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  last_processed INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);

-- The stored answer to every processed mutation, returned again (duplicate) on a retry.
CREATE TABLE mutation_results (
  device_id TEXT NOT NULL,
  mutation_id INTEGER NOT NULL,
  action_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected')),
  result TEXT NOT NULL,
  processed_at TEXT NOT NULL,
  PRIMARY KEY (device_id, mutation_id)
);
CREATE INDEX mutation_results_action ON mutation_results (action_id);

-- Bearer tokens, stored only as sha256 of the token.
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  agent_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX tokens_expires ON tokens (expires_at);

-- Transactional outbox of mails: one job per mail row created by a mutation, so a retried push
-- never sends twice.
CREATE TABLE mail_jobs (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL,
  mutation_id INTEGER NOT NULL,
  mail_id INTEGER NOT NULL UNIQUE,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (device_id, mutation_id, mail_id)
);
CREATE INDEX mail_jobs_due ON mail_jobs (state, next_attempt_at);
