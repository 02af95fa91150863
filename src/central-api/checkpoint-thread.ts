/**
 * Worker thread entry (checkpointer.ts): a PASSIVE checkpoint of the central database every
 * `everyMs`, on a connection of its own, until the thread is terminated. With synchronous = FULL
 * a checkpoint syncs the WAL before it copies and the database file after, as the automatic one
 * did.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteDriver } from '../storage/db/connection';
import type { CheckpointThreadData, CheckpointThreadMessage } from './checkpointer';

const { file, everyMs } = workerData as CheckpointThreadData;
const sqlite = new SqliteDriver(file);
sqlite.pragma('synchronous = FULL');
const checkpoint = sqlite.prepare('PRAGMA wal_checkpoint(PASSIVE)');

setInterval(() => {
  try {
    checkpoint.get();
  } catch (error) {
    const message: CheckpointThreadMessage = {
      error: error instanceof Error ? error.message : String(error),
    };
    parentPort?.postMessage(message);
  }
}, everyMs);
