import type { SyncStatus } from '../../../shared/contract';

/** How often the badge asks for the sync status when nothing is moving. */
export const SYNC_POLL_IDLE_MS = 3000;
/**
 * …and while something is: a badge polled every 3 s said «Sincronizando» for up to 3 s after a
 * sync had ended, and showed an action leaving the queue that much late.
 */
export const SYNC_POLL_BUSY_MS = 500;

/** When the badge asks again, given the status it shows now (null: not known yet). */
export function syncPollMs(sync: SyncStatus | null): number {
  if (sync === null) return SYNC_POLL_BUSY_MS;
  const moving =
    sync.state === 'syncing' ||
    sync.initialSync !== null ||
    sync.scopeChange !== null ||
    // Signed in, the first cycle about to start.
    (sync.state === 'idle' && sync.lastSyncAt === null) ||
    // This agent's actions about to leave (offline, stuck, or another agent's waiting for that
    // agent: the slow pace).
    (sync.online && !sync.stuck && sync.pending > sync.waitingForOtherAgent);
  return moving ? SYNC_POLL_BUSY_MS : SYNC_POLL_IDLE_MS;
}
