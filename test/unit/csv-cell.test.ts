/**
 * The one CSV field writer (src/shared/csv-cell.ts): every CSV the app writes — the audit export
 * and the bulk-load files — neutralises formulas (OWASP "CSV injection") and quotes what Excel
 * would otherwise split.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, csvFile } from '../../src/shared/csv-cell';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://malo.example","clic")', `"'=HYPERLINK(""http://malo.example"",""clic"")"`],
    ['=1+1', "'=1+1"],
    ['+56 9 1234 5678', "'+56 9 1234 5678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('quotes separators, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dijo "sí"')).toBe('"dijo ""sí"""');
    expect(csvCell('una\r\nlínea')).toBe('"una\r\nlínea"');
    expect(csvCell('ana@espiga.cl')).toBe('ana@espiga.cl');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
  });

  it('quotes a comma too: opened where the list separator is the comma, «x,=cmd» stays one cell', () => {
    expect(csvCell('x,=cmd|calc')).toBe('"x,=cmd|calc"');
    expect(csvCell('1,5')).toBe('"1,5"');
  });

  it('writes a whole file with a BOM, `;` and CRLF', () => {
    expect(
      csvFile([
        ['RUT', 'Motivo'],
        ['1-9', '=malo'],
      ]),
    ).toBe("\ufeffRUT;Motivo\r\n1-9;'=malo\r\n");
  });
});
