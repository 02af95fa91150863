import { describe, expect, it } from 'vitest';
import { formatPhone, looksLikeFixedLine, normalizePhone } from '../../src/shared/phone';
import { foldText, words } from '../../src/shared/text';

describe('normalizePhone', () => {
  it.each([
    '+56 9 8765 4321',
    '+56987654321',
    '56987654321',
    '987654321',
    '9 8765 4321',
    '(+56) 9-8765-4321',
    '+56-9-8765-4321',
    '  +56 9 8765 4321  ',
    '9.8765.4321',
    '+56\u00a09\u00a08765\u00a04321',
    // The trunk 0 callers still dictate from before 2012.
    '09 8765 4321',
    '098765 4321',
  ])('reads the mobile %j as +56987654321', (input) => {
    expect(normalizePhone(input)).toBe('+56987654321');
  });

  it.each([
    ['+56 2 2345 6789', '+56223456789'],
    ['56 2 2345 6789', '+56223456789'],
    ['(+56) 2-2345-6789', '+56223456789'],
    ['+56 32 234 5678', '+56322345678'],
    ['+56 41 212 3456', '+56412123456'],
    ['+56 89 123 4567', '+56891234567'],
  ])('reads the landline %j as %s', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it.each([
    '',
    '   ',
    // Letters are a typo to fix, not something to strip silently.
    '9abc8765x4321 (casa)',
    '+56 9 8765 4321 casa',
    '12345',
    '+1 555 1234567',
    '+54 9 11 2345 6789',
    '98765432',
    '9876543210',
    '+56 9 8765 432',
    '+56 9 8765 43210',
    '+56 1 2345 6789',
    '+56 0 2345 6789',
    '+56 99 8765 4321',
    '887654321',
    'telefono',
    '12.345.678-5',
  ])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('formatPhone', () => {
  it('groups a mobile as +56 9 XXXX XXXX', () => {
    expect(formatPhone('+56987654321')).toBe('+56 9 8765 4321');
    expect(formatPhone('+56912345678')).toBe('+56 9 1234 5678');
  });

  it('leaves a landline as stored', () => {
    expect(formatPhone('+56223456789')).toBe('+56223456789');
  });

  it('leaves anything that is not an E.164 mobile untouched', () => {
    expect(formatPhone('987654321')).toBe('987654321');
    expect(formatPhone('+5698765432')).toBe('+5698765432');
    expect(formatPhone('+569876543210')).toBe('+569876543210');
    expect(formatPhone('')).toBe('');
  });

  it('formats what normalizePhone produces, and the result normalizes back', () => {
    for (const input of ['9 8765 4321', '(+56) 9-1234-5678', '56900000001']) {
      const e164 = normalizePhone(input);
      expect(e164).not.toBeNull();
      const shown = formatPhone(e164!);
      expect(shown).toMatch(/^\+56 9 \d{4} \d{4}$/);
      expect(normalizePhone(shown)).toBe(e164);
    }
  });
});

describe('foldText', () => {
  it('removes accents, ñ and diaeresis and lower-cases', () => {
    expect(foldText('Muñoz Ibáñez Ñuñoa Güell')).toBe('munoz ibanez nunoa guell');
  });

  it.each([
    ['ÁÉÍÓÚ áéíóú', 'aeiou aeiou'],
    ['Ü ü Ñ ñ', 'u u n n'],
    ['JOSÉ MARÍA', 'jose maria'],
    ['Peña-Ossandón', 'pena-ossandon'],
    ["O'Higgins", "o'higgins"],
    ['', ''],
  ])('folds %j to %j', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('folds decomposed (NFD) input the same as composed input', () => {
    const composed = 'Muñoz';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(foldText(decomposed)).toBe('munoz');
  });

  it('keeps spaces, punctuation and digits', () => {
    expect(foldText('Calle 12, Depto. 3-B')).toBe('calle 12, depto. 3-b');
  });
});

describe('words', () => {
  it('splits on spaces and punctuation and drops empties', () => {
    expect(words('  Muñoz,  Ibáñez;Pedro--Luis.  ')).toEqual(['munoz', 'ibanez', 'pedro', 'luis']);
  });

  it('keeps digits inside words', () => {
    expect(words('calle 123 depto 4b')).toEqual(['calle', '123', 'depto', '4b']);
  });

  it.each([
    ['', []],
    ['   ', []],
    ['-', []],
    ['"*()\'', []],
    ['a OR b', ['a', 'or', 'b']],
    ['NEAR(x y)', ['near', 'x', 'y']],
    ["O'Higgins", ['o', 'higgins']],
    ['juan.munoz@correo.cl', ['juan', 'munoz', 'correo', 'cl']],
    ['12.345.678-k', ['12', '345', '678', 'k']],
    ['Güell\tÑuñoa\nPeñalolén', ['guell', 'nunoa', 'penalolen']],
  ])('words(%j) is %j', (input, expected) => {
    expect(words(input)).toEqual(expected);
  });

  it('returns only [a-z0-9] words for any input', () => {
    const samples = ['¿Qué?', 'São Paulo', 'Ærø', 'ß', '🙂 hola 🙂', 'x\u0000y', '%_\\'];
    for (const sample of samples) {
      for (const word of words(sample)) expect(word, sample).toMatch(/^[a-z0-9]+$/);
    }
  });
});

describe('looksLikeFixedLine', () => {
  it('tells a fixed line dictated as such from a mobile and from anything else', () => {
    for (const fixed of ['2 2345 6789', '(41) 221 3344', '+56 2 2345 6789', '02 2345 6789']) {
      expect(looksLikeFixedLine(fixed), fixed).toBe(true);
    }
    for (const other of ['9 8765 4321', '+56 9 8765 4321', '2345 6789', 'casa 2 2345 6789', '']) {
      expect(looksLikeFixedLine(other), other).toBe(false);
    }
  });
});
