/**
 * Loaded inside the bulk worker by test/support/bulk-child.ts (CoreOptions.bulkWorker.instrument):
 * kills the whole process (SIGKILL) between two chunks once `at` rows are done, or inside a
 * chunk's transaction at its `at`th audit event — as bulk-child.ts does on the desk's own thread.
 */
import type { WorkerInstrument } from '../../src/main/bulk/apply-protocol';

const instrument: WorkerInstrument = (data, pieces) => {
  const { mode, at } = data as { mode: 'between-chunks' | 'mid-chunk'; at: number };
  if (mode === 'mid-chunk') {
    const append = pieces.audit.append.bind(pieces.audit);
    let events = 0;
    pieces.audit.append = (fields) => {
      events += 1;
      if (events === at) process.kill(process.pid, 'SIGKILL');
      return append(fields);
    };
    return {};
  }
  return {
    afterChunk: (batch) => {
      const done = batch.applied + batch.refused + batch.skipped - (batch.total - batch.planned);
      if (done >= at) process.kill(process.pid, 'SIGKILL');
    },
  };
};

export default instrument;
