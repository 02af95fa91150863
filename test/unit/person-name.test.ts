import { describe, expect, it } from 'vitest';
import { sameNamedPerson, tidyPersonName } from '../../src/shared/rules/person-name';

const ROSA = { givenNames: 'Rosa Elena', lastName1: 'Fuentes', lastName2: 'Tapia' };

describe('sameNamedPerson', () => {
  it('takes the names as given on the line: any registered given name, accents and case aside', () => {
    expect(sameNamedPerson(ROSA, ROSA)).toBe(true);
    expect(sameNamedPerson(ROSA, { givenNames: 'rosa', lastName1: 'FUENTES', lastName2: '' })).toBe(
      true,
    );
    expect(
      sameNamedPerson(ROSA, { givenNames: 'Elena', lastName1: 'Fuentes', lastName2: 'Tapia' }),
    ).toBe(true);
    expect(
      sameNamedPerson(
        { givenNames: 'José Miguel', lastName1: 'Muñoz', lastName2: '' },
        { givenNames: 'Jose', lastName1: 'Munoz', lastName2: 'Pérez' },
      ),
    ).toBe(true);
  });

  it('refuses another first surname, another second one, or a given name not registered', () => {
    expect(sameNamedPerson(ROSA, { ...ROSA, lastName1: 'Fuentealba' })).toBe(false);
    expect(sameNamedPerson(ROSA, { ...ROSA, lastName2: 'Torres' })).toBe(false);
    expect(sameNamedPerson(ROSA, { ...ROSA, givenNames: 'Carla Rosa' })).toBe(false);
  });

  it('refuses names that say nothing', () => {
    expect(sameNamedPerson(ROSA, { givenNames: ' ', lastName1: 'Fuentes', lastName2: '' })).toBe(
      false,
    );
    expect(sameNamedPerson(ROSA, { givenNames: 'Rosa', lastName1: '—', lastName2: '' })).toBe(
      false,
    );
  });
});

describe('a new person’s names as kept', () => {
  it('tidies spaces and a single case, and keeps mixed case as typed', () => {
    expect(tidyPersonName('  josé   ignacio  ')).toBe('José Ignacio');
    expect(tidyPersonName(' PEÑA ')).toBe('Peña');
    expect(tidyPersonName('maría de la luz')).toBe('María de la Luz');
    expect(tidyPersonName('DEL RÍO')).toBe('Del Río');
    expect(tidyPersonName("o'higgins")).toBe("O'Higgins");
    expect(tidyPersonName('pérez-cotapos')).toBe('Pérez-Cotapos');
    expect(tidyPersonName('McCarthy')).toBe('McCarthy');
    expect(tidyPersonName('')).toBe('');
    expect(tidyPersonName('   ')).toBe('');
  });

  it('refuses what is not a name', () => {
    for (const typed of ['😀😀', '<script>', 'Juan2', '12345', 'ana@b.cl', '-', "'x"]) {
      expect(tidyPersonName(typed), typed).toBeNull();
    }
  });
});
