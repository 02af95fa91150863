/**
 * Acting on a selection of people (issue 8, item 2), through the core on a real replica: each
 * action, each reason a person is skipped for, one audit event and one outbox intent per person
 * acted on, the supervisor-only rule, the reason that stands in for a caller, cancel, the
 * stale check, "todos", the report's CSV, and undo.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import type { SelectionJob, SelectionPreview } from '../../src/shared/contract';
import { auditDetailLine, describeAuditChange } from '../../src/shared/audit-details';
import { ruleMessages } from '../../src/shared/messages';
import { loginRut, rutFromBody } from '../../src/shared/rut';
import { changeAtAndes, FIXED_NOW, signInAs, tempDir } from '../support/context';

const PEDRO = '12345678-5'; // locked on ACHS Gestión, active at Los Andes
const MARIA = '11111111-1'; // registration blocked, never registered
const ANA = '9876543-3'; // no e-mail
const JUAN = '15234567-4'; // dismissed from Los Andes, his only company
const CAMILA = '16789012-1'; // active at Los Andes, dismissed from Biobío
const RAMON = '7654321-6'; // only at Biobío (not adherent)
const FRANCISCA = '18765432-7'; // password-creation link never used
const ANDES = '76543210-3';
const BIOBIO = '77123456-9';
const REASON = 'Solicitud de la empresa por correo, ticket 4411';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) {
    await core.selectionIdle();
    core.close();
  }
});

function open(options: { as?: 'supervisora' | 'agente'; slice?: number } = {}): Core {
  const core = createCore({
    dataDir: tempDir(),
    door: 'web',
    version: 'test',
    demoPersons: 300,
    now: () => FIXED_NOW,
    log: () => {},
    selectionSlicePersons: options.slice,
  });
  cores.push(core);
  signInAs(core, options.as ?? 'supervisora');
  return core;
}

async function ask<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const envelope = await core.dispatch(channel, input);
  if (!envelope.ok)
    throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

async function refused(core: Core, channel: string, input: unknown) {
  const envelope = await core.dispatch(channel, input);
  if (envelope.ok) throw new Error(`${channel} should have been refused`);
  return envelope.error;
}

const body = (rut: string) => Number(rut.slice(0, rut.indexOf('-')));

/** preview → start → wait → the finished run. */
async function run(
  core: Core,
  action: string,
  ruts: string[],
  companyRut: string | null = null,
): Promise<{ preview: SelectionPreview; job: SelectionJob }> {
  const preview = await ask<SelectionPreview>(core, 'selection.preview', {
    action,
    ruts,
    companyRut,
  });
  const started = await ask<SelectionJob>(core, 'selection.start', {
    planId: preview.planId,
    reason: REASON,
  });
  await core.selectionIdle();
  return { preview, job: await ask<SelectionJob>(core, 'selection.status', started) };
}

const byRut = (job: SelectionJob) => Object.fromEntries(job.outcomes.map((o) => [o.rut, o]));

function auditOf(core: Core, selectionId: string) {
  return core.db.$client
    .prepare(
      `SELECT person_rut, action, reason, identity_check, "after" FROM audit_events
       WHERE json_extract("after", '$.selectionId') = ? ORDER BY seq`,
    )
    .all(selectionId) as Array<{
    person_rut: number;
    action: string;
    reason: string;
    identity_check: string | null;
    after: string;
  }>;
}

function outboxOf(core: Core, selectionId: string) {
  return core.db.$client
    .prepare(
      `SELECT person_rut, kind, payload FROM outbox
       WHERE json_extract(payload, '$.selectionId') = ? ORDER BY seq`,
    )
    .all(selectionId) as Array<{ person_rut: number; kind: string; payload: string }>;
}

/** One audit event and one outbox intent of `kind` for each person the run acted on. */
function expectOneEach(core: Core, job: SelectionJob, kind: string) {
  const done = job.outcomes.filter((o) => o.status === 'done').map((o) => body(o.rut));
  const audit = auditOf(core, job.jobId);
  expect(audit.map((a) => a.person_rut).sort()).toEqual([...done].sort());
  for (const event of audit) {
    expect(event.action).toBe(kind);
    expect(event.reason).toBe(REASON);
    // Nobody was on the line: no identity fact is claimed, and the event says so.
    expect(event.identity_check).toBeNull();
    expect(JSON.parse(event.after)).toMatchObject({ selectionId: job.jobId, callerPresent: false });
  }
  const outbox = outboxOf(core, job.jobId);
  expect(outbox.map((o) => o.person_rut).sort()).toEqual([...done].sort());
  expect(new Set(outbox.map((o) => o.kind))).toEqual(new Set(done.length ? [kind] : []));
}

const locked = (core: Core, rut: string) =>
  core.db.$client
    .prepare('SELECT locked_until FROM accounts WHERE person_rut = ? AND locked_until IS NOT NULL')
    .all(body(rut)).length;

describe('unlock a selection', () => {
  it('unlocks each locked person with their own action and lists the others with the reason', async () => {
    const core = open();
    // A second locked person.
    core.db.$client
      .prepare("UPDATE accounts SET locked_until = '2026-11-21T16:00:00.000Z' WHERE person_rut = ?")
      .run(body(CAMILA));
    const { preview, job } = await run(core, 'unlock', [PEDRO, CAMILA, MARIA, ANA]);
    expect(preview).toMatchObject({ total: 4, applicable: 2 });
    expect(preview.skipped.map((o) => [o.rut, o.code])).toEqual([
      [MARIA, 'not_locked'],
      [ANA, 'not_locked'],
    ]);
    expect(job).toMatchObject({ state: 'done', total: 4, processed: 4, applied: 2, skipped: 2 });
    expect(byRut(job)[PEDRO]).toMatchObject({ status: 'done', portals: ['achs_gestion'] });
    expect(byRut(job)[ANA]).toMatchObject({ status: 'skipped', code: 'not_locked' });
    expect(locked(core, PEDRO)).toBe(0);
    expect(locked(core, CAMILA)).toBe(0);
    expectOneEach(core, job, 'account.unlock');
    // The audit screen says what kind of event it was.
    const details = describeAuditChange(null, auditOf(core, job.jobId)[0]!.after).map(
      auditDetailLine,
    );
    expect(details).toContain('Con la persona al teléfono: No');
    // The audit chain still verifies with the selection's events in it.
    expect(await ask(core, 'audit.verify', {})).toMatchObject({ ok: true });
  });

  it('says in the preview that a person under a Ley 21.719 block is left out, as the run leaves them', async () => {
    const core = open();
    core.db.$client
      .prepare("UPDATE accounts SET locked_until = '2026-11-21T16:00:00.000Z' WHERE person_rut = ?")
      .run(body(CAMILA));
    // A block stands on an open objection (art. 11): recorded first.
    for (const right of ['objection', 'blocking'] as const) {
      await ask(core, 'dataRequests.record', {
        rut: CAMILA,
        right,
        channel: 'phone',
        identityMethod: 'facts',
        identityFacts: ['serial_number', 'employer'],
        detail: 'Pide que no se traten sus datos mientras reclama',
      });
    }
    const { preview, job } = await run(core, 'unlock', [PEDRO, CAMILA]);
    expect(preview).toMatchObject({ total: 2, applicable: 1 });
    expect(preview.skipped).toEqual([
      expect.objectContaining({
        rut: CAMILA,
        message: expect.stringMatching(
          /^La persona tiene un bloqueo temporal vigente por la solicitud SOL-/,
        ),
      }),
    ]);
    expect(job).toMatchObject({ state: 'done', applied: 1, skipped: 1 });
    expect(locked(core, CAMILA)).toBe(1);
  });

  it('within a company, touches only the company’s login', async () => {
    const core = open();
    const { job } = await run(core, 'unlock', [PEDRO], '96512340-7');
    // Comercial Araucanía is a Los Héroes company; Pedro's lock is on ACHS Gestión.
    expect(byRut(job)[PEDRO]).toMatchObject({ status: 'skipped', code: 'no_account' });
    expect(locked(core, PEDRO)).toBe(1);
  });
});

describe('resend the password mail', () => {
  it('sends the kind that fits each person, once, and explains every one it does not', async () => {
    const core = open();
    const { job } = await run(core, 'resend_mail', [PEDRO, FRANCISCA, ANA, JUAN, MARIA]);
    const outcome = byRut(job);
    expect(outcome[PEDRO]).toMatchObject({ status: 'done', mailKind: 'password_reset' });
    expect(outcome[FRANCISCA]).toMatchObject({ status: 'done', mailKind: 'password_creation' });
    expect(outcome[ANA]).toMatchObject({ status: 'skipped', code: 'no_email' });
    expect(outcome[JUAN]).toMatchObject({ status: 'skipped', code: 'no_access' });
    expect(outcome[MARIA]).toMatchObject({ status: 'skipped', code: 'not_registered' });
    expectOneEach(core, job, 'mail.resend');
    const mails = core.db.$client
      .prepare("SELECT person_rut, kind FROM mails WHERE outcome = 'queued' ORDER BY person_rut")
      .all();
    expect(mails).toEqual([
      { person_rut: body(PEDRO), kind: 'password_reset' },
      { person_rut: body(FRANCISCA), kind: 'password_creation' },
    ]);

    // Again at once: the cool-down, with the minutes left.
    const { job: again } = await run(core, 'resend_mail', [PEDRO]);
    expect(byRut(again)[PEDRO]).toMatchObject({ status: 'skipped', code: 'cooldown', minutes: 10 });
    expect(auditOf(core, again.jobId)).toEqual([]);
  });
});

describe('disable and enable at a company', () => {
  it('disables the active ones; the dismissed, the outsiders and the already disabled are listed', async () => {
    const core = open();
    const RICARDO = '12131415-0';
    const { job } = await run(core, 'disable', [PEDRO, CAMILA, JUAN, RAMON, RICARDO], ANDES);
    const outcome = byRut(job);
    expect(outcome[PEDRO]!.status).toBe('done');
    expect(outcome[CAMILA]!.status).toBe('done');
    expect(outcome[JUAN]).toMatchObject({ status: 'skipped', code: 'dismissed' });
    expect(outcome[RAMON]).toMatchObject({ status: 'skipped', code: 'no_membership' });
    // The legal representative's access goes only at his own request, on the company's page.
    expect(outcome[RICARDO]).toMatchObject({
      status: 'skipped',
      code: 'failed',
      message: ruleMessages['representative_himself']!({}),
    });
    expectOneEach(core, job, 'membership.disable');
    const state = (rut: string, company: string) =>
      (
        core.db.$client
          .prepare('SELECT state FROM memberships WHERE person_rut = ? AND company_rut = ?')
          .get(body(rut), body(company)) as { state: string }
      ).state;
    expect(state(PEDRO, ANDES)).toBe('disabled');
    expect(state(CAMILA, ANDES)).toBe('disabled');

    const { job: twice } = await run(core, 'disable', [PEDRO], ANDES);
    expect(byRut(twice)[PEDRO]).toMatchObject({ status: 'skipped', code: 'already_disabled' });

    // Enabling needs no caller's identity here (there is none): the reason and the audit say so.
    const { job: back } = await run(core, 'enable', [PEDRO, CAMILA, JUAN], ANDES);
    expect(byRut(back)[PEDRO]!.status).toBe('done');
    expect(byRut(back)[JUAN]).toMatchObject({ code: 'dismissed' });
    expectOneEach(core, back, 'membership.enable');
    expect(state(PEDRO, ANDES)).toBe('active');

    const { job: again } = await run(core, 'enable', [PEDRO], ANDES);
    expect(byRut(again)[PEDRO]).toMatchObject({ code: 'already_enabled' });
  });

  it('does not enable at a company that is no longer adherent', async () => {
    const core = open();
    core.db.$client
      .prepare("UPDATE memberships SET state = 'disabled' WHERE person_rut = ?")
      .run(body(RAMON));
    const { job } = await run(core, 'enable', [RAMON], BIOBIO);
    expect(byRut(job)[RAMON]).toMatchObject({ code: 'company_not_adherent' });
    expect(auditOf(core, job.jobId)).toEqual([]);
  });

  it('needs the company: without one, a membership action is refused in Spanish', async () => {
    const core = open();
    const error = await refused(core, 'selection.preview', { action: 'disable', ruts: [PEDRO] });
    expect(error.message).toMatch(/empresa/);
  });
});

describe('undo a disable', () => {
  it('enables back the ones it disabled, except those changed since', async () => {
    const core = open();
    const { job } = await run(core, 'disable', [PEDRO, CAMILA, FRANCISCA], ANDES);
    expect(job.applied).toBe(3);
    expect(job.undoable).toBe(true);
    // Camila is enabled again by hand; Francisca is enabled and disabled again: both changed.
    // On a call, each is the company's (its administrator calls).
    const change = (rut: string, change: 'enable' | 'disable') =>
      ask(core, 'companyUsers.change', changeAtAndes(rut, change));
    await change(CAMILA, 'enable');
    await change(FRANCISCA, 'enable');
    await change(FRANCISCA, 'disable');

    const started = await ask<SelectionJob>(core, 'selection.undo', {
      jobId: job.jobId,
      reason: 'Deshacer: la empresa se equivocó de lista',
    });
    expect(started).toMatchObject({ action: 'enable', undoOf: job.jobId });
    await core.selectionIdle();
    const undo = await ask<SelectionJob>(core, 'selection.status', started);
    const outcome = byRut(undo);
    expect(outcome[PEDRO]!.status).toBe('done');
    expect(outcome[CAMILA]).toMatchObject({ code: 'changed_since', state: 'active' });
    expect(outcome[FRANCISCA]).toMatchObject({ code: 'changed_since', state: 'disabled' });
    expect(auditOf(core, undo.jobId).map((a) => [a.person_rut, a.action])).toEqual([
      [body(PEDRO), 'membership.enable'],
    ]);
    // Once only.
    const original = await ask<SelectionJob>(core, 'selection.status', { jobId: job.jobId });
    expect(original).toMatchObject({ undoable: false, undoneBy: undo.jobId });
    expect(
      (await refused(core, 'selection.undo', { jobId: job.jobId, reason: REASON })).message,
    ).toMatch(/ya se deshizo/);
  });
});

describe('who, why and how', () => {
  it('is for supervisors only', async () => {
    const core = open({ as: 'agente' });
    for (const [channel, input] of [
      ['selection.resolve', { kind: 'company', companyRut: ANDES }],
      ['selection.preview', { action: 'unlock', ruts: [PEDRO] }],
    ] as const) {
      expect(await refused(core, channel, input)).toMatchObject({ code: 'forbidden' });
    }
  });

  it('needs a reason that says whose request it was; a short one changes nothing', async () => {
    const core = open();
    const preview = await ask<SelectionPreview>(core, 'selection.preview', {
      action: 'unlock',
      ruts: [PEDRO],
    });
    const error = await refused(core, 'selection.start', { planId: preview.planId, reason: 'ok' });
    expect(error).toMatchObject({ code: 'rule' });
    expect(error.message).toMatch(/quién lo pidió/);
    expect(locked(core, PEDRO)).toBe(1);
    expect(core.db.$client.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('a person changed since the preview is reported stale, not overwritten', async () => {
    const core = open();
    const preview = await ask<SelectionPreview>(core, 'selection.preview', {
      action: 'unlock',
      ruts: [PEDRO],
    });
    // A sync brings a newer version of the account meanwhile.
    core.db.$client
      .prepare('UPDATE accounts SET version = version + 1 WHERE person_rut = ?')
      .run(body(PEDRO));
    const started = await ask<SelectionJob>(core, 'selection.start', {
      planId: preview.planId,
      reason: REASON,
    });
    await core.selectionIdle();
    const job = await ask<SelectionJob>(core, 'selection.status', started);
    expect(byRut(job)[PEDRO]).toMatchObject({ status: 'skipped', code: 'stale' });
    expect(locked(core, PEDRO)).toBe(1);
    const jobs = core.db.$client
      .prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'account.unlock'")
      .get();
    expect(jobs).toEqual({ n: 0 });
  });

  it('cancels between persons: those done stay done and audited, the rest are listed', async () => {
    const core = open({ slice: 5 });
    // The demo's biggest employer.
    const biggest = core.db.$client
      .prepare(
        'SELECT company_rut AS rut FROM memberships GROUP BY company_rut ORDER BY count(*) DESC LIMIT 1',
      )
      .get() as { rut: number };
    const companyRut = loginRut(rutFromBody(biggest.rut));
    const { ruts } = await ask<{ ruts: string[] }>(core, 'selection.resolve', {
      kind: 'company',
      companyRut,
    });
    expect(ruts.length).toBeGreaterThan(12);
    const preview = await ask<SelectionPreview>(core, 'selection.preview', {
      action: 'disable',
      ruts,
      companyRut,
    });
    const started = await ask<SelectionJob>(core, 'selection.start', {
      planId: preview.planId,
      reason: REASON,
    });
    expect(started).toMatchObject({ state: 'running', processed: 0 });
    let status = started;
    while (status.processed === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      status = await ask<SelectionJob>(core, 'selection.status', started);
    }
    // While it runs the UI gets counts, not the list.
    expect(status.outcomes).toEqual([]);
    await ask(core, 'selection.cancel', started);
    await core.selectionIdle();
    const job = await ask<SelectionJob>(core, 'selection.status', started);
    expect(job.state).toBe('cancelled');
    expect(job.processed).toBeLessThan(ruts.length);
    expect(job.outcomes).toHaveLength(ruts.length);
    const notProcessed = job.outcomes.filter((o) => o.code === 'not_processed');
    expect(notProcessed.length).toBe(ruts.length - 5);
    expectOneEach(core, job, 'membership.disable');
  });

  it('stops when the supervisor signs out mid-run', async () => {
    const core = open({ slice: 2 });
    const preview = await ask<SelectionPreview>(core, 'selection.preview', {
      action: 'disable',
      ruts: [PEDRO, CAMILA, FRANCISCA, MARIA, ANA],
      companyRut: ANDES,
    });
    const started = await ask<SelectionJob>(core, 'selection.start', {
      planId: preview.planId,
      reason: REASON,
    });
    await ask(core, 'auth.signOut', {});
    await core.selectionIdle();
    signInAs(core, 'supervisora');
    const job = await ask<SelectionJob>(core, 'selection.status', started);
    expect(job.state).toBe('interrupted');
    expect(job.outcomes.every((o) => o.code === 'not_processed')).toBe(true);
    expect(auditOf(core, job.jobId)).toEqual([]);
  });

  it('"todos" resolves the same list: a company’s users, or a search', async () => {
    const core = open();
    const company = await ask<{ ruts: string[]; total: number; capped: boolean }>(
      core,
      'selection.resolve',
      { kind: 'company', companyRut: ANDES },
    );
    const members = core.db.$client
      .prepare('SELECT count(*) AS n FROM memberships WHERE company_rut = ?')
      .get(body(ANDES)) as { n: number };
    expect(company).toMatchObject({ total: members.n, capped: false });
    expect(company.ruts).toHaveLength(members.n);
    expect(company.ruts).toContain(PEDRO);
    const search = await ask<{ ruts: string[]; total: number }>(core, 'selection.resolve', {
      kind: 'search',
      text: 'gonzalez',
      companyRut: null,
    });
    const page = await ask<{ total: number }>(core, 'persons.search', {
      text: 'gonzalez',
      limit: 5,
    });
    expect(search.ruts).toHaveLength(page.total);
    expect(search.total).toBe(page.total);
    // A name as heard lists who sounds like it, but a selection acts on what the text names.
    expect(
      (await ask<{ total: number }>(core, 'persons.search', { text: 'gonsales', limit: 5 })).total,
    ).toBeGreaterThan(0);
    expect(
      await ask(core, 'selection.resolve', { kind: 'search', text: 'gonsales', companyRut: null }),
    ).toMatchObject({ ruts: [], total: 0 });
  });

  it('exports the report as a spreadsheet CSV with Spanish reasons', async () => {
    const core = open();
    const { job } = await run(core, 'unlock', [PEDRO, ANA]);
    const file = await ask<{ filename: string; csv: string; rows: number }>(
      core,
      'selection.export',
      { jobId: job.jobId },
    );
    expect(file.rows).toBe(2);
    expect(file.filename).toMatch(/^seleccion-unlock-\d{12}\.csv$/);
    const lines = file.csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('RUT;Nombre;Resultado;Detalle');
    expect(lines[1]).toBe(
      '12.345.678-5;Pedro Andrés González Muñoz;Aplicada;Desbloqueada: ACHS Gestión.',
    );
    expect(lines[2]).toBe(
      '9.876.543-3;Ana Sofía Pérez Núñez;No aplicada;Su cuenta no está bloqueada: no hay nada que desbloquear.',
    );
  });
});
