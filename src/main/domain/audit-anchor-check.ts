/**
 * Audit chain anchoring (issue 10): the local chain checked against the heads the central API
 * anchored. A file rewritten and rehashed from some event on passes the hash chain, but its hash
 * at every anchored sequence number at or after that event no longer matches the anchor. Pure.
 */
import type { AnchorReport } from '../../shared/contract';

export type StoredAnchor = { seq: number; hash: string; anchoredAt: string };

/** `events` in sequence order; `anchors` in any order. */
export function checkAnchors(
  events: Iterable<{ seq: number; hash: string }>,
  anchors: readonly StoredAnchor[],
): AnchorReport {
  if (anchors.length === 0) return { state: 'none' };
  const sorted = [...anchors].sort((a, b) => a.seq - b.seq);
  const bySeq = new Map(sorted.map((anchor) => [anchor.seq, anchor]));
  let lastLocal = 0;
  for (const event of events) {
    lastLocal = event.seq;
    const anchor = bySeq.get(event.seq);
    if (anchor && anchor.hash !== event.hash) {
      return {
        state: 'disagrees',
        seq: anchor.seq,
        anchoredAt: anchor.anchoredAt,
        problem: 'hash_differs',
      };
    }
  }
  const beyond = sorted.find((anchor) => anchor.seq > lastLocal);
  if (beyond) {
    return {
      state: 'disagrees',
      seq: beyond.seq,
      anchoredAt: beyond.anchoredAt,
      problem: 'event_missing',
    };
  }
  const last = sorted[sorted.length - 1]!;
  return {
    state: 'agrees',
    anchors: sorted.length,
    lastSeq: last.seq,
    lastAnchoredAt: last.anchoredAt,
    unanchored: lastLocal - last.seq,
  };
}
