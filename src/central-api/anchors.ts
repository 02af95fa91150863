/**
 * Audit chain anchoring (issue 10): a device's audit chain heads, kept per device. A head is
 * stored only when it goes past the highest one anchored for that device; a head at or below it
 * is never stored (the table is append-only) and is answered as disagreeing when it does not
 * match what was anchored. One synchronous transaction per request.
 */
import type Database from 'better-sqlite3';
import {
  MAX_ANCHORS_ANSWERED,
  type AnchorResponse,
  type AuditAnchor,
  type AuditHead,
} from '../shared/sync-protocol';

export function createAnchors(sqlite: Database.Database, now: () => Date) {
  const highest = sqlite.prepare(
    'SELECT seq, hash FROM device_audit_anchors WHERE device_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const atSeq = sqlite.prepare(
    'SELECT hash FROM device_audit_anchors WHERE device_id = ? AND seq = ?',
  );
  const insert = sqlite.prepare(
    `INSERT INTO device_audit_anchors (device_id, seq, hash, event_at, agent_id, anchored_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const latest = sqlite.prepare(
    `SELECT seq, hash, anchored_at AS anchoredAt FROM device_audit_anchors WHERE device_id = ?
     ORDER BY seq DESC LIMIT +?`,
  );

  const anchor = sqlite.transaction(
    (deviceId: string, agentId: string, head: AuditHead): AnchorResponse => {
      const top = highest.get(deviceId) as { seq: number; hash: string } | undefined;
      let disagrees = false;
      if (!top || head.seq > top.seq) {
        insert.run(deviceId, head.seq, head.hash, head.at, agentId, now().toISOString());
      } else {
        const same = atSeq.get(deviceId, head.seq) as { hash: string } | undefined;
        // The chain only grows: a head below the highest anchored one means events were removed.
        disagrees = same ? same.hash !== head.hash : true;
      }
      return {
        anchors: latest.all(deviceId, MAX_ANCHORS_ANSWERED) as AuditAnchor[],
        disagrees,
      };
    },
  );

  return { anchor };
}

export type Anchors = ReturnType<typeof createAnchors>;
