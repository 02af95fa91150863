/**
 * Audit chain anchoring (issue 10): the anchors this desk holds (see sync/audit-anchor.ts).
 * A replica from before migration 0013 has none.
 */
import type Database from 'better-sqlite3';
import type { StoredAnchor } from '../domain/audit-anchor-check';

export function listAuditAnchors(sqlite: Database.Database): StoredAnchor[] {
  return sqlite
    .prepare('SELECT seq, hash, anchored_at AS anchoredAt FROM audit_anchors ORDER BY seq')
    .all() as StoredAnchor[];
}
