/** Lower-case, accent-free form used for sorting and matching names (`Muñoz` → `munoz`). */
export function foldText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Words of a folded text: letters and digits only, so search syntax never reaches SQL. */
export function words(input: string): string[] {
  return foldText(input)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/**
 * The start of a long text for a list's cell: at most `lines` lines and about `chars`
 * characters, cut at a word and ended with «…»; null when the whole text fits (nothing hidden).
 */
export function textPreview(text: string, lines = 3, chars = 200): string | null {
  const kept = text.split('\n').slice(0, lines).join('\n');
  if (kept === text && text.length <= chars) return null;
  if (kept.length <= chars) return `${kept.trimEnd()}…`;
  const cut = kept.slice(0, chars);
  const space = cut.search(/\s\S*$/);
  return `${(space > chars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
