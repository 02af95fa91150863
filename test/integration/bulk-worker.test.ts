/**
 * A large bulk load runs on the bulk worker (src/main/bulk/apply-worker.ts), with a connection
 * of its own to the replica, while the desk keeps acting on its own connection: every row is
 * still one ordinary action, the audit chain stays one chain, cancel stops between rows, and
 * where no worker can start the same batch runs on the desk's thread.
 */
import { describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import { excelCsv1252, largestCompanyMembers } from '../support/bulk-files';
import { call, FIXED_NOW, signInAs, tempDir } from '../support/context';

const ROWS = 120;

function desk(bulkWorker: CoreOptions['bulkWorker']): Core {
  const core = createCore({
    dataDir: tempDir(),
    door: 'web',
    version: 'test',
    demoPersons: 3000,
    now: () => FIXED_NOW,
    log: () => {},
    bulkChunkRows: 5,
    bulkWorker,
  });
  signInAs(core, 'supervisora');
  return core;
}

const count = (core: Core, sql: string, ...params: unknown[]) =>
  core.db.$client
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** A file giving ROWS active members of the largest company a new e-mail and disabling them. */
function load(core: Core) {
  const sqlite = core.db.$client;
  const { company, members } = largestCompanyMembers(sqlite, ROWS);
  expect(members).toHaveLength(ROWS);
  // Someone else, outside the file, whom an agent looks up meanwhile.
  const other = sqlite
    .prepare(
      `SELECT p.rut, p.dv FROM persons p WHERE p.rut NOT IN
         (SELECT person_rut FROM memberships WHERE company_rut = ?) ORDER BY p.rut LIMIT 1`,
    )
    .get(company.rut) as { rut: number; dv: string };
  const shown = call(core, 'bulkLoads.preview', {
    companyRut: `${company.rut}-${company.dv}`,
    fileName: 'grande.csv',
    contentBase64: Buffer.from(
      excelCsv1252([
        ['RUT', 'Correo', 'Estado'],
        // Highest RUT first: the batch is applied the other way round (apply-order.ts).
        ...[...members]
          .sort((a, b) => b.rut - a.rut)
          .map((m) => [`${m.rut}-${m.dv}`, `hilo.${m.rut}@carga.cl`, 'inhabilitado']),
      ]),
    ).toString('base64'),
  });
  expect(shown.totals).toMatchObject({ changes: ROWS });
  return { previewId: shown.previewId as string, other: `${other.rut}-${other.dv}` };
}

async function settled(core: Core, batchId: string, meanwhile: () => void = () => {}) {
  for (;;) {
    const batch = call(core, 'bulkLoads.status', { batchId });
    if (batch.state !== 'applying' && batch.state !== 'preparing') return batch;
    meanwhile();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function ledger(core: Core, batchId: string) {
  return {
    intents: count(
      core,
      `SELECT count(*) FROM outbox WHERE json_extract(payload, '$.batchId') = ?`,
      batchId,
    ),
    events: count(
      core,
      `SELECT count(*) FROM audit_events WHERE json_extract(after, '$.batchId') = ? AND action != 'bulk.load'`,
      batchId,
    ),
    loadEvents: count(core, `SELECT count(*) FROM audit_events WHERE action = 'bulk.load'`),
    emails: count(core, `SELECT count(*) FROM persons WHERE email LIKE 'hilo.%@carga.cl'`),
    appliedRows: count(
      core,
      `SELECT count(*) FROM bulk_batch_rows WHERE batch_id = ? AND state = 'applied'`,
      batchId,
    ),
  };
}

describe('a large bulk load on the bulk worker', () => {
  it('applies every row as one action while the desk keeps acting: one audit chain', async () => {
    const core = desk({ minRows: 1 });
    const { previewId, other } = load(core);
    const views = () =>
      count(core, `SELECT count(*) FROM audit_events WHERE action = 'person.view'`);
    const viewsBefore = views();
    const started = call(core, 'bulkLoads.apply', { previewId, reason: 'Archivo de la empresa' });
    // Recorded and applied on the worker: nothing is done yet when apply answers.
    expect(started).toMatchObject({ state: 'preparing', done: 0, planned: ROWS });
    // Each look-up is an audit event written by this thread while the worker writes its own:
    // it waits its turn for the write lock, never fails, and the chain does not fork.
    let lookups = 0;
    let midway = false;
    const done = await settled(core, started.batchId, () => {
      const status = call(core, 'bulkLoads.status', { batchId: started.batchId });
      if (status.done > 0 && status.done < ROWS) midway = true;
      call(core, 'persons.get', { rut: other });
      lookups += 1;
    });
    expect(done).toMatchObject({ state: 'done', applied: ROWS, refused: 0, skipped: 0 });
    expect(midway).toBe(true);
    expect(lookups).toBeGreaterThan(0);
    expect(views() - viewsBefore).toBe(lookups);
    expect(ledger(core, started.batchId)).toEqual({
      intents: ROWS * 2,
      events: ROWS * 2,
      loadEvents: 1,
      emails: ROWS,
      appliedRows: ROWS,
    });
    expect(call(core, 'audit.verify', {})).toMatchObject({ ok: true });
    // Applied in RUT order (neighbouring pages), reported in the file's order.
    const applyOrder = core.db.$client
      .prepare(
        `SELECT person_rut FROM audit_events WHERE action = 'person.update_contact'
           AND json_extract(after, '$.batchId') = ? ORDER BY seq`,
      )
      .pluck()
      .all(started.batchId) as number[];
    expect(applyOrder).toEqual([...applyOrder].sort((a, b) => a - b));
    const report = call(core, 'bulkLoads.report', { batchId: started.batchId });
    const lines = (report.rows as Array<{ line: number }>).map((row) => row.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines[0]).toBe(2);
    // The worker checkpoints after reporting the batch ended; once it has exited the desk's own
    // connection checkpoints again, and the batch's pages are all back in the database file.
    const autocheckpoint = () => core.db.$client.pragma('wal_autocheckpoint', { simple: true });
    for (let waited = 0; autocheckpoint() === 0 && waited < 5000; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(autocheckpoint()).toBe(1000);
    const [wal] = core.db.$client.pragma('wal_checkpoint(PASSIVE)') as Array<{
      log: number;
      checkpointed: number;
    }>;
    expect(wal!.checkpointed).toBe(wal!.log);
    core.close();
  });

  it('cancel stops between rows: what ran is kept, the rest is reported as not applied', async () => {
    const core = desk({ minRows: 1 });
    const { previewId } = load(core);
    const started = call(core, 'bulkLoads.apply', { previewId, reason: 'Archivo de la empresa' });
    await settled(core, started.batchId, () => {
      if (call(core, 'bulkLoads.status', { batchId: started.batchId }).done >= 10) {
        call(core, 'bulkLoads.cancel', { batchId: started.batchId });
      }
    });
    const stopped = call(core, 'bulkLoads.status', { batchId: started.batchId });
    expect(stopped.state).toBe('cancelled');
    expect(stopped.applied).toBeGreaterThanOrEqual(10);
    expect(stopped.applied).toBeLessThan(ROWS);
    const applied = stopped.applied as number;
    expect(ledger(core, started.batchId)).toEqual({
      intents: applied * 2,
      events: applied * 2,
      loadEvents: 1,
      emails: applied,
      appliedRows: applied,
    });
    const pending = call(core, 'bulkLoads.report', { batchId: started.batchId, filter: 'pending' });
    expect(pending.total).toBe(ROWS - applied);
    expect(call(core, 'audit.verify', {})).toMatchObject({ ok: true });
    core.close();
  });

  it('runs on the desk’s own thread where no worker can start', async () => {
    const core = desk({ minRows: 1, entry: '/nonexistent/bulk-apply-worker.js' });
    const { previewId } = load(core);
    const started = call(core, 'bulkLoads.apply', { previewId, reason: 'Archivo de la empresa' });
    const done = await settled(core, started.batchId);
    expect(done).toMatchObject({ state: 'done', applied: ROWS });
    expect(ledger(core, started.batchId)).toMatchObject({ intents: ROWS * 2, events: ROWS * 2 });
    expect(call(core, 'audit.verify', {})).toMatchObject({ ok: true });
    core.close();
  });

  // A large file's members are read on a thread of their own while the desk parses the file
  // (members-thread.ts): the same outcomes, and where that thread cannot start, read here.
  it('reads a large preview’s members on a thread of its own, or here when it cannot', async () => {
    const outcomes = async (bulkWorker: CoreOptions['bulkWorker']) => {
      const core = desk(bulkWorker);
      const sqlite = core.db.$client;
      const { company, members } = largestCompanyMembers(sqlite, ROWS);
      const outsider = sqlite
        .prepare(
          `SELECT p.rut, p.dv FROM persons p WHERE p.rut NOT IN
             (SELECT person_rut FROM memberships WHERE company_rut = ?) ORDER BY p.rut LIMIT 1`,
        )
        .get(company.rut) as { rut: number; dv: string };
      const answer = core.dispatch('bulkLoads.preview', {
        companyRut: `${company.rut}-${company.dv}`,
        fileName: 'grande.csv',
        contentBase64: Buffer.from(
          excelCsv1252([
            ['RUT', 'Correo', 'Estado'],
            ...members.map((m, i) => [
              `${m.rut}-${m.dv}`,
              i % 2 === 0 ? `hilo.${m.rut}@carga.cl` : (m.email ?? ''),
              i % 3 === 0 ? 'inhabilitado' : 'habilitado',
            ]),
            [`${outsider.rut}-${outsider.dv}`, 'fuera@carga.cl', ''],
          ]),
        ).toString('base64'),
      });
      const envelope = await answer;
      core.close();
      return { promised: answer instanceof Promise, envelope };
    };
    const inThread = await outcomes({ previewMinBytes: Number.MAX_SAFE_INTEGER });
    const onThread = await outcomes({ previewMinBytes: 1 });
    const fallback = await outcomes({ previewMinBytes: 1, membersEntry: '/nonexistent/x.js' });
    expect(inThread.promised).toBe(false);
    expect(onThread.promised).toBe(true);
    expect(inThread.envelope).toMatchObject({ ok: true });
    const totals = (answer: typeof inThread) =>
      answer.envelope.ok ? (answer.envelope.value as { totals: unknown }).totals : null;
    expect(totals(inThread)).toMatchObject({ rows: ROWS + 1, refused: 1 });
    expect(totals(onThread)).toEqual(totals(inThread));
    expect(totals(fallback)).toEqual(totals(inThread));
  });
});
