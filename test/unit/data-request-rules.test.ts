import { describe, expect, it } from 'vitest';
import {
  blockableOpen,
  titularWithoutDataRefusal,
  blockDecision,
  checkMove,
  closedLate,
  deviceCode,
  firstDueDate,
  identityMethodFits,
  linksTo,
  receivedOnFits,
  REQUEST_NUMBER,
  requestNumber,
} from '../../src/shared/rules/data-requests';
import { dataRequestMessages } from '../../src/shared/messages';

describe('moves of a Ley 21.719 request', () => {
  const open = {
    state: 'received',
    right: 'access',
    extended: false,
    dueDate: '2026-12-07',
  } as const;
  const TODAY = '2026-12-07';
  it('allows the moves the states permit', () => {
    expect(checkMove(open, 'start', null, TODAY)).toEqual({ ok: true, to: 'in_progress' });
    expect(checkMove(open, 'answer', null, TODAY)).toEqual({ ok: true, to: 'answered' });
    expect(checkMove(open, 'extend', 'Falta información', TODAY)).toEqual({
      ok: true,
      to: 'extended',
    });
    expect(checkMove(open, 'deny', 'No es el titular', TODAY)).toEqual({ ok: true, to: 'denied' });
  });
  it('extends once, never a blocking request; extension and denial need a reason', () => {
    expect(checkMove({ ...open, extended: true }, 'extend', 'Otra vez', TODAY)).toEqual({
      ok: false,
      code: 'already_extended',
    });
    expect(checkMove({ ...open, right: 'blocking' }, 'extend', 'Más tiempo', TODAY)).toEqual({
      ok: false,
      code: 'no_extension_for_blocking',
    });
    expect(checkMove(open, 'deny', '  ', TODAY)).toEqual({ ok: false, code: 'reason_required' });
    expect(checkMove(open, 'extend', null, TODAY)).toEqual({ ok: false, code: 'reason_required' });
  });
  it('extends only before the term ends: on its last day, not the day after (walk 60b H1)', () => {
    expect(checkMove(open, 'extend', 'Falta información', '2026-12-07')).toEqual({
      ok: true,
      to: 'extended',
    });
    expect(checkMove(open, 'extend', 'Falta información', '2026-12-08')).toEqual({
      ok: false,
      code: 'term_passed',
    });
    // Late, it is still answered or denied.
    expect(checkMove(open, 'answer', null, '2027-01-20').ok).toBe(true);
    expect(checkMove(open, 'deny', 'No es el titular', '2027-01-20').ok).toBe(true);
  });
  it('a closed request does not move', () => {
    for (const state of ['answered', 'denied'] as const) {
      for (const move of ['start', 'extend', 'answer', 'deny'] as const) {
        expect(checkMove({ ...open, state }, move, 'Motivo suficiente', TODAY).ok).toBe(false);
      }
    }
    expect(checkMove({ ...open, state: 'extended', extended: true }, 'start', null, TODAY).ok).toBe(
      false,
    );
  });
});

describe('the temporary block', () => {
  const block = { requestNumber: 'SOL-ABCDEF-0001', since: '2026-11-21T15:00:00Z' };
  it('allows everything when there is no block', () => {
    expect(blockDecision(null, { kind: 'account.unlock', personRut: 1, linked: null })).toEqual({
      allowed: true,
    });
  });
  it('refuses every other action, naming the blocking request', () => {
    for (const kind of ['person.update_contact', 'membership.pause', 'company_user.add', 'x']) {
      expect(blockDecision(block, { kind, personRut: 1, linked: null })).toEqual({
        allowed: false,
        code: 'person_blocked',
        requestNumber: 'SOL-ABCDEF-0001',
      });
    }
  });
  it('lets through the requests’ own actions and a change under an open request of the same person', () => {
    for (const kind of ['data_request.record', 'data_request.move', 'data_request.unblock']) {
      expect(blockDecision(block, { kind, personRut: 1, linked: null }).allowed).toBe(true);
    }
    const linked = {
      number: 'SOL-ABCDEF-0002',
      personRut: 1,
      right: 'rectification',
      state: 'in_progress',
    } as const;
    expect(
      blockDecision(block, { kind: 'person.update_contact', personRut: 1, linked }).allowed,
    ).toBe(true);
    expect(
      blockDecision(block, { kind: 'person.update_contact', personRut: 2, linked }).allowed,
    ).toBe(false);
    expect(
      blockDecision(block, {
        kind: 'person.update_contact',
        personRut: 1,
        linked: { ...linked, state: 'answered' },
      }).allowed,
    ).toBe(false);
  });
  it('lets through only the change that answers its request: a contact edit under a rectification', () => {
    const open = { number: 'SOL-ABCDEF-0001', personRut: 1, state: 'received' } as const;
    // Naming the blocking request itself, or another open request, opens nothing.
    for (const right of ['blocking', 'access', 'deletion', 'objection', 'portability'] as const) {
      expect(
        blockDecision(block, {
          kind: 'person.update_contact',
          personRut: 1,
          linked: { ...open, right },
        }).allowed,
      ).toBe(false);
    }
    // A rectification carries the contact edit, not another change of the person.
    for (const kind of ['membership.disable', 'mail.resend', 'company_user.add']) {
      expect(
        blockDecision(block, { kind, personRut: 1, linked: { ...open, right: 'rectification' } })
          .allowed,
      ).toBe(false);
    }
    expect(
      linksTo({ kind: 'person.update_contact', personRut: 1 }, { ...open, right: 'rectification' }),
    ).toBe(true);
    expect(linksTo({ kind: 'person.update_contact', personRut: 1 }, null)).toBe(false);
  });
});

describe("receivedOnFits: the day art. 11's term runs from", () => {
  const today = '2026-12-07';
  it('a call or a counter visit is received the day it is recorded', () => {
    expect(receivedOnFits('phone', today, today)).toBe('ok');
    expect(receivedOnFits('in_person', '2026-12-04', today)).toBe('spoken_today');
  });
  it('a mail or a portal form the day it arrived, never after today nor too long ago', () => {
    expect(receivedOnFits('email', '2026-12-04', today)).toBe('ok');
    expect(receivedOnFits('portal', '2026-11-07', today)).toBe('ok');
    expect(receivedOnFits('portal', '2026-11-06', today)).toBe('too_old');
    expect(receivedOnFits('email', '2026-12-08', today)).toBe('future');
  });
  it('a day long ago is taken as it is once confirmed true: never another day instead', () => {
    expect(receivedOnFits('portal', '2026-11-06', today, true)).toBe('ok');
    expect(receivedOnFits('email', '2025-12-01', today, true)).toBe('ok');
    // Confirming makes no future day, nor a call dated back, acceptable.
    expect(receivedOnFits('email', '2026-12-08', today, true)).toBe('future');
    expect(receivedOnFits('phone', '2026-11-06', today, true)).toBe('spoken_today');
  });
  it('the term counts from that day: a Friday mail recorded on Monday is due from Friday', () => {
    expect(firstDueDate('access', '2026-12-04')).toBe('2027-01-04');
    expect(firstDueDate('blocking', '2026-12-04')).toBe('2026-12-09');
  });
});

describe('request numbers', () => {
  it('are readable, per device, and differ between devices', () => {
    const a = requestNumber('3f2a9c1b-0000-4000-8000-000000000000', 12);
    expect(a).toMatch(REQUEST_NUMBER);
    expect(a).toMatch(/^SOL-[0-9A-Z]{6}-0012$/);
    expect(a.slice(4, 10)).not.toMatch(/[ILOU]/);
    expect(deviceCode('3f2a9c1b-0000-4000-8000-000000000000')).not.toBe(
      deviceCode('3f2a9c1f-0000-4000-8000-000000000000'),
    );
    expect(requestNumber('ffffffff-0000-4000-8000-000000000000', 10_000)).toMatch(/-10000$/);
  });
});

describe('identityMethodFits: a method used where it can have been', () => {
  it('a card is shown in person; the facts are compared by asking, on the phone or face to face', () => {
    expect(identityMethodFits('identity_card', 'in_person')).toBe(true);
    expect(identityMethodFits('identity_card', 'phone')).toBe(false);
    for (const channel of ['phone', 'in_person'] as const) {
      expect(identityMethodFits('facts', channel), channel).toBe(true);
    }
    for (const channel of ['email', 'portal'] as const) {
      expect(identityMethodFits('facts', channel), channel).toBe(false);
      expect(identityMethodFits('signed_document', channel), channel).toBe(true);
    }
  });

  it('ClaveÚnica only for a request made on the portal; a signed document on any channel', () => {
    expect(identityMethodFits('clave_unica', 'portal')).toBe(true);
    for (const channel of ['phone', 'in_person', 'email'] as const) {
      expect(identityMethodFits('clave_unica', channel), channel).toBe(false);
      expect(identityMethodFits('signed_document', channel), channel).toBe(true);
    }
  });
});

describe('a request from someone the system holds nothing of', () => {
  const asked = { right: 'access' as const, method: 'identity_card' as const };
  it('takes a name and a surname as the titular says them', () => {
    expect(titularWithoutDataRefusal({ ...asked, titularName: 'Ana María Soto' })).toBeNull();
    expect(titularWithoutDataRefusal({ ...asked, titularName: 'Ñuñoa Pérez' })).toBeNull();
    for (const name of [
      null,
      '',
      '   ',
      'Ana',
      'A B',
      '12345 678',
      'x'.repeat(150) + ' ' + 'y'.repeat(60),
    ]) {
      expect(titularWithoutDataRefusal({ ...asked, titularName: name })).toBe(
        'titular_name_required',
      );
    }
  });
  it('blocks nothing, and compares no registered facts: there are none', () => {
    const named = { titularName: 'Ana Soto' };
    expect(titularWithoutDataRefusal({ ...asked, ...named, right: 'blocking' })).toBe(
      'titular_block_nothing',
    );
    expect(titularWithoutDataRefusal({ ...asked, ...named, method: 'facts' })).toBe(
      'titular_no_facts',
    );
    for (const right of ['rectification', 'deletion', 'objection', 'portability'] as const) {
      expect(titularWithoutDataRefusal({ ...asked, ...named, right })).toBeNull();
    }
  });
});

describe('closedLate: whether, and how late, a request was answered or denied', () => {
  it('is on time on or before its due date', () => {
    expect(closedLate('access', '2026-12-10', '2026-12-10')).toEqual({ late: false, days: 0 });
    expect(closedLate('access', '2026-12-10', '2026-11-30')).toEqual({ late: false, days: 0 });
  });

  it('counts calendar days for the rights answered in 30 days, business days for a block', () => {
    // Friday the 11th due; closed on Monday the 14th.
    expect(closedLate('access', '2026-12-11', '2026-12-14')).toEqual({ late: true, days: 3 });
    expect(closedLate('blocking', '2026-12-11', '2026-12-14')).toEqual({ late: true, days: 1 });
    // A block closed the Saturday after its last day: late, by no business day.
    const saturday = closedLate('blocking', '2026-12-11', '2026-12-12');
    expect(saturday).toEqual({ late: true, days: 0 });
    expect(dataRequestMessages.closedOn('Respondida', '12-12-2026', saturday, true)).toBe(
      'respondida el 12-12-2026, fuera del plazo',
    );
    expect(
      dataRequestMessages.closedOn('Denegada', '14-12-2026', { late: true, days: 1 }, true),
    ).toBe('denegada el 14-12-2026, 1 día hábil después del plazo');
  });
});

describe('blockableOpen (art. 11: what a temporary block stands on)', () => {
  it('is an open rectification, deletion or objection, and nothing else', () => {
    expect(blockableOpen([{ right: 'objection', state: 'received' }])).toBe(true);
    expect(blockableOpen([{ right: 'rectification', state: 'extended' }])).toBe(true);
    expect(blockableOpen([{ right: 'deletion', state: 'answered' }])).toBe(false);
    expect(blockableOpen([{ right: 'access', state: 'received' }])).toBe(false);
    expect(blockableOpen([])).toBe(false);
  });
});
