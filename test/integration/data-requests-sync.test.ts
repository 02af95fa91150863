/**
 * Ley 21.719 requests across desks (issue 10), against the real central API on 127.0.0.1: the
 * central applies the request intents with the shared rules, refuses a blocked person's intents
 * with a clear code (the desk lists it as a conflict), and the block reaches every desk by pull.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { auditDetailLine, describeAuditChange } from '../../src/shared/audit-details';
import { act, openDesk, record, startCentral, syncNow } from '../support/sync-setup';
import { checkDigit } from '../../src/shared/rut';

const PEDRO = '12345678-5';

function recordRequest(desk: Core, right: string, rut = PEDRO) {
  return act(desk, 'dataRequests.record', {
    rut,
    right,
    channel: 'phone',
    identityMethod: 'facts',
    identityFacts: ['serial_number', 'employer'],
    detail: 'Pide el bloqueo mientras se revisa su correo',
  });
}

const outboxOf = (desk: Core, actionId: string) =>
  desk.db.$client.prepare('SELECT state, result FROM outbox WHERE action_id = ?').get(actionId) as {
    state: string;
    result: string | null;
  };

describe('Ley 21.719 requests through the central API', () => {
  it('a block reaches the central API and every desk; a blocked person’s intents come back as conflicts', async () => {
    const central = await startCentral();
    const a = await openDesk(central.url, { user: 'agente' });
    const b = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(a);
    await syncNow(b);

    // Desk B changes Pedro's phone while offline; desk A blocks Pedro and syncs first.
    const edit = act(b, 'contact.edit', {
      rut: PEDRO,
      phone: '+56 9 5555 4444',
      reason: 'Nuevo celular',
      identityCheck: [],
      expectedVersion: record(b, PEDRO).version,
    });
    // The objection it stands on (art. 11), then the block.
    recordRequest(a, 'objection');
    const block = recordRequest(a, 'blocking');
    await syncNow(a);
    const atCentral = central.db.$client
      .prepare('SELECT number, blocked_at, unblocked_at, id FROM data_requests WHERE number = ?')
      .get(block.request.number) as { blocked_at: string | null; id: number };
    expect(atCentral.blocked_at).not.toBeNull();
    expect(atCentral.id).toBeGreaterThan(0);
    expect(record(a, PEDRO).dataProtection.requests[0]).toMatchObject({ atCentral: true });

    // Desk B's edit is refused by the central API with the block's code, listed as a conflict.
    await syncNow(b);
    const queued = outboxOf(b, edit.actionId);
    expect(queued.state).toBe('conflict');
    expect(JSON.parse(queued.result!)).toMatchObject({
      code: 'person_blocked',
      message: expect.stringMatching(/bloqueo temporal vigente/),
      conflicts: [{ field: 'blocked', theirs: block.request.number }],
    });
    const issues = act(b, 'sync.issues', {});
    expect(issues).toContainEqual(
      expect.objectContaining({
        actionId: edit.actionId,
        state: 'conflict',
        code: 'person_blocked',
      }),
    );
    // A block is no other agent's value: «Aplicar el mío» is refused, keeping theirs settles it,
    // and the audit says why in words.
    const forced = b.dispatchNow('sync.resolve', { actionId: edit.actionId, choice: 'keep_mine' });
    expect(forced).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`por la solicitud ${block.request.number}`) },
    });
    act(b, 'sync.resolve', { actionId: edit.actionId, choice: 'keep_theirs' });
    const settled = b.db.$client
      .prepare("SELECT before FROM audit_events WHERE action = 'sync.resolve' ORDER BY seq DESC")
      .pluck()
      .get() as string;
    expect(describeAuditChange(settled, null).map(auditDetailLine).join(' | ')).toContain(
      `bloqueo temporal vigente (Ley 21.719, solicitud ${block.request.number}): el sistema central no aplicó el cambio`,
    );

    // The central API kept Pedro's phone; desk B shows the block and the server's value.
    const phoneAtCentral = central.db.$client
      .prepare('SELECT phone FROM persons WHERE rut = 12345678')
      .pluck()
      .get();
    const pedroOnB = record(b, PEDRO);
    expect(pedroOnB.phone).toBe(phoneAtCentral);
    expect(pedroOnB.dataProtection.block).toMatchObject({ requestNumber: block.request.number });
    // And desk B now refuses locally, before anything is queued.
    const refused = b.dispatchNow('contact.edit', {
      rut: PEDRO,
      phone: '+56 9 5555 4444',
      reason: 'Nuevo celular',
      identityCheck: [],
      expectedVersion: pedroOnB.version,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/bloqueo/) },
    });

    // Unblocking (desk A, the request's agent) ends it everywhere.
    act(a, 'dataRequests.unblock', { number: block.request.number, reason: 'Se resolvió' });
    await syncNow(a);
    await syncNow(b);
    expect(record(b, PEDRO).dataProtection.block).toBeNull();
    expect(
      central.db.$client
        .prepare('SELECT unblocked_at FROM data_requests WHERE number = ?')
        .pluck()
        .get(block.request.number),
    ).not.toBeNull();
  });

  it('two desks blocking the same person offline: the central API refuses the second', async () => {
    const central = await startCentral();
    const a = await openDesk(central.url, { user: 'agente' });
    const b = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(a);
    // The objection both blocks stand on (art. 11), known to both desks.
    recordRequest(a, 'objection');
    await syncNow(a);
    await syncNow(b);
    const first = recordRequest(a, 'blocking');
    const second = recordRequest(b, 'blocking');
    expect(first.request.number).not.toBe(second.request.number);
    await syncNow(a);
    await syncNow(b);
    expect(outboxOf(b, second.actionId).state).toBe('rejected');
    expect(JSON.parse(outboxOf(b, second.actionId).result!)).toMatchObject({
      code: 'already_blocked',
      message: expect.stringMatching(/ya tiene un bloqueo temporal vigente/),
    });
    // Desk B ends up with the central API's truth: one block, desk A's.
    expect(record(b, PEDRO).dataProtection.block).toMatchObject({
      requestNumber: first.request.number,
    });
  });

  it('a block recorded offline on a request another desk closed meanwhile is refused by the central API (art. 11)', async () => {
    const central = await startCentral();
    const a = await openDesk(central.url, { user: 'agente' });
    const b = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(a);
    const objection = recordRequest(a, 'objection');
    await syncNow(a);
    await syncNow(b);
    // Desk B answers the objection; desk A, not synced since, still sees it open and blocks.
    act(b, 'dataRequests.move', {
      number: objection.request.number,
      move: 'answer',
      reason: 'Se dejó de usar su celular para avisos',
    });
    const block = recordRequest(a, 'blocking');
    await syncNow(b);
    await syncNow(a);
    expect(outboxOf(a, block.actionId).state).toBe('rejected');
    expect(JSON.parse(outboxOf(a, block.actionId).result!)).toMatchObject({
      code: 'block_without_request',
      message: expect.stringMatching(/ya no tiene abierta una solicitud de rectificación/),
    });
    expect(
      central.db.$client
        .prepare('SELECT count(*) FROM data_requests WHERE number = ?')
        .pluck()
        .get(block.request.number),
    ).toBe(0);
    // Desk A ends up with the central API's truth: no block.
    expect(record(a, PEDRO).dataProtection.block).toBeNull();
  });

  it('deletion and objection are forwarded to the system of record, which keeps them to decide', async () => {
    const central = await startCentral();
    const a = await openDesk(central.url, { user: 'agente' });
    await syncNow(a);
    const deletion = recordRequest(a, 'deletion');
    const objection = recordRequest(a, 'objection');
    await syncNow(a);
    const rows = central.db.$client
      .prepare('SELECT number, data_right, state FROM data_requests ORDER BY id')
      .all();
    expect(rows).toEqual([
      { number: deletion.request.number, data_right: 'deletion', state: 'received' },
      { number: objection.request.number, data_right: 'objection', state: 'received' },
    ]);
    // Nothing about the person was deleted anywhere.
    expect(
      central.db.$client.prepare('SELECT count(*) FROM persons WHERE rut = 12345678').pluck().get(),
    ).toBe(1);
    // A state change made on the desk reaches the central API too.
    act(a, 'dataRequests.move', { number: deletion.request.number, move: 'start', reason: null });
    await syncNow(a);
    expect(
      central.db.$client
        .prepare('SELECT state FROM data_requests WHERE number = ?')
        .pluck()
        .get(deletion.request.number),
    ).toBe('in_progress');
  });
});

describe('a request from someone the system holds nothing of', () => {
  // A valid RUT no person of the seed has (checked against the central below).
  const body = 23_456_789;
  const NOBODY = `${body}-${checkDigit(body)}`;
  const asked = {
    rut: NOBODY,
    right: 'access',
    channel: 'in_person',
    identityMethod: 'identity_card',
    identityFacts: [],
    detail: 'Quiere saber qué datos suyos tienen',
  };
  const refusal = (desk: Core, input: Record<string, unknown>) => {
    const answer = desk.dispatchNow('dataRequests.record', input);
    expect(answer.ok).toBe(false);
    return answer.ok ? '' : answer.error.message;
  };

  it('is recorded with the name they give, reaches the central and other desks, and is answered in words', async () => {
    const central = await startCentral();
    expect(
      central.db.$client.prepare('SELECT count(*) FROM persons WHERE rut = ?').pluck().get(body),
    ).toBe(0);
    const a = await openDesk(central.url, { user: 'agente' });
    // Before the first sync the replica may lack anyone: nobody can be said not to be held.
    expect(refusal(a, { ...asked, titularName: 'Ana María Soto Pérez' })).toMatch(
      /Aún llegan datos del sistema central/,
    );
    await syncNow(a);

    // What it cannot be: nameless, a block of nothing, facts of no record.
    expect(refusal(a, asked)).toMatch(/Escriba el nombre completo del titular/);
    expect(refusal(a, { ...asked, titularName: 'Ana' })).toMatch(/nombre y apellido/);
    expect(refusal(a, { ...asked, titularName: 'Ana Soto', right: 'blocking' })).toMatch(
      /no hay nada que bloquear/,
    );
    expect(
      refusal(a, {
        ...asked,
        titularName: 'Ana Soto',
        channel: 'phone',
        identityMethod: 'facts',
        identityFacts: ['serial_number', 'employer'],
      }),
    ).toMatch(/no tiene datos de esta persona para compararlos/);
    // A company's RUT is no titular.
    expect(refusal(a, { ...asked, rut: '76.543.210-3', titularName: 'Ana Soto' })).toMatch(
      /es de una empresa/,
    );
    expect(a.db.$client.prepare('SELECT count(*) FROM data_requests').pluck().get()).toBe(0);
    expect(a.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);

    const made = act(a, 'dataRequests.record', {
      ...asked,
      titularName: '  Ana María Soto Pérez ',
    });
    expect(made.request).toMatchObject({
      personName: 'Ana María Soto Pérez',
      withoutRecord: true,
      state: 'received',
    });
    // Audited under the RUT given, with the name as said.
    const event = a.db.$client
      .prepare("SELECT person_rut, after FROM audit_events WHERE action = 'data_request.record'")
      .get() as { person_rut: number; after: string };
    expect(event.person_rut).toBe(body);
    expect(JSON.parse(event.after)).toMatchObject({ titularName: 'Ana María Soto Pérez' });

    await syncNow(a);
    expect(outboxOf(a, made.actionId).state).toBe('applied');
    expect(
      central.db.$client
        .prepare('SELECT titular_name, person_rut, id FROM data_requests WHERE number = ?')
        .get(made.request.number),
    ).toMatchObject({ titular_name: 'Ana María Soto Pérez', person_rut: body });

    // The supervisor's desk has it by pull: listed with the name, no record to open.
    const b = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(b);
    const listed = act(b, 'dataRequests.list', {
      state: null,
      right: null,
      rut: null,
      offset: 0,
      limit: 50,
    }).requests;
    expect(listed).toContainEqual(
      expect.objectContaining({
        number: made.request.number,
        personName: 'Ana María Soto Pérez',
        withoutRecord: true,
        atCentral: true,
      }),
    );
    // Nothing to export: said in words (the dialog shows them in place of the button).
    const exported = await b.dispatch('dataRequests.export', { number: made.request.number });
    expect(exported).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/no hay nada que exportar/) },
    });
    // Answered from the supervisor's desk, and so at the central.
    act(b, 'dataRequests.move', { number: made.request.number, move: 'answer', reason: null });
    await syncNow(b);
    expect(
      central.db.$client
        .prepare('SELECT state FROM data_requests WHERE number = ?')
        .pluck()
        .get(made.request.number),
    ).toBe('answered');

    // A prevention officer's scope holds nobody of no company: refused, nothing written.
    const c = await openDesk(central.url, { user: 'prevencion' });
    await syncNow(c);
    expect(refusal(c, { ...asked, titularName: 'Ana Soto' })).not.toBe('');
    expect(c.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });
});
