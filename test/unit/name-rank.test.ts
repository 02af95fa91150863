import { describe, expect, it } from 'vitest';
import { rankByName, type NameRow } from '../../src/main/domain/name-rank';

let nextRut = 10_000_000;

function row(
  givenNames: string,
  lastName1: string,
  lastName2: string,
  extra: Partial<NameRow> = {},
): NameRow {
  return {
    rut: nextRut++,
    givenNames,
    lastName1,
    lastName2,
    sortKey: `${lastName1} ${lastName2} ${givenNames}`.toLowerCase(),
    ...extra,
  };
}

const ruts = (rows: NameRow[]) => rows.map((r) => r.rut);

describe('rankByName: where the word matches', () => {
  // sortKeys are chosen so that alphabetical order is the opposite of the expected rank.
  const secondSurname = row('Ana', 'Zapata', 'Soto', { sortKey: 'a' });
  const otherGiven = row('Ana Sofía', 'Yáñez', 'Pinto', { sortKey: 'b' });
  const firstGiven = row('Sofía', 'Vera', 'Rojas', { sortKey: 'c' });
  const firstSurname = row('Pedro', 'Sotomayor', 'Lagos', { sortKey: 'd' });

  it('first surname > first given name > other given names > second surname', () => {
    const ranked = rankByName(['so'], [secondSurname, otherGiven, firstGiven, firstSurname]);
    expect(ranked).toEqual([firstSurname, firstGiven, otherGiven, secondSurname]);
  });

  it('the ranking does not depend on the input order', () => {
    const rows = [firstGiven, secondSurname, firstSurname, otherGiven];
    const expected = [firstSurname, firstGiven, otherGiven, secondSurname];
    expect(rankByName(['so'], rows)).toEqual(expected);
    expect(rankByName(['so'], [...rows].reverse())).toEqual(expected);
  });

  it('a first-surname prefix beats an exact first given name', () => {
    const exactGiven = row('Soto', 'Alvarez', 'Diaz', { sortKey: 'a' });
    const surnamePrefix = row('Juan', 'Sotomayor', 'Diaz', { sortKey: 'b' });
    expect(rankByName(['soto'], [exactGiven, surnamePrefix])).toEqual([surnamePrefix, exactGiven]);
  });

  it('an exact first surname beats a first-surname prefix', () => {
    const prefix = row('Juan', 'Sotomayor', 'Diaz', { sortKey: 'a' });
    const exact = row('Juan', 'Soto', 'Diaz', { sortKey: 'b' });
    expect(rankByName(['soto'], [prefix, exact])).toEqual([exact, prefix]);
  });

  it('an exact first given name beats a prefix of it', () => {
    const prefix = row('Anabel', 'Diaz', 'Rojas', { sortKey: 'a' });
    const exact = row('Ana', 'Diaz', 'Rojas', { sortKey: 'b' });
    expect(rankByName(['ana'], [prefix, exact])).toEqual([exact, prefix]);
  });

  it('an exact other given name beats a prefix of one', () => {
    const prefix = row('Luis Anabel', 'Diaz', 'Rojas', { sortKey: 'a' });
    const exact = row('Luis Ana', 'Diaz', 'Rojas', { sortKey: 'b' });
    expect(rankByName(['ana'], [prefix, exact])).toEqual([exact, prefix]);
  });

  it('an exact second surname beats a prefix of one', () => {
    const prefix = row('Luis', 'Diaz', 'Rojasmar', { sortKey: 'a' });
    const exact = row('Luis', 'Diaz', 'Rojas', { sortKey: 'b' });
    expect(rankByName(['rojas'], [prefix, exact])).toEqual([exact, prefix]);
  });

  it('a prefix of the first given name beats an exact other given name', () => {
    const exactOther = row('Luis Ana', 'Diaz', 'Rojas', { sortKey: 'a' });
    const firstPrefix = row('Anabel', 'Diaz', 'Rojas', { sortKey: 'b' });
    expect(rankByName(['ana'], [exactOther, firstPrefix])).toEqual([firstPrefix, exactOther]);
  });

  it('a row that matches nowhere goes last', () => {
    const none = row('Luis', 'Diaz', 'Rojas', { sortKey: 'a' });
    const weak = row('Luis', 'Diaz', 'Soto', { sortKey: 'b' });
    expect(rankByName(['so'], [none, weak])).toEqual([weak, none]);
  });

  it('a word must be a prefix, not a substring', () => {
    const inside = row('Luis', 'Barrios', 'Diaz', { sortKey: 'a' });
    const start = row('Luis', 'Diaz', 'Riosco', { sortKey: 'b' });
    expect(rankByName(['rios'], [inside, start])).toEqual([start, inside]);
  });

  it('compound surnames match on each of their words', () => {
    const compound = row('Luis', 'De la Fuente', 'Diaz', { sortKey: 'b' });
    const given = row('Fuentes', 'Diaz', 'Rojas', { sortKey: 'a' });
    expect(rankByName(['fuente'], [given, compound])).toEqual([compound, given]);
  });
});

describe('rankByName: several words', () => {
  it('the scores of all words add up', () => {
    const surnameOnly = row('Luis', 'Gonzalez', 'Diaz', { sortKey: 'a' });
    const surnameAndGiven = row('Pedro', 'Gonzalez', 'Diaz', { sortKey: 'b' });
    expect(rankByName(['gonzalez', 'ped'], [surnameOnly, surnameAndGiven])).toEqual([
      surnameAndGiven,
      surnameOnly,
    ]);
  });

  it('the word order typed does not matter', () => {
    const a = row('Pedro', 'Gonzalez', 'Diaz', { sortKey: 'b' });
    const b = row('Gonzalo', 'Pedreros', 'Diaz', { sortKey: 'a' });
    const c = row('Luis', 'Perez', 'Gonzalez', { sortKey: 'c' });
    const one = rankByName(['gonzalez', 'ped'], [a, b, c]);
    const other = rankByName(['ped', 'gonzalez'], [c, b, a]);
    expect(one).toEqual(other);
    expect(one[0]).toBe(a);
  });

  it('first surname + first name beats second surname + first name', () => {
    const first = row('Pedro', 'Munoz', 'Rojas', { sortKey: 'b' });
    const second = row('Pedro', 'Rojas', 'Munoz', { sortKey: 'a' });
    expect(rankByName(['munoz', 'pedro'], [second, first])).toEqual([first, second]);
  });
});

describe('rankByName: accents and case', () => {
  it("'munoz' matches 'Muñoz' exactly as first surname", () => {
    const accented = row('Juan', 'Muñoz', 'Pérez', { sortKey: 'b' });
    const other = row('Munoz', 'Diaz', 'Rojas', { sortKey: 'a' });
    expect(rankByName(['munoz'], [other, accented])).toEqual([accented, other]);
  });

  it('accents and capitals in every name part are ignored', () => {
    const a = row('JOSÉ ÁNGEL', 'IBÁÑEZ', 'NÚÑEZ', { sortKey: 'a' });
    const b = row('Luis', 'Diaz', 'Rojas', { sortKey: 'b' });
    expect(rankByName(['ibanez'], [b, a])[0]).toBe(a);
    expect(rankByName(['jose'], [b, a])[0]).toBe(a);
    expect(rankByName(['angel'], [b, a])[0]).toBe(a);
    expect(rankByName(['nun'], [b, a])[0]).toBe(a);
  });

  it('an accented match ranks the same as the plain spelling', () => {
    const accented = row('Juan', 'Muñoz', 'Diaz', { rut: 2, sortKey: 'munoz' });
    const plain = row('Juan', 'Munoz', 'Diaz', { rut: 1, sortKey: 'munoz' });
    // Same score, same sortKey: only the rut decides.
    expect(ruts(rankByName(['munoz'], [accented, plain]))).toEqual([1, 2]);
  });
});

describe('rankByName: ties', () => {
  it('equal scores are ordered by sortKey', () => {
    const c = row('Juan', 'Soto', 'C', { sortKey: 'soto c juan' });
    const a = row('Juan', 'Soto', 'A', { sortKey: 'soto a juan' });
    const b = row('Juan', 'Soto', 'B', { sortKey: 'soto b juan' });
    expect(rankByName(['soto'], [c, a, b])).toEqual([a, b, c]);
  });

  it('equal scores and sortKeys are ordered by rut', () => {
    const rows = [30, 10, 20].map((rut) => row('Juan', 'Soto', 'Diaz', { rut, sortKey: 'same' }));
    expect(ruts(rankByName(['soto'], rows))).toEqual([10, 20, 30]);
  });

  it('rows that match nothing are ordered by sortKey then rut', () => {
    const rows = [
      row('X', 'Y', 'Z', { rut: 5, sortKey: 'b' }),
      row('X', 'Y', 'Z', { rut: 9, sortKey: 'a' }),
      row('X', 'Y', 'Z', { rut: 1, sortKey: 'b' }),
    ];
    expect(ruts(rankByName(['nada'], rows))).toEqual([9, 1, 5]);
  });

  it('a higher score wins over an earlier sortKey and a lower rut', () => {
    const early = row('Juan', 'Diaz', 'Soto', { rut: 1, sortKey: 'a' });
    const late = row('Juan', 'Soto', 'Diaz', { rut: 99, sortKey: 'z' });
    expect(ruts(rankByName(['soto'], [early, late]))).toEqual([99, 1]);
  });
});

describe('rankByName: purity', () => {
  it('does not mutate the input array or its rows', () => {
    const rows = [
      row('Ana', 'Zapata', 'Soto', { sortKey: 'a' }),
      row('Pedro', 'Sotomayor', 'Lagos', { sortKey: 'b' }),
    ];
    const copy = rows.map((r) => ({ ...r }));
    const order = [...rows];
    const ranked = rankByName(['so'], rows);
    expect(ranked).not.toBe(rows);
    expect(ranked[0]).toBe(order[1]);
    expect(rows).toEqual(copy);
    expect(rows[0]).toBe(order[0]);
    expect(rows[1]).toBe(order[1]);
  });

  it('keeps extra fields of the rows (generic rows come back as given)', () => {
    const rows = [{ ...row('Ana', 'Soto', 'Diaz'), companyName: 'ACME' }];
    const ranked = rankByName(['soto'], rows);
    expect(ranked[0]?.companyName).toBe('ACME');
    expect(ranked[0]).toBe(rows[0]);
  });

  it('an empty window stays empty', () => {
    expect(rankByName(['soto'], [])).toEqual([]);
  });

  it('no words keeps sortKey order', () => {
    const rows = [
      row('A', 'B', 'C', { rut: 2, sortKey: 'b' }),
      row('A', 'B', 'C', { rut: 1, sortKey: 'a' }),
    ];
    expect(ruts(rankByName([], rows))).toEqual([1, 2]);
  });
});

describe('rankByName: compound names', () => {
  it('matches each part of a hyphenated or apostrophised surname as a first surname', () => {
    const second = row('Ana', 'Soto', 'Cotapos', { sortKey: 'a' });
    const first = row('Luis', 'Pérez-Cotapos', 'Vial', { sortKey: 'z' });
    expect(ruts(rankByName(['cotapos'], [second, first]))).toEqual([first.rut, second.rut]);
    const higgins = row('Bernardo', "O'Higgins", 'Riquelme', { sortKey: 'z' });
    expect(ruts(rankByName(['higgins'], [second, higgins]))[0]).toBe(higgins.rut);
  });
});

describe('rankByName: the surnames in the order dictated', () => {
  // Alphabetical order would put «Díaz Rojas» first.
  const diazRojas = row('Juan Manuel', 'Díaz', 'Rojas', { sortKey: 'a' });
  const rojasDiaz = row('Juan Pablo', 'Rojas', 'Díaz', { sortKey: 'b' });

  it('«rojas diaz» is Rojas Díaz before Díaz Rojas, and the other way round', () => {
    expect(rankByName(['rojas', 'diaz'], [diazRojas, rojasDiaz])).toEqual([rojasDiaz, diazRojas]);
    expect(rankByName(['diaz', 'rojas'], [rojasDiaz, diazRojas])).toEqual([diazRojas, rojasDiaz]);
  });

  it('with the given name dictated first too', () => {
    expect(rankByName(['juan', 'rojas', 'diaz'], [diazRojas, rojasDiaz])).toEqual([
      rojasDiaz,
      diazRojas,
    ]);
  });

  it('is worth less than a better match: an exact first surname still wins', () => {
    const rojasDiazPrefix = row('Juan', 'Rojasco', 'Díaz', { sortKey: 'c' });
    const diazRojasExact = row('Juan', 'Díaz', 'Rojas', { sortKey: 'd' });
    // «diaz» exact on the first surname (10) + «rojas» on the second (2) beats «rojas» as a
    // prefix of the first (8) + «diaz» exact on the second (2) + the order (0.5).
    expect(rankByName(['rojas', 'diaz'], [rojasDiazPrefix, diazRojasExact])).toEqual([
      diazRojasExact,
      rojasDiazPrefix,
    ]);
  });
});

describe('rankByName by sound', () => {
  it('ranks a name written as heard, or one slip away, as the name written right', () => {
    const second = row('Pedro', 'Alarcón', 'González', { sortKey: 'a' });
    const first = row('Pedro Andrés', 'González', 'Muñoz', { sortKey: 'z' });
    for (const words of [
      ['gonsales', 'pedro'],
      ['gonzlaez', 'pedro'],
    ]) {
      expect(ruts(rankByName(words, [second, first], 'sound')), words.join(' ')).toEqual(
        ruts([first, second]),
      );
    }
    // Short words are no slip of anything: «peto» is not «pedro».
    expect(rankByName(['peto'], [second, first], 'sound')).toEqual([second, first]);
  });
});
