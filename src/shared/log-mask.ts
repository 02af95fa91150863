/**
 * What may reach a log: every RUT, e-mail address and phone number in a text is masked, wherever
 * it sits (a message, an error's message, a stack trace, an inspected object). Pure.
 *
 * - e-mail `pedro.gonzalez@gmail.com` → `p•••@g•••.com` (the shape the identity check shows);
 * - RUT `12.345.678-5` / `12345678-5` → `•••••678-5` (last 3 digits of the body and the check
 *   digit); a bare body or number of 7 to 9 digits (a RUT body in JSON, a RUT without its dash,
 *   a mobile without spaces) → `••••5678` style, keeping only its last 3 or 4 digits;
 * - phone `+56 9 1234 5678` / `+56912345678` → `•••• 5678` (last 4 digits).
 *
 * A UUID (an epoch, an action id) is left whole even when its first group is all digits: it is
 * never a person's datum, and masking it would hide the very id an operator searches the log for.
 */
import { maskEmail } from './identity-facts';

const DOT = '•';

/** Mailbox and domain made of letters, digits and the usual punctuation. */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Chilean numbers: +56 and a mobile (9 + 8 digits) or a landline (area + 8 digits in all). */
const PHONE_WITH_CODE = /(?<![\p{L}\p{N}])\+?56[\s.-]?(?:\d[\s.-]?){8}\d(?![\p{L}\p{N}])/gu;
/** A mobile written without the country code, grouped: `9 1234 5678`. */
const MOBILE_GROUPED = /(?<![\p{L}\p{N}])9[\s.-]\d{4}[\s.-]?\d{4}(?![\p{L}\p{N}])/gu;
/** `12.345.678-5`, `1.234.567-K`. */
const RUT_DOTTED = /(?<![\p{L}\p{N}.])\d{1,2}\.\d{3}\.\d{3}-[\dkK](?![\p{L}\p{N}])/gu;
/** `12345678-5`, `12345678-k`. */
const RUT_DASHED = /(?<![\p{L}\p{N}.-])\d{6,8}-[\dkK](?![\p{L}\p{N}])/gu;
/** A bare run of 7 to 9 digits: a RUT body, a RUT without dash, a mobile without spaces. */
const BARE_DIGITS = /(?<![\p{L}\p{N}.])\d{7,9}(?![\p{L}\p{N}])/gu;

const digitsOf = (text: string) => text.replace(/\D/g, '');

function maskRut(match: string): string {
  const compact = match.replace(/\./g, '');
  const [body = '', dv = ''] = compact.split('-');
  return `${DOT.repeat(5)}${body.slice(-3)}-${dv}`;
}

function maskDigits(match: string): string {
  // Nine digits starting with 9 read as a mobile: its last four; anything else, its last three.
  const keep = match.length === 9 && match.startsWith('9') ? 4 : 3;
  return `${DOT.repeat(5)}${match.slice(-keep)}`;
}

/** A UUID of any version, in either case. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu;

export function maskSensitive(text: string): string {
  // Mask the text between UUIDs; `split` with a capture group keeps the UUIDs at odd positions.
  return text
    .split(new RegExp(`(${UUID.source})`, UUID.flags.replace('g', '')))
    .map((part, index) => (index % 2 === 1 ? part : maskPersonalData(part)))
    .join('');
}

function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, (match) => maskEmail(match) ?? `${DOT.repeat(3)}@${DOT.repeat(3)}`)
    .replace(PHONE_WITH_CODE, (match) => `${DOT.repeat(4)} ${digitsOf(match).slice(-4)}`)
    .replace(MOBILE_GROUPED, (match) => `${DOT.repeat(4)} ${digitsOf(match).slice(-4)}`)
    .replace(RUT_DOTTED, maskRut)
    .replace(RUT_DASHED, maskRut)
    .replace(BARE_DIGITS, maskDigits);
}
