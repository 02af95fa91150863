/**
 * How a name's word sounds in Chilean Spanish, as one key: words spelt differently that sound
 * alike get the same key («Silva» and «Silba», «Francisca» and «Fransisca», «Muñoz» and «Muños»,
 * «Jiménez», «Giménez» and «Ximénez»). A caller dictates a name over the phone and the agent
 * writes what is heard; b/v, s/z/c, ll/y, a silent h, g/j and qu/k are where it goes wrong.
 * Search falls back to these keys when the name as written finds nobody (search-sql.ts).
 *
 * Takes a folded word (shared/text.ts `words`: lower case, no accents, a–z and 0–9): ñ is n by
 * then, so «Ibáñez» and «Ibanes» meet too.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // An x before a vowel at the start is a j in names (Ximena, Xavier); elsewhere it is ks.
  [/^x(?=[aeiou])/, 'j'],
  [/x/g, 'ks'],
  // ch is a sound of its own: kept apart (as x, free by now) from the c and h rules below.
  [/ch/g, 'x'],
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
  // A doubled letter is said once (Gutiérrez = Gutiérez, Cecilia = Ceccilia).
  [/([a-z])\1+/g, '$1'],
];

/** The sound key of one folded word (see above); digits are kept as they are. */
export function nameSound(word: string): string {
  let key = word;
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  return key;
}
