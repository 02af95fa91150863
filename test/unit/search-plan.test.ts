import { describe, expect, it } from 'vitest';
import { planSearch, type SearchPlan } from '../../src/main/domain/search-plan';
import { checkDigit } from '../../src/shared/rut';

const EMPTY: SearchPlan = {
  rutBodies: [],
  invalidCheckDigit: null,
  rutPrefix: null,
  phone: null,
  emailPrefix: null,
  emailOnly: false,
  emailFirst: false,
  nameWords: [],
};

/** A body (from `from` on) whose check digit is `dv`, found with the library's own helper. */
function bodyWithDigit(dv: string, from: number): number {
  for (let body = from; body < from + 1_000; body++) {
    if (checkDigit(body) === dv) return body;
  }
  throw new Error(`no body with check digit ${dv}`);
}

describe('planSearch: RUT with an explicit check digit', () => {
  it('a dotted RUT with a valid digit is one exact body and nothing else', () => {
    expect(planSearch('12.345.678-5')).toEqual({ ...EMPTY, rutBodies: [12345678] });
  });

  it.each([
    '12345678-5',
    '12 345 678-5',
    '  12.345.678 - 5  ',
    '012.345.678-5',
    // The digit after a dot or a space instead of the dash.
    '12.345.678.5',
    '12.345.678 5',
  ])('reads %j the same way', (text) => {
    const plan = planSearch(text);
    expect(plan.rutBodies).toEqual([12345678]);
    expect(plan.invalidCheckDigit).toBeNull();
    expect(plan.phone).toBeNull();
    expect(plan.nameWords).toEqual([]);
    expect(plan.emailPrefix).toBeNull();
  });

  it.each(['12.345.6', '12.345.67', '12.345 6', '1.234.5', '876.543 2'])(
    '%j is a dotted RUT half typed: its start, nobody’s whole RUT, no digit to call wrong (walk 60a L5)',
    (text) => {
      const plan = planSearch(text);
      expect(plan.invalidCheckDigit).toBeNull();
      expect(plan.rutPrefix).toBe(text.replace(/\D/g, ''));
      expect(plan.rutBodies).toEqual([]);
    },
  );

  it('a dotted RUT with a wrong digit keeps the body and reports the expected digit', () => {
    const plan = planSearch('12.345.678-9');
    expect(plan.rutBodies).toEqual([12345678]);
    expect(plan.invalidCheckDigit).toEqual({
      typed: { body: 12345678, dv: '9' },
      expected: '5',
    });
    expect(plan.rutPrefix).toBe('12345678');
    expect(plan.phone).toBeNull();
    expect(plan.nameWords).toEqual([]);
    expect(plan.emailOnly).toBe(false);
  });

  it('12345678-k: lower-case k is read as K and, being wrong here, is reported', () => {
    const plan = planSearch('12345678-k');
    expect(plan.rutBodies).toEqual([12345678]);
    expect(plan.invalidCheckDigit).toEqual({
      typed: { body: 12345678, dv: 'K' },
      expected: '5',
    });
    expect(plan.phone).toBeNull();
    expect(plan.nameWords).toEqual([]);
  });

  it('a trailing k is a check digit even without a dash: 12345678k is reported', () => {
    const plan = planSearch('12345678k');
    expect(plan.rutBodies).toEqual([12345678]);
    expect(plan.invalidCheckDigit).toEqual({
      typed: { body: 12345678, dv: 'K' },
      expected: '5',
    });
  });

  it('a valid K RUT, written with k or K, dash or not, has no check-digit notice', () => {
    const body = bodyWithDigit('K', 10_000_000);
    for (const text of [`${body}-k`, `${body}-K`, `${body}k`, `${body}K`]) {
      const plan = planSearch(text);
      expect(plan.rutBodies, text).toEqual([body]);
      expect(plan.invalidCheckDigit, text).toBeNull();
      expect(plan.phone, text).toBeNull();
    }
  });

  it('a 7-digit body with its digit', () => {
    const plan = planSearch('1.234.567-4');
    expect(plan.rutBodies).toEqual([1234567]);
    expect(plan.invalidCheckDigit).toBeNull();
  });

  it('an explicit digit after more than 8 body digits plans nothing', () => {
    expect(planSearch('123.456.789-0')).toEqual(EMPTY);
  });
});

describe('planSearch: digits only', () => {
  it('123456785 is read as body 12345678 plus its digit', () => {
    const plan = planSearch('123456785');
    expect(plan.rutBodies).toEqual([12345678]);
    expect(plan.invalidCheckDigit).toBeNull();
    expect(plan.phone).toBeNull();
    expect(plan.nameWords).toEqual([]);
  });

  it('123456784, nine digits that are no mobile, is body 12345678 with a wrong digit, reported', () => {
    const plan = planSearch('123456784');
    expect(plan.rutBodies).toEqual([12345678]);
    expect(plan.invalidCheckDigit).toEqual({
      typed: { body: 12345678, dv: '4' },
      expected: '5',
    });
    expect(plan.rutPrefix).toBe('12345678');
    expect(plan.phone).toBeNull();
    // A mobile's nine digits are a phone, not a RUT's wrong digit.
    const mobile = planSearch('987654321');
    expect(mobile.phone).toBe('+56987654321');
    expect(mobile.invalidCheckDigit).toBeNull();
  });

  it('12345678 is the body first; the reading 1234567-8 is dropped because 8 is not its digit', () => {
    expect(checkDigit(1234567)).toBe('4');
    const plan = planSearch('12345678');
    expect(plan.rutBodies).toEqual([12345678]);
    expect(plan.rutPrefix).toBe('12345678');
    expect(plan.invalidCheckDigit).toBeNull();
    expect(plan.phone).toBeNull();
    expect(plan.nameWords).toEqual([]);
  });

  it('12345674 is ambiguous: body 12345674 first, then 1234567-4 (a valid digit)', () => {
    expect(checkDigit(1234567)).toBe('4');
    const plan = planSearch('12345674');
    expect(plan.rutBodies).toEqual([12345674, 1234567]);
    expect(plan.rutPrefix).toBe('12345674');
    expect(plan.invalidCheckDigit).toBeNull();
  });

  it('every 8-digit text includes the body+digit reading exactly when that digit is valid', () => {
    for (let body = 1_000_000; body < 1_000_100; body++) {
      for (const dv of ['0', '1', '5', '9']) {
        const text = `${body}${dv}`;
        const expected = checkDigit(body) === dv ? [Number(text), body] : [Number(text)];
        expect(planSearch(text).rutBodies, text).toEqual(expected);
      }
    }
  });

  it('12.345.678 (dots, no dash) is a body only: no body+digit reading, no phone', () => {
    const plan = planSearch('12.345.678');
    expect(plan.rutBodies).toEqual([12345678]);
    expect(plan.rutPrefix).toBe('12345678');
    expect(plan.phone).toBeNull();
    expect(plan.invalidCheckDigit).toBeNull();
  });

  it('7654324 reads 765432-4 too, but 7.654.324 (dots) is a body only', () => {
    expect(checkDigit(765432)).toBe('4');
    expect(planSearch('7654324').rutBodies).toEqual([7654324, 765432]);
    expect(planSearch('7.654.324').rutBodies).toEqual([7654324]);
  });

  it('dots mark a RUT body, never a phone: 987.654.321 is no mobile', () => {
    const plan = planSearch('987.654.321');
    expect(plan.phone).toBeNull();
    expect(plan.rutBodies).toEqual([]);
  });

  it('1234 is a RUT prefix: no phone, no names, no e-mail, no check digit', () => {
    // Note: the short body itself is also planned as an exact lookup (1234 in rutBodies).
    expect(planSearch('1234')).toEqual({ ...EMPTY, rutBodies: [1234], rutPrefix: '1234' });
  });

  it('leading zeros are dropped from the prefix', () => {
    const plan = planSearch('0012');
    expect(plan.rutPrefix).toBe('12');
    expect(plan.rutBodies).toEqual([12]);
  });

  it('only zeros plan nothing', () => {
    expect(planSearch('000')).toEqual(EMPTY);
  });

  it('a mobile 912345678 gives the phone as well as any RUT reading', () => {
    const plan = planSearch('912345678');
    expect(plan.phone).toBe('+56912345678');
    // 9 digits: no 9-digit body; 91234567-8 is a reading only if 8 is its digit.
    const withDigit = checkDigit(91234567) === '8' ? [91234567] : [];
    expect(plan.rutBodies).toEqual(withDigit);
    expect(plan.nameWords).toEqual([]);
    expect(plan.invalidCheckDigit).toBeNull();
  });

  it('a mobile whose first 8 digits carry a valid digit gives both readings', () => {
    // 98765432 has check digit 5, so 987654325 is both a RUT and a mobile.
    expect(checkDigit(98765432)).toBe('5');
    const plan = planSearch('987654325');
    expect(plan.phone).toBe('+56987654325');
    expect(plan.rutBodies).toEqual([98765432]);
  });

  it('9 8765 4321 with spaces is a phone', () => {
    expect(planSearch('9 8765 4321').phone).toBe('+56987654321');
  });
});

describe('planSearch: phones', () => {
  it('+56 9 8765 4321 is a phone only', () => {
    expect(planSearch('+56 9 8765 4321')).toEqual({ ...EMPTY, phone: '+56987654321' });
  });

  it('(+56) 9-8765-4321 is a phone only', () => {
    expect(planSearch('(+56) 9-8765-4321')).toEqual({ ...EMPTY, phone: '+56987654321' });
  });

  it('eight digits in a company’s range are also a mobile dictated after its 9 (walk 59a)', () => {
    const plan = planSearch('66667788');
    expect(plan.phone).toBe('+56966667788');
    expect(plan.rutBodies).toContain(66_667_788);
    // A person's RUT body stays a RUT only: nobody's mobile is read into it.
    expect(planSearch('12345678').phone).toBeNull();
    // Grouped as a RUT, it is one.
    expect(planSearch('66.667.788').phone).toBeNull();
  });

  it('56987654321 without + is a phone and no RUT body', () => {
    const plan = planSearch('56987654321');
    expect(plan.phone).toBe('+56987654321');
    expect(plan.rutBodies).toEqual([]);
    expect(plan.rutPrefix).toBeNull();
  });
});

describe('planSearch: e-mail', () => {
  it('text with @ can only be an e-mail, lower-cased', () => {
    expect(planSearch('  Juan.Munoz@Correo.CL ')).toEqual({
      ...EMPTY,
      emailPrefix: 'juan.munoz@correo.cl',
      emailOnly: true,
      emailFirst: true,
    });
  });

  it('a full stop pasted after the address is no part of it', () => {
    expect(planSearch('pedro.gonzalez@gmail.com.').emailPrefix).toBe('pedro.gonzalez@gmail.com');
  });

  it('one word joined by «.» or «_» is an e-mail’s start first, and names still', () => {
    expect(planSearch('Pedro.Gonzalez')).toEqual({
      ...EMPTY,
      emailPrefix: 'pedro.gonzalez',
      emailFirst: true,
      nameWords: ['pedro', 'gonzalez'],
    });
    expect(planSearch('fran_silva').emailFirst).toBe(true);
    expect(planSearch('munoz').emailFirst).toBe(false);
  });

  it('a digits-only local part with @ is still only an e-mail', () => {
    const plan = planSearch('12345678@x');
    expect(plan.emailOnly).toBe(true);
    expect(plan.rutBodies).toEqual([]);
    expect(plan.phone).toBeNull();
  });
});

describe('planSearch: names', () => {
  it('a single word is a name word and an e-mail prefix', () => {
    expect(planSearch('munoz')).toEqual({
      ...EMPTY,
      nameWords: ['munoz'],
      emailPrefix: 'munoz',
    });
  });

  it('a single word is folded for names but only lower-cased for e-mail', () => {
    const plan = planSearch('Muñoz');
    expect(plan.nameWords).toEqual(['munoz']);
    expect(plan.emailPrefix).toBe('muñoz');
  });

  it('González Ped: folded words and no e-mail prefix (it has a space)', () => {
    expect(planSearch('González Ped')).toEqual({ ...EMPTY, nameWords: ['gonzalez', 'ped'] });
  });

  it('a word shorter than 3 characters is not an e-mail prefix', () => {
    const plan = planSearch('ab');
    expect(plan.nameWords).toEqual(['ab']);
    expect(plan.emailPrefix).toBeNull();
  });

  it('more than 6 words are cut to the first 6', () => {
    const plan = planSearch('uno dos tres cuatro cinco seis siete ocho');
    expect(plan.nameWords).toEqual(['uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis']);
    expect(plan.emailPrefix).toBeNull();
  });

  it('exactly 6 words are all kept', () => {
    expect(planSearch('a b c d e f').nameWords).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('planSearch: hostile input', () => {
  const hostile = [
    '"',
    '*',
    '(',
    ')',
    'NEAR',
    'NEAR(a b)',
    '-',
    "'",
    '")*(',
    'a OR b',
    'x AND NOT y',
    'munoz*',
    '"munoz"',
    "o'higgins",
    '^perez',
    'col:value',
    '; DROP TABLE persons; --',
    '%_\\',
    '\u0000',
    '🙂',
    'k',
    '.',
    '-k-',
  ];

  it.each(hostile)('%j never throws and yields only [a-z0-9] words', (text) => {
    const plan = planSearch(text);
    expect(plan.nameWords.length).toBeLessThanOrEqual(6);
    for (const word of plan.nameWords) expect(word).toMatch(/^[a-z0-9]+$/);
    expect(plan.invalidCheckDigit).toBeNull();
  });

  it.each([
    ['"', []],
    ['*', []],
    ['(', []],
    ['-', []],
    ["'", []],
    ['")*(', []],
    ['NEAR', ['near']],
    ['a OR b', ['a', 'or', 'b']],
    ['x AND NOT y', ['x', 'and', 'not', 'y']],
    ['"munoz"', ['munoz']],
    ["o'higgins", ['o', 'higgins']],
  ])('%j gives the name words %j', (text, nameWords) => {
    const plan = planSearch(text);
    expect(plan.nameWords).toEqual(nameWords);
    expect(plan.rutBodies).toEqual([]);
    expect(plan.phone).toBeNull();
  });
});

describe('planSearch: nothing to search', () => {
  it.each(['', ' ', '   ', '\t\n', '\u00a0'])('%j plans nothing', (text) => {
    expect(planSearch(text)).toEqual(EMPTY);
  });

  it('returns a fresh plan each time', () => {
    const first = planSearch('');
    first.nameWords.push('mutated');
    expect(planSearch('').nameWords).toEqual([]);
  });
});

describe('planSearch: mixed and pasted input', () => {
  it('keeps the name words beside a phone number', () => {
    expect(planSearch('Juan 9 8765 4321')).toEqual({
      ...EMPTY,
      phone: '+56987654321',
      nameWords: ['juan'],
    });
  });

  it('reads a RUT pasted with an en dash', () => {
    expect(planSearch('12.345.678–5')).toEqual({ ...EMPTY, rutBodies: [12345678] });
  });

  it('reads full-width digits as digits', () => {
    expect(planSearch('１２．３４５．６７８－５')).toEqual({ ...EMPTY, rutBodies: [12345678] });
  });
});
