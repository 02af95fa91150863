/**
 * ACHS Gestión access administrators (rules 9, 12): one demoted is appointed again the way the
 * first one is, and the legal representative's access follows the company's register, not a
 * peer's decision. On the desk, and on the real central API over loopback.
 */
import { describe, expect, it } from 'vitest';
import type { CompanyRecord, PersonRecord } from '../../src/shared/contract';
import { ruleMessages } from '../../src/shared/messages';
import type { Core } from '../../src/main/core';
import { call, companyActed, refused, seededCore, signInAs } from '../support/context';
import { openDesk, startCentral, syncNow } from '../support/sync-setup';

const ANDES = '76543210-3';
const ANDES_BODY = 76_543_210;
const RICARDO = '12131415-0'; // legal representative of Los Andes, access administrator
const PAULA = '15161718-2'; // access administrator of Los Andes, its commercial contact
const DIEGO = '19876543-0'; // access administrator appointed by Ricardo
const DIEGO_BODY = 19_876_543;
const RICARDO_BODY = 12_131_415;
const PAULA_BODY = 15_161_718;
const FACTS = ['serial_number', 'registered_email'];

const record = (core: Core, rut: string): PersonRecord => call(core, 'persons.get', { rut });
const atAndes = (core: Core, rut: string) =>
  record(core, rut).memberships.find((m) => m.companyRut === ANDES)!;
const profileAt = (company: CompanyRecord, rut: string) =>
  company.profiles.find((p) => p.person.rut === rut)!;

const demote = (core: Core, rut: string) =>
  call(core, 'memberships.changeRole', {
    rut,
    companyRut: ANDES,
    role: 'company_user',
    reason: 'Dejó de administrar los accesos',
    expectedVersion: atAndes(core, rut).version,
    // Asked by Ricardo, its legal representative.
    callerRut: RICARDO,
    callerIdentityCheck: FACTS,
  });

const appoint = (rut: string, callerRut = RICARDO) => ({
  companyRut: ANDES,
  userRut: rut,
  role: 'access_admin',
  modules: ['reportes'],
  external: false,
  newPerson: null,
  callerRut,
  callerIdentityCheck: FACTS,
});

describe('ACHS: an access administrator demoted is appointed again', () => {
  it('by «Agregar usuario» with the legal representative on the line, as the first time; «Cambiar perfil» still names nobody', () => {
    const core = seededCore(300, { as: 'supervisora' });
    const before = profileAt(call(core, 'companies.get', { rut: ANDES }) as CompanyRecord, DIEGO);
    expect(before).toMatchObject({ adminKind: 'appointed', appointedBy: { rut: RICARDO } });
    demote(core, DIEGO);
    expect(atAndes(core, DIEGO).role).toBe('company_user');
    // Demoted, he is no longer shown as «Por designación del representante legal (Ricardo)».
    expect(atAndes(core, DIEGO).adminKind).toBeNull();
    expect(
      profileAt(call(core, 'companies.get', { rut: ANDES }) as CompanyRecord, DIEGO),
    ).toMatchObject({ adminKind: null, appointedBy: null });
    // «Cambiar perfil» sends the agent to «Agregar usuario»...
    expect(
      refused(core, 'memberships.changeRole', {
        rut: DIEGO,
        companyRut: ANDES,
        role: 'access_admin',
        reason: 'Lo nombra de nuevo el representante',
        expectedVersion: atAndes(core, DIEGO).version,
        callerRut: RICARDO,
        callerIdentityCheck: FACTS,
      }).message,
    ).toBe(ruleMessages['admin_not_by_profile_change']!({}));
    // ...which says what the person is there, and appoints him.
    expect(call(core, 'companies.lookupPerson', { companyRut: ANDES, rut: DIEGO })).toMatchObject({
      membership: { role: 'company_user', state: 'active' },
    });
    const added = companyActed(core, 'companyUsers.add', appoint(DIEGO)).company as CompanyRecord;
    expect(profileAt(added, DIEGO)).toMatchObject({
      role: 'access_admin',
      state: 'active',
      adminKind: 'appointed',
      appointedBy: { rut: RICARDO },
      external: false,
      // He keeps the module he had, with the one asked for now.
      modules: ['usuarios', 'reportes'],
    });
    // Rule 9 still holds: an administrator who is not the representative does not appoint one,
    // and a company user is not given a second company user profile.
    demote(core, DIEGO);
    expect(refused(core, 'companyUsers.add', appoint(DIEGO, PAULA)).message).toBe(
      ruleMessages['admin_needs_representative']!({}),
    );
    expect(
      refused(core, 'companyUsers.add', { ...appoint(DIEGO, PAULA), role: 'company_user' }).message,
    ).toBe(ruleMessages['already_user']!({}));
  });

  it('and the central API applies the appointment it receives', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(desk);
    demote(desk, DIEGO);
    companyActed(desk, 'companyUsers.add', appoint(DIEGO));
    expect(await syncNow(desk)).toMatchObject({ pending: 0, rejected: 0, conflicts: 0 });
    expect(
      central.db.$client
        .prepare(
          'SELECT role, state, admin_kind, appointed_by, external FROM memberships WHERE person_rut = ? AND company_rut = ?',
        )
        .get(DIEGO_BODY, ANDES_BODY),
    ).toEqual({
      role: 'access_admin',
      state: 'active',
      admin_kind: 'appointed',
      appointed_by: 12_131_415,
      external: 0,
    });
  });
});

const outboxCount = (core: Core) =>
  core.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get() as number;

const companyChange = (userRut: string, callerRut: string, change = 'disable') => ({
  companyRut: ANDES,
  userRut,
  change,
  reason: 'Lo pide la empresa por teléfono',
  callerRut,
  callerIdentityCheck: FACTS,
});

/** «Cambiar perfil» to lower Ricardo, the registered legal representative: always refused. */
const lowerRicardo = (core: Core) =>
  refused(core, 'memberships.changeRole', {
    rut: RICARDO,
    companyRut: ANDES,
    role: 'company_user',
    reason: 'Que deje de administrar',
    expectedVersion: atAndes(core, RICARDO).version,
    callerRut: PAULA,
    callerIdentityCheck: FACTS,
  });
const byProfile = {
  code: 'rule',
  message: ruleMessages['representative_register']!({ by: 'profile' }),
};

/** The demo agent signed in as Paula's person: she administers Los Andes' accesses. */
function agentWhoAdministersAndes(): Core {
  const core = seededCore(300);
  core.db.$client
    .prepare("UPDATE agents SET person_rut = ? WHERE username = 'agente'")
    .run(PAULA_BODY);
  signInAs(core, 'agente');
  return core;
}

describe('the legal representative’s access follows the register, not another administrator', () => {
  it('on the company page: another administrator cannot ask to disable him; he can himself', () => {
    const core = seededCore(300);
    const andes = call(core, 'companies.get', { rut: ANDES }) as CompanyRecord;
    expect(profileAt(andes, RICARDO)).toMatchObject({
      legalRepresentative: true,
      can: { takeAway: { allowed: true } },
    });
    expect(profileAt(andes, PAULA).legalRepresentative).toBe(false);
    const before = outboxCount(core);
    expect(refused(core, 'companyUsers.change', companyChange(RICARDO, PAULA))).toEqual({
      code: 'rule',
      message: ruleMessages['representative_register']!({ by: 'caller' }),
    });
    expect(outboxCount(core)).toBe(before);
    expect(atAndes(core, RICARDO).state).toBe('active');
    // Paula may still disable Diego, and Ricardo his own access (seed 000: «el acceso es personal»).
    companyActed(core, 'companyUsers.change', companyChange(DIEGO, PAULA));
    const own = companyActed(core, 'companyUsers.change', companyChange(RICARDO, RICARDO));
    expect(profileAt(own.company as CompanyRecord, RICARDO).state).toBe('disabled');
  });

  it('an agent who administers the company cannot disable, dismiss or demote him; the record says so', () => {
    const core = agentWhoAdministersAndes();
    const ricardo = atAndes(core, RICARDO);
    const shielded = { allowed: false, reason: 'representative_register' };
    expect(ricardo.can).toMatchObject({
      disable: shielded,
      pause: shielded,
      dismiss: shielded,
      changeRole: { allowed: false, reason: 'representative_profile' },
      enable: { allowed: true },
    });
    // Another administrator of the company, not the representative: as before.
    expect(atAndes(core, DIEGO).can).toMatchObject({
      disable: { allowed: true },
      changeRole: { allowed: true },
    });
    const before = outboxCount(core);
    const byAgent = {
      code: 'rule',
      message: ruleMessages['representative_register']!({ by: 'agent' }),
    };
    for (const change of ['disable', 'dismiss']) {
      expect(refused(core, 'companyUsers.change', companyChange(RICARDO, RICARDO, change))).toEqual(
        byAgent,
      );
    }
    // No profile change lowers him, whoever asks (profileChangeRefusal).
    expect(lowerRicardo(core)).toEqual(byProfile);
    // Nor on the company page, even with the representative himself on the line.
    const andes = call(core, 'companies.get', { rut: ANDES }) as CompanyRecord;
    expect(profileAt(andes, RICARDO).can.takeAway).toEqual(shielded);
    expect(refused(core, 'companyUsers.change', companyChange(RICARDO, RICARDO))).toEqual(byAgent);
    expect(outboxCount(core)).toBe(before);
    expect(atAndes(core, RICARDO)).toMatchObject({ state: 'active', role: 'access_admin' });
  });

  it('the call centre takes his access away only at his own request, his identity checked; no profile change lowers him', () => {
    const core = seededCore(300, { as: 'supervisora' });
    expect(atAndes(core, RICARDO).can).toMatchObject({
      disable: { allowed: true },
      changeRole: { allowed: false, reason: 'representative_profile' },
    });
    // The register makes him administrator (rule 9): no «Cambiar perfil» lowers him, for anyone.
    expect(lowerRicardo(core)).toEqual(byProfile);
    // Asked by another of the company's administrators: refused, in her words.
    for (const change of ['disable', 'dismiss']) {
      expect(refused(core, 'companyUsers.change', companyChange(RICARDO, PAULA, change))).toEqual({
        code: 'rule',
        message: ruleMessages['representative_register']!({ by: 'caller' }),
      });
    }
    // He asks for it himself, his identity checked: it goes.
    call(core, 'companyUsers.change', companyChange(RICARDO, RICARDO));
    expect(atAndes(core, RICARDO)).toMatchObject({ state: 'disabled', role: 'access_admin' });
  });

  it('the central API refuses it from an agent who administers the company, whatever the desk sent', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'agente' });
    await syncNow(desk);
    // An older desk, or one whose agent became Paula's person after signing in: it lets it go.
    central.db.$client
      .prepare("UPDATE agents SET person_rut = ? WHERE username = 'agente'")
      .run(PAULA_BODY);
    // Asked by the representative himself, his identity checked: the desk lets it go.
    call(desk, 'companyUsers.change', companyChange(RICARDO, RICARDO));
    call(desk, 'companyUsers.change', companyChange(DIEGO, PAULA));
    expect(await syncNow(desk)).toMatchObject({ pending: 0, rejected: 1 });
    const stateOn = (rut: number) =>
      central.db.$client
        .prepare('SELECT state FROM memberships WHERE person_rut = ? AND company_rut = ?')
        .pluck()
        .get(rut, ANDES_BODY);
    expect(stateOn(RICARDO_BODY)).toBe('active');
    expect(stateOn(DIEGO_BODY)).toBe('disabled');
    expect(
      central.db.$client
        .prepare(
          "SELECT json_extract(result, '$.code') FROM mutation_results WHERE status = 'rejected'",
        )
        .pluck()
        .all(),
    ).toEqual(['representative_register']);
  });
});

/** Ricardo's modules at Los Andes, as asked by `callerRut`. */
const ricardoModules = (modules: string[], callerRut: string) => ({
  companyRut: ANDES,
  userRut: RICARDO,
  modules,
  callerRut,
  callerIdentityCheck: FACTS,
});
const RICARDO_HOLDS = ['usuarios', 'siniestros', 'reportes'];

describe('the legal representative’s modules follow the register too, as his access does', () => {
  it('another administrator cannot take any away, one or all; she may give him one; he drops his own', () => {
    const core = seededCore(300);
    const modulesOf = (company: CompanyRecord, rut: string) => profileAt(company, rut).modules;
    const before = outboxCount(core);
    const byCaller = () => ({
      code: 'rule',
      message: ruleMessages['representative_modules']!({ by: 'caller' }),
    });
    // Before, Paula could leave him with none: an administrator who can use nothing.
    expect(refused(core, 'companyUsers.setModules', ricardoModules([], PAULA))).toEqual(byCaller());
    expect(
      refused(core, 'companyUsers.setModules', ricardoModules(['usuarios', 'reportes'], PAULA)),
    ).toEqual(byCaller());
    expect(outboxCount(core)).toBe(before);
    const andes = call(core, 'companies.get', { rut: ANDES }) as CompanyRecord;
    expect([...modulesOf(andes, RICARDO)].sort()).toEqual([...RICARDO_HOLDS].sort());
    // The page does not grey his «Módulos» out: the caller decides (the dialog says so).
    expect(profileAt(andes, RICARDO).can.dropModules).toEqual({ allowed: true });
    // She may give him one: that takes nothing away.
    const given = companyActed(
      core,
      'companyUsers.setModules',
      ricardoModules([...RICARDO_HOLDS, 'documentos'], PAULA),
    ).company as CompanyRecord;
    expect(modulesOf(given, RICARDO)).toContain('documentos');
    // He asks himself to drop his own («el acceso es personal»).
    const own = companyActed(core, 'companyUsers.setModules', ricardoModules(['usuarios'], RICARDO))
      .company as CompanyRecord;
    expect(modulesOf(own, RICARDO)).toEqual(['usuarios']);
    // Another administrator's modules stay hers to change, as before.
    const diego = companyActed(core, 'companyUsers.setModules', {
      ...ricardoModules([], PAULA),
      userRut: DIEGO,
    }).company as CompanyRecord;
    expect(modulesOf(diego, DIEGO)).toEqual([]);
  });

  it('an agent who administers the company cannot take them away, even on his call; the page says so', () => {
    const core = agentWhoAdministersAndes();
    const before = outboxCount(core);
    expect(refused(core, 'companyUsers.setModules', ricardoModules(['usuarios'], RICARDO))).toEqual(
      { code: 'rule', message: ruleMessages['representative_modules']!({ by: 'agent' }) },
    );
    expect(outboxCount(core)).toBe(before);
    const andes = call(core, 'companies.get', { rut: ANDES }) as CompanyRecord;
    expect(profileAt(andes, RICARDO).can.dropModules).toEqual({
      allowed: false,
      reason: 'representative_modules',
    });
    expect(profileAt(andes, DIEGO).can.dropModules).toEqual({ allowed: true });
    // Giving him one takes nothing away.
    companyActed(
      core,
      'companyUsers.setModules',
      ricardoModules([...RICARDO_HOLDS, 'documentos'], RICARDO),
    );
  });

  it('the central API refuses taking them from an agent who administers the company, whatever the desk sent', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'agente' });
    await syncNow(desk);
    // The agent became Paula's person after the desk signed in: the desk lets it go.
    central.db.$client
      .prepare("UPDATE agents SET person_rut = ? WHERE username = 'agente'")
      .run(PAULA_BODY);
    companyActed(desk, 'companyUsers.setModules', ricardoModules(['usuarios'], RICARDO));
    companyActed(desk, 'companyUsers.setModules', { ...ricardoModules([], PAULA), userRut: DIEGO });
    expect(await syncNow(desk)).toMatchObject({ pending: 0, rejected: 1 });
    const modulesOn = (rut: number) =>
      JSON.parse(
        central.db.$client
          .prepare('SELECT modules FROM memberships WHERE person_rut = ? AND company_rut = ?')
          .pluck()
          .get(rut, ANDES_BODY) as string,
      ) as string[];
    expect([...modulesOn(RICARDO_BODY)].sort()).toEqual([...RICARDO_HOLDS].sort());
    expect(modulesOn(DIEGO_BODY)).toEqual([]);
    expect(
      central.db.$client
        .prepare(
          "SELECT json_extract(result, '$.code') FROM mutation_results WHERE status = 'rejected'",
        )
        .pluck()
        .all(),
    ).toEqual(['representative_modules']);
  });
});
