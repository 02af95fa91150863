/**
 * The supervisor's Panel over known data in a real replica: calls by reason, by Santiago hour
 * across both of Chile's clock changes, outcomes, the actions agents took (by kind and by
 * agent), the diagnosis causes record views showed (recorded in the view's audit event), the
 * sync queue, and who may see it.
 */
import { describe, expect, it } from 'vitest';
import { ADVICE_CAUSES, type CauseCode } from '../../src/shared/contract';
import type { Core } from '../../src/main/core';
import { dashboardMessages } from '../../src/shared/messages/dashboard';
import { excelCsv1252, largestCompanyMembers } from '../support/bulk-files';
import { call, refused, seededCore, signInAs } from '../support/context';

type Clock = { now: Date };

let serial = 0;
/** A call as the desk stores it, opened at an exact instant. */
function insertCall(
  core: Core,
  openedAt: string,
  fields: { reason?: string; outcome?: string | null; agentId?: string; kind?: 'visit' } = {},
) {
  serial += 1;
  const outcome = fields.outcome === undefined ? 'resolved' : fields.outcome;
  core.db.$client
    .prepare(
      `INSERT INTO interactions (id, agent_id, person_rut, reason, outcome, opened_at, closed_at,
         kind)
       VALUES (?, ?, NULL, ?, ?, ?, ?, ?)`,
    )
    .run(
      `call-${serial}`,
      fields.agentId ?? 'agent-demo',
      fields.reason ?? 'forgot_password',
      outcome,
      openedAt,
      outcome === null ? null : openedAt,
      fields.kind ?? 'call',
    );
}

const panel = (core: Core, range: 'today' | '7d' | '30d') =>
  call(core, 'dashboard.panel', { range });

/** Hours with calls, as `{hour: count}`. */
const busyHours = (hours: number[]) =>
  Object.fromEntries(hours.flatMap((n, hour) => (n > 0 ? [[hour, n]] : [])));

describe('the Panel', () => {
  it('counts calls by Santiago hour across the April change (the hour 23:00–24:00 happens twice)', () => {
    // Friday 10 April 2026, 11:00 in Santiago (UTC−4 since Sunday the 5th at 03:00 UTC).
    const clock: Clock = { now: new Date('2026-04-10T15:00:00Z') };
    const core = seededCore(300, { as: 'supervisora', clock });
    insertCall(core, '2026-04-04T02:59:00.000Z'); // 23:59 on Friday the 3rd: outside 7 days
    insertCall(core, '2026-04-04T13:30:00.000Z', { reason: 'locked_attempts' }); // 10:30 (UTC−3)
    insertCall(core, '2026-04-05T02:30:00.000Z', { reason: 'locked_attempts' }); // 23:30 (UTC−3)
    insertCall(core, '2026-04-05T03:30:00.000Z', { outcome: 'escalated' }); // 23:30 again (UTC−4)
    insertCall(core, '2026-04-06T14:30:00.000Z', { outcome: null }); // 10:30 (UTC−4)
    insertCall(core, '2026-04-10T12:05:00.000Z', { reason: 'locked_attempts' }); // 08:05 today

    const week = panel(core, '7d');
    expect(week).toMatchObject({ firstDay: '2026-04-04', lastDay: '2026-04-10', calls: 5 });
    expect(busyHours(week.callsByHour)).toEqual({ 8: 1, 10: 2, 23: 2 });
    expect(week.callsByReason).toEqual([
      { reason: 'locked_attempts', count: 3 },
      { reason: 'forgot_password', count: 2 },
    ]);
    expect(week.outcomes).toEqual([
      { outcome: 'resolved', count: 3 },
      // Ties keep SQLite's grouping order: calls still open (null) first.
      { outcome: null, count: 1 },
      { outcome: 'escalated', count: 1 },
    ]);

    const today = panel(core, 'today');
    expect(today).toMatchObject({ firstDay: '2026-04-10', lastDay: '2026-04-10', calls: 1 });
    expect(busyHours(today.callsByHour)).toEqual({ 8: 1 });
    // The 30 days reach back to 12 March and take in the call of the 3rd too.
    const month = panel(core, '30d');
    expect(month).toMatchObject({ firstDay: '2026-03-12', calls: 6 });
    expect(busyHours(month.callsByHour)).toEqual({ 8: 1, 10: 2, 23: 3 });
  });

  it('counts calls by Santiago hour across the September change (no 00:00–01:00 that night)', () => {
    // Monday 7 September 2026, 12:00 in Santiago (UTC−3 since Sunday the 6th at 04:00 UTC).
    const clock: Clock = { now: new Date('2026-09-07T15:00:00Z') };
    const core = seededCore(300, { as: 'supervisora', clock });
    insertCall(core, '2026-09-06T03:30:00.000Z'); // 23:30 on Saturday the 5th (UTC−4)
    insertCall(core, '2026-09-06T04:30:00.000Z'); // 01:30 on Sunday the 6th (UTC−3)
    insertCall(core, '2026-09-02T13:00:00.000Z'); // 09:00 (UTC−4)
    insertCall(core, '2026-09-07T12:00:00.000Z'); // 09:00 today (UTC−3)
    insertCall(core, '2026-09-01T03:59:00.000Z'); // 23:59 on 31 August: outside 7 days

    const week = panel(core, '7d');
    expect(week).toMatchObject({ firstDay: '2026-09-01', lastDay: '2026-09-07', calls: 4 });
    expect(busyHours(week.callsByHour)).toEqual({ 1: 1, 9: 2, 23: 1 });
    expect(busyHours(panel(core, 'today').callsByHour)).toEqual({ 9: 1 });
  });

  it("counts a prevention officer's visits apart from the calls, on a desk both use", () => {
    const clock: Clock = { now: new Date('2026-04-10T15:00:00Z') };
    const core = seededCore(300, { as: 'supervisora', clock });
    insertCall(core, '2026-04-10T12:05:00.000Z');
    const visit = { agentId: 'prevention-demo', kind: 'visit' } as const;
    insertCall(core, '2026-04-10T13:05:00.000Z', visit);
    insertCall(core, '2026-04-09T13:05:00.000Z', visit);
    expect(panel(core, 'today')).toMatchObject({ calls: 2, visits: 1 });
    expect(panel(core, '7d')).toMatchObject({ calls: 3, visits: 2 });
  });

  it('counts the actions agents took by kind and by agent, leaving out views, calls, locks, supervision and refusals', () => {
    const core = seededCore(300, { as: 'supervisora' });
    call(core, 'interactions.open', { rut: '18765432-7', reason: 'mail_not_arriving' });
    call(core, 'persons.get', { rut: '18765432-7' });
    call(core, 'mails.resend', {
      rut: '18765432-7',
      portal: 'achs_gestion',
      kind: 'password_creation',
    });
    call(core, 'interactions.close', {
      id: call(core, 'interactions.current', {}).id,
      outcome: 'resolved',
      notes: '',
    });
    call(core, 'auth.lock', { reason: 'manual' });
    call(core, 'auth.unlock', { password: 'super600' });
    signInAs(core, 'agente');
    const pedro = call(core, 'persons.get', { rut: '12345678-5' });
    call(core, 'contact.edit', {
      rut: '12345678-5',
      phone: '+56 9 5555 1234',
      reason: 'Lo pidió por teléfono',
      identityCheck: ['serial_number', 'registered_email'],
      expectedVersion: pedro.version,
    });
    call(core, 'mails.resend', {
      rut: '12345678-5',
      portal: 'achs_gestion',
      kind: 'password_reset',
    });
    // Supervision and refusals are counted apart: an officer's look outside his companies, a
    // supervisor's export of the audit.
    signInAs(core, 'prevencion');
    expect(refused(core, 'persons.get', { rut: '7654321-6' }).code).toBe('not_found');
    signInAs(core, 'supervisora');
    call(core, 'audit.export', {});

    const today = panel(core, 'today');
    expect(today.actionsByKind).toEqual([
      { action: 'mail.resend', count: 2 },
      { action: 'person.update_contact', count: 1 },
    ]);
    expect(today.actionsByAgent).toEqual([
      { agentId: 'agent-demo', agentName: expect.any(String), count: 2 },
      { agentId: 'supervisor-demo', agentName: expect.any(String), count: 1 },
    ]);
    expect(today.supervisionByKind).toEqual(
      expect.arrayContaining([
        { action: 'audit.export', count: 1 },
        { action: 'person.view_denied', count: 1 },
      ]),
    );
    expect(today.supervisionByKind).toHaveLength(2);
    expect(today.calls).toBe(1);
    expect(today.outcomes).toEqual([{ outcome: 'resolved', count: 1 }]);
    // Three actions wait for a central API that was never configured; none was refused yet.
    // Two of them are the agent's: they leave with her session, not the supervisor's reading.
    expect(today.syncQueue).toMatchObject({
      pending: 3,
      othersPending: 2,
      conflicts: 0,
      rejected: 0,
    });
    expect(today.syncQueue.oldestPendingAt).toBe(today.generatedAt);
  });

  it("counts a bulk load's rows apart from the actions agents took, and its undoing (walk 58b)", async () => {
    const core = seededCore(3000, { as: 'supervisora' });
    const { company, members } = largestCompanyMembers(core.db.$client);
    const rut = (m: { rut: number; dv: string }) => `${m.rut}-${m.dv}`;
    const [first, second, third] = members;
    const shown = call(core, 'bulkLoads.preview', {
      companyRut: `${company.rut}-${company.dv}`,
      fileName: 'panel.csv',
      contentBase64: Buffer.from(
        excelCsv1252([
          ['RUT', 'Correo electrónico', 'Estado'],
          [rut(first!), `panel.${first!.rut}@carga.cl`, ''],
          [rut(second!), `panel.${second!.rut}@carga.cl`, ''],
          [rut(third!), '', 'inhabilitado'],
        ]),
      ).toString('base64'),
    });
    const load = call(core, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Archivo de la empresa',
    });
    const settled = async (batchId: string) => {
      while (['applying', 'preparing'].includes(call(core, 'bulkLoads.status', { batchId }).state))
        await new Promise((resolve) => setImmediate(resolve));
    };
    await settled(load.batchId);
    // One action taken on a call, beside the load's three rows.
    call(core, 'mails.resend', {
      rut: '18765432-7',
      portal: 'achs_gestion',
      kind: 'password_creation',
    });
    const today = panel(core, 'today');
    expect(today.actionsByKind).toEqual([{ action: 'mail.resend', count: 1 }]);
    expect(today.actionsByAgent).toEqual([
      { agentId: 'supervisor-demo', agentName: expect.any(String), count: 1 },
    ]);
    expect(today.bulkLoads).toEqual({ loads: 1, rowsApplied: 3, undos: 0, rowsUndone: 0 });
    // The rows are still in the audit, each with its batch.
    const rows = core.db.$client
      .prepare(
        `SELECT count(*) FROM audit_events WHERE json_extract(after, '$.batchId') = ?
           AND action <> 'bulk.load'`,
      )
      .pluck()
      .get(load.batchId);
    expect(rows).toBe(3);

    const undo = call(core, 'bulkLoads.undo', {
      batchId: load.batchId,
      reason: 'Archivo equivocado',
    });
    await settled(undo.batchId);
    const after = panel(core, 'today');
    expect(after.actionsByKind).toEqual([{ action: 'mail.resend', count: 1 }]);
    expect(after.bulkLoads).toEqual({ loads: 1, rowsApplied: 3, undos: 1, rowsUndone: 3 });
    expect(dashboardMessages.bulkApart(after.bulkLoads)).toBe(
      'Cargas masivas del período, aparte: 1 carga masiva cambió 3 filas y se deshizo 1 carga (3 filas revertidas). El detalle está en Cargas masivas.',
    );
    expect(dashboardMessages.bulkApart({ loads: 0, rowsApplied: 0, undos: 0, rowsUndone: 0 })).toBe(
      null,
    );
  });

  it('records the causes each record view showed, and counts each person once per cause', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const shown = new Map<string, Set<string>>();
    for (const rut of ['12345678-5', '11111111-1', '9876543-3', '7654321-6', '12345678-5']) {
      const record = call(core, 'persons.get', { rut });
      for (const cause of record.diagnosis as Array<{ code: string }>) {
        shown.set(cause.code, (shown.get(cause.code) ?? new Set()).add(rut));
      }
      // The view's audit event keeps the codes the agent was shown, in order, beside where the
      // record was opened from (a search, by default).
      const [view] = call(core, 'audit.list', { action: 'person.view', limit: 1 }).events;
      const codes = [...new Set(record.diagnosis.map((c: { code: string }) => c.code))];
      expect(view.after).toBe(
        JSON.stringify(codes.length === 0 ? { via: 'search' } : { via: 'search', causes: codes }),
      );
    }
    expect(shown.size).toBeGreaterThan(2);
    // Advice for the caller keeps nobody out: not charted among the causes.
    for (const advice of ADVICE_CAUSES) shown.delete(advice);
    const expected = [...shown.entries()]
      .map(([code, persons]) => ({ code, persons: persons.size }))
      .sort((a, b) => b.persons - a.persons || a.code.localeCompare(b.code))
      .slice(0, 10);
    expect(panel(core, 'today').diagnosisCauses).toEqual(expected);
    expect(panel(core, 'today').diagnosisCauseCount).toBe(shown.size);
  });

  it('charts the 10 most frequent causes and says how many there were in all', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const shown = new Set<string>();
    const ruts = core.db.$client.prepare('SELECT rut, dv FROM persons').all() as Array<{
      rut: number;
      dv: string;
    }>;
    for (const { rut, dv } of ruts) {
      const record = call(core, 'persons.get', { rut: `${rut}-${dv}` });
      for (const cause of record.diagnosis as Array<{ code: CauseCode }>) {
        if (!ADVICE_CAUSES.has(cause.code)) shown.add(cause.code);
      }
    }
    expect(shown.size).toBeGreaterThan(10);
    const today = panel(core, 'today');
    expect(today.diagnosisCauses).toHaveLength(10);
    expect(today.diagnosisCauseCount).toBe(shown.size);
  });

  it('shows the sync queue: pending with the oldest, conflicts, rejections and mails withheld', () => {
    const clock: Clock = { now: new Date('2026-11-21T15:00:00Z') };
    const core = seededCore(300, { as: 'supervisora', clock });
    for (const rut of ['18765432-7', '18765432-7', '18765432-7', '18765432-7', '18765432-7']) {
      call(core, 'mails.resend', { rut, portal: 'achs_gestion', kind: 'password_creation' });
      clock.now = new Date(clock.now.getTime() + 60 * 60_000);
    }
    const sqlite = core.db.$client;
    sqlite.prepare("UPDATE outbox SET state = 'conflict' WHERE seq = 1").run();
    sqlite.prepare("UPDATE outbox SET state = 'rejected' WHERE seq = 2").run();
    // Applied: one without its mail (the central's note kept), one as asked.
    sqlite
      .prepare(
        `UPDATE outbox SET state = 'applied', result = '{"mailsWithheld":["password_creation"]}' WHERE seq = 4`,
      )
      .run();
    sqlite.prepare("UPDATE outbox SET state = 'applied' WHERE seq = 5").run();
    expect(panel(core, '30d').syncQueue).toEqual({
      pending: 1,
      othersPending: 0,
      oldestPendingAt: '2026-11-21T17:00:00.000Z',
      conflicts: 1,
      rejected: 1,
      mailsWithheld: 1,
    });
  });

  it('shows the open Ley 21.719 requests by legal deadline, as they are now', () => {
    // Monday 7 December 2026, 10:00 in Santiago.
    const clock: Clock = { now: new Date('2026-12-07T13:00:00Z') };
    const core = seededCore(300, { as: 'supervisora', clock });
    expect(panel(core, 'today').dataRequests).toEqual({
      overdue: 0,
      dueSoon: 0,
      later: 0,
      soonBusinessDays: 2,
      blocksAfterClose: 0,
    });
    const ask = (rut: string, right: string) =>
      call(core, 'dataRequests.record', {
        rut,
        right,
        channel: 'in_person',
        identityMethod: 'identity_card',
        identityFacts: [],
        detail: 'Lo que pide el titular, en sus palabras',
      });
    ask('12345678-5', 'access'); // 30 calendar days: in time
    ask('14725836-4', 'objection'); // the block stands on it (art. 11)
    ask('14725836-4', 'blocking'); // 2 business days: due soon from the start
    expect(panel(core, 'today').dataRequests).toMatchObject({ overdue: 0, dueSoon: 1, later: 2 });
    // Forty days later every term has passed; the period chosen changes nothing.
    clock.now = new Date('2027-01-16T13:00:00Z');
    expect(panel(core, '30d').dataRequests).toMatchObject({ overdue: 3, dueSoon: 0, later: 0 });
    const numberOf = (right: string) =>
      call(core, 'dataRequests.list', {}).requests.find((r: { right: string }) => r.right === right)
        .number;
    const blocking = numberOf('blocking');
    // The blocking request answered, the block holds while her objection is decided.
    call(core, 'dataRequests.move', { number: blocking, move: 'answer', reason: null });
    expect(panel(core, 'today').dataRequests).toMatchObject({ overdue: 2, blocksAfterClose: 0 });
    // Her objection answered too, nothing is left for the block to stand on, but Gloria stays
    // blocked until someone lifts it: the Panel says so, apart from the open requests.
    call(core, 'dataRequests.move', {
      number: numberOf('objection'),
      move: 'answer',
      reason: null,
    });
    expect(panel(core, 'today').dataRequests).toMatchObject({ overdue: 1, blocksAfterClose: 1 });
    call(core, 'dataRequests.unblock', { number: blocking, reason: 'Respondida: fin del bloqueo' });
    expect(panel(core, 'today').dataRequests).toMatchObject({ blocksAfterClose: 0 });
  });

  it('is for supervisors only', () => {
    for (const user of ['agente', 'prevencion'] as const) {
      const core = seededCore(300, { as: user });
      const envelope = core.dispatchNow('dashboard.panel', { range: 'today' });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const core = seededCore(300, { as: null });
    expect(core.dispatchNow('dashboard.panel', { range: 'today' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    signInAs(core, 'supervisora');
    expect(core.dispatchNow('dashboard.panel', { range: 'year' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
