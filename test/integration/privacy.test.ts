/**
 * Privacy by default on the desk (issue 10), over real replicas: every record view says how it
 * was opened and why; an officer outside his companies gets one answer whether or not the RUT
 * exists, and the attempt is audited; a supervisor sees who viewed a person; exports say who made
 * them and are audited; the card serial number never leaves main whole.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/main/core';
import { notFoundMessages, privacyMessages } from '../../src/shared/messages';
import { DESK_REREAD_MS, SEARCH_SETTLE_MS, SITTING_MS } from '../../src/main/services/privacy';
import { checkDigit, loginRut } from '../../src/shared/rut';
import { call, seededCore, signInAs } from '../support/context';

const PEDRO = '12345678-5';
/** Ramón: his only company (Biobío) is not the officer's. */
const RAMON = '7654321-6';
const ESPIGA = '78901234-2';
const ANDES = '76543210-3';

function refused(core: Core, channel: string, input: unknown) {
  const envelope = core.dispatchNow(channel, input);
  if (envelope.ok) throw new Error(`${channel} should have been refused`);
  return envelope;
}

/** A valid RUT the replica does not hold. */
function absentRut(core: Core, from = 4_444_444): string {
  const has = core.db.$client.prepare('SELECT 1 FROM persons WHERE rut = ?').pluck();
  const company = core.db.$client.prepare('SELECT 1 FROM companies WHERE rut = ?').pluck();
  let body = from;
  while (has.get(body) || company.get(body)) body++;
  return loginRut({ body, dv: checkDigit(body) });
}

type Row = {
  action: string;
  person_rut: number | null;
  after: string | null;
  agent_id: string;
  interaction_id: string | null;
};
const events = (core: Core, action?: string): Row[] =>
  core.db.$client
    .prepare(
      `SELECT action, person_rut, after, agent_id, interaction_id FROM audit_events
       ${action ? 'WHERE action = ?' : ''} ORDER BY seq`,
    )
    .all(...(action ? [action] : [])) as Row[];

describe('every record view says how it was opened and why', () => {
  it('records the way in (search by default, the calls list, a company, the Ley 21.719 list) and the call reason', () => {
    const core = seededCore(300, { as: 'agente' });
    call(core, 'persons.get', { rut: PEDRO });
    call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    call(core, 'persons.get', { rut: PEDRO, via: 'call' });
    call(core, 'persons.get', { rut: PEDRO, via: 'company' });
    call(core, 'persons.get', { rut: PEDRO, via: 'data_requests' });
    const views = events(core, 'person.view').map((row) => JSON.parse(row.after!));
    // Each view also keeps the causes the record showed (the Panel counts them).
    const causes = ['temporarily_locked'];
    expect(views).toEqual([
      { via: 'search', causes },
      { via: 'call', reason: 'locked_attempts', causes },
      { via: 'company', reason: 'locked_attempts', causes },
      { via: 'data_requests', reason: 'locked_attempts', causes },
    ]);
    expect(refused(core, 'persons.get', { rut: PEDRO, via: 'url' }).error.code).toBe(
      'invalid_input',
    );
  });
});

describe('a reload of the record on screen is not another view in the same sitting', () => {
  it('audits it again only in another call, after SITTING_MS without one, or for another agent', () => {
    const clock = { now: new Date('2026-03-02T15:00:00.000Z') };
    const core = seededCore(300, { as: 'agente', clock });
    const views = () => events(core, 'person.view').map((row) => JSON.parse(row.after!).via);
    call(core, 'persons.get', { rut: PEDRO });
    call(core, 'persons.get', { rut: PEDRO, via: 'reload' });
    expect(views()).toEqual(['search']);

    // Without a call, the same look lasts SITTING_MS.
    clock.now = new Date(clock.now.getTime() + SITTING_MS - 1000);
    call(core, 'persons.get', { rut: PEDRO, via: 'reload' });
    expect(views()).toEqual(['search']);
    clock.now = new Date(clock.now.getTime() + 2000);
    call(core, 'persons.get', { rut: PEDRO, via: 'reload' });
    expect(views()).toEqual(['search', 'reload']);

    // A call opened since: a new look, once, however long the call.
    call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    call(core, 'persons.get', { rut: PEDRO, via: 'reload' });
    clock.now = new Date(clock.now.getTime() + 2 * SITTING_MS);
    call(core, 'persons.get', { rut: PEDRO, via: 'reload' });
    expect(views()).toEqual(['search', 'reload', 'reload']);

    // Another agent reading it is always a view of hers; an open never folds.
    signInAs(core, 'supervisora');
    call(core, 'persons.get', { rut: PEDRO, via: 'reload' });
    call(core, 'persons.get', { rut: PEDRO, via: 'search' });
    expect(views()).toEqual(['search', 'reload', 'reload', 'reload', 'search']);
  });
});

describe('the desk reading the record on screen by itself (a lock ended)', () => {
  it('is no new look while the agent’s last view of the person is recent, whatever call opened since', () => {
    const clock = { now: new Date('2026-03-02T15:00:00.000Z') };
    const core = seededCore(300, { as: 'agente', clock });
    const views = () => events(core, 'person.view').map((row) => JSON.parse(row.after!).via);
    const reread = () => call(core, 'persons.get', { rut: PEDRO, via: 'reload', refresh: true });
    call(core, 'persons.get', { rut: PEDRO });
    // A call opened for him since, and his lock ending 40 minutes after the look (review 60 M4).
    call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    clock.now = new Date(clock.now.getTime() + 40 * 60_000);
    reread();
    expect(views()).toEqual(['search']);
    // Long after her look, it is audited as a reload: the desk never hides a read.
    clock.now = new Date(clock.now.getTime() + DESK_REREAD_MS);
    reread();
    expect(views()).toEqual(['search', 'reload']);
    // Another agent never looked: audited.
    signInAs(core, 'supervisora');
    reread();
    expect(views()).toEqual(['search', 'reload', 'reload']);
  });
});

describe('the record an action left is read without another view', () => {
  it('answers the agent who took the action, within the sitting, and nobody else', () => {
    const clock = { now: new Date('2026-03-02T15:00:00.000Z') };
    const core = seededCore(300, { as: 'agente', clock });
    const views = () => events(core, 'person.view').map((row) => JSON.parse(row.after!).via);
    const pedro = call(core, 'persons.get', { rut: PEDRO });
    const receipt = call(core, 'contact.edit', {
      rut: PEDRO,
      phone: '9 1111 2222',
      reason: 'Celular nuevo',
      identityCheck: [],
      expectedVersion: pedro.version,
    });
    expect(Object.keys(receipt).sort()).toEqual(['actionId', 'auditSeq']);
    const after = call(core, 'persons.afterAction', { actionId: receipt.actionId });
    expect(after.phone).toBe('+56911112222');
    expect(after.pendingActions.map((a: { actionId: string }) => a.actionId)).toEqual([
      receipt.actionId,
    ]);
    // The action's own event stands for the look.
    expect(views()).toEqual(['search']);

    // A view's event is no action; an id nobody took, neither.
    const viewId = core.db.$client
      .prepare("SELECT id FROM audit_events WHERE action = 'person.view'")
      .pluck()
      .get();
    expect(refused(core, 'persons.afterAction', { actionId: viewId }).error.code).toBe('not_found');
    expect(refused(core, 'persons.afterAction', { actionId: 'otra' }).error.code).toBe('not_found');

    // Another agent's action is not hers to read this way: she opens the record, audited.
    signInAs(core, 'supervisora');
    expect(refused(core, 'persons.afterAction', receipt).error.code).toBe('not_found');
    signInAs(core, 'agente');
    expect(call(core, 'persons.afterAction', receipt).phone).toBe('+56911112222');

    // Once the sitting is over, the action no longer stands for a look.
    clock.now = new Date(clock.now.getTime() + SITTING_MS);
    expect(refused(core, 'persons.afterAction', receipt).error.code).toBe('not_found');
    expect(views()).toEqual(['search']);
  });

  it('serves only an action on the record, in the call it was taken in', () => {
    const core = seededCore(300, { as: 'agente' });
    const read = (receipt: { actionId: string }) =>
      core.dispatchNow('persons.afterAction', { actionId: receipt.actionId }).ok;
    // A company page's action names its requester, whose record the page never showed.
    const request = call(core, 'requests.record', {
      requesterRut: '12131415-0',
      companyRut: ESPIGA,
      capacity: 'other',
    });
    expect(read(request)).toBe(false);

    // Taken in a call: read back in that call, not in the next one.
    const opened = call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    call(core, 'persons.get', { rut: PEDRO, via: 'call' });
    const ley = call(core, 'dataRequests.record', {
      rut: PEDRO,
      right: 'access',
      channel: 'phone',
      identityMethod: 'facts',
      identityFacts: ['serial_number', 'registered_email'],
      detail: 'Pide saber qué datos suyos se guardan',
    });
    expect(read(ley)).toBe(true);
    call(core, 'interactions.close', { id: opened.id, outcome: 'resolved', notes: '' });
    call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    expect(read(ley)).toBe(false);
  });
});

describe('an officer outside his companies: one answer, whether or not the person exists', () => {
  it('answers persons.get the same for someone outside and for nobody, and audits both', () => {
    const core = seededCore(300, { as: 'prevencion' });
    const nobody = absentRut(core);
    const outside = refused(core, 'persons.get', { rut: RAMON });
    const missing = refused(core, 'persons.get', { rut: nobody });
    expect(outside).toEqual(missing);
    expect(outside).toEqual({
      ok: false,
      error: { code: 'not_found', message: notFoundMessages.person_in_scope },
    });
    const denied = events(core, 'person.view_denied');
    expect(denied.map((row) => row.person_rut)).toEqual([7654321, Number(nobody.split('-')[0])]);
    expect(denied.every((row) => row.agent_id === 'prevention-demo')).toBe(true);
    expect(JSON.parse(denied[0]!.after!)).toEqual({ via: 'search' });
    // Nothing else was written: no view.
    expect(events(core, 'person.view')).toEqual([]);
  });

  it('audits no look the desk took by itself: a record or a search read again after a sync', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const core = seededCore(300, { as: 'prevencion' });
      // Ramón (outside his companies) as if he had just left them: the open record and the
      // search read again by the desk are refused with the same words, and nothing is audited.
      const reload = refused(core, 'persons.get', { rut: RAMON, via: 'reload' });
      expect(reload).toEqual({
        ok: false,
        error: { code: 'not_found', message: notFoundMessages.person_in_scope },
      });
      expect(refused(core, 'persons.pending', { rut: RAMON })).toEqual(reload);
      const again = call(core, 'persons.search', { text: RAMON, refresh: true });
      expect(again.notices.map((n: { code: string }) => n.code)).toEqual(['rut_outside_scope']);
      vi.advanceTimersByTime(SEARCH_SETTLE_MS);
      expect(events(core, 'person.view_denied')).toEqual([]);
      expect(events(core, 'person.search_denied')).toEqual([]);
      // The same, asked by him, is audited.
      refused(core, 'persons.get', { rut: RAMON });
      call(core, 'persons.search', { text: RAMON });
      vi.advanceTimersByTime(SEARCH_SETTLE_MS);
      expect(events(core, 'person.view_denied')).toHaveLength(1);
      expect(events(core, 'person.search_denied')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a search for either RUT with the same page, and audits each once', () => {
    const core = seededCore(300, { as: 'prevencion' });
    const nobody = absentRut(core);
    const shape = (text: string) => {
      const page = call(core, 'persons.search', { text });
      return { ...page, text: null, notices: page.notices.map((n: { code: string }) => n.code) };
    };
    const outside = shape(RAMON);
    expect(shape(nobody)).toEqual(outside);
    expect(outside).toMatchObject({ persons: [], total: 0, notices: ['rut_outside_scope'] });
    // The search runs on every keystroke: the same RUT right again is not a new line in the log.
    shape(nobody);
    expect(events(core, 'person.search_denied').map((row) => row.person_rut)).toEqual([
      7654321,
      Number(nobody.split('-')[0]),
    ]);
    // Searching inside his companies is not a denial.
    call(core, 'persons.search', { text: PEDRO });
    expect(events(core, 'person.search_denied')).toHaveLength(2);
  });

  it('names a refused search by the RUT typed alone, never by who holds it (now or later)', () => {
    const core = seededCore(300, { as: 'prevencion' });
    const nobody = absentRut(core);
    call(core, 'persons.search', { text: RAMON });
    call(core, 'persons.search', { text: nobody });
    // Another search settles the last one (audited).
    call(core, 'persons.search', { text: PEDRO });
    // Someone is given that RUT afterwards (a company's new user, synced in).
    core.db.$client
      .prepare(
        `INSERT INTO persons (rut, dv, given_names, last_name1, last_name2, sort_key)
         VALUES (?, ?, 'José Miguel', 'O''Higgins', '', 'ohiggins jose miguel')`,
      )
      .run(Number(nobody.split('-')[0]), nobody.split('-')[1]);
    signInAs(core, 'supervisora');
    const listed = call(core, 'audit.list', { action: 'person.search_denied' });
    expect(listed.events.map((e: { personRut: string }) => e.personRut)).toEqual([nobody, RAMON]);
    expect(listed.events.map((e: { personName: string | null }) => e.personName)).toEqual([
      null,
      null,
    ]);
    // Other events still name their person.
    call(core, 'persons.get', { rut: RAMON });
    const views = call(core, 'audit.list', { action: 'person.view' });
    expect(views.events[0].personName).toMatch(/^Ramón/);
  });

  it('audits a RUT outside his companies once the search settles, not the prefixes typed on the way', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const core = seededCore(300, { as: 'prevencion' });
      const type = (text: string) => {
        for (let end = 1; end <= text.length; end++) {
          call(core, 'persons.search', { text: text.slice(0, end) });
        }
      };
      // Marcela (La Espiga, not his) typed digit by digit: «1.357-9» and «1.357.924-5» on the
      // way were never looked for. Nothing is written while he types.
      type('13.579.246-2');
      expect(events(core, 'person.search_denied')).toEqual([]);
      vi.advanceTimersByTime(SEARCH_SETTLE_MS);
      expect(events(core, 'person.search_denied').map((row) => row.person_rut)).toEqual([
        13_579_246,
      ]);
      // His own company's RUT passes through «7.654.321-6» (Ramón, not his): no line for Ramón.
      call(core, 'persons.search', { text: '' });
      type('76.543.210-3');
      vi.advanceTimersByTime(SEARCH_SETTLE_MS);
      expect(events(core, 'person.search_denied')).toHaveLength(1);
      // A denial followed by another search (not typing on) is written at once; during a visit
      // it is kept with the visit, but not listed as something done in it.
      const visit = call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
      call(core, 'persons.search', { text: RAMON });
      call(core, 'persons.search', { text: 'gonzalez' });
      expect(events(core, 'person.search_denied').map((row) => row.person_rut)).toEqual([
        13_579_246, 7_654_321,
      ]);
      expect(events(core, 'person.search_denied').at(-1)?.interaction_id).toBe(visit.id);
      const listed = call(core, 'interactions.list', {}).find(
        (item: { id: string }) => item.id === visit.id,
      );
      expect(listed.actions).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers companies.get the same for a company outside and for none, and audits both', () => {
    const core = seededCore(300, { as: 'prevencion' });
    const none = absentRut(core, 77_000_000);
    const outside = refused(core, 'companies.get', { rut: ESPIGA });
    expect(refused(core, 'companies.get', { rut: none })).toEqual(outside);
    expect(outside.error).toEqual({
      code: 'not_found',
      message: notFoundMessages.company_in_scope,
    });
    expect(
      events(core, 'company.view_denied').map((row) => JSON.parse(row.after!).companyRut),
    ).toEqual([78901234, Number(none.split('-')[0])]);
    expect(call(core, 'companies.get', { rut: ANDES }).legalName).toBe(
      'Constructora Los Andes SpA',
    );
  });

  it("lists on an officer's company page only whom he may open: not those dismissed from it", () => {
    const JUAN = '15234567-4'; // dismissed from Los Andes, in none of the officer's companies now
    const listed = (core: ReturnType<typeof seededCore>) =>
      (
        call(core, 'companies.users', { rut: ANDES }) as {
          users: Array<{ person: { rut: string }; state: string }>;
        }
      ).users.map((user) => [user.person.rut, user.state]);
    const officer = seededCore(300, { as: 'prevencion' });
    const his = listed(officer);
    expect(his.length).toBeGreaterThan(0);
    expect(his.map(([rut]) => rut)).not.toContain(JUAN);
    expect(his.every(([, state]) => state !== 'removed')).toBe(true);
    // Everyone listed opens, and nothing is audited as a look outside his companies.
    for (const [rut] of his) call(officer, 'persons.get', { rut });
    expect(events(officer, 'person.view_denied')).toEqual([]);
    // Paged one by one, no page is empty while more follow (Juan's is passed over), and the
    // pages together are the same list.
    const paged: string[] = [];
    let after = 0;
    for (;;) {
      const page = call(officer, 'companies.users', { rut: ANDES, after, limit: 1 }) as {
        users: Array<{ person: { rut: string } }>;
        nextAfter: number | null;
      };
      if (page.nextAfter !== null) expect(page.users).toHaveLength(1);
      paged.push(...page.users.map((user) => user.person.rut));
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    expect(paged).toEqual(his.map(([rut]) => rut));
    // A supervisor still sees the company's whole history.
    const supervisor = seededCore(300, { as: 'supervisora' });
    expect(listed(supervisor)).toContainEqual([JUAN, 'removed']);
  });

  it('leaves agents and supervisors as they were: a missing RUT is simply not found', () => {
    const core = seededCore(300, { as: 'agente' });
    const nobody = absentRut(core);
    expect(refused(core, 'persons.get', { rut: nobody }).error.code).toBe('not_found');
    expect(events(core, 'person.view_denied')).toEqual([]);
  });
});

describe('«Quién consultó esta ficha»', () => {
  it('shows a supervisor every view of a person with agent, date, way in and reason, and the denials', () => {
    const core = seededCore(300, { as: 'agente' });
    call(core, 'interactions.open', { rut: PEDRO, reason: 'forgot_password' });
    call(core, 'persons.get', { rut: PEDRO, via: 'call' });
    core.dispatchNow('auth.signOut', {});
    core.dispatchNow('auth.signIn', { username: 'prevencion', password: 'preven600' });
    refused(core, 'persons.get', { rut: RAMON });
    core.dispatchNow('auth.signIn', { username: 'supervisora', password: 'super600' });
    call(core, 'persons.get', { rut: PEDRO });

    const pedro = call(core, 'persons.viewers', { rut: PEDRO });
    expect(pedro.total).toBe(2);
    expect(pedro.views).toEqual([
      expect.objectContaining({
        agentName: 'Sara Supervisora',
        via: 'search',
        reason: null,
        denied: false,
      }),
      expect.objectContaining({
        agentId: 'agent-demo',
        via: 'call',
        reason: 'forgot_password',
        denied: false,
        at: '2026-11-21T15:00:00.000Z',
      }),
    ]);
    const ramon = call(core, 'persons.viewers', { rut: RAMON });
    expect(ramon.views).toEqual([
      expect.objectContaining({ agentId: 'prevention-demo', denied: true, via: 'search' }),
    ]);
  });

  it('is for supervisors only', () => {
    const core = seededCore(300, { as: 'agente' });
    expect(refused(core, 'persons.viewers', { rut: PEDRO }).error.code).toBe('forbidden');
  });

  it('says whose call a look was made in, when it was someone else’s: its reason is theirs', () => {
    const core = seededCore(300, { as: 'supervisora' });
    call(core, 'interactions.open', { rut: PEDRO, reason: 'forgot_password' });
    call(core, 'persons.get', { rut: RAMON });
    const [view] = call(core, 'persons.viewers', { rut: RAMON }).views;
    expect(view).toMatchObject({
      reason: 'forgot_password',
      callPerson: { rut: PEDRO, name: 'Pedro Andrés González Muñoz' },
    });
    // The caller's own record: the reason is his, nothing more to say.
    call(core, 'persons.get', { rut: PEDRO });
    expect(call(core, 'persons.viewers', { rut: PEDRO }).views[0]).toMatchObject({
      reason: 'forgot_password',
      callPerson: null,
    });
    // The audit says it too, on the look's row.
    const row = core.db.$client
      .prepare(
        "SELECT after FROM audit_events WHERE action = 'person.view' AND person_rut = ? ORDER BY seq DESC",
      )
      .pluck()
      .get(Number(RAMON.split('-')[0])) as string;
    expect(JSON.parse(row)).toMatchObject({ reason: 'forgot_password', callPerson: 12_345_678 });
    expect(privacyMessages.viewersCallWith('call', 'Pedro (12.345.678-5)')).toBe(
      'durante la llamada con Pedro (12.345.678-5)',
    );
  });
});

describe('exports carry who made them', () => {
  it('ends the spreadsheet CSV with who exported it and when, and audits the export', () => {
    const core = seededCore(300, { as: 'supervisora' });
    call(core, 'persons.get', { rut: PEDRO });
    const file = call(core, 'audit.export', { personRut: PEDRO, includeViews: true });
    const lines = file.csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-3)).toBe(
      'Exportado por Sara Supervisora (supervisora) el 21-11-2026 12:00:00',
    );
    expect(lines.at(-2)).toBe('Fin del archivo: 1 evento');
    const exported = events(core, 'audit.export');
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ person_rut: 12345678, agent_id: 'supervisor-demo' });
    expect(JSON.parse(exported[0]!.after!)).toEqual({
      format: 'spreadsheet',
      rows: 1,
      filter: 'RUT 12.345.678-5',
    });
    // The export shows in the audit screen with its labels.
    const listed = call(core, 'audit.list', { action: 'audit.export' }).events[0];
    expect(listed).toMatchObject({ action: 'audit.export', agentId: 'supervisor-demo' });
  });

  it('ends the machine CSV with a comment line saying the same', () => {
    const core = seededCore(300, { as: 'supervisora' });
    call(core, 'persons.get', { rut: PEDRO });
    const file = call(core, 'audit.export', { format: 'machine', includeViews: true });
    const lines = file.csv.split('\r\n');
    expect(lines.at(-2)).toBe(
      '# Exportado por Sara Supervisora (supervisora) el 21-11-2026 12:00:00; Fin del archivo: 2 eventos',
    );
    expect(JSON.parse(events(core, 'audit.export')[0]!.after!)).toMatchObject({
      format: 'machine',
      filter: 'todos los eventos',
    });
  });
});

describe('the card serial number is never shown whole', () => {
  it('appears in no answer of any channel that reads a person, a company or the audit', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const serials = core.db.$client
      .prepare("SELECT rut, serial_number FROM persons WHERE serial_number <> ''")
      .all() as Array<{ rut: number; serial_number: string }>;
    expect(serials.length).toBeGreaterThan(100);
    const pedro = call(core, 'persons.get', { rut: PEDRO });
    call(core, 'contact.edit', {
      rut: PEDRO,
      phone: '+56 9 1234 0000',
      reason: 'Corrección',
      identityCheck: ['serial_number', 'registered_email'],
      expectedVersion: pedro.version,
    });
    call(core, 'interactions.open', { rut: PEDRO, reason: 'forgot_password' });
    const answers = [
      pedro,
      call(core, 'persons.get', { rut: '11111111-1' }),
      call(core, 'persons.search', { text: 'gonzalez' }),
      call(core, 'persons.search', { text: PEDRO }),
      call(core, 'companies.get', { rut: ESPIGA }),
      call(core, 'companies.users', { rut: ESPIGA }),
      call(core, 'companies.get', { rut: ANDES }),
      call(core, 'interactions.list', {}),
      call(core, 'audit.list', { includeViews: true }),
      call(core, 'audit.export', { includeViews: true }),
      call(core, 'audit.export', { includeViews: true, format: 'machine' }),
      call(core, 'persons.viewers', { rut: PEDRO }),
    ];
    const text = JSON.stringify(answers);
    // Masked, the last three characters are there; whole, never.
    expect(text).toContain(pedro.serialNumberMasked);
    const leaked = serials.filter((row) => text.includes(row.serial_number));
    expect(leaked).toEqual([]);
  });
});
