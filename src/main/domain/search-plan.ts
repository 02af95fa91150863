/**
 * Decides what a search text is. Callers dictate RUTs in every form, phone numbers, e-mails
 * and names in any order; the plan lists every reading worth trying, strongest first, so the
 * repository can put an exact RUT before anything else. Pure: no I/O.
 */
import {
  checkDigit,
  COMPANY_RUT_FROM,
  compactRut,
  MAX_RUT_BODY,
  readRut,
  type Rut,
} from '../../shared/rut';
import { normalizePhone } from '../../shared/phone';
import { words } from '../../shared/text';

export type SearchPlan = {
  /** RUT bodies to look up exactly, most likely reading first. */
  rutBodies: number[];
  /** Set when the text carries an explicit check digit that is wrong. */
  invalidCheckDigit: { typed: Rut; expected: string } | null;
  /** Leading digits of a RUT body. */
  rutPrefix: string | null;
  /** E.164 phone number. */
  phone: string | null;
  /** Lower-cased start of an e-mail address. */
  emailPrefix: string | null;
  /** True when the text can only be an e-mail (it has an @). */
  emailOnly: boolean;
  /**
   * True when the text reads first as an e-mail's start: one word joined by «.» or «_»
   * («pedro.gonzalez»), as addresses are written and names are not. Names are still tried.
   */
  emailFirst: boolean;
  /** Folded words for the full-text name search, each used as a prefix. */
  nameWords: string[];
};

const MIN_EMAIL_PREFIX = 3;
const MAX_WORDS = 6;

export function planSearch(text: string): SearchPlan {
  const plan: SearchPlan = {
    rutBodies: [],
    invalidCheckDigit: null,
    rutPrefix: null,
    phone: null,
    emailPrefix: null,
    emailOnly: false,
    emailFirst: false,
    nameWords: [],
  };
  // Pasted text brings typographic dashes (‐ – — −) where callers mean the RUT's hyphen, and
  // full-width digits and letters (１２３４５６７８－５) from some keyboards: NFKC reads them plainly.
  const trimmed = text
    .normalize('NFKC')
    .trim()
    .replace(/[\u2010-\u2015\u2212]/g, '-');
  if (trimmed === '') return plan;

  if (trimmed.includes('@')) {
    // A sentence's full stop pasted with the address («…@gmail.com.») is no part of it.
    plan.emailPrefix = trimmed.toLowerCase().replace(/\.+$/, '');
    plan.emailOnly = true;
    plan.emailFirst = true;
    return plan;
  }

  const compact = compactRut(trimmed);
  if (/^\d+K?$/.test(compact) && /^[\d.\s\u00a0kK-]+$/.test(trimmed)) {
    planNumeric(plan, trimmed, compact);
    return plan;
  }

  // A search may mix a name with the number: the number is read from its own characters.
  const phoneText = trimmed.replace(/[^\d\s+().-]/g, ' ');
  plan.phone = /\d{8}/.test(phoneText.replace(/\D/g, '')) ? normalizePhone(phoneText) : null;
  if (plan.phone) {
    // "Juan 9 8765 4321": the phone, and the name words beside it.
    plan.nameWords = words(trimmed.replace(/[\d+()]/g, ' ')).slice(0, MAX_WORDS);
    return plan;
  }

  plan.nameWords = words(trimmed).slice(0, MAX_WORDS);
  if (!/\s/.test(trimmed) && trimmed.length >= MIN_EMAIL_PREFIX) {
    plan.emailPrefix = trimmed.toLowerCase();
    plan.emailFirst = /[._]/.test(trimmed);
  }
  return plan;
}

function planNumeric(plan: SearchPlan, trimmed: string, compact: string): void {
  const explicitCheckDigit =
    compact.endsWith('K') ||
    /-\s*[\dkK]\s*$/.test(trimmed) ||
    // `12.345.678.5`, `12.345.678 5`: a body written with dots, then its digit after a dot or a
    // space instead of the dash. A body of millions: `12.345.6` is a RUT being dictated, half
    // typed, not 12.345 and its digit (walk 60a L5: «RUT inválido» flashed while typing).
    /^\d{1,3}(?:\.\d{3}){2,}[.\s]\s*[\dkK]$/.test(trimmed);
  const addBody = (body: number) => {
    if (body > 0 && body <= MAX_RUT_BODY && !plan.rutBodies.includes(body)) {
      plan.rutBodies.push(body);
    }
  };

  if (explicitCheckDigit) {
    const rut = readRut(compact);
    if (!rut) return;
    addBody(rut.body);
    const expected = checkDigit(rut.body);
    // A valid check digit makes the RUT unambiguous; a wrong one also shows near matches.
    if (expected !== rut.dv) {
      plan.invalidCheckDigit = { typed: rut, expected };
      plan.rutPrefix = String(rut.body);
    }
    return;
  }

  const digits = compact.replace(/^0+/, '');
  if (digits === '') return;
  const grouped = trimmed.includes('.');
  // Written with dots, its last group short (`12.345.6`, `876.543 2`): a RUT being typed, its
  // start only, never someone's whole body (review 60 L9).
  const halfGrouped = grouped && /(?:^|[.\s])\d{1,2}$/.test(trimmed);
  // `12.345.678` is a body written with dots; `12345678` may be a body or a body plus its digit.
  if (digits.length <= 8 && !halfGrouped) addBody(Number(digits));
  if (!grouped) plan.phone = normalizePhone(digits);
  // Eight digits in a company's range are no person's RUT: they may be a mobile's, dictated
  // after its 9 («nueve, seis seis seis seis…»; walk 59a: «66667788» was said to be a company
  // not registered, while Ricardo's mobile is +56 9 6666 7788).
  if (
    !grouped &&
    plan.phone === null &&
    digits.length === 8 &&
    Number(digits) >= COMPANY_RUT_FROM
  ) {
    plan.phone = normalizePhone(`9${digits}`);
  }
  if (!grouped && digits.length >= 7) {
    const withDigit = readRut(digits);
    if (withDigit && checkDigit(withDigit.body) === withDigit.dv) addBody(withDigit.body);
    // Nine digits that are no mobile can only be a body and its digit, dictated without the
    // dash: a wrong digit is said, with the body's near matches, as with the dash.
    else if (withDigit && digits.length === 9 && plan.phone === null) {
      addBody(withDigit.body);
      plan.invalidCheckDigit = { typed: withDigit, expected: checkDigit(withDigit.body) };
      plan.rutPrefix = String(withDigit.body);
      return;
    }
  }
  if (digits.length <= 8) plan.rutPrefix = digits;
}
