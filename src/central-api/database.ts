/**
 * The central database: the replica's entity schema and migrations (openDatabase), plus the
 * server-only tables of `migrations/` applied by a small ordered runner with its own bookkeeping
 * table. A brand-new data folder receives the demo dataset; an existing one is only upgraded.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../storage/db/database';
import { createDemoDatabase } from '../storage/seed/seed-database';

export const CENTRAL_DATABASE_FILE = 'central.db';
export const DEFAULT_DEMO_PERSONS = 20_000;

/** Server-only migrations, applied in file-name order after the entity migrations. */
export const centralMigrationsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

const MIGRATIONS_TABLE = '__central_migrations';

export type CentralDatabaseOptions = {
  dataDir: string;
  /** Persons of the demo dataset for a brand-new folder; 0 leaves it empty. */
  demoPersons: number;
  now: Date;
  /** Replace the epoch: run after restoring a backup, so every device resyncs. */
  resetEpoch: boolean;
  migrationsFolder?: string;
};

export type CentralDatabase = { db: Db; epoch: string; file: string; created: boolean };

export function openCentralDatabase(options: CentralDatabaseOptions): CentralDatabase {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, CENTRAL_DATABASE_FILE);
  const created = !fs.existsSync(file);
  if (created && options.demoPersons > 0) {
    createDemoDatabase({ file, persons: options.demoPersons, now: options.now });
  }
  const db = openDatabase({ file });
  try {
    // The central database is the system of record: every commit reaches the disk.
    db.$client.pragma('synchronous = FULL');
    applyCentralMigrations(db, options.migrationsFolder ?? centralMigrationsFolder);
    const epoch = ensureEpoch(db, options.resetEpoch);
    return { db, epoch, file, created };
  } catch (error) {
    db.$client.close();
    throw error;
  }
}

/** Applies every `*.sql` of `folder` not yet recorded, each in its own transaction. */
export function applyCentralMigrations(db: Db, folder: string): string[] {
  const sqlite = db.$client;
  sqlite.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (sqlite.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).all() as Array<{ name: string }>).map(
      (row) => row.name,
    ),
  );
  const record = sqlite.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)`);
  const pending = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.sql') && !applied.has(name))
    .sort();
  for (const name of pending) {
    const statements = fs.readFileSync(path.join(folder, name), 'utf8');
    sqlite.transaction(() => {
      sqlite.exec(statements);
      record.run(name, new Date().toISOString());
    })();
  }
  return pending;
}

function ensureEpoch(db: Db, reset: boolean): string {
  const sqlite = db.$client;
  const current = sqlite.prepare("SELECT value FROM meta WHERE key = 'epoch'").get() as
    { value: string } | undefined;
  if (current && !reset) return current.value;
  const epoch = randomUUID();
  sqlite
    .prepare(
      "INSERT INTO meta (key, value) VALUES ('epoch', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .run(epoch);
  return epoch;
}
