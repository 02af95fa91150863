/**
 * Reads the file a company sends for a bulk load (issue 8), as companies really send it: CSV
 * saved by a Chilean Excel (`;` between fields, Windows-1252, or UTF-8 with or without BOM, or
 * the "Unicode text" UTF-16 export; quoted fields with separators and line breaks; CRLF) or
 * `.xlsx` read directly. The format is told by the bytes, never by the file's name. Anything
 * else is refused with a code the catalogue words in Spanish: nothing is guessed.
 */
import { parse } from 'csv-parse/sync';
import {
  BULK_MAX_FILE_BYTES,
  BULK_MAX_ROWS,
  recogniseHeader,
  rutReader,
  type BulkRowInput,
  type ColumnRole,
} from '../../shared/rules/bulk-load';

export type BulkFileErrorCode =
  | 'empty'
  | 'too_large'
  | 'too_many_rows'
  | 'binary'
  | 'old_excel'
  | 'unreadable_xlsx'
  | 'unreadable_csv'
  | 'no_header'
  | 'repeated_column';

export class BulkFileError extends Error {
  constructor(
    readonly code: BulkFileErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export type ParsedFile = {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | null;
  separator: string | null;
  /** The header row as written, so failed rows go back with the same columns. */
  header: string[];
  columns: Partial<Record<ColumnRole, number>>;
  rows: Array<BulkRowInput & { cells: string[] }>;
};

/** How many leading rows may come before the header (a title, a blank line). */
const HEADER_SEARCH_ROWS = 10;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) =>
  magic.every((byte, index) => bytes[index] === byte);

/**
 * CSV is read synchronously (the handler then answers at once); `.xlsx` through read-excel-file,
 * which unzips asynchronously.
 */
export function parseBulkFile(bytes: Uint8Array): ParsedFile | Promise<ParsedFile> {
  if (bytes.length > BULK_MAX_FILE_BYTES) {
    throw new BulkFileError('too_large', { megabytes: BULK_MAX_FILE_BYTES / 1024 / 1024 });
  }
  if (bytes.length === 0) throw new BulkFileError('empty');
  if (startsWith(bytes, ZIP)) {
    return readXlsx(bytes).then((records) => fromSheet(records, 'xlsx', null, null));
  }
  if (startsWith(bytes, OLE2)) throw new BulkFileError('old_excel');
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new BulkFileError('empty');
  const separator = detectSeparator(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      to_line: undefined,
    }) as string[][];
  } catch (error) {
    const failure = error as { code?: string; lines?: number };
    // A quote never closed is where it opened, not where the file ended.
    const line =
      failure.code === 'CSV_QUOTE_NOT_CLOSED'
        ? (unclosedQuoteLine(text, separator) ?? failure.lines)
        : failure.lines;
    throw new BulkFileError('unreadable_csv', { line: typeof line === 'number' ? line : 0 });
  }
  return fromSheet(records, 'csv', encoding, separator);
}

/**
 * The line where a quoted field opens and is never closed, as a spreadsheet writes quotes (at
 * the start of a field, doubled inside it); null when every one closes.
 */
export function unclosedQuoteLine(text: string, separator: string): number | null {
  let line = 1;
  let openedAt: number | null = null;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (openedAt !== null) {
      if (char === '\n') line++;
      else if (char === '"') {
        if (text[i + 1] === '"') i++;
        else {
          openedAt = null;
          fieldStart = false;
        }
      }
      continue;
    }
    if (char === '\n') {
      line++;
      fieldStart = true;
    } else if (char === separator) fieldStart = true;
    else if (char === '"' && fieldStart) openedAt = line;
    else if (char !== '\r' && char !== '\ufeff') fieldStart = false;
  }
  return openedAt;
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  // Loaded when a spreadsheet first arrives, not at every start of the desk (0.15 s of CPU).
  const { readSheet } = await import('read-excel-file/node');
  let data: unknown[][];
  try {
    data = (await readSheet(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    )) as unknown[][];
  } catch {
    throw new BulkFileError('unreadable_xlsx');
  }
  return data.map((row) => row.map(cellText));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * UTF-8 when the bytes are valid UTF-8 (BOM or not); UTF-16 when Excel's "Unicode text" BOM
 * says so; otherwise Windows-1252, what Excel on Windows writes for "CSV (delimitado por comas)".
 * Control characters other than tab and line breaks mean the file is not text at all.
 */
function decodeText(bytes: Uint8Array): { text: string; encoding: ParsedFile['encoding'] } {
  let text: string;
  let encoding: ParsedFile['encoding'];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    encoding = 'utf-16le';
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      if (bytes.includes(0)) throw new BulkFileError('binary');
      text = new TextDecoder('windows-1252').decode(bytes);
      encoding = 'windows-1252';
    }
  }
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  const controls = text.slice(0, 65_536).match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g);
  if (controls && controls.length > 0) throw new BulkFileError('binary');
  return { text, encoding };
}

/** The separator the first line uses most, outside quotes: `;` (Excel Chile), `,` or tab. */
function detectSeparator(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ';';
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

function fromSheet(
  records: string[][],
  format: ParsedFile['format'],
  encoding: ParsedFile['encoding'],
  separator: string | null,
): ParsedFile {
  const blank = (cells: string[]) => cells.every((cell) => cell.trim() === '');
  if (records.every(blank)) throw new BulkFileError('empty');
  let headerIndex = -1;
  let columns: Partial<Record<ColumnRole, number>> | null = null;
  for (let i = 0; i < records.length && i < HEADER_SEARCH_ROWS; i++) {
    const header = recogniseHeader(records[i]!);
    if (header && 'repeated' in header) {
      const [first, second] = header.repeated;
      throw new BulkFileError('repeated_column', { first: first!, second: second! });
    }
    if (header) {
      columns = header;
      headerIndex = i;
      break;
    }
  }
  if (!columns) throw new BulkFileError('no_header', { rows: HEADER_SEARCH_ROWS });
  const dataRows = records.length - headerIndex - 1;
  if (dataRows > BULK_MAX_ROWS) {
    // Blank rows at the end (Excel keeps formatted empty rows) do not count.
    let filled = 0;
    for (let i = headerIndex + 1; i < records.length; i++) if (!blank(records[i]!)) filled += 1;
    if (filled > BULK_MAX_ROWS) {
      throw new BulkFileError('too_many_rows', { rows: filled, max: BULK_MAX_ROWS });
    }
  }
  const cell = (cells: string[], role: ColumnRole): string | null => {
    const index = columns[role];
    if (index === undefined) return null;
    const value = cells[index];
    return value === undefined ? null : value.trim();
  };
  const rows: ParsedFile['rows'] = [];
  const rutOf = rutReader(records[headerIndex]!);
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i]!;
    if (blank(cells)) continue;
    rows.push({
      line: i + 1,
      cells,
      rut: rutOf(cells),
      email: cell(cells, 'email'),
      state: cell(cells, 'state'),
    });
  }
  if (rows.length === 0) throw new BulkFileError('empty');
  return { format, encoding, separator, header: records[headerIndex]!, columns, rows };
}
