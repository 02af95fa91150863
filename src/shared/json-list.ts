/**
 * Lists kept as JSON text in a column (a membership's modules, a company's portals): the strings
 * they hold, and nothing — never a throw — when the text is not the JSON list it should be.
 */

/** The strings of a value that should be a list of them. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** The strings of a column's JSON list. */
export function parseStringList(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    return stringList(JSON.parse(json));
  } catch {
    return [];
  }
}
