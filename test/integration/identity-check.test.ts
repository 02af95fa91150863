/**
 * The identity check before a sensitive action: the record carries the facts the agent can
 * compare (masked), and main accepts only facts the system holds for that person. The retired
 * birth date is refused at the door and by the rule; old audit rows that name it stay readable.
 */
import { describe, expect, it } from 'vitest';
import { contract, type PersonRecord } from '../../src/shared/contract';
import type { Core } from '../../src/main/core';
import { CAST_AGENTS } from '../../src/storage/seed/cast';
import { unlockAccount } from '../../src/main/services/account-actions';
import { RuleError } from '../../src/main/services/errors';
import type { IdentityFact } from '../../src/shared/policy';
import { acted, call, FIXED_NOW, refused, seededCore } from '../support/context';

const PEDRO = '12345678-5';
const ANA = '9876543-3'; // no e-mail
const RAMON = '7654321-6'; // no phone
const CAMILA = '16789012-1'; // dismissed from one company, active in another

const record = (core: Core, rut: string): PersonRecord =>
  contract['persons.get'].output.parse(call(core, 'persons.get', { rut }));

const written = (core: Core) =>
  (
    core.db.$client
      .prepare(
        "SELECT count(*) AS n FROM audit_events WHERE action NOT IN ('person.view', 'session.sign_in')",
      )
      .get() as { n: number }
  ).n;

describe('the facts a record offers for the identity check', () => {
  it('shows each fact the system holds, masked', () => {
    expect(record(seededCore(300), PEDRO).identityFacts).toEqual([
      { fact: 'serial_number', shown: ['••••••746'] },
      { fact: 'registered_phone', shown: ['+56 9 •••• 4321'] },
      { fact: 'registered_email', shown: ['p•••@g•••.com'] },
      { fact: 'employer', shown: ['Constructora Los Andes SpA'] },
    ]);
  });

  it('offers no fact the person lacks, and no employer they were dismissed from', () => {
    const core = seededCore(300);
    const facts = (rut: string) => record(core, rut).identityFacts.map((view) => view.fact);
    expect(facts(ANA)).not.toContain('registered_email');
    expect(facts(RAMON)).not.toContain('registered_phone');
    const camila = record(core, CAMILA).identityFacts.find((view) => view.fact === 'employer');
    expect(camila?.shown).toEqual(['Constructora Los Andes SpA']);
    // Jorge uses La Espiga's portal as an outsider (rule 13): it is not his employer.
    expect(facts('19283746-4')).not.toContain('employer');
  });
});

describe('main refuses facts the agent could not have compared', () => {
  it('refuses the birth date at the door, and writes nothing', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const pedro = record(core, PEDRO);
    const error = refused(core, 'accounts.unlock', {
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: ['serial_number', 'birth_date'],
      expectedVersion: pedro.accounts[0]!.version,
    });
    expect(error.code).toBe('invalid_input');
    expect(record(core, PEDRO).accounts[0]!.lockedUntil).not.toBeNull();
    expect(written(core)).toBe(0);
  });

  it('refuses the birth date in the rule too (callers inside main)', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const agent = CAST_AGENTS.find((candidate) => candidate.username === 'supervisora')!;
    const session = {
      agentId: agent.id,
      username: agent.username,
      displayName: agent.displayName,
      role: agent.role,
      companyRuts: [],
      adminOfCompanyRuts: [],
      personRut: null,
    };
    const attempt = () =>
      unlockAccount(core.context, session, {
        personRut: 12_345_678,
        portal: 'achs_gestion',
        identityCheck: ['serial_number', 'birth_date' as IdentityFact],
        expectedVersion: record(core, PEDRO).accounts[0]!.version,
      });
    expect(attempt).toThrow(RuleError);
    expect(attempt).toThrow('identity_fact_unavailable');
    expect(written(core)).toBe(0);
  });

  it('refuses the e-mail of a person who has none', () => {
    const core = seededCore(300);
    const ana = record(core, ANA);
    const error = refused(core, 'contact.edit', {
      rut: ANA,
      email: 'ana.nueva@correo.cl',
      reason: 'Registra su primer correo',
      identityCheck: ['serial_number', 'registered_email'],
      expectedVersion: ana.version,
    });
    expect(error.code).toBe('rule');
    expect(error.message).toBe(
      'No se puede verificar «Correo registrado»: el sistema no tiene ese dato de esta persona. Verifique con los datos que muestra el diálogo.',
    );
    expect(record(core, ANA).email).toBeNull();
    expect(written(core)).toBe(0);

    // With facts she has, the same change goes through.
    const done = acted(core, 'contact.edit', {
      rut: ANA,
      email: 'ana.nueva@correo.cl',
      reason: 'Registra su primer correo',
      identityCheck: ['serial_number', 'registered_phone'],
      expectedVersion: ana.version,
    });
    expect(done.record.email).toBe('ana.nueva@correo.cl');
  });

  it('refuses the phone of a person who has none', () => {
    const core = seededCore(300);
    const ramon = record(core, RAMON);
    const error = refused(core, 'contact.edit', {
      rut: RAMON,
      email: 'ramon.nuevo@correo.cl',
      reason: 'Cambió de correo',
      identityCheck: ['registered_phone', 'serial_number'],
      expectedVersion: ramon.version,
    });
    expect(error.message).toMatch(/«Celular registrado»: el sistema no tiene ese dato/);
    expect(written(core)).toBe(0);
  });

  it('keeps an old audit row that names the birth date readable', () => {
    const core = seededCore(300, { as: 'supervisora' });
    core.context.repos.audit.append({
      id: 'old-row',
      at: '2026-01-02T12:00:00.000Z',
      agentId: 'supervisor-demo',
      deviceId: 'old-device',
      personRut: 12_345_678,
      action: 'account.unlock',
      before: null,
      after: null,
      reason: null,
      identityCheck: JSON.stringify(['serial_number', 'birth_date']),
      interactionId: null,
    });
    const page = contract['audit.list'].output.parse(
      call(core, 'audit.list', { personRut: PEDRO }),
    );
    const old = page.events.find((event) => event.id === 'old-row');
    expect(old?.identityCheck).toBe('["serial_number","birth_date"]');
    expect(call(core, 'audit.verify', {})).toMatchObject({ ok: true });
  });
});

describe('a mobile changed lately proves nothing', () => {
  it('is neither offered nor accepted for a day after this desk changed it', () => {
    const clock = { now: new Date(FIXED_NOW) };
    const core = seededCore(300, { clock });
    const facts = () => record(core, PEDRO).identityFacts.map((view) => view.fact);
    expect(facts()).toContain('registered_phone');
    // A caller changes the number (no identity check is asked for a phone)…
    call(core, 'contact.edit', {
      rut: PEDRO,
      phone: '+56 9 2222 2222',
      reason: 'Cambió de número',
      identityCheck: [],
      expectedVersion: record(core, PEDRO).version,
    });
    // …and cannot read the new digits back as proof of who they are; the record says until when.
    expect(facts()).not.toContain('registered_phone');
    expect(record(core, PEDRO).phoneNoProofUntil).toBe(
      new Date(FIXED_NOW.getTime() + 24 * 3_600_000).toISOString(),
    );
    const pedro = record(core, PEDRO);
    const error = refused(core, 'accounts.unlock', {
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: ['serial_number', 'registered_phone'],
      expectedVersion: pedro.accounts[0]!.version,
    });
    expect(error.message).toMatch(/celular/i);
    expect(record(core, PEDRO).accounts[0]!.lockedUntil).not.toBeNull();
    // A day later it is a proof again.
    clock.now = new Date(FIXED_NOW.getTime() + 25 * 3_600_000);
    expect(facts()).toContain('registered_phone');
    expect(record(core, PEDRO).phoneNoProofUntil).toBeNull();
  });
});
