/**
 * One field of every CSV the app writes (audit export, bulk-load files): quoted when it holds
 * the separator, a quote or a line break (quotes doubled), and a leading = + - @ (or tab,
 * carriage return) neutralised with an apostrophe, so a spreadsheet never runs the cell as a
 * formula (OWASP "CSV injection"). A comma is quoted too, though the files are `;`-separated:
 * opened where the list separator is the comma (or the audit's machine export, which is
 * comma-separated), «x,=cmd» stays one cell instead of becoming a formula in the next.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;,"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The BOM Excel needs to read UTF-8 accents. */
export const CSV_BOM = '\ufeff';
/** The separator of Chilean spreadsheets (the decimal separator there is the comma). */
export const CSV_SEPARATOR = ';';

/** A whole file: BOM, one line per row, CRLF line ends. */
export function csvFile(rows: Iterable<ReadonlyArray<string | number | null | undefined>>): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map((cell) => csvCell(cell)).join(CSV_SEPARATOR));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
