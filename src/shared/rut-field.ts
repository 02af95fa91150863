/**
 * A RUT typed in a filter or a form (Llamadas, Auditoría, a company's dialogs): every form a
 * caller dictates is taken (rule 1, parseDictatedRut), and anything else is said the same way
 * everywhere — naming the check digit expected when only that is wrong.
 */
import { rutFieldMessages as m } from './messages';
import { checkDigit, dictatedRutReadings, formatRut, loginRut, readRut } from './rut';

export type RutField = { ok: true; rut: string | null } | { ok: false; error: string };

/** The login form to send (null for an empty field), or what is wrong with it. */
export function readRutField(text: string): RutField {
  const typed = text.trim();
  if (typed === '') return { ok: true, rut: null };
  const readings = dictatedRutReadings(typed);
  if (readings.length === 1) return { ok: true, rut: loginRut(readings[0]!) };
  // Digits that read two ways: the agent says which, never this screen.
  if (readings.length === 2)
    return { ok: false, error: m.ambiguous(typed, readings.map(formatRut)) };
  // A number pasted from another column (a phone, an account) is said as too long, not as if
  // only its check digit were missing.
  // (Leading zeros, as some systems pad a RUT, are no digits of it.)
  const digits = typed.replace(/[^0-9kK]/g, '').replace(/^0+/, '').length;
  if (digits > 9) return { ok: false, error: m.tooLong(digits) };
  const shaped = readRut(typed);
  return {
    ok: false,
    error: shaped ? m.checkDigit(shaped.dv, checkDigit(shaped.body)) : m.invalid,
  };
}
