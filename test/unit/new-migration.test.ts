/**
 * `npm run db:new`: the next hand-written migration gets the next number and a journal entry the
 * migrator applies after the others; a replica migrated with it (empty) still opens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMigration, MIGRATIONS, nextMigration } from '../../scripts/new-migration.mjs';
import { openDatabase } from '../../src/storage/db/database';
import { tempDir } from '../support/context';

describe('a new migration', () => {
  it('takes the number after the last tag and a later time than any before', () => {
    const journal = {
      entries: [
        {
          idx: 27,
          version: '6',
          when: 1796500031000,
          tag: '0031_persons_moved',
          breakpoints: true,
        },
        {
          idx: 28,
          version: '6',
          when: 1796500032000,
          tag: '0032_contact_changed_by',
          breakpoints: true,
        },
      ],
    };
    expect(nextMigration(journal, 'person_notes')).toEqual({
      tag: '0033_person_notes',
      entry: {
        idx: 29,
        version: '6',
        when: 1796500033000,
        tag: '0033_person_notes',
        breakpoints: true,
      },
    });
  });

  it('refuses a name that is not lowercase words joined by _', () => {
    for (const name of ['Person', 'person notes', '../x', '1x', '']) {
      expect(() => nextMigration({ entries: [] }, name)).toThrow(/minúsculas|lowercase/);
    }
  });

  it('writes the file and the journal entry, and the migrator runs it', () => {
    const folder = path.join(tempDir(), 'migrations');
    fs.cpSync(MIGRATIONS, folder, { recursive: true });
    const file = addMigration(folder, 'drift_probe');
    fs.appendFileSync(file, 'CREATE TABLE drift_probe (id INTEGER PRIMARY KEY);\n');
    const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8'));
    expect(journal.entries.at(-1).tag).toBe(path.basename(file, '.sql'));

    const db = openDatabase({ file: path.join(tempDir(), 'r.db'), migrationsFolder: folder });
    const table = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'drift_probe'")
      .get();
    db.$client.close();
    expect(table).toEqual({ name: 'drift_probe' });
    // The same name again is a new number, never an overwrite.
    expect(path.basename(addMigration(folder, 'drift_probe'))).not.toBe(path.basename(file));
  });
});
