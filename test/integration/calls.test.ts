/**
 * Calls through the handler map on a real replica: the reason corrected while the call is open
 * (audited, refused once closed), the caller's name on every call, and the agent's name for a
 * supervisor who sees everyone's calls.
 */
import { describe, expect, it } from 'vitest';
import { contract, type Interaction } from '../../src/shared/contract';
import type { Core } from '../../src/main/core';
import { call, seededCore, signInAs } from '../support/context';

const PEDRO = '12345678-5';
const PEDRO_NAME = 'Pedro Andrés González Muñoz';
const MARIA = '11111111-1';

function refused(core: Core, channel: string, input: unknown) {
  const envelope = core.dispatchNow(channel, input);
  if (envelope.ok) throw new Error(`${channel} should have been refused`);
  return envelope.error;
}

const interaction = (value: unknown): Interaction =>
  contract['interactions.open'].output.parse(value);

describe('the reason of a call', () => {
  it('can be corrected while the call is open, and the change is audited', () => {
    const core = seededCore(300);
    const opened = interaction(
      call(core, 'interactions.open', { rut: PEDRO, reason: 'forgot_password' }),
    );
    const changed = interaction(
      call(core, 'interactions.setReason', { id: opened.id, reason: 'locked_attempts' }),
    );
    expect(changed).toMatchObject({ id: opened.id, reason: 'locked_attempts', closedAt: null });
    expect(call(core, 'interactions.current', {})).toMatchObject({ reason: 'locked_attempts' });
    // The correction is not one of the actions taken for the caller.
    expect(changed.actions).toEqual([]);

    signInAs(core, 'supervisora');
    const events = call(core, 'audit.list', { action: 'interaction.set_reason' }).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      interactionId: opened.id,
      personRut: PEDRO,
      before: JSON.stringify({ reason: 'forgot_password' }),
      after: JSON.stringify({ reason: 'locked_attempts' }),
    });
  });

  it('is refused with a clear message once the call is closed', () => {
    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    call(core, 'interactions.close', {
      id: opened.id,
      outcome: 'resolved',
      notes: 'Se le explicó cómo entrar',
    });
    expect(
      refused(core, 'interactions.setReason', { id: opened.id, reason: 'locked_attempts' }),
    ).toEqual({
      code: 'rule',
      message: 'Esa llamada ya está cerrada: su motivo ya no se puede cambiar.',
    });
    expect(call(core, 'interactions.list', { rut: PEDRO })[0]).toMatchObject({ reason: 'other' });
  });

  it('is another agent’s to change on their own call only', () => {
    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: null, reason: 'other' });
    signInAs(core, 'supervisora');
    expect(
      refused(core, 'interactions.setReason', { id: opened.id, reason: 'dismissed' }).code,
    ).toBe('not_found');
  });

  it('is one of the catalogue', () => {
    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: null, reason: 'other' });
    expect(refused(core, 'interactions.setReason', { id: opened.id, reason: '' }).code).toBe(
      'invalid_input',
    );
    expect(refused(core, 'interactions.open', { rut: null, reason: '' }).code).toBe(
      'invalid_input',
    );
  });
});

describe('calls name the caller', () => {
  it('with the full name when the RUT is in the replica, and keeps multi-line notes', () => {
    const core = seededCore(300);
    const opened = interaction(
      call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' }),
    );
    expect(opened).toMatchObject({ personRut: PEDRO, personName: PEDRO_NAME });
    expect(call(core, 'interactions.current', {})).toMatchObject({ personName: PEDRO_NAME });
    const notes = 'Llamó bloqueado.\nSe desbloqueó.\n\nVolverá a llamar si no llega el correo.';
    call(core, 'interactions.close', { id: opened.id, outcome: 'resolved', notes });
    const [listed] = call(core, 'interactions.list', {});
    expect(listed).toMatchObject({ personRut: PEDRO, personName: PEDRO_NAME, notes });
  });

  it('closed with something pending, says in its notes what', () => {
    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    for (const outcome of ['unresolved', 'escalated', 'callback'] as const) {
      expect(
        refused(core, 'interactions.close', { id: opened.id, outcome, notes: '  ' }),
      ).toMatchObject({
        code: 'rule',
        message: expect.stringMatching(/deja anotado qué queda pendiente/),
      });
    }
    expect(call(core, 'interactions.current', {})).toMatchObject({ id: opened.id });
    call(core, 'interactions.close', {
      id: opened.id,
      outcome: 'escalated',
      notes: 'Derivado a soporte de ACHS Gestión',
    });
    expect(call(core, 'interactions.current', {})).toBeNull();
  });

  it('resolved with nothing done, says in its notes how; with an action, needs none', () => {
    const core = seededCore(300);
    const empty = call(core, 'interactions.open', { rut: PEDRO, reason: 'forgot_password' });
    expect(
      refused(core, 'interactions.close', { id: empty.id, outcome: 'resolved', notes: ' ok ' }),
    ).toEqual({
      code: 'rule',
      message:
        'Una llamada resuelta sin acciones deja anotado cómo se resolvió (al menos 3 caracteres en las notas).',
    });
    expect(call(core, 'interactions.current', {})).toMatchObject({ id: empty.id });
    call(core, 'interactions.close', {
      id: empty.id,
      outcome: 'resolved',
      notes: 'Usó «Olvidé mi contraseña» con nosotros al teléfono',
    });

    const acted = call(core, 'interactions.open', { rut: PEDRO, reason: 'forgot_password' });
    call(core, 'mails.resend', { rut: PEDRO, portal: 'achs_gestion', kind: 'password_reset' });
    call(core, 'interactions.close', { id: acted.id, outcome: 'resolved', notes: '' });
    expect(call(core, 'interactions.current', {})).toBeNull();
  });

  it('with no name for a RUT the replica does not know, or a call about no one', () => {
    const core = seededCore(300);
    const unknown = call(core, 'interactions.open', { rut: '1-9', reason: 'rut_not_registered' });
    expect(unknown).toMatchObject({ personRut: '1-9', personName: null });
    call(core, 'interactions.close', {
      id: unknown.id,
      outcome: 'resolved',
      notes: 'Se le explicó cómo entrar',
    });
    expect(call(core, 'interactions.open', { rut: null, reason: 'other' })).toMatchObject({
      personRut: null,
      personName: null,
    });
  });
});

describe('a call opened before the caller was found', () => {
  it('closes under the person named then, audited as a change of its person in the same step', () => {
    const core = seededCore(300);
    const audits = () =>
      core.db.$client
        .prepare(
          "SELECT before, after, person_rut AS personRut FROM audit_events WHERE action = 'interaction.set_person'",
        )
        .all();
    const open = () => call(core, 'interactions.open', { rut: null, reason: 'other' });
    const first = open();
    const closed = call(core, 'interactions.close', {
      id: first.id,
      outcome: 'unresolved',
      notes: 'Solo consultaba',
      rut: '11.111.111-1',
    });
    expect(closed).toMatchObject({ personRut: MARIA, outcome: 'unresolved' });
    expect(audits()).toEqual([
      { before: '{"personRut":null}', after: '{"personRut":11111111}', personRut: 11111111 },
    ]);
    // Her calls list it.
    const list = call(core, 'interactions.list', { rut: MARIA, limit: 10 });
    expect(list.map((i: Interaction) => i.id)).toContain(first.id);
    // A RUT dictated that nobody has: filed under it.
    const second = open();
    expect(
      call(core, 'interactions.close', {
        id: second.id,
        outcome: 'resolved',
        notes: 'RUT no registrado',
        rut: '1-9',
      }),
    ).toMatchObject({ personRut: '1-9', personName: null });
    // A call that already names someone is not moved by closing it: refused, still open.
    const third = call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    expect(
      refused(core, 'interactions.close', {
        id: third.id,
        outcome: 'resolved',
        notes: 'Se le explicó',
        rut: MARIA,
      }),
    ).toEqual({
      code: 'rule',
      message:
        'La llamada ya está a nombre de otra persona: se cierra a su nombre. Si era de otra, cámbiela antes con «Registrar la llamada a nombre de…».',
    });
    expect(call(core, 'interactions.current', {})).toMatchObject({
      id: third.id,
      personRut: PEDRO,
    });
    // Its own person again changes nothing.
    expect(
      call(core, 'interactions.close', {
        id: third.id,
        outcome: 'resolved',
        notes: 'Se le explicó',
        rut: PEDRO,
      }),
    ).toMatchObject({ personRut: PEDRO });
    expect(audits()).toHaveLength(2);
  });
});

describe('a call opened by mistake', () => {
  it('is discarded while nothing is done in it, in its first minutes; the audit keeps it', () => {
    const core = seededCore(300);
    const events = (id: string) =>
      core.db.$client
        .prepare('SELECT action, after FROM audit_events WHERE interaction_id = ? ORDER BY seq')
        .all(id);
    const opened = call(core, 'interactions.open', { rut: PEDRO, reason: 'forgot_password' });
    expect(call(core, 'interactions.discard', { id: opened.id })).toBeNull();
    expect(call(core, 'interactions.current', {})).toBeNull();
    expect(call(core, 'interactions.list', { rut: PEDRO })).toEqual([]);
    expect(events(opened.id)).toEqual([
      { action: 'interaction.open', after: '{"reason":"forgot_password"}' },
      { action: 'interaction.discard', after: '{"reason":"forgot_password"}' },
    ]);
    // Not once something is done in it: it was a call.
    const acted = call(core, 'interactions.open', { rut: PEDRO, reason: 'forgot_password' });
    call(core, 'mails.resend', { rut: PEDRO, portal: 'achs_gestion', kind: 'password_reset' });
    expect(refused(core, 'interactions.discard', { id: acted.id })).toEqual({
      code: 'rule',
      message:
        'La llamada ya tiene acciones registradas: no se puede descartar. Ciérrela con su resultado.',
    });
    call(core, 'interactions.close', { id: acted.id, outcome: 'resolved', notes: '' });
    // Nor once its first minutes are over.
    const late = call(core, 'interactions.open', { rut: null, reason: 'other' });
    core.db.$client
      .prepare('UPDATE interactions SET opened_at = ? WHERE id = ?')
      .run(new Date(Date.parse(late.openedAt) - 3 * 60_000).toISOString(), late.id);
    expect(refused(core, 'interactions.discard', { id: late.id }).message).toMatch(
      /^La llamada se abrió hace más de 2 minutos: ya no se puede descartar/,
    );
    expect(call(core, 'interactions.current', {})).toMatchObject({ id: late.id });
  });
});

describe('a call that acted on someone else', () => {
  it('is listed on that person’s record too, as the caller’s call', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const opened = call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    // During Pedro's call, María's phone is corrected (his wife, say, beside him).
    call(core, 'contact.edit', {
      rut: MARIA,
      phone: '+56 9 5555 4444',
      reason: 'Lo pidió la persona',
      identityCheck: [],
      expectedVersion: call(core, 'persons.get', { rut: MARIA }).version,
    });
    const hers = call(core, 'persons.get', { rut: MARIA }).interactions as Interaction[];
    expect(hers.map((i) => [i.id, i.personRut])).toEqual([[opened.id, PEDRO]]);
    expect(hers[0]!.actions).toEqual([
      expect.objectContaining({ action: 'person.update_contact', personRut: MARIA }),
    ]);
    // His record lists it as his; someone it did not touch has none.
    expect(call(core, 'persons.get', { rut: PEDRO }).interactions[0]).toMatchObject({
      id: opened.id,
    });
    // Looked at during his call is not acted on: the record read again still lists none.
    call(core, 'persons.get', { rut: '15234567-4' });
    expect(call(core, 'persons.get', { rut: '15234567-4' }).interactions).toEqual([]);
  });
});

describe('whose calls', () => {
  it('a supervisor sees every agent’s calls with the agent’s name; an agent sees only theirs', () => {
    const core = seededCore(300);
    const mine = call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    call(core, 'interactions.close', {
      id: mine.id,
      outcome: 'resolved',
      notes: 'Se le explicó cómo entrar',
    });
    signInAs(core, 'supervisora');
    const hers = call(core, 'interactions.open', { rut: MARIA, reason: 'first_registration' });
    call(core, 'interactions.close', {
      id: hers.id,
      outcome: 'resolved',
      notes: 'Se le explicó cómo entrar',
    });

    const all = contract['interactions.list'].output.parse(call(core, 'interactions.list', {}));
    expect(
      all
        .map((item) => [item.personRut, item.agentName])
        .sort((a, b) => a[0]!.localeCompare(b[0]!)),
    ).toEqual([
      [MARIA, 'Sara Supervisora'],
      [PEDRO, 'Alicia Agente'],
    ]);

    signInAs(core, 'agente');
    const own = call(core, 'interactions.list', {});
    expect(own.map((item: Interaction) => [item.personRut, item.agentName])).toEqual([
      [PEDRO, 'Alicia Agente'],
    ]);
  });
});
