import type { SyncStatus } from '../../../shared/contract';

/**
 * The states in which an action taken now stays on this desk for a while: the central API cannot
 * be reached, or this desk may not sync until someone does something (signs in again, updates,
 * re-enrols). In them the desk shows its own change at once, but the portal does not have it yet,
 * so the screen must not say it is done there.
 */
/** States in which this desk may not sync until someone acts (signs in, updates, re-enrols). */
export const WAITS_ON_SOMEONE: ReadonlySet<SyncStatus['state']> = new Set([
  'signed_out',
  'upgrade_required',
  'device_fork',
  'revoked',
]);
const HELD: ReadonlySet<SyncStatus['state']> = new Set(['offline', ...WAITS_ON_SOMEONE]);

/**
 * An action taken now waits on this desk. With no central API configured, it waits if this desk
 * ever synced: disconnected (its address removed), its replica is the central's copy cut off, and
 * nothing done here reaches the portal until an address is set again. A desk that never had one
 * (the standalone demo dataset) is its own record: nothing to wait for.
 */
export function actionsHeld(sync: SyncStatus | null): boolean {
  if (sync === null) return false;
  if (!sync.configured) return sync.lastSyncAt !== null;
  return HELD.has(sync.state);
}
