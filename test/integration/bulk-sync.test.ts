/**
 * A bulk load's actions at the real central API on 127.0.0.1 (issue 8): the central applies each
 * row's intents with the same shared rules, and its answer per row shows in the batch's report
 * and, when it is a conflict or a rejection, in the conflicts inbox — never silently.
 */
import { describe, expect, it } from 'vitest';
import { excelCsv1252 } from '../support/bulk-files';
import { APPLIED_KEPT_DAYS } from '../../src/main/sync/outbox-retention';
import { act, clockAt, openDesk, signIn, startCentral, syncNow } from '../support/sync-setup';

const ESPIGA = '78901234-2';

describe('a bulk load at the central API', () => {
  it('answers per row: applied, conflict, rejected; each in the report and the inbox', async () => {
    const clock = clockAt();
    const central = await startCentral({ clock });
    const desk = await openDesk(central.url, { user: 'supervisora', clock });
    await syncNow(desk);

    const file = excelCsv1252([
      ['RUT', 'Correo electrónico', 'Estado'],
      ['13.579.246-2', '', 'inhabilitado'], // Marcela: applied
      ['19.283.746-4', 'jcastillo@laespiga.cl', ''], // Juan: someone else changes it first
      ['14.253.647-1', '', 'inhabilitado'], // Valentina: her membership is gone centrally
    ]);
    const shown = act(desk, 'bulkLoads.preview', {
      companyRut: ESPIGA,
      fileName: 'espiga.csv',
      contentBase64: Buffer.from(file).toString('base64'),
    });
    expect(shown.totals).toMatchObject({ changes: 3, refused: 0 });
    const batch = act(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Archivo de RR.HH.',
    });
    expect(batch).toMatchObject({ state: 'done', applied: 3, sync: { pending: 3 } });

    // Meanwhile, at the central: another desk already gave Juan another address, and
    // Valentina's access at La Espiga was removed from the register.
    const sqlite = central.db.$client;
    sqlite
      .prepare(
        "UPDATE persons SET email = 'juan.c@otra.cl', version = version + 1 WHERE rut = 19283746",
      )
      .run();
    sqlite
      .prepare('DELETE FROM memberships WHERE person_rut = 14253647 AND company_rut = 78901234')
      .run();

    await syncNow(desk);
    const report = act(desk, 'bulkLoads.report', { batchId: batch.batchId });
    expect(
      report.rows.map((row: { line: number; status: string }) => [row.line, row.status]),
    ).toEqual([
      [2, 'confirmed'],
      [3, 'conflict'],
      [4, 'rejected'],
    ]);
    expect(report.rows[1].serverMessage).toBeTruthy();
    expect(report.rows[2].serverMessage).toBeTruthy();
    expect(act(desk, 'bulkLoads.status', { batchId: batch.batchId }).sync).toEqual({
      pending: 0,
      confirmed: 1,
      conflict: 1,
      rejected: 1,
    });
    expect(
      act(desk, 'bulkLoads.report', { batchId: batch.batchId, filter: 'conflict' }).total,
    ).toBe(2);

    // The same rows wait in the conflicts inbox for a person to decide.
    const issues = act(desk, 'sync.issues', {}) as Array<{
      personRut: string;
      state: string;
      kind: string;
      companyName: string | null;
    }>;
    expect(issues.map((issue) => [issue.personRut, issue.state]).sort()).toEqual([
      ['14253647-1', 'rejected'],
      ['19283746-4', 'conflict'],
    ]);
    // Each names the company it was about, when it was about one.
    expect(issues.map((issue) => [issue.kind.split('.')[0], issue.companyName]).sort()).toEqual([
      ['membership', 'Panadería La Espiga Limitada'],
      ['person', null],
    ]);
    // The central applied the one it could, with the shared rules, and kept its own value.
    expect(
      sqlite
        .prepare(
          'SELECT state FROM memberships WHERE person_rut = 13579246 AND company_rut = 78901234',
        )
        .pluck()
        .get(),
    ).toBe('disabled');
    expect(sqlite.prepare('SELECT email FROM persons WHERE rut = 19283746').pluck().get()).toBe(
      'juan.c@otra.cl',
    );
    // The exported report says it too.
    const csv = act(desk, 'bulkLoads.exportReport', { batchId: batch.batchId }).csv as string;
    expect(csv).toContain('Aplicada y confirmada por el sistema central');
    expect(csv).toContain('En conflicto en el sistema central');
    expect(csv).toContain('Rechazada por el sistema central');

    // A month on, the confirmed action has left the desk's queue (outbox-retention.ts): the
    // report still says it was confirmed.
    clock.now = new Date(clock.now.getTime() + (APPLIED_KEPT_DAYS + 1) * 86_400_000);
    await signIn(desk, 'supervisora');
    await syncNow(desk);
    expect(
      desk.db.$client.prepare("SELECT count(*) FROM outbox WHERE state = 'applied'").pluck().get(),
    ).toBe(0);
    expect(act(desk, 'bulkLoads.report', { batchId: batch.batchId }).rows[0].status).toBe(
      'confirmed',
    );
    expect(act(desk, 'bulkLoads.status', { batchId: batch.batchId }).sync).toEqual({
      pending: 0,
      confirmed: 1,
      conflict: 1,
      rejected: 1,
    });
  });
});

describe('an undone bulk load at the central API', () => {
  it('gives back the confirmed address confirmed, with no mail; nobody else may say an address is confirmed', async () => {
    const clock = clockAt();
    const central = await startCentral({ clock });
    const desk = await openDesk(central.url, { user: 'supervisora', clock });
    await syncNow(desk);
    const sqlite = central.db.$client;
    const MARCELA = 13579246;
    const verification = () =>
      sqlite
        .prepare(
          `SELECT portal, email_verified AS verified FROM accounts
           WHERE person_rut = ? AND registration_state = 'active' ORDER BY portal`,
        )
        .all(MARCELA) as Array<{ portal: string; verified: number }>;
    const confirmations = (address: string) =>
      sqlite
        .prepare(
          `SELECT count(*) FROM mails
           WHERE person_rut = ? AND kind = 'email_confirmation' AND to_address = ?`,
        )
        .pluck()
        .get(MARCELA, address) as number;
    const before = verification();
    const address = sqlite.prepare('SELECT email FROM persons WHERE rut = ?').pluck().get(MARCELA);
    expect(before.some((account) => account.verified === 1)).toBe(true);

    const shown = act(desk, 'bulkLoads.preview', {
      companyRut: ESPIGA,
      fileName: 'espiga.csv',
      contentBase64: Buffer.from(
        excelCsv1252([
          ['RUT', 'Correo electrónico'],
          ['13.579.246-2', 'marcela.error@laespiga.cl'],
        ]),
      ).toString('base64'),
    });
    const batch = act(desk, 'bulkLoads.apply', { previewId: shown.previewId, reason: 'Archivo' });
    await syncNow(desk);
    // At the central: a new address, to be confirmed on every account, by mail.
    expect(verification().every((account) => account.verified === 0)).toBe(true);
    expect(confirmations('marcela.error@laespiga.cl')).toBe(before.length);

    const undo = act(desk, 'bulkLoads.undo', {
      batchId: batch.batchId,
      reason: 'La empresa envió el archivo equivocado',
    });
    expect(undo).toMatchObject({ kind: 'undo', state: 'done', applied: 1 });
    await syncNow(desk);
    expect(act(desk, 'bulkLoads.report', { batchId: undo.batchId }).rows[0].status).toBe(
      'confirmed',
    );
    expect(sqlite.prepare('SELECT email FROM persons WHERE rut = ?').pluck().get(MARCELA)).toBe(
      address,
    );
    expect(verification()).toEqual(before);
    expect(confirmations(address as string)).toBe(
      before.filter((account) => account.verified === 0).length,
    );
    // The desk's replica agrees once pulled.
    expect(
      desk.db.$client
        .prepare(
          `SELECT portal, email_verified AS verified FROM accounts
           WHERE person_rut = ? AND registration_state = 'active' ORDER BY portal`,
        )
        .all(MARCELA),
    ).toEqual(before);
  });
});
