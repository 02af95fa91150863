/**
 * Migrations: a replica from every earlier schema version upgrades in place, keeping its rows,
 * and reopening an up-to-date replica changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, sourceMigrationsFolder } from '../../src/main/db/database';
import { createPersonSearchRepository } from '../../src/main/repositories/person-search-repository';
import { tempDir } from '../support/context';

type Journal = { entries: Array<{ idx: number; tag: string }> };
const journal = JSON.parse(
  fs.readFileSync(path.join(sourceMigrationsFolder, 'meta/_journal.json'), 'utf8'),
) as Journal;

/** A copy of the migrations folder that stops after the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const folder = tempDir();
  fs.cpSync(sourceMigrationsFolder, folder, { recursive: true });
  const truncated = { ...journal, entries: journal.entries.slice(0, count) };
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(truncated));
  return folder;
}

describe('migrations', () => {
  it('has more than one version to upgrade from', () => {
    expect(journal.entries.length).toBeGreaterThanOrEqual(2);
  });

  it.each(journal.entries.slice(0, -1).map((entry) => [entry.tag, entry.idx + 1]))(
    'upgrades a replica made at %s without losing rows',
    (_tag, count) => {
      const file = path.join(tempDir(), 'old.db');
      const old = openDatabase({ file, migrationsFolder: migrationsUpTo(count as number) });
      old.$client
        .prepare(
          `INSERT INTO persons (rut, dv, given_names, last_name1, last_name2, sort_key, email)
           VALUES (12345678, '5', 'Pedro Andrés', 'González', 'Muñoz', 'gonzalez munoz pedro andres', 'p@x.cl')`,
        )
        .run();
      old.$client.close();

      const upgraded = openDatabase({ file });
      const applied = upgraded.$client
        .prepare('SELECT count(*) AS n FROM __drizzle_migrations')
        .get() as { n: number };
      expect(applied.n).toBe(journal.entries.length);
      const person = upgraded.$client
        .prepare('SELECT given_names, email FROM persons WHERE rut = 12345678')
        .get();
      expect(person).toEqual({ given_names: 'Pedro Andrés', email: 'p@x.cl' });
      // Rows written before the search index existed are found by it after the upgrade.
      const search = createPersonSearchRepository(upgraded.$client);
      expect(search.byNames(['munoz', 'ped'], 10).map((row) => row.rut)).toEqual([12345678]);
      upgraded.$client.close();
    },
  );

  it('reopens an up-to-date replica without touching its data', () => {
    const file = path.join(tempDir(), 'current.db');
    const first = openDatabase({ file });
    first.$client
      .prepare(
        `INSERT INTO persons (rut, dv, given_names, last_name1, sort_key) VALUES (1, '9', 'Ana', 'Soto', 'soto ana')`,
      )
      .run();
    first.$client.close();
    const again = openDatabase({ file });
    expect(again.$client.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 1 });
    expect(again.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    again.$client.close();
  });

  it('keeps the search index in step with inserts, renames and deletes', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'fts.db') });
    const search = createPersonSearchRepository(db.$client);
    db.$client
      .prepare(
        `INSERT INTO persons (rut, dv, given_names, last_name1, sort_key) VALUES (1, '9', 'Ana', 'Soto', 'soto ana')`,
      )
      .run();
    expect(search.byNames(['soto'], 5).map((row) => row.rut)).toEqual([1]);
    db.$client.prepare(`UPDATE persons SET last_name1 = 'Ñuñez' WHERE rut = 1`).run();
    expect(search.byNames(['soto'], 5)).toEqual([]);
    expect(search.byNames(['nunez'], 5).map((row) => row.rut)).toEqual([1]);
    db.$client.prepare('DELETE FROM persons WHERE rut = 1').run();
    expect(search.byNames(['nunez'], 5)).toEqual([]);
    db.$client.close();
  });
});
