/**
 * When the desktop app may restart into a downloaded update: never with a call open, never
 * before the outbox is safely on disk, only for a verified download newer than what runs.
 * Pure, so every rule has a test (test/unit/update-decision.test.ts).
 */
import { compareVersions } from '../../shared/version';

/** A call left open longer than this is taken as forgotten, so it does not block updates forever. */
export const ABANDONED_CALL_MS = 12 * 60 * 60_000;
/** Checks against the update address: at start and then this often. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60_000;

export type UpdatePhase =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'downloading'; version: string }
  | { phase: 'ready'; version: string };

export type UpdateState = UpdatePhase & {
  /** A download that passed its checksum, kept even while a newer check runs or fails. */
  downloaded: string | null;
  lastError: string | null;
};

export type UpdateEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

export const initialUpdateState: UpdateState = { phase: 'idle', downloaded: null, lastError: null };

/** What each updater event does; an error (a failed or corrupt download) changes nothing else. */
export function nextUpdateState(state: UpdateState, event: UpdateEvent): UpdateState {
  const settled = (): UpdateState =>
    state.downloaded
      ? { phase: 'ready', version: state.downloaded, downloaded: state.downloaded, lastError: null }
      : { phase: 'idle', downloaded: null, lastError: null };
  switch (event.type) {
    case 'checking':
      return { ...state, phase: 'checking' } as UpdateState;
    case 'available':
      return {
        phase: 'downloading',
        version: event.version,
        downloaded: state.downloaded,
        lastError: null,
      };
    case 'not-available':
      return settled();
    case 'downloaded':
      return { phase: 'ready', version: event.version, downloaded: event.version, lastError: null };
    case 'error':
      return { ...settled(), lastError: event.message };
  }
}

export type RestartSituation = {
  currentVersion: string;
  downloaded: string | null;
  /** When each call still open on this desk began (ISO), whoever took it. */
  openCallsSince: string[];
  now: Date;
  /** The outbox and the rest of the replica are checkpointed to the database file. */
  outboxOnDisk: boolean;
  /** A write is under way (a push being recorded, an action being saved). */
  writing: boolean;
};

export type RestartDecision =
  | { restart: true; version: string }
  | {
      restart: false;
      reason: 'no_update' | 'not_newer' | 'call_open' | 'outbox_not_on_disk' | 'writing';
    };

export function decideRestart(situation: RestartSituation): RestartDecision {
  const { downloaded } = situation;
  if (!downloaded) return { restart: false, reason: 'no_update' };
  // An unreadable version is never newer.
  if ((compareVersions(downloaded, situation.currentVersion) ?? 0) <= 0) {
    return { restart: false, reason: 'not_newer' };
  }
  const live = situation.openCallsSince.filter(
    (since) => situation.now.getTime() - Date.parse(since) < ABANDONED_CALL_MS,
  );
  if (live.length > 0) return { restart: false, reason: 'call_open' };
  if (situation.writing) return { restart: false, reason: 'writing' };
  if (!situation.outboxOnDisk) return { restart: false, reason: 'outbox_not_on_disk' };
  return { restart: true, version: downloaded };
}

/** Whether to offer "Reiniciar para actualizar" now: the same rule, before flushing anything. */
export function shouldOffer(
  situation: Omit<RestartSituation, 'outboxOnDisk' | 'writing'>,
): boolean {
  const decision = decideRestart({ ...situation, outboxOnDisk: true, writing: false });
  return decision.restart;
}
