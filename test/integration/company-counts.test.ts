/**
 * Issue 11: a company's user counts are kept in `company_counts` (migration 0020) and must stay
 * exactly what counting its memberships gives, after every write path: the agent's actions,
 * pulled pages (inserts, changes, moves, deletes), a snapshot that sets the triggers aside and
 * rebuilds the counts in steps (with writes in between and a crash), and the demo seed.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db/database';
import { buildIndexesNow } from '../../src/storage/db/deferred-indexes';
import { createCompanyCountsRebuild } from '../../src/storage/repositories/company-counts';
import { createCompanyRecordRepository } from '../../src/main/repositories/company-record-repository';
import { createReplicaWriter } from '../../src/main/sync/replica-writer';
import type { Change } from '../../src/shared/sync-protocol';
import { call, changeAtAndes, FIXED_NOW, seededCore, tempDir } from '../support/context';

type Counts = { users: number; active: number; admins: number };

/** Counting memberships, company by company: what the kept rows must equal. */
function counted(sqlite: Database.Database): Record<number, Counts> {
  const rows = sqlite
    .prepare(
      `SELECT company_rut, count(*) AS users, sum(state = 'active') AS active,
         sum(role = 'access_admin' AND state = 'active') AS admins
       FROM memberships GROUP BY company_rut`,
    )
    .all() as Array<{ company_rut: number } & Counts>;
  return Object.fromEntries(
    rows.map((r) => [r.company_rut, { users: r.users, active: r.active, admins: r.admins }]),
  );
}

/** The kept rows (a company whose last user left may keep a row of zeros). */
function kept(sqlite: Database.Database): Record<number, Counts> {
  const rows = sqlite
    .prepare(
      `SELECT company_rut, users, active, admins FROM company_counts
       WHERE users != 0 OR active != 0 OR admins != 0`,
    )
    .all() as Array<{ company_rut: number } & Counts>;
  return Object.fromEntries(
    rows.map((r) => [r.company_rut, { users: r.users, active: r.active, admins: r.admins }]),
  );
}

/** What opening each company shows equals counting its memberships. */
function expectOpenedCountsRight(sqlite: Database.Database, companies: number[]) {
  const repo = createCompanyRecordRepository(sqlite);
  const truth = counted(sqlite);
  for (const rut of companies) {
    expect(repo.counts(rut), `company ${rut}`).toEqual(
      truth[rut] ?? { users: 0, active: 0, admins: 0 },
    );
  }
}

const membership = (
  id: number,
  personRut: number,
  companyRut: number,
  role: 'worker' | 'access_admin' | 'company_user',
  state: 'active' | 'disabled' | 'paused' | 'removed',
  version = 1,
): Change => ({
  entity: 'membership',
  op: 'upsert',
  key: id,
  row: {
    id,
    person_rut: personRut,
    company_rut: companyRut,
    role,
    state,
    modules: '[]',
    agreement_signed: 0,
    agreement_sent_at: null,
    agreement_signed_at: null,
    admin_kind: null,
    appointed_by: null,
    external: 0,
    started_at: '2020-01-01',
    ended_at: null,
    version,
  },
});
const company = (rut: number): Change => ({
  entity: 'company',
  op: 'upsert',
  key: rut,
  row: {
    rut,
    dv: '0',
    legal_name: `Empresa ${rut}`,
    adherent: 1,
    adherent_since: null,
    adherent_until: null,
    portals: '[]',
    version: 1,
  },
});

describe('company counts', () => {
  it('are counted by the demo seed and follow the agent’s actions', () => {
    const core = seededCore(400);
    const sqlite = core.db.$client;
    expect(Object.keys(kept(sqlite)).length).toBeGreaterThan(10);
    expect(kept(sqlite)).toEqual(counted(sqlite));

    const andes = 76543210;
    const before = createCompanyRecordRepository(sqlite).counts(andes);
    call(core, 'companyUsers.change', changeAtAndes('12345678-5', 'dismiss'));
    const after = createCompanyRecordRepository(sqlite).counts(andes);
    expect(after).toEqual({ ...before, active: before.active - 1 });
    // Los Andes is an ACHS company: no agreement, nobody pending its signature.
    expect(call(core, 'companies.get', { rut: '76543210-3' }).counts).toEqual({
      ...after,
      pendingSignature: 0,
    });
    expect(kept(sqlite)).toEqual(counted(sqlite));
  });

  it('follow pulled pages: new users, changes of state and role, a move and a delete', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'replica.db') });
    const sqlite = db.$client;
    const writer = createReplicaWriter(sqlite, () => FIXED_NOW);
    const page = (changes: Change[], cursor: string) =>
      writer.applyPage(changes, { cursor, epoch: 'e', progress: null });
    page(
      [
        company(1001),
        company(1002),
        membership(1, 11, 1001, 'worker', 'active'),
        membership(2, 12, 1001, 'access_admin', 'active'),
        membership(3, 13, 1001, 'worker', 'paused'),
        membership(4, 14, 1002, 'worker', 'active'),
      ],
      'c1',
    );
    expect(kept(sqlite)).toEqual({
      1001: { users: 3, active: 2, admins: 1 },
      1002: { users: 1, active: 1, admins: 0 },
    });
    page(
      [
        membership(2, 12, 1001, 'access_admin', 'disabled', 2), // state
        membership(3, 13, 1001, 'access_admin', 'active', 2), // role and state
        membership(1, 11, 1001, 'worker', 'active', 2), // no change the counts see
        membership(4, 14, 1001, 'worker', 'active', 2), // moved to the other company
        membership(4, 14, 1001, 'worker', 'removed', 1), // older version: ignored
        { entity: 'membership', op: 'delete', key: 1, row: null },
      ],
      'c2',
    );
    expect(kept(sqlite)).toEqual(counted(sqlite));
    expect(kept(sqlite)).toEqual({ 1001: { users: 3, active: 2, admins: 1 } });
    expectOpenedCountsRight(sqlite, [1001, 1002, 9999]);
  });

  it('are rebuilt in steps after a snapshot, right through writes and a crash in between', () => {
    const file = path.join(tempDir(), 'replica.db');
    let db = openDatabase({ file });
    let writer = createReplicaWriter(db.$client, () => FIXED_NOW);
    const companies = [2001, 2002, 2003, 2004, 2005, 2006, 2007];
    writer.applyPage([...companies.map(company), membership(99, 99, 2001, 'worker', 'active')], {
      cursor: 'c0',
      epoch: 'e',
      progress: null,
    });
    // A snapshot: the replica starts over, rows arrive with the triggers set aside.
    const rows: Change[] = companies.map(company);
    let id = 1;
    for (const [i, rut] of companies.entries()) {
      for (let n = 0; n <= i; n++) {
        rows.push(membership(id++, 100 + id, rut, n === 0 ? 'access_admin' : 'worker', 'active'));
      }
    }
    writer.applyPage(rows, {
      cursor: 'c1',
      epoch: 'e',
      progress: { done: rows.length, total: rows.length },
      startsSnapshot: true,
    });
    expect(db.$client.prepare('SELECT count(*) AS n FROM company_counts').get()).toEqual({ n: 0 });
    // The sync engine first builds what the snapshot set aside, the memberships' key table with
    // it (key-tables.ts); meanwhile opening a company counts its memberships there.
    buildIndexesNow(db.$client);
    expectOpenedCountsRight(db.$client, companies);

    // Search indexing, then the counts two companies a step (limit 8 → 2 companies).
    while (writer.indexPending()) writer.indexStep(8);
    expect(writer.indexStep(8)).toBe(true); // 2001, 2002 counted
    expectOpenedCountsRight(db.$client, companies);

    // Writes while the rebuild is under way: to a company already counted and to one not yet.
    const local = db.$client.prepare(
      `INSERT INTO memberships (person_rut, company_rut, role, state, started_at)
       VALUES (?, ?, 'worker', 'active', '2026-01-01')`,
    );
    local.run(500, 2001);
    local.run(501, 2006);
    db.$client
      .prepare(
        'DELETE FROM memberships WHERE company_rut = 2007 AND person_rut = (SELECT min(person_rut) FROM memberships WHERE company_rut = 2007)',
      )
      .run();
    expectOpenedCountsRight(db.$client, companies);

    db.$client.close(); // a crash between two steps
    db = openDatabase({ file });
    writer = createReplicaWriter(db.$client, () => FIXED_NOW);
    expect(writer.indexStep(8)).toBe(true);
    db.$client.prepare('DELETE FROM memberships WHERE company_rut = 2005').run();
    while (writer.indexStep(8));
    expect(
      db.$client.prepare("SELECT 1 FROM sync_state WHERE key = 'company_counts_through'").get(),
    ).toBeUndefined();
    expect(kept(db.$client)).toEqual(counted(db.$client));
    expectOpenedCountsRight(db.$client, companies);
    // The triggers are back for good.
    db.$client
      .prepare(
        `INSERT INTO memberships (person_rut, company_rut, role, state, started_at)
         VALUES (777, 2003, 'worker', 'active', '2026-01-01')`,
      )
      .run();
    expect(kept(db.$client)).toEqual(counted(db.$client));
    db.$client.close();
  });

  // A step runs on the desk's thread: it ends once it has counted enough memberships, even
  // before its number of companies (at 10M persons a step with the largest employers stalled
  // the window for 892 ms), but never in the middle of a company.
  it('are rebuilt in steps bounded by the memberships counted, a company never split', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'replica.db') });
    const sqlite = db.$client;
    const sizes = { 3001: 5, 3002: 1, 3003: 4, 3004: 2 };
    const insert = sqlite.prepare(
      `INSERT INTO memberships (person_rut, company_rut, role, state, started_at)
       VALUES (?, ?, 'worker', 'active', '2026-01-01')`,
    );
    let person = 1;
    for (const [rut, size] of Object.entries(sizes)) {
      for (let n = 0; n < size; n++) insert.run(person++, Number(rut));
    }
    const rebuild = createCompanyCountsRebuild(sqlite);
    rebuild.invalidate();
    const through = () =>
      sqlite
        .prepare("SELECT value FROM sync_state WHERE key = 'company_counts_through'")
        .pluck()
        .get();
    // 3 memberships a step, 100 companies: the first company alone is past the budget.
    expect(rebuild.step(100, 3)).toBe(true);
    expect(through()).toBe('3001');
    expect(rebuild.step(100, 3)).toBe(true); // 3002 (1), 3003 (4): 5 ≥ 3
    expect(through()).toBe('3003');
    expect(rebuild.step(100, 3)).toBe(false); // 3004, and nothing after it
    expect(through()).toBeUndefined();
    expect(kept(sqlite)).toEqual(counted(sqlite));
    db.$client.close();
  });
});
