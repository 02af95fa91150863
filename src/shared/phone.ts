/**
 * Chilean phone numbers. Mobile numbers are `+56 9 XXXX XXXX`; we store E.164 (`+56912345678`)
 * and show the grouped form.
 */

/** E.164 form of a Chilean number written any usual way, or null when it is not one. */
export function normalizePhone(input: string): string | null {
  // Digits and the usual separators only: «9abc8765x4321 (casa)» is a typo to fix, not a number.
  if (/[^\d\s+().-]/.test(input)) return null;
  const digits = input.replace(/\D/g, '');
  if (/^569\d{8}$/.test(digits)) return `+${digits}`;
  if (/^9\d{8}$/.test(digits)) return `+56${digits}`;
  // The trunk 0 callers still dictate from before 2012 («09 9887 7665»).
  if (/^09\d{8}$/.test(digits)) return `+56${digits.slice(1)}`;
  if (/^56[2-8]\d{8}$/.test(digits)) return `+${digits}`;
  return null;
}

/**
 * A Chilean fixed line as callers dictate it («2 2345 6789», «(41) 221 3344», «+56 2 2345 6789»):
 * not a mobile, said so where a mobile is asked for. Words only: never read as a number here
 * (nine digits are a RUT's shape too).
 */
export function looksLikeFixedLine(input: string): boolean {
  if (/[^\d\s+().-]/.test(input)) return false;
  return /^(?:56)?0?[2-8]\d{8}$/.test(input.replace(/\D/g, ''));
}

/** `+56 9 1234 5678` for mobiles; other numbers as stored. */
export function formatPhone(e164: string): string {
  const mobile = /^\+569(\d{4})(\d{4})$/.exec(e164);
  return mobile ? `+56 9 ${mobile[1]} ${mobile[2]}` : e164;
}
