/**
 * Bulk loads through the core's channels over a real replica file (issue 8): preview, apply in
 * chunks that yield, cancel, one batch per company, the same file twice, undo, the report and
 * its export, who may, and bad input — each with a Spanish answer and nothing half-written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { startWebDoor } from '../../src/main/web/server';
import { BULK_MAX_BASE64_CHARS } from '../../src/shared/rules/bulk-load';
import { checkDigit as checkDigitOf } from '../../src/shared/rut';
import { bulkRefusalText } from '../../src/shared/bulk-refusal';
import { excelCsv1252, largestCompanyMembers, xlsx } from '../support/bulk-files';
import { addAtEspiga, call, FIXED_NOW, signInAs, tempDir, type DemoUser } from '../support/context';

const ESPIGA = '78901234-2';

function core(options: { chunkRows?: number; as?: DemoUser } = {}): Core {
  const opened = createCore({
    dataDir: tempDir(),
    door: 'web',
    version: 'test',
    demoPersons: 3000,
    now: () => FIXED_NOW,
    log: () => {},
    bulkChunkRows: options.chunkRows,
  });
  signInAs(opened, options.as ?? 'supervisora');
  return opened;
}

/** The company with the most active members, and those members. */
function biggest(desk: Core) {
  const { company, members } = largestCompanyMembers(desk.db.$client);
  return { company: `${company.rut}-${company.dv}`, members };
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function preview(desk: Core, company: string, rows: string[][], fileName = 'carga.csv') {
  return call(desk, 'bulkLoads.preview', {
    companyRut: company,
    fileName,
    contentBase64: base64(excelCsv1252(rows)),
  });
}

/** Lets the batch's chunks run (each yields to the event loop) until it stops applying. */
async function settled(desk: Core, batchId: string) {
  for (;;) {
    const batch = call(desk, 'bulkLoads.status', { batchId });
    if (batch.state !== 'applying' && batch.state !== 'preparing') return batch;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const failure = (desk: Core, channel: string, input: unknown) => {
  const envelope = desk.dispatchNow(channel, input);
  if (envelope.ok) throw new Error(`${channel} accepted`);
  return envelope.error;
};

const count = (desk: Core, sql: string, ...params: unknown[]) =>
  desk.db.$client
    .prepare(sql)
    .pluck()
    .get(...params) as number;

describe('a bulk load', () => {
  it('never disables the company’s registered legal representative; his e-mail it may change', async () => {
    const desk = core();
    const { company, members } = biggest(desk);
    const [representative, other] = members;
    desk.db.$client
      .prepare(
        `INSERT INTO company_signatories (company_rut, person_rut, kind) VALUES (?, ?, 'legal_representative')`,
      )
      .run(Number(company.split('-')[0]), representative!.rut);
    const rutOf = (m: typeof representative) => `${m!.rut}-${m!.dv}`;
    const shown = preview(desk, company, [
      ['RUT', 'Correo electrónico', 'Estado'],
      [rutOf(representative), '', 'inhabilitado'],
      [rutOf(other), '', 'inhabilitado'],
    ]);
    expect(shown.totals).toMatchObject({ changes: 1, disable: 1, refused: 1 });
    const { rows } = call(desk, 'bulkLoads.previewRows', { previewId: shown.previewId });
    expect(rows[0]).toMatchObject({ kind: 'refused', reason: 'representative_register' });
    const mailOnly = preview(desk, company, [
      ['RUT', 'Correo electrónico', 'Estado'],
      [rutOf(representative), `nuevo.${representative!.rut}@carga.cl`, ''],
    ]);
    expect(mailOnly.totals).toMatchObject({ changes: 1, new_email: 1, refused: 0 });

    // Registered as representative between the preview and the apply: refused at apply too.
    const later = preview(desk, company, [
      ['RUT', 'Correo electrónico', 'Estado'],
      [rutOf(other), '', 'inhabilitado'],
    ]);
    expect(later.totals).toMatchObject({ changes: 1, refused: 0 });
    desk.db.$client
      .prepare(
        `INSERT INTO company_signatories (company_rut, person_rut, kind) VALUES (?, ?, 'legal_representative')`,
      )
      .run(Number(company.split('-')[0]), other!.rut);
    const started = call(desk, 'bulkLoads.apply', {
      previewId: later.previewId,
      reason: 'Archivo de la empresa',
    });
    const done = await settled(desk, started.batchId);
    expect(done).toMatchObject({ applied: 0, refused: 1 });
    const report = call(desk, 'bulkLoads.report', { batchId: started.batchId, filter: 'refused' });
    expect(report.rows[0]).toMatchObject({ code: 'representative_register' });
  });

  it('says a wrong check digit the same in the preview, the result and its CSV, whatever the columns', async () => {
    const desk = core();
    const { company, members } = biggest(desk);
    const [one] = members;
    const body = String(one!.rut);
    const dv = one!.dv;
    const wrong = dv === '1' ? '2' : '1';
    // The RUT in the second column and its check digit in one of its own.
    const shown = preview(desk, company, [
      ['Estado', 'RUT', 'DV'],
      ['inhabilitado', body, wrong],
      ['inhabilitado', body, dv],
    ]);
    expect(shown.totals).toMatchObject({ changes: 1, refused: 1 });
    const said = `RUT inválido: con esos números el dígito verificador sería ${dv}, no ${wrong}. Revise los números y el dígito.`;
    const started = call(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Archivo de la empresa',
    });
    await settled(desk, started.batchId);
    const refused = call(desk, 'bulkLoads.report', {
      batchId: started.batchId,
      filter: 'refused',
    }).rows[0];
    expect(refused).toMatchObject({ code: 'invalid_rut', rut: `${body}-${wrong}` });
    const csv = call(desk, 'bulkLoads.exportReport', { batchId: started.batchId }).csv as string;
    expect(csv).toContain(said);
  });

  it('names the file’s other row of a repeated RUT in the result and its CSV, as the preview did', async () => {
    const desk = core();
    const { company, members } = biggest(desk);
    const [one, two] = members;
    const rut = (member: typeof one) => `${member!.rut}-${member!.dv}`;
    const shown = preview(desk, company, [
      ['RUT', 'Estado'],
      [rut(one), 'inhabilitado'],
      [rut(two), 'inhabilitado'],
      [rut(one), 'habilitado'],
      [rut(two), 'inhabilitado'],
    ]);
    expect(shown.totals).toMatchObject({ refused: 2, duplicate: 1 });
    const started = call(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Archivo de la empresa',
    });
    await settled(desk, started.batchId);
    const rows = call(desk, 'bulkLoads.report', { batchId: started.batchId }).rows as Array<{
      line: number;
      code: string | null;
      otherLine: number | null;
    }>;
    // Lines count the header: the first person's rows are 2 and 4, the second's 3 and 5.
    expect(rows.map(({ line, code, otherLine }) => ({ line, code, otherLine }))).toEqual([
      { line: 2, code: 'duplicate_conflict', otherLine: 4 },
      { line: 3, code: null, otherLine: null },
      { line: 4, code: 'duplicate_conflict', otherLine: 2 },
      { line: 5, code: 'duplicate', otherLine: 3 },
    ]);
    const csv = call(desk, 'bulkLoads.exportReport', { batchId: started.batchId }).csv as string;
    const lineOf = (n: number) => csv.split('\r\n').find((line) => line.startsWith(`${n};`)) ?? '';
    expect(lineOf(2)).toContain('RUT repetido en el archivo con valores distintos (ver la fila 4)');
    expect(lineOf(4)).toContain('(ver la fila 2)');
    expect(lineOf(5)).toContain('Repetida en el archivo: se aplicó una vez (ver la fila 3)');
  });

  it('says before applying what its undo could not take back, and why, row by row', () => {
    const desk = core();
    const { company, members } = biggest(desk);
    const [paused, noMail] = members;
    const companyBody = Number(company.split('-')[0]);
    // A paused access (the company's decision) and a worker with no e-mail.
    desk.db.$client
      .prepare(`UPDATE memberships SET state = 'paused' WHERE person_rut = ? AND company_rut = ?`)
      .run(paused!.rut, companyBody);
    desk.db.$client.prepare('UPDATE persons SET email = NULL WHERE rut = ?').run(noMail!.rut);
    const shown = preview(desk, company, [
      ['RUT', 'Correo electrónico', 'Estado'],
      [`${paused!.rut}-${paused!.dv}`, '', 'inhabilitado'],
      [`${noMail!.rut}-${noMail!.dv}`, `nuevo.${noMail!.rut}@carga.cl`, ''],
    ]);
    expect(shown.totals.irreversible).toEqual({
      cannot_restore_email: 1,
      cannot_restore_pause: 1,
    });
    const { rows } = call(desk, 'bulkLoads.previewRows', { previewId: shown.previewId });
    expect(rows.map((row: { irreversible: string | null }) => row.irreversible)).toEqual([
      'cannot_restore_pause',
      'cannot_restore_email',
    ]);
  });

  it('applies in chunks that yield: the desk answers meanwhile; each change is one action', async () => {
    const desk = core({ chunkRows: 5 });
    const { company, members } = biggest(desk);
    const chosen = members.slice(0, 30);
    const rows = [
      ['RUT', 'Correo electrónico', 'Estado'],
      ...chosen.map((m, i) => [
        `${m.rut}-${m.dv}`,
        i % 2 === 0 ? `nuevo.${m.rut}@carga.cl` : '',
        'inhabilitado',
      ]),
    ];
    const shown = preview(desk, company, rows);
    expect(shown.totals).toMatchObject({
      rows: 30,
      changes: 30,
      disable: 30,
      new_email: 15,
      refused: 0,
    });

    const started = call(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Archivo de la empresa',
    });
    // The first chunk ran; the rest waits for the event loop, and other channels answer meanwhile.
    expect(started).toMatchObject({ state: 'applying', planned: 30, done: 5 });
    expect(call(desk, 'persons.search', { text: 'gonzalez' }).persons.length).toBeGreaterThan(0);
    await new Promise((resolve) => setImmediate(resolve));
    const midway = call(desk, 'bulkLoads.status', { batchId: started.batchId });
    expect(midway.done).toBeGreaterThan(5);
    expect(midway.done).toBeLessThan(30);

    const done = await settled(desk, started.batchId);
    expect(done).toMatchObject({ state: 'done', applied: 30, refused: 0, skipped: 0, done: 30 });
    // One intent and one audit event per changed field, each naming the batch; and one event
    // for the batch itself.
    const batch = started.batchId;
    const named = (table: string, column: string, extra = '') =>
      count(
        desk,
        `SELECT count(*) FROM ${table} WHERE json_extract(${column}, '$.batchId') = ? ${extra}`,
        batch,
      );
    expect(named('outbox', 'payload')).toBe(45);
    expect(named('audit_events', 'after', "AND action != 'bulk.load'")).toBe(45);
    expect(named('audit_events', 'after', "AND action = 'bulk.load'")).toBe(1);
    // Each names its file too, for a reader (its id means nothing to one).
    expect(
      named('audit_events', 'after', "AND json_extract(after, '$.fileName') IS NOT NULL"),
    ).toBe(46);
    expect(count(desk, `SELECT count(*) FROM outbox WHERE kind = 'membership.disable'`)).toBe(30);
    const company_ = Number(company.split('-')[0]);
    for (const m of chosen) {
      expect(
        count(
          desk,
          'SELECT count(*) FROM memberships WHERE person_rut = ? AND company_rut = ? AND state = ?',
          m.rut,
          company_,
          'disabled',
        ),
      ).toBe(1);
    }
    // A new e-mail is confirmed by mail (rule 10), as when an agent corrects it.
    expect(
      count(desk, `SELECT count(*) FROM mails WHERE to_address LIKE 'nuevo.%@carga.cl'`),
    ).toBeGreaterThan(0);
    expect(call(desk, 'audit.verify', {})).toMatchObject({ ok: true });
    desk.close();
  });

  it('a chunk that fails, and whose fallback fails too (a full disk), stops the batch without taking the desk down', async () => {
    const dataDir = tempDir();
    const logged: string[] = [];
    const open = () => {
      const opened = createCore({
        dataDir,
        door: 'web',
        version: 'test',
        demoPersons: 3000,
        now: () => FIXED_NOW,
        log: (line: string) => logged.push(line),
        bulkChunkRows: 5,
      });
      signInAs(opened, 'supervisora');
      return opened;
    };
    const desk = open();
    const { company, members } = biggest(desk);
    const rows = [
      ['RUT', 'Estado'],
      ...members.slice(0, 20).map((m) => [`${m.rut}-${m.dv}`, 'inhabilitado']),
    ];
    const shown = preview(desk, company, rows);
    const started = call(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Archivo',
    });
    expect(started).toMatchObject({ state: 'applying', done: 5 });
    // From now on no write to the batch succeeds: neither the next chunk's nor the fallback's.
    desk.db.$client.exec(
      `CREATE TEMP TRIGGER full_disk BEFORE UPDATE ON bulk_batches
       BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(logged.some((line) => line.includes('left as it was until the next start'))).toBe(true);
    // The desk still answers, and nothing past the first chunk was applied.
    expect(call(desk, 'persons.search', { text: 'gonzalez' }).persons.length).toBeGreaterThan(0);
    const companyRut = Number(company.split('-')[0]);
    expect(
      count(
        desk,
        `SELECT count(*) FROM memberships WHERE company_rut = ? AND state = 'disabled' AND person_rut IN (${rows
          .slice(1)
          .map((row) => Number(row[0]!.split('-')[0]))
          .join(',')})`,
        companyRut,
      ),
    ).toBe(5);
    desk.close();
    // The next start settles it: interrupted, for a person to resume or close.
    const again = open();
    expect(call(again, 'bulkLoads.status', { batchId: started.batchId })).toMatchObject({
      state: 'interrupted',
      done: 5,
    });
    again.close();
  });

  it('cancel stops between rows; what ran is kept and reported, the rest is not applied', async () => {
    const desk = core({ chunkRows: 4 });
    const { company, members } = biggest(desk);
    // One address for all: every row is warned of it (the rows that never ran keep no warning).
    const rows = [
      ['RUT', 'Correo'],
      ...members.slice(0, 20).map((m) => [`${m.rut}-${m.dv}`, 'rrhh.comun@carga.cl']),
    ];
    const started = call(desk, 'bulkLoads.apply', {
      previewId: preview(desk, company, rows).previewId,
      reason: 'Archivo de la empresa',
    });
    call(desk, 'bulkLoads.cancel', { batchId: started.batchId });
    const stopped = await settled(desk, started.batchId);
    expect(stopped).toMatchObject({ state: 'cancelled', applied: 4, done: 4, canUndo: true });
    expect(
      count(
        desk,
        `SELECT count(*) FROM outbox WHERE json_extract(payload, '$.batchId') = ?`,
        started.batchId,
      ),
    ).toBe(4);
    const report = call(desk, 'bulkLoads.report', { batchId: started.batchId, filter: 'pending' });
    expect(report.total).toBe(16);
    expect(report.rows[0]).toMatchObject({ status: 'pending', sharedEmail: null });
    const warned = call(desk, 'bulkLoads.report', { batchId: started.batchId, filter: 'warned' });
    expect(warned.total).toBe(4);
    expect(warned.rows.every((row: { status: string }) => row.status === 'applied')).toBe(true);
    const csv = call(desk, 'bulkLoads.exportReport', { batchId: started.batchId }).csv as string;
    expect(csv.match(/No aplicada/g)).toHaveLength(16);
    expect(csv.match(/da el mismo correo a/g)).toHaveLength(4);
    desk.close();
  });

  it('one batch per company at a time: a second gets a clear message; the same file twice changes nothing twice', async () => {
    const desk = core({ chunkRows: 3 });
    const { company, members } = biggest(desk);
    const rows = [
      ['RUT', 'Correo'],
      ...members.slice(0, 10).map((m) => [`${m.rut}-${m.dv}`, `otra.${m.rut}@carga.cl`]),
    ];
    const first = preview(desk, company, rows);
    const running = call(desk, 'bulkLoads.apply', {
      previewId: first.previewId,
      reason: 'Primera vez',
    });
    // The same file again while the first is applying: 3 rows are done, 7 would still change.
    const second = preview(desk, company, rows);
    expect(second.totals).toMatchObject({ nothing: 3, changes: 7 });
    const refused = failure(desk, 'bulkLoads.apply', {
      previewId: second.previewId,
      reason: 'Otra vez',
    });
    expect(refused).toMatchObject({ code: 'rule' });
    expect(refused.message).toContain(
      'Ya hay una carga en curso para esta empresa (de Sara Supervisora',
    );
    await settled(desk, running.batchId);

    // Applied after the first finished: its 7 rows are already so, nothing is written twice.
    const again = call(desk, 'bulkLoads.apply', {
      previewId: second.previewId,
      reason: 'Otra vez',
    });
    const twice = await settled(desk, again.batchId);
    expect(twice).toMatchObject({ state: 'done', applied: 0, skipped: 10, planned: 7 });
    const already = call(desk, 'bulkLoads.report', { batchId: again.batchId, filter: 'skipped' });
    expect(already.rows.map((row: { code: string }) => row.code)).toEqual([
      ...Array(3).fill('nothing'),
      ...Array(7).fill('already'),
    ]);
    expect(count(desk, `SELECT count(*) FROM outbox WHERE kind = 'person.update_contact'`)).toBe(
      10,
    );
    desk.close();
  });

  it('undo restores row by row, refusing and listing the rows changed again since', async () => {
    const desk = core();
    const { company, members } = biggest(desk);
    const chosen = members.slice(0, 6);
    const rows = [
      ['RUT', 'Correo', 'Estado'],
      ...chosen.map((m) => [`${m.rut}-${m.dv}`, `u.${m.rut}@carga.cl`, 'inhabilitado']),
    ];
    // Which of their accounts had their address confirmed (rule 10), before the load.
    const verification = (rut: number) =>
      desk.db.$client
        .prepare(
          `SELECT portal, email_verified AS verified FROM accounts
           WHERE person_rut = ? AND registration_state = 'active' ORDER BY portal`,
        )
        .all(rut) as Array<{ portal: string; verified: number }>;
    const verifiedBefore = new Map(chosen.map((m) => [m.rut, verification(m.rut)]));
    expect([...verifiedBefore.values()].flat().some((account) => account.verified === 1)).toBe(
      true,
    );
    const confirmations = (rut: number, address: string) =>
      count(
        desk,
        `SELECT count(*) FROM mails
         WHERE person_rut = ? AND kind = 'email_confirmation' AND to_address = ?`,
        rut,
        address,
      );
    const batch = await settled(
      desk,
      call(desk, 'bulkLoads.apply', {
        previewId: preview(desk, company, rows).previewId,
        reason: 'Carga',
      }).batchId,
    );
    expect(batch.applied).toBe(6);
    // The new address waits for confirmation on every account.
    for (const m of chosen) {
      expect(verification(m.rut).every((account) => account.verified === 0)).toBe(true);
    }
    // Someone corrects one person's e-mail after the load.
    const changed = chosen[2]!;
    desk.db.$client
      .prepare('UPDATE persons SET email = ? WHERE rut = ?')
      .run('corregido@x.cl', changed.rut);

    const undo = await settled(
      desk,
      call(desk, 'bulkLoads.undo', { batchId: batch.batchId, reason: 'La empresa se equivocó' })
        .batchId,
    );
    expect(undo).toMatchObject({ kind: 'undo', state: 'done', applied: 5, refused: 1 });
    const refused = call(desk, 'bulkLoads.report', { batchId: undo.batchId, filter: 'refused' });
    expect(refused.rows).toHaveLength(1);
    expect(refused.rows[0]).toMatchObject({ line: 4, code: 'changed_since' });
    const companyRut = Number(company.split('-')[0]);
    for (const m of chosen) {
      const now = desk.db.$client
        .prepare(
          `SELECT p.email, m.state FROM persons p JOIN memberships m ON m.person_rut = p.rut AND m.company_rut = ? WHERE p.rut = ?`,
        )
        .get(companyRut, m.rut);
      expect(now).toEqual(
        m === changed
          ? { email: 'corregido@x.cl', state: 'disabled' }
          : { email: m.email, state: 'active' },
      );
      if (m === changed) continue;
      // The address they had confirmed comes back confirmed, with no mail; one never confirmed
      // is asked again.
      const before = verifiedBefore.get(m.rut)!;
      expect(verification(m.rut)).toEqual(before);
      expect(confirmations(m.rut, m.email!)).toBe(
        before.filter((account) => account.verified === 0).length,
      );
    }
    expect(call(desk, 'bulkLoads.status', { batchId: batch.batchId })).toMatchObject({
      undoneBy: undo.batchId,
      canUndo: false,
    });
    expect(
      failure(desk, 'bulkLoads.undo', { batchId: batch.batchId, reason: 'Otra vez' }).message,
    ).toBe('Esa carga ya se deshizo.');
    desk.close();
  });

  it('undo gives back an access the load disabled, keeping the e-mail it gave someone who had none', async () => {
    const desk = core();
    const { company, members } = biggest(desk);
    const ana = members[0]!;
    const companyRut = Number(company.split('-')[0]);
    desk.db.$client.prepare('UPDATE persons SET email = NULL WHERE rut = ?').run(ana.rut);
    const batch = await settled(
      desk,
      call(desk, 'bulkLoads.apply', {
        previewId: preview(desk, company, [
          ['RUT', 'Correo', 'Estado'],
          [`${ana.rut}-${ana.dv}`, `ana.${ana.rut}@carga.cl`, 'inhabilitado'],
        ]).previewId,
        reason: 'Carga',
      }).batchId,
    );
    expect(batch.applied).toBe(1);
    const undo = await settled(
      desk,
      call(desk, 'bulkLoads.undo', { batchId: batch.batchId, reason: 'La empresa se equivocó' })
        .batchId,
    );
    // Before, the whole row was refused: she stayed disabled, with nothing said of it.
    expect(undo).toMatchObject({ kind: 'undo', state: 'done', applied: 1, refused: 0 });
    expect(
      desk.db.$client
        .prepare(
          `SELECT p.email, m.state FROM persons p JOIN memberships m ON m.person_rut = p.rut AND m.company_rut = ? WHERE p.rut = ?`,
        )
        .get(companyRut, ana.rut),
    ).toEqual({ email: `ana.${ana.rut}@carga.cl`, state: 'active' });
    const [row] = call(desk, 'bulkLoads.report', { batchId: undo.batchId, filter: 'applied' }).rows;
    expect(row).toMatchObject({ code: 'email_kept' });
    expect(bulkRefusalText(row.code, row.rut)).toMatch(/^El correo se mantiene: antes no tenía/);
    desk.close();
  });

  it('changes nobody under a temporary block (Ley 21.719): refused in the preview, and at apply when blocked since', async () => {
    const desk = core();
    const { company, members } = biggest(desk);
    const [before, since, free] = members;
    // A block stands on an open rectification, deletion or objection (art. 11): recorded first.
    const block = (m: { rut: number; dv: string }) =>
      (['objection', 'blocking'] as const).map((right) =>
        call(desk, 'dataRequests.record', {
          rut: `${m.rut}-${m.dv}`,
          right,
          channel: 'phone',
          identityMethod: 'facts',
          identityFacts: ['serial_number', 'employer'],
          detail: 'Pide que no se traten sus datos mientras reclama',
        }),
      );
    block(before!);
    const rows = [
      ['RUT', 'Correo', 'Estado'],
      ...[before!, since!, free!].map((m) => [`${m.rut}-${m.dv}`, `b.${m.rut}@carga.cl`, '']),
    ];
    const shown = preview(desk, company, rows);
    expect(shown.totals).toMatchObject({ rows: 3, changes: 2, refused: 1 });
    const failed = call(desk, 'bulkLoads.failedRows', { previewId: shown.previewId });
    expect(failed.csv).toContain(
      'La persona tiene un bloqueo temporal vigente (Ley 21.719): ninguna carga cambia sus datos mientras dure.',
    );
    // Blocked between the preview and the load: refused then, never written.
    block(since!);
    const batch = await settled(
      desk,
      call(desk, 'bulkLoads.apply', { previewId: shown.previewId, reason: 'Carga' }).batchId,
    );
    // The preview's refusal and the one at apply time, both said as the block.
    expect(batch).toMatchObject({ state: 'done', applied: 1, refused: 2 });
    const refused = call(desk, 'bulkLoads.report', { batchId: batch.batchId, filter: 'refused' });
    expect(refused.rows).toEqual([
      expect.objectContaining({ line: 2, code: 'person_blocked' }),
      expect.objectContaining({ line: 3, code: 'person_blocked' }),
    ]);
    const email = (rut: number) =>
      desk.db.$client.prepare('SELECT email FROM persons WHERE rut = ?').pluck().get(rut);
    expect(email(before!.rut)).toBe(before!.email);
    expect(email(since!.rut)).toBe(since!.email);
    expect(email(free!.rut)).toBe(`b.${free!.rut}@carga.cl`);
    for (const m of [before!, since!]) {
      expect(
        count(
          desk,
          "SELECT count(*) FROM audit_events WHERE person_rut = ? AND action = 'person.update_contact'",
          m.rut,
        ),
      ).toBe(0);
    }
    desk.close();
  });

  it('records a large file in slices first; one closed before it started changed nothing', async () => {
    const dataDir = tempDir();
    const open = () =>
      createCore({ dataDir, door: 'web', version: 'test', demoPersons: 3000, log: () => {} });
    let desk = open();
    signInAs(desk, 'supervisora');
    const { company, members } = biggest(desk);
    // 6,000 rows: the members' new e-mails, and many rows for people of no company here.
    const rows = [
      ['RUT', 'Correo'],
      ...members.slice(0, 20).map((m) => [`${m.rut}-${m.dv}`, `grande.${m.rut}@carga.cl`]),
      ...Array.from({ length: 5980 }, (_, i) => [`${i + 1}-${checkDigitOf(i + 1)}`, 'x@y.cl']),
    ];
    const first = call(desk, 'bulkLoads.apply', {
      previewId: preview(desk, company, rows).previewId,
      reason: 'Archivo grande',
    });
    expect(first).toMatchObject({ state: 'preparing', done: 0, total: 6000, planned: 20 });
    // Closed while still recording its rows: at the next start it is gone, nothing changed.
    desk.close();
    desk = open();
    signInAs(desk, 'supervisora');
    expect(call(desk, 'bulkLoads.list', {})).toEqual([]);
    expect(count(desk, 'SELECT count(*) FROM bulk_batch_rows')).toBe(0);
    expect(count(desk, "SELECT count(*) FROM persons WHERE email LIKE 'grande.%'")).toBe(0);
    expect(count(desk, "SELECT count(*) FROM audit_events WHERE action = 'bulk.load'")).toBe(0);

    const again = call(desk, 'bulkLoads.apply', {
      previewId: preview(desk, company, rows).previewId,
      reason: 'Archivo grande',
    });
    expect(again.state).toBe('preparing');
    const done = await settled(desk, again.batchId);
    expect(done).toMatchObject({ state: 'done', total: 6000, applied: 20, refused: 5980 });
    expect(count(desk, "SELECT count(*) FROM persons WHERE email LIKE 'grande.%'")).toBe(20);
    desk.close();
  });

  it('warns before applying when the file disables the company’s last access administrators; the rows still apply', async () => {
    const desk = core();
    // La Espiga (Portal Empresas): Marcela is its only administrator with a signed agreement;
    // Gloria, its legal representative, has no company profile yet (rule 12).
    const shown = preview(desk, ESPIGA, [
      ['RUT', 'Correo electrónico', 'Estado'],
      ['13.579.246-2', '', 'inhabilitado'],
      ['19.283.746-4', '', 'inhabilitado'],
    ]);
    expect(shown.companyName).toBe('Panadería La Espiga Limitada');
    expect(shown.totals).toMatchObject({
      changes: 2,
      disable: 2,
      refused: 0,
      warned: 1,
      warnings: { last_admin: 1, shared_email: 0 },
    });
    const { rows, total } = call(desk, 'bulkLoads.previewRows', {
      previewId: shown.previewId,
      filter: 'warned',
    });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({
      rut: '13.579.246-2',
      kind: 'change',
      stateTo: 'disabled',
      lastAdmin: true,
      sharedEmail: null,
    });
    // A warning, not a refusal: applied once the supervisor confirms.
    const started = call(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'La empresa lo pidió por escrito',
    });
    expect(await settled(desk, started.batchId)).toMatchObject({ applied: 2, refused: 0 });
    expect(
      count(
        desk,
        `SELECT count(*) FROM memberships WHERE company_rut = 78901234 AND role = 'access_admin'
           AND state = 'active'`,
      ),
    ).toBe(0);
    // The result keeps the warning: on screen, in its filter, and in the CSV sent back.
    const warned = call(desk, 'bulkLoads.report', { batchId: started.batchId, filter: 'warned' });
    expect(warned.total).toBe(1);
    expect(warned.rows[0]).toMatchObject({
      rut: '13.579.246-2',
      status: 'applied',
      lastAdmin: true,
      sharedEmail: null,
    });
    const all = call(desk, 'bulkLoads.report', { batchId: started.batchId });
    expect(all.rows.map((row: { lastAdmin: boolean }) => row.lastAdmin)).toEqual([true, false]);
    const csv = call(desk, 'bulkLoads.exportReport', { batchId: started.batchId }).csv as string;
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^Fila;.*;Resultado;Motivo;Advertencias$/);
    expect(lines[1]).toMatch(/^2;13\.579\.246-2;.*;la empresa queda sin administrador de accesos$/);
    expect(lines[2]!.split(';').at(-1)).toBe('');

    // Constructora Los Andes (ACHS): Ricardo, its legal representative, stays an administrator
    // (a load never disables him), so disabling the other two warns of nothing.
    const andes = '76543210-3';
    const others = [
      ['RUT', 'Estado'],
      ['15.161.718-2', 'inhabilitado'],
      ['19.876.543-0', 'inhabilitado'],
    ];
    expect(preview(desk, andes, others).totals.warnings.last_admin).toBe(0);
    expect(
      preview(desk, andes, [...others, ['12.131.415-0', 'inhabilitado']]).totals,
    ).toMatchObject({ refused: 1, warnings: { last_admin: 0 } });
    // Once the register no longer names him, he is one administrator among the three.
    desk.db.$client
      .prepare('DELETE FROM company_signatories WHERE person_rut = ? AND company_rut = ?')
      .run(12_131_415, 76_543_210);
    expect(
      preview(desk, andes, [...others, ['12.131.415-0', 'inhabilitado']]).totals,
    ).toMatchObject({ refused: 0, warned: 3, warnings: { last_admin: 3 } });
    desk.close();
  });

  it('keeps each warning with the change it rode on: one refused at the central takes only its own', async () => {
    const desk = core();
    // Marcela, La Espiga's only administrator, disabled and given Pedro's address: both warned.
    const shown = preview(desk, ESPIGA, [
      ['RUT', 'Correo electrónico', 'Estado'],
      ['13.579.246-2', 'pedro.gonzalez@gmail.com', 'inhabilitado'],
    ]);
    expect(shown.totals).toMatchObject({ changes: 1, warned: 1 });
    const started = call(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Archivo de la empresa',
    });
    await settled(desk, started.batchId);
    const row = () => call(desk, 'bulkLoads.report', { batchId: started.batchId }).rows[0];
    expect(row()).toMatchObject({
      lastAdmin: true,
      sharedEmail: { rut: '12.345.678-5', line: null },
    });
    // The central refused the e-mail; the disabling stands, and so does its warning.
    desk.db.$client
      .prepare(
        `UPDATE outbox SET state = 'rejected' WHERE action_id = (SELECT email_action_id
           FROM bulk_batch_rows WHERE batch_id = ?)`,
      )
      .run(started.batchId);
    expect(row()).toMatchObject({ status: 'rejected', lastAdmin: true, sharedEmail: null });
    desk.close();
  });

  it('warns before a company’s file changes the e-mail another company’s access uses too', async () => {
    const desk = core();
    // Pedro, a worker of Constructora Los Andes (ACHS Gestión), added to La Espiga as an outside
    // user on the call of Marcela, its access administrator.
    call(desk, 'companyUsers.add', addAtEspiga('12345678-5'));
    const shown = preview(desk, ESPIGA, [
      ['RUT', 'Correo electrónico', 'Estado'],
      ['12.345.678-5', 'pedro.gonzalez@laespiga.cl', 'habilitado'],
      // Jorge, La Espiga's outside accountant, has no other access: nothing to say.
      ['19.283.746-4', 'jorge@laespiga.cl', ''],
    ]);
    expect(shown.totals).toMatchObject({
      changes: 2,
      warned: 1,
      warnings: { last_admin: 0, shared_email: 0, other_access: 1 },
    });
    // The columns read, as titled in the file: none left unused here.
    expect(shown.columns).toEqual({
      rut: 'RUT',
      email: 'Correo electrónico',
      state: 'Estado',
      unused: [],
    });
    const { rows } = call(desk, 'bulkLoads.previewRows', {
      previewId: shown.previewId,
      filter: 'warned',
    });
    expect(
      rows.map((row: { rut: string; otherAccess: unknown }) => [row.rut, row.otherAccess]),
    ).toEqual([['12.345.678-5', { company: 'Constructora Los Andes SpA' }]]);
    // A warning, not a refusal: applied, and the result says it still, in its export too.
    const started = call(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Correos enviados por la empresa',
    });
    expect(await settled(desk, started.batchId)).toMatchObject({ applied: 2, refused: 0 });
    const result = call(desk, 'bulkLoads.report', { batchId: started.batchId, filter: 'warned' });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({
      otherAccess: { company: 'Constructora Los Andes SpA' },
    });
    expect(
      call(desk, 'bulkLoads.exportReport', { batchId: started.batchId }).csv as string,
    ).toContain('también entra por Constructora Los Andes SpA: su correo cambia ahí también');
    desk.close();
  });

  it('warns per row when the file gives an e-mail another person holds, or one address to two persons', async () => {
    const desk = core();
    const shown = preview(desk, ESPIGA, [
      ['RUT', 'Correo electrónico', 'Estado'],
      // Pedro's, of Constructora Los Andes.
      ['13.579.246-2', 'Pedro.Gonzalez@gmail.com', ''],
      ['19.283.746-4', 'rrhh@laespiga.cl', ''],
      ['14.253.647-1', 'RRHH@laespiga.cl', ''],
    ]);
    expect(shown.totals).toMatchObject({
      changes: 3,
      new_email: 3,
      refused: 0,
      warned: 3,
      warnings: { last_admin: 0, shared_email: 3 },
    });
    const { rows } = call(desk, 'bulkLoads.previewRows', {
      previewId: shown.previewId,
      filter: 'warned',
    });
    expect(
      rows.map((row: { rut: string; sharedEmail: unknown }) => [row.rut, row.sharedEmail]),
    ).toEqual([
      ['13.579.246-2', { rut: '12.345.678-5', line: null }],
      ['19.283.746-4', { rut: '14.253.647-1', line: 4 }],
      ['14.253.647-1', { rut: '19.283.746-4', line: 3 }],
    ]);
    // Warnings, not refusals: the rows apply.
    const started = call(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Correos enviados por la empresa',
    });
    expect(await settled(desk, started.batchId)).toMatchObject({ applied: 3, refused: 0 });
    expect(
      count(desk, `SELECT count(*) FROM persons WHERE email = 'pedro.gonzalez@gmail.com'`),
    ).toBe(2);
    // The result says it still, each row as the preview did.
    const result = call(desk, 'bulkLoads.report', { batchId: started.batchId, filter: 'warned' });
    expect(
      result.rows.map((row: { rut: string; sharedEmail: unknown }) => [row.rut, row.sharedEmail]),
    ).toEqual([
      ['13.579.246-2', { rut: '12.345.678-5', line: null }],
      ['19.283.746-4', { rut: '14.253.647-1', line: 4 }],
      ['14.253.647-1', { rut: '19.283.746-4', line: 3 }],
    ]);
    expect(
      call(desk, 'bulkLoads.exportReport', { batchId: started.batchId }).csv as string,
    ).toContain('la fila 4 da el mismo correo a 14.253.647-1');
    // The central refused one row's e-mail: that change did not take effect, nor its warning.
    desk.db.$client
      .prepare(
        `UPDATE outbox SET state = 'rejected' WHERE action_id = (SELECT email_action_id
           FROM bulk_batch_rows WHERE batch_id = ? AND line = 2)`,
      )
      .run(started.batchId);
    const after = call(desk, 'bulkLoads.report', { batchId: started.batchId });
    expect(
      after.rows.map((row: { rut: string; status: string; sharedEmail: unknown }) => [
        row.rut,
        row.status,
        row.sharedEmail !== null,
      ]),
    ).toEqual([
      ['13.579.246-2', 'rejected', false],
      ['19.283.746-4', 'applied', true],
      ['14.253.647-1', 'applied', true],
    ]);
    // A new address nobody holds (one preview per agent: after the apply) warns of nothing.
    const alone = preview(desk, ESPIGA, [
      ['RUT', 'Correo electrónico'],
      ['19.283.746-4', 'jorge.castillo@laespiga.cl'],
    ]);
    expect(alone.totals).toMatchObject({ changes: 1, warned: 0 });
    desk.close();
  });

  it('says a registered legal representative with no access at the company is that, not «not of this company»', () => {
    const desk = core();
    // Gloria: La Espiga's legal representative by its register, with no company profile there.
    const shown = preview(desk, ESPIGA, [
      ['RUT', 'Correo', 'Estado'],
      ['14.725.836-4', 'gloria.nueva@laespiga.cl', ''],
      ['14.725.836-4', 'gloria.nueva@laespiga.cl', ''],
    ]);
    expect(shown.totals).toMatchObject({ rows: 2, changes: 0, refused: 1, duplicate: 1 });
    const { rows } = call(desk, 'bulkLoads.previewRows', { previewId: shown.previewId });
    expect(rows[0]).toMatchObject({ kind: 'refused', reason: 'representative_no_access' });
    const failed = call(desk, 'bulkLoads.failedRows', { previewId: shown.previewId });
    expect(failed.csv).toContain(
      '14.725.836-4;gloria.nueva@laespiga.cl;;"Es representante legal de la empresa según su registro, pero no tiene acceso en ella:',
    );
    expect(failed.csv).not.toContain('no pertenece');
    desk.close();
  });

  it('refuses rows of a file with another company’s people, and gives them back with a reason', () => {
    const desk = core();
    const rows = [
      ['RUT', 'Correo', 'Estado'],
      ['12.345.678-5', 'p@x.cl', ''], // Pedro, of Constructora Los Andes
      ['19.283.746-4', 'nuevo@espiga.cl', ''],
      ['12.345.678-9', '=HYPERLINK("http://malo.example","clic")', ''],
    ];
    const shown = preview(desk, ESPIGA, rows);
    expect(shown.totals).toMatchObject({ rows: 3, changes: 1, refused: 2 });
    const failed = call(desk, 'bulkLoads.failedRows', { previewId: shown.previewId });
    expect(failed.filename).toBe('carga-con-problemas.csv');
    expect(failed.csv).toBe(
      '\ufeffRUT;Correo;Estado;Motivo;Fila\r\n' +
        '12.345.678-5;p@x.cl;;"El RUT es de una persona de otra empresa, no de esta: revise el RUT; si está bien, su propia empresa debe enviar el cambio";2\r\n' +
        // The formula comes back neutralised: a spreadsheet shows it as text. The check digit's
        // words are the preview's: which one those numbers have.
        `12.345.678-9;"'=HYPERLINK(""http://malo.example"",""clic"")";;"RUT inválido: con esos números el dígito verificador sería 5, no 9. Revise los números y el dígito.";4\r\n`,
    );
    desk.close();
  });

  it('reads an .xlsx the same way', async () => {
    const desk = core();
    const envelope = await desk.dispatch('bulkLoads.preview', {
      companyRut: ESPIGA,
      fileName: 'espiga.xlsx',
      contentBase64: base64(
        xlsx([
          ['Rut', 'Estado'],
          [192837464, 'Inhabilitado'],
        ]),
      ),
    });
    expect(envelope).toMatchObject({ ok: true, value: { format: 'xlsx', totals: { disable: 1 } } });
    desk.close();
  });

  it('names the company its RUT is typed for, or says none is on this desk', () => {
    const desk = core();
    expect(call(desk, 'bulkLoads.company', { companyRut: ESPIGA })).toEqual({
      companyRut: ESPIGA,
      companyName: 'Panadería La Espiga Limitada',
    });
    expect(call(desk, 'bulkLoads.company', { companyRut: '11111111-1' })).toBeNull();
    desk.close();
    const agent = core({ as: 'agente' });
    expect(failure(agent, 'bulkLoads.company', { companyRut: ESPIGA }).code).toBe('forbidden');
    agent.close();
  });

  it('is for supervisors only', () => {
    for (const user of ['agente', 'prevencion'] as const) {
      const desk = core({ as: user });
      const error = failure(desk, 'bulkLoads.preview', {
        companyRut: ESPIGA,
        fileName: 'a.csv',
        contentBase64: base64(
          excelCsv1252([
            ['RUT', 'Estado'],
            ['19283746-4', 'inhabilitado'],
          ]),
        ),
      });
      expect(error.code).toBe('forbidden');
      expect(failure(desk, 'bulkLoads.list', {}).code).toBe('forbidden');
      desk.close();
    }
  });

  it('answers bad files in Spanish, and keeps nothing of them', () => {
    const desk = core();
    const message = (bytes: Uint8Array) =>
      failure(desk, 'bulkLoads.preview', {
        companyRut: ESPIGA,
        fileName: 'a.csv',
        contentBase64: base64(bytes),
      }).message;
    expect(message(new Uint8Array())).toBe('El archivo está vacío: no tiene filas con datos.');
    expect(message(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2]))).toMatch(
      /^El archivo no es texto ni una planilla/,
    );
    expect(message(excelCsv1252([['Nombre'], ['Ana']]))).toBe(
      'No se encontró la fila de títulos en las primeras 10 filas: el archivo debe tener una columna «RUT» y al menos una de «Correo» o «Estado».',
    );
    expect(
      message(
        excelCsv1252([
          ['RUT', 'correo', 'correo'],
          ['12345678-5', 'a@b.cl', 'c@d.cl'],
        ]),
      ),
    ).toBe(
      'La columna «correo» aparece dos veces: deje solo la que corresponde y cargue el archivo de nuevo.',
    );
    // Larger than the contract allows: refused before it is decoded.
    expect(
      failure(desk, 'bulkLoads.preview', {
        companyRut: ESPIGA,
        fileName: 'a.csv',
        contentBase64: 'A'.repeat(BULK_MAX_BASE64_CHARS + 4),
      }).code,
    ).toBe('invalid_input');
    expect(count(desk, 'SELECT count(*) FROM bulk_batches')).toBe(0);
    desk.close();
  });

  it('neutralises a formula in the reason when the audit is exported', () => {
    const desk = core();
    const shown = preview(desk, ESPIGA, [
      ['RUT', 'Estado'],
      ['19283746-4', 'inhabilitado'],
    ]);
    call(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: '=HYPERLINK("http://malo.example")',
    });
    const csv = call(desk, 'audit.export', {}).csv as string;
    expect(csv).toContain(`"'=HYPERLINK(""http://malo.example"")"`);
    expect(csv).not.toMatch(/;=HYPERLINK/);
    desk.close();
  });
});

describe('the web door carries the file', () => {
  it('accepts a file larger than ordinary calls, and refuses one over the limit', async () => {
    const desk = core();
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const door = await startWebDoor({ dispatch: desk.dispatch, rendererDir, port: 0 });
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${door.port}/api/bulkLoads.preview`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${door.token}`, 'Content-Type': 'application/json' },
        body,
      });
    // 200 KB of rows: more than the 64 KB every other channel accepts.
    const rows = [
      ['RUT', 'Estado'],
      ...Array.from({ length: 9000 }, () => ['19.283.746-4', 'inhabilitado']),
    ];
    const ok = await post(
      JSON.stringify({
        companyRut: ESPIGA,
        fileName: 'a.csv',
        contentBase64: base64(excelCsv1252(rows)),
      }),
    );
    expect(ok.status).toBe(200);
    expect(
      ((await ok.json()) as { value: { totals: { duplicate: number } } }).value.totals.duplicate,
    ).toBe(8999);
    const huge = await post(
      JSON.stringify({
        companyRut: ESPIGA,
        fileName: 'a.csv',
        contentBase64: 'A'.repeat(BULK_MAX_BASE64_CHARS + 8192),
      }),
    );
    expect(huge.status).toBe(400);
    const empty = await post('');
    expect(empty.status).toBe(400);
    await door.close();
    desk.close();
  });
});
