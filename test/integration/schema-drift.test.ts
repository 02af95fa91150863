/**
 * The migrations since 0010 are written by hand (drizzle-kit's snapshots stop at 0009), so
 * nothing generates `schema.ts` from them or them from it. This keeps the two telling the same
 * story: every table drizzle queries exists in a freshly migrated replica with exactly the
 * columns drizzle names, each as nullable, typed, and keyed as drizzle believes.
 */
import path from 'node:path';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db/database';
import * as schema from '../../src/storage/db/schema';
import { tempDir } from '../support/context';

type Column = { name: string; type: string; notnull: number; pk: number };

const tables = (Object.values(schema) as unknown[])
  .filter((value): value is SQLiteTable => value instanceof SQLiteTable)
  .map((table) => getTableConfig(table));

const db = openDatabase({ file: path.join(tempDir(), 'drift.db') });
const columnsOf = (table: string) =>
  db.$client
    .prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)')
    .all(table) as Column[];

describe('schema.ts against the migrations', () => {
  it('declares the tables the desk queries through drizzle', () => {
    expect(tables.length).toBeGreaterThan(15);
  });

  it.each(tables.map((table) => [table.name, table] as const))(
    '%s has the columns schema.ts names, typed and keyed alike',
    (name, table) => {
      const actual = columnsOf(name);
      expect(actual.length, `${name} is missing from the migrated replica`).toBeGreaterThan(0);
      const declared = table.columns.map((column) => ({
        name: column.name,
        type: column.getSQLType().toUpperCase(),
        notnull: column.notNull,
      }));
      const found = actual.map((column) => ({
        name: column.name,
        type: column.type.toUpperCase(),
        notnull: column.notnull === 1 || column.pk > 0,
      }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(found.sort(byName)).toEqual(declared.sort(byName));

      // The primary key: a column's own, or the table's composite one.
      const declaredKey = [
        ...table.columns.filter((column) => column.primary).map((column) => column.name),
        ...table.primaryKeys.flatMap((key) => key.columns.map((column) => column.name)),
      ].sort();
      const foundKey = actual
        .filter((column) => column.pk > 0)
        .map((column) => column.name)
        .sort();
      expect(foundKey).toEqual(declaredKey);
    },
  );
});
