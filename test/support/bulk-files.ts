/**
 * Files the way companies send them for a bulk load (issue 8): CSV as Excel on Windows saves it
 * ("CSV (delimitado por comas)": `;`, Windows-1252, CRLF; "CSV UTF-8": with a BOM) and a real
 * `.xlsx` (the Office Open XML parts Excel writes, zipped), built here so the tests own them.
 */
import type Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';

/** Windows-1252 bytes of a Spanish text (Latin-1 range; the few 0x80–0x9F signs mapped). */
export function windows1252(text: string): Uint8Array {
  const extra: Record<string, number> = {
    '€': 0x80,
    '‚': 0x82,
    '„': 0x84,
    '…': 0x85,
    '–': 0x96,
    '—': 0x97,
    '‘': 0x91,
    '’': 0x92,
    '“': 0x93,
    '”': 0x94,
  };
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const code = extra[char] ?? char.charCodeAt(0);
    if (code > 0xff) throw new Error(`not in Windows-1252: ${char}`);
    bytes[i] = code;
  }
  return bytes;
}

/** A cell as Excel quotes it: only when it holds the separator, a quote or a line break. */
function excelCell(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

/** The text of a CSV as Excel writes it: CRLF after every row, the last one included. */
export function excelCsvText(rows: string[][], separator = ';'): string {
  return (
    rows.map((row) => row.map((cell) => excelCell(cell, separator)).join(separator)).join('\r\n') +
    '\r\n'
  );
}

/** "CSV (delimitado por comas)" on a Spanish Windows: `;` and Windows-1252. */
export function excelCsv1252(rows: string[][]): Uint8Array {
  return windows1252(excelCsvText(rows));
}

/** "CSV UTF-8 (delimitado por comas)": a BOM, then UTF-8. */
export function excelCsvUtf8(rows: string[][], bom = true): Uint8Array {
  return strToU8((bom ? '\ufeff' : '') + excelCsvText(rows));
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/**
 * An `.xlsx` with one sheet: text in shared strings, numbers as numbers (an RUT body typed as a
 * number is what Excel keeps when a column holds only digits).
 */
export function xlsx(rows: Array<Array<string | number>>): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sheetRows = rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          const ref = `${columnName(c)}${r + 1}`;
          if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
          if (value === '') return '';
          let i = index.get(value);
          if (i === undefined) {
            i = strings.length;
            strings.push(value);
            index.set(value, i);
          }
          return `<c r="${ref}" t="s"><v>${i}</v></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Usuarios" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${xml(s)}</t></si>`).join('')}</sst>`,
  };
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])),
  );
}

/**
 * The adherent company with most active members, and its active members by RUT (the first
 * `count`, or all of them).
 */
export function largestCompanyMembers(sqlite: Database.Database, count = -1) {
  const company = sqlite
    .prepare(
      `SELECT c.rut, c.dv FROM companies c JOIN memberships m ON m.company_rut = c.rut
       WHERE c.adherent = 1 AND m.state = 'active' GROUP BY c.rut ORDER BY count(*) DESC LIMIT 1`,
    )
    .get() as { rut: number; dv: string };
  const members = sqlite
    .prepare(
      `SELECT p.rut, p.dv, p.email, m.state FROM memberships m JOIN persons p ON p.rut = m.person_rut
       WHERE m.company_rut = ? AND m.state = 'active' ORDER BY p.rut LIMIT ?`,
    )
    .all(company.rut, count) as Array<{
    rut: number;
    dv: string;
    email: string | null;
    state: string;
  }>;
  return { company, members };
}
