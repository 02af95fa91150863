/**
 * Updates (electron-updater behind `UpdaterLike`): check the address IT configured at start
 * and every few hours, download in the background, and offer "Reiniciar para actualizar" only
 * when update-decision.ts allows it; restart only after the replica is checkpointed to disk.
 */
import {
  decideRestart,
  initialUpdateState,
  nextUpdateState,
  shouldOffer,
  UPDATE_CHECK_INTERVAL_MS,
  type UpdateEvent,
  type UpdateState,
} from './update-decision';

/** The part of electron-updater's AppUpdater used here. */
export type UpdaterLike = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each event has its own arguments
  on(event: string, listener: (...args: any[]) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
};

export type UpdateControllerOptions = {
  updater: UpdaterLike;
  feedUrl: string;
  currentVersion: string;
  /** Calls open on this desk (when each began) and whether a write is under way. */
  situation: () => { openCallsSince: string[]; writing: boolean };
  /** Checkpoints the replica (outbox included) into its file; false when it could not. */
  flushToDisk: () => boolean;
  /** Asks the agent; true for "Reiniciar para actualizar". */
  ask: (version: string) => Promise<boolean>;
  /** Closes what must be closed before the installer runs (the replica). */
  beforeInstall: () => void;
  log: (message: string, error?: unknown) => void;
  now?: () => Date;
  checkEveryMs?: number;
  /** How often a ready update looks again for a moment to be offered (a call ending). */
  retryEveryMs?: number;
  /** After "Más tarde", the offer comes back after this long. */
  snoozeMs?: number;
};

export type UpdateController = {
  state: () => UpdateState;
  check: () => Promise<void>;
  /** Offers the restart if the moment is right; resolves when the agent has answered. */
  offerIfReady: () => Promise<void>;
  stop: () => void;
};

export function startUpdateController(options: UpdateControllerOptions): UpdateController {
  const { updater } = options;
  const now = options.now ?? (() => new Date());
  let state = initialUpdateState;
  let asking = false;
  let snoozedUntil = 0;
  let stopped = false;

  updater.autoDownload = true;
  // Installing is decided here (never with a call open), not left to the next quit.
  updater.autoInstallOnAppQuit = false;
  updater.setFeedURL({ provider: 'generic', url: options.feedUrl });

  const apply = (event: UpdateEvent) => {
    state = nextUpdateState(state, event);
    if (event.type === 'error') options.log('update failed; nothing changed', event.message);
    if (event.type === 'downloaded') offerSafely();
  };
  const on = <T>(name: string, listener: (arg: T) => void) => updater.on(name, listener);
  on('checking-for-update', () => apply({ type: 'checking' }));
  on<{ version: string }>('update-available', (info) =>
    apply({ type: 'available', version: info.version }),
  );
  on('update-not-available', () => apply({ type: 'not-available' }));
  on<{ version: string }>('update-downloaded', (info) =>
    apply({ type: 'downloaded', version: info.version }),
  );
  on<Error>('error', (error) => apply({ type: 'error', message: String(error?.message ?? error) }));

  const check = async () => {
    if (stopped) return;
    try {
      await updater.checkForUpdates();
    } catch (error) {
      apply({ type: 'error', message: String((error as Error)?.message ?? error) });
    }
  };

  const offerIfReady = async () => {
    if (stopped || asking || now().getTime() < snoozedUntil) return;
    const base = {
      currentVersion: options.currentVersion,
      downloaded: state.downloaded,
      now: now(),
      ...options.situation(),
    };
    if (!shouldOffer(base)) return;
    asking = true;
    try {
      const accepted = await options.ask(state.downloaded!);
      if (!accepted) {
        snoozedUntil = now().getTime() + (options.snoozeMs ?? 60 * 60_000);
        return;
      }
      // Asked again at the moment of restarting: a call may have opened while the dialog was up.
      const decision = decideRestart({
        ...base,
        now: now(),
        ...options.situation(),
        outboxOnDisk: options.flushToDisk(),
      });
      if (!decision.restart) {
        options.log(`update restart postponed: ${decision.reason}`);
        return;
      }
      stopped = true;
      clearInterval(checkTimer);
      clearInterval(retryTimer);
      options.beforeInstall();
      updater.quitAndInstall(true, true);
    } finally {
      asking = false;
    }
  };

  /** From a timer or an event: a failure (the replica closed under it, say) is logged, not thrown. */
  const offerSafely = () => {
    offerIfReady().catch((error: unknown) =>
      options.log(`update offer failed: ${String((error as Error)?.message ?? error)}`),
    );
  };

  const checkTimer = setInterval(
    () => void check(),
    options.checkEveryMs ?? UPDATE_CHECK_INTERVAL_MS,
  );
  const retryTimer = setInterval(offerSafely, options.retryEveryMs ?? 60_000);
  checkTimer.unref?.();
  retryTimer.unref?.();
  void check();

  return {
    state: () => state,
    check,
    offerIfReady,
    stop: () => {
      stopped = true;
      clearInterval(checkTimer);
      clearInterval(retryTimer);
    },
  };
}

/** The replica checkpointed into its file (WAL emptied); false while a write is under way. */
export function checkpointReplica(sqlite: {
  inTransaction: boolean;
  pragma: (source: string) => unknown;
}): boolean {
  if (sqlite.inTransaction) return false;
  try {
    const [row] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return row?.busy === 0;
  } catch {
    return false;
  }
}
