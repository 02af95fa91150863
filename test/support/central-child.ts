/**
 * The central API in its own process, so a test can have it die (SIGKILL) in the middle of a
 * push batch: `central-child.ts <dataDir> <port> [crash-after-mutation N]` prints the ready line
 * `{"url":…}` and, when asked, kills itself right after processing the batch's mutation at
 * index N (before the batch commits).
 */
import { startCentralApi } from '../../src/central-api/server';
// The same instant as test/support/context.ts (not imported: it needs vitest).
const FIXED_NOW = new Date('2026-11-21T15:00:00.000Z');

const [dataDir, port, mode, index] = process.argv.slice(2) as [string, string, string?, string?];
const crashAt = mode === 'crash-after-mutation' ? Number(index) : null;
const api = await startCentralApi({
  dataDir,
  port: Number(port),
  demoPersons: 300,
  now: () => FIXED_NOW,
  pruneEveryMs: 0,
  log: () => {},
  onMutationProcessed:
    crashAt === null
      ? undefined
      : (at) => {
          if (at === crashAt) process.kill(process.pid, 'SIGKILL');
        },
});
process.stdout.write(`${JSON.stringify({ url: api.url, port: api.port })}\n`);
