/**
 * A selection's actions reach the real central API on 127.0.0.1 as ordinary intents, one per
 * person, and the server applies them with the same shared rules (issue 8, item 2).
 */
import { describe, expect, it } from 'vitest';
import type { SelectionJob, SelectionPreview } from '../../src/shared/contract';
import type { Core } from '../../src/main/core';
import { openDesk, startCentral, syncNow } from '../support/sync-setup';

const PEDRO = '12345678-5';
const CAMILA = '16789012-1';
const FRANCISCA = '18765432-7';
const JUAN = '15234567-4';
const ANDES = '76543210-3';
const REASON = 'Solicitud de Constructora Los Andes por correo, ticket 77';

const body = (rut: string) => Number(rut.slice(0, rut.indexOf('-')));

async function ask<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const envelope = await core.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as T;
}

async function run(core: Core, action: string, ruts: string[], companyRut: string | null = null) {
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
  return ask<SelectionJob>(core, 'selection.status', started);
}

describe('a selection pushed to the central API', () => {
  it('is applied there person by person with the shared rules, undo included', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(desk);

    const disabled = await run(desk, 'disable', [PEDRO, CAMILA, JUAN], ANDES);
    expect(disabled.applied).toBe(2);
    const unlocked = await run(desk, 'unlock', [PEDRO]);
    const mailed = await run(desk, 'resend_mail', [FRANCISCA]);
    expect([unlocked.applied, mailed.applied]).toEqual([1, 1]);

    const status = await syncNow(desk);
    expect(status).toMatchObject({ pending: 0, conflicts: 0, rejected: 0 });

    const server = central.db.$client;
    const results = server
      .prepare('SELECT kind, status FROM mutation_results ORDER BY mutation_id')
      .all();
    expect(results).toEqual([
      { kind: 'membership.disable', status: 'applied' },
      { kind: 'membership.disable', status: 'applied' },
      { kind: 'account.unlock', status: 'applied' },
      { kind: 'mail.resend', status: 'applied' },
    ]);
    const state = (rut: string) =>
      server
        .prepare('SELECT state FROM memberships WHERE person_rut = ? AND company_rut = ?')
        .pluck()
        .get(body(rut), body(ANDES));
    expect([state(PEDRO), state(CAMILA), state(JUAN)]).toEqual(['disabled', 'disabled', 'removed']);
    expect(
      server
        .prepare('SELECT locked_until, failed_attempts FROM accounts WHERE person_rut = ?')
        .get(body(PEDRO)),
    ).toEqual({ locked_until: null, failed_attempts: 0 });
    expect(
      server
        .prepare(
          "SELECT kind FROM mails WHERE person_rut = ? AND action_id IS NOT NULL AND kind = 'password_creation'",
        )
        .pluck()
        .all(body(FRANCISCA)),
    ).toEqual(['password_creation']);

    // The undo travels the same way: Pedro and Camila are enabled back on the server.
    const undo = await ask<SelectionJob>(desk, 'selection.undo', {
      jobId: disabled.jobId,
      reason: 'Deshacer: la empresa envió la lista equivocada',
    });
    await desk.selectionIdle();
    expect((await ask<SelectionJob>(desk, 'selection.status', undo)).applied).toBe(2);
    expect(await syncNow(desk)).toMatchObject({ pending: 0, conflicts: 0, rejected: 0 });
    expect([state(PEDRO), state(CAMILA)]).toEqual(['active', 'active']);
  });
});
