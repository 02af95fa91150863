/**
 * Reading a company's file (src/main/bulk/parse-file.ts) over files written the way Excel on
 * Windows saves them (test/support/bulk-files.ts), and refusing what is not such a file.
 */
import { describe, expect, it } from 'vitest';
import { BulkFileError, parseBulkFile, unclosedQuoteLine } from '../../src/main/bulk/parse-file';
import { BULK_MAX_FILE_BYTES, BULK_MAX_ROWS } from '../../src/shared/rules/bulk-load';
import { bulkMessages } from '../../src/shared/messages';
import { excelCsv1252, excelCsvText, excelCsvUtf8, windows1252, xlsx } from '../support/bulk-files';

const ROWS = [
  ['RUT', 'Correo electrónico', 'Estado'],
  ['12.345.678-5', 'pedro.gonzalez@andes.cl', 'Habilitado'],
  ['11111111-1', 'maría.muñoz@andes.cl', 'inhabilitado'],
  ['98765433', '', 'INHABILITADO'],
];

const picked = (file: Awaited<ReturnType<typeof parseBulkFile>>) =>
  file.rows.map((row) => [row.line, row.rut, row.email, row.state]);

async function refused(bytes: Uint8Array): Promise<BulkFileError> {
  try {
    await parseBulkFile(bytes);
  } catch (error) {
    if (error instanceof BulkFileError) return error;
    throw error;
  }
  throw new Error('accepted');
}

const refusal = async (bytes: Uint8Array): Promise<string> => (await refused(bytes)).code;

describe('parseBulkFile', () => {
  it('reads "CSV (delimitado por comas)" from a Spanish Excel: `;`, Windows-1252, CRLF', async () => {
    const file = await parseBulkFile(excelCsv1252(ROWS));
    expect(file).toMatchObject({ format: 'csv', encoding: 'windows-1252', separator: ';' });
    expect(picked(file)).toEqual([
      [2, '12.345.678-5', 'pedro.gonzalez@andes.cl', 'Habilitado'],
      [3, '11111111-1', 'maría.muñoz@andes.cl', 'inhabilitado'],
      [4, '98765433', '', 'INHABILITADO'],
    ]);
    expect(file.header).toEqual(['RUT', 'Correo electrónico', 'Estado']);
  });

  it('reads "CSV UTF-8" with its BOM, and UTF-8 without one', async () => {
    for (const bytes of [excelCsvUtf8(ROWS), excelCsvUtf8(ROWS, false)]) {
      const file = await parseBulkFile(bytes);
      expect(file.encoding).toBe('utf-8');
      expect(file.header[0]).toBe('RUT');
      expect(file.rows[1]!.email).toBe('maría.muñoz@andes.cl');
    }
  });

  it('reads "Texto Unicode" (UTF-16 with BOM, tab-separated)', async () => {
    const text = excelCsvText(ROWS, '\t');
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const file = await parseBulkFile(bytes);
    expect(file).toMatchObject({ encoding: 'utf-16le', separator: '\t' });
    expect(file.rows[1]!.email).toBe('maría.muñoz@andes.cl');
  });

  it('keeps quoted fields whole: separators and line breaks inside, doubled quotes', async () => {
    const rows = [
      ['Estado', 'correo', 'rut', 'Observación'],
      ['habilitado', 'ana@espiga.cl', '12.345.678-5', 'dijo "urgente"; llamar\r\nen la tarde'],
      ['inhabilitado', '', '11.111.111-1', 'sin nota'],
    ];
    const file = await parseBulkFile(excelCsv1252(rows));
    expect(file.columns).toEqual({ rut: 2, email: 1, state: 0 });
    expect(file.rows[0]!.cells[3]).toBe('dijo "urgente"; llamar\r\nen la tarde');
    // The spreadsheet's row numbers, not the text's lines.
    expect(file.rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it('recognises headers in any order, case and accents, after a title row', async () => {
    const rows = [
      ['Nómina de usuarios — Panadería La Espiga', '', ''],
      ['', '', ''],
      ['ESTADO', 'E-mail', 'Rut Trabajador'],
      ['Inhabilitada', 'x@espiga.cl', '12345678-5'],
    ];
    const file = await parseBulkFile(excelCsv1252(rows));
    expect(file.columns).toEqual({ rut: 2, email: 1, state: 0 });
    expect(picked(file)).toEqual([[4, '12345678-5', 'x@espiga.cl', 'Inhabilitada']]);
  });

  it('reads a comma-separated file too', async () => {
    const file = await parseBulkFile(new TextEncoder().encode(excelCsvText(ROWS, ',')));
    expect(file.separator).toBe(',');
    expect(file.rows).toHaveLength(3);
  });

  it('joins an RUT split into body and check digit columns', async () => {
    const file = await parseBulkFile(
      excelCsv1252([
        ['RUT', 'DV', 'Correo'],
        ['12345678', '5', 'a@b.cl'],
      ]),
    );
    expect(file.rows[0]!.rut).toBe('12345678-5');
  });

  it('reads an .xlsx directly, numbers typed as numbers included', async () => {
    const file = await parseBulkFile(
      xlsx([
        ['Rut', 'Correo Electrónico', 'Estado'],
        [123456785, 'pedro@andes.cl', 'Habilitado'],
        ['11.111.111-1', '', 'inhabilitado'],
      ]),
    );
    expect(file).toMatchObject({ format: 'xlsx', encoding: null });
    expect(picked(file)).toEqual([
      [2, '123456785', 'pedro@andes.cl', 'Habilitado'],
      [3, '11.111.111-1', '', 'inhabilitado'],
    ]);
  });

  it('tells the format by the bytes: an .xlsx renamed .csv is still read', async () => {
    const file = await parseBulkFile(
      xlsx([
        ['RUT', 'Estado'],
        ['1-9', 'habilitado'],
      ]),
    );
    expect(file.rows).toHaveLength(1);
  });

  it('refuses an empty file, and one with only a header or blank lines', async () => {
    expect(await refusal(new Uint8Array())).toBe('empty');
    expect(await refusal(windows1252('\r\n;;\r\n'))).toBe('empty');
    expect(await refusal(excelCsv1252([['RUT', 'Correo', 'Estado']]))).toBe('empty');
  });

  it('refuses a binary file renamed .csv, and an old .xls', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(await refusal(png)).toBe('binary');
    const pdfish = windows1252('%PDF-1.7\n\u0001\u0002\u0003 binario');
    expect(await refusal(pdfish)).toBe('binary');
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await refusal(ole)).toBe('old_excel');
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect(await refusal(zip)).toBe('unreadable_xlsx');
  });

  it('says where a quote that never closes opened, not where the file ended', async () => {
    const file = windows1252(
      'RUT;Correo;Estado\r\n12.345.678-5;"pedro@andes.cl;Habilitado\r\n11111111-1;m@andes.cl;inhabilitado\r\n98765433;;INHABILITADO\r\n',
    );
    const error = await refused(file);
    expect(error).toMatchObject({ code: 'unreadable_csv', params: { line: 2 } });
    // Quotes that close, doubled inside, are no such place.
    expect(unclosedQuoteLine('a;"b ""c"" d";e\n"x\ny";z\n', ';')).toBeNull();
    expect(unclosedQuoteLine('a;b\nc;d"e\n"f;g\n', ';')).toBe(3);
  });

  it('refuses a file without a recognisable header', async () => {
    expect(
      await refusal(
        excelCsv1252([
          ['Nombre', 'Cargo'],
          ['Ana', 'Jefa'],
        ]),
      ),
    ).toBe('no_header');
    // An RUT column alone changes nothing.
    expect(await refusal(excelCsv1252([['RUT'], ['1-9']]))).toBe('no_header');
  });

  it('refuses a header where two columns say the same, naming them: neither is chosen silently', async () => {
    const twice = excelCsv1252([
      ['RUT', 'correo', 'correo', 'estado'],
      ['12345678-5', 'pedro.gonzalez@gmail.com', 'otro@gmail.com', 'habilitado'],
    ]);
    expect(await refusal(twice)).toBe('repeated_column');
    expect(bulkMessages.fileError('repeated_column', (await refused(twice)).params)).toBe(
      'La columna «correo» aparece dos veces: deje solo la que corresponde y cargue el archivo de nuevo.',
    );
    const synonyms = excelCsv1252([
      ['RUT', 'Correo', 'Email'],
      ['12345678-5', 'pedro.gonzalez@gmail.com', 'otro@gmail.com'],
    ]);
    expect(bulkMessages.fileError('repeated_column', (await refused(synonyms)).params)).toBe(
      'Las columnas «Correo» y «Email» dicen lo mismo: deje solo la que corresponde y cargue el archivo de nuevo.',
    );
  });

  it(`refuses more than ${BULK_MAX_ROWS.toLocaleString('es-CL')} rows, and accepts exactly that many`, async () => {
    const header = 'RUT;Estado\r\n';
    const exact = header + '1-9;habilitado\r\n'.repeat(BULK_MAX_ROWS);
    expect((await parseBulkFile(new TextEncoder().encode(exact))).rows).toHaveLength(BULK_MAX_ROWS);
    const over = exact + '1-9;habilitado\r\n';
    expect(await refusal(new TextEncoder().encode(over))).toBe('too_many_rows');
  });

  it('refuses a file over the size limit before reading it', async () => {
    expect(await refusal(new Uint8Array(BULK_MAX_FILE_BYTES + 1))).toBe('too_large');
  });
});
