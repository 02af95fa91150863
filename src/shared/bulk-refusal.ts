/**
 * Why a bulk load's row was refused, said the same in the preview, the result and both CSVs: a
 * wrong check digit names the one expected, as every RUT field does (readRutField); a RUT
 * repeated with other values names the file's other row with it, where the file is at hand (the
 * preview and its rows-with-problems CSV).
 */
import { bulkMessages } from './messages';
import { readRutField } from './rut-field';

export function bulkRefusalText(reason: string, rut: string, otherLine?: number | null): string {
  if (reason === 'invalid_rut') {
    const field = readRutField(rut);
    if (!field.ok) return field.error;
  }
  const text = bulkMessages.refusals[reason] ?? reason;
  return reason === 'duplicate_conflict' && otherLine
    ? bulkMessages.seeLine(text, otherLine)
    : text;
}
