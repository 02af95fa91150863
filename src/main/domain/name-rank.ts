/**
 * Orders the bounded window of name matches the way an agent reads a dictated name: persons
 * whose first surname starts with a typed word first, then second surname, then given names;
 * alphabetical within each rank. Pure; runs over at most a few hundred rows.
 */
import { foldText } from '../../shared/text';

export type NameRow = {
  rut: number;
  givenNames: string;
  lastName1: string;
  lastName2: string;
  sortKey: string;
};

export function rankByName<T extends NameRow>(words: string[], rows: T[]): T[] {
  const scored = rows.map((row) => ({ row, score: score(words, row) }));
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.row.sortKey < b.row.sortKey ? -1 : a.row.sortKey > b.row.sortKey ? 1 : 0) ||
      a.row.rut - b.row.rut,
  );
  return scored.map((entry) => entry.row);
}

function score(words: string[], row: NameRow): number {
  const last1 = foldText(row.lastName1).split(' ');
  const last2 = foldText(row.lastName2).split(' ');
  const given = foldText(row.givenNames).split(' ');
  let total = 0;
  for (const word of words) {
    const exact = (parts: string[]) => parts.includes(word);
    const prefix = (parts: string[]) => parts.some((part) => part.startsWith(word));
    const first = given.slice(0, 1);
    if (prefix(last1)) total += exact(last1) ? 10 : 8;
    else if (prefix(first)) total += exact(first) ? 6 : 5;
    else if (prefix(given)) total += exact(given) ? 4 : 3;
    else if (prefix(last2)) total += exact(last2) ? 2 : 1;
  }
  return total;
}
