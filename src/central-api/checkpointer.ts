/**
 * The central database's WAL checkpoints, off the push's path (issue 11).
 *
 * SQLite's automatic checkpoint runs inside the commit that fills the WAL past 1,000 pages: a
 * push group that crossed it copied every page of the groups before it into the database file
 * and synced it, on the event loop, before it could answer (about one group in five at 200
 * actions a batch; about 15 ms on top of a group's 8 ms here). Here a worker thread, on a
 * connection of its own, runs a PASSIVE checkpoint every `everyMs`: it copies what every reader
 * has moved past while the main thread goes on applying.
 *
 * The main connection still checkpoints, but only past `walPages` (10,000 pages, about 40 MB):
 * under writes that never pause the thread's checkpoints never catch up with the WAL's end, and
 * only a checkpoint that does lets the next write start the WAL over. That one then finds
 * almost everything copied already. Nothing is lost if the thread cannot start or fails: the
 * main connection checkpoints at 1,000 pages again, as before.
 */
import type BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../storage/worker-thread';

/** SQLite's own default, restored if the thread is gone. */
const AUTOCHECKPOINT_PAGES = 1000;
export const CHECKPOINT_EVERY_MS = 100;
/** The WAL's bound while the thread checkpoints (see above). */
export const WAL_PAGES_WITH_THREAD = 10_000;

const sourceEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'checkpoint-thread.ts');

export type CheckpointThreadData = { file: string; everyMs: number };
/** What the thread tells: a checkpoint that failed (it goes on trying). */
export type CheckpointThreadMessage = { error: string };

export type Checkpointer = {
  /** True while the thread checkpoints (false once the main connection does it again). */
  readonly running: boolean;
  /** Stops the thread; the main connection then checkpoints itself (and on close). */
  close(): Promise<void>;
};

export function startCheckpointer(
  sqlite: BetterSqlite3.Database,
  options: {
    file: string;
    log: (message: string, error?: unknown) => void;
    everyMs?: number;
    walPages?: number;
    /** The thread's entry; tests give a broken one. */
    entry?: string;
  },
): Checkpointer {
  let worker: Worker | null = null;
  const selfCheckpointing = () => {
    sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    worker = null;
  };
  const data: CheckpointThreadData = {
    file: options.file,
    everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS,
  };
  try {
    worker = startWorker(options.entry ?? sourceEntry, data);
  } catch (error) {
    options.log('the checkpoint thread could not start; the main connection checkpoints', error);
    return { running: false, close: async () => {} };
  }
  sqlite.pragma(`wal_autocheckpoint = ${options.walPages ?? WAL_PAGES_WITH_THREAD}`);
  const started = worker;
  let reported = false;
  started.on('message', (message: CheckpointThreadMessage) => {
    // Reported once: a failure that repeats every 100 ms would fill the log.
    if (reported) return;
    reported = true;
    options.log(`a WAL checkpoint failed: ${message.error}`);
  });
  started.on('error', (error) => {
    options.log('the checkpoint thread failed; the main connection checkpoints', error);
  });
  started.on('exit', () => {
    if (worker === started) selfCheckpointing();
  });
  return {
    get running() {
      return worker !== null;
    },
    async close() {
      if (worker !== started) return;
      selfCheckpointing();
      const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
      await started.terminate();
      await exited;
    },
  };
}
