/** How soon the sync badge asks again: sooner while something moves, slowly otherwise. */
import { describe, expect, it } from 'vitest';
import { QUIET_STATUS } from '../support/sync-status';
import {
  SYNC_POLL_BUSY_MS,
  SYNC_POLL_IDLE_MS,
  syncPollMs,
} from '../../src/renderer/src/sync/sync-poll';
import { actionsHeld } from '../../src/renderer/src/components/actions-held';

const QUIET = QUIET_STATUS;

describe('syncPollMs', () => {
  it('is slow when nothing moves: synced, nothing pending', () => {
    expect(SYNC_POLL_BUSY_MS).toBeLessThan(SYNC_POLL_IDLE_MS);
    expect(syncPollMs(QUIET)).toBe(SYNC_POLL_IDLE_MS);
  });

  it('is quick before the first status and while a sync or a first cycle is under way', () => {
    expect(syncPollMs(null)).toBe(SYNC_POLL_BUSY_MS);
    expect(syncPollMs({ ...QUIET, state: 'syncing' })).toBe(SYNC_POLL_BUSY_MS);
    expect(syncPollMs({ ...QUIET, lastSyncAt: null })).toBe(SYNC_POLL_BUSY_MS);
    expect(syncPollMs({ ...QUIET, initialSync: { done: 10, total: 300 } })).toBe(SYNC_POLL_BUSY_MS);
    expect(syncPollMs({ ...QUIET, scopeChange: { done: 0, total: 40 } })).toBe(SYNC_POLL_BUSY_MS);
  });

  it('is quick while this agent has actions about to leave, online', () => {
    expect(syncPollMs({ ...QUIET, pending: 2 })).toBe(SYNC_POLL_BUSY_MS);
    expect(syncPollMs({ ...QUIET, pending: 3, waitingForOtherAgent: 1 })).toBe(SYNC_POLL_BUSY_MS);
  });

  it('is slow when the pending actions cannot leave now: offline, stuck, another agent’s', () => {
    expect(syncPollMs({ ...QUIET, pending: 2, online: false, state: 'offline' })).toBe(
      SYNC_POLL_IDLE_MS,
    );
    expect(syncPollMs({ ...QUIET, pending: 2, stuck: true })).toBe(SYNC_POLL_IDLE_MS);
    expect(syncPollMs({ ...QUIET, pending: 2, waitingForOtherAgent: 2 })).toBe(SYNC_POLL_IDLE_MS);
    expect(syncPollMs({ ...QUIET, state: 'not_configured', online: false, lastSyncAt: null })).toBe(
      SYNC_POLL_IDLE_MS,
    );
  });
});

describe('actionsHeld', () => {
  it('holds while the central API cannot be reached or this desk may not sync', () => {
    for (const state of [
      'offline',
      'signed_out',
      'upgrade_required',
      'device_fork',
      'revoked',
    ] as const) {
      expect(actionsHeld({ ...QUIET, state })).toBe(true);
    }
  });

  it('does not hold online, while syncing, before a status, or with no central API', () => {
    expect(actionsHeld(QUIET)).toBe(false);
    expect(actionsHeld({ ...QUIET, state: 'syncing' })).toBe(false);
    expect(actionsHeld(null)).toBe(false);
    expect(
      actionsHeld({ ...QUIET, configured: false, state: 'not_configured', lastSyncAt: null }),
    ).toBe(false);
  });

  it('holds on a desk disconnected from the central API it synced with', () => {
    expect(actionsHeld({ ...QUIET, configured: false, state: 'not_configured' })).toBe(true);
  });
});
