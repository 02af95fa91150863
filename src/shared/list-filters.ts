/**
 * The person and the days a list is filtered by, as the Auditoría and Llamadas lists take them:
 * typed (a RUT in any usual form, days as `dd-mm-aaaa`) → as the API takes them, or what is
 * wrong in the agent's words, with the field to take the focus to.
 */
import { parseDayInput } from './audit-details';
import { auditMessages as m } from './messages';
import { readRutField } from './rut-field';

export type FilterField = 'rut' | 'from' | 'to';

export type CheckedFilters =
  | { ok: true; rut: string | null; from: string | null; to: string | null }
  | { ok: false; error: string; field: FilterField };

export function checkPersonAndDays(typed: {
  rut: string;
  from: string;
  to: string;
}): CheckedFilters {
  const rut = readRutField(typed.rut);
  if (!rut.ok) return { ok: false, error: rut.error, field: 'rut' };
  const from = parseDayInput(typed.from);
  if (from === 'invalid') {
    return { ok: false, error: m.invalidDate(m.fromField, typed.from.trim()), field: 'from' };
  }
  const to = parseDayInput(typed.to);
  if (to === 'invalid') {
    return { ok: false, error: m.invalidDate(m.toField, typed.to.trim()), field: 'to' };
  }
  if (from !== null && to !== null && from > to) {
    return { ok: false, error: m.reversedDates, field: 'from' };
  }
  return { ok: true, rut: rut.rut, from, to };
}
