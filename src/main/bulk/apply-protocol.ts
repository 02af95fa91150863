/**
 * What the desk's main thread and the bulk worker (apply-worker.ts) say to each other.
 */
import type { AuditRepository } from '../repositories/audit-repository';
import type { BatchRow, NewBatchRow } from '../repositories/bulk-batch-repository';
import type { Session } from '../services/context';
import type { WriteTurns } from '../db/write-turns';

/** control[0]: 0 runs; cancel stops the batch between rows; stop leaves it for the next start. */
export const CONTROL_RUN = 0;
export const CONTROL_CANCEL = 1;
export const CONTROL_STOP = 2;

export type ApplyWorkerData = {
  file: string;
  /** The replica's key (the worker opens its own connection to the same file). */
  key: Uint8Array | null;
  nativeBinding?: string;
  deviceId: string;
  /** The desk's clock minus this machine's (tests run the desk on a fixed clock). */
  clockOffsetMs: number;
  batchId: string;
  session: Session;
  /** The rows are already recorded (a resumed batch): apply at once. */
  prepared: boolean;
  chunkRows: number;
  budgetMs: number;
  cacheKb: number;
  walAutocheckpointPages: number;
  turns: WriteTurns;
  control: Int32Array;
  /** Tests only: a module that may wrap the worker's pieces (a kill at an audit event). */
  instrument?: { module: string; data: unknown };
};

export type ToWorker = { type: 'rows'; rows: NewBatchRow[]; last: boolean };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'prepared' }
  | { type: 'progress' }
  | { type: 'ended'; end: 'done' | 'cancelled' }
  | { type: 'stopped' }
  | { type: 'failed'; phase: 'open' | 'prepare' | 'apply'; message: string };

/** A test instrument's default export: may replace pieces' methods; hooks after each chunk. */
export type WorkerInstrument = (
  data: unknown,
  pieces: { audit: AuditRepository },
) => { afterChunk?: (batch: BatchRow) => void };
