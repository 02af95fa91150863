/** When a temporary lock on screen ends (lock-ends.ts reads the screen again then). */
import type { Badge } from '../../../shared/contract';

/** The earliest end still to come of a temporary lock among `badges`, in ms; null: none. */
export function nextLockEnd(badges: ReadonlyArray<readonly Badge[]>, now: number): number | null {
  let next: number | null = null;
  for (const list of badges) {
    for (const badge of list) {
      if (badge.code !== 'temporarily_locked') continue;
      const end = Date.parse(badge.until);
      if (Number.isFinite(end) && end > now && (next === null || end < next)) next = end;
    }
  }
  return next;
}
