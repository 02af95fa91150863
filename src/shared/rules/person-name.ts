/**
 * Whether the names typed for a new person are those of the person already registered under the
 * same RUT. An officer adds a company user by RUT while offline, with the names the company's
 * representative gives; when the central already holds that RUT, a mistyped RUT (its check digit
 * right by chance) or a stranger's would otherwise give company access to someone else, and bring
 * their record onto his laptop. The same first surname, and the first given name typed among the
 * registered ones: «María» matches «María José»; the second surname only when both are known.
 */
import { words } from '../text';

export type PersonNames = { givenNames: string; lastName1: string; lastName2: string };

export function sameNamedPerson(registered: PersonNames, typed: PersonNames): boolean {
  const joined = (text: string) => words(text).join(' ');
  if (joined(typed.lastName1) === '' || joined(typed.lastName1) !== joined(registered.lastName1)) {
    return false;
  }
  const typedLast2 = joined(typed.lastName2);
  const registeredLast2 = joined(registered.lastName2);
  if (typedLast2 !== '' && registeredLast2 !== '' && typedLast2 !== registeredLast2) return false;
  const firstGiven = words(typed.givenNames)[0];
  return firstGiven !== undefined && words(registered.givenNames).includes(firstGiven);
}

/** Lower-case joining words of Chilean and Spanish names, kept lower-case inside a name. */
const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'y',
  'e',
  'da',
  'do',
  'dos',
  'van',
  'von',
]);

/** Letters of any alphabet, with the marks, apostrophes, hyphens and dots names carry. */
const NAME = /^\p{L}[\p{L}\p{M}'’.-]*(?: [\p{L}\p{M}'’.-]+)*$/u;

/**
 * A name as a new person's record keeps it: spaces tidied, and written in one case only (all
 * lower or all upper, as typed in a hurry) turned to «Peña», «María de la Luz»; mixed case
 * (McCarthy, DeLuca) kept as typed. Null when it is not a name: digits, symbols, emoji.
 * An empty text stays empty (the second surname may be).
 */
export function tidyPersonName(input: string): string | null {
  const spaced = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (spaced === '') return '';
  if (!NAME.test(spaced)) return null;
  if (spaced !== spaced.toLowerCase() && spaced !== spaced.toUpperCase()) return spaced;
  return spaced
    .toLowerCase()
    .split(' ')
    .map((word, i) =>
      i > 0 && PARTICLES.has(word)
        ? word
        : word.replace(
            /(^|[-'’])(\p{L})/gu,
            (_, before: string, letter: string) => before + letter.toUpperCase(),
          ),
    )
    .join(' ');
}
