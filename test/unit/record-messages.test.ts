/** The record's «Calidad» line says what the person is, and never denies a tie they have. */
import { describe, expect, it } from 'vitest';
import { recordMessages } from '../../src/shared/messages';

describe('recordMessages.quality', () => {
  const person = { isWorker: false, isPensioner: false, companyUser: false };
  it('names worker and pensioner, together when both', () => {
    expect(recordMessages.quality({ ...person, isWorker: true })).toBe('Trabajador');
    expect(recordMessages.quality({ ...person, isWorker: true, isPensioner: true })).toBe(
      'Trabajador y Pensionado',
    );
  });

  it('an unaffiliated company representative is a company user, not someone without a tie', () => {
    expect(recordMessages.quality({ ...person, companyUser: true })).toBe(
      'Usuario de empresa (no es trabajador ni pensionado)',
    );
    expect(recordMessages.quality(person)).toBe('Sin vínculo vigente');
  });
});
