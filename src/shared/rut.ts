/**
 * Chilean RUT (Rol Único Tributario): a body of up to 8 digits and a check digit
 * computed modulo 11 (0-9 or K). Persons and companies share the format.
 */

export type Rut = { body: number; dv: string };

/** Largest body we accept: 99.999.999 (companies reach the 90 millions). */
export const MAX_RUT_BODY = 99_999_999;

/**
 * Bodies from here up are companies' and institutions' (personas jurídicas); a person's RUT,
 * foreigners' included, stays far below. It words a RUT not found, and keeps a company's RUT
 * from becoming a new person's (typed in a person's field); it never hides a RUT that exists.
 */
export const COMPANY_RUT_FROM = 50_000_000;

/** Whether a RUT reads as a company's (see COMPANY_RUT_FROM). */
export function looksLikeCompanyRut(rut: string): boolean {
  const parsed = parseRut(rut);
  return parsed !== null && parsed.body >= COMPANY_RUT_FROM;
}

/** The check digit for a body, modulo 11 with weights 2..7 from the right. */
export function checkDigit(body: number): string {
  let sum = 0;
  let weight = 2;
  for (let rest = Math.floor(body); rest > 0; rest = Math.floor(rest / 10)) {
    sum += (rest % 10) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  const value = 11 - (sum % 11);
  if (value === 11) return '0';
  if (value === 10) return 'K';
  return String(value);
}

/** Removes what callers and forms add around a RUT: dots, spaces, dashes; upper-cases k. */
export function compactRut(input: string): string {
  return input.replace(/[.\s\u00a0\u2010-\u2015\u2212-]/g, '').toUpperCase();
}

/** `12.345.678-5`, the form shown to people. */
export function formatRut(rut: Rut): string {
  const digits = String(rut.body);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${grouped}-${rut.dv}`;
}

/** `12345678-5`, the login identifier of the portals (no dots, dash, check digit). */
export function loginRut(rut: Rut): string {
  return `${rut.body}-${rut.dv}`;
}

export function isValidRut(rut: Rut): boolean {
  return rut.body > 0 && rut.body <= MAX_RUT_BODY && checkDigit(rut.body) === rut.dv.toUpperCase();
}

/**
 * Reads a RUT written with its check digit in any usual form (`12.345.678-5`, `12345678-5`,
 * `123456785`, `12345678-k`). Returns null when the text is not shaped like one; the check
 * digit is not validated here (see `isValidRut`).
 */
export function readRut(input: string): Rut | null {
  const compact = compactRut(input);
  const match = /^0*(\d{1,8})([\dK])$/.exec(compact);
  if (!match) return null;
  const body = Number(match[1]);
  if (body === 0) return null;
  return { body, dv: match[2]! };
}

/** Parses and validates in one step; null for anything that is not a valid RUT. */
export function parseRut(input: string): Rut | null {
  const rut = readRut(input);
  return rut && isValidRut(rut) ? rut : null;
}

/**
 * Every RUT a caller's dictation can mean (rule 1): with its check digit, validated, and — 7 or 8
 * digits with no dash — its body alone, the check digit computed (`12345678` is 12.345.678-5).
 * Digits that read both ways (`12345674`: 1.234.567-4, or 12.345.674-2) give both.
 */
export function dictatedRutReadings(input: string): Rut[] {
  const compact = compactRut(input);
  const bodyAlone =
    !/[-\u2010-\u2015\u2212]/.test(input) && /^\d{7,8}$/.test(compact)
      ? rutFromBody(Number(compact))
      : null;
  // Dots that group thousands up to the end (`12.345.678`) write a body, not a check digit.
  if (bodyAlone && /\.\d{3}$/.test(input.trim())) return [bodyAlone];
  const whole = parseRut(input);
  const readings: Rut[] = whole ? [whole] : [];
  if (bodyAlone && bodyAlone.body !== whole?.body) readings.push(bodyAlone);
  return readings;
}

/** The one RUT a dictation means; null for none, or for digits that read two ways. */
export function parseDictatedRut(input: string): Rut | null {
  const readings = dictatedRutReadings(input);
  return readings.length === 1 ? readings[0]! : null;
}

export function rutFromBody(body: number): Rut {
  return { body, dv: checkDigit(body) };
}
