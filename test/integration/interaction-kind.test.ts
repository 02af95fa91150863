/**
 * Calls and visits on one desk: each interaction main hands the renderer says what it is — a
 * visit when a prevention officer opened it — by the same rule the Panel counts visits with, in
 * the Llamadas list and its count, on the person's record, and in «Quién consultó esta ficha».
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { call, seededCore, signInAs } from '../support/context';

const PEDRO = '12345678-5';

/** An interaction opened and closed for Pedro by whoever is signed in, his record seen during it. */
function withPedro(core: Core, reason: string) {
  const opened = call(core, 'interactions.open', { rut: PEDRO, reason });
  call(core, 'persons.get', { rut: PEDRO, via: 'call' });
  call(core, 'interactions.close', { id: opened.id, outcome: 'resolved', notes: '' });
  return opened as { id: string; kind: string };
}

describe('calls and visits on a desk an officer also uses', () => {
  it('names each interaction by who opened it, as the Panel counts visits', () => {
    const core = seededCore(300, { as: 'prevencion' });
    // The officer looks Pedro up with nothing open, then visits him.
    call(core, 'persons.get', { rut: PEDRO });
    const visit = withPedro(core, 'locked_attempts');
    expect(visit.kind).toBe('visit');
    expect(call(core, 'interactions.list', {}).map((i: { kind: string }) => i.kind)).toEqual([
      'visit',
    ]);
    expect(call(core, 'interactions.count', {})).toEqual({ total: 1, visits: 1 });

    signInAs(core, 'agente');
    const phoned = withPedro(core, 'forgot_password');
    expect(phoned.kind).toBe('call');
    // A call by an agent this desk does not know is a call, here as on the Panel.
    core.db.$client
      .prepare(
        `INSERT INTO interactions (id, agent_id, person_rut, reason, outcome, opened_at, closed_at)
         VALUES ('unknown-1', 'gone-agent', 12345678, 'other', 'resolved', ?, ?)`,
      )
      .run('2026-11-21T14:00:00.000Z', '2026-11-21T14:00:00.000Z');

    signInAs(core, 'supervisora');
    call(core, 'persons.get', { rut: PEDRO });
    const kinds = Object.fromEntries(
      call(core, 'interactions.list', {}).map((i: { id: string; kind: string }) => [i.id, i.kind]),
    );
    expect(kinds).toEqual({ [visit.id]: 'visit', [phoned.id]: 'call', 'unknown-1': 'call' });
    const counted = call(core, 'interactions.count', {});
    expect(counted).toEqual({ total: 3, visits: 1 });
    // The Panel's own count of the day agrees with the list's.
    expect(call(core, 'dashboard.panel', { range: 'today' })).toMatchObject({
      calls: counted.total,
      visits: counted.visits,
    });
    // Filtered, the count still tells visits apart.
    expect(call(core, 'interactions.count', { agentId: 'prevention-demo' })).toEqual({
      total: 1,
      visits: 1,
    });
    expect(call(core, 'interactions.count', { agentId: 'agent-demo', rut: PEDRO })).toEqual({
      total: 1,
      visits: 0,
    });

    const record = call(core, 'persons.get', { rut: PEDRO });
    expect(
      Object.fromEntries(
        record.interactions.map((i: { id: string; kind: string }) => [i.id, i.kind]),
      ),
    ).toEqual({ [visit.id]: 'visit', [phoned.id]: 'call', 'unknown-1': 'call' });

    // Each view says whether its viewer's interaction was a call or a visit, open or not.
    const viewers = call(core, 'persons.viewers', { rut: PEDRO });
    expect(
      viewers.views.map((view: { agentId: string; reason: string | null; kind: string }) => [
        view.agentId,
        view.reason,
        view.kind,
      ]),
    ).toEqual([
      ['supervisor-demo', null, 'call'],
      ['supervisor-demo', null, 'call'],
      ['agent-demo', 'forgot_password', 'call'],
      ['prevention-demo', 'locked_attempts', 'visit'],
      ['prevention-demo', null, 'visit'],
    ]);
  });
});
