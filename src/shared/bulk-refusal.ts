/**
 * Why a bulk load's row was refused or skipped, said the same in the preview, the result and
 * both CSVs: a wrong check digit names the one expected, as every RUT field does (readRutField);
 * a RUT repeated in the file names the file's other row with it (for other values, one that
 * differs; for the same, the first), where it is known (batches recorded before migration 0038
 * kept none).
 */
import { bulkMessages } from './messages';
import { readRutField } from './rut-field';
import { looksLikeCompanyRut } from './rut';

export function bulkRefusalText(reason: string, rut: string, otherLine?: number | null): string {
  if (reason === 'invalid_rut') {
    // An empty cell is a RUT missing, not one written wrong.
    if (rut.trim() === '') return bulkMessages.missingRut;
    const field = readRutField(rut);
    if (!field.ok) return field.error;
  }
  if (reason === 'not_registered' && looksLikeCompanyRut(rut)) return bulkMessages.companyRut;
  const text = bulkMessages.refusals[reason] ?? reason;
  return (reason === 'duplicate_conflict' || reason === 'duplicate') && otherLine
    ? bulkMessages.seeLine(text, otherLine)
    : text;
}
