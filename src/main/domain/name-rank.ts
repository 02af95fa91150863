/**
 * Orders the bounded window of name matches the way an agent reads a dictated name: persons
 * whose first surname starts with a typed word first, then first given name, other given
 * names, second surname; with both surnames typed, the one whose surnames come in the order
 * typed (Chileans dictate the father's first: «Rojas Díaz» is not «Díaz Rojas»); alphabetical
 * within each rank. Names found by how they sound (shared/name-sound.ts) are ranked the same
 * way with every word taken as its sound key, a key one slip from a part counting as its start.
 * Pure; runs over a few hundred rows.
 */
import { nameSound, withinOneEdit } from '../../shared/name-sound';
import { words as wordsIn } from '../../shared/text';

export type NameRow = {
  rut: number;
  givenNames: string;
  lastName1: string;
  lastName2: string;
  sortKey: string;
};

const NONE = 0;
const PREFIX = 1;
const EXACT = 2;

// Names repeat heavily (a few hundred given names and surnames cover most people), so their
// folded words (and their sound keys) are cached; the bound keeps an unusual dataset from growing
// either without limit.
const foldedWords = new Map<string, string[]>();
const soundedWords = new Map<string, string[]>();
const CACHE_LIMIT = 20_000;

function cached(cache: Map<string, string[]>, name: string, make: () => string[]): string[] {
  let words = cache.get(name);
  if (words === undefined) {
    words = make();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(name, words);
  }
  return words;
}

const wordsOf = (name: string) => cached(foldedWords, name, () => wordsIn(name));
const soundsOf = (name: string) => cached(soundedWords, name, () => wordsOf(name).map(nameSound));

/**
 * How a word matches one of the parts: whole, as its start, or — by sound, a key of five letters
 * or more — one slip away (withinOneEdit: «gonzlaez» is González's), which counts as a start.
 */
function match(
  parts: string[],
  word: string,
  bySound: boolean,
  from = 0,
  to = parts.length,
): number {
  let found = NONE;
  for (let i = from; i < to; i++) {
    const part = parts[i]!;
    if (part === word) return EXACT;
    if (found !== NONE) continue;
    if (part.startsWith(word) || (bySound && word.length >= 5 && withinOneEdit(part, word))) {
      found = PREFIX;
    }
  }
  return found;
}

function score(
  words: string[],
  row: NameRow,
  partsOf: (name: string) => string[],
  bySound = false,
): number {
  const last1 = partsOf(row.lastName1);
  const given = partsOf(row.givenNames);
  const last2 = partsOf(row.lastName2);
  let total = 0;
  let first = -1;
  let second = -1;
  words.forEach((word, at) => {
    let m: number;
    if ((m = match(last1, word, bySound)) !== NONE) {
      total += m === EXACT ? 10 : 8;
      if (first < 0) first = at;
    } else if ((m = match(given, word, bySound, 0, 1)) !== NONE) total += m === EXACT ? 6 : 5;
    else if ((m = match(given, word, bySound, 1)) !== NONE) total += m === EXACT ? 4 : 3;
    else if ((m = match(last2, word, bySound)) !== NONE) {
      total += m === EXACT ? 2 : 1;
      if (second < 0) second = at;
    }
  });
  // The surnames in the order dictated: less than any match is worth, more than none.
  return first >= 0 && second > first ? total + 0.5 : total;
}

export function rankByName<T extends NameRow>(
  words: string[],
  rows: T[],
  by: 'spelling' | 'sound' = 'spelling',
): T[] {
  const scored =
    by === 'spelling'
      ? rows.map((row) => ({ row, score: score(words, row, wordsOf) }))
      : rows.map((row) => ({ row, score: score(words.map(nameSound), row, soundsOf, true) }));
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.row.sortKey < b.row.sortKey ? -1 : a.row.sortKey > b.row.sortKey ? 1 : 0) ||
      a.row.rut - b.row.rut,
  );
  return scored.map((entry) => entry.row);
}
