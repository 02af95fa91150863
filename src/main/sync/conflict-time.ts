/**
 * When the central's side of a contact conflict changed, as far as its answer tells (the
 * person's row it sends back with a refusal, MutationResult.current): the agent weighing «Aplicar
 * el mío» sees whether the colleague's value is newer than their own change.
 * - A phone carries when it last changed (`phone_changed_at`): that is the moment, exactly.
 * - An e-mail carries no date of its own: the row's last change (`updated_at`) is the latest it
 *   can have changed, and is said as the record's last change, nothing more.
 * Membership and request conflicts have no «keep mine» to weigh; they get none.
 */
import type { SyncIssue } from '../../shared/contract';
import type { Change } from '../../shared/sync-protocol';

export type CentralChange = NonNullable<SyncIssue['centralChange']>;

export function centralChangeOf(
  conflicts: ReadonlyArray<{ field: string }> | undefined,
  current: readonly Change[] | undefined,
  personKey: number | null,
): CentralChange | null {
  if (!conflicts || !current || personKey === null) return null;
  const fields = new Set(conflicts.map((conflict) => conflict.field));
  if (!fields.has('email') && !fields.has('phone')) return null;
  const person = current.find((change) => change.entity === 'person' && change.key === personKey);
  const row = person?.row;
  if (!row) return null;
  const phoneAt = row['phone_changed_at'];
  if (fields.size === 1 && fields.has('phone') && typeof phoneAt === 'string') {
    return { at: phoneAt, of: 'phone' };
  }
  const updatedAt = row['updated_at'];
  return typeof updatedAt === 'string' ? { at: updatedAt, of: 'record' } : null;
}
