/**
 * Calls and visits on one desk: each interaction main hands the renderer says what it is — a
 * visit when a prevention officer opened it — by the same rule the Panel counts visits with, in
 * the Llamadas list and its count, on the person's record, and in «Quién consultó esta ficha»;
 * main's refusals about an officer's own visit say «visita», and the audit reads his events
 * (where he opened a record from, who spoke for the person) in his words.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { auditDetailLine, describeAuditChange } from '../../src/shared/audit-details';
import { call, refused, seededCore, signInAs } from '../support/context';

const PEDRO = '12345678-5';
const CAMILA = '16789012-1';

const ON_BEHALF_AT_VISIT =
  'Una visita se atiende cara a cara con la persona: no se anota a otra persona hablando en su nombre. Si quien consulta no es la persona, no haga cambios en su acceso: que los pida ella misma.';

/**
 * Juana González, Pedro's relative, marked as speaking for him at an officer's open visit, as a
 * desk did before main refused it (interactions.setCaller): the row and its audit event. Such
 * visits are still read in a visit's words.
 */
function markedBeforeTheRefusal(core: Core, visitId: string) {
  const juana = { name: 'Juana González', relation: 'family' as const };
  const { context } = core;
  const visit = context.repos.interactions.byId(visitId)!;
  context.repos.interactions.setOnBehalf(visitId, juana);
  context.repos.audit.append({
    id: `marked-${visitId}`,
    at: context.now().toISOString(),
    agentId: visit.agentId,
    deviceId: context.deviceId,
    personRut: visit.personRut,
    action: 'interaction.set_caller',
    before: JSON.stringify({ onBehalf: null }),
    after: JSON.stringify({ onBehalf: juana }),
    reason: null,
    identityCheck: null,
    interactionId: visitId,
  });
}

/** An interaction opened and closed for Pedro by whoever is signed in, his record seen during it. */
function withPedro(core: Core, reason: string) {
  const opened = call(core, 'interactions.open', { rut: PEDRO, reason });
  call(core, 'persons.get', { rut: PEDRO, via: 'call' });
  call(core, 'interactions.close', {
    id: opened.id,
    outcome: 'resolved',
    notes: 'Se le explicó cómo entrar',
  });
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

describe("main's refusals about an officer's own visit", () => {
  it('say «visita» to him, and «llamada» still to an agent', () => {
    const core = seededCore(300, { as: 'prevencion' });
    const visit = call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    expect(refused(core, 'interactions.open', { rut: null, reason: 'other' })).toEqual({
      code: 'rule',
      message: 'Ya tiene una visita en curso: ciérrela antes de abrir otra.',
    });
    expect(
      refused(core, 'interactions.close', { id: visit.id, outcome: 'escalated', notes: '' }),
    ).toEqual({
      code: 'rule',
      message:
        'Una visita que se cierra como «Derivado» deja anotado qué queda pendiente y con quién (al menos 3 caracteres en las notas).',
    });
    expect(refused(core, 'interactions.setReason', { id: 'gone', reason: 'other' })).toEqual({
      code: 'not_found',
      message: 'No se encontró la visita (o es de otro agente).',
    });

    // A visit is face to face: main, like his bar, marks nobody as speaking for Pedro.
    expect(
      refused(core, 'interactions.setCaller', {
        id: visit.id,
        onBehalf: { name: 'Juana González', relation: 'family' },
      }),
    ).toEqual({ code: 'rule', message: ON_BEHALF_AT_VISIT });
    expect(call(core, 'interactions.current', {}).onBehalf).toBeNull();

    // A visit marked so before main refused it: what only Pedro may ask is refused in his words.
    markedBeforeTheRefusal(core, visit.id);
    const pedro = call(core, 'persons.get', { rut: PEDRO });
    expect(
      refused(core, 'contact.edit', {
        rut: PEDRO,
        phone: '+56 9 5555 0197',
        reason: 'Lo pidió su hija',
        identityCheck: [],
        expectedVersion: pedro.version,
      }).message,
    ).toBe(
      'El acceso es personal: con Juana González hablando en nombre de la persona solo se puede desbloquear un acceso bloqueado por intentos fallidos o reenviar correos a su dirección registrada; este cambio, no.',
    );
    call(core, 'interactions.setCaller', { id: visit.id, onBehalf: null });

    // Done something for Pedro, the visit is his for good.
    call(core, 'mails.resend', { rut: PEDRO, portal: 'achs_gestion', kind: 'password_reset' });
    expect(refused(core, 'interactions.setPerson', { id: visit.id, rut: CAMILA }).message).toBe(
      'La visita ya tiene acciones registradas: no puede pasar a otra persona. Ciérrela y abra otra con la persona que atiende ahora.',
    );

    call(core, 'interactions.close', {
      id: visit.id,
      outcome: 'resolved',
      notes: 'Se le explicó cómo entrar',
    });
    expect(refused(core, 'interactions.setReason', { id: visit.id, reason: 'other' })).toEqual({
      code: 'rule',
      message: 'Esa visita ya está cerrada: su motivo ya no se puede cambiar.',
    });
    expect(
      refused(core, 'interactions.close', { id: visit.id, outcome: 'resolved', notes: '' }),
    ).toEqual({ code: 'rule', message: 'Esa visita ya está cerrada.' });

    // An agent on the same desk still hears of his calls.
    signInAs(core, 'agente');
    call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    expect(refused(core, 'interactions.open', { rut: null, reason: 'other' }).message).toBe(
      'Ya tiene una llamada en curso: ciérrela antes de abrir otra.',
    );
    expect(refused(core, 'interactions.setReason', { id: visit.id, reason: 'other' })).toEqual({
      code: 'not_found',
      message: 'No se encontró la llamada (o es de otro agente).',
    });
  });
});

describe("the audit of an officer's visit", () => {
  it('says where he opened a record from, and who spoke for the person, in his words', () => {
    const core = seededCore(300, { as: 'prevencion' });
    const visit = call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    // Opened again from his list of visits, and his relative there speaking for him.
    call(core, 'persons.get', { rut: PEDRO, via: 'call' });
    markedBeforeTheRefusal(core, visit.id);
    call(core, 'interactions.close', {
      id: visit.id,
      outcome: 'resolved',
      notes: 'Se le explicó cómo entrar',
    });
    signInAs(core, 'agente');
    const phoned = call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    call(core, 'persons.get', { rut: PEDRO, via: 'call' });
    call(core, 'interactions.setCaller', {
      id: phoned.id,
      onBehalf: { name: 'Juana González', relation: 'family' },
    });

    signInAs(core, 'supervisora');
    const lines = (agentId: string) =>
      (
        call(core, 'audit.list', {
          agentId,
          includeViews: true,
          offset: 0,
          limit: 100,
        }).events as Array<{
          action: string;
          before: string | null;
          after: string | null;
          agentKind: 'call' | 'visit';
        }>
      )
        .filter((e) => e.action === 'person.view' || e.action === 'interaction.set_caller')
        .map((e) => [
          e.agentKind,
          describeAuditChange(e.before, e.after, { kind: e.agentKind }, e.action)
            .map(auditDetailLine)
            .filter((line) => /^(Abierta desde|Quién)/.test(line)),
        ]);
    expect(lines('prevention-demo')).toEqual([
      ['visit', ['Quién habla: La propia persona → Juana González (Familiar)']],
      ['visit', ['Abierta desde: Visita (lista de visitas)']],
    ]);
    expect(lines('agent-demo')).toEqual([
      ['call', ['Quién llama: La propia persona → Juana González (Familiar)']],
      ['call', ['Abierta desde: Llamada (lista de llamadas)']],
    ]);
    // The spreadsheet export reads them the same.
    const { csv } = call(core, 'audit.export', { includeViews: true });
    expect(csv).toContain('Abierta desde: Visita (lista de visitas)');
    expect(csv).toContain('Quién habla: La propia persona');
    expect(csv).toContain('Abierta desde: Llamada (lista de llamadas)');
    expect(csv).toContain('Quién llama: La propia persona');
  });
});

describe("an officer's visit once he is made supervisor", () => {
  it('stays a visit: in the lists, their counts, the Panel, the record, its viewers and the audit', () => {
    const core = seededCore(300, { as: 'prevencion' });
    const visit = withPedro(core, 'locked_attempts');
    expect(visit.kind).toBe('visit');

    // His profile, refreshed from the central API, now says supervisor.
    core.db.$client
      .prepare("UPDATE agents SET role = 'supervisor' WHERE id = 'prevention-demo'")
      .run();

    signInAs(core, 'supervisora');
    const kinds = () =>
      Object.fromEntries(
        call(core, 'interactions.list', {}).map((i: { id: string; kind: string }) => [
          i.id,
          i.kind,
        ]),
      );
    expect(kinds()).toEqual({ [visit.id]: 'visit' });
    expect(call(core, 'interactions.count', {})).toEqual({ total: 1, visits: 1 });
    expect(call(core, 'dashboard.panel', { range: 'today' })).toMatchObject({
      calls: 1,
      visits: 1,
    });
    const record = call(core, 'persons.get', { rut: PEDRO });
    expect(record.interactions.map((i: { kind: string }) => i.kind)).toEqual(['visit']);
    // His view of Pedro during the visit was in a visit.
    const viewers = call(core, 'persons.viewers', { rut: PEDRO });
    expect(
      viewers.views
        .filter((view: { agentId: string }) => view.agentId === 'prevention-demo')
        .map((view: { reason: string | null; kind: string }) => [view.reason, view.kind]),
    ).toEqual([['locked_attempts', 'visit']]);
    // And so was every event of his visit, in the audit.
    const events = call(core, 'audit.list', {
      agentId: 'prevention-demo',
      includeViews: true,
      offset: 0,
      limit: 100,
    }).events as Array<{ action: string; agentKind: string }>;
    // (His sign-ins and sign-outs are his own, of no visit.)
    const ofVisits = events.filter((event) => !event.action.startsWith('session.'));
    expect(ofVisits.map((event) => [event.action, event.agentKind])).toEqual([
      ['interaction.close', 'visit'],
      ['person.view', 'visit'],
      ['interaction.open', 'visit'],
    ]);

    // What he opens now, a supervisor, is a call; his visit is still a visit beside it.
    signInAs(core, 'prevencion');
    const phoned = withPedro(core, 'forgot_password');
    expect(phoned.kind).toBe('call');
    expect(kinds()).toEqual({ [visit.id]: 'visit', [phoned.id]: 'call' });
    expect(call(core, 'interactions.count', {})).toEqual({ total: 2, visits: 1 });
    expect(call(core, 'dashboard.panel', { range: 'today' })).toMatchObject({
      calls: 2,
      visits: 1,
    });
  });
});

describe('who speaks for the person at a visit', () => {
  it('is refused by main as his bar hides it, and still said for a call', () => {
    const core = seededCore(300, { as: 'prevencion' });
    const visit = call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    const juana = { name: 'Juana González', relation: 'family' };
    expect(refused(core, 'interactions.setCaller', { id: visit.id, onBehalf: juana })).toEqual({
      code: 'rule',
      message: ON_BEHALF_AT_VISIT,
    });
    // Nothing recorded: not on the visit, not in its audit.
    expect(call(core, 'interactions.current', {})).toMatchObject({
      onBehalf: null,
      earlierOnBehalf: [],
    });
    const events = core.context.repos.audit.forInteraction(visit.id);
    expect(events.map((event) => event.action)).toEqual(['interaction.open']);
    // The person speaking, as the visit already says, changes nothing and is not refused.
    expect(call(core, 'interactions.setCaller', { id: visit.id, onBehalf: null }).onBehalf).toBe(
      null,
    );
    // Bad input is still a clear refusal, not a crash.
    expect(
      refused(core, 'interactions.setCaller', { id: visit.id, onBehalf: { name: 'J' } }).code,
    ).toBe('invalid_input');
    call(core, 'interactions.close', {
      id: visit.id,
      outcome: 'resolved',
      notes: 'Se le explicó cómo entrar',
    });

    // An agent's call on the same desk: someone may call in the person's name.
    signInAs(core, 'agente');
    const phoned = call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    expect(
      call(core, 'interactions.setCaller', { id: phoned.id, onBehalf: juana }).onBehalf,
    ).toEqual(juana);
  });
});
