/**
 * The change log pulls read after the initial snapshot. Every write to a replicated row adds a
 * row here in the same transaction, so `seq` order is commit order (SQLite has one writer).
 * Each row carries the person and company it belongs to, so a pull can filter by scope without
 * reading the entity.
 */
import type Database from 'better-sqlite3';
import { ENTITY_TABLES, type Entity } from '../shared/sync-protocol';

export function createChangeLog(sqlite: Database.Database, now: () => Date) {
  const insert = sqlite.prepare(
    `INSERT INTO change_log (entity, key, op, person_rut, company_rut, at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const owners: Record<Entity, ((key: number) => [number | null, number | null]) | null> = {
    company: (key) => [null, key],
    person: (key) => [key, null],
    membership: ownerQuery(sqlite, 'membership', true),
    account: ownerQuery(sqlite, 'account', false),
    mail: ownerQuery(sqlite, 'mail', false),
    access_request: ownerQuery(sqlite, 'access_request', true),
    signatory: ownerQuery(sqlite, 'signatory', true),
    data_request: ownerQuery(sqlite, 'data_request', false),
  };
  // The log may be pruned to nothing (change-log-pruning.ts): AUTOINCREMENT's own counter still
  // knows the highest seq ever given.
  const maxSeq = sqlite.prepare(
    `SELECT max(coalesce((SELECT max(seq) FROM change_log), 0),
                coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0)) AS seq`,
  );

  return {
    /**
     * Logs a change to one row; must run inside the writing transaction. `owner` is required for
     * a deletion (the row is gone), optional otherwise.
     */
    record(
      entity: Entity,
      key: number,
      op: 'upsert' | 'delete' = 'upsert',
      owner?: { personRut: number | null; companyRut: number | null },
    ): number {
      const [personRut, companyRut] = owner
        ? [owner.personRut, owner.companyRut]
        : owners[entity]!(key);
      return Number(
        insert.run(entity, key, op, personRut, companyRut, now().toISOString()).lastInsertRowid,
      );
    },
    /** The highest seq committed so far (0 for none). */
    highWater(): number {
      return (maxSeq.get() as { seq: number }).seq;
    },
  };
}

function ownerQuery(sqlite: Database.Database, entity: Entity, withCompany: boolean) {
  const { table, key } = ENTITY_TABLES[entity];
  const statement = sqlite.prepare(
    `SELECT person_rut, ${withCompany ? 'company_rut' : 'NULL AS company_rut'} FROM ${table} WHERE ${key} = ?`,
  );
  return (id: number): [number | null, number | null] => {
    const row = statement.get(id) as
      { person_rut: number | null; company_rut: number | null } | undefined;
    return row ? [row.person_rut, row.company_rut] : [null, null];
  };
}

export type ChangeLog = ReturnType<typeof createChangeLog>;
