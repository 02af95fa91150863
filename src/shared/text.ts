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
