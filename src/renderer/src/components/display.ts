import { formatRut, readRut } from '../../../shared/rut';

/** `12345678-5` → `12.345.678-5` for display. */
export function displayRut(rut: string): string {
  const parsed = readRut(rut);
  return parsed ? formatRut(parsed) : rut;
}

/** A person by name, or by RUT (`12.345.678-5`) when this desk does not hold the name. */
export const nameOr = (person: { rut: string; name: string | null }): string =>
  person.name ?? displayRut(person.rut);

/** `Pedro Soto Pérez (12.345.678-5)`, or the RUT alone when the name is unknown. */
export function personLabel(name: string | null, rut: string | null): string | null {
  if (rut === null) return name;
  return name ? `${name} (${displayRut(rut)})` : displayRut(rut);
}
