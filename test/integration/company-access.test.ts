/**
 * The company half on the desk (issue 7): the company record, requests decided by the register,
 * users a representative asks for, and what the agent may not do; each refusal leaves nothing.
 */
import { describe, expect, it } from 'vitest';
import { contract, type CompanyRecord, type PersonRecord } from '../../src/shared/contract';
import {
  actionLabels,
  companyMessages,
  notFoundMessages,
  ruleMessages,
  syncKindLabels,
} from '../../src/shared/messages';
import type { Core } from '../../src/main/core';
import { createReplicaWriter } from '../../src/main/sync/replica-writer';
import { call, changeAtAndes, companyActed, seededCore } from '../support/context';
import { auditDetailLine, describeAuditChange } from '../../src/shared/audit-details';
import { createCompanyRecordRepository } from '../../src/main/repositories/company-record-repository';
import { changeWaitReason, companyChangeWaits } from '../../src/shared/rules/company-access';
import { readRut } from '../../src/shared/rut';

const ESPIGA = '78901234-2';
const ANDES = '76543210-3';
const BIOBIO = '77123456-9';
const GLORIA = '14725836-4';
const TOMAS = '17345678-6';
const MARCELA = '13579246-2';
const JORGE = '19283746-4';
const OUTSIDER = '20123456-5';
const FACTS = ['serial_number', 'registered_email'];

const company = (core: Core, rut = ESPIGA): CompanyRecord =>
  contract['companies.get'].output.parse(call(core, 'companies.get', { rut }));

function refused(core: Core, channel: string, input: unknown) {
  const envelope = core.dispatchNow(channel, input);
  if (envelope.ok) throw new Error(`${channel} should have been refused`);
  return envelope.error;
}

const outboxCount = (core: Core) =>
  (core.db.$client.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

describe('the company record', () => {
  it('shows the register, the administrators with their agreement, users and requests', () => {
    const core = seededCore(300);
    const espiga = company(core);
    expect(espiga).toMatchObject({
      legalName: 'Panadería La Espiga Limitada',
      adherent: true,
      portals: ['portal_heroes', 'portal_empresas'],
    });
    expect(espiga.signatories.map((s) => [s.person.name, s.kind])).toEqual([
      ['Gloria Paz Morales Reyes', 'legal_representative'],
      ['Marcela Andrea Fuentes Rivas', 'trf'],
    ]);
    const profile = (rut: string) => espiga.profiles.find((p) => p.person.rut === rut)!;
    expect(profile(MARCELA)).toMatchObject({
      role: 'access_admin',
      agreementSigned: true,
      companyProfileAssigned: true,
    });
    expect(profile(JORGE)).toMatchObject({ role: 'company_user', external: true });
    expect(espiga.profiles.map((p) => p.state).sort()).toEqual([
      'active',
      'active',
      'paused',
      'removed',
    ]);
    const requests = espiga.requests.map((r) => [r.requester.rut, r.state, r.check.ok]);
    expect(requests).toEqual(
      expect.arrayContaining([
        [GLORIA, 'pending', true],
        [TOMAS, 'pending', false],
        [TOMAS, 'rejected', false],
        [MARCELA, 'approved', true],
      ]),
    );
  });

  it('shows on a person’s record the registers that name her, with or without an access', () => {
    const core = seededCore(300);
    const registers = (rut: string) =>
      (call(core, 'persons.get', { rut }) as PersonRecord).registers;
    // Gloria, La Espiga's legal representative, holds no access there yet: her tie is the register.
    expect(registers(GLORIA)).toEqual([
      {
        companyRut: ESPIGA,
        companyName: 'Panadería La Espiga Limitada',
        kind: 'legal_representative',
      },
    ]);
    expect(registers(MARCELA)).toEqual([
      { companyRut: ESPIGA, companyName: 'Panadería La Espiga Limitada', kind: 'trf' },
    ]);
    expect(registers(TOMAS)).toEqual([]);
  });

  it('models the three kinds of ACHS access administrator', () => {
    const core = seededCore(300);
    const kinds = company(core, ANDES)
      .profiles.filter((p) => p.role === 'access_admin')
      .map((p) => [p.person.name, p.adminKind, p.appointedBy?.name ?? null]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['Ricardo Alberto Muñoz Vidal', 'legal_representative', null],
        ['Paula Andrea Rojas Tapia', 'commercial_contact', null],
        ['Diego Sebastián Herrera Soto', 'appointed', 'Ricardo Alberto Muñoz Vidal'],
      ]),
    );
  });

  it('pages a company of many users by RUT, without repeats', () => {
    const core = seededCore(3000);
    const big = core.db.$client
      .prepare(
        'SELECT company_rut AS rut, count(*) AS n FROM memberships GROUP BY company_rut ORDER BY n DESC LIMIT 1',
      )
      .get() as { rut: number; n: number };
    const dv = (
      core.db.$client.prepare('SELECT dv FROM companies WHERE rut = ?').get(big.rut) as {
        dv: string;
      }
    ).dv;
    const seen = new Set<string>();
    let after = 0;
    for (;;) {
      const page = call(core, 'companies.users', { rut: `${big.rut}-${dv}`, after, limit: 25 });
      for (const user of page.users as Array<{ person: { rut: string } }>) {
        expect(seen.has(user.person.rut)).toBe(false);
        seen.add(user.person.rut);
      }
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    expect(seen.size).toBe(big.n);
  });
});

describe('Portal Empresas requests', () => {
  it('refuses to approve someone in neither list, and writes nothing', () => {
    const core = seededCore(300);
    // His record does not promise an approval: the register does not name him (rule 12).
    const tomas = call(core, 'persons.get', { rut: TOMAS }) as PersonRecord;
    expect(tomas.diagnosis.find((c) => c.code === 'access_request_pending')).toMatchObject({
      companyName: expect.stringMatching(/Espiga/),
      notInRegister: true,
    });
    const before = outboxCount(core);
    const error = refused(core, 'requests.decide', {
      requesterRut: TOMAS,
      companyRut: ESPIGA,
      decision: 'approve',
      reason: '',
    });
    expect(error.message).toMatch(/no es representante legal ni firmante de la TRF/);
    expect(outboxCount(core)).toBe(before);
    // Rejecting needs a reason, then is recorded.
    expect(
      refused(core, 'requests.decide', {
        requesterRut: TOMAS,
        companyRut: ESPIGA,
        decision: 'reject',
        reason: ' ',
      }).message,
    ).toMatch(/motivo/);
    const after = companyActed(core, 'requests.decide', {
      requesterRut: TOMAS,
      companyRut: ESPIGA,
      decision: 'reject',
      reason: 'No es representante legal ni está en la TRF',
    }).company as CompanyRecord;
    expect(after.requests.filter((r) => r.requester.rut === TOMAS).map((r) => r.state)).toEqual([
      'rejected',
      'rejected',
    ]);
    // Rejected, his record still says the way in: the representative adds him (seed 002).
    const rejected = call(core, 'persons.get', { rut: TOMAS }) as PersonRecord;
    expect(rejected.diagnosis.find((c) => c.code === 'access_request_rejected')).toMatchObject({
      notInRegister: true,
      reason: 'No es representante legal ni está en la TRF',
    });
    // Audited as a rejection, with the state it left, and why it was rejected under its own name
    // (not as a call's reason).
    const event = core.db.$client
      .prepare(
        "SELECT before, after FROM audit_events WHERE action = 'request.reject' ORDER BY seq DESC",
      )
      .get() as { before: string; after: string };
    const audited = event.after;
    expect(describeAuditChange(event.before, event.after).map(auditDetailLine)).toContain(
      'Estado: Pendiente → Rechazada',
    );
    expect(JSON.parse(audited)).toMatchObject({
      decision: 'reject',
      state: 'rejected',
      rejectionReason: 'No es representante legal ni está en la TRF',
    });
    expect(JSON.parse(audited)).not.toHaveProperty('reason');
  });

  it('approves a legal representative: profile waiting for the agreement, a login, the mail queued', () => {
    const core = seededCore(300);
    const countsBefore = company(core).counts;
    const adminsBefore = countsBefore.admins;
    const receipt = call(core, 'requests.decide', {
      requesterRut: GLORIA,
      companyRut: ESPIGA,
      decision: 'approve',
      reason: '',
    });
    // The action answers with its receipt; the page reads the company it left (companies.get).
    expect(Object.keys(receipt).sort()).toEqual(['actionId', 'auditSeq', 'mailsQueued']);
    expect(receipt.mailsQueued).toBe(1);
    const result = { company: call(core, 'companies.get', { rut: ESPIGA }) };
    const gloria = (result.company as CompanyRecord).profiles.find((p) => p.person.rut === GLORIA);
    expect(gloria).toMatchObject({
      role: 'access_admin',
      agreementSigned: false,
      companyProfileAssigned: false,
    });
    // Not an administrator until she signs (rule 12): not counted as one, nor as active — as
    // pending signature, which the screens show as her state.
    expect((result.company as CompanyRecord).counts).toEqual({
      users: countsBefore.users + 1,
      active: countsBefore.active,
      admins: adminsBefore,
      pendingSignature: countsBefore.pendingSignature + 1,
    });
    const users = call(core, 'companies.users', { rut: ESPIGA, after: 0, limit: 100 })
      .users as Array<{
      person: { rut: string };
      state: string;
      standing: string;
    }>;
    expect(users.find((u) => u.person.rut === GLORIA)).toMatchObject({
      state: 'active',
      standing: 'pending_signature',
    });
    expect(users.find((u) => u.person.rut === MARCELA)?.standing).toBe('active');
    const record = call(core, 'persons.get', { rut: GLORIA });
    expect(record.accounts).toMatchObject([{ portal: 'portal_heroes', passwordSet: false }]);
    // Neither worker nor pensioner, her one access waits for the signature: not «Activo», on
    // the record nor on her login's row (nor in the results).
    expect(record.badges).toEqual([{ code: 'pending_signature' }]);
    expect(record.accounts[0].badges).toEqual([{ code: 'pending_signature' }]);
    const hits = call(core, 'persons.search', { text: GLORIA }).persons as Array<{
      badges: unknown;
    }>;
    expect(hits[0]?.badges).toEqual([{ code: 'pending_signature' }]);
    expect(record.mails[0]).toMatchObject({
      kind: 'access_approval',
      portal: 'portal_empresas',
      outcome: 'queued',
    });
    expect(record.diagnosis.map((c: { code: string }) => c.code)).toContain('agreement_unsigned');
    const outbox = core.db.$client
      .prepare('SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT 1')
      .get() as {
      kind: string;
      payload: string;
    };
    expect(outbox.kind).toBe('request.decide');
    expect(JSON.parse(outbox.payload)).toMatchObject({
      decision: 'approve',
      companyRut: 78_901_234,
    });
    // Decided once.
    expect(
      refused(core, 'requests.decide', {
        requesterRut: GLORIA,
        companyRut: ESPIGA,
        decision: 'approve',
        reason: '',
      }).message,
    ).toMatch(/ya fue resuelta/);
  });

  it('records a request taken on the phone, once', () => {
    const core = seededCore(300);
    companyActed(core, 'requests.record', {
      requesterRut: JORGE,
      companyRut: ESPIGA,
      capacity: 'other',
    });
    expect(
      refused(core, 'requests.record', {
        requesterRut: JORGE,
        companyRut: ESPIGA,
        capacity: 'other',
      }).message,
    ).toMatch(/ya tiene una solicitud pendiente/);
    const list = call(core, 'requests.list', { state: 'pending' });
    expect(list.requests.map((r: { requester: { rut: string } }) => r.requester.rut)).toContain(
      JORGE,
    );
  });

  it('is not a prevention officer’s work, and an officer sees only his companies', () => {
    const core = seededCore(300, { as: 'prevencion' });
    expect(refused(core, 'requests.list', {}).code).toBe('forbidden');
    // Outside his companies: the same answer as for a company that does not exist (issue 10).
    expect(refused(core, 'companies.get', { rut: ESPIGA })).toMatchObject({
      code: 'not_found',
      message: notFoundMessages.company_in_scope,
    });
    expect(company(core, ANDES).legalName).toBe('Constructora Los Andes SpA');
  });
});

describe('users a representative asks for (rule 13)', () => {
  const addOutsider = (overrides: Record<string, unknown> = {}) => ({
    companyRut: ESPIGA,
    userRut: OUTSIDER,
    role: 'company_user',
    modules: ['certificados'],
    external: true,
    newPerson: {
      givenNames: 'Carla',
      lastName1: 'Ibarra',
      lastName2: 'Soto',
      email: 'carla@contadores.cl',
      phone: null,
    },
    callerRut: MARCELA,
    callerIdentityCheck: ['serial_number', 'registered_phone'],
    ...overrides,
  });

  it('approves a request whose requester the company added meanwhile: no second profile, no second mail', () => {
    const core = seededCore(300);
    // Marcela adds Gloria as a user while Gloria's own request, as legal representative, waits.
    companyActed(core, 'companyUsers.add', {
      ...addOutsider(),
      userRut: GLORIA,
      role: 'company_user',
      modules: ['usuarios'],
      newPerson: null,
    });
    const mailsBefore = call(core, 'persons.get', { rut: GLORIA }).mails.length;
    const result = companyActed(core, 'requests.decide', {
      requesterRut: GLORIA,
      companyRut: ESPIGA,
      decision: 'approve',
      reason: '',
    });
    // Before, only «Rechazar» was left: the approval refused her as already a user.
    expect(result.mailsQueued).toBe(0);
    const espiga = result.company as CompanyRecord;
    expect(espiga.profiles.find((p) => p.person.rut === GLORIA)).toMatchObject({
      role: 'access_admin',
      modules: ['usuarios'],
      agreementSigned: false,
    });
    expect(espiga.requests.find((r) => r.requester.rut === GLORIA)?.state).toBe('approved');
    expect(call(core, 'persons.get', { rut: GLORIA }).mails).toHaveLength(mailsBefore);
  });

  it('says whose a typed RUT is, and what they are at the company', () => {
    const core = seededCore(300);
    const lookup = (rut: string, companyRut = ESPIGA) =>
      call(core, 'companies.lookupPerson', { companyRut, rut });
    // Pedro has no Los Héroes account: La Espiga's login is not yet his.
    expect(lookup('12345678-5')).toEqual({
      known: true,
      name: 'Pedro Andrés González Muñoz',
      membership: null,
      loginAccount: 'not_registered',
    });
    expect(lookup('12345678-5', ANDES)).toMatchObject({
      membership: { role: 'worker', state: 'active' },
    });
    expect(lookup(MARCELA)).toMatchObject({ membership: { role: 'access_admin' } });
    expect(lookup(OUTSIDER)).toEqual({
      known: false,
      name: null,
      membership: null,
      loginAccount: null,
    });
  });

  it('adds an outsider on an access administrator’s call; the agreement mail goes by itself', () => {
    const core = seededCore(300);
    const added = companyActed(core, 'companyUsers.add', addOutsider());
    // The desk knows the mail was queued, and says so.
    expect(added.mailsQueued).toBe(1);
    const espiga = added.company as CompanyRecord;
    expect(espiga.profiles.find((p) => p.person.rut === OUTSIDER)).toMatchObject({
      person: { name: 'Carla Ibarra Soto' },
      external: true,
      companyProfileAssigned: false,
    });
    const carla = call(core, 'persons.get', { rut: OUTSIDER });
    expect(carla.mails[0]).toMatchObject({ kind: 'agreement_signature', outcome: 'queued' });
    // The audit says her access as every list does: waiting for the agreement (rule 12).
    const lastAudited = (action: string) => {
      const event = core.db.$client
        .prepare(
          'SELECT before, after, action FROM audit_events WHERE action = ? ORDER BY rowid DESC LIMIT 1',
        )
        .get(action) as { before: string | null; after: string; action: string };
      return describeAuditChange(event.before, event.after, {}, event.action).map(auditDetailLine);
    };
    expect(lastAudited('company_user.add')).toContain('Estado: Pendiente de firma');
    // Then pauses and deletes him, on an administrator's call.
    const change = (kind: string) =>
      companyActed(core, 'companyUsers.change', {
        companyRut: ESPIGA,
        userRut: OUTSIDER,
        change: kind,
        reason: 'Lo pidió la administradora',
        callerRut: MARCELA,
        callerIdentityCheck: ['serial_number', 'registered_phone'],
      }).company as CompanyRecord;
    expect(change('pause').profiles.find((p) => p.person.rut === OUTSIDER)?.state).toBe('paused');
    expect(change('remove').profiles.find((p) => p.person.rut === OUTSIDER)?.state).toBe('removed');
    // An outsider's deleted access is not a dismissal (rules 7, 13): the audit and his list
    // entry say «Acceso eliminado», never «De baja».
    expect(lastAudited('company_user.remove')).toContain('Estado: Pausada → Acceso eliminado');
    const users = call(core, 'companies.users', { rut: ESPIGA }) as {
      users: Array<{ person: { rut: string }; standing: string }>;
    };
    expect(users.users.find((u) => u.person.rut === OUTSIDER)?.standing).toBe('access_removed');
  });

  it('ACHS: a new access administrator is asked for by the legal representative, and says so to anyone else', () => {
    const core = seededCore(300);
    const before = outboxCount(core);
    const admin = (callerRut: string) =>
      addOutsider({
        companyRut: ANDES,
        role: 'access_admin',
        modules: ['usuarios'],
        callerRut,
        callerIdentityCheck: FACTS,
      });
    // Paula administers Los Andes' accesses, but she is not its legal representative.
    expect(refused(core, 'companyUsers.add', admin('15161718-2')).message).toBe(
      ruleMessages['admin_needs_representative']!({}),
    );
    expect(outboxCount(core)).toBe(before);
    // Ricardo is: the new administrator is appointed by him.
    const added = companyActed(core, 'companyUsers.add', admin('12131415-0'))
      .company as CompanyRecord;
    expect(added.profiles.find((p) => p.person.rut === OUTSIDER)).toMatchObject({
      role: 'access_admin',
      adminKind: 'appointed',
      appointedBy: { rut: '12131415-0' },
    });
  });

  it('ACHS: a user is set «Inhabilitado» and back on an administrator’s call; no pause, no deletion there', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const PAULA = '15161718-2';
    companyActed(
      core,
      'companyUsers.add',
      addOutsider({
        companyRut: ANDES,
        modules: ['siniestros'],
        callerRut: PAULA,
        callerIdentityCheck: FACTS,
      }),
    );
    const change = (kind: string) => ({
      companyRut: ANDES,
      userRut: OUTSIDER,
      change: kind,
      reason: 'Lo pidió la administradora de accesos',
      callerRut: PAULA,
      callerIdentityCheck: FACTS,
    });
    const state = (record: CompanyRecord) =>
      record.profiles.find((p) => p.person.rut === OUTSIDER)?.state;
    // Portal Empresas' words are refused at an ACHS company, and nothing is queued.
    const before = outboxCount(core);
    for (const kind of ['pause', 'remove']) {
      expect(refused(core, 'companyUsers.change', change(kind)).message).toBe(
        ruleMessages['change_not_on_portal']!({}),
      );
    }
    expect(outboxCount(core)).toBe(before);
    expect(state(company(core, ANDES))).toBe('active');
    expect(
      state(companyActed(core, 'companyUsers.change', change('disable')).company as CompanyRecord),
    ).toBe('disabled');
    expect(
      state(companyActed(core, 'companyUsers.change', change('enable')).company as CompanyRecord),
    ).toBe('active');
    // Queued for the central API as the company's change, and audited in ACHS words.
    const kinds = core.db.$client
      .prepare("SELECT kind, json_extract(payload, '$.change') AS change FROM outbox WHERE seq > ?")
      .all(before);
    expect(kinds).toEqual([
      { kind: 'company_user.change', change: 'disable' },
      { kind: 'company_user.change', change: 'enable' },
    ]);
    // Each under its own name: filtering the audit by «Inhabilitó el acceso a pedido de la
    // empresa» finds the one, not every change a company asked for.
    const audited = (action: string) =>
      (
        call(core, 'audit.list', { action }) as {
          events: Array<{ action: string; before: string | null; after: string }>;
        }
      ).events;
    expect(audited('company_user.disable').map((event) => event.action)).toEqual([
      'company_user.disable',
    ]);
    expect(actionLabels['company_user.disable']).toBe(
      'Inhabilitó el acceso a pedido de la empresa',
    );
    const events = [...audited('company_user.disable'), ...audited('company_user.enable')];
    expect(events).toHaveLength(2);
    expect(audited('company_user.change')).toEqual([]);
    // Waiting for the central API, they are listed under the same names.
    const pending = (call(core, 'persons.get', { rut: OUTSIDER }) as PersonRecord).pendingActions;
    expect(pending.map((action) => action.kind).slice(-2)).toEqual([
      'company_user.disable',
      'company_user.enable',
    ]);
    expect(
      (call(core, 'sync.pending', {}) as Array<{ kind: string }>)
        .map((action) => action.kind)
        .slice(-2),
    ).toEqual(['company_user.disable', 'company_user.enable']);
    const lines = events.flatMap((event) =>
      describeAuditChange(event.before, event.after, {}).map(auditDetailLine),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'Cambio: Inhabilitación del acceso',
        'Cambio: Habilitación del acceso',
        // The state it left, beside the one it found.
        'Estado: Activa → Inhabilitada',
        'Estado: Inhabilitada → Activa',
      ]),
    );
    // And at La Espiga (Portal Empresas), «Inhabilitar» is not the company's word.
    expect(
      refused(core, 'companyUsers.change', {
        ...change('disable'),
        companyRut: ESPIGA,
        userRut: JORGE,
        callerRut: MARCELA,
        callerIdentityCheck: ['serial_number', 'registered_phone'],
      }).code,
    ).toBe('rule');
  });

  it('refuses, writing nothing: an outsider without e-mail, a caller who is neither, an unverified caller, a company not adherent', () => {
    const core = seededCore(300);
    const before = outboxCount(core);
    const persons = () =>
      (core.db.$client.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
    const people = persons();
    expect(
      refused(
        core,
        'companyUsers.add',
        addOutsider({ newPerson: { ...addOutsider().newPerson, email: '' } }),
      ).message,
    ).toMatch(/no tiene correo/);
    expect(refused(core, 'companyUsers.add', addOutsider({ callerRut: JORGE })).message).toMatch(
      /no es representante legal ni administrador de accesos/,
    );
    expect(
      refused(core, 'companyUsers.add', addOutsider({ callerIdentityCheck: ['serial_number'] }))
        .message,
    ).toMatch(/Verifique la identidad de quien lo pide/);
    expect(
      refused(core, 'companyUsers.add', addOutsider({ companyRut: BIOBIO, callerRut: GLORIA }))
        .message,
    ).toMatch(/no está adherida|no es representante/);
    // A company's RUT typed as the user's (its own, here) never becomes a person.
    expect(refused(core, 'companyUsers.add', addOutsider({ userRut: ESPIGA })).message).toBe(
      'El RUT 78.901.234-2 es de una empresa, no de una persona: no se agregó a nadie. Escriba el RUT de la persona que usará el acceso.',
    );
    // Names are letters.
    for (const names of [
      { givenNames: '😀😀' },
      { lastName1: '<script>' },
      { lastName2: 'Soto2' },
    ]) {
      expect(
        refused(
          core,
          'companyUsers.add',
          addOutsider({ newPerson: { ...addOutsider().newPerson, ...names } }),
        ).message,
      ).toMatch(/^Escriba los nombres y apellidos solo con letras/);
    }
    expect(outboxCount(core)).toBe(before);
    expect(persons()).toBe(people);
  });

  it('keeps a new person’s names tidied: spaces, and one case typed in a hurry', () => {
    const core = seededCore(300);
    companyActed(
      core,
      'companyUsers.add',
      addOutsider({
        newPerson: {
          ...addOutsider().newPerson,
          givenNames: '  carla   andrea ',
          lastName1: 'IBARRA',
          lastName2: ' de la fuente',
        },
      }),
    );
    const carla = call(core, 'persons.get', { rut: OUTSIDER });
    expect(carla).toMatchObject({
      givenNames: 'Carla Andrea',
      lastName1: 'Ibarra',
      lastName2: 'De la Fuente',
    });
    // The intent carries them tidied, as the central keeps them.
    const payload = JSON.parse(
      core.db.$client
        .prepare("SELECT payload FROM outbox WHERE kind = 'company_user.add' ORDER BY seq DESC")
        .pluck()
        .get() as string,
    ) as { newPerson: Record<string, string> };
    expect(payload.newPerson).toMatchObject({
      givenNames: 'Carla Andrea',
      lastName1: 'Ibarra',
      lastName2: 'De la Fuente',
    });
  });

  it('grants modules at an access administrator’s request only', () => {
    const core = seededCore(300);
    const input = {
      companyRut: ESPIGA,
      userRut: JORGE,
      modules: ['licencias', 'certificados'],
      callerRut: MARCELA,
      callerIdentityCheck: ['serial_number', 'registered_phone'],
    };
    const espiga = companyActed(core, 'companyUsers.setModules', input).company as CompanyRecord;
    expect(espiga.profiles.find((p) => p.person.rut === JORGE)?.modules).toEqual([
      'certificados',
      'licencias',
    ]);
    // The legal representative has no company profile yet (her request is pending, rule 12).
    expect(
      refused(core, 'companyUsers.setModules', {
        ...input,
        modules: ['certificados'],
        callerRut: GLORIA,
        callerIdentityCheck: FACTS,
      }).message,
    ).toMatch(/no puede pedirlo aún: no tiene perfil empresa/);
  });

  it('an administrator gives up her own access or modules on her word, but widens it only on another’s', () => {
    const core = seededCore(300);
    const marcela = (modules: string[]) => ({
      companyRut: ESPIGA,
      userRut: MARCELA,
      modules,
      callerRut: MARCELA,
      callerIdentityCheck: ['serial_number', 'registered_phone'],
    });
    const modulesOf = (record: CompanyRecord) =>
      record.profiles.find((p) => p.person.rut === MARCELA)?.modules;
    const before = outboxCount(core);
    const error = refused(
      core,
      'companyUsers.setModules',
      marcela(['usuarios', 'licencias', 'certificados', 'cargas']),
    );
    // The shared intent's refusal (company-intents.ts), which the central API applies too.
    expect(error.message).toBe(ruleMessages['caller_grants_self']!({}));
    expect(outboxCount(core)).toBe(before);
    expect(modulesOf(company(core))).toEqual(['usuarios', 'licencias', 'certificados']);
    // Dropping one of her own modules, or pausing her own access, she may ask for herself.
    const narrowed = companyActed(
      core,
      'companyUsers.setModules',
      marcela(['usuarios', 'licencias']),
    );
    expect(modulesOf(narrowed.company as CompanyRecord)).toEqual(['licencias', 'usuarios']);
    const paused = companyActed(core, 'companyUsers.change', {
      companyRut: ESPIGA,
      userRut: MARCELA,
      change: 'pause',
      reason: 'Deja la empresa a fin de mes',
      callerRut: MARCELA,
      callerIdentityCheck: ['serial_number', 'registered_phone'],
    });
    expect(
      (paused.company as CompanyRecord).profiles.find((p) => p.person.rut === MARCELA)?.state,
    ).toBe('paused');
  });

  it('grants no module at a company no longer adherent (rule 6), but lets one be taken away', () => {
    const core = seededCore(300);
    core.db.$client.prepare('UPDATE companies SET adherent = 0 WHERE rut = 78901234').run();
    const input = (modules: string[]) => ({
      companyRut: ESPIGA,
      userRut: JORGE,
      modules,
      callerRut: MARCELA,
      callerIdentityCheck: ['serial_number', 'registered_phone'],
    });
    const jorgeModules = () => company(core).profiles.find((p) => p.person.rut === JORGE)?.modules;
    const before = outboxCount(core);
    // The shared intent's refusal (company-intents.ts), which the central API applies too.
    expect(
      refused(core, 'companyUsers.setModules', input(['certificados', 'licencias'])).message,
    ).toBe(ruleMessages['company_not_adherent']!({}));
    expect(outboxCount(core)).toBe(before);
    expect(jorgeModules()).toEqual(['certificados']);
    const narrowed = companyActed(core, 'companyUsers.setModules', input([]))
      .company as CompanyRecord;
    expect(narrowed.profiles.find((p) => p.person.rut === JORGE)?.modules).toEqual([]);
  });

  it('grants only the modules of the company’s portal, and lets one held from before stay', () => {
    const core = seededCore(300);
    const input = {
      companyRut: ESPIGA,
      userRut: JORGE,
      callerRut: MARCELA,
      callerIdentityCheck: ['serial_number', 'registered_phone'],
    };
    // Siniestros is ACHS Gestión's: Portal Empresas has no such module.
    const jorgeAtEspiga = core.db.$client.prepare(
      'SELECT modules, version FROM memberships WHERE person_rut = 19283746 AND company_rut = 78901234',
    );
    const before = jorgeAtEspiga.get();
    expect(before).toBeDefined();
    const error = refused(core, 'companyUsers.setModules', { ...input, modules: ['siniestros'] });
    expect(error.message).toBe(
      'Esa empresa no ofrece ese módulo en su portal: elija entre los módulos que muestra el diálogo.',
    );
    expect(jorgeAtEspiga.get()).toEqual(before);
    // Held before the catalogue: it may stay beside a new one, and be taken away.
    core.db.$client
      .prepare(
        `UPDATE memberships SET modules = '["siniestros"]'
         WHERE person_rut = 19283746 AND company_rut = 78901234`,
      )
      .run();
    companyActed(core, 'companyUsers.setModules', { ...input, modules: ['siniestros', 'cargas'] });
    const espiga = companyActed(core, 'companyUsers.setModules', { ...input, modules: ['cargas'] })
      .company as CompanyRecord;
    expect(espiga.profiles.find((p) => p.person.rut === JORGE)?.modules).toEqual(['cargas']);
  });
});

describe('what the review found', () => {
  it('never resets a profile already held: a second approval closes the request, the signature kept', () => {
    const core = seededCore(300);
    companyActed(core, 'requests.record', {
      requesterRut: MARCELA,
      companyRut: ESPIGA,
      capacity: 'authorized_signatory',
    });
    const approved = companyActed(core, 'requests.decide', {
      requesterRut: MARCELA,
      companyRut: ESPIGA,
      decision: 'approve',
      reason: '',
    });
    // Approved as what she holds: no second profile, no second mail, her signature stays.
    expect(approved.mailsQueued).toBe(0);
    expect(company(core).profiles.find((p) => p.person.rut === MARCELA)).toMatchObject({
      role: 'access_admin',
      agreementSigned: true,
    });
  });

  it('takes Portal Empresas requests only for companies on Portal Empresas', () => {
    const core = seededCore(300);
    expect(
      refused(core, 'requests.record', {
        requesterRut: GLORIA,
        companyRut: ANDES,
        capacity: 'legal_representative',
      }).message,
    ).toMatch(/no usa Portal Empresas/);
  });

  it('gives a worker of the company a company profile on its representative’s call, keeping his modules', () => {
    const core = seededCore(300);
    const held = (call(core, 'persons.get', { rut: '12345678-5' }) as PersonRecord).memberships[0]!
      .modules;
    expect(held.length).toBeGreaterThan(0);
    const andesAdded = companyActed(core, 'companyUsers.add', {
      companyRut: ANDES,
      userRut: '12345678-5',
      role: 'company_user',
      modules: ['reportes'],
      external: false,
      newPerson: null,
      callerRut: '12131415-0',
      callerIdentityCheck: FACTS,
    });
    // ACHS Gestión has no agreement: no mail.
    expect(andesAdded.mailsQueued).toBe(0);
    const andes = andesAdded.company as CompanyRecord;
    // The modules he worked with stay: the profile adds, it does not take away.
    const modules = [...new Set([...held, 'reportes'])];
    expect(andes.profiles.find((p) => p.person.rut === '12345678-5')).toMatchObject({
      role: 'company_user',
      modules,
      external: false,
    });
    // And the audit says what he held and what he holds now.
    const added = core.db.$client
      .prepare("SELECT before, after FROM audit_events WHERE action = 'company_user.add'")
      .get() as { before: string; after: string };
    expect(JSON.parse(added.before)).toMatchObject({ role: 'worker', modules: held });
    expect(JSON.parse(added.after)).toMatchObject({ role: 'company_user', modules });
  });

  it('records a worker’s baja asked by the company, under its own name; a Portal Empresas user’s access is deleted, not dismissed (rules 7, 13)', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const PEDRO = '12345678-5';
    call(core, 'companyUsers.change', changeAtAndes(PEDRO, 'dismiss'));
    const events = (
      call(core, 'audit.list', { action: 'company_user.dismiss' }) as {
        events: Array<{ action: string; after: string }>;
      }
    ).events;
    expect(events.map((event) => event.action)).toEqual(['company_user.dismiss']);
    // Who asked is kept with it (Paula, her two facts).
    expect(JSON.parse(events[0]!.after)).toMatchObject({
      change: 'dismiss',
      state: 'removed',
      callerRut: 15_161_718,
      callerFacts: ['serial_number', 'registered_email'],
    });
    expect(actionLabels['company_user.dismiss']).toBe('Registró la baja a pedido de la empresa');
    expect(syncKindLabels['company_user.dismiss']).toBe('Baja pedida por la empresa');
    expect((call(core, 'sync.pending', {}) as Array<{ kind: string }>).at(-1)!.kind).toBe(
      'company_user.dismiss',
    );
    // Jorge, a Portal Empresas company user at La Espiga: his access is «Eliminar acceso».
    const jorgeAsked = (change: 'dismiss' | 'remove') => ({
      companyRut: '78901234-2',
      userRut: '19283746-4',
      change,
      reason: 'Ya no trabaja en la empresa',
      callerRut: '13579246-2',
      callerIdentityCheck: ['serial_number', 'registered_phone'],
    });
    expect(refused(core, 'companyUsers.change', jorgeAsked('dismiss')).message).toBe(
      ruleMessages['change_not_on_portal']!({}),
    );
    call(core, 'companyUsers.change', jorgeAsked('remove'));
    // Nor is a worker's access «deleted»: his baja is recorded (the central API decides alike).
    expect(
      refused(core, 'companyUsers.change', { ...changeAtAndes(PEDRO, 'dismiss'), change: 'remove' })
        .message,
    ).toBe(ruleMessages['change_not_on_portal']!({}));
  });

  it('gives a disabled or paused worker a company profile, and leaves his access as it was: giving it back is its own request (rule 11)', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const PEDRO = '12345678-5';
    const atAndes = () =>
      (call(core, 'persons.get', { rut: PEDRO }) as PersonRecord).memberships.find(
        (m) => m.companyRut === ANDES,
      )!;
    // Los Andes has Pedro disabled there (rule 11).
    call(core, 'companyUsers.change', changeAtAndes(PEDRO, 'disable'));
    expect(call(core, 'companies.lookupPerson', { companyRut: ANDES, rut: PEDRO })).toMatchObject({
      membership: { role: 'worker', state: 'disabled' },
      loginAccount: 'active',
    });
    // Jorge has only Los Héroes' login: added at Los Andes, he must register in ACHS Gestión
    // first, and the toast says so (walk 59a); unknown RUTs have no account either.
    const jorge = call(core, 'companies.lookupPerson', { companyRut: ANDES, rut: '19283746-4' });
    expect(jorge).toMatchObject({ known: true, loginAccount: 'not_registered' });
    expect(
      companyMessages.done['companyUsers.add']({
        external: true,
        onEmpresas: false,
        mailQueued: false,
        loginAccount: jorge.loginAccount ?? undefined,
      }),
    ).toBe(
      'Usuario agregado como externo: no es trabajador de la empresa. ACHS Gestión no tiene Acuerdo de Acceso Remoto: no se envía correo. Aún no tiene cuenta en ACHS Gestión: para entrar debe registrarse con su RUT, su N° de serie y su correo (le llegará un enlace para crear su contraseña).',
    );
    expect(
      call(core, 'companies.lookupPerson', { companyRut: ESPIGA, rut: '19283746-4' }),
    ).toMatchObject({ loginAccount: 'active' });
    const andes = companyActed(core, 'companyUsers.add', {
      companyRut: ANDES,
      userRut: PEDRO,
      role: 'company_user',
      modules: ['reportes'],
      external: false,
      newPerson: null,
      callerRut: '12131415-0',
      callerIdentityCheck: FACTS,
    }).company as CompanyRecord;
    // Before, the profile enabled him again, unasked and unsaid.
    expect(andes.profiles.find((p) => p.person.rut === PEDRO)).toMatchObject({
      role: 'company_user',
      state: 'disabled',
    });
    expect(atAndes()).toMatchObject({ role: 'company_user', state: 'disabled' });
    // The audit says the state it left, beside the one it found.
    const added = core.db.$client
      .prepare("SELECT before, after FROM audit_events WHERE action = 'company_user.add'")
      .get() as { before: string; after: string };
    expect(JSON.parse(added.before)).toMatchObject({ role: 'worker', state: 'disabled' });
    expect(JSON.parse(added.after)).toMatchObject({ role: 'company_user', state: 'disabled' });
    // Giving it back is the company's own request, with its reason.
    const enabled = companyActed(core, 'companyUsers.change', {
      companyRut: ANDES,
      userRut: PEDRO,
      change: 'enable',
      reason: 'Lo pide el representante legal',
      callerRut: '12131415-0',
      callerIdentityCheck: FACTS,
    }).company as CompanyRecord;
    expect(enabled.profiles.find((p) => p.person.rut === PEDRO)?.state).toBe('active');
  });

  it('approves a paused worker’s request without resuming her access (rule 11)', () => {
    const core = seededCore(300);
    // Gloria, La Espiga's legal representative with a request pending, works there: paused.
    core.db.$client
      .prepare(
        `INSERT INTO memberships (id, person_rut, company_rut, role, state, modules, started_at)
         VALUES (-1, 14725836, 78901234, 'worker', 'paused', '[]', '2026-01-01T00:00:00.000Z')`,
      )
      .run();
    const approved = companyActed(core, 'requests.decide', {
      requesterRut: GLORIA,
      companyRut: ESPIGA,
      decision: 'approve',
      reason: '',
    });
    expect(approved.mailsQueued).toBe(1);
    expect(
      (approved.company as CompanyRecord).profiles.find((p) => p.person.rut === GLORIA),
    ).toMatchObject({ role: 'access_admin', state: 'paused', agreementSigned: false });
  });

  it('does not take the company a caller names as proof of who they are', () => {
    const core = seededCore(300);
    // Marcela, an access administrator, works at La Espiga: the company is her employer.
    const marcela = company(core).callers.find((c) => c.person.rut === MARCELA)!;
    expect(marcela.identityFacts.map((f) => f.fact)).not.toContain('employer');
    expect(
      refused(core, 'companyUsers.add', {
        companyRut: ESPIGA,
        userRut: '12345678-5',
        role: 'company_user',
        modules: [],
        external: true,
        newPerson: null,
        callerRut: MARCELA,
        callerIdentityCheck: ['serial_number', 'employer'],
      }).message,
    ).toBe(ruleMessages.caller_identity_required!({ required: 2 }));
  });

  it('adds someone who is not a worker of the company as an outsider, whatever the box said', () => {
    const core = seededCore(300, { as: 'supervisora' });
    // Pedro works at Los Andes, not at La Espiga.
    const espiga = companyActed(core, 'companyUsers.add', {
      companyRut: ESPIGA,
      userRut: '12345678-5',
      role: 'company_user',
      modules: ['certificados'],
      external: false,
      newPerson: null,
      callerRut: MARCELA,
      callerIdentityCheck: ['serial_number', 'registered_phone'],
    }).company as CompanyRecord;
    expect(espiga.profiles.find((p) => p.person.rut === '12345678-5')?.external).toBe(true);
    // The audit records the outcome — an outsider — not the box, and names who asked.
    const { events } = call(core, 'audit.list', { action: 'company_user.add' }) as {
      events: Array<{ after: string; caller: unknown; company: unknown }>;
    };
    const [event] = events;
    expect(JSON.parse(event!.after)).toMatchObject({ external: true, callerRut: 13_579_246 });
    expect(event!.caller).toEqual({ rut: 13_579_246, name: 'Marcela Andrea Fuentes Rivas' });
    const lines = describeAuditChange(null, event!.after, {
      caller: event!.caller as { rut: number; name: string },
    }).map(auditDetailLine);
    expect(lines).toContain('Externo a la empresa: Sí');
    expect(lines).toContain('Quién lo pidió: Marcela Andrea Fuentes Rivas (13.579.246-2)');
  });

  it('names who may ask, one rule for every change: the representative unsigned or unapproved may not yet', () => {
    const core = seededCore(300);
    // Los Andes (ACHS): Ricardo is its legal representative, Paula an administrator.
    expect(company(core, ANDES).callers.map((c) => [c.person.rut, c.as, c.cannotAsk])).toEqual(
      expect.arrayContaining([
        ['12131415-0', 'legal_representative', null],
        ['15161718-2', 'access_admin', null],
      ]),
    );
    // La Espiga: Gloria is its representative without a company profile (request pending).
    expect(company(core).callers.find((c) => c.person.rut === GLORIA)).toMatchObject({
      as: 'legal_representative',
      cannotAsk: 'no_company_profile',
    });
    // Comercial Araucanía: Héctor, representative and administrator, agreement unsigned.
    expect(company(core, '96512340-7').callers).toMatchObject([
      {
        person: { rut: '10203040-0' },
        as: 'legal_representative',
        cannotAsk: 'agreement_unsigned',
      },
    ]);
    // Nor may she add or pause, as she may not change modules.
    expect(
      refused(core, 'companyUsers.change', {
        companyRut: ESPIGA,
        userRut: JORGE,
        change: 'pause',
        reason: 'Lo pidió la representante legal',
        callerRut: GLORIA,
        callerIdentityCheck: FACTS,
      }).message,
    ).toMatch(/no puede pedirlo aún: no tiene perfil empresa/);
  });

  it('counts Araucanía’s representative, agreement unsigned, as pending signature: not active, not an administrator', () => {
    const core = seededCore(300);
    const araucania = company(core, '96512340-7');
    expect(araucania.counts).toMatchObject({ admins: 0, pendingSignature: 1 });
    const stored = createCompanyRecordRepository(core.db.$client).counts(96_512_340);
    expect(araucania.counts.active).toBe(stored.active - 1);
  });

  it('an unsigned representative’s row waits for him: what the page shows and what main refuses agree', () => {
    const core = seededCore(300);
    const HECTOR = '10203040-0';
    const araucania = company(core, '96512340-7');
    const listed = araucania.callers.map((c) => ({
      personRut: readRut(c.person.rut)!.body,
      cannotAsk: c.cannotAsk,
    }));
    const hector = { personRut: 10_203_040, legalRepresentative: true };
    expect(araucania.profiles.find((p) => p.person.rut === HECTOR)?.legalRepresentative).toBe(true);
    // His «Pausar», «Eliminar acceso» and «Módulos» wait, with why (rule 12: unsigned)...
    for (const change of ['takes', 'modules'] as const) {
      expect(companyChangeWaits(hector, change, araucania, listed)).toEqual({
        why: 'representative_himself',
        reason: 'agreement_unsigned',
      });
    }
    // ...because main refuses them from the only one who may ask for them, himself.
    const himself = { callerRut: HECTOR, callerIdentityCheck: FACTS };
    const before = outboxCount(core);
    expect(
      refused(core, 'companyUsers.change', {
        companyRut: '96512340-7',
        userRut: HECTOR,
        change: 'pause',
        reason: 'Lo pide él mismo',
        ...himself,
      }).message,
    ).toMatch(/no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado/);
    expect(
      refused(core, 'companyUsers.setModules', {
        companyRut: '96512340-7',
        userRut: HECTOR,
        modules: ['usuarios'],
        ...himself,
      }).message,
    ).toMatch(/no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado/);
    expect(outboxCount(core)).toBe(before);
  });

  it('his own record waits as his row on the company’s page does: «Pausar» and «Eliminar acceso», with why, from the one rule', () => {
    const core = seededCore(300);
    const HECTOR = '10203040-0';
    const ARAUCANIA = '96512340-7';
    const hector = { personRut: 10_203_040, legalRepresentative: true };
    // What the company's page decides for his row, as the reason a record's button gives.
    const pageSays = () => {
      const araucania = company(core, ARAUCANIA);
      const listed = araucania.callers.map((c) => ({
        personRut: readRut(c.person.rut)!.body,
        cannotAsk: c.cannotAsk,
      }));
      const wait = companyChangeWaits(hector, 'takes', araucania, listed);
      return wait === null ? null : changeWaitReason(wait);
    };
    const membership = () =>
      (call(core, 'persons.get', { rut: HECTOR }) as PersonRecord).memberships.find(
        (m) => m.companyRut === ARAUCANIA,
      )!;
    // Unsigned (rule 12): only he may ask to take his access away, and he cannot yet. Before,
    // the record's «Pausar» and «Eliminar acceso» were allowed and opened a dialog nobody could
    // complete.
    expect(pageSays()).toBe('representative_unsigned');
    expect(membership().can).toMatchObject({
      pause: { allowed: false, reason: 'representative_unsigned' },
      dismiss: { allowed: false, reason: 'representative_unsigned' },
    });
    // Main refuses it from the only one who may ask: the button says so before any dialog.
    expect(
      refused(core, 'companyUsers.change', {
        companyRut: ARAUCANIA,
        userRut: HECTOR,
        change: 'remove',
        reason: 'Lo pide él mismo',
        callerRut: HECTOR,
        callerIdentityCheck: FACTS,
      }).message,
    ).toMatch(/no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado/);
    // Signed, he may ask: both open, on the record as on the page.
    core.db.$client
      .prepare(
        'UPDATE memberships SET agreement_signed = 1 WHERE person_rut = 10203040 AND company_rut = 96512340',
      )
      .run();
    expect(pageSays()).toBeNull();
    expect(membership().can).toMatchObject({
      pause: { allowed: true },
      dismiss: { allowed: true },
    });
    // Paused, his profile holds no authority: «Eliminar acceso» waits for him again, and giving
    // his access back («Reanudar») is asked by others, so it does not.
    core.db.$client
      .prepare(
        "UPDATE memberships SET state = 'paused' WHERE person_rut = 10203040 AND company_rut = 96512340",
      )
      .run();
    expect(pageSays()).toBe('representative_inactive');
    expect(membership().can).toMatchObject({
      dismiss: { allowed: false, reason: 'representative_inactive' },
      resume: { allowed: true },
    });
  });

  it('on his own desk too: the officer who is Araucanía’s unsigned representative sees his buttons wait', () => {
    const core = seededCore(300, { as: 'prevencion' });
    const own = (call(core, 'persons.get', { rut: '10203040-0' }) as PersonRecord).memberships[0]!;
    expect(own.can.pause).toEqual({ allowed: false, reason: 'representative_unsigned' });
    expect(own.can.dismiss).toEqual({ allowed: false, reason: 'representative_unsigned' });
  });

  it('takes nothing from the call centre’s own word: an ACHS representative’s «Inhabilitar» still opens its dialog', () => {
    const core = seededCore(300);
    const ricardo = (call(core, 'persons.get', { rut: '12131415-0' }) as PersonRecord)
      .memberships[0]!;
    expect(ricardo.can.disable).toEqual({ allowed: true });
    expect(ricardo.can.dismiss).toEqual({ allowed: true });
  });

  it('an administrator still waiting for the agreement holds no authority', () => {
    const core = seededCore(300);
    core.db.$client
      .prepare('UPDATE memberships SET agreement_signed = 0 WHERE person_rut = 13579246')
      .run();
    expect(company(core).callers.map((c) => [c.person.rut, c.cannotAsk])).toEqual([
      [GLORIA, 'no_company_profile'],
      [MARCELA, 'agreement_unsigned'],
    ]);
    expect(
      refused(core, 'companyUsers.setModules', {
        companyRut: ESPIGA,
        userRut: JORGE,
        modules: ['certificados'],
        callerRut: MARCELA,
        callerIdentityCheck: ['serial_number', 'registered_phone'],
      }).message,
    ).toMatch(/no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado/);
  });

  it('forgets what it made ahead for an add the central API refused', () => {
    const core = seededCore(300);
    const { actionId } = companyActed(core, 'companyUsers.add', {
      companyRut: ESPIGA,
      userRut: OUTSIDER,
      role: 'company_user',
      modules: [],
      external: true,
      newPerson: {
        givenNames: 'Carla',
        lastName1: 'Ibarra',
        lastName2: '',
        email: 'carla@contadores.cl',
        phone: null,
      },
      callerRut: MARCELA,
      callerIdentityCheck: ['serial_number', 'registered_phone'],
    });
    const sql = core.db.$client;
    const count = (table: string) =>
      (
        sql
          .prepare(
            `SELECT count(*) AS n FROM ${table} WHERE ${table === 'persons' ? 'rut' : 'person_rut'} = 20123456`,
          )
          .get() as { n: number }
      ).n;
    expect([count('persons'), count('memberships'), count('accounts')]).toEqual([1, 1, 1]);
    // The server refused it: the sync engine marks the action and forgets what it made.
    sql.transaction(() => {
      sql.prepare("UPDATE outbox SET state = 'rejected' WHERE action_id = ?").run(actionId);
      createReplicaWriter(sql, () => new Date()).forgetAheadOf(actionId);
    })();
    expect([count('persons'), count('memberships'), count('accounts')]).toEqual([0, 0, 0]);
  });
});
