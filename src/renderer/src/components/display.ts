import { formatRut, readRut } from '../../../shared/rut';

/** `12345678-5` → `12.345.678-5` for display. */
export function displayRut(rut: string): string {
  const parsed = readRut(rut);
  return parsed ? formatRut(parsed) : rut;
}

export function fullName(person: { givenNames: string; lastName1: string; lastName2: string }) {
  return `${person.givenNames} ${person.lastName1} ${person.lastName2}`.trim();
}
