/**
 * How a name's word sounds in Chilean Spanish, as one key: words spelt differently that sound
 * alike get the same key («Silva» and «Silba», «Francisca» and «Fransisca», «Muñoz» and «Muños»,
 * «Jiménez», «Giménez» and «Ximénez»). A caller dictates a name over the phone and the agent
 * writes what is heard; b/v, s/z/c, ll/y, a silent h, g/j and qu/k are where it goes wrong.
 * Search falls back to these keys when the name as written finds nobody (search-sql.ts), and
 * then to keys one slip of the keyboard away (`withinOneEdit`: «Gonzlaez»).
 *
 * Takes a folded word (shared/text.ts `words`: lower case, no accents, a–z and 0–9): ñ is n by
 * then, so «Ibáñez» and «Ibanes» meet too.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // An x before a vowel at the start is a j in names (Ximena, Xavier); elsewhere it is ks.
  [/^x(?=[aeiou])/, 'j'],
  [/x/g, 'ks'],
  // ch is a sound of its own, kept apart (as x, free by now) from the c and h rules below —
  // but before r or l it is a k (Christian = Cristian); ph is an f (Stephanie = Stefanie).
  [/ch(?=[rl])/g, 'k'],
  [/ch/g, 'x'],
  [/ph/g, 'f'],
  // g before e or i sounds as j (Gimena = Jimena); gu before e or i is a hard g (Guerra).
  [/g(?=[ei])/g, 'j'],
  [/gu(?=[ei])/g, 'g'],
  // qu before e or i, and c before a, o, u or a consonant, are k (Quiroz = Kiroz, Carla = Karla);
  // c before e or i, and z, are s (Cecilia = Sesilia, González = Gonsales).
  [/qu(?=[ei])/g, 'k'],
  [/c(?=[ei])/g, 's'],
  [/[cq]/g, 'k'],
  [/z/g, 's'],
  [/v/g, 'b'],
  // ll and y before a vowel are one sound (Llanos = Yanos); a y that ends a syllable is an i
  // (Godoy = Godoi).
  [/ll/g, 'y'],
  [/y(?![aeiou])/g, 'i'],
  // A silent h (Hernández = Ernández, Jonathan = Jonatan).
  [/h/g, ''],
  // n before b or p is said m (Canpos = Campos).
  [/n(?=[bp])/g, 'm'],
  // A doubled letter is said once (Gutiérrez = Gutiérez, Mattías = Matías).
  [/([a-z])\1+/g, '$1'],
];

/**
 * The sound key of one folded word (see above); digits are kept as they are. The keys of the
 * persons' terms are stored (person_sounds, migration 0040): a change of these rules needs a
 * migration that fills that table again.
 */
export function nameSound(word: string): string {
  let key = word;
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  return key;
}

/**
 * Whether two keys are at most one slip apart: a letter changed, added or left out, or two
 * neighbours swapped (the Damerau–Levenshtein distance is 0 or 1). Linear in their length.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  if (a.length === b.length) {
    if (at === a.length || a.slice(at + 1) === b.slice(at + 1)) return true;
    return a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
  }
  return a.length > b.length ? a.slice(at + 1) === b.slice(at) : a.slice(at) === b.slice(at + 1);
}
