/**
 * Help-desk actions through the handler map on a real replica: each rule, each permission,
 * stale records, and what every action leaves behind (the change, an outbox intent, an audit
 * event linked to the open call).
 */
import { PERSON_COUNT_SQL } from '../../src/main/repositories/person-count';
import { describe, expect, it } from 'vitest';
import { contract, type PersonRecord } from '../../src/shared/contract';
import { channelNames } from '../../src/shared/channels';
import {
  callActionText,
  callMessages,
  notFoundMessages,
  portalLabels,
  ruleMessages,
  syncMessages,
} from '../../src/shared/messages';
import { auditDetailLine, describeAuditChange } from '../../src/shared/audit-details';
import type { Core } from '../../src/main/core';
import fs from 'node:fs';
import path from 'node:path';
import {
  createBulkEmailChanges,
  type BulkEmailChanges,
} from '../../src/intents/bulk-email-changes';
import { applyIntent } from '../../src/intents/apply-intent';
import { createCompanyWriteRepository } from '../../src/intents/company-write-repository';
import { createDataRequestRepository } from '../../src/intents/data-request-repository';
import { createPersonWriteRepository } from '../../src/intents/person-write-repository';
import {
  acted,
  call,
  changeAtAndes,
  FIXED_NOW,
  refused,
  seededCore,
  signInAs,
  ANDES_CALLER,
  ESPIGA_CALLER,
} from '../support/context';

const PEDRO = '12345678-5';
const MARIA = '11111111-1';
const ANA = '9876543-3';
const JUAN = '15234567-4';
const CAMILA = '16789012-1';
const FRANCISCA = '18765432-7';
const HECTOR = '10203040-0';
/** `mails.resend` input: a Portal Empresas mail of Héctor's (his login is Los Héroes'). */
const hectorsMail = (kind: string) => ({ rut: HECTOR, portal: 'portal_empresas', kind });
const ANDES = '76543210-3';
const ANDES_BODY = 76_543_210;
const JORGE = '19283746-4';
const ESPIGA = '78901234-2';
const ESPIGA_BODY = 78_901_234;
const ARAUCANIA = '96512340-7';
const CHECKED = ['serial_number', 'registered_phone'];

const record = (core: Core, rut: string): PersonRecord =>
  contract['persons.get'].output.parse(call(core, 'persons.get', { rut }));

/** A phone correction for `rut` (no identity check: a new mobile needs none), at its version. */
const phoneEdit = (core: Core, rut: string, phone: string, reason: string) => ({
  rut,
  phone,
  reason,
  identityCheck: [],
  expectedVersion: record(core, rut).version,
});

/** An e-mail correction for `rut`, with the identity checked (rule 10), at its version. */
const emailEdit = (core: Core, rut: string, email: string, reason: string) => ({
  rut,
  email,
  reason,
  identityCheck: ['serial_number', 'registered_email'],
  expectedVersion: record(core, rut).version,
});

/** The Panel's partial index of actions (audit_actions_at), as the replica holds it. */
const panelIndexSql = (core: Core) =>
  core.db.$client
    .prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_actions_at'")
    .pluck()
    .get() as string;
const count = (core: Core, sql: string) => (core.db.$client.prepare(sql).get() as { n: number }).n;

function outbox(core: Core) {
  return (
    core.db.$client
      .prepare('SELECT kind, person_rut, payload FROM outbox ORDER BY seq')
      .all() as Array<{
      kind: string;
      person_rut: number;
      payload: string;
    }>
  ).map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}

/** An intent applied as the central API applies it (a supervisor's, on the same rows). */
function applyAsCentral(
  core: Core,
  intent: Parameters<typeof applyIntent>[1],
  role: 'agent' | 'supervisor' = 'supervisor',
  bulkEmails?: BulkEmailChanges,
) {
  const sqlite = core.db.$client;
  return applyIntent(
    {
      writes: createPersonWriteRepository(sqlite, { bumpVersions: true }),
      companies: createCompanyWriteRepository(sqlite, { bumpVersions: true }),
      dataRequests: createDataRequestRepository(sqlite, { bumpVersions: true }),
      mode: 'server',
      now: FIXED_NOW,
      agent: { role, companyRuts: [], adminOfCompanyRuts: [] },
      ageMs: 0,
      ...(bulkEmails ? { bulkEmails } : {}),
    },
    intent,
  );
}

function lastAudit(core: Core) {
  return core.db.$client
    .prepare('SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1')
    .get() as Record<string, string | number | null>;
}

describe('a dismissal decided offline', () => {
  it('ends the tie when it was decided, not when it reached the central API', () => {
    const core = seededCore(300);
    const sqlite = core.db.$client;
    const outcome = applyIntent(
      {
        writes: createPersonWriteRepository(sqlite, { bumpVersions: true }),
        companies: createCompanyWriteRepository(sqlite, { bumpVersions: true }),
        dataRequests: createDataRequestRepository(sqlite, { bumpVersions: true }),
        mode: 'server',
        now: FIXED_NOW,
        agent: { role: 'supervisor', companyRuts: [], adminOfCompanyRuts: [] },
        // Decided 26 hours before it arrived (a day and more offline).
        ageMs: 26 * 3_600_000,
      },
      {
        actionId: 'offline-dismissal',
        // Asked by Paula, Los Andes' access administrator, her identity checked (rule 7).
        kind: 'company_user.change',
        personRut: 12_345_678,
        payload: {
          companyRut: ANDES_BODY,
          change: 'dismiss',
          fromState: 'active',
          callerRut: 15_161_718,
          callerVerified: true,
          callerFacts: ['serial_number', 'registered_email'],
        },
      },
    );
    expect(outcome).toMatchObject({ status: 'applied' });
    expect(
      sqlite
        .prepare('SELECT state, ended_at FROM memberships WHERE person_rut = ? AND company_rut = ?')
        .get(12_345_678, ANDES_BODY),
    ).toEqual({
      state: 'removed',
      ended_at: new Date(FIXED_NOW.getTime() - 26 * 3_600_000).toISOString(),
    });
  });
});

describe('unlock', () => {
  it('a mail asked again waiting here leaves «Activo» the portal’s; an unlock does not (walk 59b)', () => {
    const core = seededCore(300);
    const hit = () => call(core, 'persons.search', { text: PEDRO }).persons[0];
    call(core, 'mails.resend', { rut: PEDRO, portal: 'achs_gestion', kind: 'password_reset' });
    expect(record(core, PEDRO).pendingActions.map((a) => a.kind)).toEqual(['mail.resend']);
    expect(hit()).toMatchObject({ rut: PEDRO, held: false });
    call(core, 'accounts.unlock', {
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: CHECKED,
      expectedVersion: record(core, PEDRO).accounts[0]!.version,
    });
    expect(hit()).toMatchObject({ rut: PEDRO, held: true });
  });

  it('unlocks after an identity check: badge gone, intent queued, audit kept', () => {
    const core = seededCore(300);
    const before = record(core, PEDRO);
    const account = before.accounts[0]!;
    const hit = () => call(core, 'persons.search', { text: PEDRO }).persons[0];
    expect(hit()).toMatchObject({ rut: PEDRO, held: false });
    const result = call(core, 'accounts.unlock', {
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: CHECKED,
      expectedVersion: account.version,
    });
    // Until the central confirms it, his result row says its badges are this desk's only.
    expect(hit()).toMatchObject({ rut: PEDRO, badges: [{ code: 'active' }], held: true });
    // The action answers with its receipt; the screen then reads the record it left.
    expect(contract['accounts.unlock'].output.parse(result)).toEqual({
      actionId: expect.any(String),
      auditSeq: expect.any(Number),
    });
    const after = contract['persons.afterAction'].output.parse(
      call(core, 'persons.afterAction', { actionId: result.actionId }),
    );
    expect(after.badges).toEqual([{ code: 'active' }]);
    expect(after.diagnosis.map((c) => c.code)).not.toContain('temporarily_locked');
    expect(after.accounts[0]).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
    // Versions are the server's: a local action leaves them for the sync to move.
    expect(after.accounts[0]!.version).toBe(account.version);
    expect(after.pendingActions).toEqual([
      {
        actionId: result.actionId,
        kind: 'account.unlock',
        createdAt: FIXED_NOW.toISOString(),
        // Whose it is: the record names another agent's on a shared desk.
        agentId: 'agent-demo',
        agentName: 'Alicia Agente',
        agentDisabled: false,
        // The portal keeps his lock until the unlock arrives: the record still says until when.
        portalLock: { portal: 'achs_gestion', until: account.lockedUntil },
      },
    ]);
    expect(account.lockedUntil).not.toBeNull();
    expect(outbox(core)).toEqual([
      {
        kind: 'account.unlock',
        person_rut: 12345678,
        payload: {
          portal: 'achs_gestion',
          seenVersion: account.version,
          lockedUntil: account.lockedUntil,
          personRut: 12345678,
          decidedAt: FIXED_NOW.toISOString(),
        },
      },
    ]);
    expect(lastAudit(core)).toMatchObject({
      id: result.actionId,
      action: 'account.unlock',
      agent_id: 'agent-demo',
      person_rut: 12345678,
      identity_check: JSON.stringify(CHECKED),
    });
    expect(JSON.parse(String(lastAudit(core)['before']))).toMatchObject({ failedAttempts: 6 });
  });

  it('refuses without two matching identity facts, and writes nothing', () => {
    const core = seededCore(300);
    const version = record(core, PEDRO).accounts[0]!.version;
    const auditBefore = count(core, 'SELECT count(*) AS n FROM audit_events');
    for (const identityCheck of [[], ['serial_number'], ['serial_number', 'serial_number']]) {
      const error = refused(core, 'accounts.unlock', {
        rut: PEDRO,
        portal: 'achs_gestion',
        identityCheck,
        expectedVersion: version,
      });
      expect(error).toMatchObject({ code: 'rule' });
      expect(error.message).toMatch(/al menos 2 datos/);
    }
    expect(record(core, PEDRO).accounts[0]!.lockedUntil).not.toBeNull();
    expect(count(core, 'SELECT count(*) AS n FROM outbox')).toBe(0);
    // Only the sign-in and the views just made were audited.
    expect(
      count(
        core,
        "SELECT count(*) AS n FROM audit_events WHERE action NOT IN ('person.view', 'session.sign_in')",
      ),
    ).toBe(0);
    expect(auditBefore).toBeGreaterThan(0);
  });

  it('says so when the lock is over or there is none', () => {
    const clock = { now: FIXED_NOW };
    const core = seededCore(300, { clock });
    const version = record(core, PEDRO).accounts[0]!.version;
    clock.now = new Date(FIXED_NOW.getTime() + 60 * 60_000);
    const error = refused(core, 'accounts.unlock', {
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: CHECKED,
      expectedVersion: version,
    });
    expect(error.message).toBe('La cuenta ya no está bloqueada: no hay nada que desbloquear.');
    expect(
      refused(core, 'accounts.unlock', {
        rut: PEDRO,
        portal: 'portal_heroes',
        identityCheck: CHECKED,
        expectedVersion: 1,
      }).message,
    ).toBe('La persona no tiene cuenta en ese portal.');
  });

  it('detects a record changed since the agent opened it', () => {
    const core = seededCore(300);
    const version = record(core, PEDRO).accounts[0]!.version;
    core.db.$client
      .prepare('UPDATE accounts SET version = version + 1 WHERE person_rut = 12345678')
      .run();
    const error = refused(core, 'accounts.unlock', {
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: CHECKED,
      expectedVersion: version,
    });
    expect(error.code).toBe('stale');
    expect(error.message).toMatch(/La ficha cambió/);
    expect(count(core, 'SELECT count(*) AS n FROM outbox')).toBe(0);
  });
});

describe('clear registration block', () => {
  it('clears the block after an identity check', () => {
    const core = seededCore(300);
    const account = record(core, MARIA).accounts[0]!;
    const { record: after } = acted(core, 'accounts.clearRegistrationBlock', {
      rut: MARIA,
      portal: 'achs_gestion',
      identityCheck: ['serial_number', 'registered_email'],
      expectedVersion: account.version,
    });
    expect(after.accounts[0].registrationBlocked).toBe(false);
    expect(after.diagnosis.map((c: { code: string }) => c.code)).toContain('not_registered');
    expect(
      refused(core, 'accounts.clearRegistrationBlock', {
        rut: MARIA,
        portal: 'achs_gestion',
        identityCheck: CHECKED,
        expectedVersion: account.version + 1,
      }).message,
    ).toBe('El registro no está bloqueado.');
  });
});

describe('edit contact', () => {
  it('never overwrites a value changed since the agent saw it (another tab, a change synced meanwhile)', () => {
    const core = seededCore(300);
    const opened = record(core, PEDRO);
    const seen = { email: opened.email, phone: opened.phone };
    // Another tab saves a new mobile while this one's dialog is open.
    call(core, 'contact.edit', {
      ...phoneEdit(core, PEDRO, '+56 9 2222 3333', 'Otra pestaña'),
      seen,
    });
    const audited = () =>
      (
        core.db.$client
          .prepare("SELECT count(*) AS n FROM audit_events WHERE action != 'person.view'")
          .get() as { n: number }
      ).n;
    const before = audited();
    const stale = refused(core, 'contact.edit', {
      ...phoneEdit(core, PEDRO, '+56 9 4444 5555', 'Esta pestaña'),
      seen,
    });
    expect(stale.message).toBe(
      'El celular cambió mientras usted editaba (ahora es +56 9 2222 3333): no se guardó nada. Confírmelo con la persona, cierre este diálogo y ábralo de nuevo para partir del valor actual.',
    );
    expect(record(core, PEDRO).phone).toBe('+56922223333');
    expect(audited()).toBe(before);
    // The e-mail it did not touch may still be changed from what was seen.
    call(core, 'contact.edit', {
      // (The mobile changed a moment ago proves nothing yet.)
      ...emailEdit(core, PEDRO, 'pedro.otro@correo.cl', 'Cambió de correo'),
      seen,
    });
    // Seen as it is now, the mobile is changed.
    call(core, 'contact.edit', {
      ...phoneEdit(core, PEDRO, '+56 9 4444 5555', 'Esta pestaña'),
      seen: { email: 'pedro.otro@correo.cl', phone: '+56922223333' },
    });
    expect(record(core, PEDRO).phone).toBe('+56944445555');
  });

  it('changes the e-mail with an identity check: accounts unverified, confirmation queued', () => {
    const core = seededCore(300);
    const before = record(core, PEDRO);
    const { record: after } = acted(core, 'contact.edit', {
      rut: PEDRO,
      email: '  Pedro.Nuevo@Correo.CL ',
      reason: 'La persona cambió de correo',
      identityCheck: CHECKED,
      expectedVersion: before.version,
    });
    expect(after.email).toBe('pedro.nuevo@correo.cl');
    expect(after.version).toBe(before.version);
    expect(after.accounts[0].emailVerified).toBe(false);
    expect(after.mails[0]).toMatchObject({
      kind: 'email_confirmation',
      outcome: 'queued',
      toAddress: 'pedro.nuevo@correo.cl',
    });
    expect(outbox(core)[0]!.payload).toMatchObject({
      seenVersion: before.version,
      changes: { email: { from: 'pedro.gonzalez@gmail.com', to: 'pedro.nuevo@correo.cl' } },
    });
    const audit = lastAudit(core);
    expect(audit['reason']).toBe('La persona cambió de correo');
    // The row says the confirmation it asked for, where and for which accounts, as a resend's.
    const portals = (after as PersonRecord).accounts.map((account) => account.portal).sort();
    expect(JSON.parse(String(audit['after']))).toMatchObject({
      confirmationMail: { to: 'pedro.nuevo@correo.cl', portals },
    });
    expect(
      describeAuditChange(
        audit['before'] as string,
        audit['after'] as string,
        {},
        'person.update_contact',
      ).map(auditDetailLine),
    ).toContain(
      `Pidió la confirmación del correo nuevo: a pedro.nuevo@correo.cl (${portals.map((portal) => portalLabels[portal]).join(', ')})`,
    );
  });

  it('changes the phone without an identity check, and can remove it', () => {
    const core = seededCore(300);
    let version = record(core, PEDRO).version;
    const first = acted(core, 'contact.edit', {
      rut: PEDRO,
      phone: '9 1111 2222',
      reason: 'Celular nuevo',
      identityCheck: [],
      expectedVersion: version,
    });
    expect(first.record.phone).toBe('+56911112222');
    version = first.record.version;
    const second = acted(core, 'contact.edit', {
      rut: PEDRO,
      phone: '',
      reason: 'Ya no tiene celular',
      identityCheck: [],
      expectedVersion: version,
    });
    expect(second.record.phone).toBeNull();
  });

  it('offers no e-mail, unlock or unblock where the system holds too few facts to check who calls; a mobile still', () => {
    const core = seededCore(300);
    const sqlite = core.db.$client;
    // Pedro with his card's serial alone: no e-mail, no mobile, and an outsider where he is
    // (no employer to name).
    sqlite.prepare('UPDATE persons SET email = NULL, phone = NULL WHERE rut = 12345678').run();
    sqlite.prepare('UPDATE memberships SET external = 1 WHERE person_rut = 12345678').run();
    const shown = record(core, PEDRO);
    expect(shown.identityFacts.map((view) => view.fact)).toEqual(['serial_number']);
    const unverifiable = { allowed: false, reason: 'identity_unverifiable' };
    expect(shown.can).toMatchObject({
      editContact: { allowed: true },
      changeEmail: unverifiable,
      unlock: unverifiable,
      clearRegistrationBlock: unverifiable,
      resendMail: { allowed: true },
    });
    // The diagnosis still names the cause; its fix waits, and main would refuse it anyway.
    expect(shown.diagnosis.map((cause) => cause.code)).toContain('no_email');
    expect(
      refused(core, 'contact.edit', {
        rut: PEDRO,
        email: 'pedro.nuevo@correo.cl',
        reason: 'Correo nuevo',
        identityCheck: ['serial_number', 'registered_phone'],
        expectedVersion: shown.version,
      }).message,
    ).toMatch(/^No se puede verificar «Celular registrado»: el sistema no tiene ese dato/);
    // A mobile asks for no check: still taken.
    expect(
      acted(core, 'contact.edit', phoneEdit(core, PEDRO, '9 1111 2222', 'Celular nuevo')).record
        .phone,
    ).toBe('+56911112222');
    // A mobile just registered proves nothing for a day: still one fact.
    expect(record(core, PEDRO).can.changeEmail).toEqual(unverifiable);
    // A worker of his company again: his employer is a second fact, and everything is offered.
    sqlite.prepare('UPDATE memberships SET external = 0 WHERE person_rut = 12345678').run();
    const after = record(core, PEDRO);
    expect(after.identityFacts.map((view) => view.fact)).toEqual(['serial_number', 'employer']);
    expect(after.can.changeEmail).toEqual({ allowed: true });
    expect(after.can.unlock).toEqual({ allowed: true });
  });

  it.each([
    [{ email: 'no-es-correo' }, 'Escriba un correo válido, por ejemplo nombre@dominio.cl.'],
    [{ email: '' }, 'Escriba un correo válido, por ejemplo nombre@dominio.cl.'],
    [{ phone: '22345678' }, 'Escriba un celular válido, por ejemplo +56 9 1234 5678.'],
    [{ phone: '+56 2 2345 6789' }, 'Escriba un celular válido, por ejemplo +56 9 1234 5678.'],
    [{ email: 'pedro.gonzalez@gmail.com' }, 'No hay cambios que guardar.'],
    [
      { email: 'otro@correo.cl', reason: ' ' },
      'Indique el motivo del cambio, en unas palabras (al menos 3 caracteres).',
    ],
    [{ email: 'otro@correo.cl', identityCheck: [] }, /al menos 2 datos/],
  ])('refuses %j with a clear message and changes nothing', (change, message) => {
    const core = seededCore(300);
    const before = record(core, PEDRO);
    const error = refused(core, 'contact.edit', {
      rut: PEDRO,
      reason: 'Corrección',
      identityCheck: CHECKED,
      expectedVersion: before.version,
      ...change,
    });
    expect(error.code).toBe('rule');
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(record(core, PEDRO)).toMatchObject({
      email: before.email,
      phone: before.phone,
      version: before.version,
    });
    expect(count(core, 'SELECT count(*) AS n FROM outbox')).toBe(0);
  });
});

describe('an address confirmed again (reverify: the undo of a bulk load)', () => {
  it('is taken at the central only for the undo of a load change it recorded, by a supervisor, once', () => {
    const core = seededCore(300);
    const sqlite = core.db.$client;
    // The central's own table (central migration 0021), on this database for the test.
    sqlite.exec(
      fs.readFileSync(
        path.join(__dirname, '../../src/central-api/migrations/0021_bulk_email_changes.sql'),
        'utf8',
      ),
    );
    const bulkEmails = createBulkEmailChanges(sqlite);
    const asCentral = (
      intent: Parameters<typeof applyIntent>[1],
      role: 'agent' | 'supervisor' = 'supervisor',
    ) => applyAsCentral(core, intent, role, bulkEmails);
    const rut = 12345678;
    const email = record(core, PEDRO).email!;
    sqlite
      .prepare(
        "UPDATE accounts SET email_verified = 1 WHERE person_rut = ? AND registration_state = 'active'",
      )
      .run(rut);
    const verified = () =>
      sqlite
        .prepare(
          `SELECT portal FROM accounts WHERE person_rut = ? AND registration_state = 'active'
             AND email_verified = 1 ORDER BY portal`,
        )
        .pluck()
        .all(rut) as string[];
    const portals = verified();
    expect(portals.length).toBeGreaterThan(0);
    const change = (from: string, to: string, payload: Record<string, unknown>) => ({
      actionId: `a-${Math.random()}`,
      kind: 'person.update_contact',
      personRut: rut,
      payload: { changes: { email: { from, to } }, ...payload },
    });
    // A load's change, applied here: the central keeps which portals it found confirmed.
    const load = { ...change(email, 'carga@x.cl', { batchId: 'b1' }), actionId: 'load-1' };
    expect(asCentral(load).status).toBe('applied');
    expect(verified()).toEqual([]);

    // Refused: an agent; no change named; a change nobody recorded; another address than the
    // one the load replaced; a portal that is none.
    const back = (payload: Record<string, unknown>) =>
      change('carga@x.cl', email, { batchId: 'b2', reverify: portals, ...payload });
    const forbidden = { status: 'rejected', code: 'forbidden' };
    expect(asCentral(back({ undoOf: 'load-1' }), 'agent')).toMatchObject(forbidden);
    expect(asCentral(back({}))).toMatchObject(forbidden);
    expect(asCentral(back({ undoOf: 'inventada' }))).toMatchObject(forbidden);
    expect(
      asCentral(
        change('carga@x.cl', 'otra@x.cl', { batchId: 'b2', reverify: portals, undoOf: 'load-1' }),
      ),
    ).toMatchObject(forbidden);
    expect(asCentral(back({ undoOf: 'load-1', reverify: ['portal_falso'] }))).toMatchObject({
      status: 'rejected',
      code: 'invalid_payload',
    });
    expect(record(core, PEDRO).email).toBe('carga@x.cl');

    // The load's own undo: the address back, confirmed where it was, no confirmation mail.
    const undone = asCentral(back({ undoOf: 'load-1' }));
    expect(undone).toMatchObject({ status: 'applied', mails: [] });
    expect(verified()).toEqual(portals);
    // Once: the same change undone again confirms nothing.
    expect(asCentral(change(email, 'carga@x.cl', {})).status).toBe('applied');
    expect(asCentral(back({ undoOf: 'load-1' }))).toMatchObject(forbidden);
  });
});

describe('resend mail', () => {
  it('queues the mail to the registered address and shows it as last sent', () => {
    const core = seededCore(300);
    const { record: after } = acted(core, 'mails.resend', {
      rut: FRANCISCA,
      portal: 'achs_gestion',
      kind: 'password_creation',
    });
    expect(after.mails[0]).toMatchObject({
      kind: 'password_creation',
      outcome: 'queued',
      toAddress: 'fran.silva@gmail.com',
      sentAt: FIXED_NOW.toISOString(),
    });
    const cause = after.diagnosis.find((c: { code: string }) => c.code === 'password_link_unused');
    expect(cause.lastSentAt).toBe(FIXED_NOW.toISOString());
    expect(cause).not.toHaveProperty('lastSentTo');
    // Her e-mail corrected since: the diagnosis says the link went to the old address.
    const { record: corrected } = acted(core, 'contact.edit', {
      rut: FRANCISCA,
      email: 'francisca.silva@empresa.cl',
      reason: 'Cambió de correo',
      identityCheck: ['serial_number', 'registered_phone'],
      expectedVersion: after.version,
    });
    expect(
      corrected.diagnosis.find((c: { code: string }) => c.code === 'password_link_unused'),
    ).toMatchObject({ lastSentTo: 'fran.silva@gmail.com' });
  });

  it('keeps a cool-down so the caller is not flooded', () => {
    const clock = { now: FIXED_NOW };
    const core = seededCore(300, { clock });
    const input = { rut: FRANCISCA, portal: 'achs_gestion', kind: 'password_creation' };
    call(core, 'mails.resend', input);
    clock.now = new Date(FIXED_NOW.getTime() + 4 * 60_000);
    expect(refused(core, 'mails.resend', input).message).toMatch(/espere 6 min/);
    clock.now = new Date(FIXED_NOW.getTime() + 10 * 60_000);
    expect(core.dispatchNow('mails.resend', input).ok).toBe(true);
  });

  it('lets the mail go at once to an address just corrected: the last went where it cannot help', () => {
    const clock = { now: FIXED_NOW };
    const core = seededCore(300, { clock });
    const input = { rut: FRANCISCA, portal: 'achs_gestion', kind: 'password_creation' };
    const { record: sent } = acted(core, 'mails.resend', input);
    clock.now = new Date(FIXED_NOW.getTime() + 2 * 60_000);
    // «No me llega»: the address was wrong. Corrected, the link goes to the right one now.
    const { record: corrected } = acted(core, 'contact.edit', {
      rut: FRANCISCA,
      email: 'francisca.silva@empresa.cl',
      reason: 'Su correo estaba mal escrito',
      identityCheck: ['serial_number', 'registered_phone'],
      expectedVersion: sent.version,
    });
    expect(corrected.email).toBe('francisca.silva@empresa.cl');
    const { record: after } = acted(core, 'mails.resend', input);
    expect(after.mails[0]).toMatchObject({
      kind: 'password_creation',
      toAddress: 'francisca.silva@empresa.cl',
      sentAt: clock.now.toISOString(),
    });
    // To that address, the cool-down holds as before.
    clock.now = new Date(FIXED_NOW.getTime() + 5 * 60_000);
    expect(refused(core, 'mails.resend', input).message).toMatch(/espere 7 min/);
  });

  it('refuses without an e-mail, or a kind that does not fit the account', () => {
    const core = seededCore(300);
    expect(
      refused(core, 'mails.resend', { rut: ANA, portal: 'achs_gestion', kind: 'password_creation' })
        .message,
    ).toMatch(/no tiene correo/);
    expect(
      refused(core, 'mails.resend', {
        rut: FRANCISCA,
        portal: 'achs_gestion',
        kind: 'password_reset',
      }).message,
    ).toBe(
      'Ese tipo de correo no corresponde al estado de la cuenta: el diagnóstico de la ficha dice cuál corresponde.',
    );
    // Héctor's profile came from his approved request: its mail carries the link to sign, and is
    // the one sent again; the agreement's own mail is for an administrator someone added.
    expect(refused(core, 'mails.resend', hectorsMail('agreement_signature')).message).toBe(
      'Ese tipo de correo no corresponde al estado de la cuenta: el diagnóstico de la ficha dice cuál corresponde.',
    );
    expect(core.dispatchNow('mails.resend', hectorsMail('access_approval')).ok).toBe(true);
    expect(record(core, HECTOR).accounts.flatMap((account) => account.mailKinds)).not.toContain(
      'agreement_signature',
    );
    // Nor was it ever sent him: his approval was one mail (seed 002), the one just resent.
    expect(record(core, HECTOR).mails.map((mail) => mail.kind)).toEqual([
      'access_approval',
      'access_approval',
    ]);
  });
});

describe('what the record offers fits the state (shared rules)', () => {
  it('offers exactly the mails the resend accepts, for every cast account and kind', () => {
    const core = seededCore(300);
    const kinds = contract['mails.resend'].input.shape.kind.options;
    for (const rut of [
      PEDRO,
      MARIA,
      ANA,
      JUAN,
      CAMILA,
      FRANCISCA,
      HECTOR,
      '7654321-6',
      '6543210-2',
    ]) {
      for (const account of record(core, rut).accounts) {
        for (const kind of kinds) {
          const envelope = core.dispatchNow('mails.resend', { rut, portal: account.portal, kind });
          const accepted = envelope.ok || /espere/.test(envelope.error.message);
          expect([rut, account.portal, kind, account.mailKinds.includes(kind)]).toEqual([
            rut,
            account.portal,
            kind,
            accepted,
          ]);
        }
      }
    }
  });

  it('never offers an e-mail confirmation for a verified address', () => {
    const core = seededCore(300);
    const [account] = record(core, PEDRO).accounts;
    expect(account!.emailVerified).toBe(true);
    expect(account!.mailKinds).not.toContain('email_confirmation');
    expect(
      refused(core, 'mails.resend', {
        rut: PEDRO,
        portal: 'achs_gestion',
        kind: 'email_confirmation',
      }).code,
    ).toBe('rule');
  });

  it('each login’s row says what blocks that login: Juan, dismissed at ACHS, open at Los Héroes', () => {
    const core = seededCore(300);
    const sqlite = core.db.$client;
    // Juan, dismissed at his ACHS company, is given a signed company profile at Araucanía
    // (Portal Empresas) and its Los Héroes login.
    sqlite
      .prepare(
        `INSERT INTO memberships (person_rut, company_rut, role, state, modules, agreement_signed,
           started_at) VALUES (15234567, 96512340, 'company_user', 'active', '[]', 1, '2026-01-01')`,
      )
      .run();
    sqlite
      .prepare(
        `INSERT INTO accounts (person_rut, portal, registration_state, email_verified)
         VALUES (15234567, 'portal_heroes', 'active', 1)`,
      )
      .run();
    const juan = record(core, JUAN);
    // He gets in (Los Héroes): no block of his; the ACHS Gestión row says its access is gone.
    expect(juan.badges.map((b) => b.code)).not.toContain('disabled');
    const row = (portal: string) => juan.accounts.find((a) => a.portal === portal)!;
    expect(row('achs_gestion').badges.map((b) => b.code)).toEqual(['disabled']);
    expect(row('portal_heroes').badges.map((b) => b.code)).toEqual(['active']);
  });

  it('after a dismissal the portal row says so and offers no password reset', () => {
    const core = seededCore(300);
    const juan = record(core, JUAN);
    expect(juan.badges.map((b) => b.code)).toContain('disabled');
    expect(juan.accounts[0]!.badges.map((b) => b.code)).toEqual(['disabled']);
    expect(juan.accounts[0]!.mailKinds).toEqual([]);
    expect(juan.diagnosis.some((cause) => cause.fix?.action === 'resend_mail')).toBe(false);
    expect(
      refused(core, 'mails.resend', { rut: JUAN, portal: 'achs_gestion', kind: 'password_reset' })
        .code,
    ).toBe('rule');
  });

  it('offers the access-approval mail no longer once the agreement it leads to is signed', () => {
    const core = seededCore(300);
    // Marcela: approved and signed. The mail's step is done: not offered, and refused.
    const marcela = record(core, '13579246-2');
    expect(marcela.accessRequests).toMatchObject([{ state: 'approved' }]);
    expect(marcela.accounts[0]!.mailKinds).not.toContain('access_approval');
    expect(
      refused(core, 'mails.resend', {
        rut: '13579246-2',
        portal: 'portal_empresas',
        kind: 'access_approval',
      }).code,
    ).toBe('rule');
    // Héctor signs: the offer goes with it.
    expect(record(core, HECTOR).accounts[0]!.mailKinds).toContain('access_approval');
    core.db.$client
      .prepare('UPDATE access_requests SET agreement_signed = 1 WHERE person_rut = 10203040')
      .run();
    expect(record(core, HECTOR).accounts[0]!.mailKinds).not.toContain('access_approval');
  });

  it('offers the access-approval mail only while signing would assign its profile: not while that access is paused, disabled or deleted (rules 11, 12, 13)', () => {
    const core = seededCore(300);
    const setState = (state: string) =>
      core.db.$client
        .prepare(
          'UPDATE memberships SET state = ? WHERE person_rut = 10203040 AND company_rut = 96512340',
        )
        .run(state);
    const offered = () => record(core, HECTOR).accounts[0]!.mailKinds;
    expect(offered()).toContain('access_approval');
    for (const state of ['paused', 'disabled', 'removed']) {
      setState(state);
      // Before, his approved request alone kept offering it: a mail inviting him to sign and
      // enter a profile that would stay paused (or, deleted, a signature the central refuses).
      expect(offered(), state).not.toContain('access_approval');
      expect(offered(), state).not.toContain('agreement_signature');
      expect(refused(core, 'mails.resend', hectorsMail('access_approval')).message, state).toBe(
        'Ese tipo de correo no corresponde al estado de la cuenta: el diagnóstico de la ficha dice cuál corresponde.',
      );
    }
    // Paused, the diagnosis says why no mail is offered: it waits for the access back.
    setState('paused');
    const paused = record(core, HECTOR).diagnosis.find((c) => c.companyRut === ARAUCANIA)!;
    expect(paused).toMatchObject({ code: 'membership_paused', agreementWaits: true });
    expect(paused.fix).toEqual({ action: 'resume_membership', companyRut: ARAUCANIA });
    // Resumed, the step is his again: the mail is offered and accepted.
    setState('active');
    expect(offered()).toContain('access_approval');
    expect(core.dispatchNow('mails.resend', hectorsMail('access_approval')).ok).toBe(true);
  });

  it('offers no access-approval mail for a request approved over a profile already signed', () => {
    const core = seededCore(300);
    const MARCELA = '13579246-2';
    call(core, 'requests.record', {
      requesterRut: MARCELA,
      companyRut: ESPIGA,
      capacity: 'authorized_signatory',
    });
    call(core, 'requests.decide', {
      requesterRut: MARCELA,
      companyRut: ESPIGA,
      decision: 'approve',
      reason: '',
    });
    // Her new request's row waits for a signature her profile already has: nothing to sign
    // (the central would answer «already signed»).
    expect(record(core, MARCELA).accounts[0]!.mailKinds).not.toContain('access_approval');
  });

  it('offers the access-approval mail only where an approved request exists', () => {
    const core = seededCore(300);
    expect(record(core, HECTOR).accounts[0]!.mailKinds).toContain('access_approval');
    core.db.$client.prepare("UPDATE access_requests SET state = 'pending'").run();
    expect(record(core, HECTOR).accounts[0]!.mailKinds).not.toContain('access_approval');
    expect(refused(core, 'mails.resend', hectorsMail('access_approval')).code).toBe('rule');
  });
});

describe('memberships', () => {
  it('dismissing the only active membership leaves the person inactive', () => {
    const core = seededCore(300);
    // Asked by the company (rule 7: it records the baja in its structure).
    call(core, 'companyUsers.change', changeAtAndes(PEDRO, 'dismiss'));
    const after = record(core, PEDRO);
    expect(after.memberships[0]!.state).toBe('removed');
    expect(after.badges.map((b: { code: string }) => b.code)).toContain('disabled');
    expect(after.diagnosis[0]!.code).toBe('dismissed');
  });

  it('an access disabled in one company is given back only at the company’s request', () => {
    const core = seededCore(300);
    call(core, 'companyUsers.change', changeAtAndes(CAMILA, 'disable'));
    const after = record(core, CAMILA);
    expect(after.memberships.map((m: { state: string }) => m.state)).toEqual([
      'removed',
      'disabled',
    ]);
    // Camila herself, however well identified, cannot undo it: the company gives it back.
    const queued = outbox(core).length;
    expect(
      refused(core, 'companyUsers.change', {
        ...changeAtAndes(CAMILA, 'enable'),
        callerRut: CAMILA,
        callerIdentityCheck: CHECKED,
      }),
    ).toEqual({ code: 'rule', message: ruleMessages['caller_not_authorized']!({}) });
    expect(outbox(core)).toHaveLength(queued);
    call(core, 'companyUsers.change', changeAtAndes(CAMILA, 'enable'));
    expect(record(core, CAMILA).badges).toEqual([{ code: 'active' }]);
  });

  it('refuses to give access back at a company no longer adherent, as the central API would', () => {
    const core = seededCore(300);
    call(core, 'companyUsers.change', changeAtAndes(CAMILA, 'disable'));
    core.db.$client.prepare('UPDATE companies SET adherent = 0 WHERE rut = 76543210').run();
    expect(record(core, CAMILA).memberships[1]!.state).toBe('disabled');
    const queued = outbox(core).length;
    const answer = refused(core, 'companyUsers.change', changeAtAndes(CAMILA, 'enable'));
    expect(answer).toMatchObject({ code: 'rule' });
    expect(answer.message).toBe(
      'La empresa ya no está adherida: ninguno de sus usuarios puede acceder, y no se le pueden dar accesos.',
    );
    const after = record(core, CAMILA).memberships[1]!;
    expect(after.state).toBe('disabled');
    // The record does not offer it either: the button says why.
    expect(after.can.enable).toEqual({ allowed: false, reason: 'company_not_adherent' });
    expect(outbox(core)).toHaveLength(queued);
  });

  it('leaves every change of an access to the company (rules 7, 11, 13), and refuses transitions that do not exist', () => {
    const core = seededCore(300);
    const queued = outbox(core).length;
    // The person's own call, however well identified, neither disables nor dismisses, pauses,
    // resumes nor enables: only the company's representative or an administrator asks (walks
    // 54a, 56a, 56b: on the call centre's word, nothing recorded who asked).
    for (const change of ['disable', 'dismiss', 'enable', 'resume'] as const) {
      expect(
        refused(core, 'companyUsers.change', {
          ...changeAtAndes(PEDRO, change),
          callerRut: PEDRO,
          callerIdentityCheck: CHECKED,
        }).message,
        change,
      ).toBe(ruleMessages['caller_not_authorized']!({}));
    }
    expect(channelNames).not.toContain('memberships.changeState');
    expect(record(core, PEDRO).memberships[0]!.state).toBe('active');
    expect(outbox(core)).toHaveLength(queued);
    // Camila's first company has her «De baja»: there is nothing left to disable.
    const ended = record(core, CAMILA).memberships[0]!;
    const again = core.dispatchNow('companyUsers.change', {
      ...changeAtAndes(CAMILA, 'disable'),
      companyRut: ended.companyRut,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'rule' } });
  });

  it('leaves deleting a Portal Empresas user’s access to the company (rule 13), on the desk and on the central API', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const jorge = record(core, JORGE).memberships.find((m) => m.companyRut === ESPIGA)!;
    expect(jorge).toMatchObject({ role: 'company_user', state: 'active' });
    const queued = outbox(core).length;
    // Its representative does not «dismiss» her: a Portal Empresas user's access is deleted.
    const dismissed = core.dispatchNow('companyUsers.change', {
      companyRut: ESPIGA,
      userRut: JORGE,
      change: 'dismiss',
      reason: 'Ya no trabaja en la empresa',
      // Marcela, its access administrator, her serial number and mobile matched.
      callerRut: '13579246-2',
      callerIdentityCheck: ['serial_number', 'registered_phone'],
    });
    expect(dismissed).toMatchObject({ ok: false, error: { code: 'rule' } });
    expect(record(core, JORGE).memberships.find((m) => m.companyRut === ESPIGA)!.state).toBe(
      'active',
    );
    expect(outbox(core)).toHaveLength(queued);

    // The central API applies the same rule to what a desk sends: a bare membership change is
    // refused — a worker's disable or baja too (rules 7, 11) — and so is one that names a
    // selection or a bulk load without a supervisor sending it; on the company's written request
    // (a supervisor's selection, a bulk load) it is made.
    const central = (
      actionId: string,
      kind: string,
      rut: number,
      payload: object,
      role: 'agent' | 'supervisor' = 'supervisor',
    ) =>
      applyAsCentral(
        core,
        {
          actionId,
          kind,
          personRut: rut,
          payload: { companyRut: rut === 19_283_746 ? ESPIGA_BODY : ANDES_BODY, ...payload },
        },
        role,
      );
    const refusedThere = { status: 'rejected', code: 'company_caller_required' };
    expect(central('older-desk-1', 'membership.dismiss', 19_283_746, {})).toMatchObject(
      refusedThere,
    );
    for (const change of ['pause', 'disable', 'dismiss']) {
      expect(central(`older-${change}`, `membership.${change}`, 12_345_678, {})).toMatchObject(
        refusedThere,
      );
      expect(
        central(
          `forged-${change}`,
          `membership.${change}`,
          12_345_678,
          { selectionId: 's' },
          'agent',
        ),
      ).toMatchObject(refusedThere);
    }
    expect(
      central('forged-load', 'membership.disable', 12_345_678, { batchId: 'b' }, 'agent'),
    ).toMatchObject(refusedThere);
    expect(record(core, PEDRO).memberships[0]!.state).toBe('active');
    expect(
      central('selection-1', 'membership.dismiss', 19_283_746, { selectionId: 'sel-1' }),
    ).toMatchObject({ status: 'applied' });
    expect(central('load-1', 'membership.pause', 12_345_678, { batchId: 'batch-1' })).toMatchObject(
      {
        status: 'applied',
      },
    );
    expect(record(core, JORGE).memberships.find((m) => m.companyRut === ESPIGA)!.state).toBe(
      'removed',
    );
    expect(record(core, PEDRO).memberships[0]!.state).toBe('paused');
  });

  it('lets only a supervisor or the company access administrator change a profile', () => {
    const agent = seededCore(300);
    // Asked by the company: Paula at Los Andes; at Araucanía, Héctor, its legal representative.
    const input = (core: Core, rut: string, companyRut: string, index = 0) => ({
      rut,
      companyRut,
      role: 'company_user',
      reason: 'Necesita el módulo de reportes',
      expectedVersion: record(core, rut).memberships[index]!.version,
      ...(companyRut === ANDES
        ? ANDES_CALLER
        : { callerRut: HECTOR, callerIdentityCheck: ['serial_number', 'registered_email'] }),
    });
    const denied = refused(agent, 'memberships.changeRole', input(agent, PEDRO, ANDES));
    expect(denied).toEqual({
      code: 'forbidden',
      message:
        'Cambiar perfiles desde esta mesa es de un supervisor (o de un agente que sea administrador de accesos de esa empresa): pídaselo a su supervisor. El administrador de accesos de la empresa también puede cambiarlos en su portal.',
    });
    expect(record(agent, PEDRO).memberships[0]!.can.changeRole).toEqual({
      allowed: false,
      reason: 'not_access_admin',
    });

    const supervisor = seededCore(300, { as: 'supervisora' });
    const changed = acted(supervisor, 'memberships.changeRole', input(supervisor, PEDRO, ANDES));
    expect(changed.record.memberships[0].role).toBe('company_user');

    // Héctor is access_admin at Araucanía (Portal Empresas), not at Los Andes. Until he signs
    // the Remote Access Agreement his profile opens nothing there, and he administers nothing
    // (rule 12); signed, he may.
    const officer = seededCore(300, { as: 'prevencion' });
    expect(refused(officer, 'memberships.changeRole', input(officer, PEDRO, ANDES)).code).toBe(
      'forbidden',
    );
    const unsigned = refused(officer, 'memberships.changeRole', {
      ...input(officer, HECTOR, ARAUCANIA),
      role: 'company_user',
    });
    expect(unsigned.code).toBe('forbidden');
    officer.db.$client
      .prepare(
        'UPDATE memberships SET agreement_signed = 1 WHERE person_rut = 10203040 AND company_rut = 96512340',
      )
      .run();
    // Signed, he administers Araucanía: the permission passes. He is also its registered legal
    // representative, whom no profile change lowers (rule 9): that rule, not the permission, stops it.
    const own = refused(officer, 'memberships.changeRole', {
      ...input(officer, HECTOR, ARAUCANIA),
      role: 'company_user',
    });
    expect(own).toEqual({
      code: 'rule',
      message: ruleMessages['representative_register']!({ by: 'profile' }),
    });
  });

  it('changes a profile at the request of the company, never on the user’s own word (rule 9, walk 59a)', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const FRANCISCA = '18765432-7';
    const atAndes = () => record(core, FRANCISCA).memberships.find((m) => m.companyRut === ANDES)!;
    const change = (caller: { callerRut: string; callerIdentityCheck: string[] }) => ({
      rut: FRANCISCA,
      companyRut: ANDES,
      role: 'company_user',
      reason: 'Necesita ver los reportes',
      expectedVersion: atAndes().version,
      ...caller,
    });
    const before = core.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get();
    // She asks for it herself: refused, nothing written.
    const herself = refused(
      core,
      'memberships.changeRole',
      change({ callerRut: FRANCISCA, callerIdentityCheck: ['serial_number', 'registered_email'] }),
    );
    expect(herself).toEqual({
      code: 'rule',
      message: ruleMessages['caller_not_authorized']!({}),
    });
    expect(atAndes().role).toBe('worker');
    expect(core.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(before);
    // Paula, its access administrator, verified: done, and the audit says who asked.
    acted(core, 'memberships.changeRole', change(ANDES_CALLER));
    expect(atAndes().role).toBe('company_user');
    const event = core.db.$client
      .prepare("SELECT after FROM audit_events WHERE action = 'membership.change_role'")
      .pluck()
      .get() as string;
    expect(JSON.parse(event)).toMatchObject({
      role: 'company_user',
      callerRut: 15_161_718,
      callerFacts: ['serial_number', 'registered_email'],
    });
    // The central API checks who asked with its own rows: a bare change (an older or a tampered
    // desk), or one asked by the user herself, is refused there too; the company's caller passes.
    const pedro = record(core, PEDRO).memberships.find((m) => m.companyRut === ANDES)!;
    const central = (payload: Record<string, unknown>) =>
      applyAsCentral(core, {
        actionId: `role-${Object.keys(payload).length}-${String(payload['callerRut'])}`,
        kind: 'membership.change_role',
        personRut: 12_345_678,
        payload: { companyRut: ANDES_BODY, fromRole: pedro.role, role: 'company_user', ...payload },
      });
    expect(central({})).toMatchObject({ status: 'rejected', code: 'company_caller_required' });
    expect(
      central({
        callerRut: 12_345_678,
        callerVerified: true,
        callerFacts: ['serial_number', 'registered_email'],
      }),
    ).toMatchObject({ status: 'rejected', code: 'company_caller_required' });
    expect(record(core, PEDRO).memberships.find((m) => m.companyRut === ANDES)!.role).toBe(
      'worker',
    );
    expect(
      central({
        callerRut: 15_161_718,
        callerVerified: true,
        callerFacts: ['serial_number', 'registered_email'],
      }),
    ).toMatchObject({ status: 'applied' });
  });

  it('never makes an access administrator by a profile change (rules 9 and 12), on the desk or the central API', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const pedro = record(core, PEDRO).memberships[0]!;
    expect(pedro.role).not.toBe('access_admin');
    const before = core.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get();
    const error = refused(core, 'memberships.changeRole', {
      rut: PEDRO,
      companyRut: ANDES,
      role: 'access_admin',
      reason: 'Lo pide el gerente',
      expectedVersion: pedro.version,
      ...ANDES_CALLER,
    });
    expect(error.message).toBe(ruleMessages['admin_not_by_profile_change']!({}));
    expect(record(core, PEDRO).memberships[0]!.role).toBe(pedro.role);
    expect(core.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(before);

    // The shared intent refuses it too, as the central API applies it (a desk of an older
    // version could still send one).
    const outcome = applyAsCentral(core, {
      actionId: 'older-desk-1',
      kind: 'membership.change_role',
      personRut: 12_345_678,
      payload: { companyRut: 76_543_210, fromRole: pedro.role, role: 'access_admin' },
    });
    expect(outcome).toMatchObject({ status: 'rejected', code: 'admin_not_by_profile_change' });
    expect(record(core, PEDRO).memberships[0]!.role).toBe(pedro.role);
  });
});

describe('a Portal Empresas profile never comes by «Cambiar perfil» (rules 12, 13)', () => {
  it('is refused on the desk and the central API, and the record offers no change', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const worker = core.db.$client
      .prepare(
        `SELECT p.rut, p.dv, c.rut AS company, c.dv AS companyDv, m.role
           FROM memberships m JOIN persons p ON p.rut = m.person_rut
           JOIN companies c ON c.rut = m.company_rut
          WHERE m.role = 'worker' AND m.state = 'active' AND c.adherent = 1
            AND c.portals LIKE '%portal_empresas%'
          ORDER BY p.rut LIMIT 1`,
      )
      .get() as { rut: number; dv: string; company: number; companyDv: string; role: string };
    const rut = `${worker.rut}-${worker.dv}`;
    const companyRut = `${worker.company}-${worker.companyDv}`;
    const membership = () =>
      record(core, rut).memberships.find((m) => m.companyRut === companyRut)!;
    // A worker there has no profile «Cambiar perfil» may give: no button that would be refused.
    expect(membership().can.changeRole).toEqual({
      allowed: false,
      reason: 'profile_not_by_change',
    });
    const before = core.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get();
    const error = refused(core, 'memberships.changeRole', {
      rut,
      companyRut,
      role: 'company_user',
      reason: 'Lo pide la jefa de personal',
      expectedVersion: membership().version,
      ...ESPIGA_CALLER,
    });
    expect(error.message).toBe(ruleMessages['profile_not_by_change']!({}));
    expect(error.message).toContain('Agregar usuario');
    expect(membership().role).toBe('worker');
    expect(core.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(before);

    // The central API refuses it too (a desk of an older version could still send one).
    const outcome = applyAsCentral(core, {
      actionId: 'older-desk-2',
      kind: 'membership.change_role',
      personRut: worker.rut,
      payload: { companyRut: worker.company, fromRole: 'worker', role: 'company_user' },
    });
    expect(outcome).toMatchObject({ status: 'rejected', code: 'profile_not_by_change' });
    expect(membership().role).toBe('worker');
  });
});

describe('prevention officer search at a realistic size', () => {
  it('finds the people of the assigned companies by name among 20,000', () => {
    const core = seededCore(20_000, { as: 'prevencion' });
    const ruts = (text: string) =>
      (call(core, 'persons.search', { text }).persons as Array<{ rut: string }>).map((p) => p.rut);
    expect(ruts('gonzalez')).toContain(PEDRO);
    expect(ruts('munoz sepulveda')).toContain(MARIA);
    expect(ruts('contreras')).toContain(HECTOR);
    // Someone outside the assigned companies: never "not registered", and nothing revealed.
    expect(call(core, 'persons.search', { text: '7.654.321-6' })).toMatchObject({
      persons: [],
      notices: [{ code: 'rut_outside_scope', rut: '7.654.321-6' }],
    });
  });

  it('searches a RUT or an e-mail inside a company among its people only', () => {
    const core = seededCore(300);
    const inside = call(core, 'persons.search', { text: '11111111-1', companyRut: ANDES });
    expect(inside.persons.map((p: { rut: string }) => p.rut)).toEqual([MARIA]);
    expect(call(core, 'persons.search', { text: '7654321-6', companyRut: ANDES }).persons).toEqual(
      [],
    );
    expect(
      call(core, 'persons.search', { text: 'pedro.gonzalez@', companyRut: ANDES }).persons.map(
        (p: { rut: string }) => p.rut,
      ),
    ).toEqual([PEDRO]);
  });
});

describe('prevention officer scope', () => {
  it('sees and acts only on the people of the assigned companies', () => {
    const core = seededCore(300, { as: 'prevencion' });
    expect(record(core, PEDRO).rut).toBe(PEDRO);
    // Ramón's only company is Biobío, not assigned.
    // Outside his companies: the answer a RUT that does not exist gets too (issue 10).
    expect(refused(core, 'persons.get', { rut: '7654321-6' })).toMatchObject({
      code: 'not_found',
      message: notFoundMessages.person_in_scope,
    });
    const page = call(core, 'persons.search', { text: 'gonzalez' });
    for (const person of page.persons) {
      const companies = (
        core.db.$client
          .prepare('SELECT company_rut FROM memberships WHERE person_rut = ?')
          .all(Number(person.rut.split('-')[0])) as Array<{ company_rut: number }>
      ).map((row) => row.company_rut);
      expect(companies.some((rut) => rut === 76543210 || rut === 96512340)).toBe(true);
    }
    expect(call(core, 'persons.search', { text: '7654321-6' }).persons).toEqual([]);
    // A refusal reveals nothing: a right guess and a wrong one answer the same.
    for (const email of ['ramon.nancupil@yahoo.es', 'otra@correo.cl']) {
      expect(
        refused(core, 'contact.edit', {
          rut: '7654321-6',
          email,
          reason: 'Prueba',
          identityCheck: CHECKED,
          expectedVersion: 1,
        }),
      ).toMatchObject({ code: 'forbidden' });
    }
    expect(refused(core, 'audit.list', {})).toMatchObject({ code: 'forbidden' });
    // Nor open a call naming someone outside them; a RUT unknown to the replica is fine.
    expect(refused(core, 'interactions.open', { rut: '7654321-6', reason: 'other' })).toMatchObject(
      {
        code: 'forbidden',
      },
    );
    expect(
      core.dispatchNow('interactions.open', { rut: '1-9', reason: 'rut_not_registered' }).ok,
    ).toBe(true);
  });
});

describe('sign-in', () => {
  it('refuses every channel but the public ones before sign-in', () => {
    const core = seededCore(300, { as: null });
    expect(refused(core, 'persons.search', { text: 'soto' })).toEqual({
      code: 'unauthorized',
      message: 'Inicie sesión para continuar.',
    });
    expect(call(core, 'auth.session', {})).toBeNull();
    expect(call(core, 'app.info', {}).persons).toBe(300);
  });

  it('keeps the person count without counting: triggers follow every insert and deletion', () => {
    const core = seededCore(300, { as: null });
    const sqlite = core.db.$client;
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${PERSON_COUNT_SQL.read}`).all() as Array<{
      detail: string;
    }>;
    expect(plan.map((row) => row.detail)).toEqual([
      'SEARCH replica_counts USING INDEX sqlite_autoindex_replica_counts_1 (name=?)',
    ]);
    sqlite
      .prepare(
        `INSERT INTO persons (rut, dv, given_names, last_name1, sort_key)
         VALUES (5126663, '3', 'Ana', 'Rojas', 'rojas ana')`,
      )
      .run();
    expect(call(core, 'app.info', {}).persons).toBe(301);
    sqlite.prepare('DELETE FROM persons WHERE rut = 5126663').run();
    expect(call(core, 'app.info', {}).persons).toBe(300);
    expect(call(core, 'app.info', {}).persons).toBe(
      (sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n,
    );
  });

  it('answers the same for an unknown user and a wrong password', () => {
    const core = seededCore(300, { as: null });
    const wrongPassword = refused(core, 'auth.signIn', { username: 'agente', password: 'x' });
    const unknownUser = refused(core, 'auth.signIn', { username: 'nadie', password: 'agente600' });
    expect(wrongPassword).toEqual(unknownUser);
    expect(wrongPassword.message).toBe('Usuario o contraseña incorrectos.');
    signInAs(core, 'supervisora');
    expect(call(core, 'auth.session', {})).toMatchObject({ role: 'supervisor', personRut: null });
    call(core, 'auth.signOut', {});
    // An officer who is also a person of his companies: the screens speak to him as «usted» there.
    signInAs(core, 'prevencion');
    expect(call(core, 'auth.session', {})).toMatchObject({
      role: 'prevention',
      personRut: '10203040-0',
    });
    call(core, 'auth.signOut', {});
    expect(refused(core, 'persons.get', { rut: PEDRO }).code).toBe('unauthorized');
  });

  it('counts in the header the persons an officer’s searches show, each once; anyone else, the replica’s', () => {
    const core = seededCore(300, { as: null });
    const sqlite = core.db.$client;
    const replica = sqlite.prepare('SELECT count(*) FROM persons').pluck().get() as number;
    expect(call(core, 'app.info', {}).persons).toBe(replica);
    // Pedro, a worker of Los Andes, at Araucanía too: one person in both of the officer's
    // companies, counted once.
    sqlite
      .prepare(
        `INSERT INTO memberships (person_rut, company_rut, role, state, modules, started_at)
         VALUES (12345678, 96512340, 'worker', 'active', '[]', '2026-01-01')`,
      )
      .run();
    const rows = sqlite
      .prepare(
        `SELECT count(*) FROM memberships
         WHERE company_rut IN (76543210, 96512340) AND state != 'removed'`,
      )
      .pluck()
      .get() as number;
    signInAs(core, 'prevencion');
    // Los Andes and Araucanía: their people not taken off, once each.
    const his = sqlite
      .prepare(
        `SELECT count(DISTINCT person_rut) FROM memberships
         WHERE company_rut IN (76543210, 96512340) AND state != 'removed'`,
      )
      .pluck()
      .get() as number;
    expect(his).toBe(rows - 1);
    expect(his).toBeLessThan(replica);
    expect(call(core, 'app.info', {}).persons).toBe(his);
    expect(call(core, 'sync.status', {}).persons).toBe(his);
    // Counted again once the replica changes: Pedro taken off at both, he counts no more.
    sqlite.prepare("UPDATE memberships SET state = 'removed' WHERE person_rut = 12345678").run();
    expect(call(core, 'sync.status', {}).persons).toBe(his - 1);
    call(core, 'auth.signOut', {});
    signInAs(core, 'agente');
    expect(call(core, 'sync.status', {}).persons).toBe(replica);
  });
});

describe('an officer’s dismissal offline', () => {
  it('keeps the person’s record in his view until the central API confirms it', () => {
    const core = seededCore(300, { as: null });
    signInAs(core, 'prevencion');
    const francisca = '18765432-7';
    // Asked by the company's access administrator at his visit (rule 7).
    call(core, 'companyUsers.change', changeAtAndes(francisca, 'dismiss'));
    // Out of his companies on this desk now, but the baja waits here: her record still opens,
    // saying so, and no look at it is audited as one outside his companies.
    const after = record(core, francisca);
    expect(after.memberships.find((m) => m.companyRut === ANDES)!.state).toBe('removed');
    expect(after.pendingActions.map((a) => a.kind)).toEqual(['company_user.dismiss']);
    expect(
      count(core, "SELECT count(*) AS n FROM audit_events WHERE action = 'person.view_denied'"),
    ).toBe(0);
    // His search finds her too, by RUT and by name, held as this desk's only.
    const found = (text: string) =>
      call(core, 'persons.search', { text }).persons.map((p: { rut: string }) => p.rut);
    expect(found(francisca)).toEqual([francisca]);
    expect(found('francisca silva')).toContain(francisca);
    expect(call(core, 'persons.search', { text: francisca }).persons[0]).toMatchObject({
      held: true,
    });
    // Once the central has it (the action settled), she leaves his view, and his search.
    core.db.$client.prepare("UPDATE outbox SET state = 'applied'").run();
    expect(refused(core, 'persons.get', { rut: francisca })).toMatchObject({
      code: 'not_found',
    });
    expect(found(francisca)).toEqual([]);
    expect(found('francisca silva')).not.toContain(francisca);
  });
});

describe('calls', () => {
  it('links the actions taken during a call to it, and finds it after closing', () => {
    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    expect(refused(core, 'interactions.open', { rut: null, reason: 'other' }).message).toBe(
      'Ya tiene una llamada en curso: ciérrela antes de abrir otra.',
    );
    const viewed = record(core, PEDRO);
    call(core, 'accounts.unlock', {
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: CHECKED,
      expectedVersion: viewed.accounts[0]!.version,
    });
    call(core, 'mails.resend', { rut: PEDRO, portal: 'achs_gestion', kind: 'password_reset' });
    expect(
      call(core, 'interactions.current', {}).actions.map((a: { action: string }) => a.action),
    ).toEqual(['account.unlock', 'mail.resend']);
    const closed = call(core, 'interactions.close', {
      id: opened.id,
      outcome: 'resolved',
      notes: 'Desbloqueado y enlace enviado',
    });
    expect(closed).toMatchObject({ outcome: 'resolved', closedAt: FIXED_NOW.toISOString() });
    expect(call(core, 'interactions.current', {})).toBeNull();
    expect(
      refused(core, 'interactions.close', { id: opened.id, outcome: 'resolved', notes: '' })
        .message,
    ).toBe('Esa llamada ya está cerrada.');
    const found = call(core, 'interactions.list', { rut: PEDRO });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: opened.id, reason: 'locked_attempts', personRut: PEDRO });
    expect(record(core, PEDRO).interactions[0]!.id).toBe(opened.id);
    // Each action says what the central did with it, when it did not simply apply it: here, no
    // central API yet (waiting); then one refused, one applied.
    const syncOf = () =>
      call(core, 'interactions.list', { rut: PEDRO })[0].actions.map(
        (a: { sync: string | null }) => a.sync,
      );
    expect(syncOf()).toEqual(['pending', 'pending']);
    const ids = core.db.$client
      .prepare('SELECT action_id FROM outbox ORDER BY seq')
      .pluck()
      .all() as string[];
    core.db.$client.prepare("UPDATE outbox SET state = 'rejected' WHERE action_id = ?").run(ids[0]);
    core.db.$client.prepare("UPDATE outbox SET state = 'applied' WHERE action_id = ?").run(ids[1]);
    expect(syncOf()).toEqual(['rejected', null]);
    expect(
      callActionText(
        call(core, 'interactions.list', { rut: PEDRO })[0].actions[0],
        PEDRO,
        (rut) => rut,
      ),
    ).toBe('Desbloqueó la cuenta (rechazada por el sistema central)');
  });

  it('gives a call opened with nobody named the first person acted for, and keeps them', () => {
    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: null, reason: 'mail_not_arriving' });
    expect(opened.personRut).toBeNull();
    call(core, 'mails.resend', {
      rut: FRANCISCA,
      portal: 'achs_gestion',
      kind: 'password_creation',
    });
    // Another person afterwards goes into the same call, which stays Francisca's.
    call(core, 'mails.resend', { rut: CAMILA, portal: 'achs_gestion', kind: 'password_reset' });
    const current = call(core, 'interactions.current', {});
    expect(current).toMatchObject({ id: opened.id, personRut: FRANCISCA });
    expect(current.actions.map((a: { personRut: string }) => a.personRut)).toEqual([
      FRANCISCA,
      CAMILA,
    ]);
    // Which mail each was, said in the lists: a «no me llega» call later asks about that one.
    expect(current.actions.map((a: { mailKind?: string }) => a.mailKind)).toEqual([
      'password_creation',
      'password_reset',
    ]);
    expect(callActionText(current.actions[1], FRANCISCA, (rut) => rut)).toBe(
      `Pidió el correo «Restablecer contraseña» (de Camila Fernanda Soto Ibáñez, ${CAMILA}; pendiente de sincronizar)`,
    );
    expect(record(core, FRANCISCA).interactions[0]!.id).toBe(opened.id);
    // Whom it is about is audited once, as a change of its person is, before her action.
    const taken = core.db.$client
      .prepare(
        "SELECT action, person_rut AS personRut, before, after, interaction_id AS interactionId FROM audit_events WHERE interaction_id = ? AND action NOT IN ('interaction.open', 'person.view') ORDER BY seq",
      )
      .all(opened.id) as Array<Record<string, string | number>>;
    expect(taken.map((event) => event['action'])).toEqual([
      'interaction.set_person',
      'mail.resend',
      'mail.resend',
    ]);
    expect(taken[0]).toMatchObject({
      personRut: Number(FRANCISCA.split('-')[0]),
      before: JSON.stringify({ personRut: null }),
      after: JSON.stringify({ personRut: Number(FRANCISCA.split('-')[0]) }),
    });
    // A call opened for someone keeps them whoever is acted for.
    call(core, 'interactions.close', { id: opened.id, outcome: 'resolved', notes: '' });
    const pedros = call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    call(core, 'contact.edit', phoneEdit(core, CAMILA, '+56 9 5555 0199', 'Lo pidió por teléfono'));
    expect(call(core, 'interactions.current', {})).toMatchObject({
      id: pedros.id,
      personRut: PEDRO,
    });
  });

  it('passes a call with nothing done in it to another person, audited; not once it has actions', () => {
    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: PEDRO, reason: 'forgot_password' });
    const moved = call(core, 'interactions.setPerson', { id: opened.id, rut: MARIA });
    expect(moved).toMatchObject({ id: opened.id, personRut: MARIA });
    const events = core.db.$client
      .prepare(
        "SELECT before, after, interaction_id AS interactionId FROM audit_events WHERE action = 'interaction.set_person'",
      )
      .all() as Array<{ before: string; after: string; interactionId: string }>;
    expect(events).toHaveLength(1);
    expect(events[0]!.interactionId).toBe(opened.id);
    expect(JSON.parse(events[0]!.before)).toEqual({ personRut: 12_345_678 });
    expect(JSON.parse(events[0]!.after)).toEqual({ personRut: 11_111_111 });
    expect(record(core, MARIA).interactions[0]!.id).toBe(opened.id);
    expect(record(core, PEDRO).interactions).toEqual([]);
    // The Panel does not count it as an action on someone: the partial index leaves it out.
    expect(panelIndexSql(core)).toContain("'interaction.set_person'");
    // Once something is done in the call, it is that person's for good.
    call(core, 'contact.edit', phoneEdit(core, MARIA, '+56 9 5555 0198', 'Lo pidió por teléfono'));
    expect(refused(core, 'interactions.setPerson', { id: opened.id, rut: PEDRO }).message).toMatch(
      /ya tiene acciones registradas/,
    );
  });

  it('someone noted as calling in the name of the person on screen files a call that names nobody under her; a company’s requester is not taken for him (walk 58)', () => {
    const ricardo = { name: 'Ricardo Muñoz Vidal', relation: 'other' };
    const setAside = seededCore(300);
    const unfiled = call(setAside, 'interactions.open', { rut: null, reason: 'company_access' });
    // Noted with nobody named: he speaks for whoever is acted for first — the company's
    // requester herself, whose own request is then refused.
    call(setAside, 'interactions.setCaller', { id: unfiled.id, onBehalf: ricardo });
    expect(
      refused(setAside, 'companyUsers.change', changeAtAndes(PEDRO, 'disable')).message,
    ).toMatch(/El acceso es personal/);

    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: null, reason: 'company_access' });
    const marked = call(core, 'interactions.setCaller', {
      id: opened.id,
      onBehalf: ricardo,
      rut: PEDRO,
    });
    expect(marked).toMatchObject({ personRut: PEDRO, onBehalf: ricardo });
    const actions = core.db.$client
      .prepare("SELECT action FROM audit_events WHERE action LIKE 'interaction.set_%' ORDER BY seq")
      .pluck()
      .all();
    expect(actions).toEqual(['interaction.set_person', 'interaction.set_caller']);
    // The company's request, its requester's identity checked, goes through.
    const achs = () => record(core, PEDRO).accounts.find((a) => a.portal === 'achs_gestion')!;
    expect(achs().hasAccess).toBe(true);
    call(core, 'companyUsers.change', changeAtAndes(PEDRO, 'disable'));
    // The call's row names who of the company asked, not only the supervisor's audit (walk 58b).
    const [taken] = call(core, 'interactions.current', {}).actions;
    expect(taken).toMatchObject({
      requestedBy: { rut: '15161718-2', name: 'Paula Andrea Rojas Tapia' },
    });
    expect(callActionText(taken, PEDRO, (rut) => rut)).toBe(
      'Inhabilitó el acceso a pedido de la empresa (lo pidió Paula Andrea Rojas Tapia, 15161718-2; pendiente de sincronizar)',
    );
    // His only ACHS company disabled, his ACHS login opens nothing (the lock's words say so).
    expect(achs().hasAccess).toBe(false);
    expect(
      record(core, PEDRO).diagnosis.find((c) => c.code === 'temporarily_locked'),
    ).toMatchObject({ withoutAccess: true });
    expect(outbox(core).map((row) => row.kind)).toEqual(['company_user.change']);
    // The Llamadas list finds a call by the worker acted on in it, as his record does, when the
    // call is the requester's (walk 58: «0 llamadas» by his RUT).
    const paulas = seededCore(300);
    const filed = call(paulas, 'interactions.open', { rut: null, reason: 'company_access' });
    call(paulas, 'companyUsers.change', changeAtAndes(PEDRO, 'disable'));
    expect(call(paulas, 'interactions.current', {})).toMatchObject({ personRut: '15161718-2' });
    for (const rut of [PEDRO, '15161718-2']) {
      expect(
        call(paulas, 'interactions.list', { rut }).map((row: { id: string }) => row.id),
      ).toEqual([filed.id]);
    }
    expect(call(paulas, 'interactions.list', { rut: MARIA })).toEqual([]);
    // Named there, not a bare RUT (walk 58, L2).
    const [listed] = call(paulas, 'interactions.list', { rut: PEDRO });
    expect(listed.actions[0]).toMatchObject({
      personRut: PEDRO,
      personName: 'Pedro Andrés González Muñoz',
    });
    expect(callActionText(listed.actions[0], listed.personRut, (rut) => rut)).toBe(
      `Inhabilitó el acceso a pedido de la empresa (de Pedro Andrés González Muñoz, ${PEDRO}; pendiente de sincronizar)`,
    );
    // A call that names nobody but has something done in it (a Ley 21.719 request of someone
    // not on this desk) is not filed by it: who calls is noted all the same (review 58).
    const asked = seededCore(300);
    const withRequest = call(asked, 'interactions.open', { rut: null, reason: 'other' });
    call(asked, 'dataRequests.record', {
      rut: '22.222.222-2',
      titularName: 'Ana María Soto Pérez',
      right: 'access',
      channel: 'phone',
      identityMethod: 'signed_document',
      identityFacts: [],
      detail: 'Quiere saber qué datos suyos tienen',
    });
    expect(call(asked, 'interactions.current', {}).actions).toHaveLength(1);
    expect(
      call(asked, 'interactions.setCaller', { id: withRequest.id, onBehalf: ricardo, rut: PEDRO }),
    ).toMatchObject({ personRut: null, onBehalf: ricardo });
    // A call already filed stays with its person.
    const again = call(core, 'interactions.setCaller', {
      id: opened.id,
      onBehalf: { name: 'Juana González', relation: 'family' },
      rut: MARIA,
    });
    expect(again.personRut).toBe(PEDRO);
    // Nothing half-written: an officer's visit, face to face, is refused someone in the name of
    // a person of his own companies — and is not filed under her either.
    const other = seededCore(300, { as: 'prevencion' });
    const visit = call(other, 'interactions.open', { rut: null, reason: 'company_access' });
    expect(
      refused(other, 'interactions.setCaller', { id: visit.id, onBehalf: ricardo, rut: PEDRO })
        .message,
    ).toMatch(/^Una visita se atiende cara a cara/);
    expect(call(other, 'interactions.current', {})).toMatchObject({
      personRut: null,
      onBehalf: null,
    });
  });

  it('with someone calling in the person’s name, unlocks and resends, and refuses what only the person may ask', () => {
    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: PEDRO, reason: 'locked_attempts' });
    const marked = call(core, 'interactions.setCaller', {
      id: opened.id,
      onBehalf: { name: '  Juana González ', relation: 'family' },
    });
    expect(marked.onBehalf).toEqual({ name: 'Juana González', relation: 'family' });
    // «El acceso es personal»: his contact data and his access wait for him; nothing is written.
    const queued = outbox(core).length;
    const refusal = ruleMessages['on_behalf_personal']!({ name: 'Juana González' });
    expect(
      refused(core, 'contact.edit', phoneEdit(core, PEDRO, '+56 9 5555 0197', 'Lo pidió su hija'))
        .message,
    ).toBe(refusal);
    expect(outbox(core)).toHaveLength(queued);
    // What reaches only him — his account unlocked, a mail to his own address — is taken.
    call(core, 'accounts.unlock', {
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: CHECKED,
      expectedVersion: record(core, PEDRO).accounts[0]!.version,
    });
    call(core, 'mails.resend', { rut: PEDRO, portal: 'achs_gestion', kind: 'password_reset' });
    expect(outbox(core).map((row) => row.kind)).toEqual(['account.unlock', 'mail.resend']);
    // Each says who asked for it (and gave the facts it names); the intent to the central, not.
    const unlock = core.db.$client
      .prepare("SELECT after FROM audit_events WHERE action = 'account.unlock'")
      .pluck()
      .get() as string;
    expect(describeAuditChange(null, unlock).map(auditDetailLine)).toContain(
      'Quién llama: Juana González (Familiar)',
    );
    expect(outbox(core)[0]!.payload).not.toHaveProperty('onBehalf');
    // A Ley 21.719 request through her, as the law allows a representative: not on facts she
    // answers, on a signed document (the power and his identity).
    const request = (identityMethod: string) => ({
      rut: PEDRO,
      right: 'access',
      channel: 'phone',
      identityMethod,
      identityFacts: identityMethod === 'facts' ? CHECKED : [],
      detail: 'Qué datos suyos trata la mesa de ayuda',
    });
    expect(refused(core, 'dataRequests.record', request('facts')).message).toBe(
      ruleMessages['data_request_representative']!({}),
    );
    call(core, 'dataRequests.record', request('signed_document'));
    // Someone else acted for in the same call is not the one spoken for.
    call(core, 'contact.edit', phoneEdit(core, CAMILA, '+56 9 5555 0196', 'Lo pidió por teléfono'));
    // He comes to the phone: his own call again, and both changes are audited as the call's own.
    const his = call(core, 'interactions.setCaller', { id: opened.id, onBehalf: null });
    expect(his.onBehalf).toBe(null);
    // The call still says that someone else called in his name earlier.
    const juana = { name: 'Juana González', relation: 'family' };
    expect(his.earlierOnBehalf).toEqual([juana]);
    expect(callMessages.onBehalf.listed(his)).toBe(
      'antes llamó Juana González (Familiar) en su nombre',
    );
    call(core, 'contact.edit', phoneEdit(core, PEDRO, '+56 9 5555 0197', 'Lo pidió por teléfono'));
    const events = core.db.$client
      .prepare(
        "SELECT before, after FROM audit_events WHERE action = 'interaction.set_caller' ORDER BY seq",
      )
      .all() as Array<{ before: string; after: string }>;
    expect(events.map((e) => [JSON.parse(e.before), JSON.parse(e.after)])).toEqual([
      [{ onBehalf: null }, { onBehalf: { name: 'Juana González', relation: 'family' } }],
      [{ onBehalf: { name: 'Juana González', relation: 'family' } }, { onBehalf: null }],
    ]);
    expect(describeAuditChange(events[0]!.before, events[0]!.after).map(auditDetailLine)).toEqual([
      'Quién llama: La propia persona → Juana González (Familiar)',
    ]);
    // Not an action on someone: the Panel's partial index leaves it out.
    expect(panelIndexSql(core)).toContain("'interaction.set_caller'");
    // Kept with the call once closed, and shown in the Llamadas list.
    call(core, 'interactions.setCaller', {
      id: opened.id,
      onBehalf: { name: 'Juana González', relation: 'family' },
    });
    call(core, 'interactions.close', { id: opened.id, outcome: 'resolved', notes: '' });
    const closed = record(core, PEDRO).interactions[0]!;
    expect(closed.onBehalf).toEqual(juana);
    // On the line again, she is not «earlier» as well.
    expect(closed.earlierOnBehalf).toEqual([]);
    expect(callMessages.onBehalf.listed(closed)).toBe(
      'llamó Juana González (Familiar) en su nombre',
    );
    expect(
      refused(core, 'interactions.setCaller', { id: opened.id, onBehalf: null }).message,
    ).toMatch(/ya está cerrada/);
  });

  it('does not let an agent close another agent’s call', () => {
    const core = seededCore(300);
    const opened = call(core, 'interactions.open', { rut: null, reason: 'other' });
    signInAs(core, 'supervisora');
    expect(
      refused(core, 'interactions.close', { id: opened.id, outcome: 'resolved', notes: '' }).code,
    ).toBe('not_found');
  });
});

describe('pending actions', () => {
  it('counts every action not yet confirmed by the central API', () => {
    const core = seededCore(300);
    expect(call(core, 'app.info', {}).pendingActions).toBe(0);
    call(core, 'mails.resend', {
      rut: FRANCISCA,
      portal: 'achs_gestion',
      kind: 'password_creation',
    });
    call(core, 'mails.resend', { rut: CAMILA, portal: 'achs_gestion', kind: 'password_reset' });
    expect(call(core, 'app.info', {}).pendingActions).toBe(2);
  });

  it('name the mail each one asks for, which goes only if it arrives in time; a phone asks none', () => {
    const core = seededCore(300);
    call(core, 'mails.resend', { rut: CAMILA, portal: 'achs_gestion', kind: 'password_reset' });
    call(core, 'contact.edit', phoneEdit(core, PEDRO, '+56 9 2323 4545', 'Cambió de celular'));
    call(core, 'contact.edit', emailEdit(core, PEDRO, 'pedro.nuevo@correo.cl', 'Cambió de correo'));
    const pending = call(core, 'sync.pending', {}) as Array<{ kind: string; mailKind: string }>;
    expect(pending.map(({ kind, mailKind }) => [kind, mailKind])).toEqual([
      ['mail.resend', 'password_reset'],
      ['person.update_contact', null],
      ['person.update_contact', 'email_confirmation'],
    ]);
    expect(syncMessages.pendingMail('Restablecer contraseña', '01-12-2026 12:00', false)).toBe(
      'Correo «Restablecer contraseña»: sale solo si esta acción llega al sistema central antes del 01-12-2026 12:00.',
    );
    expect(syncMessages.pendingMail('Restablecer contraseña', '01-12-2026 12:00', true)).toBe(
      'Correo «Restablecer contraseña»: ya no saldrá, pasaron más de 2 horas desde la acción; pídalo de nuevo cuando esta llegue al sistema central.',
    );
  });
});
