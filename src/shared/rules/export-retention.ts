/**
 * How long a Ley 21.719 export's files stay on the desk that made them (data minimisation, art.
 * 3): while its request is open they are needed to answer it; once it is closed (answered or
 * denied) they stay EXPORT_KEPT_DAYS more — time to hand the titular another copy should the
 * first not reach them — and then the desk removes them by itself, audited as the system's act.
 * An export made after its request closed gets its own EXPORT_KEPT_DAYS from when it was made.
 * The copies already handed out, and the export's record and audit events, are not touched.
 */

/** Days an export's files stay after its request closed (or after the export, if later). */
export const EXPORT_KEPT_DAYS = 30;

/** Who the audit names for what the desk does by itself (an export's files removed on time). */
export const SYSTEM_AGENT_ID = 'system';

const DAY_MS = 86_400_000;

/**
 * When the export's files are removed (ISO, the form of `closed_at` and `created_at`): null while
 * its request is open. Days of 24 hours, so a change of summer time moves nothing.
 */
export function exportRemovalAt(
  request: { closedAt: string | null },
  exportCreatedAt: string,
  days: number = EXPORT_KEPT_DAYS,
): string | null {
  if (request.closedAt === null) return null;
  const from = Math.max(Date.parse(request.closedAt), Date.parse(exportCreatedAt));
  if (Number.isNaN(from)) return null;
  return new Date(from + days * DAY_MS).toISOString();
}

/** Whether the export's files are due to be removed at `now`. */
export function exportRemovalDue(
  request: { closedAt: string | null },
  exportCreatedAt: string,
  now: Date,
  days: number = EXPORT_KEPT_DAYS,
): boolean {
  const at = exportRemovalAt(request, exportCreatedAt, days);
  return at !== null && Date.parse(at) <= now.getTime();
}
