/** The record's «Calidad» line says what the person is, and never denies a tie they have. */
import { describe, expect, it } from 'vitest';
import { causeTexts, heldMessages, modulesText, recordMessages } from '../../src/shared/messages';

describe('recordMessages.quality', () => {
  const person = { isWorker: false, isPensioner: false, companyUser: false, registers: [] };
  const legal = [{ kind: 'legal_representative' as const }];
  const trf = [{ kind: 'trf' as const }];
  it('names worker and pensioner, together when both, in words that fit anyone', () => {
    expect(recordMessages.quality({ ...person, isWorker: true })).toBe('Persona trabajadora');
    expect(recordMessages.quality({ ...person, isPensioner: true })).toBe('Persona pensionada');
    expect(recordMessages.quality({ ...person, isWorker: true, isPensioner: true })).toBe(
      'Persona trabajadora y pensionada',
    );
  });

  it('an unaffiliated company representative is a company user, not someone without a tie', () => {
    expect(recordMessages.quality({ ...person, companyUser: true })).toBe(
      'Persona usuaria de empresa (no trabajadora ni pensionada)',
    );
    expect(recordMessages.quality(person)).toBe('Sin vínculo vigente');
    // Dismissed from every company he had (rule 7): no worker now; a pension stays.
    expect(recordMessages.quality({ ...person, isWorker: true, noCompanyLeft: true })).toBe(
      'Sin vínculo vigente',
    );
    expect(
      recordMessages.quality({ ...person, isWorker: true, isPensioner: true, noCompanyLeft: true }),
    ).toBe('Persona pensionada');
  });

  it('a legal representative or TRF signatory has a tie, with the register, access or not', () => {
    expect(recordMessages.quality({ ...person, registers: legal })).toBe(
      'Representante legal de empresa (no trabajadora ni pensionada)',
    );
    expect(recordMessages.quality({ ...person, registers: trf })).toBe(
      'Firmante de la TRF de una empresa (no trabajadora ni pensionada)',
    );
    // Once approved, the register still says what lets them speak for the company (rules 9, 13).
    expect(recordMessages.quality({ ...person, registers: legal, companyUser: true })).toBe(
      'Representante legal de empresa (no trabajadora ni pensionada)',
    );
    // Named in both registers (of two companies): the legal representative's is said.
    expect(recordMessages.quality({ ...person, registers: [...trf, ...legal] })).toBe(
      'Representante legal de empresa (no trabajadora ni pensionada)',
    );
    // An affiliation says more.
    expect(recordMessages.quality({ ...person, registers: legal, isWorker: true })).toBe(
      'Persona trabajadora',
    );
  });
});

describe('modulesText', () => {
  it('names the modules, and says «Ninguno» for a company profile with none, «—» for a worker', () => {
    expect(modulesText({ modules: ['usuarios', 'licencias'], role: 'access_admin' })).toBe(
      'Usuarios, Licencias médicas',
    );
    expect(modulesText({ modules: [], role: 'access_admin' })).toBe('Ninguno');
    expect(modulesText({ modules: [], role: 'company_user' })).toBe('Ninguno');
    expect(modulesText({ modules: [], role: 'worker' })).toBe('—');
    expect(modulesText({ modules: ['nuevo'], role: 'company_user' })).toBe('nuevo');
  });
});

describe('heldMessages.unsettled', () => {
  const contact = { label: 'Cambió datos de contacto', state: 'conflict' as const };
  it("sends the reader to Sincronización for their own, and names another agent's", () => {
    expect(heldMessages.unsettled([{ ...contact, otherAgent: null }])).toBe(
      '1 acción sobre esta persona no se aplicó en el sistema central: Cambió datos de contacto (en conflicto). Lo que muestra la ficha es lo que tiene el sistema central; revísela en Sincronización antes de decirle a la persona que quedó hecho.',
    );
    expect(
      heldMessages.unsettled(
        [
          { ...contact, otherAgent: 'Alicia Agente' },
          { label: 'Desbloqueo de cuenta', state: 'rejected', otherAgent: null },
        ],
        false,
      ),
    ).toMatch(
      /^2 acciones sobre esta persona no se aplicaron en el sistema central: Cambió datos de contacto \(en conflicto, de Alicia Agente\), Desbloqueo de cuenta \(rechazada\)\./,
    );
  });

  it("says who settles what the reader cannot (another agent's, the reader no supervisor)", () => {
    expect(heldMessages.unsettled([{ ...contact, otherAgent: 'Alicia Agente' }], true)).toMatch(
      /; la revisa en Sincronización quien la hizo, o un supervisor: no le diga a la persona que quedó hecho\.$/,
    );
  });
});

describe('who to ask at each company', () => {
  it('says they are also who asks that a paused or disabled access be given back', () => {
    const title = recordMessages.accessAdminsTitle;
    expect(title({ paused: false, disabled: false })).toBe(
      'A quién pedir módulos o perfiles (administradores de accesos):',
    );
    expect(title({ paused: false, disabled: true })).toBe(
      'A quién pedir módulos, perfiles o que se habilite de nuevo un acceso inhabilitado (administradores de accesos):',
    );
    expect(title({ paused: true, disabled: true })).toBe(
      'A quién pedir módulos, perfiles o que se devuelva un acceso en pausa o inhabilitado (administradores de accesos):',
    );
    expect(recordMessages.noAccessAdmins('disabled')).toBe(
      'no tiene administradores de accesos con el perfil asignado: que se habilite de nuevo su acceso lo pide su representante legal (la página de la empresa lo nombra).',
    );
  });
});

describe('a lock on the one Los Héroes login (rule 16)', () => {
  const lock = {
    code: 'temporarily_locked' as const,
    portal: 'portal_heroes' as const,
    until: '2026-12-07T23:31:00.000Z',
    attempts: 8,
    fix: null,
  };
  const login = 'Los Héroes (Portal Héroes, Portal Empresas y APP LH)';
  it('names the three portals it locks, never Portal Héroes alone (walk 60a L2)', () => {
    const said = causeTexts.temporarily_locked(lock);
    expect(said.title).toBe(`Bloqueado temporalmente en ${login} hasta 20:31 tras 8 intentos`);
    expect(said.say).toContain('«Olvidé mi contraseña»');
    const shut = causeTexts.temporarily_locked({ ...lock, withoutAccess: true }).say;
    expect(shut).toContain(`Su cuenta en ${login} está bloqueada hasta las 20:31`);
    expect(shut).toContain(`no podrá entrar a ${login} mientras`);
  });

  it('keeps ACHS Gestión’s own name', () => {
    expect(causeTexts.temporarily_locked({ ...lock, portal: 'achs_gestion' }).title).toBe(
      'Bloqueado temporalmente en ACHS Gestión hasta 20:31 tras 8 intentos',
    );
  });
});
