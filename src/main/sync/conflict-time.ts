/**
 * Who changed the central's side of a contact conflict, and when, as far as its answer tells
 * (the person's row it sends back with a refusal, MutationResult.current): the agent weighing
 * «Aplicar el mío» sees whether the colleague's value is newer than their own change, and whom
 * to ask about it.
 * - Each contact field carries when it last changed and who changed it, by name
 *   (`phone_changed_at`, `phone_changed_by`, `email_changed_at`, `email_changed_by`).
 * - Both fields in conflict: the later of the two changes, said of the contact as a whole.
 * - A field with no date (changed before the central kept one) says nothing: no guess.
 * Membership and request conflicts have no «keep mine» to weigh; they get none.
 */
import type { SyncIssue } from '../../shared/contract';
import type { Change } from '../../shared/sync-protocol';

export type CentralChange = NonNullable<SyncIssue['centralChange']>;

const CONTACT_FIELDS = ['email', 'phone'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

export function centralChangeOf(
  conflicts: ReadonlyArray<{ field: string }> | undefined,
  current: readonly Change[] | undefined,
  personKey: number | null,
): CentralChange | null {
  if (!conflicts || !current || personKey === null) return null;
  const fields = CONTACT_FIELDS.filter((field) => conflicts.some((c) => c.field === field));
  if (fields.length === 0) return null;
  const person = current.find((change) => change.entity === 'person' && change.key === personKey);
  const row = person?.row;
  if (!row) return null;
  const changes = fields.map((field: ContactField) => {
    const at = row[`${field}_changed_at`];
    const by = row[`${field}_changed_by`];
    return {
      of: field,
      at: typeof at === 'string' ? at : null,
      by: typeof by === 'string' ? by : null,
    };
  });
  // Every field in conflict must have its date: «la última vez» of two fields needs both.
  if (changes.some((change) => change.at === null)) return null;
  const latest = changes.reduce((a, b) => (b.at! > a.at! ? b : a));
  return { at: latest.at!, of: changes.length === 1 ? latest.of : 'contact', by: latest.by };
}
