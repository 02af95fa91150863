/**
 * Ley 21.719 requests across desks (issue 10), against the real central API on 127.0.0.1: the
 * central applies the request intents with the shared rules, refuses a blocked person's intents
 * with a clear code (the desk lists it as a conflict), and the block reaches every desk by pull.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { auditDetailLine, describeAuditChange } from '../../src/shared/audit-details';
import { act, openDesk, record, startCentral, syncNow } from '../support/sync-setup';

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
