/**
 * The main thread's side of the bulk worker (apply-worker.ts): starts it, hands it the batch's
 * rows in slices (a slice is cloned in a few milliseconds, so the event loop never waits long),
 * and relays cancel, stop, progress and the result.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewBatchRow } from '../repositories/bulk-batch-repository';
import type { Session } from '../services/context';
import type { WriteTurns } from '../db/write-turns';
import { startWorker } from '../../storage/worker-thread';
import {
  CONTROL_CANCEL,
  CONTROL_RUN,
  CONTROL_STOP,
  type ApplyWorkerData,
  type FromWorker,
  type ToWorker,
} from './apply-protocol';

/** Rows per message while a batch is recorded. */
const SLICE_ROWS = 2000;

export type ApplyThreadConfig = {
  file: string;
  key: Buffer | null;
  nativeBinding?: string;
  deviceId: string;
  turns: WriteTurns;
  /** The worker's script; by default the one beside this module (source or bundle). */
  entry?: string;
  chunkRows: number;
  budgetMs: number;
  cacheKb: number;
  walAutocheckpointPages: number;
  instrument?: { module: string; data: unknown };
};

export type ApplyThreadEvents = {
  progress: () => void;
  /**
   * The worker could not start or open the replica: nothing was written by it. `rows` are the
   * job's rows, none of them sent (null for a batch already recorded): this module holds the
   * only reference to them, dropped once they are sent.
   */
  unavailable: (message: string, rows: NewBatchRow[] | null) => void;
  ended: (end: 'done' | 'cancelled' | 'stopped') => void;
  failed: (phase: 'prepare' | 'apply', message: string) => void;
  /**
   * The worker has exited: its connection is closed, and the batch's checkpoint, which it runs
   * after reporting the batch ended, is over. Always last, once.
   */
  released: () => void;
};

const here = fileURLToPath(import.meta.url);

/** From source (tsx, vitest) the TypeScript entry; in the built app the bundle's own entry. */
export function defaultWorkerEntry(): string {
  return here.endsWith('.ts')
    ? path.join(path.dirname(here), 'apply-worker.ts')
    : path.join(path.dirname(here), 'bulk-apply-worker.js');
}

export function startApplyThread(
  config: ApplyThreadConfig,
  job: { batchId: string; session: Session; clockOffsetMs: number; rows: NewBatchRow[] | null },
  events: ApplyThreadEvents,
) {
  const entry = config.entry ?? defaultWorkerEntry();
  const control = new Int32Array(new SharedArrayBuffer(4));
  const data: ApplyWorkerData = {
    file: config.file,
    key: config.key ? new Uint8Array(config.key) : null,
    nativeBinding: config.nativeBinding,
    deviceId: config.deviceId,
    clockOffsetMs: job.clockOffsetMs,
    batchId: job.batchId,
    session: job.session,
    prepared: job.rows === null,
    chunkRows: config.chunkRows,
    budgetMs: config.budgetMs,
    cacheKb: config.cacheKb,
    walAutocheckpointPages: config.walAutocheckpointPages,
    turns: config.turns,
    control,
    instrument: config.instrument,
  };
  const worker = startWorker(entry, data);
  let settled = false;
  let started = false;
  const settle = (report: () => void) => {
    if (settled) return;
    settled = true;
    report();
  };
  let rows = job.rows;
  const sendRows = (from: number) => {
    if (settled || !rows) return;
    const to = Math.min(rows.length, from + SLICE_ROWS);
    const message: ToWorker = {
      type: 'rows',
      rows: rows.slice(from, to),
      last: to === rows.length,
    };
    worker.postMessage(message);
    if (to < rows.length) setImmediate(() => sendRows(to));
    else rows = null;
  };
  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'ready':
        started = true;
        sendRows(0);
        break;
      case 'prepared':
      case 'progress':
        started = true;
        events.progress();
        break;
      case 'ended':
        settle(() => events.ended(message.end));
        break;
      case 'stopped':
        settle(() => events.ended('stopped'));
        break;
      case 'failed':
        settle(() =>
          message.phase === 'open'
            ? events.unavailable(message.message, rows)
            : events.failed(message.phase, message.message),
        );
        break;
    }
  });
  worker.on('error', (error) => {
    settle(() =>
      started ? events.failed('apply', String(error)) : events.unavailable(String(error), rows),
    );
  });
  worker.on('exit', (code) => {
    // Ended (or failed) and then exited: the checkpoint after the report does not fail the batch.
    settle(() =>
      started
        ? events.failed('apply', `the bulk worker exited (${code})`)
        : events.unavailable(`the bulk worker exited (${code})`, rows),
    );
    events.released();
  });
  // The desk may close while the worker finishes its chunk: it must not keep the process up.
  worker.unref();
  return {
    cancel: () => {
      Atomics.compareExchange(control, 0, CONTROL_RUN, CONTROL_CANCEL);
    },
    /** The desk is closing: the worker commits its chunk and ends; the batch is resumed later. */
    stop: () => {
      Atomics.store(control, 0, CONTROL_STOP);
    },
  };
}

export type ApplyThread = ReturnType<typeof startApplyThread>;
