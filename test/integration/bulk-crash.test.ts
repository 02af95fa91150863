/**
 * A bulk load killed mid-way (SIGKILL of the desk's process, between chunks or inside one) is
 * found interrupted at the next start, and resumed or closed with no row lost or doubled: every
 * row is applied exactly once, with exactly one intent and one audit event per changed field.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { excelCsv1252, largestCompanyMembers } from '../support/bulk-files';
import { call, signInAs, tempDir } from '../support/context';

const CHILD = path.resolve('test/support/bulk-child.ts');
const ROWS = 40;

const open = (dataDir: string, demoPersons = 0): Core =>
  createCore({ dataDir, door: 'web', version: 'test', demoPersons, log: () => {} });

/** A seeded replica and a file that gives 40 active members of one company a new e-mail. */
function prepare() {
  const dataDir = tempDir();
  const desk = open(dataDir, 3000);
  const sqlite = desk.db.$client;
  const { company, members } = largestCompanyMembers(sqlite, ROWS);
  expect(members).toHaveLength(ROWS);
  desk.close();
  const csv = path.join(tempDir(), 'caida.csv');
  fs.writeFileSync(
    csv,
    excelCsv1252([
      ['RUT', 'Correo', 'Estado'],
      ...members.map((m) => [`${m.rut}-${m.dv}`, `caida.${m.rut}@carga.cl`, 'inhabilitado']),
    ]),
  );
  const last = members[ROWS - 1]!;
  return {
    dataDir,
    csv,
    companyRut: `${company.rut}-${company.dv}`,
    company: company.rut,
    lastRut: `${last.rut}-${last.dv}`,
  };
}

async function killedChild(args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  expect(await exited).toBe('SIGKILL');
  return (JSON.parse(first.value as string) as { batchId: string }).batchId;
}

/** What the replica says of the batch: every count that must agree. */
function ledger(desk: Core, batchId: string, company: number) {
  const sqlite = desk.db.$client;
  const n = (sql: string, ...params: unknown[]) =>
    sqlite
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  return {
    appliedRows: n(
      `SELECT count(*) FROM bulk_batch_rows WHERE batch_id = ? AND state = 'applied'`,
      batchId,
    ),
    pendingRows: n(
      `SELECT count(*) FROM bulk_batch_rows WHERE batch_id = ? AND state = 'pending'`,
      batchId,
    ),
    counter: n('SELECT applied FROM bulk_batches WHERE id = ?', batchId),
    intents: n(`SELECT count(*) FROM outbox WHERE json_extract(payload, '$.batchId') = ?`, batchId),
    events: n(
      `SELECT count(*) FROM audit_events WHERE json_extract(after, '$.batchId') = ? AND action != 'bulk.load'`,
      batchId,
    ),
    newEmails: n(`SELECT count(*) FROM persons WHERE email LIKE 'caida.%@carga.cl'`),
    disabled: n(
      `SELECT count(*) FROM memberships m JOIN persons p ON p.rut = m.person_rut
       WHERE m.company_rut = ? AND m.state = 'disabled' AND p.email LIKE 'caida.%@carga.cl'`,
      company,
    ),
    /** No person has two intents of the same kind from this batch. */
    doubled: n(
      `SELECT count(*) FROM (SELECT person_rut, kind FROM outbox
         WHERE json_extract(payload, '$.batchId') = ? GROUP BY person_rut, kind HAVING count(*) > 1)`,
      batchId,
    ),
  };
}

function consistent(state: ReturnType<typeof ledger>, applied: number) {
  expect(state).toEqual({
    appliedRows: applied,
    pendingRows: ROWS - applied,
    counter: applied,
    intents: applied * 2,
    events: applied * 2,
    newEmails: applied,
    disabled: applied,
    doubled: 0,
  });
}

async function settled(desk: Core, batchId: string) {
  for (;;) {
    const batch = call(desk, 'bulkLoads.status', { batchId });
    if (batch.state !== 'applying' && batch.state !== 'preparing') return batch;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('a bulk load killed mid-way', () => {
  it.each([
    ['between two chunks', 'between-chunks', '12', 'thread'],
    // The 23rd audit event is the 11th row's e-mail: rows 9–11 of that chunk roll back with it.
    ['inside a chunk, after some of its writes', 'mid-chunk', '23', 'thread'],
    // The same on the bulk worker (a large batch's thread): the process dies with it.
    ['between two chunks, on the bulk worker', 'between-chunks', '12', 'worker'],
    ['inside a chunk, on the bulk worker', 'mid-chunk', '23', 'worker'],
  ])(
    '%s: found interrupted, resumed, every row applied exactly once',
    async (_name, mode, at, where) => {
      const { dataDir, csv, companyRut, company, lastRut } = prepare();
      const batchId = await killedChild([dataDir, companyRut, csv, mode, at, where]);

      const desk = open(dataDir);
      signInAs(desk, 'supervisora');
      const found = call(desk, 'bulkLoads.status', { batchId });
      expect(found.state).toBe('interrupted');
      // Whole chunks only: up to 4 rows each (fewer when a chunk's time budget runs out first,
      // as on a busy machine) — the chunks up to 12 rows, or those before the chunk that died
      // with its 11th row.
      const applied = found.applied;
      expect(found.done).toBe(applied);
      expect(applied).toBeGreaterThanOrEqual(mode === 'between-chunks' ? 12 : 7);
      expect(applied).toBeLessThanOrEqual(mode === 'between-chunks' ? 15 : 10);
      consistent(ledger(desk, batchId, company), applied);

      // A new load for the same company waits until this one is resumed or closed.
      const rows = excelCsv1252([
        ['RUT', 'Correo'],
        [lastRut, 'otra@carga.cl'],
      ]);
      const again = call(desk, 'bulkLoads.preview', {
        companyRut,
        fileName: 'otra.csv',
        contentBase64: Buffer.from(rows).toString('base64'),
      });
      const busy = desk.dispatchNow('bulkLoads.apply', {
        previewId: again.previewId,
        reason: 'Otra',
      });
      expect(busy).toMatchObject({ ok: false, error: { code: 'rule' } });
      expect(JSON.stringify(busy)).toContain('Ya hay una carga en curso para esta empresa');

      call(desk, 'bulkLoads.resume', { batchId });
      const done = await settled(desk, batchId);
      expect(done).toMatchObject({ state: 'done', applied: ROWS, refused: 0, skipped: 0 });
      consistent(ledger(desk, batchId, company), ROWS);
      expect(call(desk, 'audit.verify', {})).toMatchObject({ ok: true });
      desk.close();
    },
  );

  it('can be closed instead: what was applied stays, the rest is reported as not applied', async () => {
    const { dataDir, csv, companyRut, company } = prepare();
    const batchId = await killedChild([dataDir, companyRut, csv, 'between-chunks', '8']);
    const desk = open(dataDir);
    signInAs(desk, 'supervisora');
    const closed = call(desk, 'bulkLoads.close', { batchId });
    expect(closed.state).toBe('closed');
    // Whole chunks of up to 4 rows: those up to the 8th.
    const applied = closed.applied;
    expect(applied).toBeGreaterThanOrEqual(8);
    expect(applied).toBeLessThanOrEqual(11);
    consistent(ledger(desk, batchId, company), applied);
    const report = call(desk, 'bulkLoads.report', { batchId, filter: 'pending' });
    expect(report.total).toBe(ROWS - applied);
    expect(call(desk, 'bulkLoads.status', { batchId }).canUndo).toBe(true);
    desk.close();
  });
});
