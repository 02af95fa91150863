/**
 * Audit chain anchoring, the desk's half (issue 10). Each sync cycle, right after the push, the
 * head of the local audit chain goes to the central API (`POST /sync/anchor`); the anchors the
 * central API answers for this device are stored in `audit_anchors`, where `audit:verify` and
 * the audit screen find them. The central API's copy is the authority: a stored anchor that
 * differs from its answer is overwritten with it.
 */
import type Database from 'better-sqlite3';
import type { AnchorRequest, AnchorResponse, AuditAnchor } from '../../shared/sync-protocol';
import { CentralError } from './central-client';

export type AnchorSend = (body: AnchorRequest) => Promise<AnchorResponse>;

export function createAuditAnchoring(
  sqlite: Database.Database,
  deviceId: string,
  now: () => Date,
  log: (message: string, error?: unknown) => void,
) {
  const head = sqlite.prepare('SELECT seq, hash, at FROM audit_events ORDER BY seq DESC LIMIT 1');
  const upsert = sqlite.prepare(
    `INSERT INTO audit_anchors (seq, hash, anchored_at, received_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (seq) DO UPDATE SET hash = excluded.hash, anchored_at = excluded.anchored_at,
       received_at = excluded.received_at`,
  );
  const store = sqlite.transaction((anchors: AuditAnchor[], at: string) => {
    for (const anchor of anchors) upsert.run(anchor.seq, anchor.hash, anchor.anchoredAt, at);
  });

  return {
    /**
     * Sends the chain's head and keeps the answer. A central API without the route (an older
     * one answers 404) does not stop the sync: the chain just stays unanchored, and says so.
     */
    async anchor(send: AnchorSend): Promise<void> {
      const row = head.get() as { seq: number; hash: string; at: string } | undefined;
      if (!row) return;
      let answer: AnchorResponse;
      try {
        answer = await send({ deviceId, head: row });
      } catch (error) {
        if (error instanceof CentralError && error.kind === 'bad_response') {
          log('audit anchor not accepted by the central API', error);
          return;
        }
        throw error;
      }
      store(answer.anchors, now().toISOString());
    },
  };
}
