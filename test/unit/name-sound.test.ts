/**
 * The sound key of a name's word (shared/name-sound.ts): names spelt as they were heard over the
 * phone meet the names in the register; names that sound different stay apart.
 */
import { describe, expect, it } from 'vitest';
import { nameSound, withinOneEdit } from '../../src/shared/name-sound';
import { words } from '../../src/shared/text';

const key = (name: string) => words(name).map(nameSound).join(' ');

describe('nameSound', () => {
  it.each([
    ['Silva', 'Silba'],
    ['Francisca', 'Fransisca'],
    ['Francisca', 'Franzisca'],
    ['Muñoz', 'Munos'],
    ['Ibáñez', 'Ibanes'],
    ['González', 'Gonsales'],
    ['Gutiérrez', 'Gutierres'],
    ['Jiménez', 'Giménez'],
    ['Jiménez', 'Ximenez'],
    ['Hernández', 'Ernandez'],
    ['Llanos', 'Yanos'],
    ['Godoy', 'Godoi'],
    ['Quiroz', 'Kiroz'],
    ['Carla', 'Karla'],
    ['Cecilia', 'Sesilia'],
    ['Valdivia', 'Baldivia'],
    ['Sepúlveda', 'Sepulbeda'],
    ['Campos', 'Canpos'],
    ['Jonathan', 'Jonatan'],
    ['Allende', 'Ayende'],
    ['Guillermo', 'Guiyermo'],
    ['Christian', 'Cristian'],
    ['Stephanie', 'Stefanie'],
    ['Matías', 'Mattias'],
  ])('%s sounds like %s', (written, heard) => {
    expect(key(heard)).toBe(key(written));
  });

  it.each([
    ['Rojas', 'Rosas'],
    ['Silva', 'Salas'],
    ['Chávez', 'Cavez'],
    ['Gómez', 'Jómez'],
    ['Pérez', 'Peña'],
    ['Soto', 'Sotomayor'],
  ])('%s does not sound like %s', (one, other) => {
    expect(key(one)).not.toBe(key(other));
  });

  it('leaves digits and letters it has no rule for as they are', () => {
    expect(nameSound('o2')).toBe('o2');
    expect(nameSound('ærø')).toBe('ærø');
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['gonsales', 'gonslaes'],
    ['gonsales', 'gonsale'],
    ['gonsales', 'gonsaless'],
    ['gonsales', 'gomsales'],
    ['silba', 'silba'],
    ['ab', 'ba'],
  ])('%s and %s are one slip apart at most', (a, b) => {
    expect(withinOneEdit(a, b)).toBe(true);
    expect(withinOneEdit(b, a)).toBe(true);
  });

  it.each([
    ['gonsales', 'gosnlaes'],
    ['gonsales', 'gonsa'],
    ['rojas', 'rosaj'],
    ['silba', 'salas'],
    ['abc', 'cab'],
  ])('%s and %s are further apart', (a, b) => {
    expect(withinOneEdit(a, b)).toBe(false);
    expect(withinOneEdit(b, a)).toBe(false);
  });
});
