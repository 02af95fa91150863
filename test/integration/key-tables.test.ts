/**
 * Key tables (key-tables.ts, migration 0027): persons by e-mail and phone, memberships by company.
 * Filled in key-range passes of bounded size, kept by triggers on every kind of write.
 */
import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../src/storage/db/database';
import {
  fillKeyTable,
  KEY_TABLES,
  restoreKeyTable,
  setKeyTablesAside,
} from '../../src/storage/db/key-tables';

function replica(): Database.Database {
  return openDatabase({ file: ':memory:' }).$client;
}

const insertPerson = (sqlite: Database.Database, rut: number, email: string | null) =>
  sqlite
    .prepare(
      `INSERT INTO persons (rut, dv, given_names, last_name1, sort_key, email, phone)
       VALUES (?, '0', 'Ana', 'Muñoz', 'munoz ana', ?, ?)`,
    )
    .run(rut, email, rut % 3 === 0 ? null : `+5691${String(rut % 10_000_000).padStart(7, '0')}`);

/**
 * Each key table's rows as a scan gives them (no ORDER BY: a WITHOUT ROWID table is read in its
 * key's order, which is what this checks), against its source's rows sorted by that key.
 */
function compare(sqlite: Database.Database) {
  return KEY_TABLES.map((table) => {
    const columns = table.columns.join(', ');
    const order = table.key.join(', ');
    return {
      held: sqlite.prepare(`SELECT ${columns} FROM ${table.name}`).raw().all(),
      source: sqlite
        .prepare(`SELECT ${columns} FROM ${table.source} WHERE ${table.holds} ORDER BY ${order}`)
        .raw()
        .all(),
    };
  });
}

function fill(sqlite: Database.Database, persons: number) {
  const companies = [76_000_001, 76_000_002, 76_000_003];
  for (const rut of companies) {
    sqlite
      .prepare(`INSERT INTO companies (rut, dv, legal_name) VALUES (?, '0', 'Empresa')`)
      .run(rut);
  }
  const membership = sqlite.prepare(
    `INSERT INTO memberships (person_rut, company_rut, role, state, started_at)
     VALUES (?, ?, ?, 'active', '2024-01-01')`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < persons; i++) {
      // RUTs out of e-mail order, some without an e-mail, two persons sharing one.
      const rut = 10_000_000 + ((i * 7919) % persons);
      insertPerson(sqlite, rut, i % 5 === 0 ? null : `p${(i * 31) % persons}@example.cl`);
      membership.run(rut, companies[i % 3], i % 50 === 0 ? 'access_admin' : 'worker');
      if (i % 4 === 0) membership.run(rut, companies[(i + 1) % 3], 'worker');
    }
    insertPerson(sqlite, 9_999_999, 'p1@example.cl');
  })();
}

describe('key tables', () => {
  it('are kept by their triggers through inserts, updates, upserts and deletes', () => {
    const sqlite = replica();
    fill(sqlite, 300);
    sqlite.prepare("UPDATE persons SET email = 'otro@example.cl' WHERE rut % 7 = 0").run();
    sqlite.prepare('UPDATE persons SET email = NULL WHERE rut % 11 = 0').run();
    sqlite.prepare("UPDATE persons SET phone = '+56911111111' WHERE rut % 13 = 0").run();
    sqlite
      .prepare("UPDATE memberships SET state = 'disabled', version = version + 1 WHERE id % 3 = 0")
      .run();
    sqlite
      .prepare(
        'UPDATE memberships SET company_rut = 76000003 WHERE id % 17 = 0 AND company_rut = 76000001 AND person_rut NOT IN (SELECT person_rut FROM memberships WHERE company_rut = 76000003)',
      )
      .run();
    sqlite
      .prepare(
        `INSERT INTO persons (rut, dv, given_names, last_name1, sort_key, email)
         VALUES (10000001, '0', 'Ana', 'Muñoz', 'munoz ana', 'upsert@example.cl')
         ON CONFLICT (rut) DO UPDATE SET email = excluded.email`,
      )
      .run();
    sqlite.prepare('DELETE FROM memberships WHERE id % 5 = 0').run();
    sqlite
      .prepare(
        'DELETE FROM persons WHERE rut % 9 = 0 AND rut NOT IN (SELECT person_rut FROM memberships)',
      )
      .run();
    for (const { held, source } of compare(sqlite)) {
      expect(held.length).toBeGreaterThan(0);
      expect(held).toEqual(source);
    }
  });

  it('are filled in passes of bounded size, in key order, with every row once', () => {
    const sqlite = replica();
    fill(sqlite, 2_000);
    const aside = setKeyTablesAside(sqlite, ['persons', 'memberships']);
    expect(aside.map((table) => table.name)).toEqual(KEY_TABLES.map((table) => table.name));
    for (const table of KEY_TABLES) {
      expect(sqlite.prepare(`SELECT count(*) FROM ${table.name}`).pluck().get()).toBe(0);
    }
    // Aside, they miss what is written meanwhile; filled, they have it.
    insertPerson(sqlite, 20_000_000, 'tarde@example.cl');
    // Passes of 100 rows: a dozen or more per table, the last open-ended.
    for (const table of aside) restoreKeyTable(sqlite, table, 100);
    for (const { held, source } of compare(sqlite)) expect(held).toEqual(source);
    // Already back: a second restore changes nothing, and the triggers work again.
    restoreKeyTable(sqlite, aside[0]!, 100);
    insertPerson(sqlite, 20_000_001, 'despues@example.cl');
    for (const { held, source } of compare(sqlite)) expect(held).toEqual(source);
  });

  it('fills an empty source, and a source smaller than one pass, in one pass', () => {
    const sqlite = replica();
    for (const table of KEY_TABLES) fillKeyTable(sqlite, table, 100);
    for (const { held } of compare(sqlite)) expect(held).toEqual([]);
    fill(sqlite, 30);
    for (const table of KEY_TABLES) sqlite.exec(`DELETE FROM ${table.name}`);
    for (const table of KEY_TABLES) fillKeyTable(sqlite, table);
    for (const { held, source } of compare(sqlite)) expect(held).toEqual(source);
  });
});
