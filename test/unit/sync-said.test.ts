/** What the sync badge says to a screen reader as the status changes (sync-said.ts). */
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/contract';
import { QUIET_STATUS } from '../support/sync-status';
import { syncMessages } from '../../src/shared/messages';
import { statusSaid } from '../../src/renderer/src/sync/sync-said';

const ONLINE = QUIET_STATUS;
const OFFLINE: SyncStatus = { ...ONLINE, state: 'offline', online: false, pending: 3 };
const { linkSaid, reviewGrew } = syncMessages;

describe('statusSaid', () => {
  it('says the link lost once, and back only after it was said lost', () => {
    const lost = { current: false };
    expect(statusSaid(ONLINE, OFFLINE, lost)).toBe(linkSaid.offline);
    expect(statusSaid(OFFLINE, { ...OFFLINE, pending: 4 }, lost)).toBeNull();
    expect(statusSaid(OFFLINE, ONLINE, lost)).toBe(linkSaid.back);
    expect(statusSaid(ONLINE, { ...ONLINE, pending: 1 }, lost)).toBeNull();
  });

  it('says both when one status brings the link back and a conflict', () => {
    const lost = { current: false };
    statusSaid(ONLINE, OFFLINE, lost);
    expect(statusSaid(OFFLINE, { ...ONLINE, conflicts: 1 }, lost)).toBe(
      `${linkSaid.back} ${reviewGrew(1)}`,
    );
  });

  it('keeps a conflict said a status before the link is seen back: back online says it again', () => {
    const lost = { current: false };
    statusSaid(ONLINE, OFFLINE, lost);
    // The push's answer counted before the desk saw itself online again…
    const conflicted = { ...OFFLINE, state: 'syncing' as const, conflicts: 1 };
    expect(statusSaid(OFFLINE, conflicted, lost)).toBe(reviewGrew(1));
    // …«de nuevo en línea» does not replace it.
    expect(statusSaid(conflicted, { ...ONLINE, conflicts: 1 }, lost)).toBe(
      `${linkSaid.back} ${reviewGrew(1)}`,
    );
  });

  it('says what is left to review once some are settled, so the region never keeps a count gone', () => {
    const lost = { current: false };
    const two = { ...ONLINE, conflicts: 1, rejected: 1 };
    expect(statusSaid(ONLINE, two, lost)).toBe(reviewGrew(2));
    expect(statusSaid(two, { ...ONLINE, conflicts: 1 }, lost)).toBe(
      'Sincronización: queda 1 acción por revisar.',
    );
    expect(statusSaid({ ...ONLINE, conflicts: 1 }, ONLINE, lost)).toBe(
      'Sincronización: no quedan acciones por revisar.',
    );
  });
});
