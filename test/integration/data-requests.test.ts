/**
 * Ley 21.719 requests on the desk (issue 10): recording (and refusing what is incomplete, with
 * nothing written), deadlines, moves, the supervisor's list, and the temporary block enforced on
 * EVERY action channel of the desk by the one shared rule.
 */
import { describe, expect, it } from 'vitest';
import {
  ActionResult,
  CompanyActionResult,
  contract,
  type Envelope,
} from '../../src/shared/contract';
import { channelNames } from '../../src/shared/channels';
import { dataRequestMessages, ruleMessages } from '../../src/shared/messages';
import { formatReceived } from '../../src/shared/format';
import type { Core } from '../../src/main/core';
import {
  acted,
  addAtEspiga,
  call,
  FIXED_NOW,
  seededCore,
  signInAs,
  ANDES_CALLER,
} from '../support/context';

const PEDRO = '12345678-5';
const ESPIGA = '78901234-2';
const RICARDO = '12131415-0';
const CHECKED = ['serial_number', 'employer'];

const counts = (core: Core) =>
  core.db.$client
    .prepare(
      `SELECT (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM audit_events
         WHERE action != 'person.view') AS audit, (SELECT count(*) FROM data_requests) AS requests`,
    )
    .get() as { outbox: number; audit: number; requests: number };

function record(core: Core, rut: string, right: string, extra: Record<string, unknown> = {}) {
  return acted(core, 'dataRequests.record', {
    rut,
    right,
    channel: 'phone',
    identityMethod: 'facts',
    identityFacts: CHECKED,
    detail: 'Lo que pide el titular, en sus palabras',
    ...extra,
  });
}

/**
 * A temporary block, recorded as art. 11 has it: on an open objection of the same titular,
 * recorded first (its receipt is `on`).
 */
function recordBlock(core: Core, rut: string, extra: Record<string, unknown> = {}) {
  const on = record(core, rut, 'objection');
  return { ...record(core, rut, 'blocking', extra), on };
}

const refusal = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error);

describe('recording a request on the call', () => {
  it('refuses a request without an identity check, in Spanish, writing nothing', () => {
    const core = seededCore(300);
    const before = counts(core);
    const ask = (overrides: Record<string, unknown>) =>
      refusal(
        core.dispatchNow('dataRequests.record', {
          rut: PEDRO,
          right: 'access',
          channel: 'phone',
          identityMethod: 'facts',
          identityFacts: [],
          detail: 'Quiere saber qué datos tenemos',
          ...overrides,
        }),
      );
    const none = ask({ identityMethod: null });
    expect(none).toEqual({
      code: 'rule',
      message: ruleMessages['data_request_identity_required']!({}),
    });
    expect(none?.message).toMatch(/verificación de identidad/);
    // Facts compared on the call: at least two, and ones the system holds.
    expect(ask({ identityFacts: ['serial_number'] })?.message).toMatch(/al menos 2 datos/);
    expect(
      ask({ channel: 'in_person', identityMethod: 'identity_card', detail: '  ' })?.message,
    ).toMatch(/qué pide exactamente/);
    // A card is shown in person: not on a phone call. The registered facts are compared by
    // asking: a mail or a portal form that lists them compares nothing.
    for (const wrong of [
      { identityMethod: 'identity_card' },
      { channel: 'email' },
      { channel: 'portal' },
    ]) {
      expect(ask(wrong)).toEqual({
        code: 'rule',
        message: ruleMessages['data_request_identity_channel']!({}),
      });
    }
    expect(counts(core)).toEqual(before);
  });

  it('gives a number, the legal deadline and the state "recibida"; queued and audited', () => {
    const core = seededCore(300);
    // FIXED_NOW is Saturday 21-11-2026 in Santiago: 30 calendar days end on Monday 21-12-2026.
    expect(FIXED_NOW.toISOString()).toBe('2026-11-21T15:00:00.000Z');
    const made = record(core, PEDRO, 'access');
    expect(made.request).toMatchObject({
      personRut: PEDRO,
      right: 'access',
      state: 'received',
      receivedDate: '2026-11-21',
      dueDate: '2026-12-21',
      deadline: 'later',
      atCentral: false,
      blocked: false,
    });
    expect(made.request.number).toMatch(/^SOL-[0-9A-Z]{6}-0001$/);
    const second = record(core, PEDRO, 'portability');
    expect(second.request.number).toMatch(/-0002$/);
    const outbox = core.db.$client
      .prepare("SELECT kind, payload FROM outbox WHERE kind = 'data_request.record' ORDER BY seq")
      .all() as Array<{ kind: string; payload: string }>;
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({
      number: made.request.number,
      right: 'access',
      identityCheck: { method: 'facts', facts: CHECKED },
    });
    const audit = core.db.$client
      .prepare(
        "SELECT after, identity_check FROM audit_events WHERE action = 'data_request.record'",
      )
      .all() as Array<{ after: string; identity_check: string }>;
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ number: made.request.number });
    expect(JSON.parse(audit[0]!.identity_check)).toEqual(CHECKED);
  });

  it('a blocking request is due in 2 business days and blocks at once; a second block is refused', () => {
    const core = seededCore(300);
    const made = recordBlock(core, PEDRO);
    // Saturday 21: Monday 23 and Tuesday 24 are the two business days.
    expect(made.request).toMatchObject({ dueDate: '2026-11-24', blocked: true });
    expect(made.record.dataProtection.block).toMatchObject({ requestNumber: made.request.number });
    expect(made.record.can.editContact).toEqual({ allowed: false, reason: 'data_blocked' });
    const before = counts(core);
    const again = core.dispatchNow('dataRequests.record', {
      rut: PEDRO,
      right: 'blocking',
      channel: 'email',
      identityMethod: 'signed_document',
      identityFacts: [],
      detail: 'Otra vez el bloqueo',
    });
    expect(refusal(again)?.message).toBe(
      ruleMessages['person_already_blocked']!({ number: made.request.number }),
    );
    expect(counts(core)).toEqual(before);
  });
});

describe('the day a request was received (art. 11)', () => {
  it('a mail read days later is dated the day it arrived, and its term runs from that day', () => {
    const clock = { now: new Date('2026-12-07T14:00:00Z') }; // Monday
    const core = seededCore(300, { clock });
    const byMail = {
      right: 'access',
      channel: 'email',
      identityMethod: 'signed_document',
      identityFacts: [],
    };
    // It arrived on Friday 04-12: due 04-01-2027 (30 days end on a Sunday), not 06-01.
    const made = record(core, PEDRO, 'access', { ...byMail, receivedOn: '2026-12-04' });
    expect(made.request).toMatchObject({ receivedDate: '2026-12-04', dueDate: '2027-01-04' });
    // Shown as the day alone: no time of arrival is made up.
    expect(formatReceived(made.request.receivedAt)).toBe('04-12-2026');
    const refused = (extra: Record<string, unknown>) =>
      refusal(
        core.dispatchNow('dataRequests.record', {
          rut: PEDRO,
          detail: 'Copia de sus datos',
          ...byMail,
          ...extra,
        }),
      )?.message;
    const before = counts(core);
    expect(refused({ receivedOn: '2026-12-08' })).toBe(
      'La fecha de recepción no puede ser posterior a hoy.',
    );
    expect(refused({ receivedOn: '2026-10-01' })).toMatch(
      /de hace más de 30 días: revise la fecha\. Si de verdad llegó entonces, regístrela con esa fecha marcando que es la verdadera \(nunca con otra\): su plazo legal se cuenta desde ella\.$/,
    );
    // A call is received as it is recorded.
    expect(
      refused({
        channel: 'phone',
        identityMethod: 'facts',
        identityFacts: CHECKED,
        receivedOn: '2026-12-04',
      }),
    ).toMatch(/por teléfono o presencial se recibe al registrarla/);
    expect(counts(core)).toEqual(before);
    // Confirmed as the true day, it is registered with it, its term already run.
    const late = record(core, PEDRO, 'access', {
      ...byMail,
      receivedOn: '2026-10-01',
      lateConfirmed: true,
    });
    expect(late.request).toMatchObject({ receivedDate: '2026-10-01', dueDate: '2026-11-02' });
    // Its term ran out on 02-11: it cannot be extended now, which would hide 35 days of delay
    // (walk 60b H1); it is answered late, or denied.
    expect(
      refusal(
        core.dispatchNow('dataRequests.move', {
          number: late.request.number,
          move: 'extend',
          reason: 'Falta información',
        }),
      )?.message,
    ).toBe(dataRequestMessages.termPassed);
    expect(call(core, 'dataRequests.get', { number: late.request.number }).request).toMatchObject({
      state: 'received',
      dueDate: '2026-11-02',
    });
    // A supervisor is not sent to her supervisor (walk 59b).
    expect(dataRequestMessages.duePassed('02-11-2026', true)).toBe(
      'Con esa fecha, su plazo legal ya venció (el 02-11-2026): respóndala cuanto antes.',
    );
  });
});

describe('a temporary block stands on a request (art. 11)', () => {
  it('is refused while no rectification, deletion or objection of the titular is open', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const blockAlone = () =>
      refusal(
        core.dispatchNow('dataRequests.record', {
          rut: PEDRO,
          right: 'blocking',
          channel: 'phone',
          identityMethod: 'facts',
          identityFacts: CHECKED,
          detail: 'Que no usen mis datos',
        }),
      );
    const before = counts(core);
    expect(blockAlone()?.message).toBe(ruleMessages['data_request_block_without_request']!({}));
    expect(counts(core)).toEqual(before);
    // An access request is no ground for a block; a closed objection is none either.
    record(core, PEDRO, 'access');
    expect(blockAlone()?.message).toBe(ruleMessages['data_request_block_without_request']!({}));
    const objection = record(core, PEDRO, 'objection');
    call(core, 'dataRequests.move', {
      number: objection.request.number,
      move: 'deny',
      reason: 'El tratamiento es necesario para su seguro laboral',
    });
    expect(blockAlone()?.message).toBe(ruleMessages['data_request_block_without_request']!({}));
    // On an open deletion it is recorded, and blocks.
    record(core, PEDRO, 'deletion');
    expect(blockAlone()).toBeNull();
    expect(call(core, 'persons.get', { rut: PEDRO }).dataProtection.block).not.toBeNull();
  });
});

describe('moving a request', () => {
  it('extends once with a reason, answers; refuses a second extension and a reasonless denial', () => {
    const core = seededCore(300);
    const made = record(core, PEDRO, 'access');
    const number = made.request.number as string;
    expect(
      refusal(core.dispatchNow('dataRequests.move', { number, move: 'extend', reason: '' }))
        ?.message,
    ).toBe(ruleMessages['reason_required']!({}));
    const extended = call(core, 'dataRequests.move', {
      number,
      move: 'extend',
      reason: 'Datos en archivo externo',
    });
    // The request names its agent as the list does, not by an id.
    expect(extended.request).toMatchObject({
      state: 'extended',
      dueDate: '2027-01-20',
      agentName: 'Alicia Agente',
    });
    expect(call(core, 'dataRequests.get', { number }).request.agentName).toBe('Alicia Agente');
    expect(
      refusal(core.dispatchNow('dataRequests.move', { number, move: 'extend', reason: 'Otra' }))
        ?.message,
    ).toMatch(/una sola prórroga/);
    const answered = call(core, 'dataRequests.move', {
      number,
      move: 'answer',
      reason: 'Se envió el informe por correo',
    });
    // The answer keeps its own note; the extension's reason stays the extension's.
    expect(answered.request).toMatchObject({
      state: 'answered',
      deadline: 'closed',
      stateReason: 'Se envió el informe por correo',
      extensionReason: 'Datos en archivo externo',
    });
    expect(
      refusal(core.dispatchNow('dataRequests.move', { number, move: 'deny', reason: 'Tarde' }))
        ?.message,
    ).toMatch(/Respondida/);
  });

  it('a denied blocking request ends the block, and its audit says so', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const made = recordBlock(core, PEDRO);
    const { number } = made.request;
    expect(call(core, 'persons.get', { rut: PEDRO }).dataProtection.block).not.toBeNull();
    call(core, 'dataRequests.move', { number, move: 'deny', reason: 'No procede' });
    expect(call(core, 'persons.get', { rut: PEDRO }).dataProtection.block).toBeNull();
    const audit = core.db.$client
      .prepare(
        "SELECT before, after FROM audit_events WHERE action = 'data_request.move' ORDER BY rowid DESC LIMIT 1",
      )
      .get() as { before: string; after: string };
    expect(JSON.parse(audit.before)).toMatchObject({ state: 'received', blocked: true });
    expect(JSON.parse(audit.after)).toMatchObject({
      state: 'denied',
      blocked: false,
      unblockedAt: FIXED_NOW.toISOString(),
    });
  });

  it('a blocking request has no extension', () => {
    const core = seededCore(300);
    const made = recordBlock(core, PEDRO);
    expect(
      refusal(
        core.dispatchNow('dataRequests.move', {
          number: made.request.number,
          move: 'extend',
          reason: 'Necesitamos más tiempo',
        }),
      )?.message,
    ).toMatch(/2 días hábiles/);
  });
});

describe("another agent's requests on the record", () => {
  it('are listed by where they stand while open, so an agent never reads «none» beside one and can tell the titular', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const made = record(core, PEDRO, 'rectification');
    signInAs(core, 'agente');
    const seen = () => call(core, 'persons.get', { rut: PEDRO }).dataProtection;
    // Where it stands, not what was asked (its detail stays a supervisor's).
    expect(seen()).toEqual(
      expect.objectContaining({
        requests: [],
        othersOpen: [
          {
            number: made.request.number,
            right: 'rectification',
            state: 'received',
            dueDate: made.request.dueDate,
          },
        ],
      }),
    );
    signInAs(core, 'supervisora');
    expect(seen()).toMatchObject({ othersOpen: [] });
    expect(seen().requests).toHaveLength(1);
    call(core, 'dataRequests.move', {
      number: made.request.number,
      move: 'answer',
      reason: 'Corregido',
    });
    signInAs(core, 'agente');
    expect(seen()).toMatchObject({ requests: [], othersOpen: [] });
  });
});

describe('the supervisor list by deadline', () => {
  it('orders open requests by due date, flags the close ones, filters; agents see their own', () => {
    const clock = { now: new Date('2026-12-14T15:00:00Z') }; // Monday
    const core = seededCore(300, { clock });
    const access = record(core, PEDRO, 'access'); // due Wednesday 13-01-2027
    const block = recordBlock(core, '18765432-7'); // due Wednesday 16-12-2026
    clock.now = new Date('2026-11-10T15:00:00Z'); // an older one, recorded back then
    const old = record(core, '16789012-1', 'rectification'); // due Thursday 10-12-2026: overdue
    clock.now = new Date('2026-12-14T15:00:00Z');
    signInAs(core, 'supervisora');
    const list = call(core, 'dataRequests.list', {});
    expect(list.today).toBe('2026-12-14');
    expect(list.requests.map((r: { number: string }) => r.number)).toEqual([
      old.request.number,
      block.request.number,
      access.request.number,
      // The objection the block stands on, recorded with it.
      block.on.request.number,
    ]);
    expect(
      list.requests.map(
        (r: { deadline: string; businessDaysLeft: number; calendarDaysLeft: number }) => [
          r.deadline,
          r.businessDaysLeft,
          r.calendarDaysLeft,
        ],
      ),
    ).toEqual([
      ['overdue', -2, -4],
      ['due_soon', 2, 2],
      ['later', 20, 30],
      ['later', 20, 30],
    ]);
    expect(call(core, 'dataRequests.list', { right: 'blocking' }).requests).toHaveLength(1);
    expect(call(core, 'dataRequests.list', { state: 'answered' }).requests).toHaveLength(0);
    const groups = call(core, 'dataRequests.byDeadline', {});
    expect([groups.overdue.count, groups.dueSoon.count, groups.later.count]).toEqual([1, 1, 2]);
    // Another agent sees none of them; a prevention officer may not see the list.
    signInAs(core, 'prevencion');
    expect(refusal(core.dispatchNow('dataRequests.list', {}))?.code).toBe('forbidden');
    signInAs(core, 'agente');
    expect(call(core, 'dataRequests.list', {}).requests).toHaveLength(4);
  });
});

describe('the temporary block, on every action channel', () => {
  /** Every channel answering an action on a person or a company user. */
  const ACTION_CHANNELS = channelNames.filter((channel) => {
    const output = contract[channel].output as unknown;
    return output === ActionResult || output === CompanyActionResult;
  });

  it('refuses every action on a blocked person with the block message, writing nothing', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const version = (rut: string) => call(core, 'persons.get', { rut });
    // A request made before the block, to have something to decide.
    call(core, 'requests.record', { requesterRut: RICARDO, companyRut: ESPIGA, capacity: 'other' });
    const cases: Record<string, [string, () => unknown]> = {
      'contact.edit': [
        PEDRO,
        () => ({
          rut: PEDRO,
          phone: '+56 9 5555 4444',
          reason: 'Nuevo celular',
          identityCheck: [],
          expectedVersion: version(PEDRO).version,
        }),
      ],
      'accounts.unlock': [
        PEDRO,
        () => ({
          rut: PEDRO,
          portal: 'achs_gestion',
          identityCheck: CHECKED,
          expectedVersion: version(PEDRO).accounts[0].version,
        }),
      ],
      'accounts.clearRegistrationBlock': [
        '11111111-1',
        () => ({
          rut: '11111111-1',
          portal: 'achs_gestion',
          identityCheck: CHECKED,
          expectedVersion: version('11111111-1').accounts[0].version,
        }),
      ],
      'mails.resend': [
        '18765432-7',
        () => ({ rut: '18765432-7', portal: 'achs_gestion', kind: 'password_creation' }),
      ],
      'memberships.changeRole': [
        PEDRO,
        () => ({
          rut: PEDRO,
          companyRut: '76543210-3',
          role: 'company_user',
          reason: 'Perfil',
          expectedVersion: version(PEDRO).memberships[0].version,
          ...ANDES_CALLER,
        }),
      ],
      'requests.record': [
        PEDRO,
        () => ({ requesterRut: PEDRO, companyRut: ESPIGA, capacity: 'other' }),
      ],
      'requests.decide': [
        RICARDO,
        () => ({
          requesterRut: RICARDO,
          companyRut: ESPIGA,
          decision: 'reject',
          reason: 'No figura en la TRF',
        }),
      ],
      'companyUsers.add': [PEDRO, () => addAtEspiga(PEDRO)],
      'companyUsers.change': [
        '19283746-4',
        () => ({
          companyRut: ESPIGA,
          userRut: '19283746-4',
          change: 'pause',
          reason: 'Lo pidió la administradora de accesos',
          callerRut: '13579246-2',
          callerIdentityCheck: ['serial_number', 'registered_phone'],
        }),
      ],
      'companyUsers.setModules': [
        '14253647-1',
        () => ({
          companyRut: ESPIGA,
          userRut: '14253647-1',
          modules: ['licencias', 'certificados'],
          callerRut: '13579246-2',
          callerIdentityCheck: ['serial_number', 'registered_phone'],
        }),
      ],
    };
    expect(Object.keys(cases).sort()).toEqual([...ACTION_CHANNELS].sort());

    const blocks = new Map<string, string>();
    for (const [rut] of Object.values(cases)) {
      if (!blocks.has(rut)) {
        // The rectification the block stands on (art. 11).
        record(core, rut, 'rectification', {
          channel: 'in_person',
          identityMethod: 'identity_card',
          identityFacts: [],
        });
        blocks.set(
          rut,
          call(core, 'dataRequests.record', {
            rut,
            right: 'blocking',
            channel: 'in_person',
            identityMethod: 'identity_card',
            identityFacts: [],
            detail: 'Bloqueo mientras se decide su rectificación',
          }).request.number,
        );
      }
    }
    for (const [channel, [rut, input]] of Object.entries(cases)) {
      const made = input();
      const before = counts(core);
      expect(refusal(core.dispatchNow(channel, made)), channel).toEqual({
        code: 'rule',
        message: ruleMessages['person_blocked']!({ number: blocks.get(rut)! }),
      });
      expect(counts(core), channel).toEqual(before);
    }

    // Unblocking ends it (audited): the same action goes through.
    call(core, 'dataRequests.unblock', { number: blocks.get(PEDRO), reason: 'Se resolvió' });
    expect(
      core.db.$client
        .prepare("SELECT count(*) FROM audit_events WHERE action = 'data_request.unblock'")
        .pluck()
        .get(),
    ).toBe(1);
    expect(core.dispatchNow('contact.edit', cases['contact.edit']![1]()).ok).toBe(true);
    expect(
      refusal(
        core.dispatchNow('dataRequests.unblock', { number: blocks.get(PEDRO), reason: 'Otra vez' }),
      )?.message,
    ).toMatch(/no tiene un bloqueo vigente/);
  });

  /** A supervisor's phone change for Pedro, refused by the central API as a conflict. */
  const phoneConflict = () => {
    const core = seededCore(300, { as: 'supervisora' });
    const person = call(core, 'persons.get', { rut: PEDRO });
    const edit = call(core, 'contact.edit', {
      rut: PEDRO,
      phone: '+56 9 5555 4444',
      reason: 'Nuevo celular',
      identityCheck: [],
      expectedVersion: person.version,
    });
    core.db.$client
      .prepare(`UPDATE outbox SET state = 'conflict', result = ? WHERE action_id = ?`)
      .run(
        JSON.stringify({
          conflicts: [{ field: 'phone', yours: '+56955554444', theirs: '+56911112222' }],
        }),
        edit.actionId,
      );
    return { core, edit };
  };

  it('resolving a sync conflict with "keep mine" is refused while the person is blocked', () => {
    const { core, edit } = phoneConflict();
    // The pull brought the central API's value back.
    core.db.$client.prepare("UPDATE persons SET phone = '+56911112222' WHERE rut = 12345678").run();
    const block = recordBlock(core, PEDRO);
    expect(
      refusal(core.dispatchNow('sync.resolve', { actionId: edit.actionId, choice: 'keep_mine' })),
    ).toEqual({
      code: 'rule',
      message: ruleMessages['person_blocked']!({ number: block.request.number }),
    });
  });

  it('a conflict whose person left this desk offers nothing to send again, and says why', () => {
    const { core, edit } = phoneConflict();
    const sqlite = core.db.$client;
    // His company was taken from the desk: the replica forgets him (replica-writer.ts).
    sqlite.pragma('foreign_keys = OFF');
    for (const table of ['accounts', 'memberships']) {
      sqlite.prepare(`DELETE FROM ${table} WHERE person_rut = 12345678`).run();
    }
    sqlite.prepare('DELETE FROM persons WHERE rut = 12345678').run();
    const [issue] = call(core, 'sync.issues', {}) as Array<{ personName: string | null }>;
    expect(issue).toMatchObject({ personRut: PEDRO, personName: null });
    // «Aplicar el mío» is said as what it is, not «búsquela de nuevo por RUT».
    expect(
      refusal(core.dispatchNow('sync.resolve', { actionId: edit.actionId, choice: 'keep_mine' })),
    ).toEqual({ code: 'rule', message: ruleMessages['person_left_desk']!({}) });
    // Marked as reviewed, it leaves the list.
    expect(call(core, 'sync.resolve', { actionId: edit.actionId, choice: 'keep_theirs' })).toEqual(
      [],
    );
  });

  it('a rectification linked to its open request goes through the block; the link is kept', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const rectification = record(core, PEDRO, 'rectification');
    // It stands on the rectification (art. 11).
    const block = record(core, PEDRO, 'blocking');
    const access = record(core, PEDRO, 'access');
    const input = (dataRequest: string | null) => ({
      rut: PEDRO,
      phone: '+56 9 5555 4444',
      reason: 'Rectificación pedida por el titular',
      identityCheck: [],
      expectedVersion: call(core, 'persons.get', { rut: PEDRO }).version,
      dataRequest,
    });
    // Only a rectification request can carry the edit.
    expect(
      refusal(core.dispatchNow('contact.edit', input(access.request.number)))?.message,
    ).toMatch(/no es una solicitud de rectificación abierta/);
    // Nor the block itself (the central API refuses both too: central-api.test.ts).
    expect(refusal(core.dispatchNow('contact.edit', input(block.request.number)))?.message).toMatch(
      /no es una solicitud de rectificación abierta/,
    );
    const done = call(core, 'contact.edit', input(rectification.request.number));
    const audit = core.db.$client
      .prepare('SELECT after FROM audit_events WHERE id = ?')
      .get(done.actionId) as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({
      phone: '+56955554444',
      dataRequest: rectification.request.number,
    });
    const queued = core.db.$client
      .prepare('SELECT payload FROM outbox WHERE action_id = ?')
      .get(done.actionId) as { payload: string };
    expect(JSON.parse(queued.payload)).toMatchObject({ dataRequest: rectification.request.number });
    // The request's detail names the change, in words; the other requests list none.
    const detail = call(core, 'dataRequests.get', { number: rectification.request.number });
    expect(detail.linkedChanges).toEqual([
      {
        at: expect.any(String),
        action: 'Cambió datos de contacto',
        agentName: 'Sara Supervisora',
        lines: [expect.stringMatching(/^Celular: .+ → \+56 9 5555 4444$/)],
        // No central API on this desk: it waits.
        sync: 'pending',
      },
    ]);
    expect(call(core, 'dataRequests.get', { number: access.request.number }).linkedChanges).toEqual(
      [],
    );
    // Once answered, the request no longer opens the block.
    call(core, 'dataRequests.move', {
      number: rectification.request.number,
      move: 'answer',
      reason: null,
    });
    expect(
      refusal(
        core.dispatchNow('contact.edit', {
          ...input(rectification.request.number),
          phone: '+56 9 6666 7777',
        }),
      )?.message,
    ).toMatch(/no es una solicitud de rectificación abierta/);
  });
});
