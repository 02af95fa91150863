import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/storage/seed/random';
import {
  checkDigit,
  compactRut,
  formatRut,
  isValidRut,
  loginRut,
  MAX_RUT_BODY,
  dictatedRutReadings,
  parseDictatedRut,
  parseRut,
  readRut,
  rutFromBody,
  type Rut,
} from '../../src/shared/rut';
import { readRutField } from '../../src/shared/rut-field';
import { rutFieldMessages } from '../../src/shared/messages';

/**
 * An independent modulo-11 check digit: the well-known running-remainder form (weights 9..4
 * read as 2..7 in disguise), sharing no code or structure with `checkDigit`.
 */
function referenceCheckDigit(body: number): string {
  let position = 0;
  let sum = 1;
  for (let rest = body; rest > 0; rest = Math.floor(rest / 10)) {
    sum = (sum + (rest % 10) * (9 - (position++ % 6))) % 11;
  }
  return sum === 0 ? 'K' : String(sum - 1);
}

/** First body at or after `from` whose reference check digit is `dv`. */
function firstBodyWithDigit(dv: string, from: number): number {
  for (let body = from; body < from + 1_000; body++) {
    if (referenceCheckDigit(body) === dv) return body;
  }
  throw new Error(`no body with check digit ${dv} after ${from}`);
}

const KNOWN: [number, string][] = [
  [12345678, '5'],
  [11111111, '1'],
  [9876543, '3'],
  [10203040, '0'],
  [6543210, '2'],
  [76543210, '3'],
];

describe('referenceCheckDigit (the oracle itself)', () => {
  it.each(KNOWN)('agrees with the known real value for %i', (body, dv) => {
    expect(referenceCheckDigit(body)).toBe(dv);
  });
});

describe('checkDigit', () => {
  it.each(KNOWN)('body %i has check digit %s', (body, dv) => {
    expect(checkDigit(body)).toBe(dv);
  });

  it('gives K for 7- and 8-digit bodies whose remainder is 10', () => {
    const eight = firstBodyWithDigit('K', 10_000_000);
    const seven = firstBodyWithDigit('K', 5_000_000);
    expect(eight).toBeGreaterThanOrEqual(10_000_000);
    expect(checkDigit(eight)).toBe('K');
    expect(checkDigit(seven)).toBe('K');
  });

  it('gives 0 (not 11) for bodies whose remainder is 0', () => {
    const eight = firstBodyWithDigit('0', 20_000_000);
    const seven = firstBodyWithDigit('0', 3_000_000);
    expect(checkDigit(eight)).toBe('0');
    expect(checkDigit(seven)).toBe('0');
  });

  it('always returns a single character among 0-9 and upper-case K', () => {
    for (const body of [1, 7, 10, 123, 4_567, 89_012, 345_678, 9_012_345, 67_890_123]) {
      expect(checkDigit(body)).toMatch(/^[0-9K]$/);
    }
  });

  it.each([
    [1, '9'],
    [9, '4'],
    [10, '8'],
    [99_999_999, '9'],
  ])('edge body %i has check digit %s', (body, dv) => {
    expect(checkDigit(body)).toBe(dv);
    expect(checkDigit(body)).toBe(referenceCheckDigit(body));
  });

  it('agrees with the reference for 20,000 pseudo-random bodies (fixed seed)', () => {
    const random = seededRandom(0x5eed_2026);
    const seen = new Set<string>();
    const mismatches: [number, string, string][] = [];
    for (let i = 0; i < 20_000; i++) {
      const body = 1 + Math.floor(random() * MAX_RUT_BODY);
      const expected = referenceCheckDigit(body);
      const actual = checkDigit(body);
      seen.add(actual);
      if (actual !== expected) mismatches.push([body, actual, expected]);
    }
    expect(mismatches).toEqual([]);
    // The sample exercises every possible digit, K and 0 included.
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'K']);
  });

  it('agrees with the reference for every body from 1 to 2,000', () => {
    for (let body = 1; body <= 2_000; body++) {
      expect(checkDigit(body), `body ${body}`).toBe(referenceCheckDigit(body));
    }
  });
});

describe('formatRut', () => {
  it.each([
    [{ body: 12345678, dv: '5' }, '12.345.678-5'],
    [{ body: 1234567, dv: '4' }, '1.234.567-4'],
    [{ body: 76543210, dv: '3' }, '76.543.210-3'],
    [{ body: 9876543, dv: '3' }, '9.876.543-3'],
    [{ body: 10203040, dv: '0' }, '10.203.040-0'],
    [{ body: 99_999_999, dv: '9' }, '99.999.999-9'],
    [{ body: 123456, dv: '0' }, '123.456-0'],
    [{ body: 1000, dv: '1' }, '1.000-1'],
    [{ body: 999, dv: '2' }, '999-2'],
    [{ body: 10, dv: '8' }, '10-8'],
    [{ body: 1, dv: '9' }, '1-9'],
  ])('formats %o as %s', (rut, text) => {
    expect(formatRut(rut)).toBe(text);
  });

  it('keeps a K check digit as given', () => {
    const body = firstBodyWithDigit('K', 10_000_000);
    const text = formatRut({ body, dv: 'K' });
    expect(text).toMatch(/^\d{2}\.\d{3}\.\d{3}-K$/);
    expect(text.replace(/\./g, '')).toBe(`${body}-K`);
  });
});

describe('loginRut', () => {
  it.each([
    [{ body: 12345678, dv: '5' }, '12345678-5'],
    [{ body: 1234567, dv: '4' }, '1234567-4'],
    [{ body: 1, dv: '9' }, '1-9'],
    [{ body: 10000013, dv: 'K' }, '10000013-K'],
  ])('writes %o as %s (no dots, dash, digit)', (rut, text) => {
    expect(loginRut(rut)).toBe(text);
  });
});

describe('compactRut', () => {
  it.each([
    ['12.345.678-5', '123456785'],
    ['12345678-5', '123456785'],
    [' 12 345 678 - 5 ', '123456785'],
    ['12\u00a0345\u00a0678-5', '123456785'],
    ['\t12.345.678-5\n', '123456785'],
    ['12.345.678-k', '12345678K'],
    ['12345678K', '12345678K'],
    ['', ''],
  ])('compacts %j to %j', (input, compact) => {
    expect(compactRut(input)).toBe(compact);
  });

  it('leaves other characters in place so callers can reject them', () => {
    expect(compactRut('12,345,678/5')).toBe('12,345,678/5');
    expect(compactRut('abc')).toBe('ABC');
  });
});

describe('readRut', () => {
  const twelve: Rut = { body: 12345678, dv: '5' };

  it.each([
    '12.345.678-5',
    '12345678-5',
    '123456785',
    '12 345 678-5',
    '12 345 678 5',
    '  12.345.678-5  ',
    '12.345.678 - 5',
    '12\u00a0345\u00a0678-5',
    '012.345.678-5',
    '0012345678-5',
    '00123456785',
  ])('reads %j as 12345678-5', (input) => {
    expect(readRut(input)).toEqual(twelve);
  });

  it('reads 7-digit bodies and small bodies', () => {
    expect(readRut('1.234.567-4')).toEqual({ body: 1234567, dv: '4' });
    expect(readRut('12345674')).toEqual({ body: 1234567, dv: '4' });
    expect(readRut('1-9')).toEqual({ body: 1, dv: '9' });
    expect(readRut('19')).toEqual({ body: 1, dv: '9' });
    expect(readRut('99.999.999-9')).toEqual({ body: 99_999_999, dv: '9' });
  });

  it.each(['12345678-k', '12345678-K', '12.345.678-k', '12345678k', '12 345 678 k'])(
    'reads %j with an upper-case K',
    (input) => {
      expect(readRut(input)).toEqual({ body: 12345678, dv: 'K' });
    },
  );

  it('does not validate the check digit (that is isValidRut)', () => {
    expect(readRut('12.345.678-9')).toEqual({ body: 12345678, dv: '9' });
    expect(readRut('12345678-k')).not.toBeNull();
  });

  it.each([
    '',
    '   ',
    '-',
    'K',
    '5',
    '1-',
    '-5',
    'Juan Pérez',
    'munoz@correo.cl',
    '12.345.678-X',
    '12.345.678-55',
    'K12345678',
    '12K345678',
    '12,345,678-5',
    '12.345.678/5',
    '+56912345678',
    '12345678-5a',
  ])('rejects %j (not shaped like a RUT)', (input) => {
    expect(readRut(input)).toBeNull();
  });

  it.each(['0-0', '00', '0000000-0', '0-K', '000000000K'])('rejects body 0: %j', (input) => {
    expect(readRut(input)).toBeNull();
  });

  it.each(['123.456.789-0', '1234567890', '123456789-K', '999999999-9'])(
    'rejects more than 8 body digits: %j',
    (input) => {
      expect(readRut(input)).toBeNull();
    },
  );
});

describe('isValidRut', () => {
  it.each(KNOWN)('accepts %i with its digit %s', (body, dv) => {
    expect(isValidRut({ body, dv })).toBe(true);
  });

  it('accepts a lower-case k when K is the digit', () => {
    const body = firstBodyWithDigit('K', 10_000_000);
    expect(isValidRut({ body, dv: 'K' })).toBe(true);
    expect(isValidRut({ body, dv: 'k' })).toBe(true);
    expect(isValidRut({ body, dv: '0' })).toBe(false);
  });

  it('rejects every wrong check digit', () => {
    const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'K'];
    for (const dv of digits) {
      expect(isValidRut({ body: 12345678, dv }), dv).toBe(dv === '5');
    }
  });

  it('rejects body 0, negative bodies and bodies above 99.999.999', () => {
    expect(isValidRut({ body: 0, dv: checkDigit(0) })).toBe(false);
    expect(isValidRut({ body: -1, dv: '0' })).toBe(false);
    const tooBig = MAX_RUT_BODY + 1;
    expect(isValidRut({ body: tooBig, dv: referenceCheckDigit(tooBig) })).toBe(false);
    expect(isValidRut({ body: MAX_RUT_BODY, dv: '9' })).toBe(true);
  });
});

describe('parseRut', () => {
  it.each([
    ['12.345.678-5', { body: 12345678, dv: '5' }],
    ['12345678-5', { body: 12345678, dv: '5' }],
    ['123456785', { body: 12345678, dv: '5' }],
    ['9.876.543-3', { body: 9876543, dv: '3' }],
    ['10203040-0', { body: 10203040, dv: '0' }],
    ['76.543.210-3', { body: 76543210, dv: '3' }],
  ])('parses %j', (input, rut) => {
    expect(parseRut(input)).toEqual(rut);
  });

  it('parses a K RUT written with a lower-case k', () => {
    const body = firstBodyWithDigit('K', 10_000_000);
    expect(parseRut(`${body}-k`)).toEqual({ body, dv: 'K' });
  });

  it.each(['12.345.678-9', '12345678-K', '123456780', '11.111.111-2', '1-0'])(
    'returns null for a wrong check digit: %j',
    (input) => {
      expect(parseRut(input)).toBeNull();
    },
  );

  it.each(['', 'abc', '0-0', '123.456.789-0'])('returns null for non-RUT text %j', (input) => {
    expect(parseRut(input)).toBeNull();
  });
});

describe('rutFromBody', () => {
  it.each(KNOWN)('completes %i with %s', (body, dv) => {
    expect(rutFromBody(body)).toEqual({ body, dv });
  });

  it('produces valid RUTs that format as expected', () => {
    const rut = rutFromBody(1234567);
    expect(rut).toEqual({ body: 1234567, dv: '4' });
    expect(isValidRut(rut)).toBe(true);
    expect(formatRut(rut)).toBe('1.234.567-4');
  });
});

describe('round trip', () => {
  it('readRut(formatRut(r)) and readRut(loginRut(r)) give r back', () => {
    const random = seededRandom(20261121);
    const bodies = [1, 9, 10, 99, 100, 999, 1_000, 999_999, 1_000_000, 9_999_999, 10_000_000];
    bodies.push(MAX_RUT_BODY, firstBodyWithDigit('K', 10_000_000));
    for (let i = 0; i < 2_000; i++) bodies.push(1 + Math.floor(random() * MAX_RUT_BODY));
    for (const body of bodies) {
      const rut = rutFromBody(body);
      expect(readRut(formatRut(rut)), formatRut(rut)).toEqual(rut);
      expect(readRut(loginRut(rut)), loginRut(rut)).toEqual(rut);
      expect(parseRut(formatRut(rut)), formatRut(rut)).toEqual(rut);
    }
  });

  it('keeps an invalid digit through the round trip (readRut does not validate)', () => {
    const rut: Rut = { body: 12345678, dv: '9' };
    expect(readRut(formatRut(rut))).toEqual(rut);
  });
});

describe('readRut: pasted text', () => {
  it.each(['12.345.678–5', '12.345.678—5', '12.345.678‐5', '12.345.678−5'])(
    'reads a typographic dash in %j as the hyphen',
    (text) => {
      expect(readRut(text)).toEqual({ body: 12345678, dv: '5' });
    },
  );
});

describe('parseDictatedRut: every form a caller dictates (rule 1)', () => {
  it.each([
    ['12.345.678-5', '12345678-5'],
    ['123456785', '12345678-5'],
    ['12345678', '12345678-5'],
    ['12.345.678', '12345678-5'],
    ['7654321', '7654321-6'],
    ['30123456', '30123456-2'],
    ['10.000.013-k', '10000013-K'],
  ])('%j is %s', (typed, expected) => {
    const rut = parseDictatedRut(typed);
    expect(rut && loginRut(rut)).toBe(expected);
  });

  it.each(['12.345.678-4', '1234567-8', '123456', 'abc', ''])('%j is no RUT', (typed) => {
    expect(parseDictatedRut(typed)).toBeNull();
  });
});

describe('dictatedRutReadings: digits that read two ways', () => {
  it('gives both, and parseDictatedRut then neither', () => {
    expect(dictatedRutReadings('12345674').map(loginRut)).toEqual(['1234567-4', '12345674-2']);
    expect(parseDictatedRut('12345674')).toBeNull();
    // With a dash, or dots grouping a body's thousands, one reading only.
    expect(dictatedRutReadings('1234567-4').map(loginRut)).toEqual(['1234567-4']);
    expect(dictatedRutReadings('12.345.674').map(loginRut)).toEqual(['12345674-2']);
  });
});

describe('readRutField: what a typed RUT field says', () => {
  it('takes every dictated form, and names the check digit expected when only it is wrong', () => {
    expect(readRutField(' 12.345.678-5 ')).toEqual({ ok: true, rut: '12345678-5' });
    expect(readRutField('')).toEqual({ ok: true, rut: null });
    expect(readRutField('12.345.678-4')).toEqual({
      ok: false,
      error: rutFieldMessages.checkDigit('4', '5'),
    });
  });

  it('says a number too long for any RUT is that (a phone or account pasted in), not a missing digit', () => {
    expect(readRutField('9'.repeat(40) + '-1')).toEqual({
      ok: false,
      error: rutFieldMessages.tooLong(41),
    });
    expect(rutFieldMessages.tooLong(41)).toMatch(
      /^RUT inválido: tiene 41 dígitos, y un RUT tiene a lo más 9/,
    );
    // Nine digits is still a RUT's length: its check digit is checked as usual.
    expect(readRutField('123456785')).toEqual({ ok: true, rut: '12345678-5' });
    // Zeros padding it in front (as some systems write a RUT) are not counted.
    expect(readRutField('0012.345.678-4')).toEqual({
      ok: false,
      error: rutFieldMessages.checkDigit('4', '5'),
    });
  });
});
