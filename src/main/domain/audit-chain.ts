/**
 * The audit log's hash chain: each event's hash covers the previous event's hash and every
 * field of its own, so changing, removing or reordering any stored event breaks the chain at
 * that point. Pure.
 */
import { hash } from 'node:crypto';
import type { ChainReport } from '../../shared/contract';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditFields = {
  id: string;
  at: string;
  agentId: string;
  deviceId: string;
  personRut: number | null;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  identityCheck: string | null;
  interactionId: string | null;
};

export type StoredAuditEvent = AuditFields & { seq: number; prevHash: string; hash: string };

/** Fields in a fixed order, so the hash never depends on how an object was built. */
export function auditHash(prevHash: string, event: AuditFields): string {
  const canonical = JSON.stringify([
    prevHash,
    event.id,
    event.at,
    event.agentId,
    event.deviceId,
    event.personRut,
    event.action,
    event.before,
    event.after,
    event.reason,
    event.identityCheck,
    event.interactionId,
  ]);
  // One call (no Hash object): half the time of createHash's, per event of a bulk load.
  return hash('sha256', canonical, 'hex');
}

/** Walks events in sequence order and names the first one that does not fit the chain. */
export function verifyChain(events: Iterable<StoredAuditEvent>): ChainReport {
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  for (const event of events) {
    if (event.prevHash !== expectedPrev) {
      return {
        ok: false,
        checked,
        firstBroken: { seq: event.seq, id: event.id, problem: 'link_broken' },
      };
    }
    if (auditHash(event.prevHash, event) !== event.hash) {
      return {
        ok: false,
        checked,
        firstBroken: { seq: event.seq, id: event.id, problem: 'hash_mismatch' },
      };
    }
    expectedPrev = event.hash;
    checked++;
  }
  return { ok: true, checked };
}
