import { describe, expect, it } from 'vitest';
import {
  ACHS_MODULES,
  EMPRESAS_MODULES,
  grantsModule,
  isOnEmpresas,
  modulesGrantableAt,
  modulesNotOffered,
  modulesOffered,
} from '../../src/shared/rules/company-modules';
import { moduleLabels } from '../../src/shared/messages';

const ACHS = { onEmpresas: false };
const EMPRESAS = { onEmpresas: true };

describe('the modules a company offers', () => {
  it('follows its portal: Portal Empresas for Los Héroes, ACHS Gestión otherwise', () => {
    expect(isOnEmpresas(['portal_heroes', 'portal_empresas'])).toBe(true);
    expect(isOnEmpresas(['achs_gestion'])).toBe(false);
    expect(modulesOffered(EMPRESAS)).toEqual(EMPRESAS_MODULES);
    expect(modulesOffered(ACHS)).toEqual(ACHS_MODULES);
    expect(modulesOffered(EMPRESAS)).not.toContain('siniestros');
    expect(modulesOffered(ACHS)).not.toContain('cargas');
  });

  it('names every module in Spanish', () => {
    for (const module of [...ACHS_MODULES, ...EMPRESAS_MODULES]) {
      expect(moduleLabels[module], module).toMatch(/^[A-ZÁÉÍÓÚ]/);
    }
  });

  it('refuses a new module outside the catalogue, but not one already held', () => {
    expect(modulesNotOffered(EMPRESAS, ['cargas', 'siniestros'])).toEqual(['siniestros']);
    expect(modulesNotOffered(EMPRESAS, ['cargas', 'siniestros'], ['siniestros'])).toEqual([]);
    expect(modulesNotOffered(ACHS, ['siniestros', 'cargas', 'cargas'])).toEqual(['cargas']);
    expect(modulesNotOffered(ACHS, [])).toEqual([]);
  });
});

describe('modules at a company no longer adherent (rule 6)', () => {
  it('grants none there, but lets one be taken away', () => {
    expect(grantsModule(['usuarios'], ['usuarios', 'cargas'])).toBe(true);
    expect(grantsModule(['usuarios', 'cargas'], ['cargas'])).toBe(false);
    expect(modulesGrantableAt({ adherent: true }, ['usuarios'], ['usuarios', 'cargas'])).toBe(true);
    expect(modulesGrantableAt({ adherent: false }, ['usuarios'], ['usuarios', 'cargas'])).toBe(
      false,
    );
    expect(modulesGrantableAt({ adherent: false }, ['usuarios', 'cargas'], [])).toBe(true);
  });
});
