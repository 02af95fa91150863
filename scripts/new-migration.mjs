// `npm run db:new -- <name>`: a new, empty migration for the replica, written by hand. drizzle-kit
// is not used: its snapshots stopped at 0009, and every migration since is SQL written for the
// data already in the field (a table rebuilt in place, a back-fill, triggers). This makes the
// numbered file with a header to fill in, and its entry in meta/_journal.json, which is what
// drizzle-orm's migrator reads; test/integration/schema-drift.test.ts then checks that
// src/storage/db/schema.ts says the same as the migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MIGRATIONS = path.join(root, 'src/storage/db/migrations');

/**
 * The next migration after `journal`'s last: its tag (`0033_some_name`) and its journal entry.
 * The migrator applies what comes after the newest `when` it has applied, so `when` only grows.
 */
export function nextMigration(journal, name) {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new Error(`«${name}»: use lowercase letters, digits and _ (e.g. person_notes)`);
  }
  const last = journal.entries.at(-1);
  const idx = last ? last.idx + 1 : 0;
  const tag = `${String(Number(last?.tag.slice(0, 4) ?? -1) + 1).padStart(4, '0')}_${name}`;
  const when = (last?.when ?? 0) + 1000;
  return { tag, entry: { idx, version: '6', when, tag, breakpoints: true } };
}

/** Writes the migration's file and its journal entry into `folder`; returns the file's path. */
export function addMigration(folder, name) {
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
  const { tag, entry } = nextMigration(journal, name);
  const file = path.join(folder, `${tag}.sql`);
  fs.writeFileSync(
    file,
    `-- What this migration changes, and why; what it does to the rows already there.\n` +
      `-- Between two statements goes drizzle's breakpoint line, as in 0031_persons_moved.sql.\n`,
    { flag: 'wx' },
  );
  journal.entries.push(entry);
  fs.writeFileSync(journalFile, `${JSON.stringify(journal, null, 2)}\n`);
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const name = process.argv[2];
  if (!name) {
    console.error('Uso: npm run db:new -- <nombre_en_minúsculas>');
    process.exit(2);
  }
  try {
    console.log(path.relative(root, addMigration(MIGRATIONS, name)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
