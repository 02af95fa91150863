/** The counts and notices of the search, as the agent reads them. */
import { describe, expect, it } from 'vitest';
import { countOf, errorMessages, searchMessages } from '../../src/shared/messages';

describe('search messages', () => {
  it('counts with the right number and Chilean thousands', () => {
    expect(countOf(1, 'persona')).toBe('1 persona');
    expect(countOf(0, 'persona')).toBe('0 personas');
    expect(countOf(20_000, 'persona')).toBe('20.000 personas');
    expect(countOf(1, 'evento')).toBe('1 evento');
  });

  it('says how many of how many, the same number as the cap notice', () => {
    expect(searchMessages.summary(50, 200, 0)).toBe('50 de 200 personas');
    expect(searchMessages.summary(1, 1, 1)).toBe('1 persona · 1 empresa');
    expect(searchMessages.summary(3, 3, 2)).toBe('3 personas · 2 empresas');
    expect(searchMessages.capped(200)).toContain('las primeras 200');
  });

  it('a RUT not loaded yet: «en unos minutos» only while the load goes on, not while it waits for the network', () => {
    expect(searchMessages.rutNotSyncedYet('12.345.678-5')).toContain('en unos minutos');
    const offline = searchMessages.rutNotSyncedYet('12.345.678-5', true);
    expect(offline).not.toContain('en unos minutos');
    expect(offline).toContain('sin conexión la carga espera hasta que vuelva');
    expect(offline).toContain('No le diga que no está registrado');
  });

  it('never speaks of the replica to an agent', () => {
    const texts = [
      ...Object.values(errorMessages),
      searchMessages.rutNotFound('1-9'),
      searchMessages.rutOutsideScope('1-9'),
      searchMessages.rutNotSyncedYet('1-9'),
      searchMessages.companyEmpty('X'),
      searchMessages.noneInCompany('x', 'X'),
    ];
    for (const text of texts) expect(text).not.toMatch(/réplica/i);
  });

  it('words a company RUT not found as a company, by its number alone', () => {
    // 76.543.210-3 is Los Andes; 99.999.999-9 is nobody's: the same words for both.
    for (const rut of ['76.543.210-3', '99.999.999-9']) {
      expect(searchMessages.rutOutsideScope(rut)).toMatch(
        /es de empresa, y no es una de sus empresas asignadas/,
      );
      expect(searchMessages.rutNotFound(rut)).toMatch(/es de empresa, y no figura en el sistema/);
      expect(searchMessages.rutNotFound(rut)).not.toMatch(/su empresa debe incorporarle/);
    }
    // A person's RUT, a foreigner's high one too, reads as a person's.
    for (const rut of ['12.345.678-5', '27.000.000-2']) {
      expect(searchMessages.rutOutsideScope(rut)).toMatch(/no está entre las personas vigentes/);
      // Rule 5: a worker is the company's to add. The company's «Agregar usuario» gives a
      // company profile to an outsider; it never makes anyone a worker.
      expect(searchMessages.rutOutsideScope(rut)).toMatch(/es la empresa quien debe incorporarlo/);
      expect(searchMessages.rutOutsideScope(rut)).not.toMatch(/Agregar usuario/);
      // The officer reading it is a prevention officer too: the one who adds is the company's.
      expect(searchMessages.rutOutsideScope(rut)).not.toMatch(/su encargado de prevención/);
      expect(searchMessages.rutOutsideScope(rut)).toMatch(
        /encargado de prevención de la propia empresa/,
      );
      expect(searchMessages.rutNotFound(rut)).toMatch(/su empresa debe incorporarle/);
    }
  });

  it('says back at most the first 80 characters of what was typed', () => {
    const pasted = 'gonzalez '.repeat(600);
    const said = searchMessages.none(pasted);
    expect(said.length).toBeLessThan(200);
    expect(said).toContain('«gonzalez gonzalez');
    expect(said).toContain('…»');
    expect(searchMessages.none('  munoz ')).toContain('«munoz»');
  });

  it('does not suggest the RUT to someone who typed one', () => {
    expect(searchMessages.noneForRut('1-9')).not.toMatch(/RUT/);
    expect(searchMessages.none('gonzalez')).toMatch(/Pruebe con el RUT/);
  });
});
