/**
 * The central API's memory of bulk-load e-mail changes (central migration 0021): which portals had
 * the old address confirmed when a load's change cleared them. The undo of that change — and only
 * it, naming it (`undoOf`), putting back that address over the one the load set, once — may
 * confirm those portals again without a mail (rule 10). Server mode only: a desk replays what it
 * decided itself.
 */
import type Database from 'better-sqlite3';

export function createBulkEmailChanges(sqlite: Database.Database) {
  const insert = sqlite.prepare(
    `INSERT OR IGNORE INTO bulk_email_changes (action_id, person_rut, from_email, to_email, verified)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const find = sqlite.prepare(
    `SELECT person_rut, from_email, to_email, verified, undone_by FROM bulk_email_changes
     WHERE action_id = ?`,
  );
  const markUndone = sqlite.prepare(
    'UPDATE bulk_email_changes SET undone_by = ? WHERE action_id = ? AND undone_by IS NULL',
  );
  return {
    /** A load's change applied here, with the portals it found confirmed (none: not kept). */
    changed(
      actionId: string,
      personRut: number,
      from: string | null,
      to: string,
      verified: readonly string[],
    ): void {
      if (verified.length > 0) {
        insert.run(actionId, personRut, from, to, JSON.stringify(verified));
      }
    },
    /**
     * The portals the undo `actionId` may confirm again: those of the change `undoOf` it names,
     * for the same person, when it writes back that change's old address over its new one and no
     * undo took them before. null: nothing here vouches for it.
     */
    undone(
      undoOf: string,
      actionId: string,
      personRut: number,
      from: string | null,
      to: string,
    ): string[] | null {
      const row = find.get(undoOf) as
        | {
            person_rut: number;
            from_email: string | null;
            to_email: string;
            verified: string;
            undone_by: string | null;
          }
        | undefined;
      if (!row || row.person_rut !== personRut) return null;
      if (row.to_email !== from || row.from_email !== to) return null;
      if (row.undone_by !== null && row.undone_by !== actionId) return null;
      markUndone.run(actionId, undoOf);
      return JSON.parse(row.verified) as string[];
    },
  };
}

export type BulkEmailChanges = ReturnType<typeof createBulkEmailChanges>;
