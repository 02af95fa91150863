/**
 * A desk applying a bulk load in its own process, so a test can see it killed by SIGKILL:
 *   bulk-child.ts <dataDir> <companyRut> <csvFile> between-chunks <rows> [thread|worker]
 *     → kills itself once <rows> rows are done, between two chunks;
 *   bulk-child.ts <dataDir> <companyRut> <csvFile> mid-chunk <events> [thread|worker]
 *     → kills itself inside a chunk's transaction, at its <events>th audit event.
 * `thread` (default) applies on the desk's own thread; `worker` on the bulk worker, where
 * test/support/bulk-kill-instrument.ts does the killing.
 * Prints {"batchId":…} first, so the test knows which batch to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../src/main/core';

const [dataDir, companyRut, csvFile, mode, at, where = 'thread'] = process.argv.slice(2) as [
  string,
  string,
  string,
  'between-chunks' | 'mid-chunk',
  string,
  'thread' | 'worker' | undefined,
];
const onWorker = where === 'worker';
const core = createCore({
  dataDir,
  door: 'web',
  version: '0.1.0',
  demoPersons: 0,
  log: () => {},
  bulkChunkRows: 4,
  bulkWorker: onWorker
    ? {
        minRows: 1,
        instrument: {
          module: path.resolve(import.meta.dirname, 'bulk-kill-instrument.ts'),
          data: { mode, at: Number(at) },
        },
      }
    : false,
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as the contract shapes it
const value = (envelope: any) => {
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value;
};
value(core.dispatchNow('auth.signIn', { username: 'supervisora', password: 'super600' }));
const preview = value(
  core.dispatchNow('bulkLoads.preview', {
    companyRut,
    fileName: 'caida.csv',
    contentBase64: fs.readFileSync(csvFile).toString('base64'),
  }),
);
if (mode === 'mid-chunk' && !onWorker) {
  const audit = core.context.repos.audit;
  const append = audit.append.bind(audit);
  let events = 0;
  audit.append = (fields) => {
    events += 1;
    if (events === Number(at)) process.kill(process.pid, 'SIGKILL');
    return append(fields);
  };
}
const batch = value(
  core.dispatchNow('bulkLoads.apply', { previewId: preview.previewId, reason: 'Prueba de caída' }),
);
process.stdout.write(`${JSON.stringify({ batchId: batch.batchId })}\n`);
const watch = () => {
  const status = value(core.dispatchNow('bulkLoads.status', { batchId: batch.batchId }));
  if (mode === 'between-chunks' && !onWorker && status.done >= Number(at)) {
    process.kill(process.pid, 'SIGKILL');
  }
  setImmediate(watch);
};
setImmediate(watch);
