/**
 * Calls closed as «Derivado» or «Volver a contactar» wait in Llamadas, «Por atender», until their
 * agent or a supervisor says what was done: through the handler map on a real replica, with the
 * list's filters, who may say so, the audit, and the Panel, which counts none of it as work.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { call, refused, seededCore, signInAs } from '../support/context';

const PEDRO = '12345678-5';
const MARIA = '11111111-1';

/** A call with `rut` closed with `outcome` and `notes`; its id. */
function closedCall(core: Core, rut: string, outcome: string, notes: string): string {
  const { id } = call(core, 'interactions.open', { rut, reason: 'mail_not_arriving' });
  call(core, 'interactions.close', { id, outcome, notes });
  return id;
}

const ids = (list: Array<{ id: string }>) => list.map((item) => item.id);
const followUps = (core: Core) =>
  core.db.$client
    .prepare(
      "SELECT agent_id, interaction_id, after FROM audit_events WHERE action = 'interaction.follow_up' ORDER BY seq",
    )
    .all() as Array<{ agent_id: string; interaction_id: string; after: string }>;

describe('calls to attend to', () => {
  it('lists those handed over or to call back until someone says what was done', () => {
    const core = seededCore(300);
    const handed = closedCall(core, PEDRO, 'escalated', 'Pasa a supervisión: correo rebotado');
    const back = closedCall(core, MARIA, 'callback', 'Llamarla mañana a las 10');
    closedCall(core, PEDRO, 'resolved', 'Se le explicó el registro');
    closedCall(core, MARIA, 'unresolved', 'No tenía su cédula a mano');

    expect(ids(call(core, 'interactions.list', { awaiting: true }))).toEqual([back, handed]);
    expect(call(core, 'interactions.count', { awaiting: true })).toEqual({ total: 2, visits: 0 });
    expect(ids(call(core, 'interactions.list', { outcome: 'escalated' }))).toEqual([handed]);
    expect(ids(call(core, 'interactions.list', { rut: MARIA, awaiting: true }))).toEqual([back]);

    // The agent called María back: said so, with what was done, and it leaves the list.
    const attended = call(core, 'interactions.followUp', {
      id: back,
      note: '  Se la llamó y se le reenvió el correo  ',
    });
    expect(attended).toMatchObject({
      id: back,
      outcome: 'callback',
      followUp: {
        at: '2026-11-21T15:00:00.000Z',
        agentId: 'agent-demo',
        agentName: 'Alicia Agente',
        note: 'Se la llamó y se le reenvió el correo',
      },
    });
    // Not one of the call's actions, which stay what was done in the call.
    expect(attended.actions).toEqual([]);
    expect(ids(call(core, 'interactions.list', { awaiting: true }))).toEqual([handed]);
    // Asked again with the same note (an answer lost): the same answer, one event.
    expect(
      call(core, 'interactions.followUp', {
        id: back,
        note: 'Se la llamó y se le reenvió el correo',
      }),
    ).toEqual(attended);
    expect(followUps(core)).toHaveLength(1);

    // The handed-over one is the supervisor's to close.
    signInAs(core, 'supervisora');
    expect(call(core, 'interactions.count', { awaiting: true }).total).toBe(1);
    call(core, 'interactions.followUp', {
      id: handed,
      note: 'Revisado con TI: el dominio rechazaba el correo',
    });
    expect(call(core, 'interactions.count', { awaiting: true }).total).toBe(0);
    expect(followUps(core).map((event) => [event.agent_id, event.interaction_id])).toEqual([
      ['agent-demo', back],
      ['supervisor-demo', handed],
    ]);
    expect(JSON.parse(followUps(core)[1]!.after)).toEqual({
      outcome: 'escalated',
      note: 'Revisado con TI: el dominio rechazaba el correo',
    });
    // Pedro's record says it was attended to, in his recent calls.
    const pedro = call(core, 'persons.get', { rut: PEDRO });
    const listed = pedro.interactions.find((item: { id: string }) => item.id === handed);
    expect(listed.followUp).toMatchObject({ agentName: 'Sara Supervisora' });
  });

  it('refuses what has nothing pending, what is done, and what is not the agent’s own', () => {
    const core = seededCore(300);
    const resolved = closedCall(core, PEDRO, 'resolved', 'Se le explicó');
    expect(refused(core, 'interactions.followUp', { id: resolved, note: 'Nada' })).toMatchObject({
      code: 'rule',
      message:
        'Esa llamada no dejó nada pendiente: solo una cerrada como «Derivado» o «Volver a contactar» se da por atendida.',
    });
    const { id: open } = call(core, 'interactions.open', { rut: MARIA, reason: 'other' });
    expect(refused(core, 'interactions.followUp', { id: open, note: 'Aún abierta' })).toMatchObject(
      { code: 'rule' },
    );
    call(core, 'interactions.close', { id: open, outcome: 'escalated', notes: 'A supervisión' });

    // Another agent who is not a supervisor: not found, as in his lists.
    signInAs(core, 'prevencion');
    expect(refused(core, 'interactions.followUp', { id: open, note: 'Lo vi yo' })).toMatchObject({
      code: 'not_found',
    });
    // …whatever became of it: nothing is told of another's call (review 60 M1).
    expect(
      refused(core, 'interactions.followUp', { id: resolved, note: 'Lo vi yo' }),
    ).toMatchObject({ code: 'not_found' });

    signInAs(core, 'supervisora');
    call(core, 'interactions.followUp', { id: open, note: 'Resuelto por supervisión' });
    signInAs(core, 'agente');
    // Done by someone else: said when and by whom, and nothing changes.
    expect(refused(core, 'interactions.followUp', { id: open, note: 'Yo también' })).toMatchObject({
      code: 'rule',
      message:
        'Esa llamada ya se dio por atendida el 21-11-2026 12:00 (Sara Supervisora): actualice la lista para ver qué se hizo.',
    });
    // Too short a note: bad input, nothing written.
    const other = closedCall(core, PEDRO, 'callback', 'Llamar a las 5');
    expect(refused(core, 'interactions.followUp', { id: other, note: ' ok ' })).toMatchObject({
      code: 'invalid_input',
    });
    expect(followUps(core)).toHaveLength(1);
  });

  it('is no work on anyone’s account: the Panel counts none of it', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const handed = closedCall(core, PEDRO, 'escalated', 'A supervisión');
    const before = call(core, 'dashboard.panel', { range: 'today' });
    call(core, 'interactions.followUp', { id: handed, note: 'Atendida por supervisión' });
    const after = call(core, 'dashboard.panel', { range: 'today' });
    expect(after.actionsByKind).toEqual(before.actionsByKind);
    expect(after.actionsByAgent).toEqual(before.actionsByAgent);
    expect(after.supervisionByKind).toEqual(before.supervisionByKind);
    // …though the audit lists it, in a call's words.
    const events = call(core, 'audit.list', { action: 'interaction.follow_up' }).events;
    expect(events).toHaveLength(1);
  });
});
