/**
 * Why a bulk load's row was refused, said the same in the preview, the result and both CSVs: a
 * wrong check digit names the one expected, as every RUT field does (readRutField).
 */
import { bulkMessages } from './messages';
import { readRutField } from './rut-field';

export function bulkRefusalText(reason: string, rut: string): string {
  if (reason === 'invalid_rut') {
    const field = readRutField(rut);
    if (!field.ok) return field.error;
  }
  return bulkMessages.refusals[reason] ?? reason;
}
