/**
 * The bulk worker (issue 8): a large batch is recorded and applied on a thread of its own, with
 * its own connection to the replica, so its commits (synchronous = FULL), fsyncs and WAL
 * checkpoints never hold the desk's event loop. The main thread only relays progress, cancel
 * and the result (src/main/bulk/apply-thread.ts).
 *
 * Per row it does exactly what the desk's own thread does for a small batch (apply-batch.ts).
 * Each chunk is one IMMEDIATE transaction of at most `budgetMs` of row work; it ends early when
 * the main thread wants the write lock (db/write-turns.ts), and waits for it after committing.
 * A kill loses at most the chunk in flight, as a whole; its rows stay pending.
 *
 * Bundled on its own by electron-vite (`bulk-apply-worker.js` beside the main bundle); run from
 * source under tsx (the web door, tests, benchmarks).
 */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { NewBatchRow } from '../repositories/bulk-batch-repository';
import { createAuditRepository } from '../repositories/audit-repository';
import { createOutboxRepository } from '../repositories/outbox-repository';
import { createPersonWriteRepository } from '../../intents/person-write-repository';
import { applyReplicaKey, makeReplicaDurable, openSqlite } from '../../storage/db/database';
import { mainWantsLock, waitForMain } from '../db/write-turns';
import { createBatchApplier } from './apply-batch';
import {
  CONTROL_CANCEL,
  CONTROL_STOP,
  type ApplyWorkerData,
  type FromWorker,
  type ToWorker,
  type WorkerInstrument,
} from './apply-protocol';

const data = workerData as ApplyWorkerData;
const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);
const control = data.control;

function open() {
  const sqlite = openSqlite(data.file, { nativeBinding: data.nativeBinding });
  try {
    if (data.key) {
      applyReplicaKey(sqlite, Buffer.from(data.key), data.file);
      sqlite.pragma('temp_store = MEMORY');
    }
    sqlite.pragma('journal_mode = WAL');
    // As the desk's own connection: an applied row survives a power cut (see core.ts).
    makeReplicaDurable(sqlite);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // A small cache: this thread touches each row's pages once, and its memory is the desk's.
    sqlite.pragma(`cache_size = -${data.cacheKb}`);
    // Checkpoints happen here, after a commit (the desk's connection does none meanwhile): a
    // PASSIVE checkpoint holds no write lock, so the desk's own writes never wait for one.
    sqlite.pragma(`wal_autocheckpoint = ${data.walAutocheckpointPages}`);
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * The batch's one checkpoint (wal_autocheckpoint is set high, see bulk-loads.ts), here rather
 * than on the desk's thread, which gets its own checkpoints back once this thread exits. It runs
 * after the batch is reported ended: every row is durable in the WAL by then, so the report
 * need not wait for this housekeeping, and a checkpoint that fails or is cut short by a kill
 * only leaves its work to the next one. PASSIVE: it takes no write lock, and copies what no
 * reader still needs.
 */
function checkpoint(sqlite: ReturnType<typeof open>) {
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Left to the desk's next checkpoint.
  }
}

async function main() {
  let sqlite: ReturnType<typeof open>;
  try {
    sqlite = open();
  } catch (error) {
    send({ type: 'failed', phase: 'open', message: String(error) });
    return;
  }
  const pieces = {
    sqlite,
    writes: createPersonWriteRepository(sqlite),
    outbox: createOutboxRepository(sqlite),
    audit: createAuditRepository(sqlite),
  };
  let hooks: ReturnType<WorkerInstrument> = {};
  if (data.instrument) {
    const module = (await import(pathToFileURL(data.instrument.module).href)) as {
      default: WorkerInstrument;
    };
    hooks = module.default(data.instrument.data, pieces);
  }
  const applier = createBatchApplier({
    ...pieces,
    deviceId: data.deviceId,
    now: () => new Date(Date.now() + data.clockOffsetMs),
  });
  const batchId = data.batchId;
  const finish = (message: FromWorker) => {
    sqlite.close();
    send(message);
    port.close();
  };

  let lastSeq = 0;
  const limits = {
    maxRows: data.chunkRows,
    budgetMs: data.budgetMs,
    interrupt: () => {
      const state = Atomics.load(control, 0);
      if (state === CONTROL_CANCEL) return 'cancel' as const;
      if (state === CONTROL_STOP || mainWantsLock(data.turns)) return 'yield' as const;
      return null;
    },
  };
  const step = () => {
    try {
      waitForMain(data.turns);
      if (Atomics.load(control, 0) === CONTROL_STOP) {
        finish({ type: 'stopped' });
        return;
      }
      const chunk = sqlite
        .transaction(() => applier.runChunk(batchId, data.session, lastSeq, limits))
        .immediate();
      lastSeq = chunk.lastSeq;
      hooks.afterChunk?.(applier.batches.batch(batchId)!);
      if (chunk.end === 'more') {
        send({ type: 'progress' });
        setImmediate(step);
      } else {
        send({ type: 'ended', end: chunk.end });
        checkpoint(sqlite);
        sqlite.close();
        port.close();
      }
    } catch (error) {
      // The chunk rolled back as a whole: the batch waits, interrupted, for a person.
      finish({ type: 'failed', phase: 'apply', message: String(error) });
    }
  };

  if (data.prepared) {
    setImmediate(step);
    return;
  }
  // The batch's rows arrive in slices; each is recorded in a transaction of its own.
  send({ type: 'ready' });
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'rows') return;
    try {
      waitForMain(data.turns);
      if (Atomics.load(control, 0) === CONTROL_STOP) {
        finish({ type: 'stopped' });
        return;
      }
      const batch = applier.batches.batch(batchId)!;
      sqlite
        .transaction(() => applier.recordRows(batch, message.rows as NewBatchRow[], message.last))
        .immediate();
    } catch (error) {
      finish({ type: 'failed', phase: 'prepare', message: String(error) });
      return;
    }
    if (message.last) {
      send({ type: 'prepared' });
      setImmediate(step);
    }
  });
}

void main();
