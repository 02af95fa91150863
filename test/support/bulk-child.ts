/**
 * A desk applying a bulk load in its own process, so a test can see it killed by SIGKILL:
 *   bulk-child.ts <dataDir> <companyRut> <csvFile> between-chunks <rows>
 *     → kills itself once <rows> rows are done, between two chunks;
 *   bulk-child.ts <dataDir> <companyRut> <csvFile> mid-chunk <events>
 *     → kills itself inside a chunk's transaction, at its <events>th audit event.
 * Prints {"batchId":…} first, so the test knows which batch to look at.
 */
import fs from 'node:fs';
import { createCore } from '../../src/main/core';

const [dataDir, companyRut, csvFile, mode, at] = process.argv.slice(2) as [
  string,
  string,
  string,
  'between-chunks' | 'mid-chunk',
  string,
];
const core = createCore({
  dataDir,
  door: 'web',
  version: '0.1.0',
  demoPersons: 0,
  log: () => {},
  bulkChunkRows: 4,
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
if (mode === 'mid-chunk') {
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
  if (mode === 'between-chunks' && status.done >= Number(at)) process.kill(process.pid, 'SIGKILL');
  setImmediate(watch);
};
setImmediate(watch);
