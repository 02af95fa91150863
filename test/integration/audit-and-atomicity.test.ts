/**
 * Every action is one transaction: a failure at any step leaves nothing behind. The audit log
 * is append-only, hash-chained, browsable by supervisors and exportable.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { call, changeAtAndes, seededCore, ANDES_CALLER } from '../support/context';

const PEDRO = '12345678-5';
const CHECKED = ['serial_number', 'registered_phone'];

function snapshot(core: Core): string {
  const hash = createHash('sha256');
  for (const table of [
    'persons',
    'accounts',
    'memberships',
    'mails',
    'outbox',
    'audit_events',
    'interactions',
  ]) {
    for (const row of core.db.$client.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}

/** Each action with a valid input for the demo cast, built from the current record. */
const ACTIONS: Array<[string, (core: Core) => unknown]> = [
  [
    'accounts.unlock',
    (core) => ({
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: CHECKED,
      expectedVersion: call(core, 'persons.get', { rut: PEDRO }).accounts[0].version,
    }),
  ],
  [
    'accounts.clearRegistrationBlock',
    (core) => ({
      rut: '11111111-1',
      portal: 'achs_gestion',
      identityCheck: CHECKED,
      expectedVersion: call(core, 'persons.get', { rut: '11111111-1' }).accounts[0].version,
    }),
  ],
  [
    'contact.edit',
    (core) => ({
      rut: PEDRO,
      email: 'nuevo@correo.cl',
      phone: '+56 9 1234 0000',
      reason: 'Corrección',
      identityCheck: CHECKED,
      expectedVersion: call(core, 'persons.get', { rut: PEDRO }).version,
    }),
  ],
  [
    'mails.resend',
    () => ({ rut: '18765432-7', portal: 'achs_gestion', kind: 'password_creation' }),
  ],
  // A dismissal, asked by the company (rule 7).
  ['companyUsers.change', () => changeAtAndes(PEDRO, 'dismiss')],
  [
    'memberships.changeRole',
    (core) => ({
      rut: PEDRO,
      companyRut: '76543210-3',
      role: 'company_user',
      reason: 'Perfil',
      expectedVersion: call(core, 'persons.get', { rut: PEDRO }).memberships[0].version,
      ...ANDES_CALLER,
    }),
  ],
];

describe('one transaction per action', () => {
  for (const [channel, input] of ACTIONS) {
    for (const step of ['outbox', 'audit'] as const) {
      it(`${channel}: a failure writing the ${step} leaves nothing behind`, () => {
        const core = seededCore(300, { as: 'supervisora' });
        const value = input(core);
        const before = snapshot(core);
        const repos = core.context.repos;
        if (step === 'outbox') {
          repos.outbox.enqueue = () => {
            throw new Error('disk full');
          };
        } else {
          repos.audit.append = () => {
            throw new Error('disk full');
          };
        }
        const envelope = core.dispatchNow(channel, value);
        expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
        expect(snapshot(core)).toBe(before);
      });
    }

    it(`${channel}: succeeds with one outbox entry and one audit event`, () => {
      const core = seededCore(300, { as: 'supervisora' });
      const value = input(core);
      const count = (sql: string) => (core.db.$client.prepare(sql).get() as { n: number }).n;
      const audits = count('SELECT count(*) AS n FROM audit_events');
      const envelope = core.dispatchNow(channel, value);
      expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
      expect(count('SELECT count(*) AS n FROM outbox')).toBe(1);
      expect(count('SELECT count(*) AS n FROM audit_events')).toBe(audits + 1);
    });
  }
});

describe('audit log', () => {
  it('chains every event and verifies clean', () => {
    const core = seededCore(300, { as: 'supervisora' });
    for (const [channel, input] of ACTIONS.slice(0, 4)) call(core, channel, input(core));
    const report = call(core, 'audit.verify', {});
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(5);
  });

  it('refuses updates and deletes in the database itself', () => {
    const core = seededCore(300, { as: 'supervisora' });
    call(core, 'persons.get', { rut: PEDRO });
    expect(() => core.db.$client.prepare("UPDATE audit_events SET reason = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(() => core.db.$client.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
  });

  it.each([
    [
      'a changed field',
      "UPDATE audit_events SET reason = 'cambiado' WHERE seq = 3",
      3,
      'hash_mismatch',
    ],
    ['a removed event', 'DELETE FROM audit_events WHERE seq = 2', 3, 'link_broken'],
    [
      'a changed event with a made-up hash',
      "UPDATE audit_events SET action = 'account.unlock', hash = 'f'||substr(hash, 2) WHERE seq = 2",
      2,
      'hash_mismatch',
    ],
  ])('names the first broken event after %s', (_what, tamper, seq, problem) => {
    const core = seededCore(300, { as: 'supervisora' });
    for (let i = 0; i < 5; i++) call(core, 'persons.get', { rut: PEDRO });
    // Someone with the file bypasses the triggers.
    core.db.$client.exec(
      'DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;',
    );
    core.db.$client.exec(tamper);
    const report = call(core, 'audit.verify', {});
    expect(report).toMatchObject({ ok: false, firstBroken: { seq, problem } });
  });

  it('filters by person, agent, action and date for a supervisor', () => {
    const core = seededCore(300, { as: 'supervisora' });
    call(core, 'persons.get', { rut: PEDRO });
    call(core, 'persons.get', { rut: '11111111-1' });
    call(core, 'mails.resend', {
      rut: '18765432-7',
      portal: 'achs_gestion',
      kind: 'password_creation',
    });
    const byPerson = call(core, 'audit.list', { personRut: '12.345.678-5' });
    expect(byPerson.total).toBe(1);
    expect(byPerson.events[0]).toMatchObject({
      personRut: PEDRO,
      action: 'person.view',
      agentId: 'supervisor-demo',
    });
    expect(call(core, 'audit.list', { action: 'mail.resend' }).total).toBe(1);
    expect(call(core, 'audit.list', { agentId: 'agent-demo' }).total).toBe(0);
    // FIXED_NOW is 2026-11-21 12:00 in Santiago: the sign-in, the two views and the mail.
    expect(call(core, 'audit.list', { from: '2026-11-21', to: '2026-11-21' }).total).toBe(4);
    expect(call(core, 'audit.list', { from: '2026-11-22' }).total).toBe(0);
    expect(call(core, 'audit.list', { to: '2026-11-20' }).total).toBe(0);
  });

  it('names the company a change is about, on screen and in the spreadsheet export', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const company = core.db.$client
      .prepare('SELECT legal_name AS name FROM companies WHERE rut = 76543210')
      .get() as { name: string };
    call(core, 'memberships.changeRole', {
      rut: PEDRO,
      companyRut: '76543210-3',
      role: 'company_user',
      reason: 'Perfil',
      expectedVersion: call(core, 'persons.get', { rut: PEDRO }).memberships[0].version,
      ...ANDES_CALLER,
    });
    const [event] = call(core, 'audit.list', { action: 'membership.change_role' }).events;
    expect(event?.company).toEqual({ rut: 76543210, name: company.name });
    // An event that names no company joins none.
    const [view] = call(core, 'audit.list', { action: 'person.view' }).events;
    expect(view?.company).toBeNull();
    const { csv } = call(core, 'audit.export', { action: 'membership.change_role' });
    expect(csv).toContain(`Empresa: ${company.name} (76.543.210-3)`);
    // A before or after that is not JSON names no company, and fails nothing.
    core.db.$client
      .prepare(
        `INSERT INTO audit_events (id, at, agent_id, device_id, action, before, after, prev_hash, hash)
         VALUES ('odd', ?, 'agent-1', 'device', 'bulk.load', 'no es json', '{roto', 'x', 'y')`,
      )
      .run(new Date().toISOString());
    const [odd] = call(core, 'audit.list', { action: 'bulk.load' }).events;
    expect(odd).toMatchObject({ id: 'odd', company: null });
    expect(call(core, 'audit.export', { action: 'bulk.load' }).rows).toBe(1);
  });

  it('filters winter dates by Santiago days too (UTC−4)', () => {
    // 23:30 on 9 June in Santiago is 03:30 UTC on 10 June.
    const core = seededCore(300, {
      as: 'supervisora',
      clock: { now: new Date('2026-06-10T03:30:00Z') },
    });
    call(core, 'persons.get', { rut: PEDRO });
    // The sign-in and the view.
    expect(call(core, 'audit.list', { from: '2026-06-09', to: '2026-06-09' }).total).toBe(2);
    expect(call(core, 'audit.list', { from: '2026-06-10' }).total).toBe(0);
  });

  it('keeps the machine-readable export (every column, hashes, commas) on request', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const version = call(core, 'persons.get', { rut: PEDRO }).version;
    call(core, 'contact.edit', {
      rut: PEDRO,
      phone: '+56 9 1234 0000',
      reason: '=HYPERLINK("http://x"), "comillas"\ny salto',
      identityCheck: [],
      expectedVersion: version,
    });
    const { csv, rows, filename } = call(core, 'audit.export', { format: 'machine' });
    expect(filename).toBe('auditoria-2026-11-21.csv');
    // The sign-in, the view and the change.
    expect(rows).toBe(3);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'seq,at,agentId,deviceId,personRut,action,before,after,reason,identityCheck,interactionId,prevHash,hash',
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://x""), ""comillas""\ny salto"`);
  });

  it('exports by default the CSV a Chilean spreadsheet opens: ; BOM Spanish names labels', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const version = call(core, 'persons.get', { rut: PEDRO }).version;
    call(core, 'contact.edit', {
      rut: PEDRO,
      phone: '+56 9 1234 0000',
      reason: '=HYPERLINK("http://x"); "comillas"\ny salto',
      identityCheck: [],
      expectedVersion: version,
    });
    const { csv, rows, filename } = call(core, 'audit.export', {});
    expect(filename).toBe('auditoria-21-11-2026.csv');
    expect(rows).toBe(3);
    expect(csv.startsWith('\ufeffN°;Fecha y hora (Chile);Agente;RUT;Persona;Acción;')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    // FIXED_NOW is 12:00 in Santiago; oldest first: the sign-in, said in words, then the view,
    // with where it was opened from and the causes its diagnosis showed (issue 10) in words.
    expect(lines[1]).toMatch(
      /^1;21-11-2026 12:00:00;Sara Supervisora;;;Ingresó a la mesa;;Comprobado: en este equipo;;;/,
    );
    expect(lines[2]).toMatch(
      /^2;21-11-2026 12:00:00;Sara Supervisora;12\.345\.678-5;Pedro Andrés González Muñoz;Vio la ficha;;Abierta desde: Búsqueda \| Diagnóstico mostrado: Bloqueo por intentos;;;/,
    );
    // (the e-mail it left as it was is no change to list)
    expect(lines[3]).toContain(
      ';Cambió datos de contacto;Celular: +56 9 8765 4321;Celular: +56 9 1234 0000;',
    );
    expect(csv).toContain(`;"'=HYPERLINK(""http://x""); ""comillas""\ny salto";`);
    expect(csv).not.toMatch(/person\.view|supervisor-demo|12345678-5/);
    // Leaving record views out, as the screen does by default: the sign-in, the contact change,
    // and the first export, which is an audit event itself (issue 10).
    expect(call(core, 'audit.export', { includeViews: false }).rows).toBe(3);
  });

  it('lists with the person name, and leaves record views out when asked', () => {
    const core = seededCore(300, { as: 'supervisora' });
    call(core, 'persons.get', { rut: PEDRO });
    call(core, 'mails.resend', {
      rut: '18765432-7',
      portal: 'achs_gestion',
      kind: 'password_creation',
    });
    const all = call(core, 'audit.list', {});
    expect(all.total).toBe(3);
    expect(all.events[1]).toMatchObject({
      action: 'person.view',
      personName: 'Pedro Andrés González Muñoz',
    });
    const actions = call(core, 'audit.list', { includeViews: false });
    expect(actions.total).toBe(2);
    expect(actions.events.map((e: { action: string }) => e.action)).toEqual([
      'mail.resend',
      'session.sign_in',
    ]);
    expect(actions.events[0].personName).toEqual(expect.any(String));
    // Asking for views by action shows them even with views left out.
    expect(call(core, 'audit.list', { includeViews: false, action: 'person.view' }).total).toBe(1);
  });

  it('is for supervisors only', () => {
    const core = seededCore(300);
    for (const channel of ['audit.list', 'audit.export', 'audit.verify']) {
      const envelope = core.dispatchNow(channel, {});
      expect(envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});
